"""The keys a terminal user reaches for while a lesson plays: ctrl+c pauses (or cancels a re-run
about to start), ctrl+z suspends to the shell (not where it is the editor's undo)."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import text_of, wait_for
from tests.ui.test_lesson_run import SIZE, lesson_screen, run_to_end


async def playing(pilot, app):
    """The lesson screen once space has played its run to a first step."""
    screen = lesson_screen(app)
    await pilot.press("space")
    await wait_for(pilot, lambda: screen.step_count >= 1, what="a first step")
    return screen


async def test_ctrl_c_pauses_a_playing_run_and_otherwise_says_how_to_quit(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("ctrl+c")  # nothing plays: how to quit, and no run starts
        assert screen.run_state is RunState.READY
        quits = [("ctrl+c", "nothing is playing · q quits, your progress is saved")]
        assert [(n.title, n.message) for n in app._notifications] == quits  # (Textual's "Do you want to quit?")
        await pilot.press("ctrl+c")  # said once, in the tutor's own voice
        assert [(n.title, n.message) for n in app._notifications] == quits
        app.clear_notifications()
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.step_count >= 1, what="a first step")
        await pilot.press("ctrl+c")
        assert screen.run_state is RunState.PAUSED and app.is_running
        said = [(n.title, n.message) for n in app._notifications if n.title]  # (not w's notice, untitled)
        assert said == [("Paused (ctrl+c)", "space plays on · r resets · q quits")]
        run, steps = screen.run, screen.step_count
        await pilot.press("space")  # the same run plays on from where it paused
        await wait_for(pilot, lambda: screen.step_count > steps, what="the run to go on")
        assert screen.run is run


async def test_ctrl_c_on_the_contents_says_how_to_quit_in_the_tutors_voice(small_catalog):
    """The contents let Textual answer: "Do you want to quit? / Press q to quit the app", the one
    screen that said nothing of the progress kept (a trial)."""
    app = GrokApp(small_catalog, speed=2)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ContentsScreen", what="the contents")
        await pilot.press("ctrl+c")
        await pilot.press("ctrl+c")
        assert [(n.title, n.message) for n in app._notifications] == [("ctrl+c", "q quits, your progress is saved")]
        assert app.is_running


async def test_ctrl_z_suspends_to_the_shell_but_not_where_it_is_undo(small_catalog, monkeypatch):
    """ctrl+z did nothing, and what a learner then typed for the shell (echo ..., fg) reached the
    tutor: `e` opened the exercise and the rest replaced its TODO. Suspended, the lesson's process
    played on unseen (step 3 before, step 14 after `fg`); and a help on top kept ctrl+z from the app."""
    from textual.screen import Screen
    from textual.widgets import TextArea

    from grok_tui.ui.screens.exercise import ExerciseScreen
    from grok_tui.ui.screens.help import HelpScreen

    suspended: list[tuple[str, bool]] = []

    def suspend(self) -> None:  # what the tutor leaves behind as it stops: a paused run
        suspended.append((type(self.screen).__name__, lesson.run is not None and lesson.run.paused))

    monkeypatch.setattr(GrokApp, "action_suspend_process", suspend)
    monkeypatch.setattr("grok_tui.ui.app.shell_can_resume", lambda: True)  # as from a learner's shell
    app = GrokApp(small_catalog, start_lesson="4.5", speed=2)
    async with app.run_test(size=SIZE) as pilot:
        lesson = await playing(pilot, app)
        await pilot.press("ctrl+z")
        assert suspended == [("LessonScreen", True)]  # paused before the tutor stops
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("ctrl+z")
        assert suspended[-1] == ("HelpScreen", True)
        await pilot.press("escape")

        class Editor(Screen):
            KEEPS_CTRL_Z = ExerciseScreen.KEEPS_CTRL_Z  # the editor's undo, focused or not

            def compose(self):
                yield TextArea("abc")

        await app.push_screen(Editor())
        await pilot.pause()
        await pilot.press("x", "ctrl+z")
        assert len(suspended) == 2 and app.screen.query_one(TextArea).text == "abc"


async def test_ctrl_c_cancels_a_rerun_a_param_change_was_about_to_start(small_catalog):
    """+ then ctrl+c at once: the notice said "Paused" while nothing was, the status said
    "re-running..." for ever, and the cancelled re-run started by itself when the lesson showed again."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("minus", "ctrl+c")
        assert [n.title for n in app._notifications] == ["Re-run cancelled (ctrl+c)"]
        assert screen.session.pending is None and screen._restart_timer is None and screen.run is None
        assert screen.params["alpha"] == 0.316228  # the new value stays: space runs it
        await pilot.pause()
        assert "re-running" not in text_of(screen.query_one(StatusLine))
        await pilot.press("space")
        await run_to_end(pilot, screen)
        assert screen.run.values["alpha"] == 0.316228


async def test_ctrl_z_without_a_shell_to_come_back_to_says_so_and_plays_on(small_catalog, monkeypatch):
    """Started as ssh's command (no job-control shell), ctrl+z stopped the tutor for good: the screen
    froze, `fg` was typed into nothing, and only ssh's `~.` got the learner out."""
    from grok_tui.ui import app as app_module

    suspended: list[str] = []
    monkeypatch.setattr(GrokApp, "action_suspend_process", lambda self: suspended.append("stopped"))
    monkeypatch.setattr(app_module, "shell_can_resume", lambda: False)
    app = GrokApp(small_catalog, start_lesson="4.5", speed=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = await playing(pilot, app)
        await pilot.press("ctrl+z")
        assert suspended == [] and screen.run_state is RunState.RUNNING  # not stopped, nor paused
        notice = app._notifications
        assert [n.title for n in notice] == ["ctrl+z: no shell to go back to"]
        assert "q quits; all you did is kept." in next(iter(notice)).message


def test_a_shell_can_resume_the_tutor_only_from_a_job_of_its_own(monkeypatch):
    """A job-control shell gives each job its own process group; ssh's command, `tmux new cmd` or
    `bash -c` leave the tutor in its session's group, where nothing could `fg` it."""
    import os

    from grok_tui.ui.job_control import shell_can_resume

    monkeypatch.setattr(os, "getsid", lambda pid: 100)
    monkeypatch.setattr(os, "getpgrp", lambda: 100)
    assert not shell_can_resume()
    monkeypatch.setattr(os, "getpgrp", lambda: 4242)
    assert shell_can_resume()


GATED = """+++
id = "9.6"
chapter = 9
title = "A first step that takes its time"
show = ["i"]
+++

The first step waits for the test (as 7.4's first epoch takes a second).

```python train
import os
import time

while not os.path.exists({gate!r}):
    time.sleep(0.01)
for i in range(3):
    step(i=i)
```
"""


async def test_a_pause_before_the_step_ends_says_it_is_coming(tmp_path):
    """ctrl+c during 7.4's first epoch: the notice said "Paused" while the status said "running
    step 0/10" for a second more."""
    from grok_tui.lesson.catalog import load_catalog

    gate = tmp_path / "gate"
    (tmp_path / "l").mkdir()
    (tmp_path / "l" / "9.6-gated.md").write_text(GATED.replace("{gate!r}", repr(str(gate))))
    app = GrokApp(load_catalog(tmp_path / "l"), start_lesson="9.6", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state is RunState.RUNNING, what="the run")
        await pilot.press("ctrl+c")
        await pilot.pause()
        status = text_of(screen.query_one(StatusLine))
        assert "running" in status and "pausing after this step..." in status, status
        gate.touch()
        line = screen.query_one(StatusLine)
        await wait_for(pilot, lambda: "paused  step 1" in text_of(line), what="the pause on the status line")
        assert screen.run_state is RunState.PAUSED and "pausing" not in text_of(line)

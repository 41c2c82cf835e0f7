"""The exercise screen, driven by real key presses: wrong, hint, right; no freeze; its keys. (What it
keeps of the learner's typing, and what the command line did: test_exercise_screen_saving.py.)"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

from grok_tui.lesson.model import Exercise, Lesson
from grok_tui.lesson.parse import parse_lesson
from grok_tui.progress import Progress
from grok_tui.ui.screens.exercise import ExerciseScreen

from .helpers import screen_text, text_of, wait_for

LESSON = """\
+++
id = "9.1"
chapter = 9
title = "Fixture"

[exercises.w_sum]
title = "Write w_sum"
hints = ["Pair up a[i] and b[i].", "Multiply each pair, then add.", "Use `zip(a, b)`."]
+++

```python exercise w_sum
def w_sum(a, b):
    # TODO
    return 0
```

```python solution w_sum
def w_sum(a, b):
    return sum(x * y for x, y in zip(a, b))
```

```python test w_sum
got = w_sum([1, 2], [3, 4])
assert got == 11, f"w_sum([1, 2], [3, 4]) should be 11, got {got}"
```
"""
RIGHT = "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"


@pytest.fixture
def lesson(tmp_path) -> Lesson:
    path = tmp_path / "9.1-fixture.md"
    path.write_text(LESSON, encoding="utf-8")
    lesson, problems = parse_lesson(path)
    assert lesson is not None, problems
    return lesson


class Host(App):
    """Stands in for the lesson screen: pushes the exercise screen and keeps what it dismissed with."""

    def __init__(self, lesson: Lesson, exercise: Exercise, timeout: float = 5.0) -> None:
        super().__init__()
        self.lesson, self.exercise, self.timeout = lesson, exercise, timeout
        self.progress = Progress.load()
        self.dismissed: list[bool] = []

    def compose(self) -> ComposeResult:
        yield Static("lesson")

    def on_mount(self) -> None:
        self.push_screen(
            ExerciseScreen(self.lesson, self.exercise, self.progress, timeout=self.timeout), self.dismissed.append
        )


def shown(screen: ExerciseScreen) -> str:
    return "\n".join(
        text_of(screen.query_one(f"#{i}", Static)) for i in ("ex-headline", "ex-result", "ex-hints", "ex-solution")
    )


async def check_and_wait(pilot, screen: ExerciseScreen, key: str = "f5") -> None:
    await pilot.press(key)
    await wait_for(pilot, lambda: not screen.checking and screen.verdict is not None, 10, "the check")


async def test_wrong_then_hint_then_right(lesson):
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        editor = screen.query_one(TextArea)
        assert editor.has_focus and "# TODO" in editor.text
        # `h` typed in the editor is an h, not a hint
        editor.move_cursor((2, 0))
        await pilot.press("h")
        assert editor.text.splitlines()[2] == "h    return 0" and screen.hints == 0
        await pilot.press("ctrl+z")
        await check_and_wait(pilot, screen)
        assert not screen.verdict.passed
        assert "w_sum([1, 2], [3, 4]) should be 11, got 0" in shown(screen)
        # the solution stays hidden before a pass
        await pilot.press("f3")
        assert not screen.showing_solution and "reference solution" not in shown(screen)
        await pilot.press("f2")  # the hint key that works inside the editor
        assert "Hint 1/3: Pair up a[i] and b[i]." in shown(screen)
        await pilot.press("escape")  # leave the editor: now plain `h` shows the next hint
        assert not editor.has_focus
        await pilot.press("h")
        assert "Hint 2/3: Multiply each pair, then add." in shown(screen)
        await pilot.press("e")
        assert editor.has_focus
        editor.text = RIGHT
        await check_and_wait(pilot, screen, "ctrl+r")
        assert screen.verdict.passed and "Passed" in shown(screen)
        assert app.progress.exercises["9.1/w_sum"] == {"done": True, "hints": 2, "code": RIGHT}
        assert Progress.load().passed_code("9.1") == {"w_sum": RIGHT}
        await pilot.press("f3")
        assert "The reference solution:" in shown(screen)
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.dismissed == [True], what="the screen to close with True")


async def test_leaving_without_a_pass_dismisses_false(lesson):
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.dismissed == [False], what="the screen to close with False")


async def test_an_endless_loop_does_not_freeze_the_screen(lesson):
    # 3 s, not 1: on a loaded machine f2 arrived after a 1 s limit had already ended the check.
    app = Host(lesson, lesson.exercises[0], timeout=3.0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        # It spins until the limit: at nice 19, so that it does not take a core from the other tests.
        endless = "def w_sum(a, b):\n    import os; os.nice(19)\n    while True:\n        pass\n"
        screen.query_one(TextArea).text = endless
        await pilot.press("f5")
        assert screen.checking
        await pilot.press("f2")  # the UI answers while the check runs
        assert screen.checking and screen.hints == 1
        await wait_for(pilot, lambda: not screen.checking, 20, "the time limit")
        assert "still running near its time limit of 3 s" in shown(screen)


async def test_a_passed_exercise_reopens_with_the_solution_key_available(lesson):
    Progress.load().record_pass("9.1", "w_sum", RIGHT)
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert screen.query_one(TextArea).text == RIGHT  # no draft: their passing code
        title = lambda: text_of(screen.query_one("#ex-title", Static))  # noqa: E731
        assert "✓ passed  Write w_sum" in title()
        # typed in by mistake (the code no longer parses): the pass was that of an earlier version
        screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press("x")
        await wait_for(pilot, lambda: "✓ passed, edited since" in title(), what="the title to say so")
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: "✓ passed  Write w_sum" in title(), what="the plain pass again")
        # a newline after the code, as an editor outside the tutor ends its file: still the code that passed
        editor = screen.query_one(TextArea)
        editor.insert("\n", editor.document.end)
        await pilot.pause()
        assert "✓ passed  Write w_sum" in title(), title()
        await pilot.press("ctrl+z")
        await pilot.press("f3")
        assert "The reference solution:" in shown(screen)
        await pilot.press("escape")  # out of the editor, every key shows: F1's help was cut at 80
        await wait_for(pilot, lambda: screen_text(app).splitlines()[-1].rstrip().endswith("f1 help"))
        assert "f3 solution" in screen_text(app).splitlines()[-1]


async def test_q_outside_the_editor_quits_as_on_every_other_screen(lesson):
    """q quit from every screen but this one, where it did nothing, and nothing said why."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press("q")  # in the editor, q is typed
        assert not app._exit
        await pilot.press("escape", "q")
        await pilot.pause()
        assert app._exit
    assert Progress.load().load_draft("9.1", "w_sum").startswith("qdef w_sum")


async def test_from_the_lesson_screen_e_opens_the_exercise_and_a_pass_comes_back(lesson):
    from grok_tui.lesson.catalog import load_catalog
    from grok_tui.ui.app import GrokApp
    from grok_tui.ui.screens.lesson import LessonScreen

    extra = lesson.path.parent / "lessons"
    extra.mkdir()
    (extra / "9.1.md").write_text(LESSON + "\n```python\nstep(total=w_sum([1, 2], [3, 4]))\n```\n", encoding="utf-8")
    catalog = load_catalog(extra)
    assert not catalog.errors
    app = GrokApp(catalog, start_lesson="9.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        screen = app.screen
        screen.query_one(TextArea).text = RIGHT
        await check_and_wait(pilot, screen)
        assert screen.verdict.passed
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="back to the lesson")
        assert app.progress.passed_code("9.1") == {"w_sum": RIGHT}


async def test_a_finished_run_is_still_there_after_a_visit_to_the_exercise(lesson):
    """6.4: back from a failed check, the lesson said "ready step 0/21", its values and diagram gone."""
    from grok_tui.engine.runner import RunState
    from grok_tui.lesson.catalog import load_catalog
    from grok_tui.ui.app import GrokApp
    from grok_tui.ui.screens.lesson import LessonScreen

    extra = lesson.path.parent / "lessons"
    extra.mkdir()
    (extra / "9.1.md").write_text(LESSON + "\n```python\nstep(total=w_sum([1, 2], [3, 4]))\n```\n", encoding="utf-8")
    app = GrokApp(load_catalog(extra), start_lesson="9.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        lesson_screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: lesson_screen.run_state is RunState.FINISHED, what="the run to end")
        run = lesson_screen.session.run
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        await check_and_wait(pilot, app.screen)  # the stub: a failed check
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.screen is lesson_screen, what="back to the lesson")
        assert lesson_screen.session.run is run and lesson_screen.run_state is RunState.FINISHED


async def test_a_check_that_breaks_is_said_and_the_screen_carries_on(lesson, monkeypatch):
    import grok_tui.ui.screens.exercise as module

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "check_code", broken)
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await check_and_wait(pilot, screen)
        assert not screen.verdict.passed and "RuntimeError: boom" in shown(screen)
        await pilot.press("f2")  # still answering
        assert screen.hints == 1 and app.screen is screen


async def test_editing_after_a_check_says_the_verdict_is_older_than_the_code(lesson):
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await check_and_wait(pilot, screen)
        assert "should be 11, got 0" in shown(screen) and "checked before your last edit" not in shown(screen)
        await pilot.press("x")
        assert "checked before your last edit" in shown(screen)
        await pilot.press("ctrl+z")
        assert "checked before your last edit" not in shown(screen)


def footer_keys(screen) -> dict[str, str]:
    """The keys the footer offers: key display -> description."""
    return {
        b.binding.key: b.binding.description for b in screen.active_bindings.values() if b.binding.show and b.enabled
    }


async def test_the_footer_offers_the_keys_that_apply_and_hints_show_code(lesson):
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        keys = footer_keys(screen)
        assert keys["f5"] == "check" and keys["escape"] == "leave editor" and "f3" not in keys
        await pilot.press("escape")
        await pilot.pause()
        keys = footer_keys(screen)
        assert keys["escape"] == "lesson" and keys["e"] == "edit"
        await pilot.press("h", "h", "h")
        hints = text_of(screen.query_one("#ex-hints", Static))
        assert "Hint 3/3: Use zip(a, b)." in hints and "`" not in hints
        content = screen.query_one("#ex-hints", Static).content
        assert any(
            content.plain[span.start : span.end] == "zip(a, b)" and "bold" in str(span.style) for span in content.spans
        )  # styled as code (in the theme's readable cyan)
        assert "hints 3/3" in text_of(screen.query_one("#ex-title", Static))
        await pilot.press("e")
        screen.query_one(TextArea).text = RIGHT
        await check_and_wait(pilot, screen)
        message = shown(screen)
        assert screen.verdict.passed and "F3 shows the reference solution" in message
        assert "(or s)" not in message  # s types an s in the editor, where the learner is
        await pilot.pause()
        assert footer_keys(screen)["f3"] == "solution"


async def test_a_long_exercise_title_is_shown_whole_at_80_columns(catalog):
    lesson = catalog.get("5.1")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        top = " ".join(" ".join(screen_text(app).splitlines()[:2]).split())  # what the learner sees
        assert "5.1/weight_deltas hints 0/3 Write compute_weight_deltas: one shared delta, one share per input" in top


async def test_a_pass_in_a_lesson_with_more_exercises_names_the_way_to_the_next(catalog):
    """7.3: after one_hot passed, a learner pressed esc, e for softmax: one esc leaves only the editor,
    and e opened one_hot again, its passed code taking the keys meant for the chooser."""
    lesson = catalog.get("3.3")
    ele_mul = lesson.exercise("ele_mul")
    app = Host(lesson, ele_mul)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one(TextArea).text = ele_mul.solution.source
        await check_and_wait(pilot, screen)
        assert screen.verdict.passed
        said = " ".join(shown(screen).split())
        assert "esc esc goes back to the lesson, where e offers the next exercise (dot)" in said, said
    app = Host(lesson, lesson.exercise("dot"))  # the last one left: back to the lesson, as before
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one(TextArea).text = lesson.exercise("dot").solution.source
        await check_and_wait(pilot, screen)
        said = " ".join(shown(screen).split())
        assert "esc leaves the editor, then esc again goes back to the lesson" in said, said

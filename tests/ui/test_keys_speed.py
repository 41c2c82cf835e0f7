"""The speed keys (< >) answer in the status line, never with a toast per press: a toast mounted
widgets and laid the screen out twice per press (the largest part of a key press while 4.5 played
at top speed), and presses in a row piled toasts past the screen's height."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui import lesson_runs
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.status import StatusLine, run_speed_text
from tests.ui.helpers import text_of, wait_for

SIZE = (100, 30)


def status_text(screen: LessonScreen) -> str:
    return text_of(screen.query_one(StatusLine))


def test_the_status_line_names_the_chosen_speed_and_what_the_run_reaches_when_it_differs():
    assert run_speed_text(4, None) == "speed 4/s"
    assert run_speed_text(40, 38.5) == "speed 40/s"  # within a tenth: the pace is kept
    assert run_speed_text(1000, 612.0) == "speed 1000/s (612/s)"  # the code cannot go faster
    assert run_speed_text(0, 12345.0) == "speed max (12345/s)"
    assert run_speed_text(2, 1.5) == "speed 2/s (1.5/s)"
    assert run_speed_text(1.5, 1.8) == "speed 1.5/s"  # faster than its pace: the measuring window's noise


def spy_on_toasts(app, monkeypatch) -> list[str]:
    toasts: list[str] = []
    monkeypatch.setattr(app, "notify", lambda message, **kwargs: toasts.append(message))
    return toasts


async def test_speed_keys_while_a_run_plays_show_in_the_status_line_and_make_no_toast(small_catalog, monkeypatch):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=2)  # 20 steps at 2/s: still running below
    toasts = spy_on_toasts(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state is RunState.RUNNING, what="the run")
        for _ in range(6):  # 4/s, back to 2/s: a learner trying the keys
            await pilot.press("greater_than_sign")
            assert "speed 4/s" in status_text(screen)  # drawn by the key press itself, not a later tick
            await pilot.press("less_than_sign")
            assert "speed 2/s" in status_text(screen)
        await pilot.pause()
        assert screen.run_state is RunState.RUNNING
        assert toasts == []


async def test_a_speed_key_after_the_run_ended_shows_in_the_status_line_for_a_while(small_catalog, monkeypatch):
    monkeypatch.setattr(lesson_runs, "SPEED_SHOWN", 0.3)
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    toasts = spy_on_toasts(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")
        await wait_for(pilot, lambda: "finished" in status_text(screen), what="the end in the status")
        assert "speed" not in status_text(screen)  # the run is over: its end matters, not its speed
        await pilot.press("less_than_sign")
        assert "speed 1000/s" in status_text(screen) and "finished" in status_text(screen)
        assert toasts == []
        # Then the status line goes back to the run's end (polled: no timing is asserted).
        await wait_for(pilot, lambda: "speed" not in status_text(screen), what="the speed to leave the status")
        assert "finished" in status_text(screen)


def test_the_lessons_own_pace_is_a_rung_of_the_ladder():
    """6.1 starts at 3/s: `>` then `<` went to 2/s, not back where the lesson started."""
    from grok_tui.ui.speed import faster, slower

    assert faster(3, home=3) == 4 and slower(4, home=3) == 3 and slower(3, home=3) == 2
    assert slower(4) == 2  # another lesson's pace is no rung here
    assert faster(1000, home=40) == 0 and slower(0, home=40) == 1000 and faster(25, home=40) == 40
    assert faster(0, home=3) == 0 and slower(1, home=3) == 1  # the ends hold


async def test_slower_after_faster_comes_back_to_the_pace_the_lesson_started_at(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=3)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("greater_than_sign")
        assert screen.session.speed == 4
        await pilot.press("less_than_sign")
        assert screen.session.speed == 3 and "speed 3/s" in status_text(screen)

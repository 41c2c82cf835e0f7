"""Snapshots of the screens helper i8b owns, at 80x24 and 120x40, each looked at as a picture before
it was accepted: the contents, a log chart, each chapter 7 panel zoomed (filling the screen), the
exercise screen failing with a hint and passed, and the end of the course."""

from __future__ import annotations

import dataclasses

import pytest
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from grok_tui.engine.feed import Series
from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.model import Chart
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels import panel_class
from grok_tui.ui.widgets.chart import ChartView
from tests.conftest import LESSONS
from tests.ui.helpers import wait_for
from tests.ui.test_digits_panels import CLASSIFIER
from tests.ui.test_exercise_screen import RIGHT, Host
from tests.ui.test_exercise_screen import lesson as exercise_lesson  # noqa: F401 (a fixture)

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(scope="module")
def trained():
    """The classifier lesson's final namespace after 5 epochs, seeded: the same numbers on every run."""
    lesson = next(x for x in load_catalog(LESSONS).lessons if x.id == CLASSIFIER)
    run = LessonRun(lesson, {"epochs": 5})
    assert run.run_sync().state is RunState.FINISHED
    return lesson, run.namespace


# -- contents ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
def test_contents(snap_compare, small_catalog, size):
    index = small_catalog.index("4.5")
    borrowed = next(l for l in load_catalog(LESSONS).lessons if l.id == "5.1").exercises
    small_catalog.lessons[index] = dataclasses.replace(small_catalog.lessons[index], exercises=borrowed)
    app = GrokApp(small_catalog, speed=0)
    app.progress.finish_lesson("3.1")
    app.progress.finish_lesson("4.5")  # run, but its exercise is still open
    assert snap_compare(app, terminal_size=size)


# -- a log chart ------------------------------------------------------------------------------------
class LogChart(App):
    """6.4's chart: an error falling over many decades, the previous run (a smaller alpha) behind it."""

    CSS = "ChartView { border-top: solid $panel-lighten-2; border-title-color: $text-muted; }"

    def compose(self) -> ComposeResult:
        yield ChartView(Chart("error on this light, repeating the update", ("error",), log=True))

    def on_mount(self) -> None:
        steps = [float(i) for i in range(1, 61)]
        self.query_one(ChartView).show_series(
            {"error": Series(steps, [0.6 * 0.7**i for i in range(60)])},
            {"error": Series(steps, [0.6 * 0.85**i for i in range(60)])},
            previous_label="alpha 0.1",
        )


@pytest.mark.parametrize("size", SIZES)
def test_log_chart(snap_compare, size):
    assert snap_compare(LogChart(), terminal_size=size)


# -- chapter 7 panels, zoomed -------------------------------------------------------------------------
class ZoomedPanel(App):
    """One panel filling the screen, as `z` shows it, fed a finished run."""

    def __init__(self, lesson, namespace, name: str) -> None:
        super().__init__()
        self.lesson, self.namespace, self.panel_name = lesson, namespace, name

    def compose(self) -> ComposeResult:
        panel = panel_class(self.panel_name)(self.lesson, id="panel")
        panel.styles.height = "1fr"
        yield panel

    def on_mount(self) -> None:
        panel = self.query_one("#panel")
        panel.run_finished(self.namespace)
        panel.focus()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "name", ["confusion_matrix", "misclassified", "hidden_weights", "drawing_pad", "digit_gallery"]
)
def test_chapter_7_panel_zoomed(snap_compare, trained, name, size):
    lesson, ns = trained
    keys = {"drawing_pad": ["t"], "hidden_weights": ["right"] * 9}.get(name, [])
    assert snap_compare(ZoomedPanel(lesson, ns, name), terminal_size=size, press=keys)


async def test_the_pad_doubles_where_it_has_the_room(trained):
    """z on 7.5's pad added only empty rows around an 8x8 grid of 2x1 cells: with the room, each
    pixel is 4x2, and a click still shades the pixel under the mouse."""
    lesson, ns = trained
    app = ZoomedPanel(lesson, ns, "drawing_pad")
    async with app.run_test(size=(120, 40)) as pilot:
        pad = app.query_one("#panel")
        await pilot.pause()
        assert pad.scale == 2 and len(pad.frame()) == 18 and pad.frame()[0].cell_len == 34
        pad.action_clear()
        await pilot.click("#panel", offset=(2 + 1 + 4 * 5 + 1, 1 + 2 + 2 * 3 + 1))  # border, padding
        await pilot.pause()
        assert pad.cursor == (3, 5) and pad.pixels[3, 5] == 1.0 and pad.pixels.sum() == 1.0
    small = ZoomedPanel(lesson, ns, "drawing_pad")
    async with small.run_test(size=(80, 18)) as pilot:
        await pilot.pause()
        assert small.query_one("#panel").scale == 1


async def test_a_panel_under_the_charts_gets_the_rows_it_needs(catalog):
    """At 120x40 the panel under the side column's charts had a fixed two thirds of it: after a run
    (the values then take their rows) 7.5's confusion matrix lost its digit 9 row, with nothing to
    say so."""
    app = GrokApp(catalog, start_lesson=CLASSIFIER, speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: getattr(screen, "lab_built", False), what="the lesson with its panels")
        screen.session.params["epochs"] = 2
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run", timeout=60)
        await pilot.pause()
        panel = screen.panels.widgets[0]
        drawn = panel.render().plain.rstrip("\n").splitlines()
        assert panel.display and len(drawn) >= 11  # the header and ten digits
        assert panel.content_size.height >= len(drawn), (panel.content_size, drawn)


# -- the exercise screen ----------------------------------------------------------------------------
def _still_cursor(screen) -> None:
    screen.query_one(TextArea).cursor_blink = False  # a blinking cursor makes the picture flicker


async def _fail_then_hint(pilot) -> None:
    screen = pilot.app.screen
    _still_cursor(screen)
    await pilot.press("f5")
    await wait_for(pilot, lambda: screen.verdict is not None and not screen.checking, 10, "the check")
    await pilot.press("f2", "f2", "f2")  # the last hint has `code` in it
    await pilot.pause()


async def _pass(pilot) -> None:
    screen = pilot.app.screen
    _still_cursor(screen)
    screen.query_one(TextArea).text = RIGHT
    await pilot.press("f5")
    await wait_for(pilot, lambda: screen.verdict is not None and not screen.checking, 10, "the check")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_exercise_failing_with_a_hint(snap_compare, exercise_lesson, size):  # noqa: F811
    app = Host(exercise_lesson, exercise_lesson.exercises[0])
    assert snap_compare(app, terminal_size=size, run_before=_fail_then_hint)


@pytest.mark.parametrize("size", SIZES)
def test_exercise_passed(snap_compare, exercise_lesson, size):  # noqa: F811
    app = Host(exercise_lesson, exercise_lesson.exercises[0])
    assert snap_compare(app, terminal_size=size, run_before=_pass)


# -- the end of the course --------------------------------------------------------------------------
@pytest.mark.parametrize("size", SIZES)
def test_course_end(snap_compare, small_catalog, size):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    app.progress.finish_lesson("4.5")

    async def to_the_end(pilot) -> None:
        await wait_for(pilot, lambda: getattr(pilot.app.screen, "lesson", None) is not None, what="4.5")
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=to_the_end)

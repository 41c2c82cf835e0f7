"""Waiting for the app without sleeps-with-assertions: poll a condition with bounded pilot pauses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp


async def wait_for(pilot, condition: Callable[[], bool], timeout: float = 20.0, what: str = "condition") -> None:
    """Return as soon as `condition()` holds; the timeout only guards against a hang (a loaded
    2-core machine took over 5 s for a lesson child process to reach a prediction)."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def text_of(widget) -> str:
    """The plain text a Static-like widget shows (what the learner reads)."""
    console = Console(width=200, record=True, color_system=None)
    console.print(widget.content)
    return console.export_text()


def screen_text(app) -> str:
    """What the terminal shows, as plain text (the composed screen, modal layers included)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def key_bar_settled(app) -> bool:
    """The key bar shows the keys the current screen offers now (it is rebuilt a refresh after a
    bindings signal, grok_tui/ui/widgets/footer.py). For a picture: a fixed pause alone let the
    80x24 stage-5 picture of 6.4 lack its "g chart" key in 4 of 12 loaded runs."""
    from grok_tui.ui.widgets.footer import KeyFooter

    return all(bar._shown == bar._keys() for bar in app.screen.query(KeyFooter))


async def open_lesson(pilot, app, panel_type):
    """The lesson screen once it shows a panel of `panel_type`; that panel."""
    await wait_for(pilot, lambda: app.screen.query(panel_type), what="the lesson with its panels")
    await pilot.pause()
    return app.screen.query_one(panel_type)


async def focus_panel(pilot, app, panel) -> None:
    """`f` until `panel` has the focus."""
    for _ in range(6):
        if app.focused is panel:
            return
        await pilot.press("f")
    assert app.focused is panel


def one_lesson_app(tmp_path: Path, filename: str, text: str) -> GrokApp:
    """The tutor opened at a lesson written for the test (its file name starts with its id)."""
    (tmp_path / "l").mkdir()
    (tmp_path / "l" / filename).write_text(text, encoding="utf-8")
    return GrokApp(load_catalog(tmp_path / "l"), start_lesson=filename.split("-")[0], speed=0)


async def ask_next_question(pilot, app) -> None:
    """s until the tutor asks its next question: a stepping learner sees each step first (s from
    ready runs step 1; the s after it asks about step 2)."""
    from grok_tui.ui.panels.predict import PredictPanel
    from grok_tui.ui.screens.predict import PredictScreen

    panel = app.screen.query_one(PredictPanel)
    for _ in range(3):
        await pilot.press("s")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, PredictScreen) or panel.due is not None,
            what="a question, or a step before one",
        )
        if isinstance(app.screen, PredictScreen):
            return
    raise AssertionError("no question came")


class Clock:
    """A clock the test moves by hand (`clock.now += dt`), for code that takes a `clock` callable."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

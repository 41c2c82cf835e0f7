"""What the instrument panels (network, landscape, predict) share: a focusable bordered widget fed by
the lesson screen's hooks. Not a panel itself (it defines no `Panel`).

The hooks have both spellings: `on_run_started` / `on_run_step` / `on_run_finished` (the protocol of
grok_tui/ui/panels/__init__.py today) and `run_started` / `run_stepped` / `run_finished` (the
`LessonPanel` base of contract C2), so the panels work with either lesson screen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textual.widget import Widget

from grok_tui.lesson.model import Lesson


class InstrumentPanel(Widget, can_focus=True):
    DEFAULT_CSS = """
    InstrumentPanel {
        height: auto;
        width: 1fr;
        border: round $panel-lighten-2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    InstrumentPanel:focus {
        border: round $accent;
    }
    """

    TITLE = ""
    KEYS = ""

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lesson = lesson
        self.border_title = self.TITLE
        self.border_subtitle = f"{self.KEYS} z zoom".strip()

    # -- hooks (override the run_* ones) ---------------------------------------------------------
    def run_started(self) -> None:
        pass

    def run_stepped(self, values: dict[str, Any]) -> None:
        pass

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        pass

    def on_run_started(self) -> None:
        self.run_started()

    def on_run_step(self, values: dict[str, Any]) -> None:
        self.run_stepped(values)

    def on_run_finished(self, namespace: Mapping[str, Any]) -> None:
        self.run_finished(namespace)

    # -- for subclasses ---------------------------------------------------------------------------
    @property
    def columns(self) -> int:
        """Columns inside the border (78 before the first layout), never more than the screen shows
        (a zoomed panel's `2fr` width can exceed the screen)."""
        width = self.content_size.width or 78
        return min(width, self.app.size.width - 4) if self.is_attached else width

    @property
    def params(self) -> dict[str, Any]:
        """The parameter values the lesson runs with now (the screen's), else the defaults."""
        values = getattr(self.screen, "values", None) if self.is_attached else None
        if isinstance(values, dict):
            return dict(values)
        return dict(self.lesson.defaults) if self.lesson is not None else {}

    def current_run(self) -> Any:
        """The lesson screen's LessonRun (None if there is none)."""
        return getattr(self.screen, "run", None) if self.is_attached else None

    def tap_run(self, callback: Callable[[Any], None]) -> bool:
        """Also send the current run's events to `callback` (on the run's thread, every step, before
        the run pauses there). The screen's feed keeps receiving them first. False if no run."""
        run = self.current_run()
        if run is None or not hasattr(run, "listener"):
            return False
        feed = run.listener

        def both(event: Any) -> None:
            feed(event)
            callback(event)

        run.listener = both
        return True

"""What the instrument panels (network, landscape, predict, quiz, experiments, playground) share on
top of `LessonPanel` (base.py, contract C2, which gives the frame): the screen's parameters and run,
a tap on the run's events, and repainting only the lines that changed. Not a panel itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.geometry import Region

from grok_tui.lesson.model import Lesson
from grok_tui.ui.on_screen import SizeFollowsContent
from grok_tui.ui.panels.base import LessonPanel

PLAYING_HZ = 2
"""Repaints a second of an instrument while the run plays: its pictures are dense (a colour per
cell), and the bytes sent over SSH are the budget (bench/instruments_bandwidth.py)."""
STEPPING_HZ = 20
"""While the learner steps (the run paused), each step is drawn at once."""


def playing_hz(panel: InstrumentPanel) -> float:
    run = panel.current_run()
    return STEPPING_HZ if run is None or getattr(run, "paused", False) else PLAYING_HZ


def _changed_span(was: str, now: str) -> tuple[int | None, int]:
    """First and last index where two equally long strings differ (None: they do not)."""
    diffs = [i for i, (a, b) in enumerate(zip(was, now, strict=False)) if a != b]
    return (diffs[0], diffs[-1]) if diffs else (None, 0)


class InstrumentPanel(SizeFollowsContent, LessonPanel):
    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.shown = Text()
        """What render() returns: the last picture given to show()."""
        self._line_keys: list[tuple] | None = None

    # -- for subclasses ---------------------------------------------------------------------------
    @property
    def params(self) -> dict[str, Any]:
        """The parameter values the lesson runs with now (its session's), else the defaults."""
        session = getattr(self.screen, "session", None) if self.is_attached else None
        if session is not None:
            return dict(session.params)
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

    # -- sending only what changed ----------------------------------------------------------------
    def show(self, text: Text) -> None:
        """Show `text`, repainting only the lines that differ from the last picture (over SSH the
        bytes are the budget: a path that grew by one point costs a line or two, not the panel)."""
        lines = text.split("\n", allow_blank=True)
        keys = [(line.plain, line.style, tuple((s.start, s.end, str(s.style)) for s in line.spans)) for line in lines]
        old, self._line_keys, self.shown = self._line_keys, keys, text
        if old is None or len(old) != len(keys) or not self.is_attached:
            self.refresh_size()  # a new line count may change the panel's height
            return
        # Regions are relative to the content area (Widget.refresh adds the border and padding).
        for i, (was, now) in enumerate(zip(old, keys, strict=False)):
            if was == now:
                continue
            # Only the changed stretch of the line when the characters tell where it is (the
            # pictures use one-cell characters); the whole line when only a style changed.
            first, last = _changed_span(was[0], now[0])
            if first is None or len(was[0]) != len(now[0]):
                self.refresh(Region(0, i, self.content_size.width, 1))
            else:
                self.refresh(Region(first, i, last - first + 1, 1))

    def render(self) -> Text:
        return self.shown

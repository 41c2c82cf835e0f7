"""What the instrument panels (network, landscape, predict, quiz, experiments, playground) share on
top of `LessonPanel` (base.py, contract C2, which gives the frame): the screen's parameters and run,
a tap on the run's events, and repainting only the lines that changed. Not a panel itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Region, Size
from textual.visual import visualize

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

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The rows the whole picture needs, not the rows render() shows when it is cut short: the
        layout gives what it can, and render() says what did not fit. A panel that draws its own
        render() (predict, quiz) is measured as Textual measures it."""
        if type(self).render is not InstrumentPanel.render:
            return super().get_content_height(container, viewport, width)
        return self._rows(self.shown, width) if width else 0

    def _rows(self, text: Text, width: int) -> int:
        # Textual passes its styles so too (Widget.get_content_height): they are its rules map
        return visualize(self, text, markup=False).get_height(self.styles, width)  # type: ignore[arg-type]

    def render(self) -> Text:
        return self.fitted(self.shown, self.content_size)

    def fitted(self, text: Text, size: Size) -> Text:
        """`text` in `size`: where it needs more rows, its last row says how many more lines there
        are and how to see them. 6.3's network at hidden_size 16 in a 100x30 lab lost node 15 and
        its key below the panel's edge, with no sign of them."""
        if size.height <= 0 or size.width <= 0:
            return text
        # Each render: no line wider than the panel, and no more of them than its rows, fits
        # unmeasured (measuring wraps the whole picture, 0.6 ms of 6.3's playground a repaint)
        plain = text.plain.split("\n")
        if len(plain) <= size.height and max(map(cell_len, plain)) <= size.width:
            return text
        if self._rows(text, size.width) <= size.height:
            return text
        lines = text.split("\n", allow_blank=True)
        maximized = self.is_attached and self.screen.maximized is self
        how = "a taller window shows them" if maximized else "z zooms"
        for keep in range(min(len(lines), size.height) - 1, -1, -1):
            more = len(lines) - keep
            note = Text(f"… {more} more line{'s' if more != 1 else ''} below: {how}", style="bold")
            cut = Text("\n").join([*lines[:keep], note])
            if self._rows(cut, size.width) <= size.height:
                return cut
        return text

"""Collect what a lesson run reports on its worker thread, for the UI to read at its own pace.

The runner calls its listener on the worker thread, possibly thousands of times a second. Posting one
Textual message per step would flood the UI, so the listener only updates this holder under a lock
and bumps a version number; the lesson session is polled by the screen on a timer (ui.pacing) and
redraws only when the version changed. No Textual here: this module is plain threading.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from typing import Any

from grok_tui.engine.runner import OutputEvent, RunEvent, RunState, StateEvent, StepEvent

MAX_POINTS = 600
"""Points kept and handed to a chart per series: a chart is at most ~150 columns of braille (2 dots
each). A longer run is thinned as it grows (between MAX_POINTS / 2 and MAX_POINTS points, evenly
spaced, plus the latest), so neither the memory nor a frame's copy grows with the run."""
MAX_OUTPUT_CHUNKS = 5000
"""print() calls kept; older ones are dropped (and counted) so a print-per-step loop stays bounded."""


@dataclass
class Series:
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class FeedView:
    """A consistent copy of the feed, safe to use on the UI thread."""

    version: int
    state: RunState
    detail: str
    step: int
    latest: dict[str, Any]
    """The recorded values of the last step only (never a mix of steps)."""
    series: dict[str, Series]
    output: str
    recorded_names: frozenset[str] = frozenset()
    """Every name any step recorded: a name shown only at the end must not be one of these."""
    dropped_output: int = 0
    """print() calls dropped from the start of `output` to keep it bounded."""


class _Thinned:
    """One recorded series as it grows: every `stride`-th value (the stride doubles each time the
    points would pass MAX_POINTS), and the latest value."""

    __slots__ = ("count", "last", "stride", "xs", "ys")

    def __init__(self) -> None:
        self.xs: list[float] = []
        self.ys: list[float] = []
        self.stride = 1
        self.count = 0
        self.last: tuple[float, float] | None = None

    def add(self, x: float, y: float) -> None:
        if self.count % self.stride == 0:
            self.xs.append(x)
            self.ys.append(y)
            if len(self.xs) > MAX_POINTS:
                del self.xs[1::2], self.ys[1::2]
                self.stride *= 2
        self.count += 1
        self.last = (x, y)

    def series(self) -> Series:
        """A copy; it ends at the latest value, so the curve always reaches the current step."""
        xs, ys = list(self.xs), list(self.ys)
        if self.last is not None and (not xs or xs[-1] != self.last[0]):
            xs.append(self.last[0])
            ys.append(self.last[1])
        return Series(xs, ys)


def _scalar(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


class RunFeed:
    """The listener of one LessonRun: the latest step, the chart series, the state, the output."""

    def __init__(self, series_names: tuple[str, ...] = (), state: RunState = RunState.RUNNING) -> None:
        self._lock = threading.Lock()
        self._series = {name: _Thinned() for name in series_names}
        self._latest: dict[str, Any] = {}
        self._step = 0
        self._state = state
        self._detail = ""
        self._output: list[str] = []
        self._dropped = 0
        self._names: set[str] = set()
        self._version = 0
        self._view: FeedView | None = None
        """The last view made: polls between two events get it again, copying nothing."""
        self._output_text = ""
        self._output_joined = True

    def __call__(self, event: RunEvent) -> None:
        """Called by the runner on its worker thread: record, never block on the UI."""
        with self._lock:
            if isinstance(event, StepEvent):
                self._step = event.step.index
                self._latest = event.step.values
                self._names.update(event.step.values)
                for name, series in self._series.items():
                    y = _scalar(event.step.values.get(name))
                    if y is not None:  # a NaN/inf ends the curve where it was still finite
                        series.add(float(event.step.index), y)
            elif isinstance(event, StateEvent):
                self._state = event.state
                if event.detail:
                    self._detail = event.detail
            elif isinstance(event, OutputEvent):
                self._output.append(event.text)
                self._output_joined = False
                if len(self._output) > MAX_OUTPUT_CHUNKS:
                    extra = len(self._output) - MAX_OUTPUT_CHUNKS
                    del self._output[:extra]
                    self._dropped += extra
            else:
                return
            self._version += 1

    @property
    def version(self) -> int:
        return self._version

    @property
    def state(self) -> RunState:
        return self._state

    @property
    def step(self) -> int:
        return self._step

    def view(self) -> FeedView:
        """The feed as it stands. The same object until the next event: treat it as read-only."""
        with self._lock:
            if self._view is not None and self._view.version == self._version:
                return self._view
            if not self._output_joined:  # a step does not change the output: join it only when it grew
                self._output_text, self._output_joined = "".join(self._output), True
            self._view = FeedView(
                self._version,
                self._state,
                self._detail,
                self._step,
                dict(self._latest),
                {name: s.series() for name, s in self._series.items()},
                self._output_text,
                frozenset(self._names),
                self._dropped,
            )
            return self._view

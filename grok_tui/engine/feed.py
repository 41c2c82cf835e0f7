"""Collect what a lesson run reports on its worker thread, for the UI to read at its own pace.

The runner calls its listener on the worker thread, possibly thousands of times a second. Posting one
Textual message per step would flood the UI, so the listener only updates this holder under a lock
and bumps a version number; the lesson session is polled by the screen on a timer (ui.pacing) and
redraws only when the version changed. No Textual here: this module is plain threading.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from grok_tui.engine.runner import OutputEvent, RunEvent, RunState, StateEvent, StepEvent

MAX_POINTS = 600
"""Points kept and handed to a chart per series: a chart is at most ~150 columns of braille (2 dots
each). A longer run is thinned as it grows (at most MAX_POINTS points: the lowest and highest of each
stretch of steps, plus the latest), so neither the memory nor a frame's copy grows with the run."""
MAX_OUTPUT_CHUNKS = 5000
"""print() calls kept; older ones are dropped (and counted) so a print-per-step loop stays bounded."""
CELL_HEAD = 8
CELL_TAIL = 12
"""Lines of one cell's printout kept for the lesson text, which shows it under the cell: up to 20
lines whole (every printout of the course but 4.4's log of 32), else its first and last lines (a
training log's start and end) and how many were between (`o` shows them all)."""


@dataclass(frozen=True)
class CellPrint:
    """What one cell printed so far: its first lines, the count of lines left out, its last lines,
    and the start of a line not ended yet (print(..., end=""))."""

    head: tuple[str, ...]
    skipped: int
    tail: tuple[str, ...]
    partial: str = ""

    @property
    def lines(self) -> list[str]:
        """The kept lines in order (the unfinished one last); `skipped` lines belong between head and tail."""
        return [*self.head, *self.tail, *([self.partial] if self.partial else [])]


class _CellLines:
    """One cell's printout as it grows: bounded whatever the cell prints."""

    __slots__ = ("count", "head", "partial", "tail")

    def __init__(self) -> None:
        self.head: list[str] = []
        self.tail: deque[str] = deque(maxlen=CELL_TAIL)
        self.count = 0
        self.partial = ""

    def add(self, text: str) -> None:
        *lines, self.partial = (self.partial + text).split("\n")
        for line in lines:
            self.count += 1
            if len(self.head) < CELL_HEAD:
                self.head.append(line)
            else:
                self.tail.append(line)

    def view(self) -> CellPrint:
        skipped = self.count - len(self.head) - len(self.tail)
        return CellPrint(tuple(self.head), skipped, tuple(self.tail), self.partial)


@dataclass
class Series:
    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)
    nan_from: float | None = None
    """The first step whose value was nan or inf: the curve ends before it (no chart draws it)."""


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
    dropped_output: int = 0
    """print() calls dropped from the start of `output` to keep it bounded."""
    last_recorded: dict[str, tuple[int, Any]] = field(default_factory=dict)
    """Each name's last recorded value, with the step that recorded it."""
    printed: dict[int, CellPrint] = field(default_factory=dict)
    """What each cell printed, by the cell's line in the lesson file (the lesson text shows it under
    the cell); only cells that printed something."""
    context: dict[str, Any] = field(default_factory=dict)
    """The last step's Step.context: shown names it did not record, as the code had them then."""

    @property
    def recorded_names(self) -> Collection[str]:
        """Every name any step recorded: a name shown only at the end must not be one of these."""
        return self.last_recorded.keys()

    def recorded_after(self, step: int) -> dict[str, Any]:
        """The values recorded after `step`, each as last recorded: what a listener that last heard
        `step` missed. (Polled at a frame rate, a fast run's steps arrive several at a time, and a
        value recorded only in one of them, 6.4's lamps in its first, was never heard.)"""
        return {name: value for name, (at, value) in self.last_recorded.items() if at > step}


Point = tuple[float, float]


class _Thinned:
    """One recorded series as it grows, in buckets of `stride` steps (the stride doubles each time
    the points would pass MAX_POINTS). A bucket keeps its lowest and its highest point, not every
    stride-th one: a run that bounces between two values each step (4.2 with a big step_amount)
    kept only one side of the bounce, and its chart drew a flat line."""

    __slots__ = ("buckets", "count", "last", "nan_from", "open", "stride")

    def __init__(self) -> None:
        self.buckets: list[tuple[Point, Point]] = []
        """(lowest, highest) point of each full bucket, in step order."""
        self.open: list[Point] = []
        """[lowest, highest] of the bucket being filled ([] when none is)."""
        self.stride = 1
        self.count = 0
        """Steps in the open bucket."""
        self.last: Point | None = None
        self.nan_from: float | None = None

    def add(self, x: float, y: float) -> None:
        point = (x, y)
        if not self.open:
            self.open = [point, point]
        elif y < self.open[0][1]:
            self.open[0] = point
        elif y > self.open[1][1]:
            self.open[1] = point
        self.count += 1
        self.last = point
        if self.count < self.stride:
            return
        self.buckets.append((self.open[0], self.open[1]))
        self.open, self.count = [], 0
        if 2 * len(self.buckets) > MAX_POINTS:  # merge neighbours: each bucket spans twice the steps
            pairs = self.buckets
            merged = [_merge(a, b) for a, b in zip(pairs[0::2], pairs[1::2], strict=False)]
            if len(pairs) % 2:  # the odd one out is half of the next bucket
                self.open, self.count = list(pairs[-1]), self.stride
            self.buckets = merged
            self.stride *= 2

    def series(self) -> Series:
        """A copy in step order; it ends at the latest value, so the curve always reaches the current step."""
        xs: list[float] = []
        ys: list[float] = []
        for bucket in (*self.buckets, tuple(self.open)):
            for x, y in sorted(set(bucket)):
                xs.append(x)
                ys.append(y)
        if self.last is not None and (not xs or xs[-1] != self.last[0]):
            xs.append(self.last[0])
            ys.append(self.last[1])
        return Series(xs, ys, self.nan_from)


def _merge(a: tuple[Point, Point], b: tuple[Point, Point]) -> tuple[Point, Point]:
    low = a[0] if a[0][1] <= b[0][1] else b[0]
    high = a[1] if a[1][1] >= b[1][1] else b[1]
    return low, high


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _scalar(value: Any) -> float | None:
    if not _is_number(value):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


class RunFeed:
    """The listener of one LessonRun: the latest step, the chart series, the state, the output."""

    def __init__(self, series_names: tuple[str, ...] = (), state: RunState = RunState.RUNNING) -> None:
        self._lock = threading.Lock()
        self._series = {name: _Thinned() for name in series_names}
        self._latest: dict[str, Any] = {}
        self._context: dict[str, Any] = {}
        self._step = 0
        self._state = state
        self._detail = ""
        self._output: list[str] = []
        self._dropped = 0
        self._last_recorded: dict[str, tuple[int, Any]] = {}
        self._version = 0
        self._view: FeedView | None = None
        """The last view made: polls between two events get it again, copying nothing."""
        self._output_text = ""
        self._output_joined = True
        self._by_cell: dict[int, _CellLines] = {}
        self._printed: dict[int, CellPrint] = {}

    def __call__(self, event: RunEvent) -> None:
        """Called by the runner on its worker thread: record, never block on the UI."""
        with self._lock:
            if isinstance(event, StepEvent):
                self._step = event.step.index
                self._latest = event.step.values
                self._context = event.step.context
                for name, value in event.step.values.items():
                    self._last_recorded[name] = (event.step.index, value)
                for name, series in self._series.items():
                    value = event.step.values.get(name)
                    y = _scalar(value)
                    if y is not None:
                        series.add(float(event.step.index), y)
                    elif series.nan_from is None and _is_number(value):  # a NaN/inf ends the curve
                        series.nan_from = float(event.step.index)
            elif isinstance(event, StateEvent):
                self._state = event.state
                if event.detail:
                    self._detail = event.detail
            elif isinstance(event, OutputEvent):
                self._output.append(event.text)
                self._output_joined = False
                self._by_cell.setdefault(event.cell, _CellLines()).add(event.text)
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
                self._printed = {
                    line: lines.view() for line, lines in self._by_cell.items() if lines.count or lines.partial
                }
            self._view = FeedView(
                self._version,
                self._state,
                self._detail,
                self._step,
                dict(self._latest),
                {name: s.series() for name, s in self._series.items()},
                self._output_text,
                self._dropped,
                dict(self._last_recorded),
                self._printed,
                dict(self._context),
            )
            return self._view

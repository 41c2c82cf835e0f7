"""The error landscape: the lesson's own error over one weight (a U) or two (a shaded map), with the
path gradient descent takes on it.

Every step of the run adds a point to the path (taken on the run's thread, so a fast run loses no
point). The grid is evaluated on a worker thread and cached (grok_tui/instruments/landscape.py);
the panel repaints at most PLAYING_HZ times a second while the run plays (at once when stepping).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import Any

from rich.text import Text

from grok_tui.engine.runner import StepEvent
from grok_tui.instruments import landscape as land
from grok_tui.instruments.landscape_text import draw_1d, draw_2d, legend_1d, level_edges, rows_2d
from grok_tui.lesson.model import Landscape
from grok_tui.ui.on_screen import displayed
from grok_tui.ui.panels._instrument_base import InstrumentPanel, playing_hz


class LandscapePanel(InstrumentPanel):
    DEFAULT_CSS = """
    LandscapePanel { height: 1fr; }
    """
    TITLE = "error landscape"

    def __init__(self, lesson: Any = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.spec = lesson.landscape if lesson is not None else None
        self.cache = land.GridCache()
        self._lock = threading.Lock()
        self._catching_up = threading.Lock()
        """Held while the noted steps become points (_catch_up): one thread at a time, in step order."""
        self._names: dict[str, Any] = {}
        self._path: list[tuple[tuple[float, ...], float]] = []
        self._noted: list[Mapping[str, Any]] = []
        """The values of the steps not yet turned into points of the path."""
        self._run_number = 0
        self.surface: land.Surface | None = None
        self.problem = ""
        self._version = 0
        self._computed = -1
        self._computing = False
        self._drawn_at = 0.0
        self._shown: tuple[int, tuple[int, int]] | None = None
        self._params: dict[str, Any] = {}
        self._computed_size: tuple[int, int] = (0, 0)
        self._waiting = False
        self.redo = False
        """The finished run's picture is still to be computed afresh."""
        self._ranges: list[tuple[float, float]] | None = None
        """The view of this run: kept while the path stays in it (land.keep_ranges)."""
        self._edges: Any = None
        self._edges_size: tuple[int, int] = (0, 0)

    @property
    def dims(self) -> int:
        return len(self.spec.axes) if self.spec is not None else 0

    # -- feeding -----------------------------------------------------------------------------------
    @property
    def path(self) -> list[tuple[tuple[float, ...], float]]:
        """(point, error there) per step of the current run, up to now."""
        self._catch_up()
        with self._lock:
            return list(self._path)

    def run_started(self) -> None:
        params = self.params
        with self._lock:
            self._names, self._path, self._noted, self._params = {}, [], [], params
            self._run_number += 1
            self._version += 1
        self._ranges = self._edges = None
        self.problem = ""
        if self.spec is not None and not self.tap_run(self._on_event):
            self.problem = "no run to follow"

    def _on_event(self, event: Any) -> None:
        """On the run's thread, every step: noted only. Its point and the error there are worked
        out with the picture (_catch_up, on a worker, when the panel shows): at top speed this ran
        thousands of times a second on the thread that delivers the steps, holding the GIL the UI
        thread waits for, for a panel the reading view does not even show."""
        if not isinstance(event, StepEvent) or self.spec is None:
            return
        with self._lock:
            self._noted.append(event.step.values)
            self._version += 1

    def _catch_up(self) -> None:
        """The noted steps join the path, in order, each at the point its values name (any thread)."""
        spec = self.spec
        if spec is None:
            return
        with self._catching_up:
            with self._lock:
                noted, self._noted = self._noted, []
                names, params, run = self._names, self._params, self._run_number
            points = []
            for values in noted:
                names.update(values)
                context = land.context(spec, params, names)
                at = land.point(spec, context)
                if at is None:
                    continue
                try:
                    points.append((at, land.height(spec, context, at)))
                except land.LandscapeError:
                    continue
            with self._lock:
                if run == self._run_number:  # not a run that ended meanwhile
                    self._path.extend(points)

    def run_stepped(self, values: Mapping[str, Any]) -> None:
        # Hidden (another panel has the room, or the reading view below 110 columns), the path
        # keeps growing (_on_event) but no picture is computed: it is, when the panel shows
        # (on_resize). Computing and drawing it took a sixth of the UI thread at top speed.
        if displayed(self):
            self._update()

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        # The finished picture gets its own view and shade levels: the kept ones depend on which
        # steps happened to be drawn (the same run must always end in the same picture).
        self.redo = True
        if displayed(self):
            self._update(now=True)

    def on_resize(self) -> None:
        self._update(now=True)
        if not self._computing:
            # Same grid, nothing to recompute (a U's depends on the width alone), yet a taller
            # box (z) draws the curve over more rows.
            self.show(self._draw())

    # -- computing off the UI thread ----------------------------------------------------------------
    def _grid_size(self) -> tuple[int, int]:
        width = max(10, self.columns)
        height = max(4, (self.content_size.height or 12))
        spec = self.spec
        if spec is None or self.dims == 1:
            return width * 2, 1
        return width, rows_2d(height, width, (spec.axes[0].label, spec.axes[1].label), spec.note)

    def _update(self, now: bool = False) -> None:
        """Recompute when the path grew or the size changed: while the run plays at most
        playing_hz() times a second; at once when it is paused (stepping) or done."""
        if self.spec is None or self._computing:
            return
        if self._version == self._computed and self._grid_size() == self._computed_size and not self.redo:
            return
        # A map of two weights changes everywhere when its bowl slides: half the rate of the U.
        wait = self._drawn_at + self.dims / playing_hz(self) - time.monotonic()
        if not now and wait > 0 and not self._waiting:
            self._waiting = True
            self.set_timer(wait, self._timer_update)
            return
        if not now and self._waiting:
            return
        self._computing = True
        if self.redo:
            self.redo, self._edges, self._ranges = False, None, None
        version = self._version
        size = self._computed_size = self._grid_size()
        spec = self.spec
        self.run_worker(lambda: self._compute(spec, version, size), thread=True, exclusive=True, group="landscape")

    def _timer_update(self) -> None:
        self._waiting = False
        self._update(now=True)

    def _compute(self, spec: Landscape, version: int, size: tuple[int, int]) -> None:
        self._catch_up()
        with self._lock:
            path = list(self._path)
            names = land.context(spec, self._params, self._names)
        surface, problem = None, ""
        if path:
            try:
                points = [p for p, _ in path]
                ranges = land.keep_ranges(self._ranges, land.fit_ranges(spec, names, points), points)
                surface = self.cache.get(spec, names, ranges, *size)
                if ranges != self._ranges or self._edges is None or size != self._edges_size:
                    self._edges, self._edges_size = (level_edges(surface) if self.dims == 2 else None), size
                self._ranges = ranges
            except land.LandscapeError as exc:
                problem = str(exc)
        self.app.call_from_thread(self._computed_one, version, surface, path, problem)

    def _computed_one(self, version: int, surface: Any, path: list, problem: str) -> None:
        self._computing = False
        self._computed = version
        self.surface, self.shown_path, self.problem = surface, path, problem
        self._drawn_at = time.monotonic()
        self.show(self._draw())
        self._update()  # the path grew or the panel was resized meanwhile: at the next slot

    # -- drawing -----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.show(self._draw())

    def _draw(self) -> Text:
        if self.spec is None:
            return self.sentence("This lesson declares no [landscape].")
        if self.problem:
            return self.sentence(f"Cannot draw the landscape: {self.problem}", style="red")
        if self.surface is None:
            return self.sentence(
                "Run the lesson (space) or step it (s): the error over "
                + " and ".join(a.label for a in self.spec.axes)
                + " appears here, with the path of each step on it."
            )
        path = getattr(self, "shown_path", [])
        width = max(10, self.columns)
        height = max(4, self.content_size.height or 12)
        if self.dims == 1:
            text = draw_1d(self.surface, [(p[0], e) for p, e in path], width, height - 1, self.spec.axes[0].label)
            text.append("\n")
            text.append_text(legend_1d())
            return text
        return draw_2d(
            self.surface,
            [p for p, _ in path],
            width,
            height,
            (self.spec.axes[0].label, self.spec.axes[1].label),
            self._edges,
            now_error=path[-1][1] if path else None,
            note=self.spec.note,
        )


Panel = LandscapePanel

"""Each hidden unit's 64 input weights drawn as an 8x8 image: the pattern the unit responds to.

A one-layer model has no `weights_0_1`: then its (64, 10) `weights` are drawn, one template a digit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
from rich.text import Text
from textual.binding import Binding
from textual.strip import Strip

from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels._digits_base import TILE, DigitsPanel, digit_text, diverging, label_line, tile_lines

ROWS = 10
"""Rows of tiles on show at most (each 5 lines): as many as the panel's height holds, so zoomed
(z) it shows most units at once, and a short panel pages through them."""


TEMPLATES = "each digit's weights: its template"


class Panel(DigitsPanel):
    """Arrows move between units; orange pixels excite the selected unit, blue ones inhibit it."""

    TITLE = "hidden units' input weights"
    KEYS = "←→↑↓ unit"
    MIN_WIDTH = 18
    SHOWS_DIVERGED = True
    WAITING = "Run the lesson (space): each hidden unit's weights appear here as an 8x8 image."
    BINDINGS = [
        Binding("left", "move(-1)", "previous hidden unit", show=False),
        Binding("right", "move(1)", "next hidden unit", show=False),
        Binding("up", "move_row(-1)", "unit a row up", show=False),
        Binding("down", "move_row(1)", "unit a row down", show=False),
    ]

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.weights = np.zeros((64, 0))
        self.selected = 0
        self.templates = lesson is not None and not any(
            "weights_0_1" in cell.source for cell in lesson.cells if cell.role in ("run", "train")
        )
        """True when the weights are a one-layer model's ten digit templates, not hidden units (before a
        run: when the lesson's code has no `weights_0_1`; 7.3's panel spoke of hidden units until then)."""
        if self.templates:
            self.border_title = TEMPLATES
            self.status = "Run the lesson (space): each digit's 64 weights appear here as an 8x8 image."
        self._tiles: dict[tuple[int, int], list[Text]] = {}
        """Each unit's drawn 8x8 tile, kept while the weights stay: an arrow press only moves the
        selection, and drawing every tile again cost up to 30 ms a press (64 tiles zoomed)."""
        self._image_strips: dict[tuple[range, int, int], list[Strip]] = {}
        """A row of tiles' image lines as rendered strips, by (units, width, scale)."""
        self._strips_key: tuple | None = None
        self._scale_for: tuple[tuple, int] = ((), 1)
        """(units, columns, visible height) and the zoomed scale they give."""
        self._strips: list[Strip] = []

    def keys(self) -> str:
        """7.3's tiles are digits' templates: its caption said "←→↑↓ unit" of a layer it has not."""
        return "←→↑↓ digit" if self.templates else self.KEYS

    def load(self, namespace: Mapping[str, Any]) -> bool:
        weights = namespace.get("weights_0_1")
        self.templates = weights is None and np.shape(namespace.get("weights", ())) == (64, 10)
        if self.templates:
            weights = namespace["weights"]
        self.retitle(TEMPLATES if self.templates else self.TITLE)
        if weights is None:
            return False
        weights = np.asarray(weights, dtype=float)
        if weights.ndim != 2 or weights.shape[0] != 64 or not np.isfinite(weights).all():
            return False  # (non-finite: a diverged run's; the panel says there is nothing to show)
        # Pixels that no training image ever inks get no gradient: their weights keep the random
        # start and only add noise to the picture, so they are drawn as zero.
        images = namespace.get("train_images")
        if images is not None and np.size(images) % 64 == 0:
            blank = np.asarray(images, dtype=float).reshape(-1, 64).max(axis=0) == 0
            weights = np.where(blank[:, None], 0.0, weights)
        self.weights = weights
        self.dead = dead_units(namespace.get("dead"), weights.shape[1])
        self._tiles = {}
        self._image_strips.clear()
        self._strips_key = None
        self.selected = min(self.selected, weights.shape[1] - 1)
        return weights.shape[1] > 0

    dead: frozenset[int] = frozenset()
    """The hidden units the run left dead (its `dead` variable): marked under their tiles."""

    @property
    def scale(self) -> int:
        """Cells a weight takes across: 3 or 2 while zoomed (z) when every unit still fits on one
        page (7.3's ten templates stayed 8x4 cells over an empty screen at 120x40), else 1."""
        units = self.weights.shape[1]
        if self.screen.maximized is not self or not units:
            return 1
        # asked for by every line drawn (render_line's key, per_row, rows): worked out once a size
        key = (units, self.columns, self.visible_height)
        if self._scale_for[0] != key:
            self._scale_for = (key, next((s for s in (3, 2) if self._fits(s, units, key[2] or 11)), 1))
        return self._scale_for[1]

    def _fits(self, scale: int, units: int, height: int) -> bool:
        per_row = max(1, self.columns // (TILE - 8 + 8 * scale))
        return math.ceil(units / per_row) * (4 * scale + 1) + 1 <= height

    @property
    def per_row(self) -> int:
        """Tiles that fit across the panel (at least one)."""
        return max(1, self.columns // (TILE - 8 + 8 * self.scale))

    @property
    def rows(self) -> int:
        """Rows of tiles that fit the panel's height (each 4 lines a scale and a label line, plus the
        caption line), so every unit the arrows select is on show."""
        height = self.visible_height or 11
        return max(1, min(ROWS, (height - 1) // (4 * self.scale + 1)))

    @property
    def page(self) -> range:
        """The units on show: the page of `per_row * rows` units holding the selected one."""
        size = self.per_row * self.rows
        first = (self.selected // size) * size
        return range(first, min(first + size, self.weights.shape[1]))

    def action_move(self, delta: int) -> None:
        units = self.weights.shape[1]
        if units:
            self.selected = (self.selected + delta) % units
            self.refresh()

    def action_move_row(self, delta: int) -> None:
        """A row up or down, as on a grid: no wrap round the ends. 7.3's ten templates at 100x30 sit
        nine and one: ↓ from the 1 went to the 0 (1 + 9 wrapped round ten), up and to the left; now
        it goes to the short last row's 9, and from the last row ↓ stays."""
        units = self.weights.shape[1]
        target = self.selected + delta * self.per_row
        if not units or target < 0:
            return
        if target >= units:
            last_row = (units - 1) // self.per_row * self.per_row
            if self.selected >= last_row:
                return
            target = units - 1
        self.selected = target
        self.refresh()

    def tile(self, unit: int) -> list[Text]:
        """Unit `unit`'s weights as an 8x8 tile, on its own colour scale: the pattern matters more
        than the size, and a scale shared by all units leaves most of them too faint to read."""
        scale = self.scale
        tile = self._tiles.get((unit, scale))
        if tile is None:
            weights = self.weights[:, unit]
            span = float(np.abs(weights).max()) or 1.0
            tile = self._tiles[(unit, scale)] = digit_text(weights, scale, diverging, -span, span)
        return tile

    def rows_shown(self) -> list[range]:
        """The units of each row of tiles on the current page."""
        page, per_row = self.page, self.per_row
        return [range(start, min(start + per_row, page.stop)) for start in range(page.start, page.stop, per_row)]

    def image_lines(self, shown: range) -> list[Text]:
        """A row of tiles side by side: four lines of half-block cells."""
        return tile_lines([self.tile(u) for u in shown])

    def labels(self, shown: range) -> Text:
        """The units' numbers under their tiles, the selected one marked."""
        labels = [
            (f"▶{u}◀", "reverse bold")
            if u == self.selected
            else (f"{u} dead", "red")  # 7.5's text sends the learner to them: they were unmarked
            if u in self.dead
            else (str(u), "dim")
            for u in shown
        ]
        return label_line(labels, 8 * self.scale)

    def caption(self) -> Text:
        """The selected unit and its weights' range; which units are on show when a page holds
        fewer than all (7.3's side panel showed digits 0-7, and 8 and 9 only to who tried ↓); the
        colours' key where it fits (cut, it read `orange excit`)."""
        w = self.weights[:, self.selected]
        units = self.weights.shape[1]
        page = self.page
        paged = len(page) < units
        what = f"digit {self.selected}" if self.templates else f"unit {self.selected}"
        if not self.templates and not paged:
            what += f" of {units}"
        if self.selected in self.dead:
            what += ", dead"  # off for every training image (the lesson's text says why)
        parts = [f"{what}  {w.min():+.2f}..{w.max():+.2f}"]
        if paged:
            parts.append(f"{page.start}-{page.stop - 1} of {units}, ↑↓ more")
        # where there is room, first: a faint tile is not a weak unit, each is scaled to its own
        # largest weight (at 120x40 the colours' key took the room, and this never showed)
        parts.append("each tile on its own scale")
        parts.append("orange +, blue −")  # the weight's sign: orange pushes the unit on, blue off
        text = parts[0]
        for part in parts[1:]:
            if len(text) + 2 + len(part) <= self.columns:
                text += "  " + part
        return Text(text, style="italic")

    def draw(self) -> Text:
        out = Text()
        for shown in self.rows_shown():
            for line in [*self.image_lines(shown), self.labels(shown)]:
                out.append_text(line)
                out.append("\n")
        out.append_text(self.caption())
        return out

    def render_line(self, y: int) -> Strip:
        """The drawing line by line, from strips kept while the weights and the page stay: an arrow
        press then renders only the label lines and the caption. Drawn as one Text, a page of 64
        tiles (4096 coloured cells) cost about 150 ms of CPU a press."""
        if not self.ready or self.columns < self.MIN_WIDTH:
            return super().render_line(y)
        key = (self.page, self.per_row, self.columns, self.selected, self.scale)
        if self._strips_key != key:
            self._strips_key, self._strips = key, self._page_strips()
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.columns, self.rich_style)

    def _page_strips(self) -> list[Strip]:
        console, width, base = self.app.console, self.columns, self.rich_style

        def strip(line: Text) -> Strip:
            return Strip(list(line.render(console))).crop_extend(0, width, None).apply_style(base)

        strips: list[Strip] = []
        for shown in self.rows_shown():
            key = (shown, width, self.scale)
            images = self._image_strips.get(key)
            if images is None:
                images = self._image_strips[key] = [strip(line) for line in self.image_lines(shown)]
            strips += [*images, strip(self.labels(shown))]
        return [*strips, strip(self.caption())]

    def summary(self) -> list[str]:
        if self.templates:
            return ["10 digit templates", f"digit {self.selected}"]
        return [f"{self.weights.shape[1]} hidden units", f"unit {self.selected}"]


def dead_units(value: Any, units: int) -> frozenset[int]:
    """The unit numbers in a lesson's `dead` variable (7.5: np.flatnonzero of the units that fire
    for no training image), if it is such a list; else none."""
    if value is None:
        return frozenset()
    try:
        numbers = np.asarray(value).ravel()
    except Exception:
        return frozenset()
    if numbers.dtype.kind not in "iu":
        return frozenset()
    return frozenset(int(n) for n in numbers if 0 <= n < units)

"""What the chapter 7 panels share: a focusable bordered widget fed by a run, and digit drawing.

Not a panel itself (it defines no `Panel`). Each panel module subclasses `DigitsPanel`, reads the
run's final namespace in `load()` and draws itself as Rich `Text` in `draw()`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.widget import Widget

from grok_tui.digits import half_block_cells
from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels.base import LessonPanel


def grey(level: float) -> str:
    """Ink as light on the terminal's dark background: 0 = paper (near black), 1 = full ink."""
    v = int(24 + 231 * max(0.0, min(1.0, level)))
    return f"rgb({v},{v},{v})"


def diverging(level: float) -> str:
    """0..1 with 0.5 as zero: blue for negative weights, orange for positive, black for none."""
    d = max(-1.0, min(1.0, (level - 0.5) * 2))
    if d >= 0:
        return f"rgb({int(20 + 235 * d)},{int(20 + 130 * d)},20)"
    return f"rgb(20,{int(20 - 60 * d)},{int(20 - 235 * d)})"


def digit_text(
    pixels: Any, scale: int = 1, colour=grey, lo: float | None = None, hi: float | None = None
) -> list[Text]:
    """An 8x8 image as lines of '▀' cells: foreground = upper pixel, background = lower pixel. A cell
    whose two halves are one colour (every cell from scale 2 on) is a space on that background: the
    same picture with one colour code instead of two (7.1's gallery sent 2.3 KB an image)."""
    lines = []
    for row in half_block_cells(pixels, scale, lo, hi):
        line = Text()
        for top, bottom in row:
            under = colour(bottom)
            if colour(top) == under:
                line.append(" ", style=f"on {under}")
            else:
                line.append("▀", style=f"{colour(top)} on {under}")
        lines.append(line)
    return lines


TILE = 10
"""Columns per small image in a strip: 8 for the image, 2 of gap."""


def tile_lines(tiles: list[list[Text]]) -> list[Text]:
    """Small images (8 columns and 4 lines each, or a multiple of that) side by side, 2 columns apart."""
    lines = [Text() for _ in range(len(tiles[0]) if tiles else 4)]
    for tile in tiles:
        for row, line in zip(tile, lines, strict=False):
            line.append_text(row)
            line.append("  ")
    return lines


def label_line(labels: list[tuple[str, str]], width: int = 8) -> Text:
    """Each (label, style) centred under its image (`width` columns) in a row of `tile_lines`."""
    line = Text()
    for label, style in labels:
        line.append(f"{label:^{width}}", style=style)
        line.append("  ")
    return line


def tile_strip(tiles: list[list[Text]], labels: list[tuple[str, str]]) -> list[Text]:
    """Small (8-column, 4-line) images side by side, each with its (label, style) centred under it."""
    return [*tile_lines(tiles), label_line(labels[: len(tiles)])]


def bar(p: float, width: int = 12) -> str:
    """A horizontal bar for a probability, in eighths of a character."""
    eighths = int(round(max(0.0, min(1.0, p)) * width * 8))
    full, rest = divmod(eighths, 8)
    return ("█" * full + (" ▏▎▍▌▋▊▉"[rest] if rest else "")).ljust(width)


class DigitsPanel(LessonPanel):
    """A panel that waits for a finished run, then shows (and lets the keys browse) what it left."""

    MIN_WIDTH = 40
    """Columns the full drawing needs; a narrower panel shows `summary()` instead."""
    WAITING = "Run the lesson (space) to fill this panel."
    """What the panel says before a run has finished."""

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.ready = False
        """True once a finished run left what this panel needs."""
        self.status = self.WAITING

    # -- the panel contract (grok_tui/ui/panels/base.py) -----------------------------------------
    def run_started(self) -> None:
        self.ready = False
        self.status = "Training... the panel fills when the run finishes."
        self.refresh(layout=True)

    STOPPED = {
        "diverged": "This run diverged before its end: there is nothing to show (the status line says why).",
        "failed": "This run stopped on an error before its end: there is nothing to show.",
        "cancelled": "This run was stopped before its end. Run the lesson (space) to fill this panel.",
    }
    """What the panel says when a run ended without finishing (7.3 at alpha 64 diverged at epoch 7,
    and the panel still said "Training... the panel fills when the run finishes")."""

    def run_reset(self) -> None:
        """r: no run now. One stopped before its end left nothing: "Training..." stayed beside a
        status line that said "ready" (a trial)."""
        if not self.ready:
            self.status = self.WAITING
            self.refresh(layout=True)

    def run_state_changed(self, state: str) -> None:
        if state in self.STOPPED and not self.ready:
            self.status = self.STOPPED[state]
            self.refresh(layout=True)

    SHOWS_DIVERGED = False
    """Whether a diverged run's values are drawn when they are finite (the templates: 7.3 at alpha 64
    diverged on 0 x log 0 in the loss, with finite weights, and the panel said "nothing to show")."""

    def run_diverged(self, namespace: Mapping[str, Any]) -> None:
        if not self.SHOWS_DIVERGED:
            return
        try:
            self.ready = bool(self.load(namespace))
        except Exception:  # a diverged run's values may be anything: the panel keeps its word
            self.ready = False
        if self.ready:
            self.refresh(layout=True)

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        try:
            self.ready = bool(self.load(namespace))
        except Exception as exc:  # a lesson edited badly must not take the tutor down
            self.ready = False
            self.status = f"Cannot show this run: {type(exc).__name__}: {exc}"
        else:
            if not self.ready:
                self.status = "This run left nothing to show here."
        self.refresh(layout=True)

    # -- for subclasses ---------------------------------------------------------------------------
    @property
    def visible_height(self) -> int:
        """Lines of the content a learner can see: a panel taller than its container is cut off at
        the container's edge, so what pages (hidden units) must fit in this, not in its own height."""
        region = self.content_region
        if not region.height:
            return 0
        if self.screen.maximized is not self:
            for node in self.ancestors:
                if isinstance(node, Widget) and node is not self.screen and node.content_region.height:
                    region = region.intersection(node.content_region)
        return region.height

    @property
    def beside(self) -> int:
        """Columns left beside a 16-column drawing and its gap; under 11 the text goes below it."""
        return self.columns - 18

    def load(self, namespace: Mapping[str, Any]) -> bool:
        """Take what the panel needs from a finished run; False if it is not there."""
        raise NotImplementedError

    def draw(self) -> Text:
        raise NotImplementedError

    def summary(self) -> list[str]:
        """A few short lines for a panel too narrow to draw in full."""
        return []

    def render(self) -> Text:
        width = max(8, self.columns)
        if not self.ready:
            return Text(textwrap.fill(self.status, width), style="dim")
        if width < self.MIN_WIDTH:
            # Too narrow for the picture: say the gist, and how to see it whole.
            lines = [*self.summary(), "z: zoom"]
            return Text("\n".join(textwrap.fill(line, width) for line in lines))
        return self.draw()

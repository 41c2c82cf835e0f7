"""An 8x8 pad the learner shades from the keyboard; the trained network reads it as they draw."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from rich.text import Text
from textual import events
from textual.binding import Binding

from grok_tui.digits import as_image, classify, predictor
from grok_tui.ui.panels._digits_base import DigitsPanel, grey
from grok_tui.ui.panels.misclassified import probability_lines, side_by_side

#: What space does to a pixel: empty -> full ink -> half ink -> empty.
NEXT_LEVEL = {0.0: 1.0, 1.0: 0.5, 0.5: 0.0}


class Panel(DigitsPanel):
    """Arrows move, space shades, p pen (paint while moving), c clears, t copies a test digit."""

    TITLE = "drawing pad"
    KEYS = "arrows space p c t"
    MIN_WIDTH = 16
    BINDINGS = [
        Binding("up", "move(-1, 0)", "up", show=False),
        Binding("down", "move(1, 0)", "down", show=False),
        Binding("left", "move(0, -1)", "left", show=False),
        Binding("right", "move(0, 1)", "right", show=False),
        Binding("space,enter", "shade", "shade", show=False),
        Binding("p", "pen", "pen", show=False),
        Binding("c", "clear", "clear", show=False),
        Binding("t", "test_digit", "test digit", show=False),
    ]

    def __init__(self, lesson: object | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.pixels = np.zeros((8, 8))
        """Ink per pixel, 0..1 (the scale the network was trained on)."""
        self.cursor = (0, 0)
        self.pen = False
        """While the pen is down, every move paints full ink."""
        self.predict: Callable[[np.ndarray], np.ndarray] | None = None
        self.probs: np.ndarray | None = None
        self.samples = np.zeros((0, 64))
        self.sample = 0
        self.ready = True  # the pad draws before any run; only the reading needs a network

    # The pad is usable before training: only the reading waits for a network.
    def on_run_started(self) -> None:
        self.predict, self.probs = None, None
        self.refresh(layout=True)

    def on_run_finished(self, namespace: Mapping[str, Any]) -> None:
        self.predict = predictor(namespace)
        images = namespace.get("test_images")
        self.samples = np.asarray(images, dtype=float).reshape(-1, 64) if images is not None else np.zeros((0, 64))
        self.classify()

    # -- keys -----------------------------------------------------------------------------------
    def action_move(self, rows: int, cols: int) -> None:
        r, c = self.cursor
        self.cursor = (min(7, max(0, r + rows)), min(7, max(0, c + cols)))
        if self.pen:
            self.set_pixel(*self.cursor, 1.0)
        self.refresh()

    def action_shade(self) -> None:
        r, c = self.cursor
        level = float(self.pixels[r, c])
        self.set_pixel(r, c, NEXT_LEVEL.get(level, 0.0 if level >= 0.75 else 1.0))

    def action_pen(self) -> None:
        self.pen = not self.pen
        if self.pen:
            self.set_pixel(*self.cursor, 1.0)
        self.refresh()

    def action_clear(self) -> None:
        self.pixels[:] = 0.0
        self.classify()

    def action_test_digit(self) -> None:
        """Copy the next test image onto the pad, to edit it and see when the network changes its mind."""
        if len(self.samples):
            self.pixels = as_image(self.samples[self.sample % len(self.samples)]).copy()
            self.sample += 1
            self.classify()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        top = 0 if self.narrow else 1  # the wide layout has a title line above the grid
        if offset is not None and offset.x < 16 and top <= offset.y < top + 8:
            self.cursor = (offset.y - top, offset.x // 2)
            self.action_shade()

    @property
    def narrow(self) -> bool:
        """No room beside the grid: the verdict goes under it (and there is no title line)."""
        return self.beside < 11

    # -- state ------------------------------------------------------------------------------------
    def set_pixel(self, row: int, col: int, level: float) -> None:
        self.pixels[row, col] = level
        self.classify()

    def classify(self) -> None:
        """Run the lesson's own forward pass on the pad (a 1x64 product: instant on the UI thread)."""
        if self.predict is not None:
            try:
                self.probs = classify(self.predict, self.pixels)
            except Exception as exc:  # the lesson's code, possibly edited: report, never crash
                self.predict, self.probs = None, None
                self.status = f"predict() failed: {type(exc).__name__}: {exc}"
        self.refresh(layout=True)

    @property
    def guess(self) -> int | None:
        return None if self.probs is None else int(np.argmax(self.probs))

    def draw(self) -> Text:
        grid = [Text("draw a digit", style="dim")]
        for r in range(8):
            line = Text()
            for c in range(8):
                colour = grey(float(self.pixels[r, c]))
                if (r, c) == self.cursor:
                    line.append("[]", style=f"bold {'red' if self.pen else 'yellow'} on {colour}")
                else:
                    line.append("  ", style=f"on {colour}")
            grid.append(line)
        grid.append(Text("pen down" if self.pen else "", style="bold red"))
        room = self.beside
        if self.narrow:  # the verdict goes under the grid instead
            out = Text("\n").join(grid[1:9])
            if self.probs is None:
                out.append("\ntrain, then draw", style="dim")
            else:
                second = int(np.argsort(self.probs)[-2])
                out.append("\nreads ")
                out.append(str(self.guess), style="bold yellow")
                out.append(f" {self.probs[self.guess]:.0%}\nthen {second} {self.probs[second]:.0%}")
            return out
        if self.probs is None:
            right = [Text("once trained,", style="dim"), Text("the network", style="dim"),
                     Text("reads your", style="dim"), Text("digit here", style="dim")]
            if self.predict is None and self.status.startswith("predict()"):
                right.append(Text(self.status, style="red"))
        else:
            odds = f"  ({self.probs[self.guess]:.0%})" if room >= 20 else ""
            right = [Text.assemble("reads ", (str(self.guess), "bold yellow"), odds)]
            right += probability_lines(self.probs, width=room)
        return side_by_side(grid, right)

    def summary(self) -> list[str]:
        ink = f"{int(np.count_nonzero(self.pixels))} pixels inked"
        if self.probs is None:
            return [ink, "train to read it"]
        return [ink, f"reads {self.guess} ({self.probs[self.guess]:.0%})"]

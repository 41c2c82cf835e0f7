"""An 8x8 pad the learner shades from the keyboard; the trained network reads it as they draw."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
from rich.text import Text
from textual import events
from textual.binding import Binding

from grok_tui.digits import as_image, classify, predictor
from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels._digits_base import DigitsPanel, grey
from grok_tui.ui.panels.misclassified import percent, probability_lines, side_by_side

EMPTY = "empty, yet it"
"""Said over the reading of an empty pad: a network answers whatever it is given, nothing included
(a learner took 'reads 7 (16%)' on an empty pad for a bug)."""

UNFOCUSED = "to draw, press f until this frame lights up"
"""Said where the keys are while the pad has no focus (the arrows and space go to the lesson)."""
KEY_COLUMN = 16
"""Columns the keys take as a column beside the reading."""
KEY_GAP = 3
"""Columns at least between the reading and the keys' column."""

#: What space does to a pixel: empty -> full ink -> half ink -> empty.
NEXT_LEVEL = {0.0: 1.0, 1.0: 0.5, 0.5: 0.0}


class Panel(DigitsPanel):
    """Arrows move, space shades, d pen (draw while moving), x clears, t copies a test digit."""

    TITLE = "drawing pad"
    KEYS = "arrows space d x t"
    KEY_LINES = ("arrows move  space shade", "d pen  x clear  t test digit")
    """The keys, under the pad: a learner drawing needs them in view, not behind F1."""
    MIN_WIDTH = 18
    BINDINGS = [
        Binding("up", "move(-1, 0)", "move up", show=False),
        Binding("down", "move(1, 0)", "move down", show=False),
        Binding("left", "move(0, -1)", "move left", show=False),
        Binding("right", "move(0, 1)", "move right", show=False),
        Binding("space,enter", "shade", "shade the pixel (full, half, none)", show=False),
        Binding("d", "pen", "pen down/up: draw while moving", show=False),
        Binding("x", "clear", "clear the pad", show=False),
        Binding("t", "test_digit", "copy the next test digit onto the pad", show=False),
    ]

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.pixels = np.zeros((8, 8))
        """Ink per pixel, 0..1 (the scale the network was trained on)."""
        self.cursor = (0, 0)
        self.pen = False
        """While the pen is down, every move paints full ink."""
        self.predict: Callable[[np.ndarray], np.ndarray] | None = None
        self.probs: np.ndarray | None = None
        self.samples = np.zeros((0, 64))
        self.sample_labels = np.zeros(0, dtype=int)
        self.sample = 0
        self.copied: int | None = None
        """The test image `t` last copied onto the pad (None once cleared, or before any)."""
        self.ready = True  # the pad draws before any run; only the reading needs a network

    # The pad is usable before training: only the reading waits for a network.
    def run_started(self) -> None:
        self.predict, self.probs = None, None
        self.copied = None  # the next run's test set is another
        self.refresh(layout=True)

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        self.predict = predictor(namespace)
        images, labels = namespace.get("test_images"), namespace.get("test_labels")
        self.samples = np.asarray(images, dtype=float).reshape(-1, 64) if images is not None else np.zeros((0, 64))
        known = labels is not None and len(labels) == len(self.samples)
        self.sample_labels = np.asarray(labels, dtype=int) if known else np.zeros(0, dtype=int)
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
        self.copied = None
        self.classify()

    def action_test_digit(self) -> None:
        """Copy the next test image onto the pad, to edit it and see when the network changes its mind."""
        if len(self.samples):
            self.copied = self.sample % len(self.samples)
            self.pixels = as_image(self.samples[self.copied]).copy()
            self.sample += 1
            self.classify()
        else:  # the keys under the pad offer t from the start: it did nothing, and said nothing
            self.notify("No test digits yet: run the lesson first (space).", timeout=3)

    def title(self) -> str:
        """What is on the pad: "draw a digit", or the test image `t` copied and the digit it shows (a
        learner could not tell whether the network read a copy right)."""
        index = self.copied
        if index is None:
            return "draw a digit"
        what = f"test {index}" + (f": a {self.sample_labels[index]}" if len(self.sample_labels) else "")
        edited = not np.array_equal(self.pixels, as_image(self.samples[index]))
        return what + (", edited" if edited else "")

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        top = 1 if self.narrow else 2  # the frame's top line, and in the wide layout a title above it
        s = self.scale
        if offset is not None and 1 <= offset.x <= 16 * s and top <= offset.y < top + 8 * s:
            self.cursor = ((offset.y - top) // s, (offset.x - 1) // (2 * s))
            self.action_shade()

    @property
    def scale(self) -> int:
        """Rows a pixel takes (and twice as many columns): 2 where the panel has the room, zoomed (z)
        at 120x40, so a learner draws on a pad they can see (z added only empty rows around it)."""
        if not self.is_attached or self.columns < 2 + 32 + 2 + 16:
            return 1
        height = self.styles.height
        if self.screen.maximized is not self and (height is None or height.is_auto):
            # Its height follows its content, and the content this scale: once big (zoomed), the pad
            # kept its 22 rows after z again, squeezing the charts above it to a few rows (a trial)
            return 1
        # the title, the frame, 16 rows, the keys (the pen's line goes beside): zoomed at 80x24 the
        # pad stayed small, a row short of room for the keys' two unwrapped lines
        return 2 if self.visible_height >= 1 + 2 + 16 + len(self._keys()) else 1

    @property
    def beside(self) -> int:
        """Columns left beside the grid and its gap."""
        return self.columns - (16 * self.scale + 2)

    @property
    def narrow(self) -> bool:
        """No room beside the grid: the verdict goes under it (and there is no title line)."""
        return self.beside < 13

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

    def frame(self) -> list[Text]:
        """The 8x8 grid in a frame (an empty pad is as dark as the terminal: the frame shows where it is)."""
        s = self.scale
        lines = [Text("┌" + "─" * 16 * s + "┐", style="dim")]
        for r in range(8):
            line = Text("│", style="dim")
            for c in range(8):
                colour = grey(float(self.pixels[r, c]))
                if (r, c) == self.cursor:
                    line.append(
                        "[" + " " * (2 * s - 2) + "]", style=f"bold {'red' if self.pen else 'yellow'} on {colour}"
                    )
                else:
                    line.append("  " * s, style=f"on {colour}")
            line.append("│", style="dim")
            lines.extend(line.copy() for _ in range(s))
        lines.append(Text("└" + "─" * 16 * s + "┘", style="dim"))
        return lines

    def key_lines(self) -> list[Text]:
        """The pen's state, then the keys: under the pad where it is narrow."""
        return self._pen() + self._keys()

    def _pen(self) -> list[Text]:
        return [Text("pen down: moving paints", style="bold red")] if self.pen else []

    def _keys(self) -> list[Text]:
        if not self.focused:  # the arrows and space would go to the lesson (d still puts the pen down)
            return [self.sentence(UNFOCUSED, style="yellow")]
        width = self.columns
        lines, line = [], ""
        for word in self._key_words():  # wrap at the two-space gaps, so a key stays beside what it does
            if line and len(line) + 2 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line}  {word}" if line else word
        lines.append(line)
        return [Text(line, style="dim") for line in lines]

    def draw(self) -> Text:
        grid = self.frame()
        if self.narrow:  # the verdict goes under the grid instead
            out = Text("\n").join(grid)
            if self.probs is None:
                out.append("\ntrain, then draw", style="dim")
            else:
                second = int(np.argsort(self.probs)[-2])
                if not self.pixels.any():
                    out.append(f"\n{EMPTY}", style="dim")
                out.append("\nreads ")
                out.append(str(self.guess), style="bold yellow")
                out.append(f" {percent(self.probs[self.guess])}\nthen {second} {percent(self.probs[second])}")
            if self.copied is not None:
                out.append(f"\n{self.title()}", style="dim")
            for line in self.key_lines():
                out.append("\n")
                out.append_text(line)
            return out
        left = [Text(self.title(), style="dim"), *grid]
        keys = self._key_column()
        room = self.beside - 2 - (KEY_GAP + max(line.cell_len for line in keys) if keys else 0)
        if self.probs is None:
            right = [
                Text("once trained,", style="dim"),
                Text("the network", style="dim"),
                Text("reads your", style="dim"),
                Text("digit here", style="dim"),
            ]
            if self.predict is None and self.status.startswith("predict()"):
                right.append(Text(self.status, style="red"))
        else:
            # One line with the ten below, beside the 11 of the titled grid: a second line for an
            # empty pad pushed the digit 9 out of the panel at 80x24.
            head = Text.assemble((f"{EMPTY} " if not self.pixels.any() else "", "dim"), "reads ")
            head.append(str(self.guess), style="bold yellow")
            odds = f"  ({percent(self.probs[self.guess])})"
            if head.cell_len + len(odds) <= room:
                head.append(odds)
            right = [head, *probability_lines(self.probs, width=room)]
        right = [*right, *self._pen()]
        if keys:
            # a column of its own at the panel's right edge: placed after the reading, it moved when
            # the title grew ("test 0: a 2, edited") or the reading's lines changed width
            body = list(side_by_side(left, right).split("\n"))
            edge = self.columns - max(line.cell_len for line in keys) - KEY_GAP
            body[0] = body[0].copy()
            body[0].pad_right(max(0, edge - body[0].cell_len))  # side_by_side sets the column by its widest
            return side_by_side(body, keys, gap=KEY_GAP)
        out = side_by_side(left, right)
        for line in self._keys():
            out.append("\n")
            out.append_text(line)
        return out

    def _key_words(self) -> list[str]:
        """Each key with what it does ("d pen"), KEY_LINES split at their two-space gaps."""
        return "  ".join(self.KEY_LINES).split("  ")

    def _key_column(self) -> list[Text]:
        """The keys as a column beside the reading, where the panel is too short for them under the
        pad and wide enough beside it (80x24: the two key lines under the pad were cut off)."""
        if self.visible_height >= 1 + 2 + 8 * self.scale + len(self._keys()):  # title, frame, keys
            return []
        if self.focused:
            column = [Text(word, style="dim") for word in self._key_words()]
        else:
            column = [Text(line, style="yellow") for line in textwrap.wrap(UNFOCUSED, KEY_COLUMN)]
        width = max(line.cell_len for line in column)
        # the reading needs its 20-column bars ("7 ████▌  0.420") and the words beside the title
        return column if self.beside - 2 - KEY_GAP - width >= 20 else []

    def summary(self) -> list[str]:
        ink = f"{int(np.count_nonzero(self.pixels))} pixels inked"
        if self.probs is None:
            return [ink, "train to read it"]
        return [ink, f"reads {self.guess} ({percent(self.probs[self.guess])})"]

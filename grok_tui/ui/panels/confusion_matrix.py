"""A 10x10 confusion matrix of the test set, coloured by count, with a cursor to read any cell."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import numpy as np
from rich.text import Text
from textual.binding import Binding

from grok_tui.digits import confusion_matrix, held_out
from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels._digits_base import DigitsPanel
from grok_tui.ui.panels._mistakes_screen import MistakesScreen

MATRIX_WIDTH = 39
"""Columns the matrix takes: `true\\said` and ten counts of 3."""
BESIDE_MIN = 20
"""Columns beside the matrix from which the cell's sentence goes there, not under it."""


def _style(count: int, largest: int, right: bool, selected: bool) -> str:
    """Green for correct answers, red for mistakes; brighter for bigger counts."""
    if count == 0:
        style = "grey42"
    else:
        t = 0.35 + 0.65 * (count / max(largest, 1)) ** 0.5
        rgb = (0, int(90 + 130 * t), 40) if right else (int(120 + 135 * t), 30, 30)
        style = f"bold rgb(255,255,255) on rgb({rgb[0]},{rgb[1]},{rgb[2]})"
    return style + (" reverse" if selected else "")


def most_mixed(counts: np.ndarray) -> tuple[int, int] | None:
    """The (true, said) cell of the most frequent mistake, or None if there is no mistake."""
    off = counts * (1 - np.eye(len(counts), dtype=int))
    if not off.any():
        return None
    r, c = np.unravel_index(off.argmax(), off.shape)
    return int(r), int(c)


class Panel(DigitsPanel):
    """Rows: the true digit. Columns: what the network said. The diagonal is what it got right."""

    TITLE = "confusion matrix"
    KEYS = "arrows ⏎ its digits"
    MIN_WIDTH = 39
    WAITING = "Run the lesson (space): the confusion matrix of the test set appears here."
    BINDINGS = [
        Binding("left", "move(0, -1)", "cell to the left", show=False),
        Binding("right", "move(0, 1)", "cell to the right", show=False),
        Binding("up", "move(-1, 0)", "cell above", show=False),
        Binding("down", "move(1, 0)", "cell below", show=False),
        Binding("enter", "open_cell", "show the test digits of this cell", show=False),
    ]

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.counts = np.zeros((10, 10), dtype=int)
        self.cursor = (0, 0)
        self.namespace: Mapping[str, Any] = {}

    def load(self, namespace: Mapping[str, Any]) -> bool:
        found = held_out(namespace)
        if found is None:
            return False
        _, labels, probs = found
        self.namespace = namespace
        self.counts = confusion_matrix(labels, probs.argmax(axis=1))
        self.cursor = most_mixed(self.counts) or (0, 0)  # start on the interesting cell
        return True

    def action_move(self, rows: int, cols: int) -> None:
        r, c = self.cursor
        self.cursor = ((r + rows) % 10, (c + cols) % 10)
        self.refresh()

    def action_open_cell(self) -> None:
        """enter: the misclassified browser, kept to this cell's mistakes."""
        r, c = self.cursor
        if not self.ready:
            self.notify("Run the lesson first (space).", timeout=3)
        elif r == c:
            self.notify("The diagonal is what it got right: pick a cell off it to see mistakes.", timeout=4)
        elif not self.counts[r, c]:
            self.notify(f"No test {r} was read as {c}.", timeout=3)
        else:
            self.app.push_screen(MistakesScreen(self.lesson, self.namespace, r, c))

    def draw(self) -> Text:
        largest = int(self.counts.max())
        rows = [Text("true\\said" + "".join(f"{c:>3}" for c in range(10)), style="bold")]
        for r in range(10):
            row = Text(f"{r:>9}", style="bold")
            for c in range(10):
                n = int(self.counts[r, c])
                row.append(f"{n:>3}", style=_style(n, largest, r == c, (r, c) == self.cursor))
            rows.append(row)
        r, c = self.cursor
        n, total = int(self.counts[r, c]), int(self.counts.sum())
        right = int(np.trace(self.counts))
        enter = " (enter)" if n and r != c else ""
        what = f"{n} test {r}s read right" if r == c else f"{_read_as(n, r, c)}{enter}"
        room = self.columns - MATRIX_WIDTH - 3
        if room >= BESIDE_MIN:
            # Beside the matrix where it has the room: under it, 7.5's lab at 80x24 cut it off, the
            # line that says enter shows those digits.
            said = [*textwrap.wrap(what, room), f"{right}/{total} right"]
            for i, words in enumerate(said):
                rows[i + 1].append("   " + words, style="italic")
            return Text("\n").join(rows)
        line = f"{what}  ·  {right}/{total} right"
        if len(line) > self.columns:  # the side column at 120x40 (44): "... (enter)  ·  441/4" was cut
            short = what if r == c else f"{n}× {r} read as {c}{enter}"
            line = f"{short} · {right}/{total} right"
        rows.append(Text(line, style="italic"))
        return Text("\n").join(rows)

    def summary(self) -> list[str]:
        r, c = self.cursor
        n = int(self.counts[r, c])
        cell = f"{n} test {r}s read right" if r == c else f"{r} read as {c}: {n}x" + ("  enter: see them" if n else "")
        return [f"{int(np.trace(self.counts))}/{int(self.counts.sum())} right", cell, "arrows: another cell"]


def _read_as(n: int, r: int, c: int) -> str:
    """What a cell off the diagonal holds, as the diagonal's "N test 5s read right" does: "no test 3
    read as 8", "one test 3 ...", "12 test 5s read as 9" ("2 times a 8", "1 times" read wrong)."""
    if n == 0:
        return f"no test {r} read as {c}"
    return f"one test {r} read as {c}" if n == 1 else f"{n} test {r}s read as {c}"

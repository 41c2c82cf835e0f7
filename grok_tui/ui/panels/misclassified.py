"""A browser of the test digits the network got wrong: the image, the truth, the guess, all ten odds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from rich.text import Text
from textual.binding import Binding

from grok_tui.digits import held_out
from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels._digits_base import DigitsPanel, bar, digit_text


def percent(p: Any) -> str:
    """A probability as a whole percent that never rounds to 100 or 0 unless it is: the drawing pad
    read "reads 1 (100%)" beside its bar's 0.999."""
    p = float(p)
    text = f"{p:.0%}"
    if text == "100%" and p < 1:
        return ">99%"
    if text == "0%" and p > 0:
        return "<1%"
    return text


def probability_lines(probs: np.ndarray, truth: int | None = None, width: int = 33) -> list[Text]:
    """Ten lines 'd ████▌  0.420': the guess in bold, the true digit (if given) in green.

    Under 20 columns (`width`) the lines shrink to 'd ███ .42' so the panel fits a narrow column.
    """
    compact = width < 20
    guess = int(np.argmax(probs))
    lines = []
    for d, p in enumerate(probs):
        style = "bold yellow" if d == guess else ("green" if d == truth else "")
        if d == truth and d != guess:
            style = "bold green"
        if compact:
            odds = "1.0" if p >= 0.995 else f"{p:.2f}"[1:]
            lines.append(Text(f"{d} {bar(float(p), max(1, width - 6))} {odds}", style=style))
        else:
            lines.append(Text(f"{d} {bar(float(p))} {p:5.3f}", style=style))
    return lines


def side_by_side(left: list[Text], right: list[Text], gap: int = 2) -> Text:
    """Two columns of lines as one Text (left lines padded to the same width)."""
    width = max((line.cell_len for line in left), default=0)
    out = Text()
    for i in range(max(len(left), len(right))):
        if i:
            out.append("\n")  # between rows, not after: rstrip took a digit's paper (spaces) too
        a = left[i].copy() if i < len(left) else Text("")
        a.pad_right(width - a.cell_len + gap)
        out.append_text(a)
        if i < len(right):
            out.append_text(right[i])
    return out


class Panel(DigitsPanel):
    """←/→ walk through the misclassified test images."""

    TITLE = "misclassified test digits"
    KEYS = "←/→"
    MIN_WIDTH = 16
    WAITING = "Run the lesson (space): the test digits it gets wrong appear here."
    BINDINGS = [
        Binding("left", "move(-1)", "previous mistake", show=False),
        Binding("right", "move(1)", "next mistake", show=False),
        Binding("home", "first", "first (most confident) mistake", show=False),
    ]

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.images = np.zeros((0, 64))
        self.labels = np.zeros(0, dtype=int)
        self.probs = np.zeros((0, 10))
        self.wrong: list[int] = []
        """Indices into the test set of the misclassified images, most confident mistake first."""
        self.index = 0
        self.pair: tuple[int, int] | None = None
        """(true digit, digit said): only those mistakes are browsed (a confusion-matrix cell)."""

    def load(self, namespace: Mapping[str, Any]) -> bool:
        found = held_out(namespace)
        if found is None:
            return False
        self.images, self.labels, self.probs = found
        guesses = self.probs.argmax(axis=1)
        chosen = guesses != self.labels
        if self.pair is not None:
            chosen &= (self.labels == self.pair[0]) & (guesses == self.pair[1])
        wrong = np.flatnonzero(chosen)
        confidence = self.probs[wrong, guesses[wrong]]
        self.wrong = [int(i) for i in wrong[np.argsort(-confidence, kind="stable")]]
        self.index = 0
        return True

    def show_pair(self, namespace: Mapping[str, Any], truth: int, said: int) -> None:
        """Browse only the test digits `truth` that the network read as `said`."""
        self.pair = (truth, said)
        self.run_finished(namespace)

    def action_move(self, delta: int) -> None:
        if self.wrong:
            self.index = (self.index + delta) % len(self.wrong)
            self.refresh()

    def action_first(self) -> None:
        self.index = 0
        self.refresh()

    @property
    def current(self) -> int | None:
        """Index in the test set of the image on show."""
        return self.wrong[self.index] if self.wrong else None

    def draw(self) -> Text:
        i = self.current
        if i is None:
            if self.pair is not None:
                return Text(f"No test {self.pair[0]} was read as {self.pair[1]}.", style="bold green")
            return Text(f"No mistakes: all {len(self.labels)} test digits read right.", style="bold green")
        truth, guess = int(self.labels[i]), int(self.probs[i].argmax())
        head = Text.assemble(
            (f"{self.index + 1} of {len(self.wrong)}", "bold"),
            "  ",
            ("true ", ""),
            (str(truth), "bold green"),
            ("  said ", ""),
            (str(guess), "bold yellow"),
            ("   ←/→" if self.focused else "", "dim"),  # said while focused, where they surely reach it
        )
        image = digit_text(self.images[i], scale=2)
        room = self.beside
        if room < 11:  # a narrow column: the verdict goes under the image instead
            out = Text("\n").join(image)
            out.append(f"\na {truth}, said ")
            out.append(str(guess), style="bold yellow")
            arrows = " ←/→" if self.focused else ""
            out.append(f" {percent(self.probs[i, guess])}\n{self.index + 1} of {len(self.wrong)}{arrows}")
            return out
        image.append(Text(f"test #{i}", style="dim"))
        out = head
        out.append("\n")
        out.append_text(side_by_side(image, probability_lines(self.probs[i], truth, room)))
        return out

    def summary(self) -> list[str]:
        i = self.current
        if i is None:
            return ["no mistakes"]
        return [
            f"{len(self.wrong)} mistakes",
            f"{self.index + 1}: a {self.labels[i]} read as {int(self.probs[i].argmax())}",
        ]

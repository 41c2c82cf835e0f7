"""How the bench scripts make a lesson play for a long while, with the keys a learner would press."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Play:
    lesson: str
    marker: bytes
    """Text on the lesson screen once it is shown (the status line: the contents, which may show
    first, list the lessons' titles)."""
    keys: str
    """Pressed once the lesson shows: each +/- restarts the run, so the last one starts it."""
    note: str


PLAYS = {
    "7.1": Play("7.1", b"step 0", "]" + "+" * 22, "100 images at the lesson's pace of 3 a second"),
    "4.5": Play(
        "4.5",
        b"step 0",
        "----" + "]]" + "+" * 198,
        "alpha 0.01, 2000 iterations, at the lesson's pace of 4 steps/s",
    ),
    "6.5": Play("6.5", b"step 0", "]]" + "+" * 22, "500 iterations at the lesson's pace of 10 steps/s"),
    "7.5": Play("7.5", b"step 0", "]]" + "+" * 40, "500 epochs at the lesson's pace of 40 epochs/s"),
}

SIZES = ((80, 24), (100, 30), (200, 50))

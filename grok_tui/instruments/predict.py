"""Predict, then reveal: read the learner's guess, compare it with the run's value, keep a tally."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def read_number(text: str) -> float | None:
    """The learner's typed number ("0.5", "-.25", "1e-3", "−0.3" with a Unicode minus); None if it is not one."""
    text = text.strip().replace("−", "-")
    if text.count(",") == 1 and "." not in text:  # a decimal comma: 1,5
        text = text.replace(",", ".")
    if not _NUMBER.match(text):
        return None
    return float(text)


@dataclass(frozen=True)
class Verdict:
    given: float
    actual: float
    tolerance: float

    @property
    def off(self) -> float:
        return abs(self.given - self.actual)

    @property
    def right(self) -> bool:
        return math.isfinite(self.actual) and self.off <= self.tolerance

    def sentence(self) -> str:
        """Right, or how far off and in which direction."""
        if self.right:
            return f"Right: {self.actual:.6g} (you said {self.given:.6g})."
        way = "too high" if self.given > self.actual else "too low"
        return (
            f"Not quite: it is {self.actual:.6g}; you said {self.given:.6g}, "
            f"{self.off:.4g} {way} (within {self.tolerance:g} counts as right)."
        )


@dataclass
class Tally:
    """Predictions answered in this lesson's session, and how many were right."""

    asked: int = 0
    right: int = 0

    def add(self, verdict: Verdict) -> None:
        self.asked += 1
        self.right += verdict.right

    def __str__(self) -> str:
        return f"{self.right}/{self.asked} right" if self.asked else "no predictions yet"

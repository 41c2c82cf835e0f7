"""How often the lesson screen redraws, in one place.

Every interval here is multiplied by the output monitor's slowdown factor (contract C4: 1.0 while the
terminal keeps up, larger when its output falls behind), so on a slow SSH link the screen draws
less often instead of queueing frames.
"""

from __future__ import annotations

import time

TICK_HZ = 10
"""How often the screen polls the session (cheap: nothing is drawn unless something changed)."""
VALUES_HZ = 5
"""Values table, status line and live strip. Numbers that change more often than 5 times a second
cannot be read anyway, and these lines are what plays over SSH while the learner reads."""
CHART_HZ = 5
"""Charts: the largest area on screen, so most of the bytes sent over SSH while a lesson plays
(bench/bandwidth.py); 5 a second still reads as motion."""
OUTPUT_HZ = 4
"""The full-screen output view while the run keeps printing."""


def slowdown(app) -> float:
    """The C4 factor: the app's output monitor (helper i11's grok_tui/ui/output_pacing.py, kept as
    `app.output_pacing`) when it has one, else 1.0."""
    monitor = getattr(app, "output_pacing", None)
    if monitor is None:
        return 1.0
    try:
        return max(1.0, float(monitor.slowdown()))
    except Exception:  # a monitor that fails must not stop the drawing
        return 1.0


class Pace:
    """Says whether a part of the screen may redraw now, at `hz` times the slowdown factor."""

    def __init__(self, hz: float) -> None:
        self.interval = 1.0 / hz
        self.last = float("-inf")

    def due(self, factor: float = 1.0, *, force: bool = False) -> bool:
        now = time.monotonic()
        if force or now - self.last >= self.interval * factor:
            self.last = now
            return True
        return False

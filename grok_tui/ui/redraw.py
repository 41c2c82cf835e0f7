"""How often the lesson screen redraws, in one place.

Every interval here is multiplied by the output monitor's slowdown factor (contract C4: 1.0 while the
terminal keeps up, larger when its output falls behind), so on a slow SSH link the screen draws
less often instead of queueing frames.
"""

from __future__ import annotations

import time

from grok_tui.ui import output_pacing

TICK_HZ = 10
"""How often the screen polls the session (cheap: nothing is drawn unless something changed)."""
VALUES_HZ = 5
"""Values table, status line and live strip. Numbers that change more often than 5 times a second
cannot be read anyway, and these lines are what plays over SSH while the learner reads."""
CHART_HZ = 5
"""Charts at most: the largest area on screen, so most of the bytes sent over SSH while a lesson plays
(bench/bandwidth.py); 5 a second still reads as motion. Fewer when a frame would overspend the
screen's byte budget (`charts_due`)."""
OUTPUT_HZ = 4
"""The full-screen output view while the run keeps printing."""


def slowdown(app=None) -> float:
    """The C4 factor from the app's output monitor (grok_tui/ui/output_pacing.py): 1.0 while the
    terminal keeps up. `app` is unused (the monitor is app-wide); kept so callers read the same."""
    return max(1.0, output_pacing.slowdown())


STARVED = 0.5
"""Seconds (times the slowdown factor) the charts wait at most for the byte budget. Without it a
panel that spends the whole budget froze the chart until the run's end: 7.1's gallery draws each
image, and at 120x40 its ink chart stayed at 3 points while the walk went on to 12."""


def charts_due(pace: Pace, factor: float, *, final: bool) -> bool:
    """May the charts redraw now: at their pace, and within the byte budget (output_pacing), or
    after STARVED seconds whatever the budget; the final frame of a run always."""
    if final:
        return pace.due(factor, force=True)
    if output_pacing.charts_allowed():
        return pace.due(factor)
    return pace.due(factor * STARVED / pace.interval)


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

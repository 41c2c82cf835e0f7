"""A budget of bytes per second to the terminal, so a playing lesson stays light over any SSH link.

Every byte the app writes is charged (`spent`, from the wrapped driver write in output_pacing.py); a
chart may redraw only while the budget has credit (`allows`). The values, the status line and the
strip are cheap and always drawn at their own rates; the charts, the largest area, take what is left,
so their frame rate adapts to how many bytes a frame of this chart at this size really costs, in every
lesson. The final frame of a run is drawn whatever the credit (the screen forces it), and a chart
kept out of credit by the other parts (7.1's gallery, which draws each image) still redraws every
half second (grok_tui/ui/redraw.py, STARVED).

The rate grows with the screen's area (a bigger chart costs more per frame) but less than in
proportion: 80x24 gets ~3.1 KB/s, 100x30 ~3.6 KB/s, 200x50 ~6.5 KB/s, under the targets of 4 and
8 KB/s (issue 11) with room for the cheap parts and the odd full repaint.
"""

from __future__ import annotations

import time
from collections.abc import Callable

BASE_RATE = 2300.0
"""Bytes per second any screen gets."""
PER_CELL = 0.42
"""And this much more per character cell of the screen."""
BURST = 1.0
"""Seconds of credit that can be saved up (a full chart frame after a pause goes out at once)."""
DEBT = 3.0
"""Seconds of debt at most: one huge repaint (a resize, a new screen) does not stop the charts for
longer than this, and a chart whose every frame costs more than this much budget is still redrawn
every DEBT seconds."""


def rate_for(width: int, height: int) -> float:
    """The budget in bytes per second for a screen of this size."""
    return BASE_RATE + PER_CELL * max(0, width) * max(0, height)


class ByteBudget:
    """A token bucket of bytes: credit refills at `rate()` bytes/s up to BURST seconds of it."""

    def __init__(self, rate: Callable[[], float], clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = rate
        self._clock = clock
        self._at = clock()
        self.credit = rate() * BURST  # a full bucket: the first chart frames are not held back

    def _refill(self) -> float:
        now = self._clock()
        rate = self._rate()
        self.credit = min(rate * BURST, self.credit + (now - self._at) * rate)
        self._at = now
        return rate

    def spent(self, count: int) -> None:
        """`count` bytes went to the terminal."""
        rate = self._refill()
        self.credit = max(-rate * DEBT, self.credit - count)

    def allows(self) -> bool:
        """May a chart redraw now? (Only while the bytes so far are within the budget.)"""
        self._refill()
        return self.credit >= 0

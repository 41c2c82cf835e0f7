"""The byte budget: the charts' frame rate follows what their frames cost, the average stays under
the screen's budget, and the last frame of a run is always drawn."""

from __future__ import annotations

import time

from grok_tui.ui import output_pacing
from grok_tui.ui.byte_budget import BURST, DEBT, ByteBudget, rate_for
from grok_tui.ui.redraw import STARVED, Pace, charts_due
from tests.ui.helpers import Clock


def play(frame_bytes: int, rate: float, seconds: float, other_per_tick: int = 0) -> tuple[float, float]:
    """A screen ticking 10 times a second that draws a chart frame whenever the budget allows, plus
    `other_per_tick` bytes of numbers at every tick: (bytes/s written, chart frames/s)."""
    clock = Clock()
    budget = ByteBudget(lambda: rate, clock)
    total = frames = 0
    for _ in range(int(seconds * 10)):
        clock.now += 0.1
        budget.spent(other_per_tick)
        total += other_per_tick
        if budget.allows():
            budget.spent(frame_bytes)
            total += frame_bytes
            frames += 1
    return total / seconds, frames / seconds


def test_the_targets_leave_room_at_every_size():
    assert rate_for(80, 24) < 0.85 * 4000
    assert rate_for(200, 50) < 0.85 * 8000
    assert rate_for(80, 24) < rate_for(100, 30) < rate_for(200, 50)


def test_the_average_stays_within_the_budget_whatever_a_frame_costs():
    for frame in (100, 700, 3000, 8000):
        sent, _ = play(frame, rate=3000, seconds=120, other_per_tick=40)
        assert sent <= 3000 * 1.02 + frame * (1 + BURST) / 120
    # A frame dearer than DEBT seconds of budget still comes every DEBT seconds or so: never frozen.
    _, rate = play(20000, rate=3000, seconds=120)
    assert 1 / (DEBT + 0.3) <= rate <= 1 / DEBT


def test_cheap_frames_are_not_held_back_and_dear_ones_come_less_often():
    _, cheap = play(200, rate=3000, seconds=60)
    _, dear = play(3000, rate=3000, seconds=60)
    assert cheap == 10.0  # every tick: 2000 B/s fits in 3000
    assert 0.9 <= dear <= 1.1  # 3000 B a frame at 3000 B/s: one a second


def test_a_huge_repaint_stops_the_charts_for_a_bounded_time():
    clock = Clock()
    budget = ByteBudget(lambda: 1000.0, clock)
    budget.spent(10**7)  # a resize of a huge screen
    clock.now += DEBT + 0.01
    assert budget.allows()


def test_the_final_frame_is_drawn_even_when_the_budget_is_spent():
    clock = Clock()
    budget = ByteBudget(lambda: 1000.0, clock)
    budget.spent(5000)
    output_pacing._budget = budget
    try:
        pace = Pace(5)
        pace.last = time.monotonic() - 0.3  # due at its pace (0.2 s), not yet starved (STARVED)
        assert not charts_due(pace, 1.0, final=False)
        assert charts_due(pace, 1.0, final=True)
    finally:
        output_pacing._budget = None


def test_a_panel_that_spends_the_whole_budget_does_not_freeze_the_charts():
    """7.1's gallery draws every image (1.3 KB each at 120x40, 3 a second): the budget stayed in debt
    and the ink chart showed 3 points until the walk's end. The charts then redraw every STARVED s."""
    clock = Clock()
    budget = ByteBudget(lambda: 1000.0, clock)
    budget.spent(10**6)  # deep in debt, as the panel keeps it
    output_pacing._budget = budget
    try:
        pace = Pace(5)
        pace.last = time.monotonic() - STARVED / 2  # the chart's pace is due, the budget says no
        assert not charts_due(pace, 1.0, final=False)
        pace.last = time.monotonic() - STARVED - 0.05
        assert charts_due(pace, 1.0, final=False)
        pace.last = time.monotonic() - STARVED - 0.05  # a slow terminal's factor stretches it too
        assert not charts_due(pace, 2.0, final=False)
    finally:
        output_pacing._budget = None

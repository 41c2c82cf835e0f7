"""Whether the previous run's dimmed curve shares a chart's axes with the current run: it must not
flatten the current curve (a diverged run behind a converging one), and when it is left out the chart
says whether it ran away or only reached a wider range; and whether a curve's last values dwarf its
first (a linear axis then draws the first as a flat line). Pure functions over the runs' points."""

from __future__ import annotations

ZOOM_RATIO = 5.0
"""When the previous run spans more than this many times the current run's range (a diverged run
behind a converging one), the chart keeps to the current run and leaves the dimmed curve out."""
LOG_FLOOR = 2.0
"""On a log chart the current run's range counts as this many decades at least: a run stuck on a
plateau (6.5 with seed 2, 7.5 with alpha 2) left out the previous run a few decades below it, the
one the try-this asks to compare it with."""
LINEAR_FLOOR = 0.2
"""On a linear chart the current run's range counts as this share of its largest value at least: 7.1
run twice over the same images spans 7 of ink (300..307) at its second image, and the previous run's
50 left it out as "wider range" until the fourth image, the axis jumping twice."""
LOG_SPAN_MAX = 16.0
"""On a log chart a previous run that went lower (it learned where this one stalls) is drawn unless
the two together span more than this many decades: that comparison is the point (5.5's wrong order
stalls at 0.63 where the right one reached 2.6e-11, and the try-this asks to compare them)."""
FAR_RATIO = 100.0
"""Beyond this many times, the left-out previous run is "off scale" (it ran away); below, it only
reaches a "wider range" (a longer run of the same curve). On a log chart: above this run by more
than LOG_FLOOR decades."""


def previous_spread(current: list[float], previous: list[float], log: bool = False) -> float:
    """How many times the current curve's range the two runs' range together would be (1: the
    previous run adds nothing to it). `log`: the values are decades (a log chart's points)."""
    if not current or not previous:
        return 1.0
    low, high = min(current), max(current)
    if high <= low and not log:  # a run's first point, or a flat curve: the previous run gives the scale
        return 1.0
    floor = LOG_FLOOR if log else LINEAR_FLOOR * max(abs(high), abs(low))
    return (max(high, max(previous)) - min(low, min(previous))) / max(high - low, floor)


def previous_fits(current: list[float], previous: list[float], log: bool = False) -> bool:
    """Whether the previous run can share the axes without flattening the current curve."""
    if previous_spread(current, previous, log) <= ZOOM_RATIO:
        return True
    # ...and on a log chart, a previous run that went lower (the same run again fits above, whatever
    # its span: 4.5 twice at alpha 1, 19 decades, was left out as "wider range")
    lower = log and bool(current and previous) and max(previous) <= max(current) + LOG_FLOOR
    return lower and max(max(current), max(previous)) - min(min(current), min(previous)) <= LOG_SPAN_MAX


def previous_ran_away(current: list[float], previous: list[float], log: bool = False) -> bool:
    """Whether a previous run left out is "off scale" rather than of a "wider range" (FAR_RATIO)."""
    if not log:
        return previous_spread(current, previous) > FAR_RATIO
    return bool(current and previous) and max(previous) - max(current) > LOG_FLOOR


def previous_side(current: list[float], previous: list[float]) -> str:
    """Which way a previous run left out reaches past this one: "above", "below" or "both" (when
    its lesser side reaches a tenth as far as the other: a diverging run swings both ways). The
    legend says it: 4.2's tiny step, 30 decades lower, was said to reach "a wider range", which did
    not tell that it learned more."""
    if not current or not previous:
        return "both"
    above, below = max(previous) - max(current), min(current) - min(previous)
    if min(above, below) > 0 and min(above, below) * 10 >= max(above, below):
        return "both"
    return "below" if below > above else "above"


def previous_overlaps(current: list[float], previous: list[float]) -> bool:
    """On a chart against a value (7.1's image number): whether the previous run lies where this one
    does on x, overlapping or nearer than either run's span. (The span test above, used on x too, left
    out a previous run over images 0..11 while this run over the same images was at its third, and
    said "wider range"; then drew it again from the fourth: the axis jumped.) Runs far apart on x
    (images 1000.. after 0..) would each be a thin stripe at one end of the axis."""
    if not current or not previous:
        return True
    gap = max(min(current), min(previous)) - min(max(current), max(previous))
    return gap <= max(max(current) - min(current), max(previous) - min(previous))


def dwarfed(ys: list[float], rows: int) -> bool:
    """Whether a curve's first half moved, yet within one text row of an axis of `rows` rows spanning
    the whole curve, while its last quarter is over 10 times its first half's size: a linear axis
    then draws the first half as a flat line (5.2b at alpha 2: ±943, then swings of 13168)."""
    if len(ys) < 8 or rows <= 0:
        return False
    head = ys[: len(ys) // 2]
    size = max(abs(y) for y in head)
    moved = max(head) - min(head)
    row = (max(ys) - min(ys)) / rows
    return 0 < moved < row and max(abs(y) for y in ys[-(len(ys) // 4) :]) > 10 * size

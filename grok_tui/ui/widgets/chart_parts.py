"""The parts of a chart plotext does not decide: nice axes (real values on a log axis), the legend
line, and the compact view of a chart too small for axes.

No Textual here: rows are plain data (tuples of (text, style key) runs), so the chart widget can
compare two pictures row by row and send only the rows that changed, and tests can read them.

Each series has its own glyph, not only its own colour, so a monochrome terminal still tells them
apart: the first is a braille line, the next ones carry marker characters along their braille
lines. The dimmed previous run is grey, its first series' line with "·" along it (else it was this
run's first line, in grey), its later series with their glyphs; on a chart of points it is drawn
with "·".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.style import Style

Run = tuple[str, "str | Style"]
"""A piece of a row: its text and a style key ("" plain, "axis", "s0".."s5", "prev"); in the chart
widget's plot rows, the Rich Style plotext gave that run."""
Row = tuple[Run, ...]

MARKERS = ("braille", "•", "×", "+", "◦", "▪")
"""The glyph of series 0, 1, 2...: a braille line first (finest), then marker characters."""
POINT = "●"
"""The first series' marker on a chart of points (Chart.points), where a braille line would join them."""
PREVIOUS_MARKER = "·"
"""The glyph of the previous run's first series, along its grey braille line (and of its points on
a chart of points): grey and colour alone told the two runs apart, and on a monochrome terminal 6.3's
falling relu curve read as the linear run's."""
LEGEND_GLYPH = {"braille": "⠒⠒"}
"""How the legend shows a braille line (a marker shows itself)."""
PREVIOUS_LINE_GLYPH = "⠒" + PREVIOUS_MARKER
"""How the legend shows the previous run's first curve: a line with its glyph."""
GOAL_GLYPH = "⠒ ⠒"
"""How the legend shows the goal: a dotted line, as drawn (chart_plot.py)."""
_RANGE_ENDS = (1, 1.5, 2, 3, 4, 5, 6, 8, 10)
"""Where a step axis may end (times a power of ten): it grows in these jumps, so a running curve is
not rescaled at every step (which would redraw and resend the whole chart)."""


@dataclass(frozen=True)
class Layer:
    """One curve: points (x, y) in plotting units, its glyph and its style key."""

    points: Sequence[tuple[float, float]]
    marker: str
    key: str


@dataclass(frozen=True)
class Axis:
    """A plotted range and its ticks (value, label)."""

    low: float
    high: float
    ticks: tuple[tuple[float, str], ...]


def nice_step(span: float, count: int, integer: bool = False) -> float:
    """The smallest 1-2-5 step that cuts `span` into at most `count` intervals."""
    if span <= 0 or count < 1:
        return 1.0
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        step = factor * power
        if step >= raw * (1 - 1e-9):
            break
    return max(1.0, round(step)) if integer else step


def label(value: float, step: float) -> str:
    """A tick label with as many decimals as the step needs ('0.25', '1e+03' only when huge)."""
    decimals = max(0, -math.floor(math.log10(step))) if step > 0 else 3
    value = round(value, decimals + 1)
    if value == 0:
        return "0"
    if abs(value) >= 1e5 or abs(value) < 1e-3:
        return f"{value:.2g}"
    return f"{value:.{decimals}f}"


def linear_axis(low: float, high: float, count: int, integer: bool = False) -> Axis:
    """An axis from a tick at or below `low` to one at or above `high`, ticks 1-2-5 apart."""
    if high <= low:
        pad = abs(low) * 0.5 or 1.0
        low, high = low - pad, high + pad
    step = nice_step(high - low, max(1, count - 1), integer)
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    ticks = tuple((i * step, label(i * step, step)) for i in range(first, last + 1))
    return Axis(first * step, last * step, ticks)


def ends_axis(low: float, high: float) -> Axis:
    """An axis from the lowest value drawn to the highest, labelled there and nowhere else: the
    series at the top and bottom rows sit on their own values."""
    return Axis(low, high, ((low, _end_label(low)), (high, _end_label(high))))


def _end_label(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.3g}"


def tight_axis(low: float, high: float, count: int, integer: bool = False) -> Axis:
    """An axis from `low` to `high` exactly, ticks 1-2-5 apart between them and the ends labelled
    where there is room: for a value the run swept (6.7's x from -12 to 12 sat on -20..20 at
    120x40, the curve squeezed into the middle three fifths)."""
    if high <= low:
        return linear_axis(low, high, count, integer)
    step = nice_step(high - low, max(1, count - 1), integer)
    ticks = [
        (i * step, label(i * step, step))
        for i in range(math.ceil(low / step - 1e-9), math.floor(high / step + 1e-9) + 1)
    ]
    # An end between two ticks is labelled as it is, not at the step's precision: 4.3b's sweep from
    # -0.5 to 3.5 with ticks a whole number apart read "-0" and "4".
    if not ticks or ticks[0][0] - low >= step / 2:
        ticks.insert(0, (low, _end_label(low)))
    if high - ticks[-1][0] >= step / 2:
        ticks.append((high, _end_label(high)))
    return Axis(low, high, tuple(ticks))


def step_axis(low: float, high: float, count: int, planned: int | None = None) -> Axis:
    """The x axis of step numbers, from the first step to the run's last (`planned`, the steps it
    will take): the curve grows into a fixed axis. Where the count is not known, the end grows in
    jumps. (It began at 0 for runs whose first step is 1: 3.5's four games left a quarter of the
    chart empty over a "game 0" that never was; and it ran on to 14 after 2.1's 12 games, to 30
    after 5.2's 24 iterations.)"""
    low = float(math.floor(low))
    end = max(high, low + 1.0)
    if planned is not None and planned >= end:
        end = float(planned)
    else:
        power = 10 ** math.floor(math.log10(end)) if end > 0 else 1
        end = next(f * power for f in _RANGE_ENDS if f * power >= end - 1e-9)
    step = int(nice_step(end - low, max(1, count - 1), integer=True))
    first = math.ceil(low / step) * step  # ticks at multiples of the step: 5 10 15, not 1 6 11
    values = list(range(first, int(end) + 1, step))
    if not values or values[0] - low >= step / 2:  # the first step labelled: half a gap is room enough
        values.insert(0, int(low))
    if end - values[-1] >= step / 2:  # and the last: 24 after 20
        values.append(int(end))
    return Axis(low, end, tuple((float(v), str(v)) for v in values))


def _real(exponent: float) -> str:
    """10**exponent as the learner reads it: 1e-6, 0.001, 0.5, 1, 20, 1e+3, 1e+312 (no float needed:
    a diverging run's axis can pass the largest float)."""
    whole = math.floor(exponent + 1e-9)
    mantissa = round(10 ** (exponent - whole))
    if mantissa >= 10:
        mantissa, whole = 1, whole + 1
    if -3 <= whole < 3:
        return f"{mantissa * 10.0**whole:g}"
    return f"{mantissa}e{whole:+d}"


FLOAT_DECADES = 309
"""log10 of a float's largest value (1.8e308), rounded up: a log axis never goes past it."""


def log_axis(low: float, high: float, count: int) -> Axis:
    """A log axis for log10 values `low..high`, labelled in the real values (never in exponents)."""
    if high - low >= 1:
        first, last = math.floor(low + 1e-9), math.ceil(high - 1e-9)
        every = max(1, math.ceil((last - first) / max(1, count - 1)))
        # The ticks start at the data's top decade and the bottom snaps down to a whole tick
        # interval: a falling error then moves the axis once every `every` decades, not at each one
        # (each move redraws and resends the whole chart). Snapping both ends to multiples of
        # `every` put 7.6's losses (0.002 to 2.3) on 1e-4..100: two empty decades at the top, the
        # curves squeezed into half the rows.
        # No float passes 1.8e308: a diverged run's axis read "1e+312" at its top (4.5 at alpha 10).
        # (A Python int can pass it: then the axis follows.)
        if high <= FLOAT_DECADES < last:
            last = FLOAT_DECADES
        first = last - every * math.ceil((last - first) / every)
        exponents = range(first, last + 1, every)
        return Axis(float(first), float(last), tuple((float(e), _real(e)) for e in exponents))
    # Less than a decade: ticks at 1, 2 and 5 times powers of ten.
    candidates = [math.log10(f) + e for e in range(math.floor(low) - 1, math.ceil(high) + 1) for f in (1, 2, 5)]
    below = max((c for c in candidates if c <= low + 1e-9), default=low)
    above = min((c for c in candidates if c >= high - 1e-9), default=high)
    if above <= below:
        return log_axis(low - 0.5, high + 0.5, count)
    inside = [c for c in candidates if below - 1e-9 <= c <= above + 1e-9]
    while len(inside) > max(2, count):
        inside = inside[::2] if inside[-1] == inside[::2][-1] else [*inside[::2], inside[-1]]
    return Axis(below, above, tuple((c, _real(c)) for c in inside))


def even_y_axis(make: Callable[[int], Axis], canvas: int, count: int, low: float, high: float) -> Axis:
    """A y axis for a plot `canvas` rows tall whose tick labels sit evenly down it.

    plotext puts a tick on the row nearest its value: 5 intervals over 7 row gaps put 1.20 1.15 1.10
    ... on rows 0 2 3 5 6 8, and a log axis's equal decades looked unequal (1e+20, 1e+16 a row
    apart, 1e+12 two). So the ticks take a whole number of rows each: of the tick counts `count`
    down to 2, those whose intervals divide the row gaps of the canvas or of one or two rows less,
    the rows left over becoming unlabelled room at the top; of them the one that gives the data
    (`low..high`) the most rows, then the most ticks. None does: the axis as asked."""
    made = [make(wanted) for wanted in range(count, 1, -1)]  # once each: charts redraw 5 times a second
    asked = made[0] if made else make(count)
    least = max(1, min(2, len(asked.ticks) - 1))  # not down to the two ends alone, unless asked so
    best: tuple[float, int, Axis] | None = None
    for rows in range(canvas, max(canvas - 3, 2), -1):
        for axis in made:
            gaps = len(axis.ticks) - 1
            if gaps < least or (rows - 1) % gaps:
                continue
            span = axis.high - axis.low
            room = span / (rows - 1) * (canvas - rows)  # the left-over rows, in the axis's units
            data_rows = round((rows - 1) * ((high - low) / span if span > 0 else 1.0), 1)
            if best is None or (data_rows, gaps) > (best[0], best[1]):
                best = (data_rows, gaps, Axis(axis.low, axis.high + room, axis.ticks))
    return best[2] if best is not None else asked


def is_braille(ch: str) -> bool:
    return "\u2801" <= ch <= "\u28ff"


def _dimmed(style: str | Style) -> bool:
    """The previous run's and the goal line's grey (plotext's "gray" is ANSI colour 8)."""
    return style == "prev" or (isinstance(style, Style) and style.color is not None and style.color.number == 8)


def merge_rows(under: Sequence[Row], over: Sequence[Row]) -> list[Row]:
    """Two drawings of one chart on the same axes, merged cell by cell. plotext draws one braille
    character per cell, so of two curves in one cell the later one wiped the other's dots (7.6's
    train accuracy at 1.0 vanished under the test accuracy at 0.9, in the same text row). Here the
    dots of both are kept, in the lower (earlier) curve's colour: the first curve has no glyph, so
    its colour is all that names it, while a later one's glyphs still mark it (7.6 at dropout 0.5:
    the test loss's spikes, in shared cells, took the training loss's colour). A grey cell (the
    previous run, the goal) is covered, and a curve's glyph stays on top."""
    merged: list[Row] = []
    for low, high in zip(under, over, strict=False):
        cells = cells_of(low)
        for i, (ch, style) in enumerate(cells_of(high)):
            if i >= len(cells):
                cells.append((ch, style))
                continue
            was, was_style = cells[i]
            if ch == " " or (ch == was and style == was_style):
                continue
            if is_braille(ch) and is_braille(was) and not _dimmed(was_style):
                cells[i] = (chr(ord(ch) | ord(was)), was_style)  # U+2800 + dot bits: OR keeps both
            elif is_braille(ch) and not (was == " " or is_braille(was) or _dimmed(was_style)):
                continue  # a glyph under a line stays (not the previous run's: it is covered)
            else:
                cells[i] = (ch, style)
        merged.append(runs_of(cells))
    return merged


def cells_of(row: Row) -> list[tuple[str, str | Style]]:
    return [(ch, style) for text, style in row for ch in text]


def runs_of(cells: Sequence[tuple[str, str | Style]]) -> Row:
    runs: list[Run] = []
    for ch, style in cells:
        if runs and runs[-1][1] == style:
            runs[-1] = (runs[-1][0] + ch, style)
        else:
            runs.append((ch, style))
    return tuple(runs)


PREVIOUS = "previous run"
"""The dimmed curve's name in a legend (ChartView._legend); "before" where its params would be cut."""
PREVIOUS_SHORT = "before"
LEFT_OUT = {
    (False, "above"): "reached higher",
    (False, "below"): "reached lower",
    (False, "both"): "reached wider",
    (True, "above"): "far above",
    (True, "below"): "far below",
    (True, "both"): "off scale",
}
"""What the legend says of a previous run left out ("previous run: far below, not drawn"), by
(far, side): chart_scale.previous_ran_away and previous_side. The help's CHART_MARKS explains them."""
LEFT_OUT_ELSEWHERE = "at other x"


def legend_rows(entries: Sequence[tuple[str, str, str]], width: int, most: int = 1) -> list[Row]:
    """The legend on one line, or on up to `most` lines when it does not fit on one (the last one
    clipped): 5.4's three series and the previous run at 80 columns cut its note to "! early ste…",
    the one entry that says why the first steps look flat."""
    rows: list[Row] = []
    rest = list(entries)
    # A line with another under it keeps names whole: the previous run is "before" only on the last
    # (7.5's accuracy charts said "before: alpha 10" beside charts saying "previous run: ...").
    while len(rows) < most - 1 and _packed(rest, width)[1] < len(rest):
        row, whole = _packed(rest, width, shorten=False)
        rows.append(row)
        rest = rest[max(1, whole) :]
    return [*rows, legend_row(rest, width)] if rest else rows


def legend_row(entries: Sequence[tuple[str, str, str]], width: int) -> Row:
    """'⠒⠒ loss  • accuracy  · previous run: alpha 0.1' on one line, clipped to `width`."""
    return _packed(entries, width)[0]


def _packed(entries: Sequence[tuple[str, str, str]], width: int, shorten: bool = True) -> tuple[Row, int]:
    """legend_row's line, and how many entries it shows whole; without `shorten`, the line ends
    before the first entry that does not fit whole (another line takes it)."""
    runs: list[Run] = []
    whole = 0
    used = 0
    for i, (glyph, name, key) in enumerate(entries):
        gap = "  " if i else ""
        # Where the previous run's params do not fit, its shorter name: 6.3 at 80 columns cut the
        # param just changed, "previous run: activation linear, hidden_…".
        if used + len(gap) + len(glyph) + 1 + len(name) > width and name.startswith(f"{PREVIOUS}: ") and shorten:
            name = f"{PREVIOUS_SHORT}: " + name.removeprefix(f"{PREVIOUS}: ")
        piece = [(gap, ""), (glyph, key), (" " + name, "")]
        length = sum(len(t) for t, _ in piece)
        if used + length > width:
            room = width - used - len(gap) - len(glyph) - 1
            if room >= 4 and (shorten or not whole):
                runs += [(gap, ""), (glyph, key), (" " + _cut(name, room - 1) + "…", "")]
            break
        runs += piece
        used += length
        whole += 1
    return tuple(r for r in runs if r[0]), whole


def _cut(name: str, keep: int) -> str:
    """`name`'s first `keep` characters, back to a word's end where the cut falls inside a word: 5.2's
    "0 from step 22: below any log scale" cut to "0 from step 2…" said the error was 0 from step 2."""
    if keep >= len(name) or name[keep] == " ":
        return name[:keep]
    space = name.rfind(" ", 0, keep)
    return name[:space] if space > 0 else name[:keep]


SPARKS = "▁▂▃▄▅▆▇█"
COMPACT_WIDTH = 20
COMPACT_HEIGHT = 6
"""Below this many columns or rows a chart has no room for axes: it shows each series' latest
value and a one-line sparkline instead (a 12-column plot with its labels is unreadable)."""
TWO_LINE_LEGEND = 10
"""From this many rows a legend too long for one line takes two (a plot row fewer)."""


def sparkline(values: Sequence[float], width: int, scale: tuple[float, float] | None = None) -> str:
    """The values squeezed into `width` block characters (the last value always at the end), from
    the lowest block at `scale`'s low to the highest at its high (default: the values' own range)."""
    if width <= 0 or not values:
        return ""
    if len(values) > width:
        picks = (
            [values[round(i * (len(values) - 1) / (width - 1))] for i in range(width)] if width > 1 else [values[-1]]
        )
    else:
        picks = list(values)
    low, high = scale if scale is not None else (min(picks), max(picks))
    span = (high - low) or 1.0
    return "".join(SPARKS[max(0, min(7, int((v - low) / span * 7.999)))] for v in picks)


def compact(width: int, height: int, series: Sequence[tuple[str, str, str, Sequence[float], str]]) -> list[Row]:
    """Rows for a small chart: per series (glyph, name, key, plotted values, latest value as text),
    its name, then its latest value and a sparkline; one line per series when rows are short."""
    rows: list[Row] = []
    two_lines = height >= 2 * len(series)
    # One scale for all, as the full chart's one y axis: each to its own range, 6.5's prediction
    # that peaks at 0.28 was drawn as tall as the one that reaches 1.
    every = [v for *_, values, _ in series for v in values]
    scale = (min(every), max(every)) if len(series) > 1 and every else None
    for glyph, name, key, values, latest in series:
        if two_lines:
            rows.append(((glyph, key), (" " + name[: max(0, width - len(glyph) - 1)], "")))
            rows.append(((latest, ""), (" " + sparkline(values, width - len(latest) - 1, scale), key)))
        else:
            head = f"{glyph} {latest} "
            rows.append(
                (
                    (glyph, key),
                    (f" {latest} "[: max(0, width - len(glyph))], ""),
                    (sparkline(values, width - len(head), scale), key),
                )
            )
    rows = [tuple(r for r in row if r[0]) for row in rows[:height]]
    return rows + [()] * (height - len(rows))

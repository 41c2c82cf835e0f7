"""plotext's drawing of a chart's curves on given axes, as rows of (text, Rich style) runs.

Every curve is a braille line (4 dots a text row: 3.6's win and sad, 0.1 apart, fell in the same
rows as lines of "•" and "×", and win vanished under sad), the previous run's in grey (as dots at
one value a row, an identical run seemed to lie elsewhere). Each later curve's glyph marks its
points (chart_glyphs.marker_spots), placed on its own line (chart_glyphs.place_glyphs), and so does
each of the previous run's, its first with "·" (chart_parts.PREVIOUS_MARKER). plotext keeps
one curve a cell, so each curve after the first is drawn on its own and merged dot by dot
(chart_parts.merge_rows). The widget (chart.py) decides what is drawn; this only draws it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from rich.color import Color, ColorType
from rich.style import Style
from rich.text import Text

from grok_tui.ui.widgets.chart_glyphs import marker_spots, place_glyphs, share_cells
from grok_tui.ui.widgets.chart_parts import POINT, Axis, Layer, Row, Run, merge_rows

COLORS = ("cyan+", "green+", "magenta+", "orange", "blue+", "red+")
"""plotext's names for the curves' ANSI colours ("+" = the bright variant): short escape codes.
plotext calls ANSI colour 3 "orange" and has no "yellow": a "yellow" curve came out in another
colour than its legend's yellow glyph (6.5's fourth series, pred_3)."""

RICH_NAMES = {"orange": "yellow", "orange+": "bright_yellow", "gray": "bright_black", "gray+": "white"}
"""Rich's names for the ANSI colours plotext names otherwise (the legend draws with Rich)."""


ON_LIGHT = {14: 24, 10: 28, 13: 90, 3: 130, 12: 19, 9: 124}
"""On a light theme the bright curves were 1.3-2.6:1 against the background (textual-light,
solarized-light...), fainter than the grey previous run: there each is drawn in a dark colour of
the 256-colour cube (whose values, unlike the first 16, every terminal shares): 4.4-11:1 on white."""


ON_GREY = {13: 219, 9: 217, 12: 153}
"""With NO_COLOR the screen is turned to greys by brightness: bright magenta and red became grey 59 on
the chart's near-black, 1.65:1, fainter than the previous run's grey (3.6's `sad`, 5.2's weight_2, a
trial); bright blue little better. There they are drawn in light tints of themselves."""


def on_light(style: Style, table: dict[int, int] = ON_LIGHT) -> Style:
    """`style` with a curve's bright colour made dark, for a light background (or, with `table`
    ON_GREY, light, for a screen in greys)."""
    color = style.color
    if color is None or color.type not in (ColorType.STANDARD, ColorType.EIGHT_BIT) or color.number not in table:
        return style
    return style + Style(color=Color.from_ansi(table[color.number]))


def rich_color(name: str) -> str:
    """The Rich colour of a plotext colour name: the same ANSI colour number."""
    return RICH_NAMES.get(name, f"bright_{name[:-1]}" if name.endswith("+") else name)


PREVIOUS_COLOR = "gray"

Spots = Sequence[tuple[float, float]]


class Frame(NamedTuple):
    """What every drawing of one chart shares: plotext, the axes and the size."""

    plt: Any
    x_axis: Axis
    y_axis: Axis
    width: int
    height: int


def draw_layers(
    plt: Any,
    layers: list[Layer],
    x_axis: Axis,
    y_axis: Axis,
    width: int,
    height: int,
    *,
    goal: float | None = None,
    at: float | None = None,
    points: bool = False,
) -> list[Row]:
    """The layers (the previous run's first) drawn on the axes; `goal` a grey line at that value,
    `at` an upright one at that x; `points`: each step a point of its own, not joined."""
    frame = Frame(plt, x_axis, y_axis, width, height)
    if points:
        return _build(frame, layers, goal, at, points=True)
    now = [layer for layer in layers if layer.key != "prev"]
    old = [layer for layer in layers if layer.key == "prev"]
    marked = [layer for layer in now if layer.marker != "braille"]
    # Every curve of the previous run carries a glyph, in grey: its first one "·" (a grey line under a
    # coloured one were one line on a monochrome terminal: 6.3's falling relu curve read as linear's),
    # its later ones their series' (7.3's two old curves, accuracy and p_true, were two grey lines).
    old_marked = [layer for layer in old if layer.marker != "braille"]
    if not old_marked:
        rows = _build(frame, old + now[:1], goal, at)
    else:  # drawn first: this run's lines and glyphs cover it (merge_rows), never the other way
        rows = _build(frame, old, goal, at)
        for layer, spots in zip(old_marked, _spots(frame, old_marked), strict=True):
            rows = merge_rows(rows, _marked(frame, layer, spots))
        rows = merge_rows(rows, _build(frame, now[:1])) if now else rows
    spots_of = dict(zip(map(id, marked), _spots(frame, marked), strict=True))
    for layer in now[1:]:
        glyphs = spots_of.get(id(layer))
        rows = merge_rows(rows, _marked(frame, layer, glyphs) if glyphs is not None else _build(frame, [layer]))
    return rows


def _spots(frame: Frame, layers: list[Layer]) -> list[list[tuple[float, float]]]:
    """Where each marked curve gets its glyph: every few columns (each curve shifted so that two
    curves' glyphs do not share a column), and never two in one cell (share_cells)."""
    columns = frame.width - 8
    spots = [marker_spots(layer.points, frame.x_axis, columns, i, len(layers)) for i, layer in enumerate(layers)]
    return share_cells(spots, frame.x_axis, frame.y_axis, columns, frame.height - 2)


def _marked(frame: Frame, layer: Layer, spots: Spots) -> list[Row]:
    """One curve drawn alone with its glyph at `spots`, on its own line."""
    drawn = _build(frame, [layer])
    placed = place_glyphs(drawn, spots, layer.marker, frame.x_axis, frame.y_axis) if spots else drawn
    if placed is None:  # ticks it cannot read: plotext places the glyphs (a row off, maybe)
        placed = _build(frame, [layer], glyphs=spots)
    return placed


def _build(
    frame: Frame,
    layers: list[Layer],
    goal: float | None = None,
    at: float | None = None,
    points: bool = False,
    glyphs: Spots = (),
) -> list[Row]:
    """One plotext drawing of `layers`; `glyphs`: the one layer's glyph at these spots."""
    plt, x_axis, y_axis, width, height = frame
    plt.clear_data()
    plt.clear_figure()
    plt.theme("pro")
    plt.plotsize(width, height)
    plt._set_size(width, height)  # as PlotextPlot.render does (textual-plotext issue #5)
    if goal is not None:
        # In braille, as the curves: a "─" goal line sits in the middle of a text row, and a
        # curve below the goal in that row was drawn above it (4.4 at input 0.9 seemed to pass
        # 0.8). Drawn first: a curve that meets it is drawn over it.
        # Dotted, a dot every other column: a solid grey line was the previous run's look too, and
        # 4.4's previous run hugging the goal made one grey band of both.
        columns = max(2, (width - 8) // 2)
        dots = [x_axis.low + (x_axis.high - x_axis.low) * k / (columns - 1) for k in range(columns)]
        plt.scatter(dots, [goal] * columns, marker="braille", color=PREVIOUS_COLOR)
    if at is not None:
        plt.plot([at] * 2, [y_axis.low, y_axis.high], marker="braille", color=PREVIOUS_COLOR)
    for layer in layers:
        xs, ys = zip(*layer.points, strict=False)
        colour = PREVIOUS_COLOR if layer.key == "prev" else COLORS[int(layer.key[1:])]
        if points:
            plt.scatter(list(xs), list(ys), marker=layer.marker, color=colour)
            continue
        if len(xs) == 1 and layer.marker == "braille" and layer.key != "prev":
            # A line's first point alone is one braille dot, all but invisible (3.4 after `s`)
            plt.scatter(list(xs), list(ys), marker=POINT, color=colour)
            continue
        plt.plot(list(xs), list(ys), marker="braille", color=colour)
        if glyphs:
            plt.scatter([x for x, _ in glyphs], [y for _, y in glyphs], marker=layer.marker, color=colour)
    plt.xlim(x_axis.low, x_axis.high)
    plt.ylim(y_axis.low, y_axis.high)
    plt.xticks([v for v, _ in x_axis.ticks], [t for _, t in x_axis.ticks])
    plt.yticks([v for v, _ in y_axis.ticks], [t for _, t in y_axis.ticks])
    plt.xaxes(True, False)
    plt.yaxes(True, False)
    rows = [_runs_of(Text.from_ansi(line)) for line in plt.build().splitlines()[:height]]
    return rows + [()] * (height - len(rows))


def _runs_of(text: Text) -> Row:
    """A line of plotext's output as (text, Rich style) runs, one per colour."""
    runs: list[Run] = []
    for start, end, style in _styled_ranges(text):
        piece = text.plain[start:end]
        if piece:
            runs.append((piece, style))
    return tuple(runs)


def _styled_ranges(text: Text) -> Iterator[tuple[int, int, str | Style]]:
    """(start, end, style) covering the whole line: plotext's spans never overlap."""
    at = 0
    for span in sorted(text.spans, key=lambda s: s.start):
        if span.start > at:
            yield at, span.start, ""
        yield span.start, span.end, span.style if isinstance(span.style, Style) else Style.parse(str(span.style))
        at = max(at, span.end)
    if at < len(text.plain):
        yield at, len(text.plain), ""

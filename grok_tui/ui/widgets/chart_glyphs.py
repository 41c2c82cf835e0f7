"""Where the glyphs go: which points of a curve carry its glyph (every few columns, never two
curves' glyphs in one cell), and placing them on the curve's own braille line.

A curve's glyph, not only its colour, names it on a monochrome terminal (chart_parts.py's MARKERS).
No Textual here: rows are plain data, as in chart_parts.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from rich.style import Style

from grok_tui.ui.widgets.chart_parts import Axis, Layer, Row, cells_of, is_braille, runs_of


def _plot_scale(grid: list[list[tuple[str, str | Style]]], x_axis: Axis, y_axis: Axis) -> _Scale | None:
    """The x axis's row and the cell column and row of a value, read from the drawing's tick marks;
    None when they cannot be read."""
    axis_row = next((i for i, cells in enumerate(grid) if any(ch == "└" for ch, _ in cells)), None)
    if axis_row is None:
        return None
    x_marks = [c for c, (ch, _) in enumerate(grid[axis_row]) if ch == "┬"]
    y_marks = [r for r, cells in enumerate(grid[:axis_row]) if any(ch == "┤" for ch, _ in cells)]
    x_ticks, y_ticks = [v for v, _ in x_axis.ticks], sorted((v for v, _ in y_axis.ticks), reverse=True)
    if len(x_marks) != len(x_ticks) or len(y_marks) != len(y_ticks) or len(x_ticks) < 2 or len(y_ticks) < 2:
        return None

    def along(value: float, ticks: list[float], marks: list[int]) -> float:
        return marks[0] + (value - ticks[0]) * (marks[-1] - marks[0]) / (ticks[-1] - ticks[0])

    return _Scale(axis_row, lambda x: round(along(x, x_ticks, x_marks)), lambda y: along(y, y_ticks, y_marks))


class _Scale(NamedTuple):
    axis_row: int
    column: Callable[[float], int]
    row: Callable[[float], float]


def place_glyphs(
    rows: Sequence[Row], spots: Sequence[tuple[float, float]], glyph: str, x_axis: Axis, y_axis: Axis
) -> list[Row] | None:
    """A curve's glyph at each spot, on the curve's own braille line in the drawing `rows` (which
    holds that curve alone). plotext places a glyph at one value per text row and the line at four,
    so 3.7's "×" for 1.36 hung a row under its line drawn at 1.5. The column comes from the x axis's
    tick marks, the row is the one of the line's rows in that column nearest the value. None when
    the drawing's ticks cannot be read (the caller lets plotext place them)."""
    grid = [cells_of(row) for row in rows]
    scale = _plot_scale(grid, x_axis, y_axis)
    if scale is None:
        return None
    for x, y in spots:
        column, want = scale.column(x), scale.row(y)
        on_line = [r for r in range(scale.axis_row) if column < len(grid[r]) and is_braille(grid[r][column][0])]
        if not on_line:
            continue
        row = min(on_line, key=lambda r: abs(r - want))
        grid[row][column] = (glyph, grid[row][column][1])
    return [runs_of(cells) for cells in grid]


LABELLED_POINTS = 6
"""A chart of points with at most this many (this run's) gets each one's value beside it."""


def label_points(rows: Sequence[Row], layers: Sequence[Layer], x_axis: Axis, y_axis: Axis) -> list[Row]:
    """Each point's value beside its marker, in its colour, where the cells are free: a text row
    spans a band of values, and 3.3's products 4, -6 and 5 at 80x24 sat on the ticks 5 and -5."""
    grid = [cells_of(row) for row in rows]
    scale = _plot_scale(grid, x_axis, y_axis)
    if scale is None:
        return list(rows)
    edge = next(c for c, (ch, _) in enumerate(grid[scale.axis_row]) if ch == "└")  # the y axis's column
    for layer in layers:
        for x, y in layer.points:
            near, want = scale.column(x), scale.row(y)
            # a column either side: plotext rounds a point's column its own way (120x40's 3.3 put the
            # middle point at 25 where the ticks' line says 24.5, and its label was missing)
            marked = [
                (abs(c - near), abs(r - want), r, c)
                for r in range(scale.axis_row)
                for c in (near - 1, near, near + 1)
                if 0 <= c < len(grid[r]) and grid[r][c][0] == layer.marker
            ]
            if not marked:
                continue
            _, _, row, column = min(marked)
            cells, label = grid[row], f"{y:.3g}"
            # right of the marker, else left of it (the last point sits at the right edge)
            for start in (column + 2, column - 1 - len(label)):
                span = range(start - 1, start + len(label) + 1)
                if start > edge + 1 and all(0 <= c < len(cells) and cells[c][0] == " " for c in span if c != column):
                    for k, ch in enumerate(label):
                        cells[start + k] = (ch, cells[column][1])
                    break
    return [runs_of(cells) for cells in grid]


MARKER_GAP = 8
"""Columns between a long curve's glyphs: enough to tell the curves apart without colour."""


def share_cells(
    spots: Sequence[Sequence[tuple[float, float]]], x_axis: Axis, y_axis: Axis, columns: int, rows: int
) -> list[list[tuple[float, float]]]:
    """Each curve's glyph spots, where two curves' glyphs could fall in one cell kept for one of
    them, in turn from left to right: the later glyph hid the earlier everywhere (5.5's pred_win,
    0.94, and pred_sad, 0.89, in one text row at every step: pred_win's "•" was nowhere)."""
    x_span, y_span = x_axis.high - x_axis.low, y_axis.high - y_axis.low
    if x_span <= 0 or y_span <= 0 or columns <= 1 or rows <= 1:
        return [list(s) for s in spots]
    by_column: dict[int, list[tuple[float, int, tuple[float, float]]]] = {}
    for i, curve in enumerate(spots):
        for x, y in curve:
            column = round((x - x_axis.low) / x_span * (columns - 1))
            by_column.setdefault(column, []).append(((y_axis.high - y) / y_span * (rows - 1), i, (x, y)))
    dropped: set[tuple[int, tuple[float, float]]] = set()
    turn = 0
    for column in sorted(by_column):
        for cell in _within_half_a_row(sorted(by_column[column])):
            curves = sorted({i for _, i, _ in cell})
            if len(curves) > 1:
                keep = curves[turn % len(curves)]  # by curve, in turn (by row, one curve kept winning)
                dropped.update((i, spot) for _, i, spot in cell if i != keep)
                turn += 1
    return [[spot for spot in curve if (i, spot) not in dropped] for i, curve in enumerate(spots)]


def _within_half_a_row(entries: list[tuple[float, int, tuple[float, float]]]) -> Iterator[list]:
    """(row, curve, spot) entries sorted by row, in runs whose neighbours are under half a row apart
    (3.7's win and sad at game 4, 0.55 of a row apart, are drawn in two rows: both keep their glyph)."""
    run: list = []
    for entry in entries:
        if run and entry[0] - run[-1][0] >= 0.5:
            yield run
            run = []
        run.append(entry)
    if run:
        yield run


def marker_spots(
    points: Sequence[tuple[float, float]], x_axis: Axis, columns: int, nth: int, of: int
) -> list[tuple[float, float]]:
    """The points of a curve that get its glyph: every one when each has columns to itself (3.5's
    four games), else about one each MARKER_GAP columns, curve `nth` of `of` shifted by a share of
    the gap so that two curves' glyphs do not fall in the same column."""
    span = x_axis.high - x_axis.low
    if not points or span <= 0 or columns <= 0:
        return list(points)

    def column(x: float) -> int:
        return round((x - x_axis.low) / span * (columns - 1))

    if len({column(x) for x, _ in points}) == len(points) and len(points) * 4 <= columns:
        return list(points)
    offset = (nth + 1) * MARKER_GAP // (of + 1)
    spots, wanted = [], offset
    for x, y in points:
        if column(x) >= wanted:
            spots.append((x, y))
            wanted = column(x) + MARKER_GAP
    return spots

"""The previous run's first curve carries a glyph of its own, "·", along its grey braille line, and
the legend shows it ("⠒· previous run: alpha 1"): grey and colour alone told the two runs apart,
and on a monochrome terminal 6.3's falling relu curve, the previous run, read as the linear run's."""

from __future__ import annotations

from textual_plotext.plot import Plot

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.chart_parts import PREVIOUS_MARKER, Layer, Row, cells_of, is_braille, linear_axis, step_axis
from grok_tui.ui.widgets.chart_plot import draw_layers

from .test_chart import STEPS, OneChart, lines

WIDTH, HEIGHT = 80, 20


def grid(rows: list[Row]) -> list[list[tuple[str, object]]]:
    return [cells_of(row) for row in rows]


def grey(style: object) -> bool:
    return not isinstance(style, str) and style.color is not None and style.color.number == 8  # type: ignore[attr-defined]


def glyph_cells(rows: list[Row]) -> dict[tuple[int, int], tuple[str, object]]:
    """The plot's glyph cells (not braille, not the axes' lines or labels): (row, column) -> (glyph, style)."""
    marks = "".join(("•", "×", "+", "◦", "▪", PREVIOUS_MARKER))
    return {(r, c): cell for r, cells in enumerate(grid(rows)) for c, cell in enumerate(cells) if cell[0] in marks}


def two_runs() -> tuple[list[Layer], list[Layer]]:
    """4.5 after `-` `-`: this run (alpha 0.1) falls slowly, the previous one (alpha 1) fast; a second
    series each, marked "•", so that this run has glyphs a previous one could cover."""
    fast = [(x, 1.0 * 0.7 ** (x - 1)) for x in STEPS]
    slow = [(x, 1.0 - 0.02 * (x - 1)) for x in STEPS]
    now = [Layer(slow, "braille", "s0"), Layer([(x, 0.3 + 0.01 * x) for x in STEPS], "•", "s1")]
    old = [Layer(fast, PREVIOUS_MARKER, "prev"), Layer([(x, 0.5 - 0.01 * x) for x in STEPS], "•", "prev")]
    return now, old


def draw(layers: list[Layer]) -> list[Row]:
    x_axis, y_axis = step_axis(1, 20, 8), linear_axis(0.0, 1.0, 6)
    return draw_layers(Plot(), layers, x_axis, y_axis, WIDTH, HEIGHT)


def test_the_previous_runs_first_curve_carries_its_glyph_on_its_own_line():
    now, old = two_runs()
    both = draw(old + now)
    alone = grid(draw([Layer(old[0].points, "braille", "s0")]))  # the previous first curve's own cells
    dots = [(r, c) for (r, c), (ch, style) in glyph_cells(both).items() if ch == PREVIOUS_MARKER]
    assert len(dots) >= 3, dots  # every few columns along the line
    for r, c in dots:
        assert is_braille(alone[r][c][0]), (r, c)  # on the previous curve's own rows, not a row off
        assert grey(glyph_cells(both)[r, c][1]), (r, c)  # in the previous run's grey


def test_no_glyph_of_this_run_is_covered_by_the_previous_runs():
    """The previous first curve exactly under this run's second: their glyphs fall in the same cells,
    and this run's "•" stays on top (the previous "·" is this run's to cover, as its line is)."""
    now, old = two_runs()
    old = [Layer(now[1].points, PREVIOUS_MARKER, "prev"), old[1]]
    mine = glyph_cells(draw(now))
    assert set(mine) & set(glyph_cells(draw(old)))  # cells both runs' glyphs want
    both = glyph_cells(draw(old + now))
    assert all(both.get(spot) == cell for spot, cell in mine.items()), [
        (spot, cell, both.get(spot)) for spot, cell in mine.items() if both.get(spot) != cell
    ]


async def test_the_legend_and_the_chart_show_the_previous_runs_glyph():
    """4.5 in the lab after a run at alpha 1 then `-` `-` (alpha 0.1): in monochrome the falling
    curve, the previous run, looked like this run's."""
    app = OneChart(Chart("error", ("error",)))
    async with app.run_test(size=(WIDTH, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series(
            {"error": Series(STEPS, [1.0 - 0.02 * i for i in range(20)])},
            {"error": Series(STEPS, [0.7**i for i in range(20)])},
            previous_label="alpha 1",
        )
        await pilot.pause()
        legend, *plot, _x_labels = lines(chart)
        assert legend == "⠒⠒ error  ⠒· previous run: alpha 1", legend
        cells = [cell for row in chart.rows[1:-2] for cell in cells_of(row)]
        dots = [style for ch, style in cells if ch == PREVIOUS_MARKER]
        assert len(dots) >= 3 and all(grey(style) for style in dots), plot

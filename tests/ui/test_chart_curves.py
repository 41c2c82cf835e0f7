"""How a chart draws its curves: each a braille line with its glyph at its points, curves sharing a
cell keeping both their dots, glyphs on their own line, the previous run a grey line behind."""

from __future__ import annotations

import re

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.chart_glyphs import marker_spots, share_cells
from grok_tui.ui.widgets.chart_parts import Axis, merge_rows

from .test_chart import STEPS, OneChart, lines


def per_game(**values: list[float]) -> dict[str, Series]:
    """Series of four games each (chapter 3's charts), by name."""
    return {name: Series([1.0, 2.0, 3.0, 4.0], ys) for name, ys in values.items()}


def colour_columns(chart: ChartView, colour: int) -> list[int]:
    """The columns of the plot's cells drawn in ANSI colour `colour` (the legend and axes left out)."""
    columns = []
    for row in chart.rows[1:-2]:
        at = 0
        for text, style in row:
            if not isinstance(style, str) and style.color is not None and style.color.number == colour:
                columns += [at + i for i, ch in enumerate(text) if ch != " "]
            at += len(text)
    return columns


def test_a_curve_marks_each_point_when_few_else_one_every_few_columns():
    axis = Axis(1.0, 4.0, ())
    games = [(1.0, 0.5), (2.0, 0.6), (3.0, 0.7), (4.0, 0.8)]
    assert marker_spots(games, axis, 72, 0, 2) == games  # 3.5's four games: every one
    long_axis = Axis(0.0, 200.0, ())
    curve = [(float(x), 0.0) for x in range(201)]
    first, second = (marker_spots(curve, long_axis, 72, nth, 2) for nth in (0, 1))
    assert 7 <= len(first) <= 9 and 7 <= len(second) <= 9  # about one every 8 of 72 columns

    def column(x: float) -> int:
        return round(x / 200 * 71)

    assert not {column(x) for x, _ in first} & {column(x) for x, _ in second}  # never in one column


def test_two_curves_in_one_text_row_take_turns_for_the_glyph_cells():
    """5.5 with input,delta: pred_win (0.94) and pred_sad (0.89) in one text row at every step, each
    marked at every step: the later "×" hid every "•", and pred_win looked gone."""
    x_axis, y_axis = Axis(1.0, 10.0, ()), Axis(-0.5, 1.0, ())
    win = [(float(x), 0.94) for x in range(1, 11)]
    sad = [(float(x), 0.89) for x in range(1, 11)]
    low = [(float(x), 0.0) for x in range(1, 11)]
    kept_win, kept_sad, kept_low = share_cells([win, sad, low], x_axis, y_axis, 72, 8)
    assert kept_win == win[0::2] and kept_sad == sad[1::2]  # in turn, left to right
    assert kept_low == low  # a curve alone in its cells keeps every glyph


async def test_two_series_get_a_legend_line_a_glyph_each_and_keep_the_title():
    app = OneChart(Chart("accuracy", ("train_accuracy", "test_accuracy")))
    async with app.run_test(size=(80, 14)) as pilot:
        chart = app.query_one(ChartView)
        train = Series(STEPS, [0.5 + i / 50 for i in range(20)])
        test = Series(STEPS, [0.4 + i / 60 for i in range(20)])
        chart.show_series(
            {"train_accuracy": train, "test_accuracy": test},
            {"train_accuracy": train, "test_accuracy": Series(STEPS, [0.45] * 20)},
            previous_label="hidden_size 64",
        )
        await pilot.pause()
        assert str(chart.border_title) == "accuracy"
        legend, *plot, _x_labels = lines(chart)
        # the previous run's glyphs too: its grey · marks train's line, its grey • is test_accuracy's
        assert legend == "⠒⠒ train_accuracy  • test_accuracy  ⠒·• previous run: hidden_size 64"
        body = "".join(plot)
        assert re.search("[⠁-⣿]", body) and "•" in body  # braille, marker
        # The previous run: grey braille lines like the curves (dots one value a row lay off them),
        # its second series marked with that series' glyph, grey (two bare grey lines, 7.3's old
        # accuracy and p_true, could not be told apart)
        grey = [
            text
            for row in chart.rows[1:]
            for text, style in row
            if not isinstance(style, str) and style.color is not None and style.color.number == 8
        ]
        assert grey and all(re.fullmatch("[⠁-⣿•]+", text) for text in grey), grey
        assert "•" in "".join(grey) and re.search("[⠁-⣿]", "".join(grey))


async def test_curves_close_together_all_show_each_as_a_line_with_its_glyph():
    """3.6's three predictions per game: win and sad, within 0.1 of each other, fell in the same
    text rows when drawn as lines of "•" and "×", and win vanished under sad for three games."""
    app = OneChart(Chart("three predictions per game", ("hurt", "win", "sad")))
    async with app.run_test(size=(80, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series(
            per_game(hurt=[0.555, 0.64, 0.92, 0.69], win=[0.98, 1.11, 1.15, 1.08], sad=[0.965, 1.17, 1.09, 1.27])
        )
        await pilot.pause()
        columns = {colour: colour_columns(chart, colour) for colour in (14, 10, 13)}  # cyan, green, magenta
        plot_width = 80 - 4
        for key, seen in columns.items():  # each curve is drawn across the chart, not only at its end
            assert seen and min(seen) < plot_width / 3 and max(seen) > plot_width * 2 / 3, (key, seen)
        body = "".join(lines(chart)[1:-2])
        # A glyph marks a game, not a line: win and sad were rows of "•" and "×" at one value per
        # text row (0.1 here); their lines are braille now, 4 dots a row, and the games marked.
        assert 4 <= body.count("•") + body.count("×") <= 8  # two may share a cell
        win_cells = [
            ch
            for row in chart.rows
            for text, style in row
            if not isinstance(style, str) and style.color is not None and style.color.number == 10
            for ch in text
        ]
        assert sum("⠁" <= ch <= "⣿" for ch in win_cells) >= 10, win_cells


def test_two_curves_in_one_cell_keep_both_their_dots():
    from rich.style import Style

    cyan, green, grey = Style(color="bright_cyan"), Style(color="bright_green"), Style(color="bright_black")
    under = [(("0┤", ""), ("⠁⠁", cyan), (" •", green))]
    over = [(("0┤", ""), ("⠂", green), ("⠂", green), ("⠂", green))]
    # dots ORed in the first curve's colour (the glyph-less one), the glyph kept
    assert merge_rows(under, over) == [(("0┤", ""), ("⠃⠃", cyan), ("⠂•", green))]
    grey_under = [(("⠁", Style(color="color(8)")),)]
    assert merge_rows(grey_under, [(("⠂", cyan),)]) == [(("⠂", cyan),)]  # the previous run is covered
    assert grey  # (bright_black is colour 8 too)


async def test_a_curve_under_another_in_the_same_rows_stays_visible():
    """7.6 at 120x40: the training accuracy at 1.0 and the test accuracy at 0.9 share the top text
    row; plotext keeps one curve a cell, and the training curve was gone after epoch 10."""
    app = OneChart(Chart("accuracy", ("train_accuracy", "test_accuracy"), y_range=(0.0, 1.0)))
    epochs = [float(e) for e in range(1, 101)]
    async with app.run_test(size=(80, 9)) as pilot:
        chart = app.query_one(ChartView)
        train = Series(epochs, [min(1.0, 0.3 + e / 15) for e in range(100)])
        test = Series(epochs, [min(0.9, 0.25 + e / 16) for e in range(100)])
        chart.show_series({"train_accuracy": train, "test_accuracy": test})
        await pilot.pause()
        cyan_columns, test_columns = set(colour_columns(chart, 14)), set(colour_columns(chart, 10))
        # the plot's top row: the first with a tick (a row above it may be left blank for even ticks)
        top = next(line for line in ("".join(text for text, _ in row) for row in chart.rows) if "┤" in line)

        def dot_rows(ch: str) -> set[int]:
            bits = ord(ch) - 0x2800
            return {r for r, mask in enumerate((0x09, 0x12, 0x24, 0xC0)) if bits & mask}

        # Late in the run both curves are flat in the top row (1.0 and 0.9): each cell there
        # holds the dots of both, at two heights (one curve alone is one height)
        late = [ch for ch in top[60:] if "⠁" <= ch <= "⣿"]
        assert late and all(len(dot_rows(ch)) == 2 for ch in late), top
        assert max(test_columns) > 70 and max(cyan_columns | test_columns) > 70


async def test_a_glyph_sits_on_its_own_curve():
    """3.7 at 80x24: hid_2's line at 1.36 was drawn in the row labelled 1.5, and its "×" one row
    lower: plotext placed the glyph at one value a row and the line at four."""
    app = OneChart(Chart("hidden layer per game", ("hid_0", "hid_1", "hid_2")))
    async with app.run_test(size=(80, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series(
            per_game(hid_0=[0.86, 0.98, 1.1, 0.98], hid_1=[0.295, 0.3, -0.46, 0.09], hid_2=[1.23, 1.4, 1.36, 1.36])
        )
        await pilot.pause()
        marks = 0
        for row in chart.rows[1:-2]:
            cells = [(ch, style) for text, style in row for ch in text]
            for i, (ch, _) in enumerate(cells):
                if ch == "×":  # beside it, in its row, the magenta line it marks
                    marks += 1
                    beside = [cells[j] for j in (i - 1, i + 1) if 0 <= j < len(cells)]
                    assert any(
                        "⠁" <= c <= "⣿" and not isinstance(st, str) and st.color is not None and st.color.number == 13
                        for c, st in beside
                    ), "".join(c for c, _ in cells)
        assert marks >= 3

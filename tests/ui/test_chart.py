"""Charts a beginner reads correctly: real values on a log axis, a legend line that leaves the title
alone, a glyph per series, whole step numbers, an x quantity, and only changed rows redrawn."""

from __future__ import annotations

import gc
import itertools
import math
import re
import weakref

from textual.app import App, ComposeResult

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView, chart_title, fit_title
from grok_tui.ui.widgets.chart_parts import Axis, linear_axis, log_axis, marker_spots, merge_rows, step_axis

STEPS = [float(i) for i in range(1, 21)]
CONVERGING = [0.8 + 0.2 * 0.6**i for i in range(20)]  # alpha 0.1: 1.0 -> 0.8
DIVERGING = [0.8 + 0.2 * (-3.0) ** i for i in range(20)]  # no alpha: -232 million by step 20


def lines(chart: ChartView) -> list[str]:
    return ["".join(text for text, _ in row) for row in chart.rows]


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


def test_axes_tick_at_nice_values():
    assert [t for _, t in log_axis(-6.2, 3.0, 5).ticks] == ["1e-9", "1e-6", "0.001", "1", "1e+3"]
    assert log_axis(-6.2, 0.0, 5) == log_axis(-7.9, 0.0, 5)
    huge = [t for _, t in log_axis(290.0, 311.0, 3).ticks]  # a diverged run: past the largest float
    assert all(re.fullmatch(r"1e\+\d+", t) for t in huge) and int(huge[-1][3:]) >= 311
    # 4.5 at alpha 10 ends near 1.9e307: its axis snapped up to "1e+312", past every float
    near_max = log_axis(-1.4, 307.3, 5)
    assert near_max.high <= 309 and max(int(t[3:]) for _, t in near_max.ticks if "e+" in t) <= 309
    assert [t for _, t in log_axis(math.log10(2e-5), math.log10(9e-5), 3).ticks] == [
        "2e-5",
        "5e-5",
        "1e-4",
    ]  # a falling curve moves the axis in steps
    assert [t for _, t in log_axis(math.log10(0.3), math.log10(2.3), 5).ticks] == ["0.2", "0.5", "1", "2", "5"]
    assert [t for _, t in linear_axis(0.0, 3.2, 5).ticks] == ["0", "1", "2", "3", "4"]
    axis = step_axis(1, 23, 6)  # the end jumps to 30, not to every new step
    assert (axis.low, axis.high) == (1, 30) and [t for _, t in axis.ticks] == ["1", "10", "20", "30"]
    assert step_axis(1, 24, 6) == axis
    # The axis starts at the first step: no empty "step 0" before a run that starts at 1.
    assert [t for _, t in step_axis(1, 4, 6).ticks] == ["1", "2", "3", "4"]
    assert [t for _, t in step_axis(0, 20, 6).ticks] == ["0", "5", "10", "15", "20"]
    assert [t for _, t in step_axis(1, 10, 6).ticks] == ["1", "2", "4", "6", "8", "10"]  # 7.2: epoch 1 named


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


def test_a_log_title_keeps_the_word_log_at_every_width():
    title = chart_title(Chart("loss (log10)", ("loss",), log=True))
    assert title == "loss (log scale)"
    long = chart_title(Chart("error on this light, repeating the update", ("error",), log=True))
    for width in range(3, 60):
        cut = fit_title(long, width)
        assert len(cut) <= width and "log" in cut, (width, cut)


class OneChart(App):
    def __init__(self, *charts: Chart) -> None:
        super().__init__()
        self.charts = charts

    def compose(self) -> ComposeResult:
        for chart in self.charts:
            yield ChartView(chart)


async def test_a_log_axis_is_labelled_in_real_values():
    app = OneChart(Chart("error", ("error",), log=True))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"error": Series(STEPS, [10 ** (-i / 3) for i in range(20)])})
        await pilot.pause()
        text = "\n".join(lines(chart))
        labels = re.findall(r"^\s*(\S+)┤", text, re.M)
        assert labels[0] == "1" and float(labels[-1]) <= 10 ** (-19 / 3) and len(labels) >= 3
        assert all(not label.startswith("-") and math.log10(float(label)).is_integer() for label in labels)
        assert "log" in str(chart.border_title)


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
        assert legend == "⠒⠒ train_accuracy  • test_accuracy  ⠒⠒ previous run: hidden_size 64"
        body = "".join(plot)
        assert re.search("[⠁-⣿]", body) and "•" in body  # braille, marker
        # The previous run: a grey braille line like the curves (dots one value a row lay off them)
        grey = [
            text
            for row in chart.rows[1:]
            for text, style in row
            if not isinstance(style, str) and style.color is not None and style.color.number == 8
        ]
        assert grey and all(re.fullmatch("[⠁-⣿]+", text) for text in grey), grey


async def test_the_step_axis_shows_whole_numbers_evenly_spaced():
    app = OneChart(Chart("prediction", ("pred",)))
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series(STEPS, CONVERGING)})
        await pilot.pause()
        axis, x_labels = lines(chart)[-2:]
        assert [int(n) for n in x_labels.split()] == [1, 5, 10, 15, 20]  # the first step, then every 5
        marks = [i for i, ch in enumerate(axis) if ch == "┬"]
        gaps = [b - a for a, b in itertools.pairwise(marks)]
        assert len(marks) == 5 and max(gaps[1:]) - min(gaps[1:]) <= 1  # even, within a column of rounding
        assert abs(gaps[0] - gaps[1] * 4 / 5) <= 1  # 1 to 5 is four steps of five


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
        top = "".join(text for text, _ in chart.rows[1])

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


async def test_a_short_run_fills_the_chart_from_its_first_step():
    """3.5's four games: the axis read 0..4 and a quarter of the chart stood empty over "game 0"."""
    app = OneChart(Chart("predictions", ("pred",)))
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series([1.0, 2.0, 3.0, 4.0], [0.2, 0.4, 0.6, 0.8])})
        await pilot.pause()
        _legend, *plot, _axis, x_labels = lines(chart)
        assert x_labels.split() == ["1", "2", "3", "4"]
        left = min(line.index(edge) for line in plot for edge in "┤│" if edge in line) + 1
        first_column = "".join(line[left : left + 2] for line in plot)
        assert first_column.strip(), plot  # the first game is drawn at the left edge


async def test_a_chart_with_x_draws_against_that_value():
    """4.1: the U of the squared error against the trial weight 0..3.2, not against the step."""
    app = OneChart(Chart("U", ("trial_error",), x="trial_weight"))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        steps = [float(k) for k in range(17)]
        weights = [k * 0.2 for k in range(17)]
        errors = [(0.5 * w - 0.8) ** 2 for w in weights]
        chart.show_series({"trial_error": Series(steps, errors), "trial_weight": Series(steps, weights)})
        await pilot.pause()
        legend, *plot, _axis, x_labels = lines(chart)
        assert x_labels.split() == ["0", "1", "2", "3", "4"]
        assert "x: trial_weight" in legend
        # The U: lowest in the middle (weight 1.6), high at both ends.
        rows_of = [
            min((r for r, line in enumerate(plot) if len(line) > c and line[c] not in " │┤"), default=None)
            for c in range(6, 60)
        ]
        drawn = [r for r in rows_of if r is not None]
        assert drawn[0] < max(drawn) and drawn[-1] < max(drawn)


async def test_a_chart_of_points_draws_each_step_apart_on_whole_ticks_and_no_sparkline(catalog):
    """5.1 steps through three weights, one weight delta each: joined by a braille line over x ticks
    0, 0.5 ... 2 they read as one value climbing over time, and so did the strip's sparkline."""
    from grok_tui.engine.session import spark_name

    chart_spec = catalog.get("5.1").charts[0]
    assert chart_spec.points and chart_spec.x == "i" and spark_name(catalog.get("5.1")) == ""
    app = OneChart(chart_spec)
    async with app.run_test(size=(70, 14)) as pilot:
        chart = app.query_one(ChartView)
        steps = [1.0, 2.0, 3.0]
        chart.show_series(
            {"weight_delta": Series(steps, [-1.19, -0.091, -0.168]), "i": Series(steps, [0.0, 1.0, 2.0])},
            {"weight_delta": Series(steps, [-1.19, -0.091, -0.168]), "i": Series(steps, [0.0, 1.0, 2.0])},
            previous_label="alpha 0.01",
        )
        await pilot.pause()
        legend, *plot, _axis, x_labels = lines(chart)
        assert legend.startswith("● weight_delta  · previous run: alpha 0.01") and "x: i" in legend
        body = "".join(plot)
        assert body.count("●") == 3 and not re.search("[⠁-⣿]", body)  # three points, no line
        assert x_labels.split() == ["0", "1", "2"]


async def test_only_rows_that_changed_are_repainted():
    app = OneChart(Chart("prediction", ("pred",)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series(STEPS[:12], CONVERGING[:12])})
        await pilot.pause()
        before = chart.repaints
        chart.show_series({"pred": Series(STEPS[:12], CONVERGING[:12])})
        assert chart.repaints == before  # the same picture: nothing is sent
        chart.show_series({"pred": Series(STEPS[:13], CONVERGING[:13])})
        assert 0 < chart.repaints - before <= 2  # one more point: the row or two it lands on


class Removable(App):
    def compose(self) -> ComposeResult:
        self.chart = ChartView(Chart("prediction", ("pred",)))
        yield self.chart


async def test_a_removed_chart_is_freed():
    """A chart must not stay alive after its lesson is left (textual-plotext's PlotextPlot did: it
    subscribes to the app's theme signal and never unsubscribes, ~0.3 MiB per lesson visit)."""
    app = Removable()
    async with app.run_test(size=(60, 16)) as pilot:
        app.chart.show_series({"pred": Series(STEPS, CONVERGING)})
        await pilot.pause()
        ref = weakref.ref(app.chart)
        await app.chart.remove()
        del app.chart
        await app.mount(ChartView(Chart("next lesson", ("pred",))))  # refreshes the DOM's caches
        await pilot.pause()
        gc.collect()
        assert ref() is None


async def test_a_chart_too_small_for_axes_shows_latest_values_and_sparklines():
    """7.4's charts at 80x24 get about 12 columns: a plot with labels there is unreadable."""
    app = OneChart(Chart("accuracy", ("train_accuracy", "test_accuracy")))
    async with app.run_test(size=(14, 8)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series(
            {
                "train_accuracy": Series(STEPS, [0.5 + i / 50 for i in range(20)]),
                "test_accuracy": Series(STEPS, [0.4 + i / 60 for i in range(20)]),
            }
        )
        await pilot.pause()
        text = lines(chart)
        assert text[0] == "⠒⠒ train_accur" and text[1].startswith("0.88 ▂")  # 0.5, above the 0.4 below
        assert text[2] == "• test_accuracy"[:14] and text[3].startswith("0.717 ")
        assert not any("┤" in line for line in text)
        # one scale for both, as one y axis: the test accuracy, lower all along, ends lower (each
        # drawn to its own range, 6.5's prediction peaking at 0.28 was as tall as the one reaching 1)
        assert text[1].endswith("█") and text[3][-1] in "▅▆" and text[3][6] == "▁"


async def test_lesson_41s_sweep_drawn_against_the_weight(catalog):
    """The real 4.1 run: its U of squared errors against the trial weight 0..3.2 (C3: x = NAME is
    recorded as a series too, and points pair up by step number)."""
    from grok_tui.engine.runner import LessonRun

    lesson = next(l for l in catalog.lessons if l.id == "4.1")
    run = LessonRun(lesson, dict(lesson.defaults))
    run.run_sync()
    steps = [s for s in run.steps if "trial_weight" in s.values]
    series = {
        name: Series([float(s.index) for s in steps], [float(s.values[name]) for s in steps])
        for name in ("trial_weight", "trial_error")
    }
    assert series["trial_weight"].ys[0] == 0.0 and round(series["trial_weight"].ys[-1], 6) == 3.2
    app = OneChart(Chart("squared error (U)", ("trial_error",), x="trial_weight"))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series(series)
        await pilot.pause()
        *_, x_labels = lines(chart)
        ticks = [float(t) for t in x_labels.split()]
        assert ticks[0] == 0.0 and 3.2 <= ticks[-1] <= 4.0  # the weight's range, not steps 1..17


async def test_after_a_fast_run_each_chart_shows_the_whole_run(small_catalog):
    """Charts redraw at a limited rate while a run plays; the last frame of a run is always drawn,
    complete: every step, on the final axes (a fast run ends between two chart frames)."""
    from grok_tui.ui.app import GrokApp
    from grok_tui.ui.screens.lesson import LessonScreen
    from tests.ui.helpers import wait_for

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("l", "minus", "minus", "right_square_bracket", "right_square_bracket", *["plus"] * 28)
        await wait_for(pilot, lambda: screen.params["iterations"] == 300, what="300 iterations")
        await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")
        await pilot.pause()
        seen = set()
        for _ in range(2):  # at 80 columns the lab shows one chart at a time: g for the next
            chart = next(c for c in screen.query(ChartView) if c.size.height > 0)
            seen.add(chart.id)
            series = chart._current[chart.chart.series[0]]
            assert len(series.xs) == 300 and series.xs[-1] == 300
            assert chart.rows == chart._picture()  # what is on screen is the final data's picture
            assert lines(chart)[-1].split()[-1] in ("300", "400", "500")  # the x axis reaches the end
            await pilot.press("g")
            await pilot.pause()
        assert len(seen) == 2


async def test_a_log_chart_says_where_its_series_reached_zero_and_keeps_every_step():
    """6.1 with alpha 0.5 hits an error of exactly 0 at step 2: no log scale holds 0, and the chart
    showed one point, its x axis cut short, with nothing said."""
    app = OneChart(Chart("error", ("error",), log=True))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"error": Series(STEPS, [0.04, 0.0004, 0.00002] + [0.0] * 17)})
        await pilot.pause()
        legend, *_plot, x_labels = lines(chart)
        assert legend == "0 from step 4: below any log scale"
        assert x_labels.split()[-1] == "20"  # the axis runs to the last step
        chart.show_series({"error": Series(STEPS, [0.0] * 20)})
        await pilot.pause()
        assert any("0 at every step: below any log scale" in line for line in lines(chart))
        chart.show_series({"error": Series(STEPS, [10 ** (-i / 3) for i in range(20)])})
        await pilot.pause()
        assert not any("below any log scale" in line for line in lines(chart))


async def test_a_run_that_has_not_recorded_the_series_yet_is_not_called_no_run():
    """6.4's error chart said "no run yet" during the run's first two steps (its error comes at 3)."""
    app = OneChart(Chart("error", ("error",)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({})
        await pilot.pause()
        assert "no run yet" in "\n".join(lines(chart))
        chart.show_series({"error": Series([], [])})  # the run's feed has the series, still empty
        await pilot.pause()
        assert "no value yet" in "\n".join(lines(chart))

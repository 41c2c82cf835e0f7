"""Charts a beginner reads correctly: real values on a log axis, a title left whole, whole step
numbers from the first step, an x quantity, and only changed rows redrawn. How the curves themselves
are drawn: test_chart_curves.py; charts against a recorded value: test_chart_against_x.py; the legend:
test_chart_legend.py."""

from __future__ import annotations

import gc
import itertools
import math
import re
import weakref

import pytest
from textual.app import App, ComposeResult

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.chart_parts import _dimmed, even_y_axis, linear_axis, log_axis, step_axis
from grok_tui.ui.widgets.chart_title import chart_title, fit_title

STEPS = [float(i) for i in range(1, 21)]
CONVERGING = [0.8 + 0.2 * 0.6**i for i in range(20)]  # alpha 0.1: 1.0 -> 0.8
DIVERGING = [0.8 + 0.2 * (-3.0) ** i for i in range(20)]  # no alpha: -232 million by step 20


def test_a_log_axis_starts_at_its_top_decade_and_leaves_the_rows_to_the_curves():
    """7.6's losses (0.0015 to 2.3) in its lab chart at 120x40 (6 plot rows) sat on a 1e-4..100 axis
    with two empty rows over it: both ends snapped to even decades, the curves in half the rows."""
    low, high = math.log10(0.0015), math.log10(2.3)
    assert [t for _, t in log_axis(low, high, 3).ticks] == ["0.001", "0.1", "10"]
    axis = even_y_axis(lambda count: log_axis(low, high, count), 6, 3, low, high)
    assert (high - low) / (axis.high - axis.low) > 0.6


def test_a_log_axis_of_counts_from_1_has_1_at_its_bottom_edge():
    """2.1 says the model that keeps 1 number sits on the line marked 1, which with toes (the counts
    1 to 12) is the chart's bottom edge: a log scale has no 0."""
    for most in (12, 28):
        top = math.log10(most)
        for rows in (6, 10, 16):
            axis = even_y_axis(lambda count, top=top: log_axis(0.0, top, count), rows, 3, 0.0, top)
            assert axis.low == 0.0 and axis.ticks[0] == (0.0, "1"), (most, rows, axis)


def lines(chart: ChartView) -> list[str]:
    return ["".join(text for text, _ in row) for row in chart.rows]


def test_axes_tick_at_nice_values():
    assert [t for _, t in log_axis(-6.2, 3.0, 5).ticks] == ["1e-9", "1e-6", "0.001", "1", "1e+3"]
    assert log_axis(-6.2, 0.0, 5) == log_axis(-7.9, 0.0, 5)
    huge = [t for _, t in log_axis(290.0, 311.0, 3).ticks]  # a diverged run: past the largest float
    assert all(re.fullmatch(r"1e\+\d+", t) for t in huge) and int(huge[-1][3:]) >= 311
    # 4.5 at alpha 10 ends near 1.9e307: its axis snapped up to "1e+312", past every float
    near_max = log_axis(-1.4, 307.3, 5)
    assert near_max.high <= 309 and max(int(t[3:]) for _, t in near_max.ticks if "e+" in t) <= 309
    # ...and its ticks still end at its top, evenly: cut there, 1e+234 sat a row above 1e+156
    values = [v for v, _ in near_max.ticks]
    assert values[-1] == near_max.high >= 307.3 and near_max.low == values[0] <= -1.4
    assert len({b - a for a, b in itertools.pairwise(values)}) == 1
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


def test_a_log_title_keeps_the_word_log_at_every_width():
    title = chart_title(Chart("loss (log10)", ("loss",), log=True))
    assert title == "loss (log scale)"
    long = chart_title(Chart("error on this light, repeating the update", ("error",), log=True))
    # 6.6 read "layer_2_error by iteration (all four lights) (log scale)": two pairs of brackets
    noted = chart_title(Chart("layer_2_error (all four lights)", ("e",), log=True), "iteration")
    assert noted == "layer_2_error by iteration (all four lights, log scale)"
    for title in (long, noted):
        for width in range(3, 60):
            cut = fit_title(title, width)
            assert len(cut) <= width and "log" in cut, (width, cut)


def test_a_chart_on_the_step_axis_says_what_a_step_is():
    """Nothing under the x axis names it: a beginner read 1 5 10 as anything. The lesson's step_name
    goes into the title, before a list or a note, and the log ending stays last."""
    assert chart_title(Chart("error", ("error",), log=True), "iteration") == "error by iteration (log scale)"
    assert chart_title(Chart("accuracy", ("a", "b")), "epoch") == "accuracy by epoch"
    weights = Chart("weights: toes, win/loss, fans", ("w",))
    assert chart_title(weights, "iteration") == "weights by iteration: toes, win/loss, fans"
    goals = Chart("predictions (goals 0.1, 1, 0.1)", ("p",))
    assert chart_title(goals, "iteration") == "predictions by iteration (goals 0.1, 1, 0.1)"
    # a title that names its axis already, a chart over another value, and a lesson without a name
    assert chart_title(Chart("prediction per game", ("p",)), "game") == "prediction per game"
    assert chart_title(Chart("error", ("e",), x="weight"), "iteration") == "error"
    assert chart_title(Chart("error", ("e",))) == "error"


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


@pytest.mark.parametrize("height", range(9, 22))
async def test_the_y_labels_sit_evenly_down_the_chart(height):
    """3.2's 1.20 1.15 1.10 ... sat on rows 0 2 3 5 6 8, and 4.5's equal decades looked unequal (1e+20
    and 1e+16 a row apart, 1e+12 two): a learner reads the gaps as the scale."""
    for chart, ys in (
        (Chart("prediction", ("pred",)), [0.95 + 0.25 * i / 19 for i in range(20)]),
        (Chart("error", ("error",), log=True), [10.0 ** (i - 2) for i in range(20)]),
    ):
        app = OneChart(chart)
        async with app.run_test(size=(60, height)) as pilot:
            view = app.query_one(ChartView)
            view.show_series({chart.series[0]: Series([float(s) for s in range(1, 21)], ys)})
            await pilot.pause()
            rows = [i for i, line in enumerate(lines(view)) if "┤" in line]
            assert len(rows) >= 3, lines(view)
            assert len({b - a for a, b in itertools.pairwise(rows)}) == 1, (height, lines(view))
            assert max(rows) == len(view.rows) - 3  # the plot still ends just above the x axis


def test_the_step_axis_ends_at_the_runs_last_step():
    """2.1's 12 games ran on an axis to 14, 5.2's 24 iterations on one to 30: with the run's step count
    known the axis ends there, from the first step on, and the end is labelled."""
    growing = step_axis(1, 3, 6, planned=20)  # step 3 of 20: the curve grows into the axis
    assert (growing.low, growing.high) == (1, 20) and [t for _, t in growing.ticks] == ["1", "5", "10", "15", "20"]
    axis = step_axis(1, 24, 6, planned=24)
    assert axis.high == 24 and [t for _, t in axis.ticks][-2:] == ["20", "24"]
    assert step_axis(1, 12, 6, planned=12).high == 12
    assert step_axis(1, 30, 6, planned=24).high == 30  # a previous run that went further stays in view


async def test_a_longer_previous_run_is_cut_at_this_runs_end():
    """7.5 at 5 epochs after a run of 100: the axis stayed 1..100 for the old run, and the new one
    was a few columns under it."""
    app = OneChart(Chart("accuracy", ("acc",)))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        old = Series([float(e) for e in range(1, 101)], [min(0.98, 0.5 + e / 50) for e in range(100)])
        new = Series([1.0, 2.0, 3.0], [0.53, 0.83, 0.89])
        chart.show_series({"acc": new}, {"acc": old}, "epochs 100", planned=5)
        await pilot.pause()
        assert lines(chart)[-1].split()[-1] == "5"
        plot = chart.rows[1:-2]  # under the legend, over the x axis
        assert any(_dimmed(style) for row in plot for text, style in row if text.strip("│┤ "))  # its first epochs
        # and the legend says so: 4.5's "previous run: alpha 10, iterations 100" drew 20 of its 100
        # steps, and a trial took them for the whole run
        assert "previous run: epochs 100 (its first 5 steps)" in lines(chart)[0], lines(chart)[0]
        chart.show_series({"acc": new}, {"acc": Series([1.0, 2.0], [0.5, 0.6])}, "epochs 2", planned=5)
        await pilot.pause()
        assert "previous run: epochs 2" in lines(chart)[0] and "first" not in lines(chart)[0], lines(chart)[0]


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
        # Freed once the screen has drawn a frame without it (the compositor's last map holds it
        # until then: on a loaded machine, after more than one pause). A leak never frees it.
        from tests.ui.helpers import wait_for

        await wait_for(pilot, lambda: gc.collect() >= 0 and ref() is None, what="the chart to be freed")


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
        # ...and once the run is over it never will: a teacher's misspelt series read "no value yet"
        chart.show_series({"error": Series([], [])}, ended=True)
        await pilot.pause()
        assert "this run recorded no error" in "\n".join(lines(chart))


async def test_a_lines_first_point_alone_is_a_dot_that_shows():
    """3.4 after one `s`: the run's only point was one braille dot, "⡀", all but invisible."""
    app = OneChart(Chart("pred", ("pred",)))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series([1.0], [0.98])}, planned=4)
        await pilot.pause()
        body = "\n".join(line.split("┤", 1)[-1].split("│", 1)[-1] for line in lines(chart)[1:-2])
        assert body.count("●") == 1 and not re.search("[⠁-⣿]", body), body
        chart.show_series({"pred": Series([1.0, 2.0], [0.98, 1.2])}, planned=4)
        await pilot.pause()
        body = "\n".join(lines(chart)[1:-2])
        assert "●" not in body and re.search("[⠁-⣿]", body)  # two points: the line again


@pytest.mark.parametrize("height", [6, 7])
async def test_a_chart_a_few_rows_tall_is_labelled_at_its_datas_ends(height):
    """At 120x40 6.1's weights chart had three or four plot rows: ticks at nice values put the
    weights 0.6, 0.48 and -0.6 in the rows labelled 2, 0 and -2 (then 1, 0 and -1), and 4.4's
    start at 0 in the row labelled 1. Labelled at the lowest and highest value drawn, the series
    at the top and the bottom sit on their own values."""
    app = OneChart(Chart("weights", ("w0", "w1", "w2")))
    async with app.run_test(size=(60, height)) as pilot:
        view = app.query_one(ChartView)
        ends = {"w0": (0.5, 0.6), "w1": (0.48, 0.48), "w2": (-0.7, -0.6)}
        view.show_series(
            {name: Series(STEPS, [a + (b - a) * i / 19 for i in range(20)]) for name, (a, b) in ends.items()}
        )
        await pilot.pause()
        labels = re.findall(r"^\s*(-?[\d.]+)┤", "\n".join(lines(view)), re.M)
        assert labels == ["0.6", "-0.7"], lines(view)

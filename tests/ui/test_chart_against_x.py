"""Charts against a recorded value (`x`) rather than the step: whole ticks for a counted value, an
axis that ends where a swept value does once the run is over (nice ends while it runs), points apart
for 5.1's weights, 4.1's sweep of the weight, and a legend that does not say "x: x"."""

from __future__ import annotations

import math
import re

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView

from .test_chart import OneChart, lines


async def test_a_counted_x_gets_whole_ticks_from_its_first_value():
    """6.4's repeats: with repeat 0 alone the axis read -1.0 -0.5 0 0.5 1.0, at repeat 3 it read
    0 0.5 1.0 ... 3.0: negative and half repeats."""
    app = OneChart(Chart("error on this light, by repeat", ("error",), x="repeat"))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        for last in (0, 3, 15):
            steps = [float(k) for k in range(3, 4 + last)]
            chart.show_series(
                {
                    "error": Series(steps, [1.0 - 0.01 * k for k in range(last + 1)]),
                    "repeat": Series(steps, list(map(float, range(last + 1)))),
                }
            )
            await pilot.pause()
            labels = lines(chart)[-1].split()
            assert labels[0] == "0" and all(t.isdigit() for t in labels), (last, labels)
            assert int(labels[-1]) >= max(last, 1)


async def test_a_chart_with_x_draws_against_that_value():
    """4.1: the U of the squared error against the trial weight 0..3.2, not against the step."""
    app = OneChart(Chart("U", ("trial_error",), x="trial_weight"))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        steps = [float(k) for k in range(17)]
        weights = [k * 0.2 for k in range(17)]
        errors = [(0.5 * w - 0.8) ** 2 for w in weights]
        chart.show_series({"trial_error": Series(steps, errors), "trial_weight": Series(steps, weights)}, ended=True)
        await pilot.pause()
        legend, *plot, _axis, x_labels = lines(chart)
        assert x_labels.split() == ["0", "1", "2", "3"]  # the axis ends where the weights do (3.2)
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
    from grok_tui.engine.run_reading import spark_name

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
        # alpha scales the step, not the deltas: the run before drew these very points
        assert legend.startswith("● weight_delta  · previous run: the same curve") and "x: i" in legend
        body = "".join(plot)
        assert body.count("●") == 3 and not re.search("[⠁-⣿]", body)  # three points, no line
        assert x_labels.split() == ["0", "1", "2"]


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
        chart.show_series(series, ended=True)  # the whole sweep: the axis ends where it does
        await pilot.pause()
        *_, x_labels = lines(chart)
        ticks = [float(t) for t in x_labels.split()]
        assert ticks[0] == 0.0 and 3.0 <= ticks[-1] <= 3.2  # the weight's range, not steps 1..17


def test_an_axis_of_a_swept_value_ends_where_the_values_do():
    """6.7's x from -12 to 12 sat on -20..20 at 120x40, the S squeezed into the middle."""
    from grok_tui.ui.widgets.chart_parts import tight_axis

    axis = tight_axis(-12.0, 12.0, 4)
    assert (axis.low, axis.high) == (-12.0, 12.0) and [t for _, t in axis.ticks] == ["-10", "0", "10"]
    ends = tight_axis(1000.0, 1099.0, 6, integer=True)  # 7.1's images: the last one labelled too
    assert [t for _, t in ends.ticks][-2:] == ["1080", "1099"] and ends.high == 1099.0
    assert tight_axis(0.5, 0.5, 4).low < 0.5 < tight_axis(0.5, 0.5, 4).high  # one value: some room
    # ends between whole ticks keep their own digits: 4.3b's sweep read "-0" .. "4" for -0.5 .. 3.5
    assert [t for _, t in tight_axis(-0.5, 3.5, 5).ticks] == ["-0.5", "0", "1", "2", "3", "3.5"]


async def test_a_chart_against_x_does_not_say_x_x(catalog):
    spec = catalog.get("6.7").charts[0]
    assert spec.x == "x"
    app = OneChart(spec)
    async with app.run_test(size=(80, 16)) as pilot:
        chart = app.query_one(ChartView)
        xs = [-12.0 + k for k in range(25)]
        steps = [float(k + 1) for k in range(25)]
        values = [1 / (1 + math.exp(-x)) for x in xs]
        now = {"x": Series(steps, xs), "value": Series(steps, values), "slope": Series(steps, values)}
        chart.show_series(now, ended=True)
        await pilot.pause()
        legend, *_plot, _axis, x_labels = lines(chart)
        assert "x:" not in legend and "value" in legend
        assert x_labels.split()[0] in ("-12", "-10") and x_labels.split()[-1] in ("10", "12")


async def test_while_a_run_goes_on_the_x_axis_of_a_swept_value_keeps_nice_ends():
    """Tight to the values at every step, the axis moved with each new value and redrew the whole
    chart: 7.1's gallery lab sent twice the bytes at 80x24."""
    app = OneChart(Chart("ink", ("ink",), x="number", points=True))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        axes = set()
        for shown in range(10, 30):
            xs = [float(k) for k in range(shown)]
            chart.show_series({"ink": Series(xs, xs), "number": Series(xs, xs)})
            await pilot.pause()
            axes.add(lines(chart)[-1])
        assert len(axes) <= 4, axes  # a few jumps to the next nice end, not one for each of 20 values


async def test_a_chart_of_a_few_points_says_each_ones_value_beside_it():
    """3.3's products 4, -6 and 5 at 80x24: a text row spans a band of values, and the points sat on
    the ticks 5 and -5. Each point's value is written beside its marker (many points: none)."""
    for width in range(40, 62):  # at some widths plotext rounds a point a column off the ticks' line
        app = OneChart(Chart("products a[i]*b[i]", ("product",), x="i", points=True))
        async with app.run_test(size=(width, 12)) as pilot:
            chart = app.query_one(ChartView)
            xs = [0.0, 1.0, 2.0]
            chart.show_series({"product": Series(xs, [4.0, -6.0, 5.0]), "i": Series(xs, xs)}, ended=True)
            await pilot.pause()
            plot = "\n".join(lines(chart))
            assert re.search(r"● 4\b", plot) and re.search(r"● -6\b", plot) and re.search(r"\b5 ●", plot), (width, plot)
            if width == 60:  # many points: none
                many = [float(k) for k in range(12)]
                chart.show_series({"product": Series(many, many), "i": Series(many, many)}, ended=True)
                await pilot.pause()
                assert not re.search(r"● \d", "\n".join(lines(chart))), "\n".join(lines(chart))

"""A chart's legend line: what it names (a zero a log axis cannot draw, a nan, early steps too small
to see on a linear axis), shortened and cut at a word's end when short of room, on two lines when
the chart is tall enough. (The axes and the redrawing: test_chart.py.)"""

from __future__ import annotations

import math

import pytest

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView

from .test_chart import STEPS, OneChart, lines


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


@pytest.mark.parametrize("log", [True, False])
async def test_a_chart_says_from_which_step_its_series_became_nan(log):
    """7.3 at alpha 64: the loss becomes nan at epoch 7, and its curve simply ended a step before
    the axis, with nothing on the chart to say why (only the status line did)."""
    app = OneChart(Chart("loss", ("loss",), log=log))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"loss": Series(range(1, 11), [0.6, 3.0, 28.0, 9.0, 2.0, 1.0] + [math.nan] * 4)})
        await pilot.pause()
        legend, *plot, x_labels = lines(chart)
        assert legend == "? nan or inf from step 7: not drawn"
        assert x_labels.split()[-1] == "10" and any("┤" in row for row in plot)  # the axis: every step
        chart.show_series({"loss": Series(range(1, 3), [math.inf, math.nan])})
        await pilot.pause()
        assert any("nan or inf at every step: nothing to draw" in line for line in lines(chart))


async def test_a_linear_chart_of_a_runaway_says_its_early_steps_are_too_small_to_see():
    """4.5's prediction at alpha 1 tripled its swing each step, to -232 million: on a linear axis the
    first 15 steps were a flat line, and a beginner read "fine, then it broke at the end"."""
    app = OneChart(Chart("prediction", ("pred",)))
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        runaway = [0.8 + 0.2 * (-3) ** k for k in range(20)]
        chart.show_series({"pred": Series(STEPS, runaway)})
        await pilot.pause()
        assert lines(chart)[0] == "! early steps look flat here"
        # 5.2b at alpha 2: the last swing only 14 times the first half's, which still fit in one dot
        swings = [70 + 943 * (k / 10) * (-1) ** k for k in range(10)] + [70 + 13168 * (-1) ** k for k in range(10)]
        chart.show_series({"pred": Series(STEPS, swings)})
        await pilot.pause()
        assert lines(chart)[0] == "! early steps look flat here"
        calm = [0.8 - 0.3 * 0.6**k for k in range(20)]  # a run that converges: nothing to say
        chart.show_series({"pred": Series(STEPS, calm)})
        await pilot.pause()
        assert "too small" not in "\n".join(lines(chart))


def test_a_legend_short_of_room_shortens_the_previous_runs_name_before_cutting_it():
    """6.3 at 80 columns: "⠒· previous run: activation linear, hidden_…", the param just changed cut."""
    from grok_tui.ui.widgets.chart_parts import legend_row

    entries = [
        ("⠒⠒", "error_hidden", "s0"),
        ("•", "error_one_layer", "s1"),
        ("⠒·", "previous run: activation linear, hidden_size 4", "prev"),
    ]
    text = "".join(t for t, _ in legend_row(entries, 80))  # the lab's chart at 80x24
    assert text == "⠒⠒ error_hidden  • error_one_layer  ⠒· before: activation linear, hidden_size 4", text
    wide = "".join(t for t, _ in legend_row(entries, 100))
    assert wide.endswith("⠒· previous run: activation linear, hidden_size 4")  # room: the whole name


def test_a_legend_cut_short_ends_at_a_words_end_never_inside_a_number():
    """5.2 at 120x40 in the lab: "0 from step 22: below any log scale" cut to "0 from step 2…", and a
    learner read the error as 0 from step 2 while the chart fell until step 22."""
    from grok_tui.ui.widgets.chart_parts import legend_row

    entries = [
        ("⠒⠒", "error", "s0"),
        ("⠒⠒", "previous run: toes_unit toes, stopped at step 9", "prev"),
        ("0", "from step 22: below any log scale", "prev"),
    ]
    for width in (76, 77):  # the cut fell inside "22", then after its first digit
        text = "".join(t for t, _ in legend_row(entries, width))
        assert text.endswith("  0 from step…"), text


def test_a_legend_on_two_lines_names_the_previous_run_whole():
    """Cut to "before: alpha 0.1" on a first line with a second under it, beside charts saying
    "previous run: ..." (7.5's accuracy charts): the entry goes to the second line whole."""
    from grok_tui.ui.widgets.chart_parts import legend_rows

    entries = [
        ("⠒⠒", "pred_hurt", "s0"),
        ("•", "pred_win", "s1"),
        ("×", "pred_sad", "s2"),
        ("⠒·•×", "previous run: alpha 0.1", "prev"),
        ("!", "early steps look flat here", "prev"),
    ]
    rows = ["".join(t for t, _ in row) for row in legend_rows(entries, 60, 2)]
    assert rows == [
        "⠒⠒ pred_hurt  • pred_win  × pred_sad",
        "⠒·•× previous run: alpha 0.1  ! early steps look flat here",
    ], rows


@pytest.mark.parametrize(("height", "legend"), [(13, 2), (9, 1)])
async def test_a_legend_too_long_for_a_line_takes_two_when_the_chart_is_tall(height, legend):
    """5.4 at alpha 6.4 after a run at 0.1, in the lab at 80x24: the legend's last entry, the one
    that says why the first steps look flat, was cut to "! early ste…". A chart of 10 rows or more
    gives it a second line; a shorter one keeps its rows for the plot."""
    app = OneChart(Chart("predictions", ("pred_hurt", "pred_win", "pred_sad")))
    async with app.run_test(size=(80, height)) as pilot:
        chart = app.query_one(ChartView)
        grow = [0.1 * (-1.7) ** i for i in range(20)]
        now = {name: Series(STEPS, [k * v for v in grow]) for k, name in enumerate(chart.chart.series, 1)}
        old = {name: Series(STEPS, [0.1 + 0.01 * i for i in range(20)]) for name in chart.chart.series}
        chart.show_series(now, old, "previous run: alpha 0.1")
        await pilot.pause()
        top = lines(chart)[:legend]
        assert top[0].startswith("⠒⠒ pred_hurt  • pred_win  × pred_sad  ⠒·•× previous run: alpha 0.1"), top
        if legend == 2:
            assert top[1].rstrip() == "! early steps look flat here", top
            assert lines(chart)[2].startswith("      │"), lines(chart)[2]  # the plot starts under it
        else:
            assert top[0].endswith("! early…"), top  # cut at a word's end

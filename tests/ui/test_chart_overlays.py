"""What a chart draws over the run: the goal line at the run's value, and the previous run, dimmed,
left out where it would flatten the current curve or lies elsewhere on x."""

from __future__ import annotations

import re

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.chart_scale import previous_fits, previous_ran_away, previous_side

from .test_chart import CONVERGING, DIVERGING, STEPS, OneChart, lines


def test_previous_fits_unless_it_dwarfs_the_current_range():
    assert previous_fits(CONVERGING, [0.9, 1.1])
    assert not previous_fits(CONVERGING, DIVERGING)
    assert previous_fits(DIVERGING, CONVERGING)  # the wide current run holds the narrow one
    assert previous_fits([1.0], DIVERGING)  # a new run's first point: show the old curve for scale


def test_on_a_log_chart_a_plateau_counts_as_two_decades():
    """Points in decades: 6.5 with seed 2 sits at 1 (0.35 decades), seed 1 went down to 1.5e-5."""
    plateau, learned = [0.35, 0.1, 0.0], [0.15, -2.0, -4.8]
    assert not previous_fits(plateau, learned) and previous_fits(plateau, learned, log=True)
    # 5.5's wrong order stalls at 0.63; the right one went down to 2.6e-11: the comparison is drawn
    assert previous_fits([-0.02, -0.18, -0.2], [-0.02, -1.2, -10.58], log=True)
    assert not previous_fits(plateau, [0.15, -9.0, -18.0], log=True)  # 18 decades below: left out
    diverged = [-1.4 + k for k in range(19)]  # 4.5 at alpha 1: 0.04 up to 5.4e+16
    assert previous_fits(diverged, list(diverged), log=True)  # the same run again: drawn, whatever its span
    assert not previous_ran_away(plateau, [0.15, -9.0, -12.0], log=True)  # a wider range, not a runaway
    assert previous_ran_away([0.0, -3.0], [0.0, 30.0, 59.0], log=True)  # 4.5 diverged to 1e59
    assert previous_fits(CONVERGING, [])


def test_the_side_a_previous_run_reaches_past_this_one():
    assert previous_side(CONVERGING, DIVERGING) == "both"  # swinging: -1.2e9 and +3.9e8
    assert previous_side([0.0, -3.0], [0.0, -30.0]) == "below"  # 4.2's tiny step: 30 decades lower
    assert previous_side([0.0, -3.0], [0.0, 30.0, 59.0]) == "above"  # 4.5 diverged to 1e59
    assert previous_side([0.0, -3.0], [0.5, -30.0]) == "below"  # a little above, far below


async def test_a_previous_run_left_out_says_if_it_reached_higher():
    """Not far off, one way: "reached higher", where "wider range" said neither how far nor which way."""
    app = OneChart(Chart("prediction", ("pred",)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series(
            {"pred": Series(STEPS, CONVERGING)}, {"pred": Series(STEPS, [0.8 + 0.1 * k for k in range(20)])}
        )
        await pilot.pause()
        assert chart.previous_off_scale and "previous run: reached higher, not drawn" in lines(chart)[0]


GOAL = re.compile(r"(?:[⠁⠂⠄⡀⠈⠐⠠⢀] {1,2}){9}")
"""A goal line: dotted, one braille dot every other column (a solid grey line looked like the
previous run, and 4.4's previous run hugging the goal made one grey band of both)."""


def dot_rows(cell: str) -> set[int]:
    """The rows (0 top .. 3 bottom) of a braille cell's dots."""
    bits = ord(cell) - 0x2800
    return {row for row, mask in enumerate((0x09, 0x12, 0x24, 0xC0)) if bits & mask}


async def test_a_goal_line_is_drawn_at_the_runs_value_and_kept_in_view(catalog):
    """4.4's chart was titled 'prediction (goal: 0.8)' and drew no goal: the overshoot past 0.8 did
    not show, and with goal_pred set to 0.5 the title was wrong."""
    spec = catalog.get("4.4").charts[0]
    assert spec.goal == "goal_pred" and "0.8" not in spec.title
    app = OneChart(spec)
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        preds = Series([1.0, 2.0, 3.0, 4.0], [0.0, 0.968, 0.76472, 0.8074088])
        chart.show_series({"pred": preds}, values={"goal_pred": 0.5, "alpha": 1.0})
        await pilot.pause()
        legend, *plot, _axis, _x_labels = lines(chart)
        assert "⠒ ⠒ goal_pred 0.5" in legend
        # the curve is named beside the goal: "goal_pred 0.5" alone, over a solid curve and a dotted
        # line, did not say which was which
        assert legend.index(" pred") < legend.index("goal_pred"), legend
        goal_rows = [i for i, line in enumerate(plot) if GOAL.search(line)]
        at = {line.split("┤")[0].strip(): i for i, line in enumerate(plot) if "┤" in line}
        assert len(goal_rows) == 1 and at["0.6"] < goal_rows[0] < at["0.4"], plot
        # 4.4 at input 0.9 creeps up to 0.8 from below: drawn in braille like the curve, the goal
        # keeps the curve under it (a "─" sat mid-row, and the curve seemed to pass the goal)
        chart.show_series({"pred": Series([1.0, 2.0, 3.0, 4.0], [0.0, 0.6, 0.7, 0.76])}, values={"goal_pred": 0.8})
        await pilot.pause()
        _legend, *plot, _axis, _x_labels = lines(chart)
        row = next(line for line in plot if GOAL.search(line))
        goal = GOAL.search(row).group(0)[0]
        curve = [c for c in row.rstrip() if "⠁" <= c <= "⣿" and dot_rows(c) != dot_rows(goal)]
        above = [r for r, line in enumerate(plot) if line is row]
        assert all(not re.search("[⠁-⣿]", line.split("┤")[-1]) for line in plot[: above[0]]), plot
        assert not curve or min(dot_rows(curve[-1])) > max(dot_rows(goal)), (row, goal, curve)
        # a goal far from the curve stays in view: the axis reaches it
        chart.show_series({"pred": Series([1.0, 2.0], [0.0, 0.1])}, values={"goal_pred": 2.0})
        await pilot.pause()
        labels = [float(m) for m in re.findall(r"^\s*(-?[\d.]+)[┤├]", "\n".join(lines(chart)), re.M)]
        assert max(labels) >= 2.0 and "⠒ ⠒ goal_pred 2" in lines(chart)[0]


async def test_a_goal_may_be_a_number(catalog):
    """5.2b's title said "the target is 70" and drew none: 69.2, "close, not there", did not show."""
    spec = catalog.get("5.2b").charts[1]
    assert (spec.goal, spec.goal_value) == ("", 70.0)
    app = OneChart(spec)
    async with app.run_test(size=(60, 14)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series([1.0, 2.0, 3.0], [3.35, 10.5, 69.2])}, values={"alpha": 0.1})
        await pilot.pause()
        legend, *plot, _axis, _x_labels = lines(chart)
        assert "⠒ ⠒ goal 70" in legend and any(GOAL.search(line) for line in plot)


async def test_a_previous_run_within_the_goals_reach_is_drawn(catalog):
    """4.3 at alpha 0.01 after alpha 1: the goal line already stretched the axis to 0.8, and the run
    its try-this compares with (0.25 -> 0.7977) was left out as "wider range", measured against the
    slow run's 0.25..0.3 alone."""
    spec = next(c for c in catalog.get("4.3").charts if c.goal)
    app = OneChart(spec)
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        slow = Series(STEPS, [0.25 + 0.0025 * k for k in range(20)])
        fast = Series(STEPS, [0.8 - 0.55 * 0.5**k for k in range(20)])
        chart.show_series({"pred": slow}, {"pred": fast}, values={spec.goal: 0.8, "alpha": 0.01})
        await pilot.pause()
        assert not chart.previous_off_scale and "not drawn" not in lines(chart)[0], lines(chart)


async def test_a_diverged_previous_run_does_not_flatten_the_current_curve():
    app = OneChart(Chart("prediction", ("pred",)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series(STEPS, CONVERGING)}, {"pred": Series(STEPS, DIVERGING)})
        await pilot.pause()
        assert chart.previous_off_scale and "previous run: off scale, not drawn" in lines(chart)[0]  # both ways
        assert str(chart.border_title) == "prediction"  # said in the legend, the title stays
        assert "e+08" not in "\n".join(lines(chart))  # the y axis is the current run's
        chart.show_series({"pred": Series(STEPS, CONVERGING)}, {"pred": Series(STEPS, [0.85, 0.95] * 10)})
        await pilot.pause()
        assert not chart.previous_off_scale and "off scale" not in lines(chart)[0]


async def test_a_longer_previous_run_left_out_is_said_to_reach_far_below():
    """4.3 cut from 20 steps to 4: the longer run only reaches further down its log scale, and
    "previous run off scale" made it sound wildly different; "wider range" (4.2's tiny step, 30
    decades lower) did not say that it learned more."""
    app = OneChart(Chart("error", ("error",), log=True))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        error = [0.3 * 0.6**k for k in range(100)]  # 22 decades, where this run spans less than one
        steps = [float(k) for k in range(1, 101)]
        chart.show_series({"error": Series(steps[:4], error[:4])}, {"error": Series(steps, error)})
        await pilot.pause()
        assert chart.previous_off_scale and "previous run: far below, not drawn" in lines(chart)[0]


async def test_on_a_log_scale_a_previous_run_a_few_decades_away_is_drawn():
    """6.5 with another seed, 7.5 with another alpha: the previous loss was left out as a "wider
    range", its spread measured in plain values, although on the log axis both fit in a few decades
    and the comparison was what the lesson's try-this asked for."""
    app = OneChart(Chart("loss", ("loss",), log=True))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        now = [2.2 - 1.2 * (1 - 0.7**k) for k in range(20)]  # 2.2 down to a plateau at 1 (6.5, seed 2)
        before = [1.4 * 0.55**k for k in range(20)]  # 1.4 down to 1.6e-5: 5 decades (seed 1)
        chart.show_series({"loss": Series(STEPS, now)}, {"loss": Series(STEPS, before)})
        await pilot.pause()
        assert not chart.previous_off_scale and "previous run" in lines(chart)[0]
        assert "not drawn" not in lines(chart)[0]
        ran_away = [1.0 * 10.0**k for k in range(20)]  # up to 1e19: off scale, said so
        chart.show_series({"loss": Series(STEPS, now)}, {"loss": Series(STEPS, ran_away)})
        await pilot.pause()
        assert chart.previous_off_scale and "previous run: far above, not drawn" in lines(chart)[0]


STEPS_100 = [float(k) for k in range(1, 101)]


async def test_a_previous_run_elsewhere_on_the_x_axis_is_left_out():
    """7.1 with `first` 1000 after 0: its ink chart (x: the image's number) kept both runs, and each
    became a thin stripe at one end of a 0..1100 axis."""
    app = OneChart(Chart("ink", ("ink",), x="number", points=True))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        ink = [float(300 + (7 * k) % 50) for k in range(100)]
        now = {"ink": Series(STEPS_100, ink), "number": Series(STEPS_100, [1000.0 + k for k in range(100)])}
        before = {"ink": Series(STEPS_100, ink), "number": Series(STEPS_100, [float(k) for k in range(100)])}
        chart.show_series(now, before)
        await pilot.pause()
        assert chart.previous_off_scale and "previous run: at other x, not drawn" in lines(chart)[0]
        x_labels = lines(chart)[-1].split()
        assert float(x_labels[0]) >= 1000, x_labels  # the axis is this run's
        overlapping = {"ink": before["ink"], "number": Series(STEPS_100, [1000.0 + k / 2 for k in range(100)])}
        chart.show_series(now, overlapping)
        await pilot.pause()
        assert not chart.previous_off_scale


async def test_an_accuracy_kept_on_its_range_shows_a_run_at_chance_beside_a_good_one():
    """7.6 at batch size 1: a dead network at chance (0.07..0.11) filled a 0.07..0.11 axis, looking
    like a real curve, and the working 0.9 run beside it was "wider range, not drawn"."""
    app = OneChart(Chart("accuracy", ("test_accuracy",), y_range=(0.0, 1.0)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chance = [0.07 + 0.04 * ((k * 7) % 5) / 4 for k in range(20)]
        good = [0.9 - 0.5 * 0.7**k for k in range(20)]
        chart.show_series({"test_accuracy": Series(STEPS, chance)}, {"test_accuracy": Series(STEPS, good)})
        await pilot.pause()
        legend, *plot, _axis, _x_labels = lines(chart)
        labels = [float(m) for m in re.findall(r"^\s*(-?[\d.]+)┤", "\n".join(plot), re.M)]
        assert min(labels) == 0 and max(labels) == 1.0, labels
        assert not chart.previous_off_scale and "previous run" in legend and "not drawn" not in legend
        assert any(
            not isinstance(style, str) and style.color is not None and style.color.number == 8
            for row in chart.rows[1:]
            for _, style in row
        )  # the good run, dimmed behind
        # above the range, the axis still reaches the values
        chart.show_series({"test_accuracy": Series(STEPS, [1.5] * 20)})
        await pilot.pause()
        assert max(float(m) for m in re.findall(r"^\s*(-?[\d.]+)┤", "\n".join(lines(chart)), re.M)) >= 1.5


async def test_a_run_just_above_the_range_beside_one_near_0_is_drawn_not_wider_range():
    """6.4, seed 1 then seed 0: the seed-1 run (stuck between 1.043 and 1.0) was "wider range, not
    drawn" beside seed 0's fall to 0, on an axis that ran 0..1 anyway."""
    app = OneChart(Chart("error", ("error",), y_range=(0.0, 1.0)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        stuck = [1.043, 1.018, 1.003] + [1.0] * 17
        falls = [0.05 * 0.1**k for k in range(20)]
        chart.show_series({"error": Series(STEPS, falls)}, {"error": Series(STEPS, stuck)})
        await pilot.pause()
        assert not chart.previous_off_scale and "not drawn" not in lines(chart)[0], lines(chart)[0]


async def test_a_previous_run_is_the_same_curve_only_if_all_of_it_is():
    """6.6 at 5 iterations after 60: the previous run, cut at this run's end, matched this run's 5
    steps, and the legend said "the same curve" of a run that had gone on to 1.5e-5."""
    app = OneChart(Chart("error", ("error",)))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        long = [0.9 * 0.8**k for k in range(20)]
        chart.show_series({"error": Series(STEPS[:5], long[:5])}, {"error": Series(STEPS, long)}, planned=5)
        await pilot.pause()
        # what is drawn of it (5 steps) lies under this run: said, or the legend named a curve nobody saw
        assert lines(chart)[0] == "⠒⠒ error  ⠒· previous run: the same so far", lines(chart)[0]
        chart.show_series({"error": Series(STEPS, long)}, {"error": Series(STEPS, long)}, planned=20)
        await pilot.pause()
        assert "previous run: the same curve" in lines(chart)[0]


async def test_a_run_in_progress_over_the_same_images_keeps_the_previous_one_and_its_axis():
    """7.1 run twice over images 0..11: at the second run's 2nd and 3rd image the previous run was
    left out as "wider range" (its span was 5 times this one's), and the x axis jumped from 0..11 to
    0..2 and back at the 4th image."""
    app = OneChart(Chart("ink", ("ink",), x="number", points=True))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        steps = [float(k) for k in range(1, 13)]
        ink = [float(300 + (7 * k) % 50) for k in range(12)]
        before = {"ink": Series(steps, ink), "number": Series(steps, [float(k) for k in range(12)])}
        axes = set()
        for shown in range(1, 13):
            now = {
                "ink": Series(steps[:shown], ink[:shown]),
                "number": Series(steps[:shown], before["number"].ys[:shown]),
            }
            chart.show_series(now, before)
            await pilot.pause()
            assert not chart.previous_off_scale and "previous run" in lines(chart)[0], (shown, lines(chart)[0])
            axes.add(lines(chart)[-1])
        assert len(axes) == 1, axes  # one x axis for the whole run


async def test_a_marked_param_is_an_upright_line_and_a_same_curve_is_not_a_previous_run(catalog):
    """4.1 sweeps 17 weights: setting `weight` changed the values and nothing on the chart, whose
    legend named a "previous run: weight 0.5" drawn exactly under the new one."""
    spec = catalog.get("4.1").charts[0]
    assert spec.at == "weight" and spec.x == "trial_weight"
    weights = [k * 0.2 for k in range(17)]

    def sweep(input: float) -> dict[str, Series]:
        misses = [input * w - 0.8 for w in weights]
        return {
            "trial_weight": Series(STEPS[:17], weights),
            "trial_miss": Series(STEPS[:17], misses),
            "trial_error": Series(STEPS[:17], [m * m for m in misses]),
        }

    app = OneChart(spec)
    async with app.run_test(size=(80, 16)) as pilot:  # the lab at 80x24
        chart = app.query_one(ChartView)
        chart.show_series(sweep(0.5), values={"weight": 1.6, "input": 0.5})
        await pilot.pause()
        legend, *plot, axis, x_labels = lines(chart)
        assert "│ weight 1.6" in legend and "previous" not in legend
        braille = lambda row, c: len(row) > c and "⠁" <= row[c] <= "⣿"  # noqa: E731
        columns = [c for c in range(8, len(plot[0])) if sum(braille(row, c) for row in plot) >= len(plot) - 2]
        assert len(columns) == 1, plot  # one column drawn top to bottom (a curve may cross it)
        marks = [m.start() for m in re.finditer("┬", axis)]
        ticks = dict(zip(map(float, x_labels.split()), marks, strict=True))
        below, above = max(t for t in ticks if t <= 1.6), min(t for t in ticks if t >= 1.6)
        assert ticks[below] <= columns[0] <= ticks[above], (columns, x_labels)
        # the same sweep after weight changed: said so; another input drew another curve
        chart.show_series(sweep(0.5), sweep(0.5), "previous run: weight 1.6", values={"weight": 0.5})
        await pilot.pause()
        assert "previous run: the same curve" in lines(chart)[0] and "│ weight 0.5" in lines(chart)[0]
        chart.show_series(sweep(1.0), sweep(0.5), "previous run: input 0.5", values={"weight": 0.5})
        await pilot.pause()
        assert "previous run: input 0.5 " in lines(chart)[0] + " " and "same" not in lines(chart)[0]


async def test_a_previous_run_drawn_is_named_before_the_notes_or_not_drawn_at_all():
    """5.4 after alpha 6.4: three series and "0 from step 10: below any log scale" filled the legend,
    the previous run's entry was cut, and its grey curves climbing to 1e+9 were read as this run's."""
    from rich.style import Style

    names = ("error_hurt", "error_win", "error_sad")
    app = OneChart(Chart("error of each output", names, log=True))
    async with app.run_test(size=(80, 14)) as pilot:
        chart = app.query_one(ChartView)
        landing = [0.5 * 0.1**k for k in range(9)] + [0.0] * 11  # to 0 at step 10: below a log scale
        climbing = [0.5 * 1.5**k for k in range(20)]
        chart.show_series({n: Series(STEPS, landing) for n in names}, {n: Series(STEPS, climbing) for n in names})
        await pilot.pause()
        legend = lines(chart)[0]
        assert not chart.previous_off_scale and ("previous run" in legend or "before" in legend), legend

        def grey_cells() -> int:
            return sum(
                1
                for row in chart.rows[1:]
                for text, style in row
                for ch in text
                if ch.strip() and isinstance(style, Style) and str(style) == "color(8)"  # plotext's grey
            )

        assert grey_cells() > 0  # drawn, and named
        # narrower, the legend takes a second line, which names it
        await pilot.resize_terminal(44, 14)
        await pilot.pause()
        assert "previous run" not in lines(chart)[0] and "previous run" in lines(chart)[1], lines(chart)[:2]
        assert grey_cells() > 0
        # and too short for two legend lines, its name cannot be said: the grey curves are not drawn either
        await pilot.resize_terminal(44, 9)
        await pilot.pause()
        legend = lines(chart)[0]
        assert "previous run" not in legend and "before" not in legend, legend
        assert grey_cells() == 0, chart.rows

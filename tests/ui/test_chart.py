"""The chart keeps the previous run dimmed behind the current one, unless it would flatten it."""

from __future__ import annotations

from textual.app import App, ComposeResult

from grok_tui.lesson.model import Chart
from grok_tui.ui.run_feed import Series
from grok_tui.ui.widgets.chart import ChartView, previous_fits

STEPS = [float(i) for i in range(1, 21)]
CONVERGING = [0.8 + 0.2 * 0.6**i for i in range(20)]  # alpha 0.1: 1.0 -> 0.8
DIVERGING = [0.8 + 0.2 * (-3.0) ** i for i in range(20)]  # no alpha: -232 million by step 20


def test_previous_fits_unless_it_dwarfs_the_current_range():
    assert previous_fits(CONVERGING, [0.9, 1.1])
    assert not previous_fits(CONVERGING, DIVERGING)
    assert previous_fits(DIVERGING, CONVERGING)  # the wide current run holds the narrow one
    assert previous_fits([1.0], DIVERGING)  # a new run's first point: show the old curve for scale
    assert previous_fits(CONVERGING, [])


class OneChart(App):
    def compose(self) -> ComposeResult:
        yield ChartView(Chart("prediction", ("pred",)))


async def test_a_diverged_previous_run_does_not_flatten_the_current_curve():
    app = OneChart()
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series(STEPS, CONVERGING)}, {"pred": Series(STEPS, DIVERGING)})
        await pilot.pause()
        assert chart.previous_off_scale and "last run off scale" in str(chart.border_title)
        text = app.export_screenshot()
        assert "e+08" not in text  # the y axis is the current run's, not hundreds of millions
        chart.show_series({"pred": Series(STEPS, CONVERGING)}, {"pred": Series(STEPS, [0.85, 0.95] * 10)})
        await pilot.pause()
        assert not chart.previous_off_scale and "off scale" not in str(chart.border_title)

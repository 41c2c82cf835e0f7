"""The colours a chart's curves are drawn in: each its legend's, and dark ones on a light theme."""

from __future__ import annotations

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.widgets.chart import ChartView
from tests.ui.test_chart import CONVERGING, STEPS, OneChart


def colours(chart: ChartView) -> set[int]:
    """The colour numbers of the curves' braille dots as the chart draws them (not of its axes)."""
    return {
        seg.style.color.number
        for y in range(chart.size.height)
        for seg in chart.render_line(y)
        if seg.style is not None
        and seg.style.color is not None
        and seg.style.color.number is not None
        and any("\u2800" < c <= "\u28ff" for c in seg.text)
    }


def test_every_curve_is_drawn_in_its_legends_colour():
    """6.5's fourth series, pred_3, had an orange legend glyph over a purple curve: plotext has no
    "yellow" (its ANSI colour 3 is "orange"), and the legend draws with Rich's names."""
    import plotext
    from rich.style import Style
    from rich.text import Text

    from grok_tui.ui.widgets.chart_plot import COLORS, PREVIOUS_COLOR, rich_color

    for name in (*COLORS, PREVIOUS_COLOR):
        plotext.clf()
        plotext.theme("pro")  # as the chart draws
        plotext.plotsize(20, 6)
        plotext.plot([1, 2, 3], [1, 3, 2], marker="braille", color=name)
        drawn = set()  # the colours of the curve's braille dots (not of the axes)
        for line in plotext.build().splitlines():
            text = Text.from_ansi(line)
            for span in text.spans:
                dots = any("\u2800" < c <= "\u28ff" for c in text.plain[span.start : span.end])
                if dots and isinstance(span.style, Style) and span.style.color is not None:
                    drawn.add(span.style.color.number)
        legend = Style(color=rich_color(name)).color
        assert legend is not None and legend.number in drawn, (name, drawn, legend)


async def test_on_a_light_theme_the_curves_are_dark():
    """On textual-light the bright cyan curve was 1.85:1 against the background, fainter than the grey
    previous run; the theme changing back to a dark one brings the bright colours back."""
    from rich.color import Color

    from grok_tui.ui.widgets.chart_plot import ON_LIGHT

    app = OneChart(Chart("prediction", ("pred",)))
    async with app.run_test(size=(60, 12)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({"pred": Series(STEPS, CONVERGING)})
        await pilot.pause()
        assert colours(chart) == {Color.parse("bright_cyan").number}
        app.theme = "textual-light"
        await pilot.pause()
        assert colours(chart) == {ON_LIGHT[Color.parse("bright_cyan").number]}
        app.theme = "textual-dark"
        await pilot.pause()
        assert colours(chart) == {Color.parse("bright_cyan").number}


async def test_with_no_colour_every_curve_is_lighter_than_the_previous_run(monkeypatch):
    """NO_COLOR turns the screen to greys by brightness: 3.6's third curve (bright magenta, `sad`) and
    5.2's weight_2 came out grey 59 on the chart's near-black, 1.65:1, fainter than the previous run
    (a trial). There magenta, red and blue are drawn in light tints; the others stay."""
    from rich.color import Color

    monkeypatch.setenv("NO_COLOR", "1")

    def brightness(number: int) -> float:
        """As the greys show it: the app's own ANSI palette (bright magenta is #f4005f there)."""
        r, g, b = Color.from_ansi(number).get_truecolor(app.ansi_theme)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    names = ("a", "b", "c", "d", "e", "f")
    app = OneChart(Chart("six", names))
    async with app.run_test(size=(60, 16)) as pilot:
        chart = app.query_one(ChartView)
        chart.show_series({n: Series(STEPS, [y + i for y in CONVERGING]) for i, n in enumerate(names)})
        await pilot.pause()
        drawn = colours(chart)
        assert len(drawn) == 6, drawn
        previous = brightness(Color.parse("bright_black").number)  # the previous run's grey
        assert min(brightness(n) for n in drawn) > previous, sorted((brightness(n), n) for n in drawn)

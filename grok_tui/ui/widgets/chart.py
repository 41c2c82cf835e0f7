"""A live chart of recorded series, with the previous run's curve dimmed behind it for comparison."""

from __future__ import annotations

import math

from textual.content import Content
from textual_plotext import PlotextPlot

from grok_tui.lesson.model import Chart
from grok_tui.ui.run_feed import Series

COLORS = ("cyan+", "green+", "magenta+", "yellow", "blue+", "red+")
"""plotext's names for the curves' ANSI colours ("+" = the bright variant)."""
TITLE_COLORS = tuple(f"ansi_bright_{c[:-1]}" if c.endswith("+") else f"ansi_{c}" for c in COLORS)
"""The same colours, as Textual names them, for the series names in the border title: a legend
inside a small chart would cover the curves."""
PREVIOUS_COLOR = "gray"


def _log10(series: Series) -> Series:
    """log10 of the positive values; a log axis crashes textual-plotext, a log of the data does not."""
    xs, ys = [], []
    for x, y in zip(series.xs, series.ys):
        if y > 0:
            xs.append(x)
            ys.append(math.log10(y))
    return Series(xs, ys)


ZOOM_RATIO = 5.0
"""When the previous run spans more than this many times the current run's range (a diverged run
behind a converging one), the chart keeps to the current run and leaves the dimmed curve out."""


def previous_fits(current: list[float], previous: list[float]) -> bool:
    """Whether the previous run can share the axes without flattening the current curve."""
    if not current or not previous:
        return True
    low, high = min(current), max(current)
    if high <= low:  # a run's first point, or a flat curve: the previous run gives the scale
        return True
    return max(high, max(previous)) - min(low, min(previous)) <= ZOOM_RATIO * (high - low)


def _ticks(low: float, high: float, count: int) -> tuple[list[float], list[str]]:
    """A few y ticks with short labels: plotext's own labels can take 12 columns of a 40-column chart."""
    if high == low:
        return [low], [f"{low:.3g}"]
    values = [low + (high - low) * i / (count - 1) for i in range(count)]
    return values, [f"{v:.3g}" for v in values]


class ChartView(PlotextPlot):
    """One `[[charts]]` entry of a lesson: its series now, and as they were in the previous run."""

    DEFAULT_CSS = """
    ChartView { height: 1fr; width: 1fr; }
    """

    def __init__(self, chart: Chart, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="chart")
        self.chart = chart
        # ANSI colours and no canvas colour: far fewer bytes per frame than the RGB "auto" theme.
        self.theme = "pro"
        self._title = chart.title + (" (log10)" if chart.log and "log" not in chart.title else "")
        self._current: dict[str, Series] = {}
        self._previous: dict[str, Series] = {}
        self.previous_off_scale = False
        """True while the dimmed previous run is left out because it would flatten this one."""
        self.border_title = self._make_title(200)

    def _make_title(self, width: int) -> Content:
        """The title, then each series name in its curve's colour; only the names if it is too narrow."""
        if self.previous_off_scale:
            return Content.assemble(self._title, (" · last run off scale", "dim"))
        if len(self.chart.series) < 2:
            return Content(self._title)
        names: list = []
        for i, name in enumerate(self.chart.series):
            names += [" " if i else "", (name, TITLE_COLORS[i % len(TITLE_COLORS)])]
        full = Content.assemble(self._title, ": ", *names)
        return full if full.cell_length <= width - 4 else Content.assemble(*names)

    def on_resize(self) -> None:
        self.border_title = self._make_title(self.size.width)

    def show_series(self, current: dict[str, Series], previous: dict[str, Series] | None = None) -> None:
        """Replace what the chart draws; the drawing itself happens at the next render."""
        self._current = {n: current[n] for n in self.chart.series if n in current}
        if previous is not None:
            self._previous = {n: previous[n] for n in self.chart.series if n in previous}
        self._redraw()

    def _prepare(self, series: Series) -> Series:
        return _log10(series) if self.chart.log else series

    def _redraw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.theme("pro")
        now_ys, old_ys = ([y for name in group for y in self._prepare(group[name]).ys]
                          for group in (self._current, self._previous))
        fits = previous_fits(now_ys, old_ys)
        if self.previous_off_scale == fits:  # changed: the title says whether the old curve is drawn
            self.previous_off_scale = not fits
            self.border_title = self._make_title(self.size.width or 200)
        for name in self.chart.series if fits else ():
            old = self._prepare(self._previous.get(name, Series()))
            if old.xs:
                plt.plot(old.xs, old.ys, marker="braille", color=PREVIOUS_COLOR)
        for i, name in enumerate(self.chart.series):
            now = self._prepare(self._current.get(name, Series()))
            if now.xs:
                plt.plot(now.xs, now.ys, marker="braille", color=COLORS[i % len(COLORS)])
        plt.xaxes(True, False)
        plt.yaxes(True, False)
        ys = now_ys + (old_ys if fits else [])
        if ys:
            plt.yticks(*_ticks(min(ys), max(ys), max(2, min(5, self.size.height // 3))))
        else:
            plt.xticks([])
            plt.yticks([])
        self.refresh()

"""A live chart of recorded series, with the previous run's curve dimmed behind it for comparison.

plotext draws the curves (through textual-plotext's PlotextPlot); this widget decides what it is given
and what is sent:
- a log chart plots log10 of the values on a linear axis (a log axis crashes textual-plotext) and
  labels its ticks with the real values (chart_parts.log_axis), never with exponents;
- the axes end on nice ticks that move in steps, so a running curve is not rescaled at every step;
- a legend line of its own above the plot (the title stays whole), a glyph per series, "·" for the
  previous run (along its first grey line: "⠒·");
- plotext's text is compared row by row with what is on screen and only the rows that changed are
  repainted, so an unchanged frame sends nothing;
- a chart too small for axes shows each series' latest value and a sparkline instead;
- on unmount it unsubscribes from the app's theme signal, which PlotextPlot never does (every chart
  ever shown stayed alive, ~0.3 MiB per lesson visit).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual_plotext import PlotextPlot

from grok_tui.engine.feed import Series
from grok_tui.lesson.model import Chart
from grok_tui.ui.on_screen import displayed
from grok_tui.ui.widgets.chart_glyphs import LABELLED_POINTS, label_points
from grok_tui.ui.widgets.chart_parts import (
    COMPACT_HEIGHT,
    COMPACT_WIDTH,
    GOAL_GLYPH,
    LEFT_OUT,
    LEFT_OUT_ELSEWHERE,
    LEGEND_GLYPH,
    MARKERS,
    POINT,
    PREVIOUS,
    PREVIOUS_LINE_GLYPH,
    PREVIOUS_MARKER,
    PREVIOUS_SHORT,
    TWO_LINE_LEGEND,
    Axis,
    Layer,
    Row,
    compact,
    ends_axis,
    even_y_axis,
    legend_rows,
    linear_axis,
    log_axis,
    step_axis,
    tight_axis,
)
from grok_tui.ui.widgets.chart_plot import COLORS, ON_GREY, ON_LIGHT, PREVIOUS_COLOR, draw_layers, on_light, rich_color
from grok_tui.ui.widgets.chart_scale import dwarfed, previous_fits, previous_overlaps, previous_ran_away, previous_side
from grok_tui.ui.widgets.chart_title import chart_title, fit_title
from grok_tui.ui.widgets.panes import keep_focus_mark

FEW_ROWS = 4
"""A plot this many rows tall or fewer is labelled at the data's own ends (ends_axis): with ticks at
nice values a row spans a third of the range, and at 120x40 6.1's weights 0.6, 0.48 and -0.6 sat
in the rows labelled 1, 0 and -1 (at first 2, 0, -2); 4.4's start at 0 read 1."""

STYLES = {f"s{i}": Style(color=rich_color(c)) for i, c in enumerate(COLORS)}
STYLES["prev"] = Style(color=rich_color(PREVIOUS_COLOR))
"""The same colours as Rich styles, for the legend and the compact view."""


def paired(series: Series, by_step: dict[float, float]) -> list[tuple[float, float]]:
    """(x value, y) for each point whose step also recorded the x value (C3: pairs by step number)."""
    return [(by_step[s], y) for s, y in zip(series.xs, series.ys, strict=False) if s in by_step]


class ChartView(PlotextPlot, can_focus=True):
    """One `[[charts]]` entry of a lesson: its series now, and as they were in the previous run.
    A pane f selects and z zooms (a chart of 9 rows at 80x24 drew 4.3b's U in 2 or 3 of them, and
    nothing enlarged it)."""

    ALLOW_MAXIMIZE = True

    DEFAULT_CSS = """
    ChartView { height: 1fr; width: 1fr; }
    """

    def __init__(self, chart: Chart, *, step_name: str = "", id: str | None = None) -> None:
        super().__init__(id=id, classes="chart")
        self.chart = chart
        # ANSI colours and no canvas colour: far fewer bytes per frame than the RGB "auto" theme.
        self.theme = "pro"
        self._title = chart_title(chart, step_name)
        self._steps = f"{step_name or 'step'}s"
        """What the x axis counts, for the legend ("iterations")."""
        self._previous_cut: float | None = None
        """Where a longer previous run is cut at this run's end (the step), None when it is not."""
        self._current: dict[str, Series] = {}
        self._previous: dict[str, Series] = {}
        self._previous_label = ""
        self._planned: int | None = None
        self._ended = False
        """The run shown is over: a series with no value then was never recorded."""
        """How many steps the run shown takes (the lesson's `steps`), if known: the step axis ends there."""
        self._goal: float | None = None
        """The chart's goal in the run shown (Chart.goal's value, or Chart.goal_value), drawn as a line."""
        self._at: float | None = None
        """The value of the chart's `at` parameter in the run shown, drawn as an upright line."""
        self.previous_off_scale = False
        """True while the dimmed previous run is left out because it would flatten this one."""
        self._previous_far = False
        """...and because it ran away (chart_scale.FAR_RATIO), not only reached a wider range."""
        self._previous_side = "both"
        """...and which way it reaches past this one: above, below or both (chart_scale.previous_side)."""
        self._previous_elsewhere = False
        """...or because it lies elsewhere on x (a chart against a value: chart_scale.previous_overlaps)."""
        self._previous_same = False
        """The previous run drew exactly the curve of this one."""
        self._previous_under = False
        """What is drawn of the previous run (cut at this run's end) lies exactly under this one."""
        self.rows: list[Row] = []
        """The picture on show, one tuple of (text, style) runs per content row; a style is a key of
        STYLES, or the Rich Style plotext gave that run."""
        self._strips: dict[int, Strip] = {}
        self._recolour: dict[int, int] | None = None
        """The curves' colours drawn otherwise: dark on a light theme, light in NO_COLOR's greys
        (chart_plot.on_light)."""
        self._drawn_size = Size(0, 0)
        self._redraw_owed = False
        """New series came while the chart was hidden: drawn when it shows."""
        self.repaints = 0
        """Rows repainted since mount (how many were sent): a figure for tests and bench/."""
        self.border_title = Content(self._title)

    # -- what the screen calls ----------------------------------------------------------------------
    def show_series(
        self,
        current: dict[str, Series],
        previous: dict[str, Series] | None = None,
        previous_label: str = "",
        values: Mapping[str, object] | None = None,
        planned: int | None = None,
        ended: bool = False,
    ) -> None:
        """Replace what the chart draws; rows whose picture changed are repainted, no others.
        `values`: the parameters of the run shown, where the chart's goal is read; `planned`: how
        many steps that run takes, where the step axis ends; `ended`: that run is over."""
        self._planned = planned
        self._ended = ended
        goal = (values or {}).get(self.chart.goal) if self.chart.goal else self.chart.goal_value
        self._goal = float(goal) if isinstance(goal, (int, float)) and math.isfinite(goal) else None
        at = (values or {}).get(self.chart.at) if self.chart.at else None
        self._at = float(at) if isinstance(at, (int, float)) and math.isfinite(at) else None
        wanted = (*self.chart.series, self.chart.x) if self.chart.x else self.chart.series
        self._current = {n: current[n] for n in wanted if n in current}
        if previous is not None:
            self._previous = {n: previous[n] for n in wanted if n in previous}
            self._previous_label = previous_label
        if displayed(self):
            self._redraw()
        else:  # hidden (the reading view below 110 columns): drawn when it shows (on_resize)
            self._redraw_owed = True

    # -- drawing ------------------------------------------------------------------------------------
    def on_resize(self) -> None:
        sides = 2 if self.styles.border_left[0] else 0  # a full border's corners take 2 more columns
        mark = len(keep_focus_mark(self.border_title, ""))  # the focus's ▶, kept, takes room too
        room = max(1, self.outer_size.width - 2 - sides - mark)
        self.border_title = Content(keep_focus_mark(self.border_title, fit_title(self._title, room)))
        self._redraw_owed = False
        self._redraw()

    def on_show(self) -> None:
        if self._redraw_owed:
            self._redraw_owed = False
            self._redraw()

    def _points(self, group: dict[str, Series], name: str) -> list[tuple[float, float]]:
        series = group.get(name, Series())
        if self.chart.x:
            x = group.get(self.chart.x, Series())
            points = paired(series, dict(zip(x.xs, x.ys, strict=False)))
        else:
            points = list(zip(series.xs, series.ys, strict=False))
        points = [(x, y) for x, y in points if math.isfinite(y)]  # nan and inf: _undrawn_from says so
        if self.chart.log:
            points = [(x, math.log10(y)) for x, y in points if y > 0]
        return points

    def _layers(self) -> tuple[list[Layer], list[Layer]]:
        names = self.chart.series
        now = [
            Layer(self._points(self._current, n), self._marker(i), f"s{i % len(COLORS)}") for i, n in enumerate(names)
        ]
        # the previous run's curves after the first keep their glyphs (grey): one grey line each
        # could not be told apart; its first carries "·" (chart_plot.draw_layers puts it along the line),
        # as a chart of points marks the previous run's points
        old = [
            Layer(
                self._points(self._previous, n),
                PREVIOUS_MARKER if self.chart.points or i == 0 else self._marker(i),
                "prev",
            )
            for i, n in enumerate(names)
        ]
        return [layer for layer in now if layer.points], [layer for layer in old if layer.points]

    def _marker(self, i: int) -> str:
        """Series i's marker: a braille line for the first, unless the chart's steps are points."""
        marker = MARKERS[i % len(MARKERS)]
        return POINT if marker == "braille" and self.chart.points else marker

    def _in_range(self, layers: list[Layer]) -> bool:
        if not self.chart.y_range:
            return False
        low, high = self.chart.y_range
        return all(low <= y <= high for layer in layers for _, y in layer.points)

    def _zero_from(self) -> float | None:
        """On a log chart: the first step at which a series of this run reached 0 (or below), which
        no log scale holds. 6.1 with alpha 0.5 hits 0 at step 2, and its chart was left empty."""
        if not self.chart.log:
            return None
        return self._first_step(lambda y: y <= 0)

    def _nan_from(self) -> float | None:
        """The first step at which a series of this run became nan or inf, which no chart draws: 7.3's
        loss at alpha 64 just ended a step before the axis did."""
        series = [self._current[name] for name in self.chart.series if name in self._current]
        said = [one.nan_from for one in series if one.nan_from is not None]  # the feed keeps no nan
        found = self._first_step(lambda y: not math.isfinite(y))
        return min([*said, found] if found is not None else said, default=None)

    def _first_step(self, test: Callable[[float], bool]) -> float | None:
        series = [self._current[name] for name in self.chart.series if name in self._current]
        firsts = [x for one in series for x, y in zip(one.xs, one.ys, strict=False) if test(y)]
        return min(firsts) if firsts else None

    @property
    def _previous_glyph(self) -> str:
        """The previous run is a grey braille line with "·" along it, or grey dots on a chart of points."""
        return PREVIOUS_MARKER if self.chart.points else PREVIOUS_LINE_GLYPH

    def _legend(
        self,
        now: list[Layer],
        old: list[Layer],
        zero_from: float | None = None,
        nan_from: float | None = None,
        rows: int = 0,
    ) -> list[tuple[str, str, str]]:
        """Its entries, the ones a cut line loses last first: the series, what marks the axes (the
        weight at, the goal), what is not drawn or looks flat, then the previous run."""
        entries = []
        # One series is named too when another line is drawn beside it: 4.4's legend said only
        # "goal_pred 0.8", over a solid curve and a dotted line, and a beginner could not tell them apart.
        goal_line = self._goal is not None and not self.chart.log
        if len(self.chart.series) > 1 or old or self.previous_off_scale or goal_line or self._at is not None:
            for i, name in enumerate(self.chart.series):
                marker = self._marker(i)
                entries.append((LEGEND_GLYPH.get(marker, marker), name, f"s{i % len(COLORS)}"))
        if self._at is not None:  # before the previous run: it is this run's own
            entries.append(("│", f"{self.chart.at} {self._at:g}", "prev"))  # "weight 0.5"
        if goal_line:
            said = self.chart.goal_label or self.chart.goal or "goal"
            entries.append((GOAL_GLYPH, f"{said} {self._goal:g}", "prev"))  # "goal 70", "chance 0.1"
        drawn_at = len(entries)  # a previous run drawn goes here: grey curves must be named (below)
        if zero_from is not None:
            entries.append(("0", f"from step {zero_from:g}: below any log scale", "prev"))
        if nan_from is not None:
            entries.append(("?", f"nan or inf from step {nan_from:g}: not drawn", "prev"))
        if not self.chart.log and any(dwarfed([y for _, y in layer.points], rows) for layer in now):
            # 4.5, 5.2b, 5.4 diverging: a linear axis set by the last swings drew the first ones as
            # a flat line, and a beginner read "fine, then it broke at the end"
            entries.append(("!", "early steps look flat here", "prev"))
        if self.previous_off_scale:
            # A run that ran away is far off; a longer one (4.3 cut from 20 steps to 4) only reaches
            # higher, and "off scale" made it sound wildly different. Which way it went is the lesson:
            # 4.2's tiny step reached 30 decades lower, and "wider range" did not say it learned more.
            side = self._previous_side
            far = self._previous_far or (side == "below" and self.chart.log)  # lower on log: > 16 decades
            said = LEFT_OUT_ELSEWHERE if self._previous_elsewhere else LEFT_OUT[far, side]
            entries.append((self._previous_glyph, f"{PREVIOUS}: {said}, not drawn", "prev"))
        elif old:
            label = self._previous_label.strip()
            if label.startswith(PREVIOUS):
                label = label[len(PREVIOUS) :].lstrip(" :")
            if self._previous_same:  # what was changed matters less than that nothing moved
                label = "the same curve"
            elif self._previous_under:  # 6.6 at 5 iterations after 60: named, and nowhere to be seen
                label = f"{label}, the same so far" if label else "the same so far"
            elif self._previous_cut is not None:
                first = f"its first {self._previous_cut:g} {self._steps}"
                label = f"{label} ({first})" if label else first
            # its later curves keep their glyphs in grey: the legend shows them too (7.3's previous
            # accuracy and p_true were two grey curves under one "⠒⠒ previous run")
            marks = "".join(
                dict.fromkeys(layer.marker for layer in old[1:] if layer.marker not in ("braille", PREVIOUS_MARKER))
            )
            # Before the notes: 5.4's three series and "0 from step 10: below any log scale" filled the
            # line, and grey curves climbing to 1e+9 were read as this run's (trial F)
            entries.insert(drawn_at, (self._previous_glyph + marks, PREVIOUS + (f": {label}" if label else ""), "prev"))
        if self.chart.x and self.chart.x != "x":  # "x: x" (6.7) says nothing
            entries.append(("x:", self.chart.x, ""))
        return entries

    def _axes(
        self, now: list[Layer], old: list[Layer], rows: int, cols: int, last_x: float | None = None
    ) -> tuple[Axis, Axis]:
        """The x and y axes; the y axis's ticks fall evenly down the `rows` of the plot (even_y_axis)."""
        xs = [x for layer in now + old for x, _ in layer.points]
        if xs and self._at is not None:
            xs.append(self._at)  # the marked value in view, wherever the sweep is
        if xs and last_x is not None:  # the steps a log chart could not draw still count on the x axis
            xs.append(last_x)
        ys = [y for layer in now + old for _, y in layer.points]
        if ys and self._goal is not None and not self.chart.log:
            ys.append(self._goal)  # the goal in view, however far the curve is from it
        if ys and self.chart.y_range:
            ys.extend(self.chart.y_range)  # at least the chart's range: an accuracy stays on 0..1
        y_count = max(2, min(6, (rows - 1) // 2 + 1))  # a label every other row at most
        x_count = max(2, cols // 9)
        if not xs:
            return step_axis(0, 1, x_count), linear_axis(0.0, 1.0, y_count)
        if self.chart.x:  # the run's own range: 7.1's images 1000..1099 were drawn on a 0..1500 axis
            # Counted values get whole ticks (5.1's i, 6.4's repeat: no 0.5), and a first one alone
            # the next count beside it (6.4's repeat 0 sat on a -1..1 axis: negative repeats).
            whole = all(float(x).is_integer() for x in xs)
            high = max(xs) if max(xs) > min(xs) or not whole else min(xs) + 1
            # Tight to the values once the run is over (6.7's -12..12 sat on -20..20); while it runs,
            # nice ends, so that each new value does not move the axis and redraw the whole chart
            # (7.1's gallery lab sent twice the bytes at 80x24).
            make_x = tight_axis if self._ended else linear_axis
            x_axis = make_x(min(xs), high, x_count, integer=whole)
        else:
            x_axis = step_axis(min(xs), max(xs), x_count, self._planned)
        make = log_axis if self.chart.log else linear_axis
        low, high = min(ys), max(ys)
        if rows <= FEW_ROWS and not self.chart.log and high > low:
            return x_axis, ends_axis(low, high)
        return x_axis, even_y_axis(lambda count: make(low, high, count), rows, y_count, low, high)

    def _picture(self) -> list[Row]:
        width, height = self.size
        if width <= 0 or height <= 0:
            return []
        now, old = self._layers()
        # The same curve as before (4.1's sweep does not depend on the weight): said, or the legend
        # named a previous run nobody could see, drawn exactly under this one. Asked of the whole
        # previous run: 6.6 at 5 iterations after 60 was "the same curve", its first 5 steps.
        self._previous_same = bool(old) and [layer.points for layer in old] == [layer.points for layer in now]
        if self._planned is not None and not self.chart.x:
            # A longer previous run is cut at this run's end: 7.5 at 5 epochs after 100 kept the
            # axis at 1..100, the new run a few columns under the old curve.
            end = max([float(self._planned), *(x for layer in now for x, _ in layer.points)])
            cut = any(x > end for layer in old for x, _ in layer.points)
            old = [Layer([p for p in layer.points if p[0] <= end], layer.marker, layer.key) for layer in old]
            old = [layer for layer in old if layer.points]
            # said in the legend: 4.5's "previous run: alpha 10, iterations 100" drew 20 of its 100
            # steps, up to 1e+60, and it reached 1.86e+307 (a trial read it as the whole run)
            self._previous_cut = end if cut else None
        else:
            self._previous_cut = None
        # all of the previous run that is drawn lies under this one
        self._previous_under = bool(old) and [layer.points for layer in old] == [layer.points for layer in now]
        if not now and not old:  # no axes before there is data: an empty 0..1 axis would be a guess
            rows: list[Row] = [()] * height
            if self._zero_from() is not None:
                say = "0 at every step: below any log scale"
            elif self._nan_from() is not None:
                say = "nan or inf at every step: nothing to draw"
            elif self._ended:  # a name the lesson's code never records (a typo: check names it too)
                say = f"this run recorded no {', '.join(self.chart.series)}"
            elif any(name in self._current for name in self.chart.series):
                say = "no value yet"  # a run that has not recorded it yet (6.4's error comes at step 3)
            else:
                say = "no run yet"
            rows[height // 2] = ((say[:width].center(width).rstrip(), "prev"),)
            return rows
        if width < COMPACT_WIDTH or height < COMPACT_HEIGHT:
            return self._compact(width, height)
        ys_now, ys_old = ([y for layer in layers for _, y in layer.points] for layers in (now, old))
        if ys_now and self._goal is not None and not self.chart.log:
            # the goal is on the axis anyway (_axes): 4.3's slow run after a fast one left the run its
            # try-this compares with out as "wider range", though both lay between the start and the goal
            ys_now.append(self._goal)
        if ys_now and self.chart.y_range:
            # the range is on the axis anyway: 6.4's seed-1 run (1.0 to 1.043) beside seed 0 was
            # "wider range, not drawn" on an axis that ran 0..1 already
            ys_now.extend(self.chart.y_range)
        fits = previous_fits(ys_now, ys_old, self.chart.log)  # a log chart's points are decades
        self._previous_elsewhere = False
        if self.chart.x:  # against a value, the previous run may lie elsewhere on x too (7.1's first
            # image 1000 after 0: both runs were thin stripes at the two ends of a 0..1100 axis)
            xs_now, xs_old = ([x for layer in layers for x, _ in layer.points] for layers in (now, old))
            self._previous_elsewhere = not previous_overlaps(xs_now, xs_old)
            fits = fits and not self._previous_elsewhere
        fits = fits or self._in_range(old)  # in the range, any run is in scale
        self.previous_off_scale = not fits
        self._previous_far = previous_ran_away(ys_now, ys_old, self.chart.log)
        self._previous_side = previous_side(ys_now, ys_old)
        if not fits:
            old = []
        zero_from, nan_from = self._zero_from(), self._nan_from()
        legend = self._legend(now, old, zero_from, nan_from, height - 3)
        rows = []
        if legend and height >= COMPACT_HEIGHT:
            rows.extend(legend_rows(legend, width, 2 if height >= TWO_LINE_LEGEND else 1))
            if old and not any(PREVIOUS in text or PREVIOUS_SHORT in text for row in rows for text, _ in row):
                old = []  # no room to name it: grey curves nobody can tell from this run's are not drawn
        plot_rows = height - len(rows)
        last_x = None
        if (zero_from is not None or nan_from is not None) and not self.chart.x:  # against a value, steps are no x
            last_x = max(x for name in self.chart.series for x in self._current.get(name, Series()).xs)
        # the plot's own rows: under them, the x axis and its labels
        x_axis, y_axis = self._axes(now, old, plot_rows - 2, width - 8, last_x)
        goal = self._goal if not self.chart.log else None
        drawn = draw_layers(
            self.plt, old + now, x_axis, y_axis, width, plot_rows, goal=goal, at=self._at, points=self.chart.points
        )
        if self.chart.points and not self.chart.log and sum(len(layer.points) for layer in now) <= LABELLED_POINTS:
            drawn = label_points(drawn, now, x_axis, y_axis)
        return rows + drawn

    def _compact(self, width: int, height: int) -> list[Row]:
        """A chart too small for axes: each series' latest value and a sparkline of its run."""
        self.previous_off_scale = False
        entries = []
        for i, name in enumerate(self.chart.series):
            marker = MARKERS[i % len(MARKERS)]
            points = self._points(self._current, name)
            raw = self._current.get(name)
            latest = f"{raw.ys[-1]:.3g}" if raw is not None and raw.ys else "-"
            entries.append(
                (LEGEND_GLYPH.get(marker, marker), name, f"s{i % len(COLORS)}", [y for _, y in points], latest)
            )
        return compact(width, height, entries)

    def _redraw(self) -> None:
        try:
            rows = self._picture()
        except Exception as exc:  # numbers plotext cannot place (a diverged run): say so, never crash
            rows = [()] * self.size.height
            if rows:
                rows[0] = ((f"cannot draw these values: {type(exc).__name__}"[: self.size.width], "prev"),)
        if self.size != self._drawn_size or len(rows) != len(self.rows):
            self.rows, self._strips, self._drawn_size = rows, {}, self.size
            self.repaints += len(rows)
            self.refresh()
            return
        for y, (old, new) in enumerate(zip(self.rows, rows, strict=False)):
            if old != new:
                self._strips.pop(y, None)
                self.repaints += 1
                self.refresh(Region(0, y, self.size.width, 1))
        self.rows = rows

    def on_unmount(self) -> None:
        # PlotextPlot subscribes in on_mount and never unsubscribes: the app's signal would keep
        # this chart (and its lesson screen's data) alive for the rest of the session.
        self.app.theme_changed_signal.unsubscribe(self)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips = {}  # the rows are drawn on the widget's own colours, which just changed
        light = not self.app.current_theme.dark
        self._recolour = ON_LIGHT if light else ON_GREY if self.app.no_color else None

    def render_line(self, y: int) -> Strip:
        strip = self._strips.get(y)
        if strip is None:
            base = self.rich_style
            row = self.rows[y] if y < len(self.rows) else ()
            segments = [
                Segment(text, base + (STYLES.get(style, Style()) if isinstance(style, str) else style))
                for text, style in row
            ]
            if self._recolour is not None:
                table = self._recolour
                segments = [Segment(text, on_light(style, table) if style else style) for text, style, _ in segments]
            strip = Strip(segments).adjust_cell_length(self.size.width, base)
            self._strips[y] = strip
        return strip

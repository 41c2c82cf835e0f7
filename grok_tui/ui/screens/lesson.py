"""The lesson screen: read the code, run it live, change its parameters, watch the numbers move.

Runs happen on the runner's daemon thread. Its listener (a RunFeed) only records; this screen polls
the feed on a timer at REDRAW_HZ and redraws when something changed, so a loop doing thousands of
steps a second costs the terminal at most REDRAW_HZ frames a second. Nothing here waits on the worker.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.lesson.model import Lesson
from grok_tui.lesson.params import nudge
from grok_tui.ui import speed as ladder
from grok_tui.ui.lesson_exercise import exercise_notes, open_exercise
from grok_tui.ui.lesson_panels import LessonPanels
from grok_tui.ui.output_pacing import paced, slowdown
from grok_tui.ui.run_feed import FeedView, RunFeed, Series
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.document import LessonDocument, try_this_text
from grok_tui.ui.widgets.panes import OutputPane, SidePane
from grok_tui.ui.widgets.params import ParamsView
from grok_tui.ui.widgets.status import StatusLine
from grok_tui.ui.widgets.values import ValuesTable

REDRAW_HZ = 10
"""Redraws per second of the values and status while a run changes."""
CHART_HZ = 5
"""Redraws per second of the charts: they are the largest area on screen, so most of the bytes sent
over SSH while a lesson plays (bench/bandwidth.py); 5 a second still reads as motion."""

RESTART_DELAY = 0.3
"""Seconds after the last +/- before the lesson re-runs with the new value."""
KEEP_AFTER_STEPS = 3
"""A run stopped before this many steps does not replace the previous (dimmed) curve."""


class LessonScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "toggle_run", "run/pause", id="lesson.run"),
        Binding("s", "step", "step", id="lesson.step"),
        Binding("r", "reset", "reset", id="lesson.reset"),
        Binding("tab,right_square_bracket", "select(1)", "param", key_display="[]", show=False, id="lesson.next_param"),
        Binding("shift+tab,left_square_bracket", "select(-1)", "param", show=False, id="lesson.prev_param"),
        Binding("plus,equals_sign", "change(1)", "change", key_display="+-", show=False, id="lesson.increase"),
        Binding("minus,underscore", "change(-1)", "less", key_display="-", show=False, id="lesson.decrease"),
        Binding("less_than_sign", "speed(-1)", "slower", key_display="<", show=False, id="lesson.slower"),
        Binding("greater_than_sign", "speed(1)", "faster", key_display=">", show=False, id="lesson.faster"),
        Binding("n", "app.next_lesson(1)", "lesson", key_display="n/p", id="lesson.next"),
        Binding("p", "app.next_lesson(-1)", "previous lesson", show=False, id="lesson.prev"),
        Binding("e", "exercise", "exercise", show=False, id="lesson.exercise"),
        Binding("c,escape", "back", "contents", show=False, id="lesson.contents"),
        Binding("f", "focus_next_pane", "focus", show=False, id="lesson.focus"),
        Binding("F", "focus_next_pane(-1)", "focus back", show=False, id="lesson.focus_back"),
        Binding("z", "zoom", "zoom", show=False, id="lesson.zoom"),
        Binding("o", "zoom_output", "output", show=False, id="lesson.output"),
        Binding("v", "toggle_checks", "checks", show=False, id="lesson.checks"),
        Binding("f1,question_mark", "app.help", "help", key_display="?", id="lesson.help"),
        Binding("q", "app.quit", "quit", id="lesson.quit"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide"), (150, "-xwide")]

    def __init__(self, lesson: Lesson, values: dict, speed: float) -> None:
        super().__init__()
        self.lesson = lesson
        self.values = values
        """Current parameter values; shared with the app so they survive leaving the lesson."""
        self.selected = 0
        self.speed = speed
        self.run: LessonRun | None = None
        self.feed: RunFeed | None = None
        self.previous: dict[str, Series] = {}
        self._drawn = -1
        self._charts_drawn_at = 0.0
        self._charts_behind: FeedView | None = None
        self._done_handled = False
        self._restart_timer: Timer | None = None
        self._restart_paused = False
        self._chart_series = tuple(dict.fromkeys(n for c in lesson.charts for n in c.series))
        self.panels = LessonPanels(lesson)

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lesson = self.lesson
        title = Text.assemble((f" {lesson.id} ", "reverse bold"), f" {lesson.title}",
                              (f"   chapter {lesson.chapter}: {lesson.chapter_title}", "dim"))
        yield Static(title, id="lesson-title")
        # One grid, two arrangements (grok.tcss): narrow = code full width above values | charts;
        # wide = code on the left, values and charts on the right. Same widgets, same order.
        with Grid(id="body"):
            doc = LessonDocument(lesson, self.values, exercise_notes(lesson, self.app.progress), id="doc")  # type: ignore[attr-defined]
            doc.border_title = "lesson · ↑↓ pgup pgdn scroll · z zoom"
            yield doc
            with SidePane(id="side"):
                yield ValuesTable(id="values")
                yield ParamsView(id="params")
                with OutputPane(id="output-box", can_focus=False) as box:
                    box.border_title = "output · o zoom"
                    yield Static(id="output")
                if lesson.try_this:
                    tips = Static(try_this_text(lesson.try_this), id="try-this")
                    tips.border_title = "try this"
                    yield tips
            with Horizontal(id="charts"):
                for i, chart in enumerate(lesson.charts):
                    yield ChartView(chart, id=f"chart-{i}")
                yield from self.panels.compose()
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        if not self.query("#charts"):  # already being removed (n pressed again while it mounted)
            return
        self.query_one("#charts").display = bool(self.lesson.charts or self.lesson.panels)
        self.query_one("#output-box").display = False
        self._show_params()
        self._draw_idle()
        self.query_one(LessonDocument).focus()
        self.set_interval(1 / REDRAW_HZ, paced(self._tick, 1 / REDRAW_HZ))
        self.panels.report_problems(self.app)
        self.panels.show_first()
        if self.size.height < 32:  # small terminal: the code matters more than the first paragraphs
            self.call_after_refresh(self._scroll_to_code)

    def _scroll_to_code(self) -> None:
        doc = self.query_one(LessonDocument)
        first = doc.first_code()
        if first is not None:
            doc.scroll_to_widget(first, animate=False, top=True)

    def on_unmount(self) -> None:
        self.stop_run()

    # -- runs ---------------------------------------------------------------------------------------
    @property
    def run_state(self) -> RunState:
        return self.feed.state if self.feed is not None else RunState.READY

    @property
    def step_count(self) -> int:
        return self.feed.step if self.feed is not None else 0

    def stop_run(self) -> None:
        """Cancel the worker (it stops at its next step) without waiting for it."""
        if self.run is not None and not self.run.state.done:
            self.run.cancel()

    def _keep_as_previous(self, always: bool = False) -> None:
        """The outgoing run becomes the dimmed comparison curve, unless it barely began (pressing
        `-` twice quickly must not replace the interesting curve with a one-step stub)."""
        feed = self.feed
        if feed is not None and feed.step and (always or feed.state.done or feed.step >= KEEP_AFTER_STEPS):
            self.previous = feed.view().series

    def _cancel_restart(self) -> None:
        if self._restart_timer is not None:
            self._restart_timer.stop()
            self._restart_timer = None

    def start_run(self, *, paused: bool = False) -> None:
        self._cancel_restart()
        self.stop_run()
        self._keep_as_previous()
        self.feed = RunFeed(self._chart_series)
        self.run = LessonRun(self.lesson, self.values, listener=self.feed, speed=self.speed,
                             exercise_code=self.app.progress.passed_code(self.lesson.id))  # type: ignore[attr-defined]
        self._done_handled = False
        self._drawn = -1
        self.query_one(LessonDocument).mark_line(None)
        self.panels.call("on_run_started")
        self.run.start(paused=paused)
        self._tick()

    def action_toggle_run(self) -> None:
        run = self.run
        if run is None or self.run_state.done:
            self.start_run()
        elif run.paused:
            run.resume()
        else:
            run.pause()

    def action_step(self) -> None:
        if self.run is None or self.run_state.done:
            self.start_run(paused=True)
        else:
            self.run.step_once()

    def action_reset(self) -> None:
        self._cancel_restart()
        self.stop_run()
        self._keep_as_previous(always=True)
        self.run, self.feed = None, None
        self._draw_idle()

    def action_speed(self, direction: int) -> None:
        self.speed = ladder.faster(self.speed) if direction > 0 else ladder.slower(self.speed)
        self.app.lesson_speeds[self.lesson.id] = self.speed  # type: ignore[attr-defined]
        if self.run is not None:
            self.run.set_speed(self.speed)
        self._draw_status()

    # -- parameters -------------------------------------------------------------------------------
    def action_select(self, direction: int) -> None:
        if self.lesson.params:
            self.selected = (self.selected + direction) % len(self.lesson.params)
            self._show_params()

    def action_change(self, direction: int) -> None:
        if not self.lesson.params:
            self.notify("this lesson has no parameters", timeout=3, markup=False)
            return
        param = self.lesson.params[self.selected]
        old = self.values[param.name]
        new = nudge(param, old, direction)
        if new == old:
            self.notify(f"{param.name} is already at its {'maximum' if direction > 0 else 'minimum'}", timeout=3, markup=False)
            return
        self.values[param.name] = new
        self._show_params()
        # The same seed, the new value: the dimmed curve is the run before the change. A learner
        # who was stepping keeps stepping (the new run waits after its first step).
        stepping = self.run is not None and not self.run_state.done and self.run.paused
        self._schedule_restart(stepping or (self._restart_timer is not None and self._restart_paused))

    def _schedule_restart(self, paused: bool) -> None:
        """Stop now, start again once the keys rest: holding + must not start a run per repeat
        (a run only notices a cancel at its next step, after e.g. loading its data)."""
        self.stop_run()
        self._keep_as_previous()
        self.run, self.feed = None, None
        self._restart_paused = paused
        self._cancel_restart()
        self._restart_timer = self.set_timer(RESTART_DELAY, self._restart)
        self._draw_status()

    def _restart(self) -> None:
        self._restart_timer = None
        self.start_run(paused=self._restart_paused)

    def _show_params(self) -> None:
        self.query_one(ParamsView).show_params(self.lesson.params, self.values, self.selected)
        if self.lesson.params:
            param = self.lesson.params[self.selected]
            self.query_one(LessonDocument).show_values(self.values, param.name, param.help)

    def selected_help(self) -> str:
        if not self.lesson.params:
            return ""
        param = self.lesson.params[self.selected]
        return f"{param.name}: {param.help}" if param.help else param.name

    # -- exercises ----------------------------------------------------------------------------------
    def action_exercise(self) -> None:
        open_exercise(self)

    def exercise_done(self, passed: bool | None) -> None:
        """Back from the exercise screen: update the notes; a pass re-runs with the learner's code."""
        self.query_one(LessonDocument).set_exercise_notes(exercise_notes(self.lesson, self.app.progress))  # type: ignore[attr-defined]
        if passed:
            self.notify("passed: the lesson now runs your code", timeout=4, markup=False)
            self.start_run()

    def action_back(self) -> None:
        """escape un-zooms a maximized panel first; otherwise back to the contents."""
        if self.maximized is not None:
            self.minimize()
        else:
            self.app.action_contents()  # type: ignore[attr-defined]

    def action_toggle_checks(self) -> None:
        """v: show the hidden check cells (the asserts that pin the book's numbers), or hide them."""
        doc = self.query_one(LessonDocument)
        checks = list(doc.query(".-check"))
        if not checks:
            self.notify("this lesson has no check cells", timeout=3, markup=False)
            return
        doc.toggle_class("-show-checks")
        if doc.has_class("-show-checks"):
            self.call_after_refresh(doc.scroll_to_widget, checks[0], animate=False, top=True)

    def action_zoom(self) -> None:
        """z: the focused pane fills the screen (z or escape again to go back)."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_zoom_output(self) -> None:
        box = self.query_one(OutputPane)
        if self.maximized is box:
            self.minimize()
        elif box.display:
            self.maximize(box, container=False)
        else:
            self.notify("nothing printed yet: run the lesson (space)", timeout=3, markup=False)

    def action_focus_next_pane(self, direction: int = 1) -> None:
        """Cycle focus: lesson text, values, then each lesson panel (showing the one focused)."""
        panes = [self.query_one(LessonDocument), self.query_one("#side")]
        panes += [w for w in self.panels.widgets if w.focusable]
        current = next((i for i, w in enumerate(panes) if self.focused is not None
                        and (self.focused is w or w in self.focused.ancestors)), 0)
        target = panes[(current + direction) % len(panes)]
        if target in self.panels.widgets:
            self.panels.show(target)
        target.focus()

    # -- drawing ------------------------------------------------------------------------------------
    def _tick(self) -> None:
        feed = self.feed
        if feed is None:
            return
        if feed.version != self._drawn:
            view = feed.view()
            self._drawn = view.version
            self._draw(view)
        elif self._charts_behind is not None:
            self._draw_charts(self._charts_behind)

    def _draw_charts(self, view: FeedView) -> None:
        """Draw the charts unless they were drawn less than 1/CHART_HZ ago (then they are marked behind)."""
        now = time.monotonic()
        if not view.state.done and now - self._charts_drawn_at < slowdown() / CHART_HZ:
            self._charts_behind = view
            return
        self._charts_behind = None
        self._charts_drawn_at = now
        for chart in self.query(ChartView):
            chart.show_series(view.series, self.previous)

    def _draw(self, view: FeedView) -> None:
        self._draw_charts(view)
        values = dict(view.latest)
        run = self.run
        if view.state.done and run is not None:
            values.update(run.final_values())
        self.query_one(ValuesTable).show_values(values, self.lesson.show, "starting...")
        self._draw_status(view)
        self._draw_output(view)
        if view.latest:
            self.panels.call("on_run_step", view.latest)
        if view.state.done and not self._done_handled and run is not None:
            self._done_handled = True
            if run.failure is not None and run.failure.path == self.lesson.path:
                self.query_one(LessonDocument).mark_line(run.failure.line)
            if view.state is RunState.FINISHED:
                self.app.progress.finish_lesson(self.lesson.id)  # type: ignore[attr-defined]
                self.panels.call("on_run_finished", run.namespace)

    def _draw_idle(self) -> None:
        self._charts_behind = None
        self.query_one(LessonDocument).mark_line(None)
        for chart in self.query(ChartView):
            chart.show_series({}, self.previous)
        self.query_one(ValuesTable).show_values({}, (), "press space to run, s to step")
        self._draw_status()
        self.query_one("#output-box").display = False

    def _draw_status(self, view: FeedView | None = None) -> None:
        if view is None and self.feed is not None:
            view = self.feed.view()
        status = self.query_one(StatusLine)
        if view is None:
            status.show_status(RunState.READY, 0, self.speed)
            return
        detail = view.detail
        failure = self.run.failure if self.run is not None else None
        if view.state is RunState.FAILED and failure is not None:
            detail = f"{failure.path.name}:{failure.line}: {failure.kind}: {failure.message}"
        status.show_status(view.state, view.step, self.speed, detail)

    def _draw_output(self, view: FeedView) -> None:
        text = Text(view.output.rstrip("\n"))
        if view.state is RunState.FAILED:
            text.append(("\n" if view.output else "") + view.detail, style="bold red")
        box = self.query_one(OutputPane)
        box.display = bool(text.plain)
        if text.plain:
            self.query_one("#output", Static).update(text)
            box.scroll_end(animate=False)

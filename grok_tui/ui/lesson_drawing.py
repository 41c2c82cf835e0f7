"""The lesson screen's drawing: on each tick, what changed in the session's feed reaches the values,
the charts, the panels, the status line and the live strip, each at its own rate (grok_tui/ui/redraw.py).

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py): the screen sets up what the class body
declares and starts the tick timer; the drawing's own state is made by `_init_drawing`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from grok_tui.course_marks import exercises_to_do
from grok_tui.engine.feed import FeedView
from grok_tui.engine.run_advice import run_advice
from grok_tui.engine.run_reading import at_chance, says_at_chance, says_stuck, worst_growth
from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.engine.values import same_value
from grok_tui.lesson.params import fmt
from grok_tui.ui.breakpoints import is_wide
from grok_tui.ui.redraw import CHART_HZ, VALUES_HZ, Pace, charts_due, slowdown
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.live_strip import LiveStrip
from grok_tui.ui.widgets.params import ParamsView
from grok_tui.ui.widgets.status import StatusLine, run_speed_text, speed_text
from grok_tui.ui.widgets.values import ValuesTable

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    from grok_tui.engine.session import LessonSession
    from grok_tui.lesson.model import Lesson
    from grok_tui.ui.lesson_panels import LessonPanels
    from grok_tui.ui.widgets.chart import ChartView

    _Screen = Screen[None]
else:
    _Screen = object


ESCAPE_AGAIN = "escape again: stop, to the contents"
"""Said for LessonScreen's LEAVE_AGAIN seconds after a first escape during a run."""
OUT_OF_VIEW = "w shows the code running"
"""Said once a session (LessonDrawing._tell_where_running); `w` and `l` take it back, and so does
the run's end or reset (no code runs then)."""
OUT_OF_VIEW_SECONDS = 6.0
"""(Both in the status line, for a while: as notices they covered the strip's values at 80x24, for
the seconds a learner watched them most, the first run of a session.)"""


class LessonDrawing(_Screen):
    # What the drawing reads of LessonScreen, which sets it up.
    session: LessonSession
    lesson: Lesson
    panels: LessonPanels
    position: tuple[int, int]
    _restart_timer: Timer | None
    _after_lab: Callable[[], None] | None
    _ended: LessonRun | None
    _speed_until: float
    _status_note: tuple[str, float] | None
    """A passing note in the status line, and until when (time.monotonic): say_for_a_while."""
    ready_note: str = ""
    """Said in the status line while the lesson waits, ready (after a passed exercise); a run clears it."""
    _quiz_read_for: LessonRun | None = None
    _quiz_open = False
    """Whether the chapter's quiz waits, read from the answers once for the run `_quiz_read_for`."""

    if TYPE_CHECKING:

        @property
        def lab(self) -> bool: ...
        def _charts(self) -> list[ChartView]: ...
        def _run_ended(self, run: LessonRun) -> None: ...
        def _redraw_status(self) -> None: ...
        def taken_keys(self) -> frozenset[str]: ...  # LessonFocus'

    def _init_drawing(self) -> None:
        """The drawing's own state: the feed version last drawn (-1 none, -2 the idle screen), each
        part's pace, and the view a part skipped because its pace was not due (drawn on a later tick)."""
        self._drawn = -1
        self._fed: FeedView | None = None
        """The view whose latest step the panels heard last."""
        self._state_told: RunState | None = None
        """The run state the panels heard last."""
        self._values_pace = Pace(VALUES_HZ)
        self._chart_pace = Pace(CHART_HZ)
        self._charts_behind: FeedView | None = None
        self._values_behind: FeedView | None = None
        self._stalled_shown = 0
        """The seconds without a new step the status line says (0: none)."""
        self._running_line: int | None = None
        """The line of the cell marked as running (None: none is)."""

    def _tick(self) -> None:
        if self._speed_until and time.monotonic() >= self._speed_until:
            self._speed_until = 0.0
            self._redraw_status()
        if self._status_note is not None and time.monotonic() >= self._status_note[1]:
            self._status_note = None
            self._redraw_status()
        stalled = int(self.session.stalled_for())
        if stalled != self._stalled_shown:  # once a second while no step comes (nothing changes else)
            self._stalled_shown = stalled
            self._redraw_status()
        view = self.session.poll()  # the poll that reports a run's end holds its last step
        if view is not None:
            self._draw_due(view)  # a finished run's last values are drawn at once (force=done)
        # The end after the run's last values: a panel loads what the run left over its last step
        # (7.1's gallery, fed its last image after loading all 1797, could no longer be browsed).
        ended = self.session.ended_run
        if ended is not None and self._ended is not ended:
            self._run_ended(ended)
        if view is None and self._restart_timer is None and self.session.pending is None and self._drawn != -2:
            self._drawn = -2
            self._draw_idle()

    def _draw_due(self, view: FeedView) -> None:
        """Draw what changed in `view`, each part at its pace (a part not due is drawn on a later tick)."""
        factor = slowdown(self.app)
        changed = view.version != self._drawn
        if changed:
            self._drawn = view.version
        if changed or self._values_behind is not None:
            if self._values_pace.due(factor, force=view.state.done):
                self._values_behind = None
                self._draw_values(view)
            else:
                self._values_behind = view
        if changed or self._charts_behind is not None:
            if charts_due(self._chart_pace, factor, final=view.state.done):
                self._charts_behind = None
                self._draw_charts(view)
            else:
                self._charts_behind = view

    def _draw_all(self) -> None:
        view = self.session.poll()
        if view is None:
            self._drawn = -2
            self._draw_idle()
        else:
            self._draw_values(view)
            self._draw_charts(view)

    def _draw_charts(self, view: FeedView | None) -> None:
        series = view.series if view is not None else {}
        run = self.session.run
        if self.lesson.prints_only:  # only 3.8: the query walks the screen
            from grok_tui.ui.widgets.printout import PrintoutView

            failure = str(run.failure) if view is not None and run is not None and run.failure is not None else ""
            for printout in self.query(PrintoutView):
                printout.show(view, failure)
        values = run.values if run is not None else self.session.params  # a goal line is the run's
        # The step axis ends at the run's last step: planned while it goes (the curve grows into a
        # fixed axis), the one it reached if it ended early (325 of 2000 filled a quarter of it).
        planned = view.step if view is not None and view.state.ended_early else self.session.total
        for chart in self._charts():
            if not chart.display and not self.lab and not is_wide(self):
                continue  # the reading view at 80 columns hides the charts: draw them when shown
            ended = view is not None and view.state.done
            chart.show_series(series, self.session.previous, self.session.previous_label, values, planned, ended)

    def _draw_values(self, view: FeedView) -> None:
        session = self.session
        values = session.shown_values(view)
        self.query_one(ValuesTable).show_values(values, self.lesson.show, "starting...")
        self.query_one(LessonDocument).printouts.show(view.printed, session.run)
        if view.latest and view is not self._fed:  # a step, once: a redraw (l, a resize) is no new step
            heard = self._fed.step if self._fed is not None else 0  # None: a run started since
            self._fed = view
            if view.step != heard:  # an output or a state change is no new step for the panels
                self.panels.run_stepped(view.recorded_after(heard))
        if view.state is not self._state_told:
            self._state_told = view.state
            self.panels.run_state_changed(view.state.value)
        self._draw_status(view)
        self._draw_strip(view, values)
        self._draw_moved(view)
        self._draw_running(view)

    def _draw_running(self, view: FeedView | None) -> None:
        """Mark the cell the run is in, while it goes: reading at 80x24, a learner could not tell
        which cell ran, nor find it (`w` goes there)."""
        run = self.session.run
        line = run.cell_line if view is not None and run is not None and not view.state.done else None
        if line != self._running_line:
            self._running_line = line
            self.query_one(LessonDocument).show_running(line or None)
            if line and not self.lab:
                self.call_after_refresh(self._tell_where_running, line)
            elif not line:  # reset, or ended: "w shows the code running" stayed its 6 s over "ready"
                self.take_back_note(OUT_OF_VIEW)

    def _tell_where_running(self, line: int) -> None:
        """Once a session, when the run goes on in a cell out of view of the text: where `w` goes.
        A learner stepping 3.4 from halfway down its text saw only the strip change, and `w` was
        in the help alone."""
        doc = self.query_one(LessonDocument)
        cell = doc.cell_at(line)
        if self.lab or getattr(self.app, "told_where_running", True) or cell is None or line != self._running_line:
            return
        if self.app.screen is not self:  # a question on top (5.1): said over it, w could not act
            return
        if self._status_note is not None or self.session.state.done:  # escape's question first; no run
            return
        if not cell.region.overlaps(doc.content_region):
            self.app.told_where_running = True  # type: ignore[attr-defined]
            self.say_for_a_while(OUT_OF_VIEW, OUT_OF_VIEW_SECONDS)

    def say_for_a_while(self, note: str, seconds: float) -> None:
        """`note` in the status line, in place of the param and keys, for `seconds`."""
        self._status_note = (note, time.monotonic() + seconds)
        self._redraw_status()

    def take_back_note(self, note: str) -> None:
        """Stop saying `note` (and only it) in the status line."""
        if self._status_note is not None and self._status_note[0] == note:
            self._status_note = None
            self._redraw_status()

    def _moved(self, view: FeedView | None) -> frozenset[str]:
        """The params the run has moved from where they set it (4.4's weight): said `at start`."""
        latest = view.latest if view is not None else {}
        params = self.session.params
        return frozenset(n for n in params if n in latest and not same_value(latest[n], params[n]))

    def _draw_moved(self, view: FeedView | None) -> None:
        """The params pane's `at start` marks (ParamsView.moved)."""
        self.query_one(ParamsView).show_moved(self._moved(view))

    def _draw_idle(self) -> None:
        self._charts_behind = self._values_behind = None
        doc = self.query_one(LessonDocument)
        doc.mark_line(None)
        doc.printouts.show({}, None)
        self._draw_charts(None)
        keys = self.query_one(StatusLine).keys()
        self.query_one(ValuesTable).show_values({}, (), f"press {keys['run']} to run, {keys['step']} to step")
        self._draw_status(None)
        self._draw_strip(None, {})
        self._draw_moved(None)
        self._draw_running(None)

    def _param_text(self, view: FeedView | None = None) -> str:
        """`alpha ◂ 1 ▸` for the status line while no params pane shows (the reading view below
        110 columns): + - and = must never change a value the learner cannot see. A param the run
        moves from where it set it (4.4's weight) is `weight at start ◂ 0 ▸`: beside the strip's
        `weight 0.734`, `weight ◂ 0 ▸` read as if the weight were still 0."""
        param = self.session.selected_param
        if param is None or self.lab or is_wide(self):
            return ""
        at_start = " at start" if param.name in self._moved(view) else ""
        return f"{param.name}{at_start} ◂ {fmt(self.session.params[param.name])} ▸"

    def _draw_status(self, view: FeedView | None) -> None:
        session = self.session
        status = self.query_one(StatusLine)
        param = self._param_text(view)
        waiting = session.pending is not None or self._after_lab is not None
        if self._restart_timer is not None or (view is None and waiting):
            status.show_status(
                RunState.READY,
                0,
                session.total,
                f"speed {speed_text(session.speed)}",
                note="re-running..." if session.pending is not None else "starting...",
                param=param,
                taken=self.taken_keys(),
            )
            return
        if view is None:
            speed = f"speed {speed_text(session.speed)}"
            passing = self._status_note[0] if self._status_note is not None else ""
            # a note takes the param's room: beside it, "space run" did not fit at 80 columns
            note = passing or self.ready_note
            status.show_status(
                RunState.READY, 0, session.total, speed, note=note, param="" if note else param, taken=self.taken_keys()
            )
            return
        speed = run_speed_text(session.speed, session.measured_speed())
        if view.state.done:
            # The run is over: its speed no longer matters, its end does (unless < or > was just pressed).
            speed = f"speed {speed_text(session.speed)}" if self._speed_until else ""
        detail = view.detail
        run = session.run
        if view.state is RunState.FAILED and run is not None and run.failure is not None:
            failure = run.failure
            detail = f"{failure.path.name}:{failure.line}: {failure.kind}: {failure.message}"
        note = session.change if view.state.done and session.change else ""
        # A param changed while the learner stepped: the new run waits after its first step. Two
        # learners read "paused · space resume" as the old run, and waited for a re-run.
        fresh = view.state is RunState.PAUSED and session.rerun and view.step <= 1
        if fresh and session.change:
            note = f"{session.change}: new run"
        selected = session.selected_param
        if note and param and selected is not None and selected.name not in session.changed_names:
            note = ""  # [ or ] chose another param since: which one must show, or + changes it unseen
        if view.state is RunState.RUNNING and run is not None and run.paused:
            # Paused (space, ctrl+c) before the process got to the end of a step: 7.4's first
            # epoch takes a second, and the notice said "Paused" beside "running step 0/10".
            note, param = "pausing after this step...", ""
        if view.state is RunState.PAUSED and (due := self.panels.question_due()) is not None:
            # a reading key in the question box (read first), or a stepping learner: space or s asks it
            note, param = f"a question waits before step {due}", ""
        if self._status_note is not None:
            note, param = self._status_note[0], ""
        last = self.position[0] == self.position[1] > 0
        grew = ("", "")
        if view.state is RunState.FINISHED and session.watch_growth:
            grew = worst_growth(session.error_names, view.series, session.x_of)
            if not grew[0]:  # the loss fell, yet it learned nothing: 7.5 at alpha 10, every unit dead
                grew = at_chance(self.lesson, view.series)
        nan = view.state is RunState.DIVERGED and "became nan" in detail
        ran_with = run.values if run is not None else session.params  # the run on screen's params
        advice = run_advice(self.lesson, ran_with, nan=nan, stuck=says_stuck(grew[0]), chance=says_at_chance(grew[0]))
        status.show_status(
            view.state,
            view.step,
            session.total,
            speed,
            detail,
            note,
            "" if note else param,
            last,
            grew,
            advice,
            stalled=int(session.stalled_for()),
            fresh=fresh,
            quiz=view.state is RunState.FINISHED and self._quiz_waits(),
            taken=self.taken_keys(),
            exercise=self._exercise_waits() if view.state is RunState.FINISHED else "",
        )

    def _exercise_waits(self) -> str:
        """The lesson's first exercise not passed yet ("" when none): offered after a finished run."""
        progress = getattr(self.app, "progress", None)
        if progress is None:
            return ""
        return next((e.name for e in exercises_to_do(self.lesson, progress)), "")

    def _quiz_waits(self) -> bool:
        """The chapter's quiz is here (its last lesson) and not answered whole and right: read once a
        run. (Once answered whole, wrong or not, F went to the lab's panes: a learner told "take the
        quiz again" typed their answers into a `set` dialog.)"""
        run = self.session.run
        if self._quiz_read_for is not run:
            self._quiz_read_for, self._quiz_open = run, False
            quizzes = getattr(getattr(self.app, "catalog", None), "quizzes", {})
            quiz = quizzes.get(self.lesson.chapter) if "quiz" in self.lesson.panels else None
            root = getattr(getattr(self.app, "progress", None), "root", None)
            if quiz is not None and root is not None:
                from grok_tui.answers import load_answers, quiz_answers

                mine = quiz_answers(load_answers(root), quiz.chapter)
                self._quiz_open = len(mine) < len(quiz.questions) or not all(mine.values())
        return self._quiz_open

    def _draw_strip(self, view: FeedView | None, values: dict) -> None:
        strip = self.query_one(LiveStrip)
        if not strip.display or self.lab:
            return
        session = self.session
        name = session.spark_name
        spark = view.series[name].ys if view is not None and name in view.series else []
        log = any(name in chart.series and chart.log for chart in self.lesson.charts)
        y_range = next((chart.y_range for chart in self.lesson.charts if name in chart.series and chart.y_range), None)
        empty = ""
        if view is None:  # nothing run yet (this runs every tick while a lesson plays: no query then)
            keys = self.query_one(StatusLine).keys()
            empty = f"press {keys['run']} to run · {keys['view']} for the lab view (charts, values, params)"
        shown, order = computed(values, session.params, self.lesson.strip + self.lesson.show, self.lesson.strip)
        strip.show_run(shown, order, name, spark, log, empty, session.total, y_range, self.lesson.strip)


def computed(values: dict, params: dict, show: tuple[str, ...], asked: tuple[str, ...] = ()) -> tuple[dict, list[str]]:
    """What the strip shows, in the order given (the lesson's `strip`, then `show`): the learner set
    the params, so it shows what the run computes; a param the run changes too (4.4's weight, from
    its start) is one of those, and so is a param the lesson's `strip` names (`asked`: 3.1's weight,
    the one value the learner changes, read beside the predictions it makes)."""
    same = {k for k, v in params.items() if k not in values or (k not in asked and same_value(values[k], v))}
    return {k: v for k, v in values.items() if k not in same}, [n for n in dict.fromkeys(show) if n not in same]

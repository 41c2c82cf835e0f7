"""The lesson screen: a view of one LessonSession (grok_tui/engine/session.py).

Two views of the same widgets, switched with `l` (grok_tui/ui/lesson_views.py):
- reading (the default): the lesson's prose and code get the screen; a live strip under them shows
  the run (the few values that matter, a sparkline of the error) and the status line says the step;
- lab: the charts, the values and the params get the screen.

Runs happen on the runner's daemon thread. The session's feed only records; this screen polls the
session on a timer (grok_tui/ui/redraw.py) and redraws a part only when it changed, at that part's
rate times the C4 slowdown factor. Nothing here waits on the worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from grok_tui.engine import lesson_imports
from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.engine.session import LessonSession
from grok_tui.ui.breakpoints import apply_breakpoints, preset_breakpoints
from grok_tui.ui.keys_ahead import release_after_refresh
from grok_tui.ui.lesson_drawing import ESCAPE_AGAIN
from grok_tui.ui.lesson_exercise import exercise_notes, open_exercise, pass_note, unpassed_note
from grok_tui.ui.lesson_focus import LessonFocus
from grok_tui.ui.lesson_lab import LessonLab
from grok_tui.ui.lesson_panels import LessonPanels, lab_imported
from grok_tui.ui.lesson_params import LessonParams
from grok_tui.ui.lesson_runs import LessonRuns
from grok_tui.ui.lesson_size import MIN_SIZE, LessonSize, too_small_text
from grok_tui.ui.lesson_views import LessonViews
from grok_tui.ui.notices import take_back
from grok_tui.ui.redraw import TICK_HZ
from grok_tui.ui.return_notice import ALL_LESSONS
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.footer import KeyFooter
from grok_tui.ui.widgets.live_strip import LiveStrip
from grok_tui.ui.widgets.panes import LessonHeader, SidePane
from grok_tui.ui.widgets.params import ParamsView
from grok_tui.ui.widgets.status import StatusLine
from grok_tui.ui.widgets.try_this import TryThis
from grok_tui.ui.widgets.values import ValuesPane, ValuesTable

if TYPE_CHECKING:
    from grok_tui.ui.widgets.chart import ChartView  # imported with the lab (lesson_panels.import_lab)

PREPARE_DELAY = 2.0
"""Seconds on a lesson before the slow packages its code imports are loaded ahead of its run (a
learner passing through on the way to another lesson does not start a server)."""
READING_SHOWS_LAB = 110
"""From this width (-wide) the reading view shows the charts and panels beside the text: a lesson
opened that wide is shown once its lab is built. Narrower, the lab is hidden until `l`, and the lesson
shows at once: its lab is imported and built after that first frame."""
LOW_UNTIL = 20
"""Below this many rows (-low) the narrow lab gives its values 5 rows, not 8: at 60x18 a panel under
them lost its legend and its bottom edge (4.5's landscape, 6.5's network, 5.3's map)."""


LEAVE_AGAIN = 3.0
"""Seconds within which a second escape leaves a run in progress for the contents."""


class LessonScreen(LessonSize, LessonViews, LessonParams, LessonFocus, LessonLab, LessonRuns, Screen[None]):
    BINDINGS = [
        Binding("space", "toggle_run", "run/pause", id="lesson.run"),
        Binding("s", "step", "step", id="lesson.step"),
        Binding("l", "toggle_view", "lab/text", id="lesson.view"),
        Binding("r", "reset", "reset", show=False, id="lesson.reset"),
        Binding("tab,right_square_bracket", "select(1)", "param", key_display="[]", show=False, id="lesson.next_param"),
        Binding("shift+tab,left_square_bracket", "select(-1)", "param", show=False, id="lesson.prev_param"),
        # ← → too wherever the focused pane has no use for them (a chart, the landscape): the help and
        # the README promise them, and with a chart focused they did nothing (the gallery's own win).
        # In the lab, a panel in view with arrows of its own takes them (LessonFocus.action_arrow).
        Binding("plus", "change(1)", "more", key_display="+", show=False, id="lesson.increase"),
        Binding("minus,underscore", "change(-1)", "less", key_display="-", show=False, id="lesson.decrease"),
        Binding("right", "arrow(1)", "more", key_display="→", show=False, id="lesson.increase_arrow"),
        Binding("left", "arrow(-1)", "less", key_display="←", show=False, id="lesson.decrease_arrow"),
        Binding("equals_sign,enter", "type_param", "type", key_display="=", id="lesson.type"),
        Binding("D", "defaults", "params' defaults", show=False, id="lesson.defaults"),
        Binding("less_than_sign", "speed(-1)", "slower", key_display="<", show=False, id="lesson.slower"),
        Binding("greater_than_sign", "speed(1)", "faster", key_display=">", show=False, id="lesson.faster"),
        Binding("o", "output", "output", id="lesson.output"),
        Binding("n", "app.next_lesson(1)", "next", key_display="n/p", show=False, id="lesson.next"),
        Binding("p", "app.next_lesson(-1)", "previous lesson", show=False, id="lesson.prev"),
        Binding("e", "exercise", "exercise", show=False, id="lesson.exercise"),
        Binding("c", "contents", "contents", show=False, id="lesson.contents"),
        Binding("escape", "back", "back", show=False, id="lesson.back"),
        Binding("f", "focus_next_pane", "focus", show=False, id="lesson.focus"),
        Binding("F", "focus_next_pane(-1)", "focus back", show=False, id="lesson.focus_back"),
        Binding("g", "next_chart", "chart", id="lesson.chart"),
        Binding("z", "zoom", "zoom", show=False, id="lesson.zoom"),
        Binding("v", "toggle_checks", "checks", show=False, id="lesson.checks"),
        Binding("w", "to_running", "where the run is", show=False, id="lesson.to_running"),
        Binding("f1,question_mark", "app.help", "help", key_display="?", id="lesson.help"),
        Binding("q", "app.quit", "quit", id="lesson.quit"),
        # A terminal's reflex for "stop that": pause a playing run (Textual's own ctrl+c, copy the
        # selected text or say how to quit, when nothing plays)
        Binding("ctrl+c", "interrupt", show=False, id="lesson.interrupt"),
    ]
    VERTICAL_BREAKPOINTS = [(0, "-tiny-h"), (MIN_SIZE[1], "-low"), (LOW_UNTIL, "-short"), (32, "-tall")]
    # A zoomed pane (z) keeps the status line under it: zoomed into 7.5's pad while it trained,
    # a learner could not see the epochs go by, nor that the run had ended.
    ALLOW_IN_MAXIMIZED_VIEW = "Footer, #status"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny-w"), (MIN_SIZE[0], "-narrow"), (READING_SHOWS_LAB, "-wide"), (150, "-xwide")]

    def __init__(self, session: LessonSession, position: tuple[int, int] = (0, 0)) -> None:
        super().__init__()
        self._back_asked = -LEAVE_AGAIN
        """When escape last asked to be pressed again before leaving a run in progress."""
        self.session = session
        self.lesson = session.lesson
        self.position = position
        """(index, count) of this lesson in the course, for the header's `lesson 14/30`."""
        self.panels = LessonPanels(self.lesson)
        self._restart_timer: Timer | None = None
        self._init_drawing()
        self._chart_index = 0
        self._ended: LessonRun | None = None
        self._resumed = False
        self._chart_list: list[ChartView] | None = None
        self._speed_until = 0.0
        self._status_note = None
        """Until then (time.monotonic()) the status line names the speed even after the run's end."""
        self._lab_built = False
        """The charts and panels are mounted (at once when their modules were loaded, else later)."""
        self._prepare_at: float | None = None
        """When (time.monotonic()) the lesson's slow imports are loaded ahead of its run; None once done."""
        self._after_lab: Callable[[], None] | None = None
        """The run (or re-run) asked for before the lab was built: its panels must hear it start. One
        slot: a later request replaces an earlier one, so it starts once."""
        self.add_class("-read", update=False)
        preset_breakpoints(self)

    # -- what tests and the app read ----------------------------------------------------------------
    @property
    def params(self) -> dict:
        return self.session.params

    @property
    def run(self) -> LessonRun | None:
        return self.session.run

    @property
    def run_state(self) -> RunState:
        return self.session.state

    @property
    def step_count(self) -> int:
        return self.session.step

    @property
    def speed(self) -> float:
        return self.session.speed

    @property
    def lab(self) -> bool:
        return self.has_class("-lab")

    @property
    def ended(self) -> bool:
        """The current run ended and this screen drew its end (status, marks, panels)."""
        return self.session.run is not None and self._ended is self.session.run

    # -- layout -------------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        lesson = self.lesson
        index, count = self.position
        yield LessonHeader(
            lesson.id, lesson.title, lesson.chapter, lesson.chapter_title, index, count, id="lesson-title"
        )
        # One grid, two views (grok.tcss): reading = the text (and, when wide, the side column and
        # charts beside it); lab = the charts, values and params. Same widgets, same order.
        with Grid(id="body"):
            doc = LessonDocument(
                lesson,
                self.session.params,
                exercise_notes(lesson, self.app.progress),  # type: ignore[attr-defined]
                answered=self.session.questions_met,
                id="doc",
            )
            doc.border_title = "lesson · ↑↓ pgup pgdn · l lab · esc contents"  # the way back, said
            yield doc
            with SidePane(id="side"):
                with ValuesPane(id="values-box") as box:
                    box.border_title = "values"
                    yield ValuesTable(id="values")
                yield ParamsView(id="params")
                if lesson.try_this:
                    yield TryThis(lesson.try_this, id="try-this")
            with Horizontal(id="charts"):
                if lab_imported(lesson):
                    self._lab_built = True
                    yield from self._lab_widgets()
        yield LiveStrip(id="strip")
        yield StatusLine(id="status")
        yield KeyFooter(show_command_palette=False)  # ctrl+p is in the help: 80 columns are for the lesson's keys
        yield Static(too_small_text(*self.app.size), id="too-small")

    def on_predict_panel_questions_met(self) -> None:
        self.query_one(LessonDocument).reveal_answers()

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume comes right after the screen was built and styled: Textual would restyle
        every widget again (a tenth of a lesson's start). Later resumes restyle, as Textual does."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
            return
        # Back from a screen over this one, the chapter quiz maybe: answered whole there, the status
        # line still offered "F chapter quiz" until the next run (the answers are read once a run).
        self._quiz_read_for = None
        self._draw_status(self.session.poll())

    def on_mount(self) -> None:
        try:
            self._setup()
        except NoMatches:  # already being removed (n pressed again while it mounted, or the app quit)
            pass

    def _setup(self) -> None:
        self._show_params()
        doc = self.query_one(LessonDocument)
        doc.focus()
        places = getattr(self.app, "places", None)
        if places is not None:
            place = places.get(self.lesson.id)
            if place is not None and place != (0, 0):  # where the learner was reading, once laid out
                doc.restore(place)
            lesson_id = self.lesson.id
            doc.on_place = lambda place: places.set(lesson_id, place)
        self.set_interval(1 / TICK_HZ, self._every_tick)
        if self._lab_built:
            self._lab_setup()
        else:
            self._mark_focus()
        # After the first frame, on a thread: save the colours of the code it showed, and, if the lab
        # is not built (that frame does not show it), import its modules, then build it here. A run
        # asked for meanwhile starts once it is built.
        tokens = self.query_one(LessonDocument).tokens
        self.call_after_refresh(
            self.run_worker, partial(self._after_first_frame, tokens), group="lab", thread=True, exit_on_error=False
        )
        # Panels hear of a run before its process starts: a listener they add then misses no step.
        self.session.starting = self._run_starting
        if self.session.state is RunState.CANCELLED:  # stopped when the learner left: ready again
            self.session.reset()
        if self.session.pending is not None:  # a param changed, then the learner left and came back
            self._when_lab_built(self.session.restart)
        self._draw_all()
        # Checked on the tick, not a 2 s timer: asyncio keeps a cancelled timer's context (this
        # screen, its widgets) until the time it was due, so a learner paging through lessons left
        # each screen alive 2 s after it was gone.
        self._prepare_at = time.monotonic() + PREPARE_DELAY
        release_after_refresh(self.app)  # space, typed with the enter that opened the lesson, runs it

    def _every_tick(self) -> None:
        self._tick()
        if self._prepare_at is not None and time.monotonic() >= self._prepare_at:
            self._prepare_at = None
            self._prepare_first_run()

    def _prepare_first_run(self) -> None:
        """The learner has been reading: have the slow packages the code imports (scikit-learn for the
        digits) loaded now, so the first run need not import them (~1.5 s of a core)."""
        if self.is_current:
            self.run_worker(
                partial(lesson_imports.prepare, self.lesson), group="prepare", thread=True, exit_on_error=False
            )

    def on_screen_suspend(self) -> None:
        # "... waits: e · escape: all lessons" is said of this screen: it stayed over the editor and
        # the quiz its keys opened, where escape does something else (a trial)
        take_back(self.app, lambda message: message.endswith(ALL_LESSONS))

    def on_unmount(self) -> None:
        self.session.starting = None
        self.stop_run()
        places = getattr(self.app, "places", None)
        if places is not None:  # the place noted as the text scrolled; a small file, off this thread
            threading.Thread(target=places.save, name="reading-places").start()
        self.keep_params()  # the params it was left with, for the next start

    def on_resize(self) -> None:
        apply_breakpoints(self)  # before arranging by them
        self.size_changed()
        self._arrange_charts()
        # The size classes (-narrow, -wide) change with the size: the status line says the selected
        # param only where no params pane shows.
        self.call_after_refresh(self._redraw_status)

    def _redraw_status(self) -> None:
        # A resize shown while a lesson jump closes this screen: its widgets can be gone by now (the
        # status line was, and the tutor stopped on the error).
        if self.is_mounted and self.query(StatusLine):
            self._draw_status(self.session.poll())

    # -- exercises ----------------------------------------------------------------------------------
    def action_exercise(self) -> None:
        open_exercise(self)

    def exercise_done(self, passed: bool | None, name: str = "") -> None:
        """Back from the exercise screen: update the notes; after a pass the lesson waits, ready, for
        the learner's space to run their code. (It started a run by itself, and learners pressing
        space "to run it" paused that run instead: "paused step 1/10".) A run with the old code is
        stopped, and a run not yet over is said to start over; its curve stays dimmed to compare."""
        progress = self.app.progress  # type: ignore[attr-defined]
        self.query_one(LessonDocument).set_exercise_notes(exercise_notes(self.lesson, progress))
        if passed:
            cut = self.session.run is not None and not self.session.state.done
            if self.session.run is not None:
                self.action_reset()
            # In the status line, beside "space run", not a toast: a toast covered the text (and at
            # 80x24 the chart's axis) for 5 s, into the next lesson when the learner moved on.
            # passed, then edited in the same visit so that it fails again: the run has the pass
            self.ready_note = unpassed_note(self.lesson, progress, name) or pass_note(self.lesson, progress, name, cut)
            self._redraw_status()
        elif name:
            self.ready_note = unpassed_note(self.lesson, progress, name)
            self._redraw_status()

    # -- other keys ---------------------------------------------------------------------------------
    def action_back(self) -> None:
        """escape goes back one step: un-zooms a zoomed pane, else leaves the lab for the text, else
        goes to the contents. (It went straight to the contents from the lab, which learners
        pressing it to leave a panel did not expect; `c` still does.)"""
        if self.maximized is not None:
            self.minimize()
        elif self.lab:
            self.action_toggle_view()
        elif self._run_going() and time.monotonic() - self._back_asked > LEAVE_AGAIN:
            # One escape too many after a question (escape skips it) left a paused run for the
            # contents, and the run was gone on coming back: a run in progress asks for a second.
            self._back_asked = time.monotonic()
            self.say_for_a_while(ESCAPE_AGAIN, LEAVE_AGAIN)
        else:
            self.action_contents()

    def _run_going(self) -> bool:
        """A run started and not over (running, or paused part way)."""
        return self.session.run is not None and not self.session.state.done

    def action_contents(self) -> None:
        self.app.action_contents()  # type: ignore[attr-defined]

    def action_toggle_checks(self) -> None:
        """v: show the hidden check cells (the asserts that pin the book's numbers), or hide them."""
        doc = self.query_one(LessonDocument)
        checks = list(doc.query(".-check"))
        if not checks:
            self.notify("this lesson has no check cells", timeout=3, markup=False)
            return
        if self.lab:
            self.action_toggle_view()
        doc.toggle_class("-show-checks")
        if doc.has_class("-show-checks"):
            self.call_after_refresh(doc.scroll_to_widget, checks[0], animate=False, top=True)

    def action_output(self) -> None:
        """o: everything the lesson printed, on the whole screen."""
        from grok_tui.ui.screens.output import OutputScreen

        def poll():
            view = self.session.poll()
            run = self.session.run
            failure = str(run.failure) if run is not None and run.failure is not None else ""
            return view, failure

        self.app.push_screen(OutputScreen(f"{self.lesson.id} {self.lesson.title}", poll))

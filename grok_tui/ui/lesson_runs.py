"""The lesson screen's runs: start, pause, step, reset, speed, and what the screen does as a run
starts and ends (the panels hear it, a failing line is marked). The session runs them
(grok_tui/engine/session.py); this asks it and redraws.

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py), on top of its drawing (lesson_drawing.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.ui import speed as ladder
from grok_tui.ui.lesson_drawing import LessonDrawing
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.status import StatusLine

SPEED_SHOWN = 2.0
"""Seconds the status line names the chosen speed after < or >, even once the run has ended (it
names it all along while a run plays, is paused or is about to start)."""
LADDER_ENDS = ("slowest already", "fastest already")
"""Said beside the speed when < or > finds no slower or faster rung."""


class LessonRuns(LessonDrawing):
    _lab_built: bool
    _back_asked: float
    """When escape last asked to be pressed again before leaving a run (LessonScreen.action_back)."""

    if TYPE_CHECKING:

        def _when_lab_built(self, then: Callable[[], None]) -> None: ...
        def action_copy_text(self) -> None: ...  # Screen's
        def _charts_for_a_run(self) -> None: ...  # LessonViews'

    def stop_run(self) -> None:
        """Cancel the worker (it stops at its next step) without waiting for it."""
        self._cancel_restart()
        self.session.stop()

    def _cancel_restart(self) -> None:
        if self._restart_timer is not None:
            self._restart_timer.stop()
            self._restart_timer = None

    def start_run(self, *, paused: bool = False, rerun: bool = False) -> None:
        """`rerun`: started by the tutor, not by the learner's space or s (session.rerun)."""
        self._cancel_restart()
        if not self._lab_built:  # its panels must hear the run start: it starts once they exist
            self._when_lab_built(lambda: self.start_run(paused=paused, rerun=rerun))
            self._draw_status(None)
            return
        self.session.start(paused=paused, rerun=rerun)
        self._run_started()

    def _run_starting(self, run: LessonRun) -> None:
        self._fed = None  # the panels hear this run's steps from its first
        self.panels.run_started()

    def _run_started(self) -> None:
        self._charts_for_a_run()
        self.ready_note = ""
        self._back_asked = float("-inf")  # a new run asks again before an escape stops it
        self._status_note = None  # said of the run before
        self._drawn = -1
        self._ended = None
        self.query_one(LessonDocument).mark_line(None)
        self._tick()

    def action_toggle_run(self) -> None:
        if self._restart_timer is not None and self.session.pending is not None:
            # The re-run a change asked for waits for the keys to rest: space does to it what it
            # would do once it started. `+ + space` in one burst (typed ahead, or bunched by a slow
            # link) played the new run to its end instead of pausing it, as keys one at a time do.
            self.session.toggle_rerun()
            self._draw_all()
            return
        run = self.session.run
        fresh = run is None or self.session.state.done
        self._cancel_restart()
        if fresh:
            self.start_run()
        elif run is not None and run.paused and self.panels.before_step(play=True):  # a question due first
            return
        else:
            self.session.toggle()
            self._draw_all()

    def action_interrupt(self) -> None:
        """ctrl+c: pause a playing run, or cancel the re-run a param change is about to start, and
        say what next (with nothing playing: Textual's own ctrl+c)."""
        said = self.pause_playing()
        if said is None and self.get_selected_text() is not None:
            self.action_copy_text()  # Textual's ctrl+c: the selected text
            return
        keys = self.query_one(StatusLine).keys()
        if said is None:
            # Textual's own "Do you want to quit? / Press q to quit the app" came in another voice
            # after ours (ctrl+c twice: a trial); said once, however often it is pressed
            quits = f"nothing is playing · {keys['quit']} quits, your progress is saved"
            if not any(n.message == quits for n in getattr(self.app, "_notifications", ())):
                self.notify(quits, title="ctrl+c", markup=False)
            return
        self.notify(f"{keys['run']} plays on · {keys['reset']} resets · {keys['quit']} quits", title=f"{said} (ctrl+c)")

    def pause_playing(self) -> str | None:
        """Pause a playing run ("Paused"), or cancel a re-run about to start ("Re-run cancelled": the
        status said "re-running..." for ever); None if neither was going."""
        run = self.session.run
        playing = run is not None and not self.session.state.done and not run.paused
        if playing:
            self._cancel_restart()
            self.session.toggle()
            self._draw_all()
            return "Paused"
        if self._restart_timer is not None or self.session.pending is not None:
            self._cancel_restart()
            self.session.cancel_rerun()
            self._draw_all()
            return "Re-run cancelled"
        return None

    def action_step(self) -> None:
        if self.session.run is None or self.session.state.done:
            self.start_run(paused=True)
        elif not self.panels.before_step():
            self.session.step_once()

    def action_reset(self) -> None:
        self._cancel_restart()
        stalled = int(self.session.stalled_for())
        if stalled:  # "ready" alone said nothing of the run r had just stopped, nor why it hung
            self.ready_note = f"stopped: no step for {stalled} s"
        self.session.reset()
        self.panels.run_reset()
        self.query_one(LessonDocument).printouts.clear()
        self._draw_all()

    def action_speed(self, direction: int) -> None:
        session = self.session
        step = ladder.faster if direction > 0 else ladder.slower
        was = session.speed
        session.set_speed(step(was, session.first_speed))
        if session.speed == was:  # the end of the ladder: the key did nothing, and said nothing
            self.say_for_a_while(LADDER_ENDS[direction > 0], SPEED_SHOWN)
        else:
            for said in LADDER_ENDS:
                self.take_back_note(said)
        # The status line says the new speed, not a toast: a toast per press mounted widgets and
        # laid the screen out twice (shown, then gone), the largest part of a press at top speed;
        # held down, toasts piled up past the screen's height.
        self._speed_until = time.monotonic() + SPEED_SHOWN
        self._draw_status(session.poll())

    def _run_ended(self, run: LessonRun) -> None:
        """The run ended (the session reported it): mark the failing line, feed the panels."""
        self._ended = run
        if self._status_note is not None:  # said of the run going on (where, escape again): its end says more
            self._status_note = None
            self._redraw_status()
        doc = self.query_one(LessonDocument)
        failure = run.failure if run.failure is not None and run.failure.path == self.lesson.path else None
        if failure is not None:
            doc.mark_line(failure.line)
        if run.state is not RunState.CANCELLED:  # a stopped run keeps the printouts it did not reach, dimmed
            kind = f"{failure.kind}: " if failure is not None and failure.kind else ""
            doc.printouts.ended(
                (failure.line, f"✗ the run stopped here: {kind}{failure.message}") if failure else None,
                run.cell_line if run.state is RunState.DIVERGED else 0,
            )
        if run.state is RunState.FINISHED:
            self.panels.run_finished(run.namespace)
        elif run.state is RunState.DIVERGED:
            self.panels.run_diverged(run.namespace)
        asked_at = [p.step for p in self.lesson.predictions]
        if asked_at and run.state is RunState.FINISHED:  # not a run the learner stopped (r)
            # 4.4 with iterations 1 ended before its questions: the fold's note said to play it
            doc.answers_out_of_reach(self.session.step if self.session.step < min(asked_at) else None)

"""Run a lesson's cells in a fresh namespace, in a child process, step by step.

Lesson code reports progress by calling `step(name=value, ...)`, a function put into its namespace.
That call is the one place where the runner records values and where pause, single-step, speed and
cancel take effect, so lesson code stays plain Python that reads like the book.

The code runs in its own process (grok_tui.engine.child): whatever it does, the tutor stays up. The
process streams each step to a thread here (or to the caller of run_sync), which records it and calls
the listener; pause, single step, speed and cancel are messages the process reads in step(). A run
that does not answer a cancel within CANCEL_GRACE seconds is killed.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Mapping
from typing import Any

from grok_tui.engine import lesson_imports, process
from grok_tui.engine.namespace import Namespace
from grok_tui.engine.run_report import (  # noqa: F401 (re-exported: the runner's API)
    Failure,
    Listener,
    OutputEvent,
    RunEvent,
    RunResult,
    RunState,
    StateEvent,
    Step,
    StepEvent,
    recorded,
)
from grok_tui.engine.values import snapshot
from grok_tui.lesson.model import Lesson
from grok_tui.lesson.params import resolve
from grok_tui.lesson.steps import total_steps

CANCEL_GRACE = 0.5
"""Seconds a cancelled run has to stop at its next step() before its process is killed."""


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


class LessonRun:
    """One run of a lesson with one set of parameter values.

    `speed` is in steps per second; 0 runs as fast as the code goes. Re-running the same lesson with
    the same values gives the same numbers: the random generators are seeded before each run.
    """

    def __init__(
        self,
        lesson: Lesson,
        values: dict[str, object] | None = None,
        *,
        listener: Listener | None = None,
        speed: float = 0.0,
        run_checks: bool = False,
        exercise_code: dict[str, str] | None = None,
        seed: int = 0,
    ) -> None:
        self.lesson = lesson
        self.values = resolve(lesson.params, values or {})
        self.listener = listener or (lambda event: None)
        self.speed = speed
        self.run_checks = run_checks
        self.exercise_code = dict(exercise_code or {})
        self.seed = seed
        self.state = RunState.READY
        self.steps: list[Step] = []
        self.output: list[str] = []
        self.namespace: Mapping[str, Any] = Namespace()
        self.failure: Failure | None = None
        self.detail = ""
        self._lock = threading.Lock()
        self._paused = False
        self._start_paused = False
        self._cancel = False
        self._started = False
        self._stops: set[int] = set()
        self._ended = threading.Event()
        self._pending: list[tuple] = []
        """Controls given before the process was there; sent right after its job."""
        self._child: process.ChildProcess | None = None
        self._thread: threading.Thread | None = None
        self._cell_line = 0
        self._exit: tuple[int, int] | None = None

    # -- control, from any thread ---------------------------------------------------------------
    def start(self, *, paused: bool = False) -> None:
        """Run on a daemon thread. With paused=True the run stops after its first step."""
        self._begin(paused)
        self._thread = threading.Thread(target=self._main, name=f"lesson {self.lesson.id}", daemon=True)
        self._thread.start()

    def _begin(self, paused: bool) -> None:
        with self._lock:
            if self._started:
                raise RuntimeError("a LessonRun runs once; make a new one to run again")
            self._started = True
            self._paused = self._start_paused = paused

    def _control(self, message: tuple) -> None:
        with self._lock:
            child = self._child
            if child is None:
                self._pending.append(message)
                return
        if not self._ended.is_set():
            child.send(message)

    def pause(self) -> None:
        self._paused = True
        self._control(("pause",))

    def resume(self) -> None:
        self._paused = False
        self._control(("resume",))

    def step_once(self) -> None:
        """Let exactly one more step through, then stay paused."""
        self._paused = True
        self._control(("step_once",))

    def pause_before(self, step: int) -> None:
        """Before start(): the process waits after step `step - 1`, before computing `step`, as if
        pause() had come exactly then (a question about that step's value must not race a fast run).
        `paused` stays as pause/resume/step_once set it: the caller who set the stop calls them."""
        with self._lock:
            if self._started:
                raise RuntimeError("pause_before() must come before start()")
            self._stops.add(step)

    def cancel(self) -> None:
        """Stop the run at its next step; a run that does not get there within CANCEL_GRACE s is killed."""
        with self._lock:
            if self._cancel or self._ended.is_set():
                return
            self._cancel = True
        self._control(("cancel",))
        timer = threading.Timer(CANCEL_GRACE, self._kill_if_running)
        timer.daemon = True
        timer.start()

    def _kill_if_running(self) -> None:
        with self._lock:
            child = self._child
        if child is not None and not self._ended.is_set():
            child.kill()  # the reader sees the pipe close and reports the run cancelled

    def set_speed(self, steps_per_second: float) -> None:
        self.speed = steps_per_second
        self._control(("speed", steps_per_second))

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def close(self) -> None:
        """End the run and its process (a finished run's functions can no longer be called)."""
        self.cancel()
        with self._lock:
            child = self._child
        if child is not None and self._ended.is_set():
            child.close()

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def pid(self) -> int | None:
        """The process id of the process running (or, finished, keeping) the lesson's code."""
        child = self._child
        return child.process.pid if child is not None and not child.closed else None

    # -- running --------------------------------------------------------------------------------
    def run_sync(self, timeout: float | None = None) -> RunResult:
        """Run at full speed, reading its steps in the calling thread (the headless CLI, the checks).

        With a `timeout` in seconds, a run still going after it is stopped and reported failed at the
        line it was running."""
        self._begin(False)
        self._main(timeout)
        return self.result()

    def result(self) -> RunResult:
        return RunResult(
            self.state, list(self.steps), self.final_values(), list(self.output), self.failure, self.detail
        )

    @property
    def cell_line(self) -> int:
        """The lesson file's line of the cell the run is in (its first code line; 0 before the first):
        the reading view marks that cell, and `w` goes to it."""
        return self._cell_line

    def final_values(self) -> dict[str, Any]:
        """The variables the lesson shows, as they stand at the end."""
        names = self.lesson.show or (tuple(self.steps[-1].values) if self.steps else ())
        out = {}
        for n in names:
            with contextlib.suppress(KeyError):
                out[n] = snapshot(self.namespace[n])
        return out

    def recorded(self, name: str) -> list[Any]:
        """Every value recorded under `name` so far, in step order."""
        return recorded(self.steps, name)

    def _set_state(self, state: RunState, detail: str = "") -> None:
        self.state = state
        if detail:
            self.detail = detail
        self.listener(StateEvent(state, detail))

    def _main(self, timeout: float | None = None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        # A lesson that imports scikit-learn waits for the warm server to import it (as long as its
        # process would have taken to import it) rather than import it once more in its process.
        wait = process.PREPARE_WAIT if timeout is None else min(process.PREPARE_WAIT, timeout)
        try:
            lesson_imports.prepare(self.lesson, wait)
        except Exception:  # only a speed-up: the run imports what it needs itself
            pass
        try:
            child = process.take()
        except Exception as exc:
            self._fail(0, "cannot run", f"no process could be started for the lesson's code: {exc}")
            self._ended.set()
            return
        job = {
            "lesson": self.lesson,
            "values": self.values,
            "exercise_code": self.exercise_code,
            "run_checks": self.run_checks,
            "seed": self.seed,
            "speed": self.speed,
            "paused": self._start_paused,
            "stops": sorted(self._stops),
            "last": total_steps(self.lesson.steps, self.values) or 0,
        }
        with self._lock:
            self._child = child
            pending, self._pending = self._pending, []
            cancelled = self._cancel
        if cancelled:  # cancelled while its process was being found: never start it
            child.close()
            self._set_state(RunState.CANCELLED, "stopped at step 0")
            self._ended.set()
            return
        child.send(("job", job))
        for message in pending:
            child.send(message)
        try:
            self._pump(child, deadline, timeout)
        except Exception as exc:
            child.close()
            self.failure = Failure(self.lesson.path, 0, "internal error", f"{type(exc).__name__}: {exc}")
            self.state, self.detail = RunState.FAILED, str(self.failure)
            with contextlib.suppress(Exception):
                self.listener(StateEvent(self.state, self.detail))
        finally:
            self._ended.set()

    def _pump(self, child: process.ChildProcess, deadline: float | None, timeout: float | None) -> None:
        """Read the process's messages until the run ends (or the deadline passes)."""
        conn = child.conn
        while True:
            try:
                if deadline is not None and not conn.poll(max(0.0, deadline - time.monotonic())):
                    self._timed_out(child, timeout or 0.0)
                    return
                message = conn.recv()
            except (EOFError, OSError):
                self._died(child)
                return
            kind = message[0]
            if kind == "batch":
                for event in message[1]:
                    self._event(event)
            elif kind == "cell":
                self._cell_line = message[1]
            elif kind == "exit":
                self._exit = (message[1], message[2])
            elif kind == "end":
                self._finish(child, *message[1:])
                return

    def _event(self, event: tuple) -> None:
        kind = event[0]
        if kind == "step":
            step = Step(event[1], event[2], event[3])
            self.steps.append(step)
            self.listener(StepEvent(step))
        elif kind == "out":
            self.output.append(event[1])
            self.listener(OutputEvent(event[1], self._cell_line))
        elif kind == "state":
            self._set_state(RunState(event[1]), event[2])

    def _finish(
        self,
        child: process.ChildProcess,
        state: str,
        detail: str,
        failure: tuple | None,
        values: dict[str, bytes | None],
        functions: list[str],
        modules: list[str],
    ) -> None:
        self.namespace = Namespace(values, {n: process.ChildFunction(child, n) for n in functions}, child)
        if failure is not None:
            self.failure = Failure(self.lesson.path, *failure)
        process.run_ended(modules)
        if state == RunState.FINISHED.value and functions:
            process.keep_idle(child)  # it waits, blocked in a read, for calls of its functions
        else:
            child.close()
        self._set_state(RunState(state), detail)

    def _fail(self, line: int, kind: str, message: str) -> None:
        self.failure = Failure(self.lesson.path, line, kind, message)
        self._set_state(RunState.FAILED, str(self.failure))

    def _died(self, child: process.ChildProcess) -> None:
        """The process ended without reporting an end: killed by cancel, or by the lesson's code."""
        status = child.exit_status()
        dump = child.fault_dump()
        child.close()
        process.run_ended([])
        if self._cancel:
            self._set_state(RunState.CANCELLED, f"stopped at step {len(self.steps)}")
            return
        if self._exit is not None:
            status, line = self._exit
            where = f" at line {line}" if line else ""
            message = f"the lesson's code ended its process (exit status {status}){where}"
        else:
            line = process.lesson_line(dump, str(self.lesson.path))
            if status is not None and status < 0:
                how = f"was killed by {_signal_name(-status)}"
                if -status == getattr(signal, "SIGKILL", 9):
                    how += " (out of memory?)"
            else:
                how = f"ended (exit status {status})"
            if line:
                where = f" at line {line}"
            elif self._cell_line:
                line, where = self._cell_line, f" in the cell at line {self._cell_line}"
            else:
                where = ""
            message = f"the lesson's process {how}{where}"
        self._fail(line or self._cell_line, "crash", message)

    def _timed_out(self, child: process.ChildProcess, seconds: float) -> None:
        line = child.where(str(self.lesson.path)) or self._cell_line
        child.close()
        process.run_ended([])
        done = len(self.steps)
        planned = total_steps(self.lesson.steps, self.values)
        if planned and done > planned:  # past the steps it declares: a loop that does not end
            why = f"after {done} steps, where the lesson declares {planned} (steps = {self.lesson.steps!r})"
        elif done:  # a long run, not a stuck one: say how far it got and what lets it finish
            why = f"after {done} step{'s' if done != 1 else ''} (raise --timeout for a long run)"
        else:
            why = "(a loop that never calls step()?)"
        self._fail(line, "", f"ran past {seconds:g} s {why}")

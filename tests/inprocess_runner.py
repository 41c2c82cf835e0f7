"""The in-process runner as it was before lesson code moved to a child process: the reference that
the recorded values are compared with digit for digit (tests/test_child_values.py), and the
bench's "before" (bench/run_overhead.py --inprocess).
"""

from __future__ import annotations

import random
import threading
import time
import traceback
from pathlib import Path
from typing import Any

from grok_tui.engine.run_report import (
    Failure,
    Listener,
    OutputEvent,
    RunResult,
    RunState,
    StateEvent,
    Step,
    StepEvent,
    recorded,
)
from grok_tui.engine.values import first_non_finite, snapshot
from grok_tui.lesson.model import Cell, Lesson
from grok_tui.lesson.params import resolve
from grok_tui.lesson.parse import compile_cell


class _Cancelled(BaseException):
    """Raised inside lesson code by step() to stop a cancelled run (not catchable as Exception)."""


class _Diverged(BaseException):
    pass


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
        self._cell_line = 0
        """The line of the cell running now: what its prints are tagged with, as the real runner's."""
        self.exercise_code = dict(exercise_code or {})
        self.seed = seed
        self.state = RunState.READY
        self.steps: list[Step] = []
        self.output: list[str] = []
        self.namespace: dict[str, Any] = {}
        self.failure: Failure | None = None
        self.detail = ""
        self._cond = threading.Condition()
        self._paused = False
        self._budget = 0
        self._cancel = False
        self._thread: threading.Thread | None = None

    # -- control, from any thread ---------------------------------------------------------------
    def start(self, *, paused: bool = False) -> None:
        """Run on a daemon thread. With paused=True the run stops after its first step."""
        if self._thread is not None:
            raise RuntimeError("a LessonRun runs once; make a new one to run again")
        self._paused = paused
        self._thread = threading.Thread(target=self._main, name=f"lesson {self.lesson.id}", daemon=True)
        self._thread.start()

    def pause(self) -> None:
        with self._cond:
            self._paused = True
            self._cond.notify_all()

    def resume(self) -> None:
        with self._cond:
            self._paused = False
            self._budget = 0
            self._cond.notify_all()

    def step_once(self) -> None:
        """Let exactly one more step through, then stay paused."""
        with self._cond:
            self._paused = True
            self._budget += 1
            self._cond.notify_all()

    def cancel(self) -> None:
        with self._cond:
            self._cancel = True
            self._cond.notify_all()

    def set_speed(self, steps_per_second: float) -> None:
        with self._cond:
            self.speed = steps_per_second
            self._cond.notify_all()

    def join(self, timeout: float | None = None) -> bool:
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    @property
    def paused(self) -> bool:
        return self._paused

    # -- running --------------------------------------------------------------------------------
    def run_sync(self) -> RunResult:
        """Run in the calling thread at full speed (the headless CLI and the checks)."""
        self._main()
        return self.result()

    def result(self) -> RunResult:
        return RunResult(
            self.state, list(self.steps), self.final_values(), list(self.output), self.failure, self.detail
        )

    def final_values(self) -> dict[str, Any]:
        """The variables the lesson shows, as they stand at the end (or now)."""
        names = self.lesson.show or (tuple(self.steps[-1].values) if self.steps else ())
        return {n: snapshot(self.namespace[n]) for n in names if n in self.namespace}

    def _set_state(self, state: RunState, detail: str = "") -> None:
        self.state = state
        if detail:
            self.detail = detail
        self.listener(StateEvent(state, detail))

    def _main(self) -> None:
        import numpy as np  # only once a lesson runs, never at import

        random.seed(self.seed)
        np.random.seed(self.seed)
        self.namespace = {
            "__name__": "__lesson__",
            "step": self._step,
            "print": self._print,
            "recorded": self.recorded,
            **self.values,
        }
        self._set_state(RunState.RUNNING)
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for cell in self._cells():
                    self._cell_line = cell.line
                    exec(compile_cell(cell, self.lesson.path), self.namespace)
        except _Cancelled:
            self._set_state(RunState.CANCELLED, f"stopped at step {len(self.steps)}")
        except _Diverged as exc:
            self._set_state(RunState.DIVERGED, str(exc))
        except OverflowError as exc:
            line = self._locate(exc)[1]
            detail = f"too big for a float at line {line}, after step {len(self.steps)}"
            self._set_state(RunState.DIVERGED, detail)
        except (Exception, SystemExit) as exc:  # lesson code must never end the tutor
            path, line = self._locate(exc)
            kind = "check failed" if isinstance(exc, AssertionError) else type(exc).__name__
            message = str(exc) or ("assertion failed" if isinstance(exc, AssertionError) else "")
            self.failure = Failure(path, line, kind, message)
            self._set_state(RunState.FAILED, str(self.failure))
        else:
            self._set_state(RunState.FINISHED, f"{len(self.steps)} steps")

    def _cells(self):
        """The cells to execute in order: exercise stubs become the learner's code or the reference."""
        for cell in self.lesson.cells:
            if cell.role in ("run", "train"):
                yield cell
            elif cell.role == "exercise":
                exercise = self.lesson.exercise(cell.name)
                learner = self.exercise_code.get(cell.name)
                if learner is not None:
                    yield Cell("exercise", learner, cell.line, cell.name)
                elif exercise is not None:
                    yield exercise.solution
            elif cell.role == "check" and self.run_checks:
                yield cell

    def _locate(self, exc: BaseException) -> tuple[Path, int]:
        line = 0
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename == str(self.lesson.path):
                line = lineno
        if isinstance(exc, SyntaxError) and exc.filename == str(self.lesson.path):
            line = exc.lineno or line
        return self.lesson.path, line

    # -- what lesson code calls -----------------------------------------------------------------
    def recorded(self, name: str) -> list[Any]:
        """Every value recorded under `name` so far, in step order (check cells use it)."""
        return recorded(self.steps, name)

    def _print(self, *args: object, sep: str = " ", end: str = "\n", **_: object) -> None:
        text = sep.join(map(str, args)) + end
        self.output.append(text)
        self.listener(OutputEvent(text, self._cell_line))

    def _step(self, **values: Any) -> None:
        step = Step(len(self.steps) + 1, {k: snapshot(v) for k, v in values.items()})
        self.steps.append(step)
        self.listener(StepEvent(step))
        bad = first_non_finite(step.values)
        if bad is not None:
            raise _Diverged(f"{bad} became {step.values[bad]!s} at step {step.index}")
        self._gate()

    def _gate(self) -> None:
        with self._cond:
            if self.speed > 0 and not self._paused:
                deadline = time.monotonic() + 1.0 / self.speed
                while not self._cancel and not self._paused:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._cond.wait(left)
            if self._paused:
                if self._budget == 0 and not self._cancel:
                    self._set_state(RunState.PAUSED)
                    while self._paused and self._budget == 0 and not self._cancel:
                        self._cond.wait()
                if self._budget:
                    self._budget -= 1
            if self._cancel:
                raise _Cancelled
            if not self._paused and self.state is RunState.PAUSED:
                self._set_state(RunState.RUNNING)

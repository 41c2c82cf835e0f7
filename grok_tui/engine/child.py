"""The lesson's process: runs a lesson's cells, streams its steps to the tutor, waits in step().

This module runs in a child process started by grok_tui.engine.process (a forkserver child with
numpy already imported). Whatever the lesson's code does here (loop forever, os._exit, segfault,
read stdin, exhaust memory), the tutor's process is untouched: it only reads messages.

Messages to the tutor (tuples, first item the kind):
  ("batch", [event, ...]) events in order: ("step", index, values, context) ("out", text)
      ("state", state, detail)
  ("cell", line)
  ("exit", status, line)       just before the lesson's code calls os._exit
  ("end", state, detail, failure, values, functions, modules)
                               failure = (line, kind, message) or None; values = {name: pickled bytes,
                               or None for a big value this process keeps (see KEEP_BYTES)}; a job
                               with run_checks adds CHECK_ASSERTS to the values
  ("ok", result) ("err", text) the answer to a call of one of the run's functions, after the end
  ("values", {name: bytes})    the answer to a "get": the kept values asked for (given once)
Messages from the tutor:
  ("warm", [module, ...]) while it waits for its job (import them now), ("job", job dict) once;
  then ("pause",) ("resume",) ("step_once",) ("cancel",) ("speed", x);
  after the end ("call", name, args, kwargs), ("get", [name, ...]) and ("close",).
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import random
import signal
import sys
import threading
import time
import traceback
import types
from typing import Any

from grok_tui.engine.assert_watch import CHECK_ASSERTS, AssertWatch
from grok_tui.engine.child_confine import detach_terminal, limit_self
from grok_tui.engine.statements import assertion_text
from grok_tui.engine.values import first_non_finite, snapshot
from grok_tui.lesson.model import TUTOR_NAMES, Cell, Lesson
from grok_tui.lesson.parse import compile_cell

_REAL_EXIT = os._exit
"""os._exit before the lesson's code can reach it (serve() puts a hook that reports it first)."""

BATCH_AGE = 0.01
"""Seconds: steps that come faster than this are sent together (one message, one wake-up)."""

#: Names the runner puts into the lesson's namespace; they are not the lesson's variables (unless
#: the lesson assigns its own: 3.2 calls its inputs `input`).
INJECTED = TUTOR_NAMES

KEEP_BYTES = 64 * 1024
"""A finished run whose process stays (to answer calls of its functions) keeps each final value
bigger than this, pickled, and sends it only when the tutor reads it: 7.5 ends with 3.8 MiB of
values, of which the tutor reads about 1 MiB (its images, held out and trained on) and never the
sklearn `digits` Bunch or `images` (2.7 MiB). Smaller values (numbers, weights, labels) go at once."""


class _Cancelled(BaseException):
    """Raised inside lesson code by step() to stop a cancelled run (not catchable as Exception)."""


class _Diverged(BaseException):
    pass


class _Output:
    """sys.stdout of the lesson's process: what it writes reaches the output pane, not the terminal."""

    def __init__(self, child: _Child) -> None:
        self.child = child

    def write(self, text: str) -> int:
        if text:
            self.child.emit(("out", str(text)))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _warm(modules: list[str]) -> None:
    """Import modules earlier lessons used (e.g. scikit-learn, ~1 s) on a thread, so a job that comes
    meanwhile never waits for them unless its code imports them too (then it waits less)."""

    def run() -> None:
        for name in modules:
            with contextlib.suppress(BaseException):
                __import__(name)

    if modules:
        threading.Thread(target=run, name="warm", daemon=True).start()


def main(conn: Any, fault_path: str, warm: list[str]) -> None:
    """Entry point of the lesson's process: wait for a job, run it, then answer calls until closed."""
    detach_terminal()
    limit_self()
    fault = open(fault_path, "w", encoding="utf-8")  # noqa: SIM115 (faulthandler writes to it until exit)
    faulthandler.enable(file=fault)
    if hasattr(signal, "SIGUSR1"):  # the tutor asks "where are you?" before killing a run it timed out
        faulthandler.register(signal.SIGUSR1, file=fault, chain=False)
    _warm(warm)
    while True:  # a spare process: warm up on request until its job comes
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "warm":
            _warm(message[1])
        elif message[0] == "job":
            _Child(conn, message[1]).serve()
            return
        else:
            return


class _Child:
    def __init__(self, conn: Any, job: dict[str, Any]) -> None:
        self.conn = conn
        self.lesson: Lesson = job["lesson"]
        self.values: dict[str, Any] = job["values"]
        self.exercise_code: dict[str, str] = job["exercise_code"]
        self.run_checks: bool = job["run_checks"]
        self.seed: int = job["seed"]
        self.speed: float = job["speed"]
        self.paused: bool = job["paused"]
        self.stops: set[int] = set(job.get("stops", ()))
        """Steps to wait before (LessonRun.pause_before)."""
        self.last: int = job.get("last", 0)
        """The run's last step, if its lesson says how many it takes (0 if not)."""
        self.budget = 0
        self.cancel = False
        self.state = "ready"
        self.steps: list[tuple[int, dict[str, Any]]] = []
        self.namespace: dict[str, Any] = {}
        self.asserts = AssertWatch()
        self.kept: dict[str, bytes] = {}
        """Big final values, pickled, that the tutor has not asked for yet (KEEP_BYTES)."""
        self.path = str(self.lesson.path)
        self._lock = threading.Lock()
        self._batch: list[tuple] = []
        self._flushed_at = 0.0
        self._pending = threading.Event()
        threading.Thread(target=self._flusher, name="flusher", daemon=True).start()

    # -- talking to the tutor ------------------------------------------------------------------
    def send(self, message: tuple) -> None:
        """Send one message now, after any batched events (they stay in order)."""
        with self._lock:
            self._flush_locked()
            self._send_locked(message)

    def emit(self, event: tuple, now: bool = False) -> None:
        """Queue a step, output or state event; sent at once unless one went out < BATCH_AGE ago
        (a process that dies may lose the events of its last BATCH_AGE seconds, never more)."""
        with self._lock:
            self._batch.append(event)
            if now or time.monotonic() - self._flushed_at >= BATCH_AGE:
                self._flush_locked()
            elif len(self._batch) == 1:
                self._pending.set()  # the flusher sends it if no step comes soon

    def flush(self) -> None:
        with self._lock:
            self._flush_locked()

    def _flush_locked(self) -> None:
        if self._batch:
            batch, self._batch = self._batch, []
            self._pending.clear()
            self._flushed_at = time.monotonic()
            self._send_locked(("batch", batch))

    def _send_locked(self, message: tuple) -> None:
        try:
            self.conn.send(message)
        except (OSError, EOFError):  # the tutor is gone: nobody to run for
            _REAL_EXIT(0)

    def _flusher(self) -> None:
        """Sends events left in the batch when the lesson computes for a while after a step."""
        while True:
            self._pending.wait()
            time.sleep(BATCH_AGE)
            self.flush()

    def _handle(self, message: tuple) -> None:
        kind = message[0]
        if kind == "pause":
            self.paused = True
        elif kind == "resume":
            self.paused, self.budget = False, 0
        elif kind == "step_once":
            self.paused = True
            self.budget += 1
        elif kind == "cancel":
            self.cancel = True
        elif kind == "speed":
            self.speed = message[1]

    def _read(self, timeout: float | None) -> bool:
        """Handle the tutor's messages that arrive within `timeout` (None: wait for one)."""
        try:
            if not self.conn.poll(timeout):
                return False
            while True:
                self._handle(self.conn.recv())
                if not self.conn.poll(0):
                    return True
        except (EOFError, OSError):
            _REAL_EXIT(0)

    def _set_state(self, state: str, detail: str = "") -> None:
        self.state = state
        self.emit(("state", state, detail))

    # -- running ---------------------------------------------------------------------------------
    def serve(self) -> None:
        import numpy as np

        os._exit = self._exit_hook(_REAL_EXIT)
        sys.stdout = _Output(self)
        before = set(sys.modules)
        random.seed(self.seed)
        np.random.seed(self.seed)
        self.injected = {"step": self.step, "print": self.print, "recorded": self.recorded}
        self.namespace = {"__name__": "__lesson__", **self.injected, **self.values}
        failure = None
        ran: list[Cell] = []
        self._set_state("running")
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                for cell in self._cells():
                    ran.append(cell)
                    self.send(("cell", cell.line))
                    code = compile_cell(cell, self.lesson.path)
                    with self.asserts.watching(cell, code) if cell.role == "check" else contextlib.nullcontext():
                        exec(code, self.namespace)
        except _Cancelled:
            state, detail = "cancelled", f"stopped at step {len(self.steps)}"
        except _Diverged as exc:
            state, detail = "diverged", str(exc)
        except OverflowError as exc:
            state = "diverged"
            detail = f"too big for a float at line {self._locate(exc)}, after step {len(self.steps)}"
        except (Exception, SystemExit) as exc:  # lesson code must never end the run silently
            line = self._locate(exc)
            kind = "check failed" if isinstance(exc, AssertionError) else type(exc).__name__
            message = str(exc) or (assertion_text(ran, line, self.namespace) if isinstance(exc, AssertionError) else "")
            if isinstance(exc, AssertionError) and str(exc):  # its message, and which assert said it
                quoted = assertion_text(ran, line).removeprefix("assertion failed: ")
                message += f" (at {quoted})" if quoted.startswith("`") else ""
            failure = (line, kind, message)
            state, detail = "failed", f"{self.path}:{failure[0]}: {kind}: {message}"
        else:
            state, detail = "finished", f"{len(self.steps)} step{'' if len(self.steps) == 1 else 's'}"
        self.state = state
        sys.stdout = sys.__stdout__
        values, functions = self._shareable()
        staying = state == "finished" and bool(functions)  # as the tutor decides (LessonRun._finish)
        shipped = {n: None if staying and self._keep(n, data) else data for n, data in values.items()}
        if self.run_checks:
            shipped[CHECK_ASSERTS] = pickle.dumps(sorted(self.asserts.credited))
        # in import order: a warm forkserver imports them in that order (process.run_ended)
        modules = [m for m in sys.modules if m not in before and not m.startswith("_") and "._" not in m]
        self.send(("end", state, detail, failure, shipped, functions, modules))
        del values, shipped
        if staying:
            self._answer_calls()

    def _exit_hook(self, real_exit):
        def _exit(status: int = 0) -> None:
            self.send(("exit", status, self._caller_line()))
            real_exit(status)

        return _exit

    def _caller_line(self) -> int:
        frame: types.FrameType | None = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.path:
                return frame.f_lineno
            frame = frame.f_back
        return 0

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

    def _locate(self, exc: BaseException) -> int:
        line = 0
        for frame, lineno in traceback.walk_tb(exc.__traceback__):
            if frame.f_code.co_filename == self.path:
                line = lineno
        if isinstance(exc, SyntaxError) and exc.filename == self.path:
            line = exc.lineno or line
        return line

    def _shareable(self) -> tuple[dict[str, bytes], list[str]]:
        """The lesson's variables that can cross to the tutor (pickled), and the names of its functions
        that cannot (the tutor calls them here)."""
        values: dict[str, bytes] = {}
        functions: list[str] = []
        for name, value in list(self.namespace.items()):
            injected = name in INJECTED and value is self.injected.get(name)  # not a lesson's own `input`
            if name.startswith("__") or injected or isinstance(value, types.ModuleType):
                continue
            try:
                values[name] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                if callable(value):
                    functions.append(name)
        return values, functions

    def _keep(self, name: str, data: bytes) -> bool:
        """Keep `data` here if it is big (the tutor gets it when it reads `name`)."""
        if len(data) <= KEEP_BYTES:
            return False
        self.kept[name] = data
        return True

    def _answer_calls(self) -> None:
        """Idle (blocked in recv, no CPU) until the tutor calls a function of the run or closes it."""
        import numpy as np

        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                return
            if message[0] == "get":  # given once: the tutor keeps what it read
                self.send(("values", {n: self.kept.pop(n) for n in message[1] if n in self.kept}))
                continue
            if message[0] != "call":
                return
            _, name, args, kwargs = message
            try:
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    result = self.namespace[name](*args, **kwargs)
                reply: tuple = ("ok", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            except BaseException as exc:
                reply = ("err", f"{type(exc).__name__}: {exc}")
            self.send(reply)

    # -- what lesson code calls -----------------------------------------------------------------
    def recorded(self, name: str) -> list[Any]:
        """Every value recorded under `name` so far, in step order (check cells use it). A name no
        step recorded is an error: a misspelt `recorded("eror")` gave [] and a check written
        `if recorded("eror"): ...` passed, testing nothing; so did a loop over a run that never
        called step() (its train cell written as prose)."""
        found = [values[name] for _, values in self.steps if name in values]
        if not found and not self.steps:
            raise LookupError(f"recorded({name!r}): no step has run yet (the lesson's code never called step())")
        if not found:
            names = sorted({n for _, values in self.steps for n in values})
            raise LookupError(f"recorded({name!r}): no step recorded {name!r} (recorded: {', '.join(names)})")
        return found

    def print(self, *args: object, sep: str | None = " ", end: str | None = "\n", **_: object) -> None:
        sep = " " if sep is None else sep
        end = "\n" if end is None else end
        self.emit(("out", sep.join(map(str, args)) + end))

    def step(self, **values: Any) -> None:
        index = len(self.steps) + 1
        snap = {k: snapshot(v) for k, v in values.items()}
        self.steps.append((index, snap))
        # the shown variables this step does not record, as they stand now: 4.1's pred, miss and error
        # are computed before its sweep, and while a learner stepped they were nowhere on screen
        context = {n: snapshot(self.namespace[n]) for n in self.lesson.show if n not in values and n in self.namespace}
        self.emit(("step", index, snap, context), now=index == 1)  # the first step shows at once
        bad = first_non_finite(snap)
        if bad is not None:
            raise _Diverged(f"{bad} became {snap[bad]!s} at step {index}")
        self._gate()

    def _gate(self) -> None:
        if self.conn.poll(0):
            self._read(0)
        if len(self.steps) + 1 in self.stops:  # wait here even if a step_once is pending
            self.stops.discard(len(self.steps) + 1)
            self.paused, self.budget = True, 0
        if self.speed > 0 and not self.paused:
            self.flush()
            deadline = time.monotonic() + 1.0 / self.speed
            while not self.cancel and not self.paused:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._read(left)
        # Paused at the last step, the run goes on to its end: nothing is left to show, and 4.4's
        # learner pressed s once more at "paused  step 4/4" to see it finished.
        if self.paused and not (self.last and len(self.steps) >= self.last):
            if self.budget == 0 and not self.cancel:
                self._set_state("paused")
                self.flush()
                while self.paused and self.budget == 0 and not self.cancel:
                    self._read(None)
            if self.budget:
                self.budget -= 1
        if self.cancel:
            raise _Cancelled
        if not self.paused and self.state == "paused":
            self._set_state("running")

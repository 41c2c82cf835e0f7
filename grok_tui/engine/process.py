"""The tutor's side of lesson processes: start them fast, talk to them, end them.

Lessons run in child processes forked by a multiprocessing forkserver that has numpy and the child
module imported already (plain fork is unsafe: the tutor has threads). One spare child is kept
started and waiting, so a run only has to send it its job; modules that earlier lessons imported
(scikit-learn for the digits) are imported by the spare while it waits. A finished run whose
lesson defined functions (the digits' `predict`) keeps its process, idle in a blocking read, to
answer calls of them; at most KEEP_IDLE such processes are kept, the oldest ended first.
"""

from __future__ import annotations

import collections
import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
import weakref
from typing import Any

from grok_tui.engine import child as child_module

KEEP_IDLE = 2
"""Finished runs whose processes stay to answer calls of their functions."""
CALL_TIMEOUT = 20.0
"""Seconds a call of a run's function may take before its process is ended."""
_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


class LessonCodeError(RuntimeError):
    """A call of a function of the lesson's code failed (its exception, or its process is gone)."""


_context_lock = threading.Lock()
_context: Any = None
_starting = threading.local()
"""Set while this thread starts a lesson process: its preparation then leaves out __main__."""


def _preparation_without_main(original):
    """multiprocessing re-runs the parent's main script in a spawned or forkserver child (as
    __mp_main__) unless told otherwise; a lesson process needs none of it (the grok-tui script, a
    test runner, a bench script), and a script without a __name__ guard would run again."""

    def get_preparation_data(name):
        data = original(name)
        if getattr(_starting, "active", False):
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data

    get_preparation_data.wrapped = original  # type: ignore[attr-defined]
    return get_preparation_data


def _ctx():
    """The multiprocessing context: a forkserver with numpy preloaded (spawn where there is none)."""
    global _context
    with _context_lock:
        if _context is None:
            # Lessons multiply small matrices: extra BLAS threads only fight the tutor for the cores,
            # and one thread gives the numbers the book checks were written against. Set before the
            # forkserver imports numpy.
            for var in _BLAS_THREADS:
                os.environ.setdefault(var, "1")
            from multiprocessing import spawn

            if not hasattr(spawn.get_preparation_data, "wrapped"):
                spawn.get_preparation_data = _preparation_without_main(spawn.get_preparation_data)
            if "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                # numpy.random is imported lazily by numpy 2 (~0.1 s at the first np.random.seed): preload it too.
                _context.set_forkserver_preload(["numpy", "numpy.random", "grok_tui.engine.child"])
                _start_servers()
            else:
                _context = multiprocessing.get_context("spawn")
        return _context


_servers_lock = threading.Lock()
"""One thread at a time swaps sys.stderr around starting the servers."""


def _start_servers() -> None:
    with _servers_lock:
        _start_servers_locked()


def _start_servers_locked() -> None:
    """Start multiprocessing's resource tracker and forkserver with stderr on /dev/null: they pass
    sys.stderr's file descriptor on, which inside the running app is Textual's capture (no valid
    descriptor: "bad value(s) in fds_to_keep"), and nothing of theirs belongs on the learner's screen."""
    from multiprocessing import forkserver, resource_tracker

    saved = sys.stderr
    try:
        if saved is not None and saved.fileno() >= 0 and _tracker_running():
            forkserver.ensure_running()  # restarts it if the lesson's code killed it
            return
    except (AttributeError, OSError, ValueError):
        pass
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
            forkserver.ensure_running()
        finally:
            sys.stderr = saved


def _kill(process: Any) -> None:
    """Kill a lesson process and every process its code started (its process group, when it has
    made its own: before that, no group has its id and killpg fails harmlessly)."""
    if process.pid is not None and hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    if process.is_alive():
        process.kill()


def _end(process: Any, conn: Any, fault_path: str) -> None:
    """End a lesson process and free what it held (also run by the garbage collector and at exit)."""
    try:
        _kill(process)
        process.join(2)
    except (OSError, ValueError, AssertionError):
        pass
    with contextlib.suppress(OSError):
        conn.close()
    with contextlib.suppress(OSError):
        os.unlink(fault_path)


def _tracker_running() -> bool:
    from multiprocessing import resource_tracker

    tracker = resource_tracker._resource_tracker
    return getattr(tracker, "_pid", None) is not None and getattr(tracker, "_fd", None) is not None


class ChildProcess:
    """One lesson process and the tutor's end of its pipe."""

    def __init__(self, warm: list[str]) -> None:
        ctx = _ctx()
        if ctx.get_start_method() == "forkserver":
            _start_servers()
        fd, self.fault_path = tempfile.mkstemp(prefix="grok-tui-lesson-", suffix=".trace")
        os.close(fd)
        self.conn, theirs = ctx.Pipe(duplex=True)
        self.process = ctx.Process(
            target=child_module.main, args=(theirs, self.fault_path, warm), name="grok-tui lesson", daemon=True
        )
        _starting.active = True
        try:
            self.process.start()
        finally:
            _starting.active = False
        theirs.close()
        self._send_lock = threading.Lock()
        self._call_lock = threading.Lock()
        self.closed = False
        self.warmed = len(warm)
        """How many of the modules to warm this process was given."""
        self._finalizer = weakref.finalize(self, _end, self.process, self.conn, self.fault_path)

    def send(self, message: tuple) -> bool:
        with self._send_lock:
            try:
                self.conn.send(message)
                return True
            except (OSError, ValueError, EOFError):
                return False

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError, AssertionError):
            _kill(self.process)

    def exit_status(self, wait: float = 2.0) -> int | None:
        with contextlib.suppress(AssertionError, ValueError):
            self.process.join(wait)
        return self.process.exitcode

    def fault_dump(self) -> str:
        try:
            with open(self.fault_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def where(self, path: str, wait: float = 0.5) -> int:
        """The line of `path` the process is running now (0 if unknown): asks it to dump its stack."""
        if not hasattr(signal, "SIGUSR1") or not self.process.is_alive() or self.process.pid is None:
            return 0
        try:
            os.kill(self.process.pid, signal.SIGUSR1)
        except OSError:
            return 0
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            line = child_module.lesson_line(self.fault_dump(), path)
            if line:
                return line
            time.sleep(0.02)
        return 0

    def close(self) -> None:
        self.closed = True
        _forget_idle(self)
        self._finalizer()

    def call(self, name: str, args: tuple, kwargs: dict) -> Any:
        """Call the lesson's function `name` in this (finished, idle) process and return its result."""
        with self._call_lock:
            if self.closed:
                raise LessonCodeError(f"{name}() belonged to a run that has ended; run the lesson again")
            if not self.send(("call", name, args, kwargs)):
                raise LessonCodeError(f"{name}() cannot be called: the lesson's process has ended")
            try:
                if not self.conn.poll(CALL_TIMEOUT):
                    self.close()
                    raise LessonCodeError(f"{name}() took longer than {CALL_TIMEOUT:g} s and was stopped")
                reply = self.conn.recv()
            except (EOFError, OSError):
                self.close()
                raise LessonCodeError(
                    f"{name}() ended the lesson's process (exit status {self.exit_status()})"
                ) from None
        if reply[0] == "ok":
            return pickle.loads(reply[1])
        if reply[0] == "exit":  # the function called os._exit
            self.close()
            raise LessonCodeError(f"{name}() ended the lesson's process (exit status {reply[1]})")
        raise LessonCodeError(reply[1])


class ChildFunction:
    """A function of the lesson's code, called in the finished run's process (it cannot be copied)."""

    def __init__(self, child: ChildProcess, name: str) -> None:
        self._child = child
        self.__name__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._child.call(self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<lesson function {self.__name__}()>"


# -- the spare process and the idle ones --------------------------------------------------------
_lock = threading.Lock()
_spare: ChildProcess | None = None
_spare_starting = False
_warm: set[str] = set()
_idle: collections.deque[ChildProcess] = collections.deque()


def take() -> ChildProcess:
    """A started lesson process waiting for its job (the spare if there is one), and a new spare."""
    global _spare
    with _lock:
        child, _spare = _spare, None
    if child is None or not child.process.is_alive():
        if child is not None:
            child.close()
        child = ChildProcess([])  # imports only what its lesson imports: nothing beside it
    _replenish()
    return child


def _replenish() -> None:
    global _spare_starting
    with _lock:
        if _spare is not None or _spare_starting:
            return
        _spare_starting = True
    threading.Thread(target=_start_spare, name="grok-tui spare lesson process", daemon=True).start()


def _start_spare() -> None:
    global _spare, _spare_starting
    try:
        # It starts cold: a run is going on now, and importing scikit-learn (~1 s of a core) beside
        # it would slow it down. It warms up when that run ends (run_ended).
        spare = ChildProcess([])
    except Exception:
        spare = None
    with _lock:
        _spare_starting = False
        if _spare is None:
            _spare, spare = spare, None
    if spare is not None:
        spare.close()


def warm_up() -> None:
    """Start the forkserver and a spare process now (off the UI thread), so the first run is fast."""
    _replenish()


WARM_PACKAGES = ("sklearn", "scipy", "joblib", "threadpoolctl", "pandas")
"""Packages whose modules a spare may import ahead of need: slow to import, free of side effects
(a lesson could import anything, e.g. `antigravity`, which opens a browser)."""


def run_ended(modules: list[str]) -> None:
    """A run ended, having imported `modules`: the spare imports the slow ones that runs have used,
    now that no run needs the CPU (a process started when nothing runs gets them at its start)."""
    with _lock:
        _warm.update(m for m in modules if m.split(".", 1)[0] in WARM_PACKAGES)
        spare, warm = _spare, sorted(_warm)
        if spare is None or spare.warmed == len(warm):
            return
        spare.warmed = len(warm)
    spare.send(("warm", warm))


def keep_idle(child: ChildProcess) -> None:
    """Keep a finished run's process to answer calls; end the oldest beyond KEEP_IDLE."""
    with _lock:
        _idle.append(child)
        extra = [_idle.popleft() for _ in range(max(0, len(_idle) - KEEP_IDLE))]
    for old in extra:
        old.close()


def _forget_idle(child: ChildProcess) -> None:
    with _lock, contextlib.suppress(ValueError):
        _idle.remove(child)


def shutdown() -> None:
    """End the spare and every idle process (the tutor is quitting; tests call it too)."""
    global _spare
    with _lock:
        children = [c for c in (_spare, *_idle) if c is not None]
        _spare = None
    for c in children:
        c.close()

"""The tutor's side of lesson processes: start them fast, talk to them, end them.

Lessons run in child processes forked by a forkserver (forkservers.py). One spare child is kept
started and waiting, so a run only has to send it its job. Once runs have imported slow packages
(scikit-learn for the digits), or a run's code shows it will (prepare), a warm forkserver with them
imported is started in the background and later processes come from it. A finished run whose
lesson defined functions (the digits' `predict`) keeps its process, idle in a blocking read, to
answer calls of them and to send the big final values the tutor reads (child.KEEP_BYTES); at most
KEEP_IDLE such processes are kept, the oldest ended first, after the run's namespace, if still in
use, has taken the values it had left.
"""

from __future__ import annotations

import collections
import contextlib
import os
import pickle
import signal
import threading
import time
import weakref
from typing import Any

from grok_tui.engine import child as child_module
from grok_tui.engine import forkservers, trace_files
from grok_tui.engine.forkservers import WarmServer

KEEP_IDLE = 2
"""Finished runs whose processes stay to answer calls of their functions."""
CALL_TIMEOUT = 20.0
"""Seconds a call of a run's function may take before its process is ended."""


class LessonCodeError(RuntimeError):
    """A call of a function of the lesson's code failed (its exception, or its process is gone)."""


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
    trace_files.remove(fault_path)


class ChildProcess:
    """One lesson process and the tutor's end of its pipe."""

    def __init__(self, warm: list[str], server: WarmServer | None = None) -> None:
        """`warm`: modules to import while it waits for its job; `server`: the warm forkserver to
        fork it (else the plain one)."""
        ctx = forkservers.context()
        if server is not None:
            server.ensure_running()  # restarts it if the lesson's code killed it
        elif ctx.get_start_method() == "forkserver":
            forkservers.start_servers()
        self.fault_path = trace_files.new()
        self.conn, theirs = ctx.Pipe(duplex=True)
        process_class = ctx.Process if server is None else forkservers.WarmProcess
        self.process = process_class(
            target=child_module.main, args=(theirs, self.fault_path, warm), name="grok-tui lesson", daemon=True
        )
        with forkservers.starting():
            if server is None:
                self.process.start()
            else:
                server.start(self.process)
        theirs.close()
        self.server = server
        self._send_lock = threading.Lock()
        self._call_lock = threading.Lock()
        self.closed = False
        self.warmed = len(warm)
        """How many of the modules to warm this process was given."""
        self.before_retire: weakref.WeakMethod | None = None
        """What to call before an idle process is ended to make room (retire): the run's namespace
        taking the values this process still keeps. Weak: a namespace no longer used takes nothing."""
        self._finalizer = weakref.finalize(self, _end, self.process, self.conn, self.fault_path)

    def send(self, message: tuple) -> bool:
        with self._send_lock:
            if self.closed:
                return False
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
            line = lesson_line(self.fault_dump(), path)
            if line:
                return line
            time.sleep(0.02)
        return 0

    def close(self) -> None:
        # Under the send lock: a send from another thread (the screen cancelling a run while the
        # runner closes its process) either finishes first or sees `closed`; it never writes to a
        # connection half closed (a TypeError from multiprocessing, seen once in a full suite run).
        with self._send_lock:
            self.closed = True
        _forget_idle(self)
        self._finalizer()

    def retire(self) -> None:
        """End this idle process, first letting its run's namespace (if still used) take its values."""
        take = self.before_retire() if self.before_retire is not None else None
        if take is not None and not self.closed:
            with contextlib.suppress(Exception):
                take()
        self.close()

    def fetch(self, names: list[str]) -> dict[str, bytes]:
        """The pickled final values `names` this (finished, idle) process kept; each is given once."""
        reply = self._ask(("get", names), "the values it kept")
        if reply[0] != "values":
            raise LessonCodeError(f"the lesson's process answered {reply[0]!r} to a read of its values")
        return reply[1]

    def call(self, name: str, args: tuple, kwargs: dict) -> Any:
        """Call the lesson's function `name` in this (finished, idle) process and return its result."""
        reply = self._ask(("call", name, args, kwargs), f"{name}()")
        if reply[0] == "ok":
            return pickle.loads(reply[1])
        if reply[0] == "exit":  # the function called os._exit
            self.close()
            raise LessonCodeError(f"{name}() ended the lesson's process (exit status {reply[1]})")
        raise LessonCodeError(reply[1])

    def _ask(self, message: tuple, what: str) -> tuple:
        """Send a call or a read to this (finished, idle) process and return its answer; `what` (a
        function's call, its values) names it in the LessonCodeError raised when there is none."""
        with self._call_lock:
            if self.closed:
                raise LessonCodeError(f"{what} belonged to a run that has ended; run the lesson again")
            if not self.send(message):
                raise LessonCodeError(f"{what} cannot be reached: the lesson's process has ended")
            try:
                if not self.conn.poll(CALL_TIMEOUT):
                    self.close()
                    raise LessonCodeError(f"{what} took longer than {CALL_TIMEOUT:g} s and was stopped")
                return self.conn.recv()
            except (EOFError, OSError):
                self.close()
                raise LessonCodeError(f"{what} ended the lesson's process (exit status {self.exit_status()})") from None


class ChildFunction:
    """A function of the lesson's code, called in the finished run's process (it cannot be copied)."""

    def __init__(self, child: ChildProcess, name: str) -> None:
        self._child = child
        self.__name__ = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._child.call(self.__name__, args, kwargs)

    def __repr__(self) -> str:
        return f"<lesson function {self.__name__}()>"


# -- the spare process, the warm server and the idle ones ----------------------------------------
_lock = threading.Lock()
_server_changed = threading.Condition(_lock)
"""Notified (holding _lock) when a warm server is in place or has failed."""
_spare: ChildProcess | None = None
_spare_starting = False
_warm: dict[str, None] = {}
"""Slow modules runs have imported, in the order they were first imported (a set that keeps order)."""
_server: WarmServer | None = None
"""The warm forkserver new processes come from, once it has forked its first one."""
_server_starting = False
_server_failed = False
"""A warm server could not fork (a module it imports broke it): fall back to warming spares."""
_idle: collections.deque[ChildProcess] = collections.deque()


def take() -> ChildProcess:
    """A started lesson process waiting for its job (the spare if there is one), and a new spare."""
    global _spare
    with _lock:
        child, _spare, server = _spare, None, _server
    if child is None or not child.process.is_alive():
        if child is not None:
            child.close()
        child = ChildProcess([], server)  # imports only what its lesson imports (and the server's)
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
        # Without a warm server it starts cold: a run is going on now, and importing scikit-learn
        # (~1 s of a core) beside it would slow it down. It warms up when that run ends (run_ended).
        spare = ChildProcess([], _server)
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
"""Packages whose modules may be imported ahead of need: slow to import, free of side effects (a
lesson could import anything, e.g. `antigravity`, which opens a browser)."""


def _package(module: str) -> str:
    return module.split(".", 1)[0]


def _new_packages(modules: tuple[str, ...] | list[str], served: tuple[str, ...]) -> bool:
    """Whether `modules` belong to a package the warm server has not imported. More modules of one
    it has (load_digits imports sklearn.datasets.data, a folder of data files) are quick to import:
    a new server for them would import everything again (~1.5 s of a core), and a launch through a
    server waits for its imports."""
    packages = {_package(m) for m in served}
    return any(_package(m) not in packages for m in modules)


def run_ended(modules: list[str]) -> None:
    """A run ended, having imported `modules` (in import order), or one is about to (prepare): the
    slow ones runs use are imported ahead, by a warm forkserver that every later process is forked
    from (or, where there is none, by the spare while it waits)."""
    global _server_starting
    with _lock:
        _warm.update(dict.fromkeys(m for m in modules if _package(m) in WARM_PACKAGES))
        spare, warm = _spare, tuple(_warm)
        served = _server.modules if _server is not None else ()
        start_server = (
            _new_packages(warm, served) and not _server_starting and not _server_failed and forkservers.can_warm()
        )
        if start_server:
            _server_starting = True
        warm_spare = _server_failed or not forkservers.can_warm()
    if start_server:
        threading.Thread(target=_start_warm_server, args=(warm,), name="grok-tui warm forkserver", daemon=True).start()
    elif warm_spare and spare is not None and spare.warmed < len(warm):
        spare.warmed = len(warm)
        spare.send(("warm", list(warm)))


PREPARE_WAIT = 60.0
"""Seconds a run waits at most for the warm server it asked for (prepare); then it starts cold."""


def prepare(modules: tuple[str, ...] | list[str], wait: float = 0.0) -> None:
    """A run is about to import `modules` (read from its code, see lesson_imports.py): start a warm
    server with the slow ones among them now, so that the run's process is forked with them loaded.
    Without this the first run imports them itself and the warm server then imports them again.
    With `wait`, block (at most that many seconds) until that server is in place or has failed: a
    run's own thread does, instead of importing them itself. Quick when there is nothing to do."""
    slow = [m for m in modules if _package(m) in WARM_PACKAGES]
    if not slow or not forkservers.can_warm():
        return
    run_ended(slow)  # a server with them, now or after the one starting, unless one has them
    if wait > 0:
        with _server_changed:
            _server_changed.wait_for(
                lambda: _server_failed or (_server is not None and not _new_packages(slow, _server.modules)), wait
            )


def _start_warm_server(modules: tuple[str, ...]) -> None:
    """Start a forkserver that imports `modules`, fork a spare from it (which waits for the import),
    then make it the server later processes come from; the cold spare it replaces is ended."""
    global _server, _server_starting, _server_failed, _spare
    server = WarmServer(modules)
    try:
        server.ensure_running()
        spare: ChildProcess | None = ChildProcess([], server)
    except Exception:
        spare = None
    ok = spare is not None and spare.process.is_alive()
    with _server_changed:
        _server_starting = False
        if ok:
            _server, old, _spare = server, _spare, spare
        else:
            _server_failed = True
        _server_changed.notify_all()
    if not ok:
        if spare is not None:
            spare.close()
        run_ended([])  # warm the spare instead, as before there were warm servers
        return
    if old is not None:
        old.close()
    with _lock:
        newer = _new_packages(tuple(_warm), modules)
    if newer:  # runs imported more meanwhile: a server with those too
        run_ended([])


def keep_idle(child: ChildProcess) -> None:
    """Keep a finished run's process to answer calls; end the oldest beyond KEEP_IDLE."""
    with _lock:
        _idle.append(child)
        extra = [_idle.popleft() for _ in range(max(0, len(_idle) - KEEP_IDLE))]
    for old in extra:
        old.retire()


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


def lesson_line(dump: str, path: str) -> int:
    """The innermost line of the lesson file in a faulthandler dump (0 if none)."""
    marker = f'File "{path}", line '
    for text in dump.splitlines():
        text = text.strip()
        if text.startswith(marker):
            number = text[len(marker) :].split()[0]
            if number.isdigit():
                return int(number)
    return 0

"""Where lesson processes are forked from: multiprocessing forkservers with modules imported ahead.

Plain fork is unsafe in the tutor (it has threads), and starting a fresh Python for every run would
import numpy each time. So lessons are forked from a forkserver that has numpy and the child module
imported already (spawn where the platform has no forkserver).

Once runs have imported slow packages (scikit-learn for the digits: ~1.1 s of a core at every
import), a second forkserver is started in the background with those modules imported too. Every
later process is forked from it with them in memory: a re-run of a digits lesson, or a check that
runs one with eight parameter sets, pays that import once instead of once per run. The first
server stays: its children (a kept idle process, a spare) live on, and a forkserver's children
are killed when it ends (child.py asks for that, so no lesson outlives the tutor).
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import os
import sys
import tempfile
import threading
from multiprocessing import context as _mp_context
from typing import Any

_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
BASE_PRELOAD = ("numpy", "numpy.random", "grok_tui.engine.child")
"""What every forkserver imports (numpy.random: numpy 2 imports it lazily, ~0.1 s at first use)."""

_context_lock = threading.Lock()
_context: Any = None
_starting = threading.local()
"""Set while this thread starts a lesson process or a server: its preparation leaves out __main__."""


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


@contextlib.contextmanager
def starting():
    """While a lesson process (or a server) is being started by this thread."""
    _starting.active = True
    try:
        yield
    finally:
        _starting.active = False


def context():
    """The multiprocessing context: a forkserver with numpy preloaded (spawn where there is none)."""
    global _context
    with _context_lock:
        if _context is None:
            # Lessons multiply small matrices: extra BLAS threads only fight the tutor for the cores,
            # and one thread gives the numbers the book checks were written against. Set before the
            # forkserver imports numpy. (One thread also keeps a server safe to fork from.)
            for var in _BLAS_THREADS:
                os.environ.setdefault(var, "1")
            from multiprocessing import spawn

            if not hasattr(spawn.get_preparation_data, "wrapped"):
                spawn.get_preparation_data = _preparation_without_main(spawn.get_preparation_data)
            if "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(list(BASE_PRELOAD))
                _sockets_in_a_short_folder()
                start_servers()
            else:
                _context = multiprocessing.get_context("spawn")
        return _context


SOCKET_PATH_MAX = 103
"""The longest path a Unix socket can have (sun_path: 104 bytes on macOS, 108 on Linux, with its 0)."""
SOCKET_NAME = "/pymp-XXXXXXXX/listener-XXXXXXXX"
"""What multiprocessing adds to the temp folder for a forkserver's socket."""


def _sockets_in_a_short_folder() -> None:
    """The forkservers listen on Unix sockets in multiprocessing's temp folder, inside $TMPDIR. A long
    TMPDIR (a cluster job's scratch folder) made every run fail with "AF_UNIX path too long": then
    that folder is made in the system's short one. (Python 3.13's multiprocessing does the same.)"""
    from multiprocessing import util

    if len(tempfile.gettempdir() + SOCKET_NAME) <= SOCKET_PATH_MAX:
        return
    for short in ("/tmp", "/var/tmp", "/usr/tmp"):
        if os.path.isdir(short) and os.access(short, os.W_OK | os.X_OK):
            saved, tempfile.tempdir = tempfile.tempdir, short
            try:
                util.get_temp_dir()  # made now, kept for the session, removed at exit
            finally:
                tempfile.tempdir = saved
            return


_servers_lock = threading.Lock()
"""One thread at a time swaps sys.stderr around starting a server."""


@contextlib.contextmanager
def _stderr_to_null():
    """Servers are started with stderr on /dev/null: they pass sys.stderr's file descriptor on, which
    inside the running app is Textual's capture (no valid descriptor: "bad value(s) in
    fds_to_keep"), and nothing of theirs belongs on the learner's screen."""
    saved = sys.stderr
    with open(os.devnull, "w", encoding="utf-8") as null:
        sys.stderr = null
        try:
            yield
        finally:
            sys.stderr = saved


def start_servers() -> None:
    """Make sure multiprocessing's resource tracker and the plain forkserver run (restarts the
    forkserver if the lesson's code killed it)."""
    from multiprocessing import forkserver, resource_tracker

    with _servers_lock:
        saved = sys.stderr
        try:
            if saved is not None and saved.fileno() >= 0 and _tracker_running():
                forkserver.ensure_running()
                return
        except (AttributeError, OSError, ValueError):
            pass
        with _stderr_to_null():
            resource_tracker.ensure_running()
            forkserver.ensure_running()


def _tracker_running() -> bool:
    from multiprocessing import resource_tracker

    tracker = resource_tracker._resource_tracker
    return getattr(tracker, "_pid", None) is not None and getattr(tracker, "_fd", None) is not None


# -- the warm server ------------------------------------------------------------------------------
_launching = threading.local()
"""The ForkServer that WarmServer.start() on this thread goes through (None: the module's one)."""


class WarmServer:
    """A forkserver of our own that also imports `modules` before it forks anything."""

    def __init__(self, modules: tuple[str, ...]) -> None:
        from multiprocessing import forkserver

        self.modules = modules
        self.server = forkserver.ForkServer()
        self.server.set_forkserver_preload([*BASE_PRELOAD, *modules])

    def ensure_running(self) -> None:
        context()
        start_servers()  # the resource tracker first, with stderr on /dev/null
        with _servers_lock, _stderr_to_null(), starting():
            self.server.ensure_running()

    def start(self, process: WarmProcess) -> None:
        """Start `process`, forked by this server."""
        _launching.server = self.server
        try:
            process.start()
        finally:
            _launching.server = None


class WarmProcess(getattr(_mp_context, "ForkServerProcess", _mp_context.Process)):  # type: ignore[misc]
    """A process forked by a WarmServer (WarmServer.start); module level, as the child unpickles it."""

    @staticmethod
    def _Popen(process_obj: Any) -> Any:
        return _popen_through_chosen_server()(process_obj)


@functools.cache
def _popen_through_chosen_server() -> type:
    """popen_forkserver.Popen, launching through the server WarmServer.start() set for this thread
    (made on first use: popen_forkserver cannot be imported where there is no forkserver)."""
    from multiprocessing import forkserver, popen_forkserver

    # popen_forkserver reaches a server through forkserver.connect_to_new_process (the module's one
    # server) at call time: that name now asks this thread's choice. Each thread chooses its own, so
    # no launch waits for another: a launch through a server still importing its modules takes
    # seconds, and a lock around launches held every other run's start for that long.
    default = forkserver._forkserver

    def connect_to_new_process(fds: Any) -> Any:
        server = getattr(_launching, "server", None) or default
        return server.connect_to_new_process(fds)

    forkserver.connect_to_new_process = connect_to_new_process
    return popen_forkserver.Popen


def can_warm() -> bool:
    """Whether this platform forks lessons from a forkserver (else warm servers are not used)."""
    return context().get_start_method() == "forkserver"

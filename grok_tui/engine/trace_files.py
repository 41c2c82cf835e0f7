"""The trace files of lesson processes: where a process's faulthandler writes its stack (the line it
is on when asked, its last words when it crashes), one file in the temp folder each, removed when
the process ends, at the tutor's exit, or by the next tutor if this one was killed outright."""

from __future__ import annotations

import atexit
import contextlib
import os
import tempfile

TRACE_PREFIX = "grok-tui-lesson-"
"""A lesson process's trace file is named this, the tutor's pid, "-", a random part and ".trace"."""
_swept = False


def _sweep_once() -> None:
    """Remove, once a session, the trace files of tutors no longer running: one killed outright
    (SIGKILL, a test run cut by `timeout`) cannot remove its own, and 32 gathered in /tmp in an hour."""
    global _swept
    if _swept or os.name != "posix":  # Windows' os.kill(pid, 0) ends the process
        return
    _swept = True
    sweep_stale_traces(tempfile.gettempdir())


def sweep_stale_traces(folder: str) -> list[str]:
    """Remove the trace files in `folder` whose tutor (the pid in their name) is gone; their names."""
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            owner = entry.name.removeprefix(TRACE_PREFIX).partition("-")[0]
            if not (entry.name.startswith(TRACE_PREFIX) and entry.name.endswith(".trace") and owner.isdigit()):
                continue
            if _alive(int(owner)):
                continue
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
                removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: alive, and not ours to remove
        return True
    return True


_trace_files: set[str] = set()
"""Trace files of lesson processes not ended yet. A process's finalizer removes its own, but one
that was still starting at exit (a hang-up at launch) has no finalizer yet."""


@atexit.register
def _remove_trace_files() -> None:
    for path in list(_trace_files):
        with contextlib.suppress(OSError):
            os.unlink(path)


def new() -> str:
    """A new empty trace file's path, named after this tutor (stale ones swept first, once)."""
    _sweep_once()
    fd, path = tempfile.mkstemp(prefix=f"{TRACE_PREFIX}{os.getpid()}-", suffix=".trace")
    os.close(fd)
    _trace_files.add(path)
    return path


def remove(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
    _trace_files.discard(path)

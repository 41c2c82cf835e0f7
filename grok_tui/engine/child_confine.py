"""What a lesson's process does to itself before it runs any lesson code (grok_tui.engine.child):
the terminal and the keyboard are the tutor's, its memory is limited, it has a process group of its
own, and it ends with the process that forked it."""

from __future__ import annotations

import io
import os
import signal
import sys

MEMORY_LIMIT = 4 * 1024**3
"""Address space a lesson's process may use (bytes): a runaway allocation fails as MemoryError."""

NO_KEYBOARD = (
    "input() cannot read the keyboard in a lesson: the tutor owns it (make the value a parameter of the lesson instead)"
)


class NoKeyboard(io.TextIOBase):
    """sys.stdin of the lesson's process. The builtin input() reads it, so input() fails with a clear
    message while staying the builtin (a lesson that misuses the name `input` prints its real type)."""

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> str:
        raise EOFError(NO_KEYBOARD)

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]  # a text stream
        raise EOFError(NO_KEYBOARD)

    def fileno(self) -> int:
        return 0  # /dev/null

    def isatty(self) -> bool:
        return False


def detach_terminal() -> None:
    """The terminal belongs to the tutor: stdin, stdout and stderr of this process go nowhere."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    os.close(null)
    sys.stdin = NoKeyboard()
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (open for the process's life)


def limit_self() -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the tutor's to handle
    except (ValueError, OSError):
        pass
    try:  # a group of its own: ending the run ends what its code started too (a stray `sleep`)
        os.setpgid(0, 0)
    except (AttributeError, OSError):
        pass
    try:
        import resource

        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        try:  # end with the process that forked us (the forkserver ends with the tutor)
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

"""When the terminal goes away (SIGHUP: the SSH link dropped, the window closed) or the tutor is told
to stop (SIGTERM), save what the learner typed before leaving.

The exercise editor saves after a pause in typing; without this, the keys typed in the last moment
before a hang-up were lost, since the default action of both signals ends the process at once.

A terminal can also go without a SIGHUP: a pseudo-terminal whose other end closed, for a tutor that
was not its session's leader (started through a relay, or under another program). Its reads then
return nothing at once, and Textual's input thread read on for ever: a tutor left behind spun a
core at 96% for 45 minutes. The app looks every TERMINAL_CHECK seconds whether its terminal still
exists (a removed pseudo-terminal has no link left) and leaves as on a hang-up.

Dying of the signal skips what a normal exit does after the app: ending the lesson processes and
removing their trace files and multiprocessing's folder. Each hang-up left three of them in the temp
folder, so the tutor runs those exit functions itself first.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import signal
import stat
import sys
from collections.abc import Callable

from textual.app import App

TERMINAL_CHECK = 2.0
"""Seconds between two looks at whether the terminal still exists (one fstat)."""


def install(app: App) -> None:
    """Handle SIGHUP and SIGTERM on the app's event loop (not in headless tests: they share the
    test process's signals), and notice a terminal gone without a SIGHUP."""
    if app.is_headless:
        return
    loop = asyncio.get_running_loop()
    for name, leave in (("SIGHUP", _die_of), ("SIGTERM", lambda _: app.exit())):
        number = getattr(signal, name, None)  # Windows has no SIGHUP
        if number is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, _save_then, app, number, leave)
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None:
        app.set_interval(TERMINAL_CHECK, lambda: check_terminal(app, hangup))


def check_terminal(app: App, number: int, fd: int | None = None) -> bool:
    """Leave as on `number` (SIGHUP) when the terminal is gone; False while it is there."""
    if not terminal_gone(sys.__stdin__.fileno() if fd is None and sys.__stdin__ is not None else fd):
        return False
    _save_then(app, number, _die_of)
    return True


def terminal_gone(fd: int | None) -> bool:
    """Whether `fd` is a terminal device whose node was removed (a closed pseudo-terminal)."""
    if fd is None:
        return False
    try:
        st = os.fstat(fd)
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(st.st_mode) and st.st_nlink == 0


def save_drafts(app: App) -> None:
    """Write every screen's unsaved draft now, in this thread."""
    for screen in app.screen_stack:
        save = getattr(screen, "save_draft", None)
        if save is not None:
            save()


def _save_then(app: App, number: int, leave: Callable[[int], None]) -> None:
    save_drafts(app)
    places = getattr(app, "places", None)  # where the learner was reading: the link dropped mid-lesson
    if places is not None:
        places.save()
    save_params = getattr(app, "save_params", None)  # and the params each lesson was left with
    if save_params is not None:
        save_params()
    leave(number)


def _die_of(number: int) -> None:
    """End as the signal's default action would. A hung-up terminal cannot be restored, and Textual's
    shutdown waited for ever to write to it (its writer queue full of frames nobody reads)."""
    run_exit_functions = getattr(atexit, "_run_exitfuncs", None)  # CPython's, not a public name
    if run_exit_functions is not None:
        with contextlib.suppress(Exception):
            run_exit_functions()  # none of them writes to the terminal
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)

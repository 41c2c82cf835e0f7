"""When the terminal goes away (SIGHUP: the SSH link dropped, the window closed) or the tutor is told
to stop (SIGTERM), save what the learner typed before leaving.

The exercise editor saves after a pause in typing; without this, the keys typed in the last moment
before a hang-up were lost, since the default action of both signals ends the process at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from collections.abc import Callable

from textual.app import App


def install(app: App) -> None:
    """Handle SIGHUP and SIGTERM on the app's event loop (not in headless tests: they share the
    test process's signals)."""
    if app.is_headless:
        return
    loop = asyncio.get_running_loop()
    for name, leave in (("SIGHUP", _die_of), ("SIGTERM", lambda _: app.exit())):
        number = getattr(signal, name, None)  # Windows has no SIGHUP
        if number is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, _save_then, app, number, leave)


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
    leave(number)


def _die_of(number: int) -> None:
    """End as the signal's default action would. A hung-up terminal cannot be restored, and Textual's
    shutdown waited for ever to write to it (its writer queue full of frames nobody reads)."""
    signal.signal(number, signal.SIG_DFL)
    os.kill(os.getpid(), number)

"""When the terminal goes away (SIGHUP: the SSH link dropped, the window closed) or the tutor is told
to stop (SIGTERM), save what the learner typed before leaving.

The exercise editor saves after a pause in typing; without this, the keys typed in the last moment
before a hang-up were lost, since the default action of both signals ends the process at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal

from textual.app import App


def install(app: App) -> None:
    """Handle SIGHUP and SIGTERM on the app's event loop (not in headless tests: they share the
    test process's signals)."""
    if app.is_headless:
        return
    loop = asyncio.get_running_loop()
    for name in ("SIGHUP", "SIGTERM"):
        number = getattr(signal, name, None)  # Windows has no SIGHUP
        if number is not None:
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, hang_up, app)


def hang_up(app: App) -> None:
    """Write every screen's unsaved draft now, then leave as `q` does (the terminal, if it is still
    there, is restored)."""
    for screen in app.screen_stack:
        save = getattr(screen, "save_draft", None)
        if save is not None:
            save()
    app.exit()

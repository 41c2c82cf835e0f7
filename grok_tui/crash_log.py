"""Where a crash of the tutor is written down: a log file the learner can send, never a traceback
over their terminal. No Textual here."""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path

from grok_tui import __version__
from grok_tui.user_dirs import user_dir

LOG_ENV = "GROK_TUI_LOG_DIR"


def log_dir() -> Path:
    """$GROK_TUI_LOG_DIR, else the platform's user state folder for grok-tui."""
    return user_dir(LOG_ENV, "state")


def write_crash_log(error: BaseException) -> Path | None:
    """Write the traceback of `error` to crash-<time>.log (the temp folder if the state folder cannot
    be written); the file's path, or None if nothing could be written."""
    text = f"grok-tui {__version__} stopped on an error at {time.strftime('%Y-%m-%d %H:%M:%S')}\n\n" + "".join(
        traceback.format_exception(error)
    )
    name = f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "grok-tui"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    return None


def crash_line(error: BaseException, path: Path | None) -> str:
    """The one line printed after the terminal is restored."""
    what = f"{type(error).__name__}: {error}".strip().rstrip(":")
    if len(what) > 200:
        what = what[:199] + "…"
    where = f"the details are in {path}" if path else "no log file could be written"
    return f"grok-tui stopped on an unexpected error ({what}); {where}"

"""The parsed course kept between starts, so opening the tutor does not parse every lesson again.

Parsing all 30 lesson files is ~0.07 s of a ~0.36 s start; unpickling the result takes ~2 ms. The
cache is valid while every lesson file and every source file of the lesson package has the same
path and content (a hash: file times are too coarse for an edit within milliseconds); anything
else (a new file, an edit, a new grok-tui, an unreadable cache) parses afresh. It lives in the
user's cache directory ($GROK_TUI_CACHE, else $GROK_TUI_DATA/cache when either is set).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
from pathlib import Path
from typing import Any

CACHE_ENV = "GROK_TUI_CACHE"
CACHE_FILE = "catalog.pickle"
FORMAT = 1


def cache_path() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser() / CACHE_FILE
    env = os.environ.get("GROK_TUI_DATA")
    if env:
        return Path(env).expanduser() / "cache" / CACHE_FILE
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("grok-tui", appauthor=False)) / CACHE_FILE


def stamp(root: Path, files: list[Path]) -> tuple[Any, ...] | None:
    """What the parsed catalog depends on: the lesson files and the code that parses them. None when
    a file is not a plain readable file (a folder, a fifo, a dangling link): then nothing is cached
    and the parse reports it."""
    code = sorted(Path(__file__).parent.glob("*.py"))
    digest = hashlib.blake2b(digest_size=16)
    for path in (*files, *code):
        try:
            if not stat.S_ISREG(path.stat().st_mode):
                return None
            data = path.read_bytes()
        except OSError:
            return None
        digest.update(str(path).encode() + b"\0" + data + b"\0")
    return (FORMAT, sys.version_info[:2], str(root.resolve()), digest.hexdigest())


def load(key: tuple[Any, ...] | None) -> Any | None:
    if key is None:
        return None
    try:
        with cache_path().open("rb") as handle:
            saved_key, catalog = pickle.load(handle)
    except Exception:  # missing, unreadable, from another version: parse afresh
        return None
    return catalog if saved_key == key else None


def save(key: tuple[Any, ...] | None, catalog: Any) -> None:
    if key is None:
        return
    path = cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps((key, catalog), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs the next start the parse

"""Writing the learner's files so that nothing is lost: atomic writes, damaged files set aside (never
deleted), timestamped backups under names no older backup has."""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import IO, Any


def atomic_write(path: Path, text: str | bytes, *, mode: int | None = None) -> None:
    """Write `text` to `path` so that readers see the old or the new content, never a mix. The file
    is private to the user (mkstemp's 0600), as the data directory's files are, unless `mode` is
    given (a file written for the learner elsewhere: `user_file_mode`). Bytes are written as they
    are (a file put back exactly as it was)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        f: IO[Any] = os.fdopen(fd, "wb") if isinstance(text, bytes) else os.fdopen(fd, "w", encoding="utf-8")
        with f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json_object(path: Path | None) -> dict:
    """The JSON object in `path`, or {} if there is none, it cannot be read, or it is no object: for
    files that are not the learner's work (reading places, kept params), where a damaged one is
    simply started afresh."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def user_file_mode(path: Path) -> int:
    """The mode a plain `open(path, "w")` leaves: the file's own if it exists, else 0666 minus the
    umask (read by setting it and back: process-wide, so only for the command line's one thread)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        pass
    umask = os.umask(0o077)
    os.umask(umask)
    return 0o666 & ~umask


def set_aside(path: Path) -> Path:
    """Move a damaged file out of the way, keeping it for the learner: progress.json.damaged-<time>."""
    target = free_name(path, "damaged")
    os.replace(path, target)
    return target


def damaged_notice(what: str, error: object, kept: Path, starts_over: str = "") -> str:
    """What the learner is told of a file set aside: its new name on a line of its own (at 80 columns
    the notice broke it mid-name), the folder it is in, what starts over (`starts_over`), and the
    reader's complaint last ("beside it" named no folder, and nothing said what was lost)."""
    then = f" {starts_over}" if starts_over else ""
    return f"{what} could not be read; it was kept as\n{kept.name}\nin {kept.parent}.{then}\n({error})"


def backup(path: Path, *, copy: bool = False) -> Path | None:
    """Rename `path` (or with `copy`, copy the file) to `path.bak-<time>`, never overwriting an older
    backup; None if it is absent."""
    if not path.exists():
        return None
    target = free_name(path)
    if copy:
        shutil.copy2(path, target)
    else:
        os.replace(path, target)
    return target


def free_name(path: Path, tag: str = "bak") -> Path:
    """A free name `path.<tag>-<time>` (or `path.<tag>-<time>-N`) beside `path`: nothing has it yet."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
        n += 1
    return target

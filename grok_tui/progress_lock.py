"""The lock two writers of progress.json share (the tutor, and `grok-tui verify` / `hint` beside it):
progress.json.lock, held with flock while a writer reads, merges and writes (grok_tui/progress.py).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: saves still merge, without the lock between processes
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = "progress.json.lock"

_root_locks: dict[Path, threading.RLock] = {}
_root_depth: dict[Path, int] = {}
_root_guard = threading.Lock()


class progress_lock:
    """Holds progress.json.lock (flock) while a writer reads, merges and writes; re-entrant within a
    thread (loading migrates, then writes). Where no lock file can be taken (a read-only folder, no
    fcntl) only the threads of this process are kept apart: the write itself says what is wrong."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        self.fd: int | None = None

    def __enter__(self) -> progress_lock:
        with _root_guard:
            lock = _root_locks.setdefault(self.root, threading.RLock())
        lock.acquire()
        depth = _root_depth.get(self.root, 0)
        _root_depth[self.root] = depth + 1
        if depth == 0 and fcntl is not None:
            try:
                # No folder yet: no other writer either (creating it here would hide which folder
                # refused the write).
                self.fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
                fcntl.flock(self.fd, fcntl.LOCK_EX)
            except OSError:
                if self.fd is not None:
                    os.close(self.fd)
                self.fd = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
        _root_depth[self.root] -= 1
        _root_locks[self.root].release()

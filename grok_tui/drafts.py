"""The learner's drafts: what they typed for each exercise, one file an exercise, drafts/LESSON/NAME.py
under the data directory (grok_tui/progress.py has the rest of the saved state).

A draft is written atomically, off the UI thread (DraftSaver); one that cannot be written is kept in
memory (`unsaved`) and offered for saving elsewhere on quit; one that cannot be read is set aside;
starting over, a reset or an edit made both in the tutor and outside it keeps the older text as
NAME.py.bak-<time>. The folder records the course version its paths follow (drafts/.course), so a
renumbering moves it once (grok_tui/progress_migrate.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from grok_tui.safe_files import atomic_write, backup, damaged_notice, free_name, set_aside

DRAFTS_DIR = "drafts"
DRAFTS_VERSION = ".course"
"""The file in the drafts folder that holds the course version its paths follow."""
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_name(part: str) -> str:
    """A lesson id or exercise name as one harmless path component."""
    part = _UNSAFE.sub("_", part)
    return part if part.strip(".") else "_" + part


class DraftFiles:
    """The draft methods of Progress (which mixes this in): it provides the attributes below."""

    root: Path
    course_version: int | None
    notice: str
    """Set when a draft could not be read; the UI shows it once."""
    unsaved: dict[tuple[str, str], str]
    """Drafts that could not be written, by (lesson, exercise): offered for saving elsewhere on quit."""
    draft_notices: list[str]
    """The notices of drafts set aside, until told (Progress.draft_notices)."""
    on_draft_set_aside: Callable[[str], None] | None
    """Told each such notice instead, when set (Progress.on_draft_set_aside)."""

    if TYPE_CHECKING:

        def _save_failed(self, path: Path, exc: OSError) -> None:
            """Say why a write failed (Progress: save_error and the UI's handler)."""

    @property
    def drafts_dir(self) -> Path:
        return self.root / DRAFTS_DIR

    def lesson_drafts_dir(self, lesson_id: str) -> Path:
        return self.drafts_dir / safe_name(lesson_id)

    def draft_path(self, lesson_id: str, name: str) -> Path:
        return self.lesson_drafts_dir(lesson_id) / f"{safe_name(name)}.py"

    def load_draft(self, lesson_id: str, name: str) -> str | None:
        """The learner's last typed code, or None. An unreadable draft is set aside with a notice."""
        path = self.draft_path(lesson_id, name)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            try:
                moved = set_aside(path)
                self.notice = damaged_notice(
                    f"Your draft of {lesson_id}/{name}", exc, moved, "The exercise starts from its stub."
                )
            except OSError:
                self.notice = f"Your draft of {lesson_id}/{name} could not be read ({exc})."
            if self.on_draft_set_aside is not None:
                self.on_draft_set_aside(self.notice)
            else:
                self.draft_notices.append(self.notice)
            return None

    def draft_begun(self, lesson_id: str, name: str, stub: str) -> bool:
        """Whether the learner wrote something in this exercise and left it: a draft that is not the
        stub (the exercise chooser marks it, `hint` and `edit` without an id go back to it)."""
        draft = self.load_draft(lesson_id, name) if self.draft_path(lesson_id, name).exists() else None
        return draft is not None and draft.strip() != stub.strip()

    def save_draft(self, lesson_id: str, name: str, code: str) -> None:
        """Write a draft; if that fails it is kept in `unsaved` (and the error raised)."""
        path = self.draft_path(lesson_id, name)
        try:
            atomic_write(path, code)
            self._mark_drafts()
        except OSError as exc:
            self.unsaved[(lesson_id, name)] = code
            self._save_failed(path, exc)
            raise
        self.unsaved.pop((lesson_id, name), None)

    def _mark_drafts(self) -> None:
        """Record in the drafts folder which course version its paths follow (a learner with drafts
        but no progress file yet must not have them moved by a later load)."""
        marker = self.drafts_dir / DRAFTS_VERSION
        if self.course_version is not None and not marker.exists():
            atomic_write(marker, f"{self.course_version}\n")

    def save_unsaved(self, folder: Path) -> list[Path]:
        """Write every draft that could not be saved into `folder` (LESSON/NAME.py); the files written."""
        written = []
        for (lesson_id, name), code in sorted(self.unsaved.items()):
            path = Path(folder).expanduser() / safe_name(lesson_id) / f"{safe_name(name)}.py"
            atomic_write(path, code)
            written.append(path)
        self.unsaved.clear()
        return written

    def backup_draft(self, lesson_id: str, name: str) -> Path | None:
        """Copy the draft to <name>.py.bak-<time> (before the learner starts over); None if none."""
        return backup(self.draft_path(lesson_id, name), copy=True)

    def latest_backup(self, lesson_id: str, name: str) -> Path | None:
        """The newest <name>.py.bak-<time> beside the draft (its name sorts by time), if any."""
        draft = self.draft_path(lesson_id, name)
        try:
            kept = sorted(draft.parent.glob(f"{draft.name}.bak-*"))
        except OSError:
            return None
        return kept[-1] if kept else None


def keep_draft_copy(drafts: DraftFiles, lesson_id: str, name: str, text: str) -> Path:
    """Keep `text` beside the draft as <name>.py.bak-<time>: the older side when the same draft was
    edited both in the tutor and outside it (`grok-tui edit`), so neither edit is lost."""
    target = free_name(drafts.draft_path(lesson_id, name))
    atomic_write(target, text)
    return target


_UNKNOWN = object()


class DraftSaver:
    """Writes drafts off the caller's thread, newest text last, so typing never waits on the disk.

    `submit` only records the text (the newest for each draft replaces an older one still pending);
    one daemon thread writes what is pending. `flush` writes everything pending in the calling thread
    (on leaving a screen). Taking a text and writing it happen under one lock, so writes never
    overtake each other and `flush` returns only once every text submitted before it is on disk.

    A write never silently replaces an edit made outside the tutor: when the file no longer holds
    what this saver last wrote or was told (`expect`), that text is kept as NAME.py.bak-<time>
    first, and its name goes to `kept` for the screen to say. (The screen's own check for outside
    edits polls once a second; the autosave, 0.3 s after a key, wrote over an edit made in between.)
    """

    def __init__(self, progress: DraftFiles) -> None:
        self.progress = progress
        self._pending: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        """Guards _pending and _thread."""
        self._write_lock = threading.Lock()
        """Held from taking a text until it is written."""
        self._thread: threading.Thread | None = None
        self.error: str = ""
        """The last write error (disk full, permissions), for the UI to show."""
        self._on_disk: dict[tuple[str, str], object] = {}
        """Per draft, the text this saver last wrote or was told the file holds (None: no file)."""
        self.kept: list[str] = []
        """Names of outside versions kept aside before a write, for the UI to say (it empties it)."""

    def expect(self, lesson_id: str, name: str, text: str | None) -> None:
        """The draft file holds `text` (None: there is none): the caller read or adopted it."""
        with self._lock:
            self._on_disk[(lesson_id, name)] = text

    def written(self, lesson_id: str, name: str) -> str | None:
        """The text this saver last wrote to the draft or was told it holds (None: none known)."""
        with self._lock:
            text = self._on_disk.get((lesson_id, name))
        return text if isinstance(text, str) else None

    def busy(self) -> bool:
        """Whether a text submitted is still to be written (or being written): the file may hold an
        older text of the caller's meanwhile."""
        with self._lock:
            return bool(self._pending) or self._thread is not None

    def submit(self, lesson_id: str, name: str, code: str) -> None:
        with self._lock:
            self._pending[(lesson_id, name)] = code
            if self._thread is None:
                self._thread = threading.Thread(target=self._drain, name="draft saver", daemon=True)
                self._thread.start()

    def _take(self) -> tuple[tuple[str, str], str] | None:
        with self._lock:
            if not self._pending:
                self._thread = None  # the next submit starts a fresh thread
                return None
            return self._pending.popitem()

    def _drain(self) -> None:
        while self._write_next():
            pass

    def _write_next(self) -> bool:
        """Write one pending text; False when nothing was pending."""
        with self._write_lock:
            job = self._take()
            if job is None:
                return False
            (lesson_id, name), code = job
            try:
                self._keep_outside_edit(lesson_id, name, code)
                self.progress.save_draft(lesson_id, name, code)
                self.error = ""
                with self._lock:
                    self._on_disk[(lesson_id, name)] = code
            except OSError as exc:
                self.error = f"could not save your draft: {exc}"
            return True

    def _keep_outside_edit(self, lesson_id: str, name: str, code: str) -> None:
        with self._lock:
            expected = self._on_disk.get((lesson_id, name), _UNKNOWN)
        if expected is _UNKNOWN:
            return
        try:
            current: str | None = self.progress.draft_path(lesson_id, name).read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        except (OSError, UnicodeDecodeError):
            return  # unreadable: the write below says what is wrong, or the reader sets it aside
        if current is not None and current != expected and current != code:
            self.kept.append(keep_draft_copy(self.progress, lesson_id, name, current).name)

    def flush(self) -> None:
        """Write everything pending now, in this thread (after a write in progress on the saver's)."""
        while self._write_next():
            pass

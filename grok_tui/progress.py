"""The learner's saved state: lessons started and done, exercises passed, their code, the last lesson.

Everything is written atomically (temp file + rename) under the platform's user data directory, so a
crash or `kill -9` leaves either the old file or the new one, never half of one. A file that cannot
be read is moved aside (never deleted) and the tutor starts fresh with a notice.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

DATA_ENV = "GROK_TUI_DATA"
PROGRESS_FILE = "progress.json"
DRAFTS_DIR = "drafts"
FORMAT = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


def data_dir() -> Path:
    """$GROK_TUI_DATA, else the platform's user data directory for grok-tui."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("grok-tui", appauthor=False))


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` so that readers see the old or the new content, never a mix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def set_aside(path: Path) -> Path:
    """Move a damaged file out of the way, keeping it for the learner: progress.json.damaged-<time>."""
    target = _free_name(path, "damaged")
    os.replace(path, target)
    return target


@dataclass
class Progress:
    """What the learner has done. Lesson states are "started" or "done"."""

    root: Path
    lessons: dict[str, str] = field(default_factory=dict)
    exercises: dict[str, dict] = field(default_factory=dict)
    """Keyed "LESSON/NAME": {"done": bool, "hints": int shown, "code": the passing code}."""
    last_lesson: str | None = None
    notice: str = ""
    """Set when loading had to set a damaged file aside; the UI shows it once."""
    save_error: str = ""
    """Why the last write failed ("" once one succeeds): "your progress cannot be saved: ..."."""
    on_save_error: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    """Called (from the thread that wrote) when a write fails: the UI shows a lasting notice. While
    it is set, save() does not raise."""
    unsaved: dict[tuple[str, str], str] = field(default_factory=dict)
    """Drafts that could not be written, by (lesson, exercise): offered for saving elsewhere on quit."""

    @property
    def path(self) -> Path:
        return self.root / PROGRESS_FILE

    @classmethod
    def load(cls, root: Path | None = None) -> "Progress":
        root = Path(root) if root is not None else data_dir()
        progress = cls(root)
        try:
            info = progress.path.stat()
        except (FileNotFoundError, NotADirectoryError):  # no file yet (saving will say if it cannot)
            return progress
        except OSError as exc:
            progress.notice = f"Your progress file could not be read ({exc.strerror or exc}); starting afresh."
            return progress
        try:
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read
                raise ValueError("not a regular file")
            data = json.loads(progress.path.read_text(encoding="utf-8"))
            progress._read(data)
        except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            try:
                moved = set_aside(progress.path)
                progress.notice = f"Your progress file could not be read ({exc}); it was kept as {moved.name}."
            except OSError as move_exc:
                progress.notice = f"Your progress file could not be read ({exc}) nor moved ({move_exc})."
            progress.lessons, progress.exercises, progress.last_lesson = {}, {}, None
        return progress

    def _read(self, data: object) -> None:
        """Take what a progress file holds. Only its overall shape must be right; a state or an entry
        this version does not know (a hand edit, a newer version) reads as "not started" and is kept,
        unchanged, when the file is written again."""
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        lessons, exercises = data.get("lessons", {}), data.get("exercises", {})
        if not isinstance(lessons, dict) or not isinstance(exercises, dict):
            raise ValueError("'lessons' and 'exercises' must be JSON objects")
        self.lessons = dict(lessons)
        self.exercises = dict(exercises)
        last = data.get("last_lesson")
        self.last_lesson = last if isinstance(last, str) else None

    def save(self) -> bool:
        """Write the progress file. When it cannot be written, the reason goes to `save_error`; with
        an `on_save_error` handler (the app: a lasting notice, the tutor keeps working) False is
        returned, without one (the command line: a one-line error) the OSError is raised."""
        try:
            self._write()
        except OSError as exc:
            self._save_failed(self.path, exc)
            if self.on_save_error is None:
                raise
            return False
        self.save_error = ""
        return True

    def _write(self) -> None:
        """Write the progress file or raise OSError (resets, which must not pass for done, use it)."""
        data = {"format": FORMAT, "lessons": self.lessons, "exercises": self.exercises,
                "last_lesson": self.last_lesson}
        atomic_write(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")

    def _save_failed(self, path: Path, exc: OSError) -> None:
        if isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            folder = _first_existing(path.parent)
            self.save_error = f"your progress cannot be saved: {folder} is read-only"
        else:
            self.save_error = f"your progress cannot be saved: {path}: {exc.strerror or exc}"
        if self.on_save_error is not None:
            self.on_save_error(self.save_error)

    # -- lessons ---------------------------------------------------------------------------------
    def lesson_state(self, lesson_id: str) -> str:
        """"", "started" or "done" (any other saved value reads as "": not started)."""
        state = self.lessons.get(lesson_id, "")
        return state if state in ("started", "done") else ""

    def _entry(self, lesson_id: str, name: str) -> dict:
        """An exercise's entry, {} if none or if the file holds something else there."""
        entry = self.exercises.get(self.exercise_key(lesson_id, name))
        return entry if isinstance(entry, dict) else {}

    def _own_entry(self, lesson_id: str, name: str) -> dict:
        """The exercise's entry to update (an entry that is not an object is replaced)."""
        key = self.exercise_key(lesson_id, name)
        if not isinstance(self.exercises.get(key), dict):
            self.exercises[key] = {"done": False}
        return self.exercises[key]

    def open_lesson(self, lesson_id: str) -> None:
        self.last_lesson = lesson_id
        self.lessons.setdefault(lesson_id, "started")
        self.save()

    def finish_lesson(self, lesson_id: str) -> None:
        if self.lessons.get(lesson_id) != "done":
            self.lessons[lesson_id] = "done"
            self.save()

    # -- exercises -------------------------------------------------------------------------------
    @staticmethod
    def exercise_key(lesson_id: str, name: str) -> str:
        return f"{lesson_id}/{name}"

    def exercise_done(self, lesson_id: str, name: str) -> bool:
        return self._entry(lesson_id, name).get("done") is True

    def passed_code(self, lesson_id: str) -> dict[str, str]:
        """The learner's code of every exercise of the lesson they passed: the live run uses it."""
        prefix = f"{lesson_id}/"
        return {key[len(prefix):]: entry["code"] for key, entry in self.exercises.items()
                if key.startswith(prefix) and isinstance(entry, dict) and entry.get("done") is True
                and isinstance(entry.get("code"), str)}

    def hints_shown(self, lesson_id: str, name: str) -> int:
        hints = self._entry(lesson_id, name).get("hints", 0)
        ok = isinstance(hints, int) and not isinstance(hints, bool) and hints > 0
        return hints if ok else 0  # a hand-edited file must not raise

    def show_hint(self, lesson_id: str, name: str, count: int) -> None:
        """Remember that `count` hints are now shown (they stay shown when the learner comes back)."""
        entry = self._own_entry(lesson_id, name)
        if entry.get("hints", 0) != count:
            entry["hints"] = count
            self.save()

    def record_pass(self, lesson_id: str, name: str, code: str) -> None:
        """The learner's code passed: the exercise is done and the lesson's live run uses their code."""
        hints = self.hints_shown(lesson_id, name)
        entry = self._own_entry(lesson_id, name)
        entry.update(done=True, code=code, hints=hints)
        self.save()

    # -- drafts: what the learner typed, one file an exercise -------------------------------------
    def draft_path(self, lesson_id: str, name: str) -> Path:
        return self.root / DRAFTS_DIR / _safe(lesson_id) / f"{_safe(name)}.py"

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
                self.notice = f"Your draft of {lesson_id}/{name} could not be read ({exc}); it was kept as {moved.name}."
            except OSError:
                self.notice = f"Your draft of {lesson_id}/{name} could not be read ({exc})."
            return None

    def save_draft(self, lesson_id: str, name: str, code: str) -> None:
        """Write a draft; if that fails it is kept in `unsaved` (and the error raised)."""
        path = self.draft_path(lesson_id, name)
        try:
            atomic_write(path, code)
        except OSError as exc:
            self.unsaved[(lesson_id, name)] = code
            self._save_failed(path, exc)
            raise
        self.unsaved.pop((lesson_id, name), None)

    def save_unsaved(self, folder: Path) -> list[Path]:
        """Write every draft that could not be saved into `folder` (LESSON/NAME.py); the files written."""
        written = []
        for (lesson_id, name), code in sorted(self.unsaved.items()):
            path = Path(folder).expanduser() / _safe(lesson_id) / f"{_safe(name)}.py"
            atomic_write(path, code)
            written.append(path)
        self.unsaved.clear()
        return written

    def backup_draft(self, lesson_id: str, name: str) -> Path | None:
        """Copy the draft to <name>.py.bak-<time> (before the learner starts over); None if none."""
        path = self.draft_path(lesson_id, name)
        if not path.exists():
            return None
        target = _free_name(path)
        shutil.copy2(path, target)
        return target

    # -- reset -----------------------------------------------------------------------------------
    def reset_exercise(self, lesson_id: str, name: str) -> Path | None:
        """Forget an exercise; the learner's draft is kept as <name>.py.bak-<time>. Returns the backup."""
        self.exercises.pop(self.exercise_key(lesson_id, name), None)
        self._write()
        return _backup(self.draft_path(lesson_id, name))

    def reset_lesson(self, lesson_id: str) -> list[Path]:
        """Forget a lesson: its state, its exercises; the drafts are kept as backups."""
        backups = []
        for key in [k for k in self.exercises if k.startswith(f"{lesson_id}/")]:
            del self.exercises[key]
        folder = self.root / DRAFTS_DIR / _safe(lesson_id)
        if folder.is_dir():
            backups = [b for p in sorted(folder.glob("*.py")) if (b := _backup(p)) is not None]
        self.lessons.pop(lesson_id, None)
        if self.last_lesson == lesson_id:
            self.last_lesson = None
        self._write()
        return backups

    def reset_all(self) -> list[Path]:
        """Start over; progress.json and the drafts folder are kept as timestamped backups."""
        backups = [b for b in (_backup(self.path), _backup(self.root / DRAFTS_DIR)) if b is not None]
        self.lessons, self.exercises, self.last_lesson = {}, {}, None
        self._write()
        return backups


def _first_existing(path: Path) -> Path:
    """`path` or its nearest existing parent (the folder that refused the write)."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def keep_draft_copy(progress: Progress, lesson_id: str, name: str, text: str) -> Path:
    """Keep `text` beside the draft as <name>.py.bak-<time>: the older side when the same draft was
    edited both in the tutor and outside it (`grok-tui edit`), so neither edit is lost."""
    target = _free_name(progress.draft_path(lesson_id, name))
    atomic_write(target, text)
    return target


def _safe(part: str) -> str:
    """A lesson id or exercise name as one harmless path component."""
    part = _UNSAFE.sub("_", part)
    return part if part.strip(".") else "_" + part


def _backup(path: Path) -> Path | None:
    """Rename `path` to `path.bak-<time>` (never overwriting an older backup); None if it is absent."""
    if not path.exists():
        return None
    target = _free_name(path)
    os.replace(path, target)
    return target


def _free_name(path: Path, tag: str = "bak") -> Path:
    """A free name `path.<tag>-<time>` beside `path` (never an older backup's)."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{tag}-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{tag}-{stamp}-{n}")
        n += 1
    return target


class DraftSaver:
    """Writes drafts off the caller's thread, newest text last, so typing never waits on the disk.

    `submit` only records the text (the newest for each draft replaces an older one still pending);
    one daemon thread writes what is pending. `flush` writes everything pending in the calling thread
    (on leaving a screen). Taking a text and writing it happen under one lock, so writes never
    overtake each other and `flush` returns only once every text submitted before it is on disk.
    """

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self._pending: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()
        """Guards _pending and _thread."""
        self._write_lock = threading.Lock()
        """Held from taking a text until it is written."""
        self._thread: threading.Thread | None = None
        self.error: str = ""
        """The last write error (disk full, permissions), for the UI to show."""

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
                self.progress.save_draft(lesson_id, name, code)
                self.error = ""
            except OSError as exc:
                self.error = f"could not save your draft: {exc}"
            return True

    def flush(self) -> None:
        """Write everything pending now, in this thread (after a write in progress on the saver's)."""
        while self._write_next():
            pass

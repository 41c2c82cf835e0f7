"""The learner's saved state: lessons started and done, exercises passed, their code, the last lesson
(progress.json). What they typed is in grok_tui/drafts.py, their quiz answers in grok_tui/answers.py.

Everything is written atomically (temp file + rename) under the platform's user data directory, so a
crash or `kill -9` leaves either the old file or the new one, never half of one. A file that cannot
be read is moved aside (never deleted) and the tutor starts fresh with a notice.

Two writers share the file (the tutor, and `grok-tui verify` / `hint` run beside it): a save re-reads
the file under a lock file when it changed since this writer last saw it, and merges
(grok_tui/progress_merge.py), so neither overwrites the other. The file records the course version
its ids follow ("course"; none = version 1); a file written for an older course is moved to the
present ids once when loaded (grok_tui/progress_migrate.py), keeping the old file and drafts.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import shutil
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from grok_tui.answers import ANSWERS_FILE, forget_answers
from grok_tui.drafts import DraftFiles
from grok_tui.exercise_record import ExerciseRecord
from grok_tui.kept_params import PARAMS_FILE, forget_params
from grok_tui.lesson.history import CourseHistory
from grok_tui.progress_lock import progress_lock
from grok_tui.progress_merge import SavedState, merge
from grok_tui.progress_migrate import migrate_data, migrate_drafts
from grok_tui.reading_places import PLACES_FILE
from grok_tui.safe_files import atomic_write, backup, damaged_notice, free_name, set_aside
from grok_tui.user_dirs import user_dir

PROGRESS_STARTS_OVER = "Lessons and passes show as not done from here; your code (drafts) is not in it."
"""What a damaged progress file's notice says is lost (its passes), and what is not (the drafts)."""
DATA_ENV = "GROK_TUI_DATA"
PROGRESS_FILE = "progress.json"
FORMAT = 1


def data_dir() -> Path:
    """$GROK_TUI_DATA, else the platform's user data directory for grok-tui."""
    return user_dir(DATA_ENV, "data")


class KeptAsIs(PermissionError):
    """Saving refused, the file kept as it is (a newer format, unreadable): said as "PATH was written
    by a newer grok-tui (format 3)", not "[Errno 13] was written by..."."""

    def __str__(self) -> str:
        return f"{self.filename} {self.strerror}"


@dataclass
class Progress(ExerciseRecord, DraftFiles):
    """What the learner has done. Lesson states are "started" or "done". The exercises' record
    (exercise_done, record_pass, hints_shown...) comes from ExerciseRecord (grok_tui/exercise_record.py),
    the draft files' methods (draft_path, load_draft, save_draft...) from DraftFiles (grok_tui/drafts.py)."""

    root: Path
    lessons: dict[str, str] = field(default_factory=dict)
    exercises: dict[str, dict] = field(default_factory=dict)
    """Keyed "LESSON/NAME": {"done": bool, "hints": int shown, "code": the passing code}."""
    last_lesson: str | None = None
    notice: str = ""
    """Set when loading had to set a damaged file aside; the UI shows it once."""
    save_error: str = ""
    """Why the last write failed ("" once one succeeds): "your progress cannot be saved: ..."."""
    kept_as_is: str = ""
    """Why the progress file must not be written over ("cannot be read (Permission denied)", "was
    written by a newer grok-tui (format 2)"): saving then fails saying so, and the file stays as it is."""
    on_save_error: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    """Called (from the thread that wrote) when a write fails: the UI shows a lasting notice. While
    it is set, save() does not raise."""
    unsaved: dict[tuple[str, str], str] = field(default_factory=dict)
    """Drafts that could not be written, by (lesson, exercise): offered for saving elsewhere on quit."""
    draft_notices: list[str] = field(default_factory=list, repr=False, compare=False)
    """Each draft set aside as damaged, until told (the command line tells and clears them: `verify`
    called such a draft "not started yet")..."""
    on_draft_set_aside: Callable[[str], None] | None = field(default=None, repr=False, compare=False)
    """...or, while it is set, told through it instead, as on_save_error (the app: a notice; a draft
    set aside while a lesson opened was said nowhere)."""
    course_version: int | None = None
    """The course version the ids follow; None: not known (written by a caller without the course,
    read as version 1, the layout before any renumbering)."""
    _base: SavedState = field(default_factory=lambda: _snapshot({}, {}, None, None), repr=False, compare=False)
    """What this object last read from or wrote to disk: the base of the three-way merge on save."""
    _seen: tuple | None = field(default=None, repr=False, compare=False)
    """The file's identity (inode, size, mtime) when last read or written: unchanged means no re-read."""
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @property
    def path(self) -> Path:
        return self.root / PROGRESS_FILE

    @classmethod
    def load(cls, root: Path | None = None, *, course: CourseHistory | None = None) -> Progress:
        """The saved progress. With `course` (the history of the lessons in use) a file written for an
        older course version is moved to the present ids, once; a new file records the version."""
        root = Path(root) if root is not None else data_dir()
        progress = cls(root)
        if course is None:
            progress._load()
            return progress
        with progress_lock(root):
            progress._load()
            progress._migrate(course)
        return progress

    def _load(self) -> None:
        progress = self
        try:
            info = progress.path.stat()
        except (FileNotFoundError, NotADirectoryError):  # no file yet (saving will say if it cannot)
            return
        except OSError as exc:
            progress.notice = f"Your progress file could not be read ({exc.strerror or exc}); starting afresh."
            return
        try:
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read
                raise ValueError("not a regular file")
            data = json.loads(progress.path.read_text(encoding="utf-8"))
            progress._read(data)
            progress._seen = _identity(info)
            newer = data.get("format")
            if isinstance(newer, int) and not isinstance(newer, bool) and newer > FORMAT:
                progress.kept_as_is = f"was written by a newer grok-tui (format {newer})"
                progress.notice = (
                    f"Your progress is shown but not saved: {progress.path} {progress.kept_as_is}, and "
                    f"this version does not write over it. Update: pip install -U grok-tui"
                )
        except PermissionError as exc:  # not damaged: another user's file (after a `sudo grok-tui`)
            progress.kept_as_is = f"cannot be read ({exc.strerror or exc})"
            progress.notice = (
                f"Your progress is not shown, nor saved: {progress.path} {progress.kept_as_is}; it is left "
                f"as it is. Make it yours again: sudo chown $USER {progress.path} && chmod u+rw {progress.path}"
            )
        except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            try:
                moved = set_aside(progress.path)
                progress.notice = damaged_notice("Your progress file", exc, moved, PROGRESS_STARTS_OVER)
            except OSError as move_exc:
                progress.notice = f"Your progress file could not be read ({exc}) nor moved ({move_exc})."
            progress.lessons, progress.exercises, progress.last_lesson = {}, {}, None
            progress.course_version = None
        progress._base = progress._data()

    def _migrate(self, course: CourseHistory) -> None:
        """Bring a file written for an older course version to the present ids (called under the lock)."""
        existed = self._seen is not None
        version = self.course_version or 1
        if existed and version >= course.version:
            return
        if not existed and not self.drafts_dir.is_dir():  # a new learner: nothing to move
            self.course_version = max(course.version, version)
            return
        steps = course.since(version)
        data, moved = migrate_data(self._data(), steps)
        old_file = None
        try:
            if moved and existed:
                old_file = free_name(self.path, f"before-course-{course.version}")
                shutil.copy2(self.path, old_file)
            kept, drafts_moved = migrate_drafts(self.drafts_dir, steps, course.version)
        except OSError as exc:
            self.notice = (
                f"The course was renumbered, but your progress could not be moved to the new "
                f"lesson ids ({exc}); nothing was changed."
            )
            return
        self.lessons, self.exercises, self.last_lesson = data["lessons"], data["exercises"], data["last_lesson"]
        self.course_version = course.version
        if existed or drafts_moved:
            try:
                self._write(merge_with_disk=False)
            except OSError as exc:
                self._save_failed(self.path, exc)
        if moved or drafts_moved:
            kept_names = [p.name for p in (old_file, kept) if p is not None]
            self.notice = (
                f"The course was renumbered; your progress followed it ({', '.join(_unique(moved)) or 'drafts only'})."
                + (f" The old files are kept as {' and '.join(kept_names)}." if kept_names else "")
            )

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
        version = data.get("course")
        ok = isinstance(version, int) and not isinstance(version, bool) and version >= 1
        self.course_version = version if ok else None

    def _data(self) -> SavedState:
        """What this object holds, as the merge sees it (a deep copy: entries are changed in place)."""
        return _snapshot(self.lessons, self.exercises, self.last_lesson, self.course_version)

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

    def _write(self, *, merge_with_disk: bool = True) -> None:
        """Write the progress file or raise OSError (resets, which must not pass for done, use it).
        Under the lock file: what another writer saved since this object last read the file is merged
        in (and shows here afterwards), then the result is written atomically."""
        self._refuse_if_kept_as_is()
        with self._lock, progress_lock(self.root):
            ours = self._data()
            theirs = self._disk() if merge_with_disk else None
            result = merge(self._base, ours, theirs) if theirs is not None else ours
            data = {
                "format": FORMAT,
                "lessons": result["lessons"],
                "exercises": result["exercises"],
                "last_lesson": result["last_lesson"],
            }
            if result["course"] is not None:
                data["course"] = result["course"]
            atomic_write(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")
            try:
                self._seen = _identity(self.path.stat())
            except OSError:
                self._seen = None
            self._hold(result)
            self._base = self._data()

    def _refuse_if_kept_as_is(self) -> None:
        """Raise before anything is written or moved (a reset moves the file aside first)."""
        if self.kept_as_is:
            raise KeptAsIs(errno.EACCES, self.kept_as_is, str(self.path))

    def _disk(self) -> SavedState | None:
        """The file as another writer left it, None when it is unchanged since we last saw it (or
        cannot be read: then ours is written whole, and a damaged file is set aside first)."""
        try:
            info = self.path.stat()
        except FileNotFoundError:
            return None  # gone (a reset moved it aside, or a hand delete): write what we hold
        except OSError:
            return None
        if _identity(info) == self._seen or not stat.S_ISREG(info.st_mode):
            return None
        other = Progress(self.root)
        try:
            other._read(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError, AttributeError, RecursionError) as exc:
            try:
                moved = set_aside(self.path)
                self.notice = damaged_notice("Your progress file", exc, moved, PROGRESS_STARTS_OVER)
            except OSError:
                pass
            return None
        return other._data()

    def refresh(self) -> bool:
        """Take in what another writer saved (a `grok-tui verify` beside the tutor) without writing;
        True if anything came in. What this object changed and has not saved yet is kept."""
        with self._lock:
            theirs = self._disk()
            if theirs is None:
                return False
            ours = self._data()
            result = merge(self._base, ours, theirs)
            self._hold(result)
            self._base = theirs
            with contextlib.suppress(OSError):
                self._seen = _identity(self.path.stat())
            return result != ours

    def _hold(self, state: SavedState) -> None:
        """Hold `state` (a merge's result). In place: callers may hold these dicts."""
        self.lessons.clear()
        self.lessons.update(state["lessons"])
        self.exercises.clear()
        self.exercises.update(copy.deepcopy(state["exercises"]))
        self.last_lesson, self.course_version = state["last_lesson"], state["course"]

    def _save_failed(self, path: Path, exc: OSError) -> None:
        if self.kept_as_is and path == self.path:
            self.save_error = f"your progress is not saved: {path.name} {self.kept_as_is}"
        elif isinstance(exc, PermissionError) or exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            folder = _first_existing(path.parent)
            self.save_error = f"your progress cannot be saved: {folder} is read-only"
        elif exc.errno in (errno.EEXIST, errno.ENOTDIR) and not (folder := _first_existing(path.parent)).is_dir():
            # GROK_TUI_DATA naming a file: "progress.json: File exists" sent a learner looking at the file
            self.save_error = f"your progress cannot be saved: {folder} is a file, not a folder"
        else:
            self.save_error = f"your progress cannot be saved: {path}: {exc.strerror or exc}"
        if self.on_save_error is not None:
            self.on_save_error(self.save_error)

    # -- lessons ---------------------------------------------------------------------------------
    def lesson_state(self, lesson_id: str) -> str:
        """ "", "started" or "done" (any other saved value reads as "": not started)."""
        state = self.lessons.get(lesson_id, "")
        return state if state in ("started", "done") else ""

    def open_lesson(self, lesson_id: str) -> None:
        self.last_lesson = lesson_id
        self.lessons.setdefault(lesson_id, "started")
        self.save()

    def finish_lesson(self, lesson_id: str) -> None:
        if self.lessons.get(lesson_id) != "done":
            self.lessons[lesson_id] = "done"
            self.save()

    # -- reset -----------------------------------------------------------------------------------
    def reset_exercise(self, lesson_id: str, name: str) -> Path | None:
        """Forget an exercise; the learner's draft is kept as <name>.py.bak-<time>. Returns the backup."""
        self._refuse_if_kept_as_is()
        self.exercises.pop(self.exercise_key(lesson_id, name), None)
        self._write()
        return backup(self.draft_path(lesson_id, name))

    def reset_lesson(self, lesson_id: str) -> list[Path]:
        """Forget a lesson: its state, its exercises; the drafts are kept as backups. The last lesson
        stays: the learner still left off there (the tutor opens it again, fresh)."""
        self._refuse_if_kept_as_is()
        backups = []
        for key in [k for k in self.exercises if k.startswith(f"{lesson_id}/")]:
            del self.exercises[key]
        forget_answers(self.root, f"predict/{lesson_id}/")  # its predictions are asked again
        forget_params(self.root, lesson_id)  # and it opens with its defaults, the numbers its text quotes
        folder = self.lesson_drafts_dir(lesson_id)
        if folder.is_dir():
            backups = [b for p in sorted(folder.glob("*.py")) if (b := backup(p)) is not None]
        self.lessons.pop(lesson_id, None)
        self._write()
        return backups

    def reset_all(self) -> list[Path]:
        """Start over; progress.json, the drafts folder, the quiz and prediction answers and the
        reading places and the params the lessons were left with are kept as timestamped backups."""
        self._refuse_if_kept_as_is()
        kept = (self.path, self.drafts_dir, self.root / ANSWERS_FILE, self.root / PLACES_FILE, self.root / PARAMS_FILE)
        backups = [b for b in map(backup, kept) if b is not None]
        self.lessons, self.exercises, self.last_lesson = {}, {}, None
        self._write()
        return backups


def _snapshot(lessons: dict[str, str], exercises: dict[str, dict], last: str | None, course: int | None) -> SavedState:
    return {"lessons": dict(lessons), "exercises": copy.deepcopy(exercises), "last_lesson": last, "course": course}


def _identity(info: os.stat_result) -> tuple:
    """A file's identity: every atomic write makes a new inode, so a rename by another writer shows."""
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _first_existing(path: Path) -> Path:
    """`path` or its nearest existing parent (the folder that refused the write)."""
    while not path.exists() and path.parent != path:
        path = path.parent
    return path

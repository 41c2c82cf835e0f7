"""The learner's saved state: lessons started and done, exercises passed, their code, the last lesson.

Everything is written atomically (temp file + rename) under the platform's user data directory, so a
crash or `kill -9` leaves either the old file or the new one, never half of one. A file that cannot
be read is moved aside (never deleted) and the tutor starts fresh with a notice.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DATA_ENV = "GROK_TUI_DATA"
PROGRESS_FILE = "progress.json"
FORMAT = 1


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
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}-{n}")
        n += 1
    os.replace(path, target)
    return target


@dataclass
class Progress:
    """What the learner has done. Lesson states are "started" or "done"."""

    root: Path
    lessons: dict[str, str] = field(default_factory=dict)
    exercises: dict[str, dict] = field(default_factory=dict)
    """Keyed "LESSON/NAME": {"done": bool, "hints": int shown}."""
    last_lesson: str | None = None
    notice: str = ""
    """Set when loading had to set a damaged file aside; the UI shows it once."""

    @property
    def path(self) -> Path:
        return self.root / PROGRESS_FILE

    @classmethod
    def load(cls, root: Path | None = None) -> "Progress":
        root = Path(root) if root is not None else data_dir()
        progress = cls(root)
        if not progress.path.exists():
            return progress
        try:
            data = json.loads(progress.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            progress.lessons = {str(k): str(v) for k, v in dict(data.get("lessons", {})).items()}
            progress.exercises = {str(k): dict(v) for k, v in dict(data.get("exercises", {})).items()}
            last = data.get("last_lesson")
            progress.last_lesson = str(last) if last is not None else None
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            try:
                moved = set_aside(progress.path)
                progress.notice = f"Your progress file could not be read ({exc}); it was kept as {moved.name}."
            except OSError as move_exc:
                progress.notice = f"Your progress file could not be read ({exc}) nor moved ({move_exc})."
            progress.lessons, progress.exercises, progress.last_lesson = {}, {}, None
        return progress

    def save(self) -> None:
        data = {"format": FORMAT, "lessons": self.lessons, "exercises": self.exercises,
                "last_lesson": self.last_lesson}
        atomic_write(self.path, json.dumps(data, indent=2, sort_keys=True) + "\n")

    # -- lessons ---------------------------------------------------------------------------------
    def lesson_state(self, lesson_id: str) -> str:
        """"", "started" or "done"."""
        return self.lessons.get(lesson_id, "")

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
        return bool(self.exercises.get(self.exercise_key(lesson_id, name), {}).get("done"))

    def passed_code(self, lesson_id: str) -> dict[str, str]:
        """The learner's code of every exercise of the lesson they passed: the live run uses it."""
        prefix = f"{lesson_id}/"
        return {key[len(prefix):]: entry["code"] for key, entry in self.exercises.items()
                if key.startswith(prefix) and entry.get("done") and isinstance(entry.get("code"), str)}

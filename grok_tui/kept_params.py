"""The parameters the learner left each lesson with, kept across restarts: a learner who quit 6.5
at alpha 0.5 and 200 iterations came back to 0.2 and 60, with nothing said (over SSH a dropped link
is a restart too). Only the values that differ from the lesson's defaults are kept, in params.json
beside the progress. It is not the learner's work, so a file that cannot be read or written is
ignored, and a value the lesson no longer takes (renamed, out of its range) is dropped: the lesson
opens with its defaults there.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Mapping
from pathlib import Path

from grok_tui.lesson.model import Lesson
from grok_tui.lesson.params import ParamError, coerce, fmt
from grok_tui.safe_files import atomic_write, read_json_object

PARAMS_FILE = "params.json"

Value = float | int | str


class KeptParams:
    def __init__(self, root: Path | None) -> None:
        self.path = Path(root) / PARAMS_FILE if root is not None else None
        self._kept: dict[str, dict[str, Value]] = self._read()
        self._changed = False
        self._lock = threading.Lock()  # saved off the UI thread (a lesson left), noted on it

    def _read(self) -> dict[str, dict[str, Value]]:
        return {
            str(lesson): {str(k): v for k, v in values.items() if isinstance(v, (int, float, str))}
            for lesson, values in read_json_object(self.path).items()
            if isinstance(values, dict)
        }

    def for_lesson(self, lesson: Lesson) -> dict[str, Value]:
        """The kept values the lesson still takes, as it takes them."""
        params = {p.name: p for p in lesson.params}
        kept: dict[str, Value] = {}
        for name, value in self._kept.get(lesson.id, {}).items():
            if name in params and not isinstance(value, bool):
                with contextlib.suppress(ParamError):
                    kept[name] = coerce(params[name], value)
        return {n: v for n, v in kept.items() if v != params[n].default}

    def keep(self, lesson: Lesson, values: Mapping[str, Value]) -> None:
        """Note the lesson's current values (those that differ from its defaults)."""
        changed = {p.name: values[p.name] for p in lesson.params if p.name in values and values[p.name] != p.default}
        with self._lock:
            if self._kept.get(lesson.id, {}) != changed:
                if changed:
                    self._kept[lesson.id] = changed
                else:
                    self._kept.pop(lesson.id, None)
                self._changed = True

    def forget(self, lesson_id: str) -> None:
        with self._lock:
            if self._kept.pop(lesson_id, None) is not None:
                self._changed = True

    def save(self) -> None:
        """Write the values if one changed since the last save (never raises)."""
        with self._lock:
            if self.path is None or not self._changed:
                return
            self._changed = False
            text = json.dumps(dict(sorted(self._kept.items())), indent=1, sort_keys=True) + "\n"
            with contextlib.suppress(OSError):
                atomic_write(self.path, text)


def opening_notice(lesson_id: str, values: Mapping[str, Value]) -> str:
    """What a lesson opened with kept values says: its text quotes its defaults."""
    said = ", ".join(f"{name} {fmt(value)}" for name, value in values.items())
    return f"{lesson_id} {OPENS_WITH} {said} · D puts back its defaults"


OPENS_WITH = "opens with your settings from last time:"


def forget_params(root: Path, lesson_id: str) -> None:
    """A lesson reset opens with its defaults again (its text's numbers)."""
    kept = KeptParams(root)
    kept.forget(lesson_id)
    kept.save()

"""Where the learner was reading in each lesson: the lesson text opens there again, later in the
same visit and after a restart (a learner came back to 5.5 after quitting and found its text at
the top; over SSH a dropped link is a restart too).

A place is (block, row): the block of the lesson text at the top of the view (a paragraph, a code
cell, counted from the text's start) and the rows of it scrolled past. Blocks, not rows: the text
wraps differently at another width. Kept in reading.json beside the progress. It is not the
learner's work, so a file that cannot be read or written is ignored: the text opens at its top.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from grok_tui.safe_files import atomic_write, read_json_object

PLACES_FILE = "reading.json"

Place = tuple[int, int]


class ReadingPlaces:
    def __init__(self, root: Path | None) -> None:
        self.path = Path(root) / PLACES_FILE if root is not None else None
        self._places: dict[str, Place] = self._read()
        self._changed = False

    def _read(self) -> dict[str, Place]:
        return {
            str(lesson): (place[0], place[1])
            for lesson, place in read_json_object(self.path).items()
            if isinstance(place, list) and len(place) == 2 and all(type(n) is int and n >= 0 for n in place)
        }

    def get(self, lesson_id: str) -> Place | None:
        return self._places.get(lesson_id)

    def set(self, lesson_id: str, place: Place) -> None:
        if self._places.get(lesson_id, (0, 0)) != place:
            self._places[lesson_id] = place
            self._changed = True

    def save(self) -> None:
        """Write the places if one changed since the last save (never raises)."""
        if self.path is None or not self._changed:
            return
        self._changed = False
        data = {lesson: list(place) for lesson, place in sorted(self._places.items()) if place != (0, 0)}
        with contextlib.suppress(OSError):
            atomic_write(self.path, json.dumps(data, indent=1) + "\n")

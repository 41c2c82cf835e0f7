"""What the learner did in each exercise: passed or not, the code that passed (the lesson's live run
uses it), how many hints they have seen. A part of Progress (grok_tui/progress.py), which mixes it
in and saves it in progress.json under "exercises"."""

from __future__ import annotations

from typing import TYPE_CHECKING


class ExerciseRecord:
    """The exercise methods of Progress: it provides the attributes below."""

    exercises: dict[str, dict]
    """Keyed "LESSON/NAME": {"done": bool, "hints": int shown, "code": the passing code}."""

    if TYPE_CHECKING:

        def save(self) -> bool:
            """Write progress.json (Progress's)."""

    @staticmethod
    def exercise_key(lesson_id: str, name: str) -> str:
        return f"{lesson_id}/{name}"

    def exercise_done(self, lesson_id: str, name: str) -> bool:
        return self._entry(lesson_id, name).get("done") is True

    def passed_code(self, lesson_id: str) -> dict[str, str]:
        """The learner's code of every exercise of the lesson they passed: the live run uses it."""
        prefix = f"{lesson_id}/"
        return {
            key[len(prefix) :]: entry["code"]
            for key, entry in self.exercises.items()
            if key.startswith(prefix)
            and isinstance(entry, dict)
            and entry.get("done") is True
            and isinstance(entry.get("code"), str)
        }

    def hints_shown(self, lesson_id: str, name: str) -> int:
        hints = self._entry(lesson_id, name).get("hints", 0)
        ok = isinstance(hints, int) and not isinstance(hints, bool) and hints > 0
        return hints if ok else 0  # a hand-edited file must not raise

    def show_hint(self, lesson_id: str, name: str, count: int) -> None:
        """Remember that `count` hints are now shown (they stay shown when the learner comes back; a
        count lower than the saved one, from a writer that had not seen the other's, never lowers it)."""
        count = max(count, self.hints_shown(lesson_id, name))
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

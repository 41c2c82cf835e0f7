"""The course's renumberings, read from the lessons (`formerly`, an exercise's `moved_from`).

Course version 1 is the course before any renumbering; each `course = N` in a lesson says that version
N gave it its next id. A learner's progress file records the version its ids follow, so a saved file
is moved to the present ids once, one version at a time (grok_tui/progress_migrate.py). Within one
version every rename happens at once: 7.4 -> 7.5 and 7.5 -> 7.6 together never send 7.4 to 7.6.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grok_tui.lesson.model import Lesson, LessonError


@dataclass(frozen=True)
class Renumbering:
    """What one course version moved: lesson ids, and exercises ("LESSON/NAME") that changed lesson."""

    course: int
    lessons: dict[str, str] = field(default_factory=dict)
    exercises: dict[str, str] = field(default_factory=dict)

    def lesson(self, lesson_id: str) -> str:
        return self.lessons.get(lesson_id, lesson_id)

    def exercise(self, key: str) -> str:
        """Where the exercise saved as "LESSON/NAME" is now: moved itself, or with its lesson."""
        if key in self.exercises:
            return self.exercises[key]
        lesson_id, slash, name = key.partition("/")
        return f"{self.lesson(lesson_id)}{slash}{name}" if slash else key


@dataclass(frozen=True)
class CourseHistory:
    version: int = 1
    steps: tuple[Renumbering, ...] = ()

    def since(self, version: int) -> list[Renumbering]:
        """The renumberings a file written at `version` has not had yet, oldest first."""
        return [s for s in self.steps if s.course > version]

    @classmethod
    def of(cls, lessons: Iterable[Lesson]) -> CourseHistory:
        steps: dict[int, Renumbering] = {}
        for lesson in lessons:
            for r in lesson.formerly:
                step = steps.setdefault(r.course, Renumbering(r.course))
                step.lessons[r.lesson] = _lesson_id_at(lesson, r.course)
            for exercise in lesson.exercises:
                for r in exercise.moved_from:
                    step = steps.setdefault(r.course, Renumbering(r.course))
                    lesson_at, name_at = _exercise_at(lesson, exercise, r.course)
                    step.exercises[f"{r.lesson}/{r.name or name_at}"] = f"{lesson_at}/{name_at}"
        ordered = tuple(steps[v] for v in sorted(steps))
        return cls(max(steps, default=1), ordered)


def _lesson_id_at(lesson: Lesson, version: int) -> str:
    """The lesson's id in course version `version` (its `formerly` entry of the next version, if any)."""
    later = [r for r in lesson.formerly if r.course > version]
    return later[0].lesson if later else lesson.id


def _exercise_at(lesson: Lesson, exercise, version: int) -> tuple[str, str]:
    """(lesson id, exercise name) of an exercise in course version `version`."""
    lesson_id, name = _lesson_id_at(lesson, version), exercise.name
    for r in sorted(exercise.moved_from, key=lambda r: -r.course):
        if r.course <= version:
            break
        lesson_id, name = r.lesson, r.name or name
    return lesson_id, name


def history_problems(lessons: Iterable[Lesson]) -> list[LessonError]:
    """Two lessons (or exercises) that claim the same old id in one course version."""
    problems: list[LessonError] = []
    seen: dict[tuple[int, str], Path] = {}
    for lesson in lessons:
        claims = [((r.course, r.lesson), r.line) for r in lesson.formerly]
        claims += [
            ((r.course, f"{r.lesson}/{r.name or e.name}"), r.line) for e in lesson.exercises for r in e.moved_from
        ]
        for claim, line in claims:
            if claim in seen:
                problems.append(
                    LessonError(
                        lesson.path, line, f"course {claim[0]}: {claim[1]!r} was renamed twice (also by {seen[claim]})"
                    )
                )
            seen.setdefault(claim, lesson.path)
    return problems

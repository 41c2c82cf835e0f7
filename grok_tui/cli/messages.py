"""The one-line answers to a mistyped lesson or exercise id, worded once for every command."""

from __future__ import annotations

from grok_tui.lesson.model import Lesson


def no_lesson(lesson_id: str) -> str:
    return f"no lesson {lesson_id!r}; `grok-tui list` shows the ids"


def no_exercise(lesson: Lesson, name: str) -> str:
    """The lesson exists, the exercise does not: name the ones it has (`progress` does not list them)."""
    names = ", ".join(e.name for e in lesson.exercises) or "none"
    return f"lesson {lesson.id} has no exercise {name!r} (its exercises: {names})"

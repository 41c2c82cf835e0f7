"""How far the learner is with a lesson: the run and its exercises, as one mark (no Textual here:
shared by the contents, the end-of-course screen and `grok-tui progress`)."""

from __future__ import annotations

from grok_tui.lesson.model import Exercise, Lesson
from grok_tui.progress import Progress

MARKS = {
    "complete": ("✓", "bold $text-success"),
    "ran": ("◐", "$text-warning"),
    "started": ("•", "$text-muted"),
    "": (" ", ""),
}
"""complete = run to the end and every exercise passed; ran = run to the end, exercises open.
The styles name the theme's colours ($variables), which the screen drawing the mark resolves and
makes readable on its background: fixed "green", "yellow" and "dim" read at 1.8:1 on light themes.
The marks differ by shape too (✓ ◐ •), for a learner who cannot tell the colours apart."""
LEGEND = "✓ complete  ◐ run done, exercises to do  • opened"


def exercises_passed(lesson: Lesson, progress: Progress) -> int:
    return sum(progress.exercise_done(lesson.id, e.name) for e in lesson.exercises)


def exercises_to_do(lesson: Lesson, progress: Progress) -> list[Exercise]:
    """The lesson's exercises not passed yet, in its order."""
    return [e for e in lesson.exercises if not progress.exercise_done(lesson.id, e.name)]


def lesson_status(lesson: Lesson, progress: Progress) -> str:
    """ "complete", "ran", "started" or ""."""
    state = progress.lesson_state(lesson.id)
    if state == "done":
        return "complete" if exercises_passed(lesson, progress) == len(lesson.exercises) else "ran"
    return "started" if state else ""

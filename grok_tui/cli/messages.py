"""The one-line answers to a mistyped lesson or exercise id, worded once for every command."""

from __future__ import annotations

from grok_tui.cli.course_command import with_lessons_option
from grok_tui.lesson.catalog import Catalog, bundled_lessons_dir
from grok_tui.lesson.model import Lesson


def no_lesson(lesson_id: str, catalog: Catalog) -> str:
    """Where `catalog` (the one searched) has a lesson file that did not load (its name starts with
    the id), it is named with its first problem: "no lesson '4.9'" sent a teacher looking for a typo in
    the id. The bundled course's answer names --lessons (a teacher's `verify 8.1` looked in the bundled
    course, and "no lesson '8.1'" did not say where else to look)."""
    mine = [e for e in catalog.errors if e.path.name.startswith(f"{lesson_id}-") or e.path.name == f"{lesson_id}.md"]
    if "/" in lesson_id and not mine:  # `grok-tui run 3.2/w_sum`: an exercise, named as `hint` takes it
        lesson, _, _ = lesson_id.partition("/")
        return (
            f"no lesson {lesson_id!r}: LESSON/NAME is an exercise, which `grok-tui edit`, `hint` and `verify` "
            f"take; the lesson is `{lesson}`"
        )
    if not mine:
        own = ""
        if catalog.root.resolve() == bundled_lessons_dir().resolve():
            own = " (lessons of your own: --lessons DIR, or $GROK_TUI_LESSONS)"
        return with_lessons_option(f"no lesson {lesson_id!r}; `grok-tui list` shows the ids{own}", catalog)
    more = f" (and {len(mine) - 1} more)" if len(mine) > 1 else ""
    return f"lesson {lesson_id!r} could not be loaded: {mine[0]}{more}; `grok-tui check {mine[0].path}` lists them"


def no_exercise(lesson: Lesson, name: str) -> str:
    """The lesson exists, the exercise does not: name the ones it has (`progress` does not list them)."""
    names = ", ".join(e.name for e in lesson.exercises) or "none"
    return f"lesson {lesson.id} has no exercise {name!r} (its exercises: {names})"

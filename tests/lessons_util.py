"""What the per-chapter lesson tests share: the course, and running a lesson headless."""

from __future__ import annotations

from grok_tui.engine.runner import LessonRun, RunResult
from grok_tui.lesson.catalog import load_catalog
from tests.conftest import LESSONS

COURSE = load_catalog(LESSONS)


def run_lesson(lesson_id: str, exercise_code: dict[str, str] | None = None, **values) -> RunResult:
    lesson = COURSE.get(lesson_id)
    assert lesson is not None, f"lesson {lesson_id} is missing"
    return LessonRun(lesson, values, exercise_code=exercise_code).run_sync()


def series(result: RunResult, name: str) -> list:
    return result.recorded(name)


def slipped_verdict(catalog, lesson_id: str, name: str, right: str, wrong: str) -> str:
    """The verdict on the exercise's solution with `right` made `wrong` (once): a named slip's text."""
    from grok_tui.engine.exercises import check_code

    exercise = catalog.get(lesson_id).exercise(name)
    assert right in exercise.solution.source, (right, exercise.solution.source)
    verdict = check_code(exercise, exercise.solution.source.replace(right, wrong, 1))
    assert not verdict.passed, verdict.text
    return verdict.text

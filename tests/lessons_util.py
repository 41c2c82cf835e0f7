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

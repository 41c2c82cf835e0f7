"""The course itself: every lesson file loads and every lesson's check cells pass (`grok-tui check`)."""

from __future__ import annotations

import pytest

from grok_tui.engine.checks import run_checks
from grok_tui.lesson.catalog import load_catalog
from tests.conftest import LESSONS

COURSE = load_catalog(LESSONS)


def test_every_lesson_file_loads():
    assert COURSE.errors == []
    assert len(COURSE.lessons) >= 2


def test_lesson_ids_are_unique_and_in_course_order():
    ids = [lesson.id for lesson in COURSE.lessons]
    assert len(ids) == len(set(ids))
    keys = [(lesson.chapter, lesson.order) for lesson in COURSE.lessons]
    assert keys == sorted(keys)


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_lesson_checks_pass(lesson):
    problems = run_checks(lesson)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_lesson_has_a_check_cell_and_shown_code(lesson):
    roles = {cell.role for cell in lesson.cells}
    assert "check" in roles, f"{lesson.path}: every lesson asserts its results in a check cell"
    assert roles & {"run", "train"}, f"{lesson.path}: a lesson shows code that runs"

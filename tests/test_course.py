"""The course itself: every lesson file loads and every lesson's check cells pass (`grok-tui check`)."""

from __future__ import annotations

import re

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


ASKED_INSIDE = {("5.1", "weight"): "weights", ("5.4", "pred_win"): "pred"}
"""Predicted values the values table shows as an element of an array it lists."""


def test_every_predicted_value_is_in_the_values_table():
    """A learner checks a prediction against the values: 4.4 asked for weight_delta and never showed it."""
    for lesson in COURSE.lessons:
        for question in lesson.predictions:
            name = question.value.split("[")[0]
            shown = ASKED_INSIDE.get((lesson.id, name), name)
            assert shown in lesson.show, f"{lesson.id} step {question.step} asks for {question.value}"


CASES_PER_TEST = 4
"""A lesson's runs (its defaults and each check_with set) in tests of at most this many: 7.6's 17
runs in one test took 32 s, the suite's longest, and the last to end on 2 cores."""


def _check_runs():
    for lesson in COURSE.lessons:
        cases = [{}, *lesson.check_with]
        parts = range(0, len(cases), CASES_PER_TEST)
        for n, start in enumerate(parts, 1):
            name = lesson.id if len(parts) == 1 else f"{lesson.id}-{n}"
            yield pytest.param(lesson, cases[start : start + CASES_PER_TEST], id=name)


@pytest.mark.parametrize("lesson, cases", _check_runs())
def test_lesson_checks_pass(lesson, cases):
    problems = run_checks(lesson, cases=cases)
    assert not problems, "\n".join(map(str, problems))


def test_the_check_runs_are_every_lessons_defaults_and_check_with_sets():
    runs = [(p.values[0].id, case) for p in _check_runs() for case in p.values[1]]
    assert runs == [(lesson.id, case) for lesson in COURSE.lessons for case in ({}, *lesson.check_with)]


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_lesson_has_a_check_cell_and_shown_code(lesson):
    roles = {cell.role for cell in lesson.cells}
    assert "check" in roles, f"{lesson.path}: every lesson asserts its results in a check cell"
    assert roles & {"run", "train"}, f"{lesson.path}: a lesson shows code that runs"


# At 80 columns the lesson view leaves a code line 72 characters (a margin, 5 columns of line
# numbers and the scrollbar); a longer line wraps under its number, splitting an expression.
CODE_WIDTH_AT_80 = 72


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_shown_code_fits_the_80_column_lesson_view(lesson):
    too_long = [
        f"{lesson.path}:{cell.line + n}: {len(text)} characters"
        for cell in lesson.cells
        if cell.shown
        for n, text in enumerate(cell.source.splitlines())
        if len(text) > CODE_WIDTH_AT_80
    ]
    assert not too_long, "\n".join(too_long)


@pytest.mark.parametrize("lesson", [x for x in COURSE.lessons if x.exercises], ids=lambda lesson: lesson.id)
def test_exercise_code_fits_the_80_column_editor(lesson):
    """The editor at 80x24 leaves a line about 73 columns (its line numbers, the cursor's column): a
    longer line of a stub or of the solution (F3) scrolls every line sideways, indentation and all."""
    too_long = [
        f"{lesson.path}: {exercise.name} {kind} line {n + 1}: {len(text)} characters"
        for exercise in lesson.exercises
        for kind, cell in (("stub", exercise.stub), ("solution", exercise.solution))
        for n, text in enumerate(cell.source.splitlines())
        if len(text) > CODE_WIDTH_AT_80
    ]
    assert not too_long, "\n".join(too_long)


def test_chapters_6_and_7_lessons_and_exercises():
    # Chapter 6: the pressure lesson 6.2b, features 6.6, picturing a network 6.6b (the book's
    # chapter 7: blocks, letters) and the sigmoid/bias lesson 6.7 added; chapter 7: the network with
    # its gradient check (7.4) split from the training (7.5).
    ids = [lesson.id for lesson in COURSE.lessons if lesson.chapter in (6, 7)]
    assert ids == [
        "6.1",
        "6.2",
        "6.2b",
        "6.3",
        "6.4",
        "6.5",
        "6.6",
        "6.6b",
        "6.7",
        "7.1",
        "7.2",
        "7.3",
        "7.4",
        "7.5",
        "7.6",
    ]
    exercises = sorted(
        f"{lesson.id}/{ex.name}" for lesson in COURSE.lessons if lesson.chapter in (6, 7) for ex in lesson.exercises
    )
    assert exercises == [
        "6.3/relu",
        "6.4/hidden_delta",
        "6.4/relu2deriv",
        "6.5/learn",
        "6.6b/forward",
        "7.3/cross_entropy",
        "7.3/one_hot",
        "7.3/softmax",
        "7.4/backprop",
    ]


def _prose_before_the_answers(lesson) -> str:
    """What a learner reads before stepping: the text (code cells left out) and the try-this list,
    without the text folded until the questions are met (`<!-- after the questions -->`)."""
    from grok_tui.lesson.model import Prose

    prose = [b.text for b in lesson.blocks if isinstance(b, Prose) and not b.after_questions]
    return re.sub(r"```.*?```", "", "\n".join(prose), flags=re.S) + "\n".join(lesson.try_this)


def test_text_said_to_be_for_after_the_answers_is_folded_until_then(catalog):
    """A heading "..., for after you answered" promised what the screen did not keep: the table under
    it was read before the run. Each such section is folded (grok_tui/ui/widgets/answers_fold.py)."""
    from grok_tui.lesson.model import Prose

    promised = {
        (lesson.id, line)
        for lesson in catalog.lessons
        for block in lesson.blocks
        if isinstance(block, Prose)
        for line in block.text.splitlines()
        if line.startswith("#") and "after you answered" in line
    }
    folded = {
        (lesson.id, block.text.splitlines()[0])
        for lesson in catalog.lessons
        for block in lesson.blocks
        if isinstance(block, Prose) and block.after_questions
    }
    assert len(promised) >= 3 and promised == folded, (promised, folded)


def test_no_lesson_text_gives_away_a_predict_questions_answer(catalog):
    """6.4's "Reading the stages" listed layer_2, layer_2_delta and layer_1_delta, 5.1's notes the new
    weights and 4.4's table every step: the three answers the tutor then asked the learner to predict."""
    import numpy as np

    from grok_tui.engine.runner import LessonRun

    asked = [lesson for lesson in catalog.lessons if lesson.predictions]
    assert len(asked) >= 3
    for lesson in asked:
        run = LessonRun(lesson, {})
        run.run_sync()
        prose = _prose_before_the_answers(lesson)
        for question in lesson.predictions:
            values = next(s.values for s in run.steps if s.index == question.step)
            answer = np.asarray(values[question.value.split("[")[0]], dtype=float).reshape(-1)
            for x in answer[:8]:
                for shown in {f"{x:.3g}", f"{x:.4g}", f"{x:.5g}"}:
                    if len(shown.strip("-0.")) >= 2:
                        found = re.search(rf"(?<![\d.]){re.escape(shown)}(?!\d)", prose)
                        assert not found, (
                            f"{lesson.id}: the answer to step {question.step}'s {question.value} ({shown})"
                        )

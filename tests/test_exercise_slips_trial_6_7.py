"""Slips a learner trial met in 6.4, 6.5, 6.6b and 7.3 whose verdict let a wrong answer pass, wrote
the solution's line unasked, named no activation, or named a form the learner had not written. Each
now says what went wrong, in the lesson's words. (The other named slips: test_exercise_slips_*.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code
from tests.lessons_util import slipped_verdict as _slipped


def _solution_passes(catalog, lesson_id: str, name: str) -> None:
    exercise = catalog.get(lesson_id).exercise(name)
    verdict = check_code(exercise, exercise.solution.source)
    assert verdict.passed, verdict.text


def test_6_6bs_forward_returning_a_list_is_told_to_return_an_array(catalog):
    """`return [relu(row.dot(W0)).dot(W1) for row in l0]` passed (the test made an array of it),
    then the lesson's run crashed: "'list' object has no attribute 'shape'"."""
    said = _slipped(
        catalog,
        "6.6b",
        "forward",
        "return relu(l0.dot(W0)).dot(W1)",
        "return [relu(row.dot(W0)).dot(W1) for row in l0]",
    )
    assert "forward returned a list: return a numpy array (.dot gives one;" in said, said
    _solution_passes(catalog, "6.6b", "forward")

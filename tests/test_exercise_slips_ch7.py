"""Chapter 7's exercise slips a learner trial met whose verdict crashed the test, gave only numbers,
or gave advice for another lesson: each now says what it is, in the lesson's words. (Chapter 6's:
test_exercise_slips_ch6.py; the other chapters': test_exercise_verdicts.py, test_verdict_*.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def _slipped(catalog, lesson_id: str, name: str, right: str, wrong: str) -> str:
    """The verdict on the exercise's solution with `right` made `wrong` (once)."""
    exercise = catalog.get(lesson_id).exercise(name)
    assert right in exercise.solution.source, (right, exercise.solution.source)
    verdict = check_code(exercise, exercise.solution.source.replace(right, wrong, 1))
    assert not verdict.passed, verdict.text
    return verdict.text


def test_a_loss_that_is_not_one_number_is_told_so_not_crashed_on(catalog):
    """7.3's cross_entropy without the mean (one loss per row), as a list, or as np.mean(...).round
    (the method, not called) made the test itself crash: "The test raised TypeError: only
    0-dimensional arrays can be converted to Python scalars", at a line of the test's."""
    right = "return float(np.mean(-np.sum(targets * np.log(probs), axis=-1)))"
    for wrong, why in (
        (
            "return -np.sum(targets * np.log(probs), axis=-1)",
            "yours has shape (1,), a loss for each row: take their mean (np.mean)",
        ),
        ("return [float(np.mean(-np.sum(targets * np.log(probs), axis=-1)))]", "yours returned a list"),
        (
            "return np.mean(-np.sum(targets * np.log(probs), axis=-1)).round",
            "yours returned the method round: call it with (), round()",
        ),
    ):
        said = _slipped(catalog, "7.3", "cross_entropy", right, wrong)
        assert f"cross_entropy should return one number, the mean over the rows; {why}" in said, said
        assert "The test raised" not in said and "float(got)" not in said, said
    said = _slipped(catalog, "7.3", "cross_entropy", right, "np.mean(-np.sum(targets * np.log(probs), axis=-1))")
    assert "cross_entropy returned None: add a return" in said, said

"""Chapter 6's exercise slips a learner trial met whose verdict gave only numbers, not the reason:
each now says what it is, in the lesson's words. (The other chapters' named slips:
test_exercise_verdicts.py, test_verdict_*.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def _slipped(catalog, lesson_id: str, name: str, right: str, wrong: str) -> str:
    """The verdict on the exercise's solution with `right` made `wrong` (once)."""
    exercise = catalog.get(lesson_id).exercise(name)
    assert right in exercise.solution.source, (right, exercise.solution.source)
    verdict = check_code(exercise, exercise.solution.source.replace(right, wrong, 1))
    assert not verdict.passed, verdict.text
    return verdict.text


def test_backprop_through_relus_value_is_named(catalog):
    """6.5's learn with `* relu(layer_1)` (or `* layer_1`) where relu2deriv's slope belongs said only
    "weights_0_1 became [[1.0, 1.025], ...], expected [[1.0, 1.0125], ...]"."""
    for wrong in ("* relu(layer_1))", "* layer_1)"):
        said = _slipped(catalog, "6.5", "learn", "* relu2deriv(layer_1))", wrong)
        assert "layer_1_delta was multiplied by relu's value" in said, said
        assert "backprop needs relu's slope there, relu2deriv(layer_1)" in said, said

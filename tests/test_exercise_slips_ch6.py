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


def test_hidden_delta_by_layer_1s_values_or_with_its_sign_flipped_is_named(catalog):
    """6.4's hidden_delta with `* layer_1` for the 0/1 mask said only "returned [[-0.0,
    0.02174750010058192, -0.0]], expected [[0.0, 0.16504136, 0.0]]"; a flipped sign said nothing
    of the sign, as 5.1's and 6.5's do. The numbers are now rounded as the lesson's show() prints."""
    said = _slipped(catalog, "6.4", "hidden_delta", "* (layer_1 > 0)", "* layer_1")
    assert "returned [[0.0, 0.02175, 0.0]], expected [[0.0, 0.16504, 0.0]]: each node's share" in said, said
    assert "multiplied by its value in layer_1, where the 0/1 mask belongs" in said, said
    assert "-0.0" not in said and "0.021747" not in said, said
    said = _slipped(catalog, "6.4", "hidden_delta", "return layer_2_delta", "return -layer_2_delta")
    assert "returned [[0.0, -0.16504, 0.0]], expected [[0.0, 0.16504, 0.0]]: the right sizes with every" in said
    assert "sign flipped: send layer_2_delta back as it is" in said, said
    # a miss that 5 places would hide is shown to 12
    said = _slipped(catalog, "6.4", "hidden_delta", "return layer_2_delta", "return 1.000001 * layer_2_delta")
    assert "returned [[0.0, 0.16504152575, 0.0]], expected [[0.0, 0.16504136, 0.0]]" in said, said


def test_relu_as_the_largest_number_of_x_is_told_maximum_compares_element_by_element(catalog):
    """6.3's relu as `np.max(x, 0)` returned 3.0 and was told "returned a float64: return a numpy
    array (arithmetic on the array x gives one...)", nothing of what np.max does. Said as the
    verdict on `np.max(0, x)` says it (common_errors.py): np.max gives one number, np.maximum
    compares element by element."""
    for wrong in ("return np.max(x, 0)", "return max(x)", "return x.max()"):
        said = _slipped(catalog, "6.3", "relu", "return (x > 0) * x", wrong)
        assert "relu([-2.0, 0.0, 3.0]) returned 3.0, one number: max and np.max give the largest" in said, said
        assert "np.max's second argument is an axis" in said, said
        assert "element by element, the larger of two is np.maximum(x, 0)" in said, said
        assert "float64" not in said and "arithmetic on the array x" not in said, said
    # another number is not the largest: the old words hold
    said = _slipped(catalog, "6.3", "relu", "return (x > 0) * x", "return float(x[0])")
    assert "returned a float: return a numpy array" in said and "np.max" not in said, said

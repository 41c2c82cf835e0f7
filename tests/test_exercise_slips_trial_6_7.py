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


def test_6_4s_hidden_delta_as_a_column_is_not_given_the_answers_line(catalog):
    """`weights_1_2.dot(layer_2_delta)` and `layer_2_delta * weights_1_2` were told "Send the delta
    back as layer_2_delta.dot(weights_1_2.T): a row, like layer_1", the whole answer."""
    right = "layer_2_delta.dot(weights_1_2.T)"
    for wrong in ("weights_1_2.dot(layer_2_delta)", "layer_2_delta * weights_1_2"):
        said = _slipped(catalog, "6.4", "hidden_delta", right, wrong)
        assert "has shape (3, 3), expected (1, 3): each hidden node's blame came out as a column," in said, said
        assert "shape (3, 1), one row per node, as weights_1_2 is" in said, said
        assert "a column times the row of layer_1 spreads into a grid" in said, said
        assert "layer_1_delta must be a row, like layer_1: one column per node" in said, said
        assert right not in said and ".T" not in said, said
    _solution_passes(catalog, "6.4", "hidden_delta")


def test_6_4s_hidden_delta_with_the_sigmoids_slope_is_named(catalog):
    """`* layer_1 * (1 - layer_1)` for the 0/1 mask got only "returned [[0.0, 0.01888, 0.0]],
    expected [[0.0, 0.16504, 0.0]]"; 7.4 names the same slip."""
    said = _slipped(catalog, "6.4", "hidden_delta", "* (layer_1 > 0)", "* layer_1 * (1 - layer_1)")
    assert (
        "returned [[0.0, 0.01888, 0.0]], expected [[0.0, 0.16504, 0.0]]: the hidden layer is relu: its slope "
        "is 1 where a node is on, 0 where it is off, not layer_1 * (1 - layer_1), the sigmoid's"
    ) in said, said


def test_6_4s_hidden_delta_without_a_return_is_told_so_first(catalog):
    """A hidden_delta that computed its answer without `return` was told first "hidden_delta
    returned a NoneType: return the numpy array the formula gives", then why."""
    said = _slipped(catalog, "6.4", "hidden_delta", "return layer_2_delta", "layer_2_delta")
    assert said.splitlines()[1] == "hidden_delta returned None: add a return", said
    assert "NoneType" not in said, said


def test_6_4s_relu2deriv_as_tanhs_slope_is_named(catalog):
    """`return 1 - output ** 2` got only "node 3's output 2.5 gave -5.25, but relu's slope for an on
    node (output > 0) is 1", where the sigmoid's slope is named."""
    said = _slipped(catalog, "6.4", "relu2deriv", "output > 0", "1 - output ** 2")
    assert said.endswith(
        "node 3's output 2.5 gave -5.25, but relu's slope for an on node (output > 0) is 1, whatever its "
        "size. 1 - output ** 2 is tanh's slope; relu's is 1 where output > 0, else 0"
    ), said
    _solution_passes(catalog, "6.4", "relu2deriv")


def test_6_5s_learn_with_the_sigmoids_slope_is_named_not_answered(catalog):
    """`* layer_1 * (1 - layer_1)` for relu2deriv(layer_1) was told both remaining lines of the
    solution: "layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1), then
    weights_0_1 -= alpha * layer_0.T.dot(layer_1_delta)"."""
    said = _slipped(catalog, "6.5", "learn", "* relu2deriv(layer_1))", "* layer_1 * (1 - layer_1))")
    assert (
        "weights_0_1 became [[1.0, 0.975], [-1.0, 0.975]], expected [[1.0, 1.0125], [-1.0, 1.0125]]: "
        "layer_1_delta was multiplied by layer_1 * (1 - layer_1), the sigmoid's slope. The hidden layer is "
        "relu, so its slope is the one relu2deriv gives: 1 where a node is on, 0 where it is off"
    ) in said, said
    assert ".dot(" not in said and "-=" not in said, said
    _solution_passes(catalog, "6.5", "learn")


def test_6_5s_learn_without_alpha_is_told_the_step_was_not_scaled(catalog):
    """An update without alpha was told "alpha * layer_1.T.dot(layer_2_delta) with layer_2_delta =
    -0.5" (weights_1_2: the solution's line) or both remaining lines (weights_0_1)."""
    said = _slipped(catalog, "6.5", "learn", "weights_1_2 -= alpha * ", "weights_1_2 -= ")
    assert (
        "weights_1_2 became [[0.5], [1.25]], expected [[0.5], [0.35]]: the step was not scaled by alpha "
        "(0.1 here), so it went 10 times too far"
    ) in said, said
    assert ".dot(" not in said, said
    said = _slipped(catalog, "6.5", "learn", "weights_0_1 -= alpha * ", "weights_0_1 -= ")
    assert (
        "weights_0_1 became [[1.0, 1.125], [-1.0, 1.125]], expected [[1.0, 1.0125], [-1.0, 1.0125]]: the "
        "step was not scaled by alpha (0.1 here), so it went 10 times too far"
    ) in said, said
    assert ".dot(" not in said, said


def test_7_3s_cross_entropy_in_base_10_or_with_the_log_of_the_targets_is_named(catalog):
    """np.log10, or probs and targets swapped (a log of the one-hot 0s: inf), got only "should be
    0.693147 ..., got 0.301030" or "got inf"."""
    right = "targets * np.log(probs)"
    said = _slipped(catalog, "7.3", "cross_entropy", right, "targets * np.log10(probs)")
    assert (
        "should be 0.693147 (the mean of -log(probability of the right class)), got 0.301030. Yours is the "
        "right loss divided by 2.303 (the natural log of 10), as a log to base 10 (np.log10) gives. The loss "
        "uses the natural log, np.log."
    ) in said, said
    said = _slipped(catalog, "7.3", "cross_entropy", right, "probs * np.log(targets)")
    assert (
        "got inf. The log of 0 is -inf, and the 0s here are in the one-hot targets: the log was taken of "
        "targets, the second argument. It belongs on probs, the first; targets only picks which log counts."
    ) in said, said
    # the arguments swapped in the def: the same words
    said = _slipped(catalog, "7.3", "cross_entropy", "(probs, targets)", "(targets, probs)")
    assert "the log was taken of targets, the second argument" in said, said
    # an inf from elsewhere (no swap puts it right) is not said to be one
    said = _slipped(catalog, "7.3", "cross_entropy", right, "np.log(0 * probs)")
    assert "got inf." in said and "log was taken" not in said, said
    _solution_passes(catalog, "7.3", "cross_entropy")


def test_7_3s_one_hot_with_every_label_in_every_row_is_not_told_of_another_form(catalog):
    """`out[i][labels] = 1` in the loop was told of `out[:, labels] = 1`, a line it did not write."""
    for wrong in ("out[i][labels] = 1", "out[:, labels] = 1"):
        said = _slipped(catalog, "7.3", "one_hot", "out[i, label] = 1.0", wrong)
        assert (
            "got [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]: every row has a 1 in every label's column "
            "(0 and 9), not only in its own label's. Row i needs a single 1, in column labels[i]"
        ) in said, said
        assert "out[:, labels]" not in said and "`:`" not in said, said
    _solution_passes(catalog, "7.3", "one_hot")


def test_6_5s_learn_with_an_unnamed_slip_is_told_the_idea_not_the_solutions_lines(catalog):
    """A slip none of the named ones catches got the solution's remaining lines as its message."""
    said = _slipped(
        catalog, "6.5", "learn", "alpha * layer_0.T.dot(layer_1_delta)", "alpha * layer_0.T.dot(layer_1_delta) * 3"
    )
    assert "each hidden node's delta is its share of layer_2_delta" in said, said
    assert "relu2deriv(layer_1)" not in said and ".dot(" not in said.split("expected", 1)[1], said
    said = _slipped(
        catalog, "6.5", "learn", "alpha * layer_1.T.dot(layer_2_delta)", "alpha * layer_1.T.dot(layer_2_delta) * 3"
    )
    assert "the step is alpha times each hidden value times layer_2_delta (-0.5 here" in said, said
    assert "layer_1.T.dot" not in said.split("expected", 1)[1], said

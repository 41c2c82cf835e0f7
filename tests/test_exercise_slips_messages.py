"""Slips a learner trial met whose failure message was true but plain: it showed the wrong value, not
what it is. Each test cell now names the slip, in the lesson's words, without the answer's line.
(The other named slips: test_exercise_slips_ch3_4.py, _ch6.py, _ch7.py, test_exercise_verdicts.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code
from tests.lessons_util import slipped_verdict as _slipped


def _solution_passes(catalog, lesson_id: str, name: str) -> None:
    exercise = catalog.get(lesson_id).exercise(name)
    verdict = check_code(exercise, exercise.solution.source)
    assert verdict.passed, verdict.text


def test_4_1s_miss_not_squared_is_told_it_is_the_miss(catalog):
    """`return abs(pred - goal_pred)` got only "should be 0.3025, got 0.55"."""
    for wrong in ("abs(pred - goal_pred)", "pred - goal_pred"):
        said = _slipped(catalog, "4.1", "squared_error", "(pred - goal_pred) ** 2", wrong)
        assert "got 0.55: that is the miss itself, how far pred is from goal_pred, not yet squared" in said or (
            "got -0.55: that is the miss itself, how far pred is from goal_pred, not yet squared" in said
        ), said
    _solution_passes(catalog, "4.1", "squared_error")


def test_4_3s_step_scaled_by_the_weight_is_told_it_takes_the_input(catalog):
    """`weight_delta = delta * weight` got only "should return 0.11275, got 0.10015"."""
    said = _slipped(catalog, "4.3", "gd_step", "delta * input", "delta * weight")
    assert "got 0.10015: that is delta times the weight. weight_delta scales delta by the input" in said, said
    _solution_passes(catalog, "4.3", "gd_step")


def test_5_5s_inner_loop_over_a_is_told_the_last_column_was_never_filled(catalog):
    """`for j in range(len(a))` got only "should be [[3.0, 4.0, 5.0], ...], got [[3.0, 4.0, 0.0], ...]"."""
    said = _slipped(catalog, "5.5", "outer_prod", "range(len(b))", "range(len(a))")
    assert (
        "got [[3.0, 4.0, 0.0], [6.0, 8.0, 0.0]]: the last column was never filled (still np.zeros' 0.0). "
        "The loop over the columns runs over the wrong list: it stops at len(a) = 2, and there are 3 columns"
    ) in said, said
    # one short of len(b), which is len(a) here too: not said to be the wrong list
    said = _slipped(catalog, "5.5", "outer_prod", "range(len(b))", "range(len(b) - 1)")
    assert "never filled (still np.zeros' 0.0). The loop over the columns stops at 2, and there are 3" in said
    _solution_passes(catalog, "5.5", "outer_prod")


def test_6_6bs_relu_on_the_output_is_told_it_belongs_on_the_hidden_layer(catalog):
    """`return relu(l0.dot(W0).dot(W1))` got only "forward gave [-0.0], expected [-2.446626]"."""
    said = _slipped(catalog, "6.6b", "forward", "relu(l0.dot(W0)).dot(W1)", "relu(l0.dot(W0).dot(W1))")
    assert (
        "forward gave [-0.0], expected [-2.446626]: relu went on the output, after both dots. "
        "It belongs on the hidden layer, between the two dots. (-0.0 is relu's 0 for a negative number.)"
    ) in said, said
    assert "l0.dot(W0)" not in said  # the line is the learner's to write
    _solution_passes(catalog, "6.6b", "forward")


def test_7_4s_sigmoid_slope_on_the_relu_layer_is_named(catalog):
    """`* layer_1 * (1 - layer_1)` for the hidden layer's slope got only "a relative error of 0.88"."""
    said = _slipped(catalog, "7.4", "backprop", "activate2deriv(layer_1))", "layer_1 * (1 - layer_1))")
    assert (
        "relative error of 0.88 (0 is a match, 1 nothing alike; under 1e-6 passes). The hidden layer is relu: "
        "its slope is 1 where a node is on, 0 where it is off, not layer_1 * (1 - layer_1), the sigmoid's"
    ) in said, said
    _solution_passes(catalog, "7.4", "backprop")


def test_6_4s_relu2deriv_as_the_sigmoid_slope_is_told_an_on_nodes_slope_is_1(catalog):
    """`return output * (1 - output)` ended "(a node whose output is 0 is off: 0)", where the off
    nodes were right and the on node 2.5 had become -3.75."""
    said = _slipped(catalog, "6.4", "relu2deriv", "output > 0", "output * (1 - output)")
    assert said.endswith(
        "expected [[0.0, 1.0, 0.0, 1.0]]: node 3's output 2.5 gave -3.75, but relu's slope for an on node "
        "(output > 0) is 1, whatever its size. output * (1 - output) is the sigmoid's slope"
    ), said
    assert "is off: 0" not in said
    # an off node given a slope is still told of off nodes
    said = _slipped(catalog, "6.4", "relu2deriv", "output > 0", "output >= 0")
    assert "(a node whose output is 0 is off: 0)" in said, said
    _solution_passes(catalog, "6.4", "relu2deriv")


def test_7_3s_one_hot_filling_every_row_at_once_is_told_what_that_line_does(catalog):
    """`out[:, labels] = 1` got only "row 0 (label 0) should be 0 everywhere but a 1 in column 0,
    got [1.0, 0.0, ..., 1.0]"."""
    one_hot = catalog.get("7.3").exercise("one_hot")
    code = "import numpy as np\n\ndef one_hot(labels):\n    out = np.zeros((len(labels), 10))\n"
    said = check_code(one_hot, code + "    out[:, labels] = 1\n    return out\n").text
    assert (
        "every row has a 1 in every label's column (0 and 9), not only in its own label's. Row i needs a "
        "single 1, in column labels[i]"
    ) in said, said
    _solution_passes(catalog, "7.3", "one_hot")


def test_an_unindent_between_two_blocks_names_the_levels_to_use(catalog):
    """5.5: "line 8, indented 6 spaces (the line above: 10 spaces)": 6 is no block's level, and the
    numbers did not say which to use."""
    outer_prod = catalog.get("5.5").exercise("outer_prod")
    code = outer_prod.solution.source.replace(
        "            out[i][j] = a[i] * b[j]", "          out[i][j] = a[i] * b[j]\n      out[i][j] += 0"
    )
    verdict = check_code(outer_prod, code)
    assert verdict.headline == "Python cannot read your code: unindent does not match any outer indentation level."
    assert verdict.details == (
        "line 8, indented 6 spaces, no block's level (the line above: 10 spaces): use 8 to stay in the "
        "`for` of line 5, or 4 to go on after it: out[i][j] += 0",
    ), verdict.details
    # between a function's body and its def: only the body's level (the exercise is the function)
    exercise = catalog.get("4.1").exercise("squared_error")
    code = "def squared_error(pred, goal_pred):\n    miss = pred - goal_pred\n  return miss ** 2\n"
    assert check_code(exercise, code).details == (
        "line 3, indented 2 spaces, no block's level (the line above: 4 spaces): use 4 to stay in the "
        "`def` of line 1: return miss ** 2",
    )


def test_the_values_a_failing_test_line_read_are_listed_as_written(catalog):
    """5.1: `compute_weight_deltas(list(input), weights, true)` listed "with weights = ..., true = 1,
    input = ..." (ast.walk's order: input sits one call deeper), not the function's own order."""
    ex = catalog.get("5.1").exercise("weight_deltas")
    code = ex.solution.source.replace("return [delta * x for x in input]", "return [delta * x for x in inpt]")
    said = check_code(ex, code).text
    assert "with input = [8.5, 0.65, 1.2], weights = [0.1, 0.2, -0.1], true = 1" in said, said


def test_a_mistyped_name_in_a_list_written_out_is_not_called_an_index(catalog):
    """5.1's `[delta * x for x in inpt]` was told "`inpt` is used as an index ... is a loop missing"."""
    ex = catalog.get("5.1").exercise("weight_deltas")
    code = ex.solution.source.replace("return [delta * x for x in input]", "return [delta * x for x in inpt]")
    said = check_code(ex, code).text
    assert "Did you mean `input`?" in said and "used as an index" not in said, said


def test_int_of_an_array_is_told_of_astype(catalog):
    """6.4's relu2deriv as `int(output > 0)`: the advice named math.log, math.exp, math.sqrt and
    float(), not the int() the learner wrote."""
    said = _slipped(catalog, "6.4", "relu2deriv", "return output > 0", "return int(output > 0)")
    assert "`int()` takes one number, and this is an array: an array's `.astype(int)` converts every entry." in said
    assert "math.log" not in said, said

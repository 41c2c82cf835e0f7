"""Chapter 4's exercise tests, after a trial: slips one exercise failed passed its sibling, a hint
came back word for word as a verdict, and values the lesson names were shown bare. Each test runs
the slip through the exercise's own test cell, as a learner's code is checked. (Chapters 3 and 5:
test_exercise_messages_ch35.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_4_1s_precedence_slip_is_told_without_the_finished_expression(catalog):
    """`return pred - goal_pred ** 2` was told "(pred - goal_pred) ** 2", hint 3 word for word."""
    squared = catalog.get("4.1").exercise("squared_error")
    verdict = check_code(squared, "def squared_error(pred, goal_pred):\n    return pred - goal_pred ** 2\n")
    assert not verdict.passed
    assert verdict.details[0].endswith(
        "got -0.39: that is pred - goal_pred ** 2 = 0.25 - 0.64. ** binds before -, so only goal_pred was"
        " squared: put the miss in brackets first, then square it"
    ), verdict.text
    assert "(pred - goal_pred) ** 2" not in verdict.text  # the solution's line is the last hint's, not ours


def test_4_1s_square_root_is_told_it_made_a_complex_number(catalog):
    """`return (pred - goal_pred) ** 0.5` got "The test raised TypeError: must be real number, not
    complex" beside the test's own line, which the learner never wrote."""
    squared = catalog.get("4.1").exercise("squared_error")
    verdict = check_code(squared, "def squared_error(pred, goal_pred):\n    return (pred - goal_pred) ** 0.5\n")
    assert verdict.headline == "Not yet: a test failed.", verdict.text
    assert verdict.details[0] == (
        "squared_error(pred=0.25, goal_pred=0.8) returned a complex number, one with a j part (4.54e-17+0.742j):"
        " in Python a negative number to the power 0.5, its square root, is complex. The error squares the miss;"
        " it takes no root"
    ), verdict.text


def test_4_3bs_slope_with_the_weight_for_the_input_fails_the_first_case_and_is_named(catalog):
    """`return 2 * delta * weight` passed the first case (the book's start, weight = input = 0.5) and
    failed the second with a bare "got 0.2"."""
    slope = catalog.get("4.3b").exercise("slope")
    verdict = check_code(slope, slope.solution.source.replace("return 2 * input * delta", "return 2 * delta * weight"))
    assert not verdict.passed
    assert verdict.details[0] == (
        "slope(weight=0.2, input=1.5, goal_pred=0.8) should be about -1.5 (the error's change per unit of"
        " weight), got -0.2: that uses the weight where the input belongs. delta = input * weight - goal_pred"
        " moves by input for each unit of weight: that is delta's own slope"
    ), verdict.text


def test_4_2s_error_returned_for_the_new_weight_is_said_so(catalog):
    """Returning the smaller error got a bare "got 0.30195025"."""
    hot_cold = catalog.get("4.2").exercise("hot_cold_step")
    code = hot_cold.solution.source.replace("return weight - step_amount", "return down_error").replace(
        "return weight + step_amount", "return up_error"
    )
    verdict = check_code(hot_cold, code)
    assert verdict.details[0] == (
        "hot_cold_step(0.5, 0.5, 0.8, 0.001) should return 0.501 (pred 0.25 is too low: go up), got 0.30195025:"
        " that is the error a step up, not a weight. hot_cold_step returns the new weight"
    ), verdict.text
    # a 0 returned on a tie is no error: the error now is 0 there, and the slip is another
    tie = check_code(hot_cold, hot_cold.solution.source.replace("return weight              #", "return 0  #"))
    assert "got 0" in tie.text and "that is the error" not in tie.text, tie.text


def test_4_3s_gd_step_returning_the_step_is_told_it_returns_the_new_weight(catalog):
    """`return weight_delta` got "should return 0.11275, got -1.275"."""
    gd_step = catalog.get("4.3").exercise("gd_step")
    for returned, name in (("weight_delta", "weight_delta"), ("alpha * weight_delta", "alpha * weight_delta")):
        code = gd_step.solution.source.replace("return weight - alpha * weight_delta", f"return {returned}")
        verdict = check_code(gd_step, code)
        said = verdict.details[0]
        assert said.endswith(f": that is {name}, the step: the function returns the new weight"), said


def test_4_3bs_first_case_names_no_slip_the_code_did_not_make(catalog):
    """With input 0.5 first, 2 * error * input was called "the error itself" (2 * 0.5 is 1), and
    delta alone passed two cases to be told at the third that it used the weight (a trial)."""
    slope = catalog.get("4.3b").exercise("slope")
    head = "def slope(weight, input, goal_pred):\n"
    said = check_code(
        slope, head + "    error = (input * weight - goal_pred) ** 2\n    return 2 * error * input\n"
    ).text
    assert "should be about -1.5" in said and "the error itself" not in said, said
    said = check_code(slope, head + "    return input * weight - goal_pred\n").text
    assert "slope(weight=0.2, input=1.5" in said and "uses the weight" not in said, said


def test_4_2s_tie_that_falls_through_is_told_which_path_returns_none(catalog):
    """`if ... elif ...` with no return for a tie got "The test raised TypeError: must be real
    number, not NoneType" beside the test's own line."""
    hot_cold = catalog.get("4.2").exercise("hot_cold_step")
    code = (
        "def hot_cold_step(weight, input, goal_pred, step_amount):\n"
        "    up_error = (input * (weight + step_amount) - goal_pred) ** 2\n"
        "    down_error = (input * (weight - step_amount) - goal_pred) ** 2\n"
        "    if down_error < up_error:\n"
        "        return weight - step_amount\n"
        "    elif up_error < down_error:\n"
        "        return weight + step_amount\n"
    )
    verdict = check_code(hot_cold, code)
    assert verdict.headline == "Not yet: a test failed.", verdict.text
    assert verdict.details[0] == (
        "hot_cold_step(1.6, 0.5, 0.8, 0.275) returned None where both errors are equal (pred 0.8 is on the goal:"
        " up and down tie, so stay): a path of your if/elif ends without a return"
    ), verdict.text
    # two values back is said as two values, not as Python's TypeError
    pair = check_code(hot_cold, hot_cold.solution.source.replace("return weight - step_amount", "return weight, 1"))
    assert "returned 2 values, (" in pair.text and "TypeError" not in pair.text, pair.text


def test_4_2s_step_returned_for_the_new_weight_is_said_so_as_gd_step_does(catalog):
    """`return step_amount` / `return -step_amount` got a bare "got 0.001"."""
    hot_cold = catalog.get("4.2").exercise("hot_cold_step")
    code = hot_cold.solution.source.replace("return weight - step_amount", "return -step_amount").replace(
        "return weight + step_amount", "return step_amount"
    )
    verdict = check_code(hot_cold, code)
    assert verdict.details[0].endswith(
        "got 0.001: that is step_amount, the step: the function returns the new weight"
    ), verdict.text


def test_4_1s_array_of_one_number_is_said_so_not_math_logs_advice(catalog):
    """`return np.array([pred - goal_pred]) ** 2` got "only 0-dimensional arrays can be converted"
    with advice about math.log, which the code never called."""
    squared = catalog.get("4.1").exercise("squared_error")
    code = "import numpy as np\ndef squared_error(pred, goal_pred):\n    return np.array([pred - goal_pred]) ** 2\n"
    verdict = check_code(squared, code)
    assert verdict.details[0] == (
        "squared_error(pred=0.25, goal_pred=0.8) returned an array of one number, array([0.3025]), where one"
        " number is expected: return the number itself"
    ), verdict.text
    assert "math.log" not in verdict.text, verdict.text
    pair = check_code(squared, "def squared_error(pred, goal_pred):\n    return (pred - goal_pred) ** 2, pred\n")
    assert pair.details[0] == (
        "squared_error(pred=0.25, goal_pred=0.8) returned 2 values, (0.3025, 0.25): return only the error"
    ), pair.text


def test_4_3bs_slope_returning_two_values_is_said_so(catalog):
    """`return slope, delta` got "The test raised TypeError: must be real number, not tuple"."""
    slope = catalog.get("4.3b").exercise("slope")
    verdict = check_code(
        slope, slope.solution.source.replace("return 2 * input * delta", "return 2 * input * delta, delta")
    )
    assert verdict.details[0] == (
        "slope(weight=0.2, input=1.5, goal_pred=0.8) returned 2 values, (-1.5, -0.5): return only the slope"
    ), verdict.text


def test_4_3bs_slope_measured_by_a_nudge_is_told_it_is_an_estimate(catalog):
    """A one-sided nudge of 0.001, the lesson's own way of measuring, got a bare "got -1.49775"."""
    slope = catalog.get("4.3b").exercise("slope")
    code = (
        "def slope(weight, input, goal_pred):\n"
        "    h = 0.001\n"
        "    nudged = (input * (weight + h) - goal_pred) ** 2\n"
        "    now = (input * weight - goal_pred) ** 2\n"
        "    return (nudged - now) / h\n"
    )
    verdict = check_code(slope, code)
    assert verdict.details[0].endswith(
        "got -1.49775: what a nudge of about 0.001 measures. A nudge only estimates the slope: the U curves within"
        " it, and a nudge of h adds input ** 2 * h, here +0.0022. This exercise wants the exact slope, worked out"
        " by its formula"
    ), verdict.text
    # a slope far off is no estimate
    assert "estimate" not in check_code(slope, slope.solution.source.replace("2 * input", "3 * input")).text


def test_4_3s_gd_step_returning_two_values_is_said_so(catalog):
    """`return new_weight, weight_delta` got "unsupported operand type(s) for -: 'tuple' and 'float'"
    beside the test's own line."""
    gd_step = catalog.get("4.3").exercise("gd_step")
    code = gd_step.solution.source.replace(
        "return weight - alpha * weight_delta", "return weight - alpha * weight_delta, weight_delta"
    )
    verdict = check_code(gd_step, code)
    assert verdict.details[0] == (
        "gd_step(0.1, 8.5, 1.0, 0.01) returned 2 values, (0.11275, -1.275): return only the new weight"
    ), verdict.text

"""Verdicts for a return inside a loop (where it goes back to) and a result with its sign flipped
(said in each lesson's words)."""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_a_return_inside_the_loop_is_named(catalog):
    """3.3's dot with `return total` indented into its for returned the first product: the verdict
    said "should be 3, got 4" and the hints spoke of products, not of where the return sits."""
    dot = catalog.get("3.3").exercise("dot")
    code = (
        "def dot(a, b):\n"
        "    assert len(a) == len(b)\n"  # the stub's: without it, dot fails its length check
        "    total = 0\n"
        "    for i in range(len(a)):\n"
        "        total += a[i] * b[i]\n"
        "        return total\n"
    )
    said = check_code(dot, code).text
    assert "Line 6, `return total`, is inside a loop: dot returns in the loop's first pass." in said, said
    right = code.replace("        return total", "    return total")
    assert check_code(dot, right).passed
    # in an inner loop, already at the inner `for`'s level: back to the first one (5.5's outer_prod)
    outer = catalog.get("5.5").exercise("outer_prod")
    nested = (
        "def outer_prod(a, b):\n"
        "    out = [[0.0] * len(b) for _ in a]\n"
        "    for i in range(len(a)):\n"
        "        for j in range(len(b)):\n"
        "            out[i][j] = a[i] * b[j]\n"
        "            return out\n"
    )
    said = check_code(outer, nested).text
    assert "indent it back to the level of the first `for` (line 3), outside both loops." in said, said


def test_a_result_with_its_sign_flipped_is_said_so(catalog):
    """4.3's gd_step with `delta = goal_pred - pred` got only "should return 0.11275, got 0.08725",
    and 4.3b's slope "should be about -0.55 ..., got 0.55": the right size, the sign flipped, as a
    prediction's verdict says it (instruments/predict.py's sign_only)."""
    step = catalog.get("4.3").exercise("gd_step")
    said = check_code(step, step.solution.source.replace("pred - goal_pred", "goal_pred - pred")).text
    # 0.08725, not 0.08725000000000001
    assert "got 0.08725: the weight moved by -0.01275 where it should move by +0.01275" in said, said
    assert "the right size with its sign flipped" in said
    # a step of the wrong size is no flipped sign
    double = check_code(step, step.solution.source.replace("weight - alpha", "weight - 2 * alpha")).text
    assert "should return 0.11275, got 0.1255" in double and "flipped" not in double, double
    slope = catalog.get("4.3b").exercise("slope")
    said = check_code(slope, slope.solution.source.replace("return 2 * input", "return -2 * input")).text
    assert "should be about -1.5 (the error's change per unit of weight), got 1.5: the right size with" in said
    assert "its sign flipped" in said and "exactly half" not in said, said
    half = check_code(slope, slope.solution.source.replace("return 2 * input", "return input")).text
    assert "exactly half" in half and "flipped" not in half, half
    # and where a trial found it unnamed: 5.1's true - pred, 7.3's loss without its minus, 7.4's
    # target - layer_2 (each test says it in its lesson's words)
    for lesson_id, name, old, new, words in (
        ("5.1", "weight_deltas", "pred - true", "true - pred", "the right sizes with every sign flipped"),
        ("7.3", "cross_entropy", "np.mean(-np.sum", "np.mean(np.sum", "The right size with its sign flipped"),
        ("7.4", "backprop", "(layer_2 - target)", "(target - layer_2)", "the numeric one with every sign flipped"),
    ):
        exercise = catalog.get(lesson_id).exercise(name)
        assert old in exercise.solution.source, (lesson_id, old)
        said = check_code(exercise, exercise.solution.source.replace(old, new)).text
        assert words in said, said


def test_an_index_from_the_loop_over_the_other_list_is_named(catalog):
    """5.5's outer_prod with `a[j] * b[i]` raised IndexError and was told to check how far each loop
    runs: the loops were right, the indices swapped."""
    outer = catalog.get("5.5").exercise("outer_prod")
    code = (
        "def outer_prod(a, b):\n"
        "    out = [[0.0] * len(b) for _ in a]\n"
        "    for i in range(len(a)):\n"
        "        for j in range(len(b)):\n"
        "            out[i][j] = a[j] * b[i]\n"
        "    return out\n"
    )
    said = check_code(outer, code).text
    assert "`a[j]`: `j` runs over the indices of `b`, but it indexes `a`, whose own loop variable is `i`." in said, said
    assert "check how far each loop runs" not in said, said
    # a list no loop measures, indexed with another's variable, is right and not blamed: `out[i]`
    right = code.replace("a[j] * b[i]", "a[i] * b[j]")
    assert check_code(outer, right).passed


def test_the_numbers_of_a_verdict_have_no_float_noise(catalog):
    """4.1's verdict read "should be 0.30250000000000005, got -0.3900000000000001"."""
    square = catalog.get("4.1").exercise("squared_error")
    said = check_code(square, "def squared_error(pred, goal_pred):\n    return pred - goal_pred ** 2\n").text
    assert "squared_error(pred=0.25, goal_pred=0.8) should be 0.3025, got -0.39: that is" in said, said


def test_a_dot_that_returns_the_products_is_told_to_add_them(catalog):
    """3.3's dot returning [4, -6, 5] got a bare "should be 3, got [4, -6, 5]" (a trial)."""
    dot = catalog.get("3.3").exercise("dot")
    said = check_code(dot, "def dot(a, b):\n    return [a[i] * b[i] for i in range(len(a))]\n").text
    assert "got [4, -6, 5]: that is a list, the products one by one; a dot product adds them up" in said, said


def test_a_forward_pass_without_relu_is_told_the_two_blocks_became_one(catalog):
    """6.6b's one-line forward written l0.dot(W0).dot(W1): the slip lesson 6.3 was about."""
    forward = catalog.get("6.6b").exercise("forward")
    said = check_code(forward, forward.solution.source.replace("relu(l0.dot(W0))", "l0.dot(W0)")).text
    assert "relu is missing: without it l0 W0 W1 is l0 times the one matrix W0 W1" in said, said
    assert check_code(forward, forward.solution.source).passed

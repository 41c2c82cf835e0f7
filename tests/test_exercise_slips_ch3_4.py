"""Chapters 3 and 4's exercise slips a learner trial met whose verdict gave only numbers or pointed at
the wrong line: each now says what it is, in the lesson's words. (Chapter 6's and 7's:
test_exercise_slips_ch6.py, test_exercise_slips_ch7.py; what any exercise's verdict says of
Python's usual slips: test_exercise_verdicts.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_3_7s_vect_mat_mul_called_with_its_arguments_swapped_is_named_at_that_line(catalog):
    """`hid = vect_mat_mul(weights[0], input)`: "TypeError: object of type 'float' has no len()" at a
    line of the given helper, with the test's `ih` and `hp` listed under it."""
    network = catalog.get("3.7").exercise("neural_network")
    for old, new, line in (
        ("vect_mat_mul(input, weights[0])", "vect_mat_mul(weights[0], input)", 7),
        ("vect_mat_mul(hid, weights[1])", "vect_mat_mul(weights[1], hid)", 8),
    ):
        code = network.solution.source.replace(old, new)
        verdict = check_code(network, code)
        assert verdict.headline == "Not yet: a test failed.", verdict.text
        assert verdict.details == (
            "vect_mat_mul takes (vect, matrix), the vector first: this call passes the matrix first",
            f"it failed inside line {line} of your code: {code.splitlines()[line - 1].strip()}",
        ), verdict.text
        assert verdict.code_line == line


def test_4_1s_miss_doubled_is_told_from_the_miss_squared(catalog):
    """`return (pred - goal_pred) * 2` got only "should be 0.3025, got -1.1"."""
    squared = catalog.get("4.1").exercise("squared_error")
    said = check_code(squared, squared.solution.source.replace("** 2", "* 2")).text
    assert "got -1.1: that is the miss times 2. `* 2` doubles; `** 2` squares, the miss times itself" in said, said


def test_3_7s_hidden_layer_and_prediction_returned_swapped_is_said_so(catalog):
    """`return pred, hid` got only "want [0.86, 0.295, 1.23], got [0.2135, 0.145, 0.5065]"."""
    network = catalog.get("3.7").exercise("neural_network")
    said = check_code(network, network.solution.source.replace("return hid, pred", "return pred, hid")).text
    assert (
        "got [0.2135, 0.145, 0.5065]: that is the prediction, and pred got the hidden layer's values: "
        "return them in the order hid, pred" in said
    ), said


def test_4_3bs_error_returned_for_its_slope_is_said_so(catalog):
    """`return delta ** 2` got only "should be about -0.55 ..., got 0.3025" (the book's start; the
    first case is now weight 0.2, input 0.5, goal_pred 0.8)."""
    slope = catalog.get("4.3b").exercise("slope")
    said = check_code(slope, slope.solution.source.replace("return 2 * input * delta", "return delta ** 2")).text
    assert "got 0.25: that is the error itself, delta ** 2, not its slope" in said, said


def test_3_2s_loop_that_skips_the_first_or_last_item_is_said_so(catalog):
    """`for i in range(1, len(a))` got only "should be 0.98 (...), got 0.13"."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    first = check_code(w_sum, w_sum.solution.source.replace("range(len(a))", "range(1, len(a))")).text
    assert "got 0.13: item 0, 8.5 * 0.1, is left out. range(len(a)) gives every index, 0 to len(a) - 1" in first
    last = check_code(w_sum, w_sum.solution.source.replace("range(len(a))", "range(len(a) - 1)")).text
    assert "got 14: item 2, 3 * 6, is left out." in last, last


def test_3_2s_float_zero_is_shown_as_a_float_not_as_the_stubs_0(catalog):
    """`total = a[i] * b[i]` returns the last product, 1.2 * 0.0 = 0.0, and the test said "got 0",
    which read as the stub's `return 0` still in place."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    said = check_code(w_sum, w_sum.solution.source.replace("output += a[i] * b[i]", "output = a[i] * b[i]")).text
    assert said.splitlines()[1].endswith(
        "got 0.0: that is only the last product, 1.2 * 0.0."
        " Each pass of the loop must add its product to the sum so far,"
        " not replace it"
    ), said
    assert check_code(w_sum, w_sum.stub.source).text.splitlines()[1].endswith("got 0"), "the stub's own 0"


def test_an_own_assert_without_a_message_is_said_as_the_learners_condition(catalog):
    """The book's `assert len(vect) == len(matrix)` in 3.6 got "(the assertion has no message)" and
    "it failed inside line 6 of your code": nothing said it was the learner's own check that failed."""
    exercise = catalog.get("3.2").exercise("w_sum")
    code = exercise.solution.source.replace("def w_sum(a, b):\n", "def w_sum(a, b):\n    assert len(a) == 2\n")
    said = check_code(exercise, code).text
    assert said.splitlines()[1:3] == [
        "Your own assert at line 2 failed: `len(a) == 2` is not true for the test's input below.",
        "the test: got = w_sum(a, b)",
    ], said
    assert "no message" not in said and "it failed inside" not in said, said
    # with a message of its own, the message is what is said, as before
    said = check_code(exercise, code.replace("len(a) == 2\n", 'len(a) == 2, "two inputs only"\n')).text
    assert said.splitlines()[1] == "two inputs only" and "Your own assert" not in said, said


def test_3_6s_book_assert_on_the_matrix_says_why_it_is_wrong_and_where_the_lesson_explains(catalog):
    """The book's `assert len(vect) == len(matrix)` was said as "Your own assert at line 6 failed:
    `len(vect) == len(matrix)` is not true for the test's input below": true, but a learner who
    copied the book's check took the test for wrong. The lesson's "Common mistake" box explains it."""
    exercise = catalog.get("3.6").exercise("vect_mat_mul")
    code = exercise.solution.source.replace(
        "def vect_mat_mul(vect, matrix):\n", "def vect_mat_mul(vect, matrix):\n    assert len(vect) == len(matrix)\n"
    )
    said = check_code(exercise, code).text
    assert said.splitlines()[1] == (
        "Your own assert at line 6 refused vect_mat_mul([1, 2, 3], [[1, 0, 0], [0, 1, 1]]): 3 inputs, 2 rows. "
        "The number of rows is the number of outputs and need not match the inputs; each row's length must. "
        '(The box "Common mistake", further down this lesson, is about this very assert.)'
    ), said
    prose = catalog.get("3.6").path.read_text(encoding="utf-8")
    assert prose.index("**Common mistake.** The book's `vect_mat_mul` begins with") > prose.index("```python test")
    # an assert of the learner's that fails for another reason, or has its own words: as for any exercise
    said = check_code(exercise, code.replace("len(vect) == len(matrix)", "len(vect) == 2")).text
    assert said.splitlines()[1].startswith("Your own assert at line 6 failed: `len(vect) == 2`"), said
    said = check_code(exercise, code.replace("len(matrix)\n", 'len(matrix), "sizes differ"\n')).text
    assert said.splitlines()[1] == "sizes differ", said


def test_a_given_assert_is_not_called_the_learners_and_names_the_line_that_called_it(catalog):
    """3.7's given vect_mat_mul asserts its rows' lengths: `vect_mat_mul(hid[:2], weights[1])` got "Your
    own assert at line 3 failed ... for the test's input below", neither the learner's nor that input."""
    network = catalog.get("3.7").exercise("neural_network")
    said = check_code(
        network, network.solution.source.replace("vect_mat_mul(hid, weights[1])", "vect_mat_mul(hid[:2], weights[1])")
    ).text
    assert said.splitlines()[1] == (
        "The assert at line 3, in the code the lesson gives, failed: `all(len(row) == len(vect) for row in matrix)` "
        "is not true for what line 8 of your code passed it: pred = vect_mat_mul(hid[:2], weights[1])     # ...on "
        "predictions"
    ), said
    assert "Your own" not in said
    # 3.6's given w_sum, called by the learner's vect_mat_mul
    exercise = catalog.get("3.6").exercise("vect_mat_mul")
    said = check_code(exercise, exercise.solution.source.replace("w_sum(vect, row)", "w_sum(vect, row[:2])")).text
    assert said.splitlines()[1] == (
        "The assert at line 2, in the code the lesson gives, failed: `len(a) == len(b)` is not true for what line 7 "
        "of your code passed it: return [w_sum(vect, row[:2]) for row in matrix]"
    ), said

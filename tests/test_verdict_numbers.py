"""How an exercise's verdict says numbers: a wrong value without Python's float noise, to the places
the test compares, a float the message already gives in full not said again rounded, a list where
a number was expected, an array of whole numbers that loses the fractions put in it. (The other
mistakes a verdict names: test_exercise_verdicts.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code, describe
from grok_tui.engine.sandbox import run_sandboxed


def test_a_float_the_message_gives_in_full_is_not_said_again_rounded(catalog):
    """3.2's w_sum without its assert: "...but returned 0.9800000000000001: keep the assert", then
    "with got = 0.98" under it, which read as a second, different number."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    code = w_sum.solution.source.replace('    assert len(a) == len(b), "both lists need the same length"\n', "")
    verdict = check_code(w_sum, code)
    assert "assert" not in code.split("def w_sum")[1] and not verdict.passed
    assert "but returned 0.98: keep the assert" in verdict.text, verdict.text
    assert "with got" not in verdict.text, verdict.text


def test_a_list_where_a_number_was_expected_is_said_of_the_learners_own_names(catalog):
    """3.6's vect_mat_mul passing the whole matrix, `w_sum(vect, matrix)`, was told "a Python list
    times a number ... multiply each item (`[delta * x for x in values]`)": the slip was the matrix
    passed for a row, and 3.6 has no `delta`."""
    vect_mat_mul = catalog.get("3.6").exercise("vect_mat_mul")
    code = vect_mat_mul.solution.source.replace(
        "    return [w_sum(vect, row) for row in matrix]",
        "    out = []\n    for row in matrix:\n        out.append(w_sum(vect, matrix))\n    return out",
    )
    said = check_code(vect_mat_mul, code).text
    assert "`b[i]` is itself a list, [0.1, 0.1, -0.3], where `*` needs a number: `b` is a list of lists" in said
    assert "Was a whole matrix passed where one row was expected?" in said, said
    assert "delta" not in said and "values" not in said, said
    # 3.7's weights passed whole: the item a loop took (`w` of zip(vect, row)) is a row
    network = catalog.get("3.7").exercise("neural_network")
    said = check_code(network, network.solution.source.replace("input, weights[0])", "input, weights)")).text
    assert "`w` is itself a list, [0.1, 0.2, -0.1], where `*` needs a number: the loop takes it" in said, said
    # a flat list times a number (5.1's slip) is told by its name, not as a row; a matrix as a matrix
    said = check_code(vect_mat_mul, vect_mat_mul.solution.source.replace("w_sum(vect, row)", "w_sum(vect * 2.0, row)"))
    assert "`vect` is a Python list: times a number it does not multiply its items" in said.text, said.text
    assert "row was expected" not in said.text
    said = check_code(
        vect_mat_mul, vect_mat_mul.solution.source.replace("[w_sum(vect, row) for row in matrix]", "matrix * 0.5")
    )
    assert "`matrix` is a list of lists, like the rows of a matrix" in said.text, said.text


def test_a_wrong_number_is_shown_without_pythons_float_noise(catalog):
    """A step the wrong way in 4.2 said "got 0.09000000000000001" (0.1 - 0.01 in floats), 3.2's
    missing assert "returned 0.9800000000000001", 5.5's outer product "[[8.955000000000002, ...": a
    beginner reads the tail as part of the mistake. The tests now print such numbers to 12 digits."""
    step = catalog.get("4.2").exercise("hot_cold_step")
    # wrong on the toes example only (the first case passes), as a sign slip for big inputs would be
    code = step.solution.source.replace(
        "    up_error =", "    if input > 1:\n        return weight - step_amount\n    up_error =", 1
    )
    said = check_code(step, code).text
    assert "should return 0.11 (the book's toes example), got 0.09" in said, said
    assert "0.0900000" not in said, said
    w_sum = catalog.get("3.2").exercise("w_sum")
    code = w_sum.solution.source.replace('    assert len(a) == len(b), "both lists need the same length"\n', "")
    assert "but returned 0.98: keep the assert" in check_code(w_sum, code).text
    outer = catalog.get("5.5").exercise("outer_prod")
    # a product 10% short, past the first (whole-number) case: 0.546 * 0.9 is 0.49140000000000006
    code = outer.solution.source.replace("a[i] * b[j]", "a[i] * b[j] * (1 if a[0] == 1 else 0.9)")
    said = check_code(outer, code).text
    assert "got [[3.48075, 0.266175, 0.4914], [-0.153, -0.0117, -0.0216]" in said, said


def test_7_3s_cross_entropy_says_a_wrong_loss_to_six_places(catalog):
    """A flipped sign said "should be 0.693147 (...), got -0.6931471805599453": two forms of one number."""
    cross = catalog.get("7.3").exercise("cross_entropy")
    said = check_code(cross, cross.solution.source.replace("np.mean(-np.sum(", "np.mean(np.sum(")).text
    assert "got -0.693147. The right size with its sign flipped" in said, said


def test_any_tests_message_says_a_long_float_to_12_digits():
    """3.2, 4.2, 5.5, 6.6b and 7.3 each formatted their numbers by hand after a beginner read
    "got 0.09000000000000001" as part of the mistake, and a trial then found the next test that did
    not: the verdict now shortens such a float in any test's message."""
    code = "def step_down(w, s):\n    return w - s\n"
    test = 'got = step_down(0.1, 0.01)\nassert got == 0.1, f"should stay 0.1, got {got}; the input was {-0.6931471805599453}."'
    said = describe(run_sandboxed(code, test), code, test).text
    assert "should stay 0.1, got 0.09; the input was -0.69314718056." in said, said


def test_an_outer_product_stored_in_an_array_of_whole_numbers_is_said_to_lose_its_fractions(catalog):
    """5.5: `np.array([[0] * len(b) for _ in a])` holds ints; the message showed [[3.0, 0.0, 0.0], ...]
    as floats, and the learner could not tell that numpy had cut each product to a whole number."""
    outer = catalog.get("5.5").exercise("outer_prod")
    ints = outer.solution.source.replace("np.zeros((len(a), len(b)))", "np.array([[0] * len(b) for _ in a])")
    said = check_code(outer, ints).text
    assert "got [[3, 0, 0], [0, 0, 0], [7, 0, 1]]: your array holds whole numbers" in said, said
    assert "(0.455 * 8.5 = 3.8675 went in as 3)" in said and "dtype=float" in said, said

"""Chapter 6's exercise slips a learner trial met whose verdict gave only numbers, not the reason:
each now says what it is, in the lesson's words. (The other chapters' named slips:
test_exercise_verdicts.py, test_verdict_*.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code, describe
from grok_tui.engine.sandbox import run_sandboxed
from tests.lessons_util import slipped_verdict as _slipped


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


def test_a_tests_own_message_is_shown_without_the_tests_insides(catalog):
    """Under an assert's own message the verdict also said "the test: <its line>" and "with <its
    values>", in names a beginner never met: 6.5's "the test: assert not same(w01, moved)" and "with
    moved = [[...]]" under the slip it had named; 3.2's and 4.1's "the test: assert math.isclose(got,
    want, rel_tol=1e-9, abs_tol=1e-12)". The message, which says its values, stands alone."""
    said = _slipped(catalog, "6.5", "learn", "* relu2deriv(layer_1))", "* 1)")
    assert said == (
        "Not yet: a test failed.\n"
        "node 0 was off (relu gave it 0), so its delta must be 0: multiply by relu2deriv(layer_1)"
    ), said
    said = _slipped(catalog, "3.2", "w_sum", "return output", "return output + 1")
    assert "should be 0.98 (8.5 * 0.1 + 0.65 * 0.2 + 1.2 * 0.0), got 1.98" in said, said
    assert "the test:" not in said and "isclose" not in said and "with " not in said, said
    said = _slipped(catalog, "4.1", "squared_error", "return", "return 1 +")
    assert said == "Not yet: a test failed.\nsquared_error(pred=0.25, goal_pred=0.8) should be 0.3025, got 1.3025"
    # a raise with its message, as an assert's (3.2's "keep the assert" quoted its own f-string)
    w_sum = catalog.get("3.2").exercise("w_sum")
    code = w_sum.solution.source.replace('    assert len(a) == len(b), "both lists need the same length"\n', "")
    said = check_code(w_sum, code).text
    assert said.endswith("but returned 0.98: keep the assert") and "raise AssertionError" not in said, said
    # an assert of the learner's own, inside a call of the test's: the test's line says where
    code, test = "def f(x):\n    assert x > 0, 'x must be positive'\n    return x\n", "assert f(-1) == 1, 'f(-1) is 1'"
    verdict = describe(run_sandboxed(code, test), code, test)
    assert verdict.details[:2] == ("x must be positive", "the test: assert f(-1) == 1"), verdict.text
    # a message-less assert keeps its line and values
    code, test = "def f(x):\n    return x\n", "got = f(2)\nassert got == 3"
    verdict = describe(run_sandboxed(code, test), code, test)
    assert verdict.details == ("(the assertion has no message)", "the test: assert got == 3", "with got = 2")


def test_a_layer_as_star_is_told_of_dot_and_its_arrays_by_their_shapes(catalog):
    """6.6b's forward with `*` for `.dot` got numpy's "could not be broadcast together with shapes
    (1,3) (3,4)", "print the `.shape` of each", and three lines of W0's and W1's digits (the values
    line, cut at 240 characters) that filled an 80x24 screen."""
    said = _slipped(catalog, "6.6b", "forward", "relu(l0.dot(W0)).dot(W1)", "relu(l0 * W0) * W1")
    assert "with l0: shape (1, 3), W0: shape (3, 4), W1: shape (4, 1)" in said, said
    assert "0.64042265" not in said and "array(" not in said, said
    assert (
        "`l0 * W0` multiplies element by element, each entry by the one in the same place; a layer is a dot "
        "product (`.dot`), which adds up each input times its weight: these shapes, (1, 3) then (3, 4), line up"
    ) in said, said


def test_an_array_of_more_than_a_few_numbers_is_listed_by_its_shape():
    """The values line lists a small array by its numbers, a bigger one (or one whose numbers are too
    long to send) by its shape; in numpy's shape errors every array by its shape."""
    code = "import numpy as np\ndef f(a, b):\n    return a + b\n"
    test = "import numpy as np\na, b = np.arange(3.0), np.ones((2, 3))\nbig = np.zeros(500)\nassert f(a, b)[0, 0] == 9"
    said = describe(run_sandboxed(code, test), code, test).text
    assert "with a = array([0., 1., 2.]), b: shape (2, 3)" in said, said
    test = "import numpy as np\na, b = np.zeros(500), np.ones(4)\nassert f(a, b).sum() == 9"
    said = describe(run_sandboxed(code, test), code, test).text
    assert "with a: shape (500,), b: shape (4,)" in said, said
    # `*` of arrays that no `.dot` would take either: only the shapes (5.5's vectors, 7.4's wrong layer)
    code = "def f(a, b):\n    return a * b\n"
    test = "import numpy as np\na, b = np.ones((7, 10)), np.ones((7, 64))\nassert f(a, b) is not None"
    said = describe(run_sandboxed(code, test), code, test).text
    assert "print the `.shape` of each." in said and "`.dot`" not in said, said
    assert "with a: shape (7, 10), b: shape (7, 64)" in said, said


def test_a_relu_without_its_return_is_told_to_add_one(catalog):
    """6.3's relu that forgot `return` was told "returned a NoneType: return a numpy array"."""
    relu = catalog.get("6.3").exercise("relu")
    said = check_code(relu, "import numpy as np\n\ndef relu(x):\n    np.maximum(x, 0)\n").text
    assert "relu returned None: add a return" in said and "NoneType" not in said, said


def test_a_forward_with_wrong_numbers_says_them_to_six_places(catalog):
    """6.6b's "forward gave [0.0], expected [-2.446626114917201]": the float's tail read as part of
    the mistake."""
    import re

    forward = catalog.get("6.6b").exercise("forward")
    code = forward.solution.source.replace("return relu(l0.dot(W0)).dot(W1)", "return relu(l0.dot(W0)).dot(W1) * 1.1")
    said = check_code(forward, code).text
    assert "forward gave [" in said and ", expected [" in said, said
    assert not re.search(r"\d\.\d{7,}", said.split("forward gave")[1].splitlines()[0]), said


def test_relu2deriv_written_as_relu_is_told_its_value_is_not_its_slope(catalog):
    """`(output > 0) * output` or np.maximum(output, 0) for relu2deriv gave only "returned [[0.0,
    0.13177, 0.0, 2.5]], expected [[0.0, 1.0, 0.0, 1.0]]"; 6.5 names the same slip."""
    relu2deriv = catalog.get("6.4").exercise("relu2deriv")
    for body in ("(output > 0) * output", "np.maximum(output, 0)"):
        said = check_code(relu2deriv, f"import numpy as np\n\ndef relu2deriv(output):\n    return {body}\n").text
        assert "that is relu's value; its slope is 1 where output > 0" in said, (body, said)


def test_6_6bs_second_product_with_a_star_is_told_it_spreads_into_a_grid(catalog):
    """`relu(l0.dot(W0)) * W1` got only "the answer is (1, 1) ...; got (4, 4)" (a trial), where
    6.4's hidden_delta explains the same slip."""
    said = _slipped(catalog, "6.6b", "forward", "relu(l0.dot(W0)).dot(W1)", "relu(l0.dot(W0)) * W1")
    assert (
        "got (4, 4): * multiplies element by element, and l1 (1, 4) * W1 (4, 1) spread into that grid; "
        "a layer times its weights is l1.dot(W1)"
    ) in said, said

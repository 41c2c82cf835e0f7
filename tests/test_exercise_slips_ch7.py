"""Chapter 7's exercise slips a learner trial met whose verdict crashed the test, gave only numbers,
or gave advice for another lesson: each now says what it is, in the lesson's words. (Chapter 6's:
test_exercise_slips_ch6.py; the other chapters': test_exercise_verdicts.py, test_verdict_*.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code, describe
from grok_tui.engine.sandbox import run_sandboxed
from tests.lessons_util import slipped_verdict as _slipped


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


def test_a_math_function_given_an_array_is_told_of_numpys(catalog):
    """7.3's cross_entropy with math.log(probs): "TypeError: only 0-dimensional arrays can be
    converted to Python scalars" and no word on what to use instead."""
    cross = catalog.get("7.3").exercise("cross_entropy")
    code = "import math\n" + cross.solution.source.replace("np.log(probs)", "math.log(probs)")
    said = check_code(cross, code).text
    assert "`math.log` takes one number, and this is an array: numpy's `np.log` works on a whole array" in said
    assert "at line 8 of your code" in said, said


def test_a_method_used_without_its_brackets_is_told_to_call_it(catalog):
    """7.3's `-x.mean` got "TypeError: bad operand type for unary -: 'builtin_function_or_method'"
    alone, a type name a beginner never met."""
    right = "return float(np.mean(-np.sum(targets * np.log(probs), axis=-1)))"
    wrong = "x = np.sum(targets * np.log(probs), axis=-1)\n    return -x.mean"
    said = _slipped(catalog, "7.3", "cross_entropy", right, wrong)
    assert "`x.mean` is the method itself, not its result: call it, `x.mean()`." in said, said


def test_softmax_with_pythons_max_of_a_batch_is_told_of_each_rows_max(catalog):
    """7.3's softmax with `m = max(x)` on a batch got relu's advice, "An `if`, `max()` or `and` met a
    whole array ... work element by element instead": softmax wants each row's largest instead."""
    said = _slipped(catalog, "7.3", "softmax", "x = x - x.max(axis=-1, keepdims=True)", "m = max(x)\n    x = x - m")
    assert "`max(x)` goes through a batch row by row and compares whole rows, which numpy cannot do." in said
    assert "Each row's largest is numpy's `x.max(axis=-1, keepdims=True)`." in said, said
    assert "work element by element instead" not in said, said
    # relu's max(0, x) keeps relu's advice
    relu = catalog.get("6.3").exercise("relu")
    assert "work element by element instead" in check_code(relu, "def relu(x):\n    return max(0, x)\n").text


def test_a_star_for_a_gradients_dot_is_not_told_of_a_layer(catalog):
    """7.4's `layer_0.T * layer_1_delta` was told "a layer is a dot product (`.dot`), which adds up
    each input times its weight": a weight gradient is no layer."""
    right = "np.dot(layer_0.T, layer_1_delta)"
    said = _slipped(catalog, "7.4", "backprop", right, "layer_0.T * layer_1_delta")
    assert (
        "a weight gradient is a dot product, which adds up over the batch: `layer_0.T.dot(layer_1_delta)` "
        "(these shapes, (64, 7) then (7, 5), line up for one)."
    ) in said, said
    assert "a layer is" not in said, said
    right = "np.dot(layer_2_delta, weights_1_2.T)"
    said = _slipped(catalog, "7.4", "backprop", right, "layer_2_delta * weights_1_2.T")
    assert "a delta sent back through weights is a dot product: `layer_2_delta.dot(weights_1_2.T)`" in said, said
    assert "a layer is" not in said, said


def test_softmax_summed_down_the_columns_is_told_so_and_its_numbers_rounded(catalog):
    """7.3's softmax summed over axis=0 said "each row must add up to 1; yours add up to [1.065077,
    1.934923]", not that its columns did; a nan verdict printed "[[0.26894142137, ...": 12 digits
    where the other verdicts give 6."""
    right = "return e / e.sum(axis=-1, keepdims=True)"
    said = _slipped(catalog, "7.3", "softmax", right, "return e / e.sum(axis=0, keepdims=True)")
    assert "your columns add up to 1: sum each row (axis=-1, keepdims=True)" in said, said
    assert "yours add up to" not in said, said
    said = _slipped(catalog, "7.3", "softmax", "x.max(axis=-1, keepdims=True)", "x.max()")
    assert "gave [[0.268941, 0.731059], [nan, nan]]: nothing overflowed" in said, said


def test_backprop_without_the_slope_or_with_a_gradient_of_the_wrong_shape_is_named(catalog):
    """7.4's backprop without `* activate2deriv(layer_1)` (the text's "subtler slip") got only a
    relative error and numbers; a bias summed over axis=1, kept with keepdims=True or over every
    axis, and a weight gradient turned over got "has shape (7,), expected (5,)" and no clue."""
    right = "\n                     * activate2deriv(layer_1))"
    said = _slipped(catalog, "7.4", "backprop", right, ")")
    assert "You left out the hidden layer's slope: layer_1_delta needs * activate2deriv(layer_1)." in said, said
    # named, the slip's numbers are left out: the line fits 3 lines of 80 columns
    assert "numeric [" not in said and len(said.splitlines()[1]) < 240, said
    for wrong, why in (
        ("layer_1_delta.sum(axis=1)", "has shape (7,), expected (5,) (the shape of bias_1). That is one number per"),
        ("layer_1_delta.sum(axis=0, keepdims=True)", "(1, 5), expected (5,) (the shape of bias_1). Drop keepdims=True"),
        ("layer_1_delta.sum()", "the gradient of bias_1 is one number: .sum() with no axis adds up everything"),
    ):
        said = _slipped(catalog, "7.4", "backprop", "layer_1_delta.sum(0)", wrong)
        assert why in said, said
    said = _slipped(catalog, "7.4", "backprop", "np.dot(layer_1.T, layer_2_delta)", "np.dot(layer_2_delta.T, layer_1)")
    assert (
        "the gradient of weights_1_2 has shape (10, 5), expected (5, 10) (the shape of weights_1_2). It is turned "
        "over (rows for columns): layer_1.T.dot(layer_2_delta)."
    ) in said, said


def test_an_update_inside_backprop_names_one_entry_and_where_updates_belong(catalog):
    """7.4's backprop that updated the weights itself got "backprop changed its argument net:
    [array([[-0.32162755, 0.24048163, ... became [array([[...", cut mid-row over 8 lines at 80x24.
    A list of arrays, or a big array, is now said by its first changed entry; a small value whole."""
    code = catalog.get("7.4").exercise("backprop").solution.source.replace("    return [", "    grads = [")
    code = (
        code.rstrip("\n")
        + "\n    for weights, grad in zip(net, grads):\n        weights -= 0.1 * grad\n    return grads\n"
    )
    said = check_code(catalog.get("7.4").exercise("backprop"), code).text
    assert (
        "backprop changed its argument net: net[0] (weights_0_1), entry [0, 0]: -0.3216 became -0.3059. "
        "Leave net as it is: the training loop updates the weights, not backprop."
    ) in said, said
    assert "array(" not in said and len(said) < 300, said
    # a small argument is still said whole, before and after
    said = _slipped(catalog, "7.3", "softmax", "x = x - x.max(", "x -= x.max(")
    assert "softmax changed its argument x: array([1., 2., 3.]) became array([-2., -1.,  0.])." in said, said
    # the stub's `x = np.asarray(x, dtype=float)` was taken for a copy (a trial): said it is not
    assert "(np.asarray of an array is that same array, not a copy: `x - ...` makes a new one.)" in said, said
    assert "leaves what it was given as it was (its caller may use it again)" in said, said
    said = _slipped(catalog, "6.3", "relu", "return", "x[x < 0] = 0\n    return")
    assert "relu changed its argument x" in said and "np.asarray" not in said, said  # no asarray in relu
    # a big array, by its entry; numbers to the digits that tell them apart
    code, test = "def f(a):\n    a[3] += 1e-6\n    return a\n", "import numpy as np\nf(np.full(100, 0.5))"
    said = describe(run_sandboxed(code, test, guard=("f",)), code, test).text
    assert "f changed its argument a: entry [3]: 0.5 became 0.500001. A function hands back its answer" in said, said

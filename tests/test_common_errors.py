"""The advice added to numpy's and Python's words for a beginner's usual slips (common_errors, code_advice, name_advice)."""

from __future__ import annotations

from grok_tui.engine.common_errors import common_error

NOT_ALIGNED = "shapes (3,) and (2,3) not aligned: 3 (dim 0) != 2 (dim 0)"


def test_the_dot_shape_advice_speaks_of_deltas_only_to_code_that_has_them():
    """A forward pass in chapter 3 (`np.dot(input, weights)` the wrong way round) was told how "a
    delta sent back through weights" is written, three chapters before deltas."""
    forward = common_error(NOT_ALIGNED, code="def neural_network(input, weights):\n    return np.dot(input, weights)\n")
    assert forward == [
        "`a.dot(b)` needs a's last size to equal b's first: one of them likely wants `.T`, or the two are "
        "swapped. Print the `.shape` of each."
    ], forward
    backward = common_error(NOT_ALIGNED, code="layer_1_delta = layer_2_delta.dot(weights_1_2)\n")
    assert backward[0].startswith(forward[0]) and "`delta.dot(weights.T)`" in backward[0], backward


def test_keepdims_is_said_only_where_an_axis_went_missing():
    """7.4's slope of the wrong layer, (7,5) against (7,64), and 5.5's vectors of 3 and 2 were told of
    keepdims, the advice for 7.3's softmax sum, (7,10) against (7,)."""
    axis_gone = common_error("operands could not be broadcast together with shapes (7,10) (7,) ")
    assert "`keepdims=True` keeps it" in axis_gone[0], axis_gone
    for shapes in ("(7,5) (7,64) ", "(3,) (2,) "):
        said = common_error(f"operands could not be broadcast together with shapes {shapes}")
        assert said == ["Two arrays whose shapes do not line up: print the `.shape` of each."], said


def test_two_vectors_not_aligned_are_not_told_to_transpose():
    """5.5's outer_prod written as np.dot(a, b): told "one of them likely wants `.T`", which does
    nothing to a vector."""
    said = common_error("shapes (3,) and (2,) not aligned: 3 (dim 0) != 2 (dim 0)")
    assert said[0].startswith("`np.dot` of two vectors is their dot product, one number"), said
    assert "likely wants `.T`" not in said[0]


def test_a_variable_read_before_it_has_a_value_is_explained(catalog):
    """3.2's w_sum with `ouput = 0` then `output += ...` got Python's words alone: "cannot access
    local variable 'output' where it is not associated with a value"."""
    from grok_tui.engine.exercises import check_code

    w_sum = catalog.get("3.2").exercise("w_sum")
    loop = "    for i in range(len(a)):\n        output += a[i] * b[i]\n    return output\n"
    typo = check_code(w_sum, "def w_sum(a, b):\n    ouput = 0\n" + loop)
    assert "`output` has no value yet at line 4: line 2 sets `ouput`. A typo?" in typo.details, typo.text
    unset = check_code(w_sum, "def w_sum(a, b):\n" + loop)
    assert (
        "`output` is read at line 3 before anything gives it a value: give it a start value above, before "
        "any loop (`output = 0`, or what it should start from)."
    ) in unset.details, unset.text


def test_a_missing_function_is_told_what_the_lesson_gives_not_a_builtin(catalog):
    """7.4's backprop calling relu2deriv (6.4's name) was told to define it here, though the lesson
    gives the cell activate2deriv; 5.1 calling w_sum (3.2's) was asked "Did you mean `sum`?", which
    led to sum(list, list)."""
    from grok_tui.engine.exercises import check_code

    backprop = catalog.get("7.4").exercise("backprop")
    said = check_code(backprop, backprop.solution.source.replace("activate2deriv(layer_1)", "relu2deriv(layer_1)"))
    assert (
        "This exercise is checked with the lesson's own `activate2deriv` and `forward`, which your code may call; "
        "`relu2deriv` is not one of them. Did you mean `activate2deriv`?"
    ) in said.details, said.text
    deltas = catalog.get("5.1").exercise("weight_deltas")
    code = "def compute_weight_deltas(input, weights, true):\n    delta = w_sum(input, weights) - true\n"
    said = check_code(deltas, code + "    return [delta * x for x in input]\n")
    assert "`sum`" not in said.text and "define `w_sum` here (or do its work inline)" in said.text, said.text


def test_a_shape_given_as_two_numbers_is_told_to_be_one_tuple():
    """5.5's outer_prod with np.zeros(len(a), len(b)) got numpy's words alone: "Cannot interpret '3'
    as a data type"."""
    said = common_error("Cannot interpret '3' as a data type")
    assert said and said[0].startswith("`np.zeros`, `np.ones` and `np.empty` take the shape as one tuple"), said


def test_numpys_words_for_an_axis_an_index_or_a_call_get_a_next_step(catalog):
    """A trial's beginner got Python's words alone for 6.3's np.max(0, x), 7.3's softmax over axis 1
    of one row, 6.4's `output(output > 0)` (a * missing) and 7.3's probs[targets] (one-hot floats)."""
    from grok_tui.engine.exercises import check_code

    relu = check_code(
        catalog.get("6.3").exercise("relu"), "import numpy as np\ndef relu(x):\n    return np.max(0, x)\n"
    )
    assert "the larger of two is `np.maximum(0, x)`" in relu.text, relu.text
    softmax = catalog.get("7.3").exercise("softmax")
    said = check_code(softmax, softmax.solution.source.replace("axis=-1", "axis=1")).text
    assert "That array has 1 axis, numbered 0: `axis=1` is not one of them." in said, said
    assert common_error("axis 2 is out of bounds for array of dimension 2")[0].startswith(
        "That array has 2 axes, numbered 0 to 1: `axis=2`"
    )
    called = common_error("'numpy.ndarray' object is not callable")
    assert called and "Is a `*` missing" in called[0]
    index = common_error("arrays used as indices must be of integer (or boolean) type")
    assert index and "multiply by it instead (`probs * targets`)" in index[0]
    assert "divided by something that is 0" in common_error("float division by zero")[0]
    # the same TypeError without np.max: only what numpy wanted
    assert common_error("only integer scalar arrays can be converted to a scalar index") == [
        "An array was given where numpy wanted one whole number: an index, or an axis."
    ]


def test_a_list_given_a_sets_add_is_told_of_append(catalog):
    """3.3's ele_mul with `out.add(a[i] * b[i])` got Python's words alone: "'list' object has no
    attribute 'add'"."""
    from grok_tui.engine.exercises import check_code

    ele_mul = catalog.get("3.3").exercise("ele_mul")
    code = ele_mul.solution.source.replace(
        "    return [a[i] * b[i] for i in range(len(a))]",
        "    out = []\n    for i in range(len(a)):\n        out.add(a[i] * b[i])\n    return out",
    )
    verdict = check_code(ele_mul, code)
    assert verdict.details[:2] == (
        "at line 5 of your code: out.add(a[i] * b[i])",
        "A list has no `.add`: it grows with `.append(x)`, which puts x at its end.",
    ), verdict.text


def test_an_array_given_to_math_or_a_method_not_called_gets_a_next_step():
    """`math.exp(x)` on an array and a method without its brackets said only numpy's and Python's
    words ("only 0-dimensional arrays can be converted", "'builtin_function_or_method'")."""
    scalars = "only 0-dimensional arrays can be converted to Python scalars"
    said = common_error(scalars, code="    return 1 / (1 + math.exp(-x))\n", line=1)
    assert said == [
        "`math.exp` takes one number, and this is an array: numpy's `np.exp` works on a whole array, element "
        "by element (so do np.log, np.sqrt...)."
    ], said
    assert "`float()` take one number" in common_error(scalars, code="y = float(x)\n", line=1)[0]
    code = "    return 2.0 * np.sum(x, axis=-1).round\n"
    said = common_error(
        "unsupported operand type(s) for *: 'float' and 'builtin_function_or_method'", code=code, line=1
    )
    assert said == [
        "`np.sum(x, axis=-1).round` is the method itself, not its result: call it, `np.sum(x, axis=-1).round()`."
    ], said
    for message in (
        "float() argument must be a string or a real number, not 'builtin_function_or_method'",
        "must be real number, not builtin_function_or_method",
        "unsupported operand type(s) for -: 'method' and 'int'",
    ):
        assert common_error(message)[0].startswith("A function or method was used without calling it"), message

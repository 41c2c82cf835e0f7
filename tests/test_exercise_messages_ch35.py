"""Chapters 3 and 5's exercise tests, after a trial: slips one exercise failed passed its sibling
(3.3's dot took numpy and lost its length check), a hint came back word for word as a verdict, and
values the lesson names were shown bare ("got 0.2", "got -1.275"). Each test runs the slip through
the exercise's own test cell, as a learner's code is checked. (Chapter 4's:
test_exercise_messages_ch4.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_3_3s_dot_keeps_its_length_check_as_ele_mul_does(catalog):
    """`sum(x * y for x, y in zip(a, b))` passed, dropping the 5 in silence."""
    dot = catalog.get("3.3").exercise("dot")
    verdict = check_code(dot, "def dot(a, b):\n    return sum(x * y for x, y in zip(a, b))\n")
    assert not verdict.passed
    assert verdict.details[0] == (
        "dot([1, 2], [3, 4, 5]) should fail its length check, but returned 11: keep the assert"
    ), verdict.text


def test_3_3s_dot_built_by_numpy_is_told_it_comes_in_3_4(catalog):
    """`return np.dot(a, b)` passed, where ele_mul's numpy answer is told the lesson builds it by hand."""
    dot = catalog.get("3.3").exercise("dot")
    code = "import numpy as np\ndef dot(a, b):\n    assert len(a) == len(b)\n    return np.dot(a, b)\n"
    verdict = check_code(dot, code)
    assert not verdict.passed
    assert "this lesson builds it by hand, pair by pair (numpy's version comes in 3.4)" in verdict.text, verdict.text
    assert check_code(dot, dot.solution.source).passed


def test_3_3s_ele_mul_returning_a_tuple_is_told_to_return_a_list(catalog):
    """A tuple passed, and the lesson then printed "ele_mul(a, b) = (4.0, -6.0, 5.0)"."""
    ele = catalog.get("3.3").exercise("ele_mul")
    code = "def ele_mul(a, b):\n    assert len(a) == len(b)\n    return tuple(a[i] * b[i] for i in range(len(a)))\n"
    verdict = check_code(ele, code)
    assert not verdict.passed
    assert verdict.details[0] == (
        "ele_mul([1, 2, 3], [3, 4, 5]) should return a list, got (3, 8, 15): that is a tuple; the lesson's"
        " vectors are lists"
    ), verdict.text


def test_5_5s_rows_made_by_repeating_one_list_are_said_to_be_one_list(catalog):
    """`out = [[0] * len(b)] * len(a)` got only "got [[6.0, 8.0, 10.0], [6.0, 8.0, 10.0]]": every row
    is the one list object, so each row's writes landed in all of them."""
    outer = catalog.get("5.5").exercise("outer_prod")
    code = (
        "def outer_prod(a, b):\n"
        "    out = [[0] * len(b)] * len(a)\n"
        "    for i in range(len(a)):\n"
        "        for j in range(len(b)):\n"
        "            out[i][j] = a[i] * b[j]\n"
        "    return out\n"
    )
    verdict = check_code(outer, code)
    assert not verdict.passed
    assert verdict.details[0].endswith(
        "got [[6.0, 8.0, 10.0], [6.0, 8.0, 10.0]]: every row is one and the same list. [row] * n repeats one list"
        " n times, and appending one row made before the loop does the same: a write into one row lands in all"
        " of them. Build each row as a new list"
    ), verdict.text
    # rows built anew, the book's way, pass
    fresh = code.replace("[[0] * len(b)] * len(a)", "[[0] * len(b) for _ in range(len(a))]")
    assert check_code(outer, fresh).passed


def test_5_5s_outer_product_with_a_and_b_swapped_is_said_so(catalog):
    """`np.outer(b, a)` got only "should have shape (2, 3) ..., got (3, 2)"."""
    outer = catalog.get("5.5").exercise("outer_prod")
    verdict = check_code(outer, "import numpy as np\ndef outer_prod(a, b):\n    return np.outer(b, a)\n")
    assert verdict.details[0] == (
        "outer_prod([1, 2], [3, 4, 5]) should have shape (2, 3) (len(a) rows, len(b) columns), got (3, 2): a and b"
        " are the other way round, one row per number of b. Rows follow a, columns b"
    ), verdict.text
    assert check_code(outer, "import numpy as np\ndef outer_prod(a, b):\n    return np.outer(a, b)\n").passed


def test_3_2s_sum_that_keeps_only_the_last_product_is_said_so_and_only_then(catalog):
    """`output = a[i] * b[i]` got a bare "got 0.0" (the book's last product is 1.2 * 0.0). A 0.0 alone
    could be another slip, so the test asks w_sum a second sum before it names this one."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    replaced = w_sum.solution.source.replace("output += a[i] * b[i]", "output = a[i] * b[i]")
    assert "that is only the last product, 1.2 * 0.0" in check_code(w_sum, replaced).text
    # a product in place of the sum starts from 0 and stays 0.0: no last product there
    multiplied = check_code(w_sum, w_sum.solution.source.replace("+=", "*=")).text
    assert multiplied.splitlines()[1].endswith("got 0.0"), multiplied
    assert "last product" not in check_code(w_sum, w_sum.stub.source).text


def test_5_1s_delta_taken_inside_the_loop_is_said_so(catalog):
    """delta = pred - true inside the loop that sums pred got a bare "got [-1.275, -0.013, -0.168]":
    each weight took the miss of a prediction not finished yet."""
    deltas = catalog.get("5.1").exercise("weight_deltas")
    code = (
        "def compute_weight_deltas(input, weights, true):\n"
        "    pred = 0\n"
        "    out = []\n"
        "    for i in range(len(input)):\n"
        "        pred += input[i] * weights[i]\n"
        "        delta = pred - true\n"
        "        out.append(delta * input[i])\n"
        "    return out\n"
    )
    verdict = check_code(deltas, code)
    assert verdict.details[0].endswith(
        "got [-1.275, -0.013, -0.168]: each delta was taken from the prediction summed only up to that input."
        " Finish the weighted sum first, then take one delta for all the inputs"
    ), verdict.text


def test_5_1s_tuple_and_list_of_lists_are_said_for_what_they_are(catalog):
    """`return [...], delta` and `return [[delta * x] for x in input]` both got "The test raised
    TypeError: bad operand type for unary -: 'list'" beside the test's own line."""
    deltas = catalog.get("5.1").exercise("weight_deltas")
    pair = check_code(
        deltas,
        deltas.solution.source.replace("return [delta * x for x in input]", "return [delta * x for x in input], delta"),
    )
    assert pair.details[0] == (
        "compute_weight_deltas returned a tuple of 2 values, ([-1.19, -0.091, -0.168], -0.14): return only the"
        " list of weight_deltas"
    ), pair.text
    nested = check_code(
        deltas, deltas.solution.source.replace("[delta * x for x in input]", "[[delta * x] for x in input]")
    )
    assert nested.details[0] == (
        "compute_weight_deltas returned a list of lists, [[-1.19], [-0.091], [-0.168]]: each number sits in its own"
        " list. A weight_delta is one number"
    ), nested.text
    # a tuple of the numbers themselves is fine: the lesson reads weight_deltas[i]
    assert check_code(
        deltas,
        deltas.solution.source.replace("return [delta * x for x in input]", "return tuple(delta * x for x in input)"),
    ).passed


def test_5_5s_one_row_made_before_the_loop_is_said_before_the_shape(catalog):
    """`row = []` before `for i`, then `out.append(row)` inside, got only "should have shape (2, 3)
    ..., got (2, 6)": the shape assert came before the shared-row sentence."""
    outer = catalog.get("5.5").exercise("outer_prod")
    code = (
        "def outer_prod(a, b):\n"
        "    out = []\n"
        "    row = []\n"
        "    for i in range(len(a)):\n"
        "        for j in range(len(b)):\n"
        "            row.append(a[i] * b[j])\n"
        "        out.append(row)\n"
        "    return out\n"
    )
    verdict = check_code(outer, code)
    assert verdict.details[0] == (
        "outer_prod([1, 2], [3, 4, 5]) should be [[3.0, 4.0, 5.0], [6.0, 8.0, 10.0]], got [[3.0, 4.0, 5.0, 6.0,"
        " 8.0, 10.0], [3.0, 4.0, 5.0, 6.0, 8.0, 10.0]]: every row is one and the same list. A row made once,"
        " before the loop, is appended again and grows by every pass: make a new row for each number of a"
    ), verdict.text
    # the row made inside the loop, the book's way, passes
    inside = code.replace(
        "    row = []\n    for i in range(len(a)):\n", "    for i in range(len(a)):\n        row = []\n"
    )
    assert check_code(outer, inside).passed


def test_3_2_and_3_3_say_a_generator_as_5_1_does(catalog):
    """`return (a[i] * b[i] for i in range(len(a)))` got "got <generator object ... at 0x7f...>"
    in 3.2's w_sum, 3.3's ele_mul and dot: 5.1 says what ( ... ) makes."""
    sentence = "( ... for ... ) makes a generator, [ ... for ... ] a list"
    line = "    return (a[i] * b[i] for i in range(len(a)))\n"
    for lesson, name in (("3.2", "w_sum"), ("3.3", "ele_mul"), ("3.3", "dot")):
        exercise = catalog.get(lesson).exercise(name)
        said = check_code(exercise, f"def {name}(a, b):\n    assert len(a) == len(b)\n{line}").text
        assert sentence in said and "0x" not in said, said
    # the number is not text, nor two values
    w_sum = catalog.get("3.2").exercise("w_sum")
    said = check_code(w_sum, w_sum.solution.source.replace("return output", "return str(output)")).text
    assert "got '0.98': that is text; return the number itself" in said, said
    dot = catalog.get("3.3").exercise("dot")
    said = check_code(dot, dot.solution.source.replace("for i in range(len(a)))", "for i in range(len(a))), a")).text
    assert "should be 3, got (3, [1, 3, -5]): that is 2 values; return only the sum" in said, said


def test_3_3s_dot_that_leaves_out_a_pair_is_told_which_as_w_sum_does(catalog):
    """`range(len(a) - 1)` got a bare "got -2", where w_sum names the item left out."""
    dot = catalog.get("3.3").exercise("dot")
    verdict = check_code(dot, dot.solution.source.replace("range(len(a))", "range(len(a) - 1)"))
    assert verdict.details[0] == (
        "dot([1, 3, -5], [4, -2, -1]) should be 3, got -2: item 2, -5 * -1, is left out. range(len(a)) gives every"
        " index, 0 to len(a) - 1"
    ), verdict.text


def test_3_6s_list_of_the_function_itself_is_told_to_call_it(catalog):
    """`out.append(w_sum)` got "The test raised TypeError: must be real number, not function" beside
    the test's own line."""
    vect = catalog.get("3.6").exercise("vect_mat_mul")
    code = vect.solution.source.replace(
        "    return [w_sum(vect, row) for row in matrix]",
        "    out = []\n    for row in matrix:\n        out.append(w_sum)\n    return out",
    )
    verdict = check_code(vect, code)
    assert verdict.details[0] == (
        "vect_mat_mul([8.5, 0.65, 1.2], [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]): the list you returned"
        " holds the function w_sum itself where a number belongs: call it, w_sum(...)"
    ), verdict.text
    # a generator is said as 5.1 says it, not as <generator object ... at 0x...>
    said = check_code(
        vect,
        vect.solution.source.replace(
            "return [w_sum(vect, row) for row in matrix]", "return (w_sum(vect, row) for row in matrix)"
        ),
    ).text
    assert "got a generator: ( ... for ... ) makes a generator, [ ... for ... ] a list" in said, said


def test_3_7s_hidden_layer_through_the_second_matrix_is_said_so(catalog):
    """weights[1] for the hidden layer (and weights[0] after it) got a bare "got [2.905, 0.98, 0.965]",
    where the pred check already named the input through weights[1]."""
    network = catalog.get("3.7").exercise("neural_network")
    code = network.solution.source.replace(
        "vect_mat_mul(input, weights[0])", "vect_mat_mul(input, weights[1])"
    ).replace("vect_mat_mul(hid, weights[1])", "vect_mat_mul(hid, weights[0])")
    verdict = check_code(network, code)
    assert verdict.details[0] == (
        "hidden layer for input [8.5, 0.65, 1.2]: want [0.86, 0.295, 1.23], got [2.905, 0.98, 0.965]: that is the"
        " input through weights[1], the second layer's weights. The hidden layer takes the input through"
        " weights[0] (input -> hidden)"
    ), verdict.text


def test_slips_one_exercise_explains_are_explained_in_its_sibling_too(catalog):
    """3.2 said "only the last product" of `total = ...` and 4.3 "delta times the weight"; 3.3's dot,
    ele_mul and 5.1's weight_deltas gave the same slips bare numbers (a trial)."""
    dot = catalog.get("3.3").exercise("dot")
    replaced = (
        "def dot(a, b):\n    total = 0\n    for i in range(len(a)):\n        total = a[i] * b[i]\n    return total\n"
    )
    assert "got 5: that is only the last product, -5 * -1. Each pass" in check_code(dot, replaced).text
    ele = catalog.get("3.3").exercise("ele_mul")
    anew = "def ele_mul(a, b):\n    for i in range(len(a)):\n        out = []\n        out.append(a[i] * b[i])\n    return out\n"
    said = check_code(ele, anew).text
    assert "got [15]: only the last product. A list made in the loop is made anew in each pass" in said, said
    deltas = catalog.get("5.1").exercise("weight_deltas")
    by_weight = deltas.solution.source.replace("[delta * x for x in input]", "[delta * w for w in weights]")
    said = check_code(deltas, by_weight).text
    assert "got [-0.014, -0.028, 0.014]: that is delta times each weight" in said, said
    with_alpha = "alpha = 0.01\n" + deltas.solution.source.replace("[delta * x", "[alpha * delta * x")
    said = check_code(deltas, with_alpha).text
    assert "each is 0.01 times what it should be. Is alpha in it?" in said, said

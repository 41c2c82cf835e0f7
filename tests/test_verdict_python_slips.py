"""What an exercise's verdict says of a beginner's usual Python slips: a syntax error and its indent,
Python's usual error words with what to do, a mistyped method, `+=` of a number onto a list, a sum
on a line of its own, a loop whose step sits under the return, a function calling itself. (The
mistakes about the exercise itself: test_exercise_verdicts.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_a_syntax_error_ends_with_one_mark_and_an_indent_is_measured(catalog):
    """'Perhaps you forgot a comma?.'; and 'unexpected indent' quoted its line stripped of the indent."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    comma = check_code(w_sum, "def w_sum(a, b):\n    return [a b]\n")
    assert comma.headline == "Python cannot read your code: invalid syntax. Perhaps you forgot a comma?"
    indent = check_code(w_sum, "def w_sum(a, b):\n    total = 0\n        return total\n")
    assert indent.headline == "Python cannot read your code: unexpected indent."
    assert indent.details == ("line 3, indented 8 spaces (the line above: 4 spaces): return total",)


def test_a_beginners_usual_python_errors_come_with_what_to_do(catalog):
    """Python's own words named what broke, not why: 3.7 returning only pred ('too many values to
    unpack'), 6.3's max(0, x) on an array ('truth value ... ambiguous'), 5.1's delta * input on a
    list ("can't multiply sequence by non-int"), 4.1's `^ 2` ("unsupported operand type(s) for ^")."""
    network = catalog.get("3.7").exercise("neural_network")
    one = check_code(network, network.solution.source.replace("return hid, pred", "return pred"))
    assert "The test takes 2 values from your function's answer" in one.text and not one.passed
    relu = catalog.get("6.3").exercise("relu")
    said = check_code(relu, "def relu(x):\n    return max(0, x)\n").text
    assert "work element by element instead" in said and "`x > 0` gives one True or False" in said
    # a nudge, not the answer: the first verdict said `(x > 0) * x` while the hints stood at 0/3
    assert "(x > 0) * x" not in said and "np.maximum" not in said, said
    deltas = catalog.get("5.1").exercise("weight_deltas")
    code = deltas.solution.source.replace("return [delta * x for x in input]", "return delta * input")
    said = check_code(deltas, code).text
    assert "`input` is a Python list: times a number it does not multiply its items" in said, said
    hidden = catalog.get("6.4").exercise("hidden_delta")
    no_t = check_code(hidden, hidden.solution.source.replace("weights_1_2.T", "weights_1_2"))
    assert "one of them likely wants `.T`" in no_t.text, no_t.text
    # both shapes of the slip, said with plain names: 6.5's shape error was on an update line, and
    # the advice quoted only the delta line (written with 6.4's names: its answer)
    assert "`layer.T.dot(delta)`" in no_t.text and "layer_2_delta.dot(weights_1_2.T)" not in no_t.text
    # "the values of the layer it starts from turned": 'turned' meant nothing to a beginner
    assert "the layer the weights start from, transposed (`.T`)" in no_t.text and "turned" not in no_t.text
    softmax = catalog.get("7.3").exercise("softmax")
    flat = softmax.solution.source.replace("keepdims=True", "keepdims=False")
    assert "`keepdims=True` keeps it" in check_code(softmax, flat).text, check_code(softmax, flat).text
    one_hot = catalog.get("7.3").exercise("one_hot")
    rows = one_hot.solution.source.replace("out[i, label] = 1.0", "out[labels] = 1.0")
    said = check_code(one_hot, rows).text
    assert "give both indices at once: `m[rows, columns] = 1`" in said and "np.arange" not in said, said
    # the index advice is said in the slip's own numbers, and in no lesson's names: 5.5's swapped
    # indices were told of 7.3's `labels`
    outer = catalog.get("5.5").exercise("outer_prod")
    swapped = check_code(outer, outer.solution.source.replace("out[i][j] = a[i]", "out[j][i] = a[i]")).text
    assert "Axis 0 of that array has 2 entries, numbered 0 to 1, and your code asked for entry 2" in swapped
    assert "labels" not in swapped, swapped
    # list times list is no "list times a number" (3.3's ele_mul as `a * b`): the advice then led to
    # numpy, and a rejection (a list is wanted)
    ele = catalog.get("3.3").exercise("ele_mul")
    lists = check_code(ele, "def ele_mul(a, b):\n    assert len(a) == len(b)\n    return a * b\n").text
    assert "`*` between two Python lists is not an elementwise product" in lists and "numpy" not in lists, lists
    # 5.5's outer_prod reading the lesson's `input`: Python's own input() there
    outer = catalog.get("5.5").exercise("outer_prod")
    builtin = check_code(outer, outer.solution.source.replace("a[i] * b[j]", "a[i] * input[j]")).text
    assert "A name of Python's own (such as `input`, `sum` or `max`) was indexed" in builtin, builtin
    square = catalog.get("4.1").exercise("squared_error")
    xor = check_code(square, square.solution.source.replace("** 2", "^ 2"))
    assert not xor.passed and "In Python `^` is not a power: it is XOR" in xor.text
    # the power named, not the answer: "(pred - goal_pred) ** 2" was the whole solution, hints at 0/3
    assert "`3 ** 2` is 9" in xor.text and "goal_pred) ** 2" not in xor.text, xor.text


def test_a_function_that_calls_itself_is_told_so_where(catalog):
    """6.5's learn ending with `learn(...)`: "RecursionError: maximum recursion depth exceeded", then
    "the test that ran it: return output > 0" (a helper of the test's, deep in the recursion)."""
    learn = catalog.get("6.5").exercise("learn")
    call = "learn(layer_0, layer_1, layer_2, goal, weights_0_1, weights_1_2, alpha)"
    said = check_code(learn, learn.solution.source.rstrip("\n") + f"\n    {call}\n").text
    assert f"`learn` calls itself (line 11: `{call}`)" in said, said
    assert "the test that ran it" not in said, said
    w_sum = catalog.get("3.2").exercise("w_sum")
    assert (
        "`w_sum` calls itself (line 2: `w_sum(a, b)`)"
        in check_code(w_sum, "def w_sum(a, b):\n    return w_sum(a, b)\n").text
    )


def test_arithmetic_on_a_line_of_its_own_is_said_to_be_dropped(catalog):
    """4.2's `weight + step_amount` on a line of its own (meant `weight = weight + step_amount`): the
    value was computed and thrown away, and the verdict said only "should return 0.501, got 0.5"."""
    step = catalog.get("4.2").exercise("hot_cold_step")
    code = (
        step.solution.source.replace("return weight - step_amount", "weight - step_amount")
        .replace("return weight + step_amount", "weight + step_amount")
        .replace("return weight              # a tie: neither way helps", "return weight")
    )
    said = check_code(step, code).text
    assert (
        "Line 5, `weight - step_amount`, computes a value but does not keep it (line 7 too): store it "
        "(`weight = weight - step_amount`) or return it." in said
    ), said
    # without a name to store it in: return it; and beside a missing return, said as its cause
    squared = catalog.get("4.1").exercise("squared_error")
    told = check_code(squared, "def squared_error(pred, goal_pred):\n    (pred - goal_pred) ** 2\n")
    assert told.headline.startswith("Your squared_error never returns a value"), told.text
    assert told.details[-1] == (
        "Line 2, `(pred - goal_pred) ** 2`, computes a value but does not keep it: return it "
        "(`return (pred - goal_pred) ** 2`) or store it in a name."
    ), told.text
    assert "does not keep it" not in check_code(step, step.solution.source).text


def test_a_loop_that_never_ends_because_its_step_is_under_the_return_is_told_so(catalog):
    """3.3's dot with `i += 1` typed under its `return total`, after the `while`: "still running after
    5 s ... it was at line 6: while i < len(a):", and nothing said that line 9 never runs."""
    dot = catalog.get("3.3").exercise("dot")
    code = (
        "def dot(a, b):\n    assert len(a) == len(b)\n    # ele_mul is not defined here:\n    total = 0\n"
        "    i = 0\n    while i < len(a):\n        total += a[i] * b[i]\n    return total\n    i += 1\n"
    )
    verdict = check_code(dot, code, timeout=2)  # 2 s at least: the check then says where it was
    assert verdict.headline == "Your code was still running near its time limit of 2 s, so it was stopped.", (
        verdict.text
    )
    assert verdict.details[1:] == (
        "it was at line 6 of your code: while i < len(a):",
        "Line 8, `return total`, ends dot there: the lines under it, from line 9, never run.",
    ), verdict.text


def test_a_mistyped_method_and_a_number_added_to_a_list_with_plus_equals_are_explained(catalog):
    """A trial's 3.3 ele_mul: `out.apend(...)` got only "'list' object has no attribute 'apend'" (Python
    3.11's own traceback says "Did you mean: 'append'?"), and `out += a[i] * b[i]` only "'int' object is
    not iterable"."""
    ele = catalog.get("3.3").exercise("ele_mul")
    loop = (
        "def ele_mul(a, b):\n"
        "    assert len(a) == len(b)\n"
        "    output = []\n"
        "    for i in range(len(a)):\n"
        "        output.append(a[i] * b[i])\n"
        "    return output\n"
    )
    assert check_code(ele, loop).passed
    mistyped = check_code(ele, loop.replace(".append(", ".apend("))
    assert not mistyped.passed and "A list has no `.apend`: did you mean `.append`?" in mistyped.text, mistyped.text
    added = check_code(ele, loop.replace("output.append(a[i] * b[i])", "output += a[i] * b[i]"))
    assert "`output += x` on a list adds the items of x one by one" in added.text, added.text
    assert "`output.append(x)`" in added.text
    # code written for arrays, given the lists of 3.2: the list has no .shape, an array has
    w_sum = catalog.get("3.2").exercise("w_sum")
    shaped = check_code(w_sum, w_sum.solution.source.replace("assert len(a) == len(b)", "assert a.shape == b.shape"))
    assert "A Python list has no `.shape`: numpy arrays have it" in shaped.text, shaped.text

"""A verdict names the slip a learner made with a name, not only the line Python stopped at: a
misspelt name with a close one in reach, a function renamed away from the one the test calls, a
lesson variable read in place of an argument, a builtin or a function given a value. (Code indented
wrong: test_verdict_indents.py.)"""

from __future__ import annotations

from grok_tui.engine.exercises import check_code


def test_a_misspelt_name_with_a_close_one_in_reach_is_offered_first(catalog):
    """6.5: `layer2_delta` for the `layer_2_delta` the code defines got "define it here (or do its
    work inline), or check its spelling"."""
    learn = catalog.get("6.5").exercise("learn")
    solution = learn.solution.source
    at = solution.index("layer_1_delta = (layer_2_delta")
    verdict = check_code(learn, solution[:at] + solution[at:].replace("layer_2_delta", "layer2_delta", 1))
    assert verdict.headline == "Your code raised NameError: name 'layer2_delta' is not defined"
    assert verdict.details[1].startswith("Did you mean `layer_2_delta`? If not: each exercise is checked on its own")
    # a received argument is in reach too (a local of the function)
    dot = catalog.get("3.3").exercise("dot")
    code = "def dot(a, b):\n    return sum(x * y for x, y in zip(a, bb))\n"
    assert "Did you mean `b`?" in check_code(dot, code).text


def test_a_function_the_test_calls_and_the_code_lacks_is_said_so(catalog):
    """3.3: `def dot` renamed `def dott` got "define `dot` here (or do its work inline)"."""
    dot = catalog.get("3.3").exercise("dot")
    verdict = check_code(dot, dot.solution.source.replace("def dot(", "def dott("))
    assert verdict.details[0] == (
        "The test calls `dot(...)`, and your code defines no function of that name: it defines `dott`, "
        "so rename that one `dot`."
    )
    assert "do its work inline" not in verdict.text
    verdict = check_code(dot, dot.solution.source.replace("def dot(", "def product("))
    assert verdict.details[0].endswith("defines no function of that name: name yours `dot`.")


def test_a_name_the_starting_code_gave_and_the_learner_typed_over_is_said_so(catalog):
    """7.4 with its starting line `layer_1, layer_2 = forward(layer_0, net)` typed over: the verdict
    said "Did you mean `layer_0`? If not ... define `layer_2` here", both the wrong way."""
    backprop = catalog.get("7.4").exercise("backprop")
    code = backprop.stub.source.replace("    layer_1, layer_2 = forward(layer_0, net)\n", "").replace(
        "    return [np.zeros_like(array) for array in net]",
        "    layer_2_delta = (layer_2 - target) / len(layer_0)\n    return [layer_2_delta]",
    )
    verdict = check_code(backprop, code)
    assert verdict.headline == "Your code raised NameError: name 'layer_2' is not defined"
    assert verdict.details[1] == (
        "Nothing in your code gives `layer_2` a value: the starting code did, with "
        "`layer_1, layer_2 = forward(layer_0, net)`. Put it back."
    )
    assert "Did you mean" not in verdict.text


def test_the_precedence_slip_in_the_mean_is_named(catalog):
    """7.4 with `layer_2 - target / len(layer_0)`: only "off by 0.7" and six numbers, where the same
    slip without the division was named (7 times the numeric one)."""
    backprop = catalog.get("7.4").exercise("backprop")
    verdict = check_code(
        backprop,
        backprop.solution.source.replace("(layer_2 - target) / len(layer_0)", "layer_2 - target / len(layer_0)"),
    )
    assert not verdict.passed
    assert verdict.details[0].endswith(
        "That is what layer_2 - target / len(layer_0) gives: / binds before -, so only target was divided. "
        "Put the miss in brackets first: (layer_2 - target) / len(layer_0)."
    ), verdict.details[0]


def test_a_result_never_computed_is_not_matched_to_the_function_being_written(catalog):
    """5.1 returning `weight_deltas` without computing it (the book's own missing line): Python
    offered `compute_weight_deltas`, and the verdict said "Did you mean" the function itself."""
    exercise = catalog.get("5.1").exercise("weight_deltas")
    code = (
        "def compute_weight_deltas(input, weights, true):\n"
        "    pred = sum(i * w for i, w in zip(input, weights))\n"
        "    delta = pred - true\n"
        "    return weight_deltas\n"
    )
    verdict = check_code(exercise, code)
    assert "Did you mean" not in verdict.text, verdict.text
    assert "`weight_deltas` is never given a value in your code" in verdict.text, verdict.text


def test_a_lesson_variable_read_in_place_of_an_argument_is_sent_to_the_arguments(catalog):
    """6.6b's forward with `streetlights.dot(W0)`: "define `streetlights` here" led to a right-shaped
    wrong answer; the data comes in through the arguments."""
    forward = catalog.get("6.6b").exercise("forward")
    code = forward.solution.source.replace("relu(l0.dot(W0))", "relu(streetlights.dot(W0))")
    said = check_code(forward, code).text
    assert "comes in through its arguments, `l0`, `W0`, `W1`: use those." in said, said
    assert "define `streetlights` here" not in said


def test_pythons_far_offer_gives_way_to_the_argument_or_the_missing_line(catalog):
    """4.1's `(pred - goal) ** 2`: "Did you mean `globals`?", where the argument is goal_pred; 4.3's
    `weight - alpha * weight_delta` with no weight_delta computed: "Did you mean `weight`?"."""
    squared = catalog.get("4.1").exercise("squared_error")
    said = check_code(squared, "def squared_error(pred, goal_pred):\n    return (pred - goal) ** 2\n").text
    assert "Did you mean `globals`" not in said, said
    assert "its arguments, `pred`, `goal_pred`: use those (`goal_pred`?)." in said, said
    step = catalog.get("4.3").exercise("gd_step")
    code = (
        "def gd_step(weight, input, goal_pred, alpha):\n    pred = input * weight\n"
        "    delta = pred - goal_pred\n    return weight - alpha * weight_delta\n"
    )
    said = check_code(step, code).text
    assert "Did you mean `weight`" not in said, said
    assert "`weight_delta` is never given a value in your code: compute it before it is used" in said, said


def test_a_typo_is_a_letter_or_two_off():
    from grok_tui.engine.spelling import typo

    assert typo("layer2_delta", "layer_2_delta") and typo("bb", "b") and typo("lne", "len")
    assert not typo("weight_delta", "weight") and not typo("goal", "globals")


def test_code_that_does_not_compile_is_told_its_syntax_not_a_borrowed_name(catalog):
    """3.3's ele_mul with `return [a[i] * b[i] ...]` at column 0: "'return' outside function", then
    "Your code reads `a` and `b` ... the check lent it the test's own": that code never ran, and the
    note took the place of the line's indentation."""
    ele_mul = catalog.get("3.3").exercise("ele_mul")
    code = "def ele_mul(a, b):\n    assert len(a) == len(b)\nreturn [a[i] * b[i] for i in range(len(a))]\n"
    verdict = check_code(ele_mul, code)
    assert verdict.headline == "Python cannot read your code: 'return' outside function.", verdict.text
    assert "lent it" not in verdict.text, verdict.text
    assert verdict.details[-1] == (
        "Line 3 (`return [a[i] * b[i] for i in range(len(a))]`) is indented 0 spaces, as much as "
        "`def ele_mul`, so it is outside the function. Indent it into the function, 4 spaces."
    ), verdict.text


def test_a_running_total_reset_inside_its_loop_is_named(catalog):
    """3.2's w_sum with `total = 0` indented into the `for`: "got 0.0" alone, though its hint names
    the slip. A sum per row, reset in the outer loop, is right and is not named."""
    from grok_tui.engine.code_advice import resets_in_loops

    exercise = catalog.get("3.2").exercise("w_sum")
    code = (
        "def w_sum(a, b):\n    assert len(a) == len(b)\n    for i in range(len(a)):\n"
        "        total = 0\n        total += a[i] * b[i]\n    return total\n"
    )
    assert check_code(exercise, code).details[-1] == (
        "Line 4, `total = 0`, is inside the loop that adds to `total`: it starts over at every pass, so only "
        "the last pass counts. Set it once, above the loop."
    )
    # the same with `total = total + ...` (a trial): named too
    longhand = code.replace("total += a[i] * b[i]", "total = total + a[i] * b[i]")
    assert "is inside the loop that adds to `total`" in check_code(exercise, longhand).details[-1]
    per_row = (
        "def vect_mat_mul(vect, matrix):\n    out = []\n    for row in matrix:\n        total = 0\n"
        "        for i in range(len(vect)):\n            total += vect[i] * row[i]\n        out.append(total)\n"
        "    return out\n"
    )
    assert resets_in_loops(per_row, "") == []
    # no reference solution of the course is told it
    for lesson in catalog.lessons:
        for one in lesson.exercises:
            assert resets_in_loops(one.solution.source, "") == [], (lesson.id, one.name)


def test_a_stump_of_a_name_the_function_sets_is_asked_if_a_typo(catalog):
    """3.3's dot ending `return to` for its `total`: Python offered nothing, and the verdict said
    "`to` is not defined in this cell ... comes in through its arguments, `a`, `b`: use those"."""
    dot = catalog.get("3.3").exercise("dot")
    code = (
        "def dot(a, b):\n    assert len(a) == len(b)\n    total = 0\n    for i in range(len(a)):\n"
        "        total += a[i] * b[i]\n    return to\n"
    )
    verdict = check_code(dot, code)
    assert verdict.details[1] == "`to` is not defined: line 3 sets `total`. A typo?", verdict.text
    assert "use those" not in verdict.text, verdict.text


def test_a_keyword_one_letter_off_is_offered(catalog):
    """4.3's `rreturn weight_delta` got only "Python cannot read your code: invalid syntax"."""
    step = catalog.get("4.3").exercise("gd_step")
    body = step.solution.source.rsplit("    return ", 1)[0]
    verdict = check_code(step, body + "    rreturn weight_delta\n")
    assert verdict.headline == "Python cannot read your code: invalid syntax.", verdict.text
    assert verdict.details == (
        "line 5: rreturn weight_delta",
        "`rreturn` is not a word Python knows: did you mean `return`?",
    ), verdict.text
    # letters swapped, and a word one letter from two keywords: the one of its length
    w_sum = catalog.get("3.2").exercise("w_sum")
    loop = (
        "def w_sum(a, b):\n    total = 0\n    fro i in range(len(a)):\n        total += a[i] * b[i]\n    return total\n"
    )
    assert "did you mean `for`?" in check_code(w_sum, loop).text
    # read as a call, it is a NameError: the same word, and no "store it or return it" for its line
    squared = catalog.get("4.1").exercise("squared_error")
    said = check_code(squared, "def squared_error(pred, goal_pred):\n    rreturn (pred - goal_pred) ** 2\n").text
    assert "`rreturn` is not a word Python knows: did you mean `return`?" in said and "keep it" not in said, said
    # another syntax error says nothing of keywords
    colon = check_code(w_sum, loop.replace("fro", "for").replace("(len(a)):", "(len(a))"))
    assert "did you mean" not in colon.text, colon.text


def test_a_name_that_differs_from_an_argument_only_in_case_is_pointed_at_it(catalog):
    """6.6b's forward with `relu(l0.dot(w0))`: "use those (`l0`?)", where `W0` was meant (difflib
    ties `l0` and `W0`, and is case-sensitive)."""
    forward = catalog.get("6.6b").exercise("forward")
    code = forward.solution.source.replace("l0.dot(W0)", "l0.dot(w0)")
    verdict = check_code(forward, code)
    assert "(`W0`?)" in verdict.text and "(`l0`?)" not in verdict.text, verdict.text


def test_an_unbound_typo_of_an_argument_names_the_argument(catalog):
    """6.5's learn with `weigths_0_1 -= ...`: "line 8 sets `weights_1_2`. A typo?" sent the learner
    to the wrong name; the one meant is the argument."""
    learn = catalog.get("6.5").exercise("learn")
    code = learn.solution.source.replace("weights_0_1 -=", "weigths_0_1 -=")
    assert code != learn.solution.source
    verdict = check_code(learn, code)
    assert "the argument is `weights_0_1`. A typo?" in verdict.text, verdict.text


def test_a_function_name_given_a_value_is_said_as_hiding_the_function(catalog):
    """3.7: `vect_mat_mul = vect_mat_mul(hid, ...)` was told to give vect_mat_mul a start value first,
    which then made it "not callable"; 3.2's `w_sum += ...` inside w_sum the same (a trial)."""
    network = catalog.get("3.7").exercise("neural_network")
    code = network.stub.source.replace(
        "    hid = [0] * len(weights[0])     # zeros until you compute them\n    pred = [0] * len(weights[1])\n",
        "    hid = vect_mat_mul(input, weights[0])\n    vect_mat_mul = vect_mat_mul(hid, weights[1])\n",
    ).replace("return hid, pred", "return hid, vect_mat_mul")
    said = check_code(network, code).text
    assert (
        "Line 8 gives `vect_mat_mul` a value: a name given a value anywhere in a function is a new name of "
        "that function from its first line, so at line 7 `vect_mat_mul` is no longer the function "
        "`vect_mat_mul` of line 1 and has no value yet. Give the value a name of its own." in said
    ), said
    assert "vect_mat_mul = 0" not in said
    w_sum = catalog.get("3.2").exercise("w_sum")
    code = "def w_sum(a, b):\n    assert len(a) == len(b)\n    for i in range(len(a)):\n        w_sum += a[i] * b[i]\n"
    said = check_code(w_sum, code + "    return w_sum\n").text
    assert "Line 4 gives `w_sum`, the function's own name, a value" in said and "`w_sum = 0`" not in said, said


def test_a_builtin_made_a_number_then_called_is_named(catalog):
    """3.3's dot with `sum = 0` ... `return sum(a)` was asked whether a `*` was missing (a trial)."""
    dot = catalog.get("3.3").exercise("dot")
    code = (
        "def dot(a, b):\n    assert len(a) == len(b)\n    sum = 0\n    for i in range(len(a)):\n"
        "        sum += a[i] * b[i]\n    return sum(a)\n"
    )
    said = check_code(dot, code).text
    assert (
        "Line 3 made `sum` a number: that name was Python's own function `sum`, and `sum(...)` at line 6 "
        "now calls a number. Give the value a name of its own." in said
    ), said
    assert "Is a `*` missing" not in said


def test_the_whole_list_inside_its_own_loop_names_the_loops_item(catalog):
    """5.1: `out.append(delta * inputs)` in `for x in input:` was pointed at `input`, which then got
    "multiply each of its items in a loop": the learner was in that loop, and `x` was never named."""
    deltas = catalog.get("5.1").exercises[0]
    code = (
        "def compute_weight_deltas(input, weights, true):\n    pred = 0\n    for i in range(len(input)):\n"
        "        pred += input[i] * weights[i]\n    delta = pred - true\n    out = []\n    for x in input:\n"
        "        out.append(delta * WHAT)\n    return out\n"
    )
    said = check_code(deltas, code.replace("WHAT", "inputs")).text
    assert "use those (`input`? The loop at line 7 gives its items one at a time, as `x`)." in said, said
    said = check_code(deltas, code.replace("WHAT", "input")).text
    assert "or make it a numpy array first. Here the loop at line 7 gives its items one at a time, as `x`." in said


def test_a_module_only_the_test_cell_imported_is_not_the_codes(catalog):
    """4.1's `return math.pow(...)` without `import math` passed (the test cell imports math, into
    the same namespace), then stopped the lesson's run at that line (a trial)."""
    squared = catalog.get("4.1").exercise("squared_error")
    code = "def squared_error(pred, goal_pred):\n    return math.pow(pred - goal_pred, 2)\n"
    verdict = check_code(squared, code)
    assert not verdict.passed
    assert "at line 2 of your code: return math.pow(pred - goal_pred, 2)" in verdict.text, verdict.text
    assert "start your cell with `import math`" in verdict.text, verdict.text
    assert check_code(squared, "import math\n\n" + code).passed


def test_a_function_used_where_its_result_was_meant_is_named(catalog):
    """3.3's `sum(ele_mul)` was only "'function' object is not iterable", 5.1's `pred = w_sum` then
    `pred - true` "unsupported operand type(s) for -: 'function' and 'int'" (a trial)."""
    dot = catalog.get("3.3").exercise("dot")
    ele = "def ele_mul(a, b):\n    return [x * y for x, y in zip(a, b)]\n\n"
    said = check_code(dot, ele + "def dot(a, b):\n    assert len(a) == len(b)\n    return sum(ele_mul)\n").text
    assert (
        "`ele_mul` at line 6 is the function itself, not a value it computed: call it with its arguments, "
        "`ele_mul(...)`." in said
    ), said
    deltas = catalog.get("5.1").exercises[0]
    w_sum = "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n\n"
    code = "def compute_weight_deltas(input, weights, true):\n    pred = w_sum\n    delta = pred - true\n"
    said = check_code(deltas, w_sum + code + "    return [delta * x for x in input]\n").text
    assert "`w_sum` at line 5 is the function itself" in said, said


def test_a_list_method_assigned_back_is_said_to_give_none(catalog):
    """3.3's `out = out.append(...)` was only "'NoneType' object has no attribute 'append'"."""
    ele = catalog.get("3.3").exercise("ele_mul")
    code = (
        "def ele_mul(a, b):\n    assert len(a) == len(b)\n    out = []\n    for i in range(len(a)):\n"
        "        out = out.append(a[i] * b[i])\n    return out\n"
    )
    said = check_code(ele, code).text
    assert (
        "`.append(...)` changes the list in place and gives back None, so `out = out.append(...)` made `out` "
        "None after its first pass: write `out.append(...)` on its own." in said
    ), said

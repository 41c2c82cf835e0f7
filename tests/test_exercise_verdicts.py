"""What an exercise's verdict tells a learner about the mistakes beginners make in the course's own
exercises: a missing return, a changed argument, a type the lesson cannot use, a name from another
exercise, an unused argument, the slips a lesson teaches. (Python's usual slips:
test_verdict_python_slips.py; how numbers are said: test_verdict_numbers.py; the sandbox itself:
test_exercises.py.)"""

from __future__ import annotations

from grok_tui.engine.exercise_proof import check_exercises
from grok_tui.engine.exercises import check_code, describe
from grok_tui.engine.sandbox import run_sandboxed
from tests.test_exercises import TEST, fixture_lesson


def test_a_function_that_forgot_its_return_is_told_so(catalog):
    """7.3's one_hot without `return out`: the test sees None, and said only that one_hot([3]) had
    shape () and was nan. 6.4's relu2deriv said `got = nan` beside "gives None": its test turned
    None into nan before looking. Each test of a function now says None first, in its own words."""
    for lesson_id, name, line in (("7.3", "one_hot", "return out"), ("6.4", "relu2deriv", "return output > 0")):
        lesson = next(x for x in catalog.lessons if x.id == lesson_id)
        exercise = next(e for e in lesson.exercises if e.name == name)
        code = exercise.solution.source.replace(line, line.removeprefix("return "))
        assert "return" not in code
        verdict = check_code(exercise, code)
        assert not verdict.passed
        assert verdict.details[0] == f"{name} returned None: add a return", verdict.text
        assert "nan" not in verdict.text and "never returns" not in verdict.text  # said once, not twice
    # the generic line, for a test that does not look for None itself; not for a wrong answer that
    # does return, nor for a function the reference leaves None
    code, test = "def double(x):\n    x\n", "assert double(2) == 4"
    reference = "def double(x):\n    return 2 * x\n"
    assert "Your double never returns a value" in describe(run_sandboxed(code, test), code, test, reference).text
    # a TypeError about None from the test: the missing return is the headline, not the third line
    # (4.1's led with "The test raised TypeError", over a test line holding a slip's formula)
    squared = catalog.get("4.1").exercise("squared_error")
    told = check_code(squared, "def squared_error(pred, goal_pred):\n    error = (pred - goal_pred) ** 2\n")
    assert told.headline.startswith("Your squared_error never returns a value"), told.text
    assert told.details == ("(The test then raised TypeError: must be real number, not NoneType.)",), told.text
    assert "never returns" not in check_code(exercise, exercise.solution.source + "    return output * 2\n").text
    assert (
        "never returns"
        not in describe(
            run_sandboxed("def double(x):\n    x\n", TEST),
            "def double(x):\n    x\n",
            TEST,
            "def double(x):\n    print(x)\n",
        ).text
    )


def test_a_function_that_changes_its_argument_fails_unless_the_exercise_says_it_may(catalog, tmp_path):
    """A learner's relu2deriv that set its input's values to 1 (`output[output > 0] = 1`) passed, and
    6.4 then computed its weight deltas from the overwritten layer_1 (-1.02 for -0.135); an ele_mul
    that wrote its products into `a` made 3.3's dot print 45 where the text says 3."""
    relu2deriv = catalog.get("6.4").exercise("relu2deriv")
    verdict = check_code(relu2deriv, "def relu2deriv(output):\n    output[output > 0] = 1\n    return output\n")
    assert not verdict.passed
    assert verdict.details[0].startswith("relu2deriv changed its argument output: array([[0.     , 0.13177")
    assert "leave the arguments as they are and build the answer as a new array." in verdict.details[0]
    ele_mul = catalog.get("3.3").exercise("ele_mul")
    code = "def ele_mul(a, b):\n    for i in range(len(a)):\n        a[i] *= b[i]\n    return a\n"
    changed = check_code(ele_mul, code).text
    assert "ele_mul changed its argument a: [1, 2, 3] became [3, 8, 15]" in changed
    assert "build the answer as a new list." in changed  # the kind this exercise wants back
    assert "with a = [3, 8, 15]" not in changed  # the test's values are the changed ones: not shown
    assert check_code(ele_mul, ele_mul.solution.source).passed
    # 6.5's learn is meant to update the weights in place: it says so, and its reference passes
    learn = catalog.get("6.5").exercise("learn")
    assert learn.changes_arguments and check_code(learn, learn.solution.source).passed
    # the dev check runs the reference guarded too: one that changes its input is reported
    lesson = fixture_lesson(tmp_path, solution="a.append(0) or sum(x * y for x, y in zip(a, b))")
    problems = check_exercises(lesson)
    assert len(problems) == 1 and "w_sum changed its argument a: [1, 2] became [1, 2, 0]" in problems[0].message


def test_the_types_a_test_takes_are_the_ones_the_lesson_can_use(catalog):
    """A numpy vect_mat_mul (a 1-d array) was refused though the lessons use it as it is; a 7.4
    backprop returning lists passed, then the lesson failed at grad[i, j]. (3.2 and 3.3, which build
    the weighted sum by hand, say numpy comes in 3.4, alike: 3.2 took np.dot, 3.3 refused it.)"""
    w_sum = catalog.get("3.2").exercise("w_sum")
    code = "import numpy as np\ndef w_sum(a, b):\n    assert len(a) == len(b)\n    return np.dot(a, b)\n"
    said = check_code(w_sum, code)
    assert not said.passed and "numpy's version, np.dot, comes in 3.4" in said.text, said.text
    dot = catalog.get("3.3").exercise("dot")
    code = "import numpy as np\ndef dot(a, b):\n    assert len(a) == len(b)\n    return float(np.dot(a, b))\n"
    assert "dot uses numpy: this lesson builds it by hand" in check_code(dot, code).text
    vect_mat_mul = catalog.get("3.6").exercise("vect_mat_mul")
    code = "import numpy as np\ndef vect_mat_mul(vect, matrix):\n    return np.dot(matrix, vect)\n"
    assert check_code(vect_mat_mul, code).passed
    backprop = catalog.get("7.4").exercise("backprop")
    code = backprop.solution.source.replace("    return [np.dot(", "    return [g.tolist() for g in [np.dot(")
    code = code.replace("layer_2_delta.sum(0)]", "layer_2_delta.sum(0)]]")
    verdict = check_code(backprop, code)
    assert "tolist" in code and not verdict.passed
    assert verdict.details[0] == (
        "the gradient of weights_0_1 should be a numpy array, got a list: return the arrays np.dot gives"
    )


def test_code_under_the_stubs_return_is_said_never_to_run(catalog):
    """A learner typed the loop under 3.2's `return 0`: the test said only "got 0"."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    loop = "    total = 0\n    for i in range(len(a)):\n        total += a[i] * b[i]\n    return total\n"
    code = w_sum.stub.source.rstrip("\n") + "\n" + loop
    assert "    return 0\n    total = 0" in code
    verdict = check_code(w_sum, code)
    assert not verdict.passed
    assert "got 0" in verdict.details[0]  # what the test said first (its own message), then why
    assert len(verdict.details) == 2, verdict.text  # not the test's line, in names never taught
    assert verdict.details[-1] == (
        "Line 4, `return 0`, ends w_sum there: the lines under it, from line 5, never run. "
        "Keep one `return`: the one that ends your own code (the starting code's may be above or below yours)."
    )
    # An error in the learner's own lines comes first, at its line; the stub's return is told last
    # (3.6: it sat between "raised IndexError" and the line that raised it).
    broken = code.replace("total += a[i] * b[i]", "total += a[i + 1] * b[i]").replace("    return 0\n", "", 1)
    broken = broken.replace("    return total\n", "    return total\n    return 0\n")
    verdict = check_code(w_sum, broken)
    assert verdict.headline.startswith("Your code raised IndexError"), verdict.headline
    assert verdict.details[0].startswith("at line 6 of your code: total += a[i + 1] * b[i]"), verdict.details
    assert verdict.details[-1].startswith("Line 7, `return total`, ends w_sum there"), verdict.details
    assert check_code(w_sum, code.replace("    return 0\n", "", 1)).passed  # no advice where all runs


def test_a_name_from_another_exercise_is_explained(catalog):
    """4.2's hot_cold_step calling 4.1's squared_error got a bare NameError: each exercise is checked
    on its own, and nothing said so."""
    exercise = catalog.get("4.2").exercise("hot_cold_step")
    code = exercise.solution.source.replace(
        "(input * (weight + step_amount) - goal_pred) ** 2", "squared_error(input * (weight + step_amount), goal_pred)"
    )
    verdict = check_code(exercise, code)
    assert "squared_error(" in code and not verdict.passed
    assert verdict.details[0].startswith("at line ")  # where, then what to do
    assert verdict.details[1] == (
        "Each exercise is checked on its own, with only what this cell defines and imports: define "
        "`squared_error` here (or do its work inline), or check its spelling."
    )
    code = "def hot_cold_step(weight, input, goal_pred, step_amount):\n    return np.float64(weight)\n"
    assert "start your cell with `import numpy as np`" in check_code(exercise, code).text


def test_an_index_nothing_sets_asks_for_the_missing_loop(catalog):
    """7.3's one_hot written `out[i, labels[i]] = 1` with no loop: Python's "Did you mean `id`?" and
    "define `i` here" pointed away from the loop that was missing."""
    one_hot = catalog.get("7.3").exercise("one_hot")
    code = (
        "import numpy as np\n\ndef one_hot(labels):\n    out = np.zeros((len(labels), 10))\n"
        "    out[i, labels[i]] = 1\n    return out\n"
    )
    said = check_code(one_hot, code).text
    assert "`i` is used as an index, and nothing gives it a value: is a loop missing" in said, said
    assert "Did you mean `id`" not in said
    # a name set by a loop or an assignment is not said to be missing (a typo elsewhere is)
    looped = code.replace(
        "    out[i, labels[i]] = 1\n", "    for i in range(len(labels)):\n        out[i, labels[j]] = 1\n"
    )
    assert "`j` is used as an index" in check_code(one_hot, looped).text
    assert "`i` is used as an index" not in check_code(one_hot, looped).text


def test_a_missing_return_is_said_once_where_the_test_says_it_too(catalog):
    outer = catalog.get("5.5").exercise("outer_prod")
    code = outer.solution.source.replace("return out", "out")
    verdict = check_code(outer, code)
    assert "return out" not in code and not verdict.passed
    assert "outer_prod returned None: add a return" in verdict.text and "never returns a value" not in verdict.text
    # 3.2's test says "got None" without why: the advice is given (a beginner did not link None to return)
    w_sum = catalog.get("3.2").exercise("w_sum")
    said = check_code(w_sum, w_sum.solution.source.replace("return output", "pass")).text
    assert "should return one number, got None" in said and "Your w_sum never returns a value" in said, said


def test_the_slips_a_lesson_teaches_are_named_in_its_tests_words(catalog):
    """3.7's np.dot(input, weights[0]) got "[np.float64(0.905), ...]" and no word on rows and
    columns; 4.3b's slope without the 2 got "0.3999999999999999" and no word on the half."""
    network = catalog.get("3.7").exercise("neural_network")
    by_columns = network.solution.source.replace(
        "hid = vect_mat_mul(input, weights[0])", "import numpy as np\n    hid = np.dot(input, weights[0])"
    )
    text = check_code(network, by_columns).text
    assert "got [0.905, 2.245, -0.145]: that is input times each COLUMN of weights[0]" in text, text
    assert "np.float64" not in text
    slope = catalog.get("4.3b").exercise("slope")
    text = check_code(slope, slope.solution.source.replace("return 2 * input * delta", "return input * delta")).text
    assert "should be about -1.5 (the error's change per unit of weight), got -0.75: exactly half" in text, text
    assert "exactly half" not in check_code(slope, slope.solution.source.replace("2 * input", "3 * input")).text


def test_a_slope_without_its_2_or_without_its_input_is_told_apart(catalog):
    """4.3b's first case had input 2, where both slips give the same number: a learner who wrote the
    2 and left out the input was told "exactly half. The square brings down a 2"."""
    slope = catalog.get("4.3b").exercise("slope")
    no_input = check_code(slope, slope.solution.source.replace("return 2 * input * delta", "return 2 * delta")).text
    assert "off by a factor of the input" in no_input and "exactly half" not in no_input, no_input
    no_two = check_code(slope, slope.solution.source.replace("return 2 * input * delta", "return input * delta")).text
    assert "exactly half" in no_two and "factor of the input" not in no_two, no_two


def test_an_argument_the_function_never_uses_is_named(catalog):
    """4.3's gd_step without alpha got only "should return 0.11275, got 1.375"."""
    step = catalog.get("4.3").exercise("gd_step")
    said = check_code(step, step.solution.source.replace("weight - alpha * weight_delta", "weight - weight_delta")).text
    assert "Your gd_step never uses its argument `alpha`." in said, said
    assert (
        "never uses" not in check_code(step, step.solution.source.replace("pred - goal_pred", "goal_pred - pred")).text
    )
    assert "never uses" not in check_code(step, step.stub.source).text  # the stub, not yet written


def test_an_error_in_a_helper_names_the_learners_line_that_called_it(catalog):
    """3.7's given vect_mat_mul raised when the learner passed all the weights: the verdict named the
    helper's line only, and not the call that was wrong."""
    network = catalog.get("3.7").exercise("neural_network")
    code = network.solution.source.replace("vect_mat_mul(input, weights[0])", "vect_mat_mul(input, weights)")
    said = check_code(network, code).text
    assert "called from line 7 of your code: hid = vect_mat_mul(input, weights)" in said, said


def test_the_last_hint_of_w_sum_puts_the_return_after_the_loop(catalog):
    """3.2's third hint said "then `return output`" and not where: a learner put it inside the loop,
    which returns after the first product."""
    hint = catalog.get("3.2").exercise("w_sum").hints[2]
    assert "`return output` after the loop, at the level of the `for`" in hint, hint


def test_a_test_line_broken_after_a_bracket_is_quoted_without_a_stray_space(catalog):
    """6.5's verdict quoted its two-line assert as "assert not same(w12, ...) or not same( w01, ...",
    and its values as `array([[0.5 ], [0.25]])`: the line break, and numpy's column padding. (The
    learner now reads that assert's message alone; its author, in `grok-tui check`, still the line.)"""
    learn = catalog.get("6.5").exercise("learn")
    code = learn.solution.source.replace("weights_1_2 -= alpha", "weights_1_2 = weights_1_2 - alpha")
    code = code.replace("weights_0_1 -= alpha", "weights_0_1 = weights_0_1 - alpha")
    said = describe(run_sandboxed(code, learn.test.source), code, learn.test.source, author=True).text
    assert "the test: assert not same(w12, [[0.5], [0.25]]) or not same(w01, [[1.0, 1.0], [-1.0, 1.0]])" in said
    assert "with w12 = array([[0.5], [0.25]]), w01 = array([[1., 1.], [-1., 1.]])" in said, said
    assert "the test:" not in check_code(learn, code).text


def test_slips_a_trial_met_with_only_numbers_are_named(catalog):
    """4.3 without `* input`, 6.5 with `goal - layer_2`, and 7.4's untouched stub got "got 0.1015",
    two matrices, and "off by 1 (relative...)": each now says what it is."""
    step = catalog.get("4.3").exercise("gd_step")
    no_input = (
        "def gd_step(weight, input, goal_pred, alpha):\n    pred = input * weight\n"
        "    delta = pred - goal_pred\n    return weight - alpha * delta\n"
    )
    assert "that is alpha * delta, without the input. weight_delta = delta * input." in check_code(step, no_input).text
    learn = catalog.get("6.5").exercise("learn")
    flipped = check_code(learn, learn.solution.source.replace("layer_2 - goal", "goal - layer_2")).text
    assert "the right step with its sign flipped: layer_2_delta = layer_2 - goal" in flipped, flipped
    backprop = catalog.get("7.4").exercise("backprop")
    said = check_code(backprop, backprop.stub.source).text
    assert "Yours is all zeros: nothing is computed for weights_0_1 yet." in said, said
    assert "has a relative error of 1 (0 is a match, 1 nothing alike" in said and "off by 1" not in said, said


def test_3_3s_ele_mul_as_numpy_is_told_why_a_list_is_wanted(catalog):
    """`np.array(a) * np.array(b)` has the right values: "should return a list, got array([ 3, 8, 15])"
    gave no reason (a trial), while 3.6 and 5.1 take arrays."""
    ele = catalog.get("3.3").exercise("ele_mul")
    code = "import numpy as np\ndef ele_mul(a, b):\n    assert len(a) == len(b)\n    return np.array(a) * np.array(b)\n"
    said = check_code(ele, code)
    assert not said.passed and "this lesson builds it by hand, item by item (numpy's version comes in 3.4)" in said.text


def test_a_function_returning_one_number_that_changed_an_argument_is_not_told_to_build_a_list(catalog):
    """3.2's w_sum writing products into `a` was told to "build the answer as a new list": it returns
    one number (a trial)."""
    w_sum = catalog.get("3.2").exercises[0]
    code = (
        "def w_sum(a, b):\n    assert len(a) == len(b)\n    out = 0\n    for i in range(len(a)):\n"
        "        a[i] = a[i] * b[i]\n        out += a[i]\n    return out\n"
    )
    said = check_code(w_sum, code).text
    assert "leave the arguments as they are and work out the answer from them without writing into them." in said
    assert "new list" not in said, said


def test_an_argument_read_only_by_the_given_assert_is_still_said_unused(catalog):
    """3.2's stub asserts len(a) == len(b): a w_sum that summed the lesson's global `weights` in
    place of `b` read `b` only there, and was told only "should be 32, got 0.98"."""
    w_sum = catalog.get("3.2").exercise("w_sum")
    code = "weights = [0.1, 0.2, 0.0]\n" + w_sum.solution.source.replace("a[i] * b[i]", "a[i] * weights[i]")
    said = check_code(w_sum, code).text
    assert "Your w_sum never uses its argument `b`." in said, said


def test_a_slope_measured_with_one_of_the_lessons_own_nudges_is_said_to_be_one(catalog):
    """4.3b's own loop measures with h = 0.01; at input 1.5 that is 0.0225 off, outside the old
    1% "close, but a nudge only estimates" window: the learner got the bare numbers."""
    slope = catalog.get("4.3b").exercise("slope")
    nudged = "def slope(weight, input, goal_pred):\n    h = {h}\n    def err(w):\n        return (input * w - goal_pred) ** 2\n    return (err(weight + h) - err(weight)) / h\n"
    for h in ("0.1", "0.01", "0.001"):
        said = check_code(slope, nudged.format(h=h)).text
        assert f"what a nudge of about {h} measures" in said and "adds input ** 2 * h" in said, said

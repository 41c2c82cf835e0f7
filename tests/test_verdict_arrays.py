"""Verdicts on array code (chapters 5 to 7): shapes, batches, deltas, one-hot rows, the values a
failed assert lists beside its message."""

from __future__ import annotations

from grok_tui.engine.exercises import check_code, describe
from grok_tui.engine.sandbox import run_sandboxed


def test_a_softmax_over_the_whole_batch_fails_and_says_why(catalog):
    """A global max passed 7.3's tests, then its run at alpha 64 with the safe loss went to inf;
    a global sum was told only the numbers it should have given."""
    softmax = catalog.get("7.3").exercise("softmax")
    head = "import numpy as np\ndef softmax(x):\n"
    global_max = check_code(
        softmax, head + "    e = np.exp(x - x.max())\n    return e / e.sum(axis=-1, keepdims=True)\n"
    )
    assert not global_max.passed and "each row's own largest score" in global_max.details[0]
    # nothing overflowed there: the small row's exps were all 0, and 0 / 0 gave nan (the verdict said
    # "exp(1000) overflows a float"); numpy's warning is said as one, not as the learner's print
    assert "nothing overflowed: the row [0.0, 1.0] lies 1000 below the batch's largest score" in global_max.text
    assert "0 / 0 is nan" in global_max.text and "overflows" not in global_max.text, global_max.text
    assert (
        "warning at line 4 of your code: RuntimeWarning: invalid value encountered in divide "
        "(in `return e / e.sum(axis=-1, keepdims=True)`)"
    ) in global_max.details, global_max.details
    assert "printed" not in global_max.text
    # the real overflow, no max subtracted, is told as one
    no_max = check_code(softmax, head + "    e = np.exp(x)\n    return e / e.sum(axis=-1, keepdims=True)\n")
    assert "exp(1001) overflows a float (inf, and inf / inf is nan)" in no_max.text, no_max.text
    assert "warning at line 3 of your code: RuntimeWarning: overflow encountered in exp" in no_max.text
    global_sum = check_code(
        softmax, head + "    e = np.exp(x - np.max(x, axis=-1, keepdims=True))\n    return e / e.sum()\n"
    )
    assert not global_sum.passed and "each row must add up to 1" in global_sum.details[0]


def test_a_gradient_summed_over_the_batch_is_told_to_take_the_mean(catalog):
    """7.4's verdict said "off by 0.75" beside numbers exactly 7 times too big, and the lesson's
    0.90 for the same slip (20 images) did not help the learner see it."""
    backprop = catalog.get("7.4").exercise("backprop")
    verdict = check_code(backprop, backprop.solution.source.replace(" / len(layer_0)", ""))
    assert not verdict.passed
    assert verdict.details[0].endswith(
        "Yours is 7 times the numeric one, and the batch has 7 images: divide by len(layer_0), as the loss takes the mean."
    )
    assert not any("batch = " in line for line in verdict.details)  # the advice once, not again as a value


def test_a_bias_gradient_left_one_row_per_image_is_told_to_sum_the_batch(catalog):
    """7.4's bias_1 gradient returned as layer_1_delta got "has shape (7, 5), expected (5,)" and no
    word of the batch."""
    backprop = catalog.get("7.4").exercise("backprop")
    verdict = check_code(backprop, backprop.solution.source.replace("layer_1_delta.sum(0)", "layer_1_delta"))
    assert not verdict.passed
    assert verdict.details[0] == (
        "the gradient of bias_1 has shape (7, 5), expected (5,) (the shape of bias_1). It still has one row per"
        " image: a bias moves by its delta summed over the batch, delta.sum(axis=0)."
    ), verdict.text
    # the shapes were tested, not the values: bias_1's five numbers are not listed as "with array = ..."
    assert not any(line.startswith("with ") for line in verdict.details), verdict.text


def test_a_wrong_one_hot_is_told_by_its_first_wrong_row(catalog):
    """7.3's one_hot as `out[:, labels] = 1` showed both whole matrices, four wrapped lines of 0.0s
    to compare by eye."""
    one_hot = catalog.get("7.3").exercise("one_hot")
    code = "import numpy as np\n\ndef one_hot(labels):\n    out = np.zeros((len(labels), 10))\n    out[:, labels] = 1\n    return out\n"
    verdict = check_code(one_hot, code)
    assert verdict.details[0].startswith(
        "one_hot([0, 9]): row 0 (label 0) should be 0 everywhere but a 1 in column 0, got"
        " [1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]: "  # then what `:` did (test_exercise_slips_messages.py)
    ), verdict.text


def test_rows_of_different_lengths_are_named_not_numpys_error(catalog):
    """5.5's outer_prod with a short row showed numpy's "setting an array element with a sequence"."""
    outer_prod = catalog.get("5.5").exercise("outer_prod")
    code = "def outer_prod(a, b):\n    return [[x * y for y in b] if i == 0 else [x] for i, x in enumerate(a)]\n"
    verdict = check_code(outer_prod, code)
    assert not verdict.passed
    assert verdict.details[0] == (
        "outer_prod([1, 2], [3, 4, 5]) returned [[3, 4, 5], [2]]: expected a matrix, len(a) rows of len(b) numbers each"
    )


def test_backprops_usual_slips_are_each_named(catalog):
    """6.5's learn: the output's delta used for the first layer was told "layer_1_delta must use
    weights_1_2 BEFORE its update", and a transposed update got only numpy's "non-broadcastable
    output operand"."""
    learn = catalog.get("6.5").exercise("learn")
    solution = learn.solution.source
    slips = {
        "layer_0.T.dot(layer_2_delta)": ("layer_0.T.dot(layer_1_delta)", "moved by layer_2_delta, the output's delta"),
        "layer_2_delta.dot(layer_1)": ("layer_1.T.dot(layer_2_delta)", "An in-place update (`-=`) keeps the array's"),
        "weights_1_2 = weights_1_2 - alpha": ("weights_1_2 -= alpha", "weights_1_2 = weights_1_2 - ... makes a new"),
    }
    for wrong, (right, said) in slips.items():
        verdict = check_code(learn, solution.replace(right, wrong))
        assert not verdict.passed and said in verdict.text, (wrong, verdict.text)


def test_the_second_update_not_in_place_and_a_mean_over_the_classes_are_named(catalog):
    """6.5: with weights_1_2 -= fixed, weights_0_1 = weights_0_1 - ... got the whole formula again;
    7.3: np.mean(-targets * np.log(probs)) got only "should be 0.693147, got 0.3466"."""
    learn = catalog.get("6.5").exercise("learn")
    code = learn.solution.source.replace("weights_0_1 -= alpha", "weights_0_1 = weights_0_1 - alpha")
    assert "weights_0_1 did not change: update it in place, weights_0_1 -=" in check_code(learn, code).text
    entropy = catalog.get("7.3").exercise("cross_entropy")
    wrong = "import numpy as np\n\ndef cross_entropy(probs, targets):\n    return np.mean(-targets * np.log(probs))\n"
    assert "Yours is 1/2 of it: a mean over every number, or a sum down" in check_code(entropy, wrong).text
    # the sum down the columns (axis=0) is the same number on one row: it was told it had not summed
    down = wrong.replace("np.mean(-targets * np.log(probs))", "-np.mean(np.sum(targets * np.log(probs), axis=0))")
    said = check_code(entropy, down).text
    assert "or a sum down the columns (axis=0), divides by the classes too. Sum along each row (axis=-1)" in said


def test_arrays_the_message_listed_are_not_listed_again(catalog):
    """7.3's one_hot off by one: "should be [[0.0, ...]], got [[...]]", then the same two arrays
    again as `with got = array(...), want = array(...)`. A value the message did not say stays (under
    an assert without a message: one with its own says what it needs, and no values are listed)."""
    lesson = next(x for x in catalog.lessons if x.id == "7.3")
    exercise = next(e for e in lesson.exercises if e.name == "one_hot")
    code = exercise.solution.source
    wrong = code.replace("out[i, label] = 1.0", "out[i, label - 1] = 1.0")
    assert wrong != code
    verdict = check_code(exercise, wrong)
    assert not verdict.passed and "got [0.0, 0.0, 1.0," in verdict.text, verdict.text
    # nor the long array the message left out: its row was named (a trial read four wrapped lines)
    assert "array(" not in verdict.text, verdict.text
    # a test without a message of its own keeps them (one with a message says what it needs itself)
    code, test = "def f():\n    return [1, 2]\n", "got = f()\nwant = [1, 3]\nassert got == want"
    assert "with got = [1, 2], want = [1, 3]" in describe(run_sandboxed(code, test), code, test).text


def test_a_hidden_delta_without_the_relu_mask_names_the_off_node(catalog):
    """6.4's hidden_delta without `* (layer_1 > 0)` got only the two arrays: a beginner did not see
    that the off nodes were blamed."""
    hidden = catalog.get("6.4").exercise("hidden_delta")
    said = check_code(hidden, hidden.solution.source.replace(" * (layer_1 > 0)", "")).text
    assert "hidden node 0 is off" in said and "an off node's delta is 0" in said, said
    assert "layer_1 > 0" not in said  # the idea, not the code


def test_the_one_entry_per_row_advice_is_for_many_indices_at_once_only(catalog):
    """5.5's outer_prod with swapped indices, `out[j][i] = a[i] * b[j]`, was told 7.3's one_hot
    advice, "give both indices at once: `m[rows, columns] = 1`", which means nothing in a double loop;
    and a size of 1 read "has 1 entries"."""
    outer = catalog.get("5.5").exercise("outer_prod")
    swapped = check_code(outer, outer.solution.source.replace("out[i][j] = a[i]", "out[j][i] = a[i]")).text
    assert "Axis 0 of that array has 2 entries, numbered 0 to 1, and your code asked for entry 2" in swapped
    assert "m[rows, columns]" not in swapped and "each row" not in swapped, swapped
    # the same slip written `out[j, i]`: one entry, not many
    comma = check_code(outer, outer.solution.source.replace("out[i][j] = a[i]", "out[j, i] = a[i]")).text
    assert "asked for entry 2" in comma and "m[rows, columns]" not in comma, comma
    # one_hot's `out[labels]`: many indices in one place, each a whole row; an axis of size 1 in English
    one_hot = catalog.get("7.3").exercise("one_hot")
    rows = check_code(one_hot, one_hot.solution.source.replace("out[i, label] = 1.0", "out[labels] = 1.0")).text
    assert "Axis 0 of that array has 1 entry, numbered 0, and your code asked for entry 3" in rows, rows
    assert "1 entries" not in rows and "give both indices at once: `m[rows, columns] = 1`" in rows, rows


def test_a_mean_over_every_number_without_the_minus_names_both_slips(catalog):
    """7.3: np.mean(targets * np.log(probs)), the TODO's "mean ... of -sum(...)" read loosely, got
    only "should be 0.693147 ..., got -0.346574" (a trial), while each slip alone is named."""
    entropy = catalog.get("7.3").exercise("cross_entropy")
    wrong = "import numpy as np\n\ndef cross_entropy(probs, targets):\n    return np.mean(targets * np.log(probs))\n"
    said = check_code(entropy, wrong).text
    assert "got -0.346574. Yours is -1/2 of it, two slips: the loss is minus the log" in said, said
    assert "a mean over every number divides by the 2 classes too" in said, said

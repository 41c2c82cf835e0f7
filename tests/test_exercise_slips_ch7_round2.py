"""Chapter 7's exercises tried again with beginners' slips (a second trial): a careful guard that
failed with two equal-looking numbers, an overflow guard that passed though it does not guard, and
messages that said the symptom only (`//`, gradients in another order, which bracket is open)."""

from __future__ import annotations

from grok_tui.engine.exercises import check_code
from tests.lessons_util import slipped_verdict as _slipped

CROSS = "np.log(probs)"


def test_a_tiny_guard_against_log_of_0_passes_and_a_bigger_one_is_said_with_digits(catalog):
    """`np.log(probs + 1e-7)` got "should be 0.693147 ..., got 0.693147.": the same number twice."""
    cross = catalog.get("7.3").exercise("cross_entropy")
    for tiny in ("np.log(probs + 1e-7)", "np.log(probs + 1e-9)", "np.log(np.clip(probs, 1e-12, 1))"):
        verdict = check_code(cross, cross.solution.source.replace(CROSS, tiny))
        assert verdict.passed, (tiny, verdict.text)
    for guard, got in (("1e-4", "0.6929472006"), ("1e-3", "0.6911491779")):  # 1e-3: 0.3% off, said too
        said = _slipped(catalog, "7.3", "cross_entropy", CROSS, f"np.log(probs + {guard})")
        assert f"should be 0.6931471806 (the mean of -log(probability of the right class)), got {got}." in said
        assert "Close, not equal. If you added a small number inside the log to keep it away from log(0)" in said
        assert "keep it at 1e-7 or below, or clip instead" in said, said


def test_softmax_with_the_rows_smallest_or_mean_subtracted_fails_on_scores_far_apart(catalog):
    """Both passed: no test row was more than 709 apart, so the overflow guard went unchecked."""
    right = "x = x - x.max(axis=-1, keepdims=True)"
    for wrong in ("x = x - x.min(axis=-1, keepdims=True)", "x = x - x.mean(axis=-1, keepdims=True)"):
        said = _slipped(catalog, "7.3", "softmax", right, wrong)
        assert "softmax([0.0, 1500.0]) gave" in said, said
        assert "the row's scores lie 1500 apart, so with anything but its largest score subtracted" in said, said


def test_floor_division_is_named_where_the_reference_divides(catalog):
    """softmax with `e // e.sum(...)` was told only that its probabilities add up to 0."""
    said = _slipped(catalog, "7.3", "softmax", "return e / e.sum", "return e // e.sum")
    assert "Line 7 divides with `//`, floor division: it rounds each result down to a whole number" in said, said
    assert "Plain division is `/`." in said


def test_gradients_in_another_order_are_told_the_order(catalog):
    """`return [g_w01, g_w12, g_b1, g_b2]` got "the gradient of bias_1 has shape (5, 10), expected (5,)"."""
    backprop = catalog.get("7.4").exercise("backprop")
    source = backprop.solution.source
    right = (
        "return [np.dot(layer_0.T, layer_1_delta), layer_1_delta.sum(0),\n"
        "            np.dot(layer_1.T, layer_2_delta), layer_2_delta.sum(0)]"
    )
    wrong = (
        "return [np.dot(layer_0.T, layer_1_delta), np.dot(layer_1.T, layer_2_delta),\n"
        "            layer_1_delta.sum(0), layer_2_delta.sum(0)]"
    )
    assert right in source
    verdict = check_code(backprop, source.replace(right, wrong))
    assert not verdict.passed
    assert (
        "the gradient of bias_1 has shape (5, 10), expected (5,) (the shape of bias_1). That is the shape of "
        "weights_1_2: return the four in net's order, weights_0_1, bias_1, weights_1_2, bias_2."
    ) in verdict.text, verdict.text


def test_a_bracket_never_closed_is_named_by_the_words_before_it(catalog):
    """`return relu(l0.dot(W0).dot(W1)` got "'(' was never closed." and the line: three `(` on it."""
    forward = catalog.get("6.6b").exercise("forward")
    source = forward.solution.source
    line = next(line for line in source.splitlines() if line.strip().startswith("return") and line.count("(") >= 2)
    broken = line.rstrip()[:-1]  # the last `)` left out
    verdict = check_code(forward, source.replace(line, broken))
    opened = broken.count("(")
    assert "Python cannot read your code: '(' was never closed." in verdict.text, verdict.text
    assert f"is never closed: its `)` is missing (this line opens {opened} `(` and closes {opened - 1})." in (
        verdict.text
    ), verdict.text

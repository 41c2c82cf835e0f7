"""Chapter 7 outcomes a check cell cannot pin: a run that diverges skips the cells after its loop,
the check cells among them."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from tests.lessons_util import run_lesson


def test_7_3_at_alpha_64_stops_at_epoch_7_with_a_nan_loss():
    """'Raise alpha to 64: the run stops, its loss nan at epoch 7' and 'the status line says
    "diverged"' (7.3's try-this and text; the safe loss's 96% is pinned in its check cell)."""
    result = run_lesson("7.3", alpha=64.0)
    assert result.state is RunState.DIVERGED and "loss became nan" in result.detail, result.detail
    assert len(result.steps) == 7 and result.recorded("epoch")[-1] == 7


SAFE_CROSS_ENTROPY = """import numpy as np

def cross_entropy(probs, targets):
    # the log of the right digit's probability only: no 0 * log 0
    return float(-np.mean(np.log(np.sum(probs * targets, axis=-1))))
"""


def test_7_3_at_alpha_64_runs_on_with_a_learners_safe_cross_entropy(catalog):
    """'Raise alpha to 64: the run stops, its loss nan at epoch 7' was said flatly, and a learner whose
    passed cross_entropy takes the log of the right digit's probability only saw the run go on to
    the end: the text hedged, the try-this did not."""
    from grok_tui.engine.exercises import check_code

    lesson = catalog.get("7.3")
    assert check_code(lesson.exercise("cross_entropy"), SAFE_CROSS_ENTROPY).passed
    result = run_lesson("7.3", exercise_code={"cross_entropy": SAFE_CROSS_ENTROPY}, alpha=64.0)
    assert result.state is RunState.FINISHED and len(result.steps) == 100, result.detail
    bullet = next(t for t in lesson.try_this if "64" in t)
    assert "nan at epoch 7 (unless your cross_entropy avoids 0 x log 0)" in bullet, bullet


def test_7_4_and_7_5_name_their_loss_by_the_images_it_is_measured_on(catalog):
    """7.4's strip said "loss 0.219" (the test images') and 7.5's "loss 0.02275" (the training
    images'): a learner read the network as ten times better for training longer."""
    charted = {lesson_id: {s for c in catalog.get(lesson_id).charts for s in c.series} for lesson_id in ("7.4", "7.5")}
    assert "test_loss" in charted["7.4"] and "train_loss" in charted["7.5"], charted
    assert not any("loss" in catalog.get(i).show for i in ("7.4", "7.5", "7.6"))


def test_7_4s_first_hint_sends_the_delta_back_as_the_lesson_it_names(catalog):
    """7.4's text said "the same two deltas as lesson 6.5" and its first hint "send it back as in
    lesson 6.4": two lessons for one line. 6.5's learn holds it as the hint says it, with the slope."""
    lesson = catalog.get("7.4")
    text = "\n".join(getattr(block, "text", "") for block in lesson.blocks)
    assert "the same two deltas as lesson 6.5" in " ".join(text.split())
    assert "send it back as in lesson 6.5, through weights_1_2 transposed" in lesson.exercise("backprop").hints[0]
    learn = catalog.get("6.5").exercise("learn").solution.source
    assert "layer_1_delta = (layer_2_delta.dot(weights_1_2.T)\n                     * relu2deriv(layer_1))" in learn


def test_7_5_says_its_backprop_is_the_reference_not_the_learners(catalog):
    """7.5 said its network was "exactly as in lesson 7.4", whose backprop the learner wrote, then
    defined a backprop of its own: the tutor runs a learner's passed code only in its exercise's
    lesson (progress.passed_code by lesson id), and 7.5 has no exercise."""
    lesson = catalog.get("7.5")
    assert not lesson.exercises
    text = " ".join("\n".join(getattr(block, "text", "") for block in lesson.blocks).split())
    assert "with the reference `backprop`: yours computes the same, but the tutor runs your code only in its" in text
    assert "exercise's own lesson, 7.4." in text

"""Chapter 7 (digits): the helpers the panels share, and the lessons' numbers through the engine."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from grok_tui.digits import as_image, classify, confusion_matrix, half_block_cells, held_out, shade_lines
from grok_tui.engine.exercises import check_code
from grok_tui.engine.runner import LessonRun, RunState


def lesson(catalog, lesson_id):
    return next(x for x in catalog.lessons if x.id == lesson_id)


@pytest.fixture(scope="module")
def short_run():
    """Lesson 7.5 trained for 5 epochs: enough to learn, quick enough for every test here."""
    from grok_tui.lesson.catalog import load_catalog
    from tests.conftest import LESSONS

    run = LessonRun(lesson(load_catalog(LESSONS), "7.5"), {"epochs": 5})
    result = run.run_sync()
    assert result.state is RunState.FINISHED, result.detail
    return run


# -- helpers ---------------------------------------------------------------------------------------
def test_shade_lines_draw_ink_darker():
    image = np.zeros((8, 8))
    image[0, 0], image[7, 7] = 16, 8  # raw 0..16 pixels are scaled down
    lines = shade_lines(image)
    assert len(lines) == 8 and all(len(line) == 16 for line in lines)
    assert lines[0][:2] == "██" and lines[7][-2:] == "▒▒" and lines[3] == " " * 16


def test_half_blocks_pair_rows_and_scale():
    image = np.arange(64).reshape(8, 8) / 63
    cells = half_block_cells(image)
    assert len(cells) == 4 and len(cells[0]) == 8
    assert cells[0][0] == (0.0, pytest.approx(8 / 63))  # pixel (0,0) on top of pixel (1,0)
    big = half_block_cells(image, scale=2)
    assert len(big) == 8 and len(big[0]) == 16
    assert big[0][0] == big[0][1] == (0.0, 0.0)  # a pixel becomes 2x2: one cell, two across
    weights = half_block_cells(np.linspace(-1, 1, 64), lo=-1, hi=1)
    assert weights[0][0][0] == 0.0 and weights[3][7][1] == 1.0


def test_as_image_clips_to_unit_range():
    assert as_image(np.full(64, 16)).max() == 1.0
    assert as_image(np.full(64, -3.0)).min() == 0.0


def test_confusion_matrix_counts_pairs():
    counts = confusion_matrix([0, 0, 1, 9], [0, 3, 1, 9])
    assert counts.sum() == 4 and counts[0, 3] == 1 and np.trace(counts) == 3


# -- lessons 7.4 and 7.5: the network, checked, then trained -------------------------------------
def test_the_model_learns_in_a_short_run(short_run):
    accuracy = short_run.recorded("test_accuracy")
    assert len(accuracy) == 5  # one step per epoch, not per batch
    assert accuracy[-1] > 0.85, accuracy  # chance is 0.10
    assert short_run.recorded("train_loss")[-1] < short_run.recorded("train_loss")[0]
    assert set(short_run.steps[0].values) >= {"epoch", "train_loss", "train_accuracy", "test_accuracy"}


@pytest.fixture(scope="module")
def network_run(catalog):
    """Lesson 7.4 (the network and its gradient check) with a 2-epoch training. The test below swaps
    a function inside the lesson's own globals, so the lesson runs in this process (the runner keeps
    lesson code in a child process, where its globals cannot be reached)."""
    from tests.inprocess_runner import LessonRun as InProcessRun

    run = InProcessRun(lesson(catalog, "7.4"), {"epochs": 2})
    assert run.run_sync().state.value == "finished"
    return run


def test_gradient_check_passes_and_catches_a_broken_backprop(network_run):
    ns = network_run.namespace
    assert ns["gradient_error"] < 1e-6
    assert abs(ns["slip_error"] - 19 / 21) < 1e-3  # the slip the lesson shows, measured
    net = ns["new_network"](np.random.default_rng(0))
    x, t = ns["train_images"][:20], ns["train_targets"][:20]
    good = ns["backprop"]

    def forgot_the_batch_mean(layer_0, target, net):  # a classic slip: sum instead of mean
        return [g * len(layer_0) for g in good(layer_0, target, net)]

    ns["backprop"] = forgot_the_batch_mean
    try:
        assert ns["gradient_check"](net, x, t) > 0.5
    finally:
        ns["backprop"] = good
    assert ns["gradient_check"](net, x, t) < 1e-6


def test_confusion_matrix_sums_to_the_test_size(short_run):
    _images, labels, probs = held_out(short_run.namespace)
    counts = confusion_matrix(labels, probs.argmax(axis=1))
    assert counts.sum() == len(labels) == 450
    assert counts.sum(axis=1).tolist() == np.bincount(labels).tolist()
    assert np.trace(counts) / 450 == pytest.approx(short_run.recorded("test_accuracy")[-1])


def test_the_network_classifies_a_drawn_digit(short_run):
    ns = short_run.namespace
    one = np.zeros((8, 8))
    one[:, 3:5] = 1.0  # a thick vertical stroke, like the data's ones
    assert classify(ns["predict"], one).argmax() == 1
    probs = classify(ns["predict"], ns["test_images"][0])
    assert probs.shape == (10,) and probs.sum() == pytest.approx(1.0)


def test_extreme_parameters_do_not_crash(catalog):
    classifier = lesson(catalog, "7.5")
    for values in (
        {"epochs": 1, "hidden_size": 4, "batch_size": 1347},
        {"epochs": 1, "batch_size": 1, "activation": "tanh"},
        {"epochs": 2, "alpha": 10.0},
    ):
        result = LessonRun(classifier, values).run_sync()
        assert result.state in (RunState.FINISHED, RunState.DIVERGED), (values, result.detail)


def test_panels_do_not_import_sklearn_or_the_engine_pulls_textual():
    code = (
        "import sys\n"
        "import grok_tui.digits\n"
        "assert 'textual' not in sys.modules\n"
        "for name in ['confusion_matrix', 'misclassified', 'hidden_weights', 'drawing_pad',"
        " 'digit_gallery']:\n"
        "    __import__('grok_tui.ui.panels.' + name)\n"
        "assert 'sklearn' not in sys.modules, 'a panel imports scikit-learn at import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- the other chapter 7 lessons -------------------------------------------------------------------
def test_meet_the_digits_splits_1347_450(catalog):
    run = LessonRun(lesson(catalog, "7.1"), {"count": 3})
    assert run.run_sync().state is RunState.FINISHED
    ns = run.namespace
    assert (len(ns["train_images"]), len(ns["test_images"])) == (1347, 450)
    assert ns["images"].max() == 1.0 and run.recorded("label") == [0, 1, 2]
    assert run.recorded("image")[0].shape == (8, 8)  # what the gallery panel draws live


@pytest.mark.parametrize("fixes, low, high", [(0, 0.1, 0.1), (4, 0.4, 0.64), (5, 0.9, 1.0)])
def test_first_attempt_improves_fix_by_fix(catalog, fixes, low, high):
    run = LessonRun(lesson(catalog, "7.2"), {"fixes": fixes})
    assert run.run_sync().state is RunState.FINISHED
    assert run.namespace["hidden_outputs"].min() > 0.999999  # the saturated start, shown first
    assert low <= run.recorded("test_accuracy")[-1] <= high
    if fixes == 0:
        assert len(set(run.namespace["guesses"])) == 1  # every test image gets the same answer


def test_first_attempt_with_a_huge_step_is_reported_as_divergence(catalog):
    result = LessonRun(lesson(catalog, "7.2"), {"fixes": 0, "alpha": 1.0}).run_sync()
    assert result.state is RunState.DIVERGED and "error" in result.detail


def test_softmax_lesson_learns_without_a_hidden_layer(catalog):
    run = LessonRun(lesson(catalog, "7.3"))
    assert run.run_sync().state is RunState.FINISHED
    assert run.namespace["gradient_gap"] < 1e-6  # pred - target is the slope of CE through softmax
    p_true = run.recorded("p_true")  # the first test image's probability of its own digit
    assert abs(p_true[0] - 0.1) < 0.05 and p_true[-1] > 0.5
    assert run.recorded("test_accuracy")[-1] > 0.94


def test_overfitting_lesson_shows_the_gap_and_the_books_batch_slip(catalog):
    base = lesson(catalog, "7.6")
    run = LessonRun(base, {"epochs": 60})
    assert run.run_sync().state is RunState.FINISHED
    assert run.recorded("train_accuracy")[-1] == 1.0
    assert run.recorded("test_accuracy")[-1] < 0.95
    slip = LessonRun(base, {"epochs": 20, "batch_update": "in_loop"})
    slip.run_sync()
    assert slip.recorded("test_accuracy")[-1] < 0.5


def test_capstone_backprop_is_judged_by_the_gradient_check_and_trains(catalog):
    network = lesson(catalog, "7.4")
    exercise = network.exercise("backprop")
    assert not check_code(exercise, exercise.stub.source).passed
    assert check_code(exercise, exercise.solution.source).passed
    no_mean = exercise.solution.source.replace("/ len(layer_0)", "")
    verdict = check_code(exercise, no_mean)
    assert not verdict.passed and "gradient check" in verdict.text
    # The lesson trains with the learner's function: a wrong one shows in the run.
    run = LessonRun(network, {"epochs": 2}, exercise_code={"backprop": exercise.stub.source})
    run.run_sync()
    assert run.recorded("test_accuracy")[-1] < 0.2  # zero gradients: the network never learns
    assert run.namespace["gradient_error"] > 0.5


def test_softmax_alpha_64_stops_at_nan_unless_the_loss_is_safe(catalog):
    softmax_lesson = lesson(catalog, "7.3")
    unsafe = LessonRun(softmax_lesson, {"alpha": 64.0}).run_sync()
    assert unsafe.state is RunState.DIVERGED and "loss became nan at step 7" in unsafe.detail
    safe = LessonRun(softmax_lesson, {"alpha": 64.0, "loss_with": "safe_cross_entropy"})
    assert safe.run_sync().state is RunState.FINISHED
    assert safe.recorded("test_accuracy")[-1] > 0.96


def test_dropout_backward_pass_is_exact_and_the_books_is_half(catalog):
    run = LessonRun(lesson(catalog, "7.6"), {"epochs": 1})
    assert run.run_sync().state is RunState.FINISHED
    assert run.namespace["exact_gap"] < 1e-6
    assert abs(run.namespace["book_ratio"] - 0.5) < 1e-6


def test_weights_panel_draws_a_one_layer_models_ten_templates():
    from grok_tui.ui.panels.hidden_weights import Panel

    panel = Panel()
    weights = np.linspace(-1, 1, 640).reshape(64, 10)
    assert panel.load({"weights": weights})  # lesson 7.3: no hidden layer, ten digit columns
    assert panel.templates and panel.border_title == "each digit's weights: its template"
    assert panel.summary() == ["10 digit templates", "digit 0"]
    assert panel.load({"weights_0_1": np.ones((64, 5)), "weights": weights})  # a hidden layer wins
    assert not panel.templates and panel.weights.shape == (64, 5)
    assert not panel.load({"weights": np.ones((3, 1))})  # the streetlights' weights: nothing to draw

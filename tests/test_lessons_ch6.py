"""Chapter 6 (backpropagation) through the engine: the book's numbers, the variants, the exercises."""

from __future__ import annotations

import math

import numpy as np
import pytest

from grok_tui.engine.exercises import check_code
from grok_tui.engine.runner import LessonRun, RunState
from tests.lessons_util import COURSE, series


def run(lesson_id: str, **values):
    lesson = COURSE.get(lesson_id)
    assert lesson is not None, f"lesson {lesson_id} is missing"
    result = LessonRun(lesson, values).run_sync()
    return lesson, result


def test_one_light_converges_and_the_middle_weight_never_moves():
    _, result = run("6.1")
    assert result.state is RunState.FINISHED
    preds = series(result, "prediction")
    assert math.isclose(preds[0], -0.2, rel_tol=1e-9)
    assert math.isclose(preds[-1], -0.002882303761517324, rel_tol=1e-9)
    assert set(series(result, "weight_1")) == {0.48}
    assert "● ○ ●  STOP" in "".join(result.output)


def test_one_light_alpha_above_one_grows_instead_of_settling():
    _, result = run("6.1", alpha=1.5)
    errors = series(result, "error")
    assert errors[-1] > errors[0] > 0


def test_whole_dataset_finds_the_middle_light():
    _, result = run("6.2")
    assert result.state is RunState.FINISHED
    errors = series(result, "error_for_all_lights")
    assert math.isclose(errors[0], 2.6561231104, rel_tol=1e-9)
    assert math.isclose(errors[-1], 0.00053373677328488, rel_tol=1e-9)
    weights = result.final["weights"]
    assert np.allclose(weights, [0.01389, 1.01381, -0.01599], rtol=0, atol=5e-6)
    out = "".join(result.output)
    assert out.count("WALK") >= 3 and "says +0.998" in out


def test_whole_dataset_diverges_with_a_large_alpha():
    _, result = run("6.2", alpha=1.5, iterations=500)
    assert result.state is RunState.DIVERGED
    assert "error_for_all_lights" in result.detail


@pytest.mark.parametrize("activation, low", [("relu", True), ("linear", False)])
def test_hidden_layer_needs_relu(activation, low):
    _, result = run("6.3", activation=activation)
    assert result.state is RunState.FINISHED
    hidden = series(result, "error_hidden")
    assert min(series(result, "error_one_layer")) > 1.0
    assert bool(hidden[-1] < 1e-4) is low, hidden[-1]


def test_one_backprop_iteration_delta_by_delta():
    _, result = run("6.4")
    assert result.state is RunState.FINISHED
    assert math.isclose(series(result, "layer_2_delta")[0].item(), -1.0212955489398121, rel_tol=1e-9)
    delta = series(result, "layer_1_delta")[0]
    assert np.allclose(delta, [[0, 0.16505256553967024, 0]], rtol=1e-9, atol=0)
    assert "ValueError: non-broadcastable" in "".join(result.output)


def test_the_learners_hidden_delta_is_what_the_lesson_runs():
    lesson = COURSE.get("6.4")
    no_mask = ("import numpy as np\n"
               "def hidden_delta(layer_2_delta, weights_1_2, layer_1):\n"
               "    return layer_2_delta.dot(weights_1_2.T)\n")
    result = LessonRun(lesson, exercise_code={"hidden_delta": no_mask}).run_sync()
    delta = series(result, "layer_1_delta")[0]
    assert np.all(delta != 0), delta  # the off nodes now (wrongly) get blame
    assert not check_code(lesson.exercise("hidden_delta"), no_mask).passed


def test_relu2deriv_with_greater_or_equal_fails_its_test():
    lesson = COURSE.get("6.4")
    book_ch8 = "def relu2deriv(output):\n    return output >= 0\n"
    assert not check_code(lesson.exercise("relu2deriv"), book_ch8).passed


def test_backprop_in_code_reproduces_the_books_errors():
    _, result = run("6.5")
    assert result.state is RunState.FINISHED
    book = [0.6342311598444467, 0.35838407676317513, 0.0830183113303298,
            0.006467054957103705, 0.0003292669000750734, 1.5055622665134859e-05]
    assert np.allclose(result.final["errors_every_10"], book, rtol=1e-9, atol=0)
    assert math.isclose(result.final["first_guess"], 0.3919432663396042, rel_tol=1e-9)
    assert "with >= : 1.33657" in "".join(result.output)


@pytest.mark.parametrize("values", [{"alpha": 2.0}, {"hidden_size": 1}, {"alpha": 0.01, "iterations": 500},
                                    {"hidden_size": 16, "seed": 99}])
def test_backprop_in_code_survives_extreme_parameters(values):
    _, result = run("6.5", **values)
    assert result.state in (RunState.FINISHED, RunState.DIVERGED), result.detail
    assert result.failure is None

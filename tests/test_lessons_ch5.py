"""Chapter 5 (multiple weights) through the engine: the book's numbers, the mistakes shown, the exercises."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from grok_tui.engine.exercises import check_code
from grok_tui.engine.runner import LessonRun, RunState
from tests.lessons_util import COURSE, run_lesson, series

CH5 = ["5.1", "5.2", "5.2b", "5.3", "5.4", "5.5"]


run = run_lesson


def test_chapter_5_is_in_course_order():
    ids = [lesson.id for lesson in COURSE.lessons if lesson.chapter == 5]
    assert ids == CH5


def test_one_step_with_three_inputs_and_the_books_name_error():
    result = run("5.1")
    assert result.state is RunState.FINISHED, result.detail
    assert "NameError: name 'weight_deltas' is not defined" in "".join(result.output)
    assert np.allclose(series(result, "weight_delta"), [-1.19, -0.091, -0.168], rtol=1e-9, atol=0)
    assert np.allclose(result.final["weights"], [0.1119, 0.20091, -0.09832], rtol=1e-9, atol=0)
    assert math.isclose(series(result, "pred")[0], 0.86, rel_tol=1e-9)


def test_a_loss_pushes_every_weight_down():
    result = run("5.1", true=0.0)
    assert all(d > 0 for d in series(result, "weight_delta"))
    assert all(w < w0 for w, w0 in zip(result.final["weights"], [0.1, 0.2, -0.1], strict=False))


def test_the_learners_weight_deltas_is_what_the_lesson_runs():
    lesson = COURSE.get("5.1")
    assert lesson.exercise("ele_mul") is None  # the repeated ele_mul exercise is gone
    exercise = lesson.exercise("weight_deltas")
    # A common slip: a delta per weight (its own product against the goal) instead of one shared delta.
    own_delta = (
        "def compute_weight_deltas(input, weights, true):\n"
        "    return [(x * w - true) * x for x, w in zip(input, weights)]\n"
    )
    verdict = check_code(exercise, own_delta)
    assert not verdict.passed and "one delta" in verdict.text
    # the values it failed with are said for the learner (its message quotes the weights), not the
    # test's own names (`kept` once)
    assert "weights=[0.1, 0.2, -0.1]" in verdict.text and "kept" not in verdict.text
    # an answer in numpy prints as the list one does; a generator (no [i]) is refused by name
    numpy_answer = (
        "import numpy as np\n"
        "def compute_weight_deltas(input, weights, true):\n"
        "    return (np.dot(input, weights) - true) * np.array(input)\n"
    )
    assert check_code(exercise, numpy_answer).passed
    assert run("5.1", exercise_code={"weight_deltas": numpy_answer}).output == run("5.1").output
    generator = (
        "def compute_weight_deltas(input, weights, true):\n"
        "    delta = sum(x * w for x, w in zip(input, weights)) - true\n"
        "    return (delta * x for x in input)\n"
    )
    verdict = check_code(exercise, generator)
    assert not verdict.passed and "returned a generator, not a list: ( ... for ... ) makes a generator" in verdict.text
    assert "with got = None" not in verdict.text  # the test's own placeholder, said as if it were the answer
    flipped = (
        "def compute_weight_deltas(input, weights, true):\n"
        "    pred = sum(x * w for x, w in zip(input, weights))\n"
        "    return [(true - pred) * x for x in input]\n"
    )
    result = run("5.1", exercise_code={"weight_deltas": flipped})
    assert series(result, "weight_delta")[0] > 0  # the learner's sign error shows in the run
    out = "".join(run("5.1").output)
    assert "compute_weight_deltas: [-1.19, -0.091, -0.168]" in out
    assert "delta * each input: [-1.19, -0.091, -0.168]" in out


def test_several_steps_reproduce_the_book_then_diverge_with_a_big_alpha():
    result = run("5.2")
    assert np.allclose(series(result, "pred"), [0.86, 0.9637575, 0.9906177228125], rtol=1e-9, atol=0)
    assert np.allclose(series(result, "error"), [0.0196, 0.00131351880625, 8.802712522307997e-05], rtol=1e-9, atol=0)
    assert np.allclose(series(result, "weight_0"), [0.1, 0.1119, 0.1149806125], rtol=1e-9, atol=0)
    diverged = run("5.2", alpha=0.04, iterations=1000)
    assert diverged.state is RunState.DIVERGED, diverged.detail


def test_the_notes_example_shows_the_type_error_and_converges_when_fixed():
    result = run("5.2b")
    assert result.state is RunState.FINISHED, result.detail
    out = "".join(result.output)
    assert "TypeError: unsupported operand type(s) for *: 'builtin_function_or_method'" in out
    assert "shrinks x0.89275 per epoch" in out
    assert math.isclose(series(result, "pred")[1], 10.4982125, rel_tol=1e-9)
    assert math.isclose(result.final["pred"], 69.28715598384899, rel_tol=1e-9)
    assert np.allclose(
        result.final["weights"], [16.36996642980163, 64.47986571920651, 7.147986571920653], rtol=1e-9, atol=0
    )
    assert run("5.2b", alpha=3.2, epochs=2000).state is RunState.DIVERGED


def test_a_frozen_weight_stays_while_its_bowl_comes_to_it():
    result = run("5.3", iterations=24)
    assert result.state is RunState.FINISHED, result.detail
    assert set(series(result, "weight_0")) == {0.1}
    assert series(result, "error")[-1] < 1e-15
    assert abs(series(result, "bottom_k")[-1] - 0.1) < 1e-9 < abs(series(result, "bottom_k")[0] - 0.1)
    assert "<- weight 0" in "".join(result.output)


def test_the_books_alpha_diverges_once_nothing_is_frozen():
    assert run("5.3", frozen=-1, iterations=1000).state is RunState.DIVERGED
    frozen_2 = run("5.3", frozen=2, alpha=0.01, iterations=24)
    assert set(series(frozen_2, "weight_2")) == {-0.1}
    assert frozen_2.state is RunState.FINISHED


def test_multiple_outputs_each_weight_follows_its_own_delta():
    result = run("5.4")
    assert np.allclose(series(result, "weight_deltas")[0], [0.06175, -0.5655, 0.31525], rtol=1e-9, atol=0)
    assert np.allclose(series(result, "weights")[1], [0.293825, 0.25655, 0.868475], rtol=1e-9, atol=0)
    assert run("5.4", alpha=6.4, iterations=1000).state is RunState.DIVERGED


def test_outer_product_update_matches_the_book():
    result = run("5.5")
    assert result.state is RunState.FINISHED, result.detail
    want = [[0.061325, 0.0970425, -0.30546], [0.1017, 0.20013, 0.00024], [-0.073525, 1.2943775, 0.08962]]
    assert np.allclose(series(result, "weights")[1], want, rtol=1e-9, atol=0)
    assert series(result, "error_sum")[-1] < 1e-10
    assert "ValueError: operands could not be broadcast together with shapes (2,3) (3,2)" in "".join(result.output)


def test_the_printed_books_order_stalls():
    result = run("5.5", order="input,delta", iterations=64)
    errors = series(result, "error_sum")
    assert 0.63 < errors[-1] < 0.64 and abs(errors[-1] - errors[-2]) < 1e-12
    weights = series(result, "weights")
    assert np.abs(weights[-1] - weights[-2]).max() > 1e-3  # still sliding


def test_outer_prod_exercise_rejects_the_transpose():
    exercise = COURSE.get("5.5").exercise("outer_prod")
    transposed = "import numpy as np\ndef outer_prod(a, b):\n    return np.outer(b, a)\n"
    assert not check_code(exercise, transposed).passed
    assert check_code(exercise, "import numpy as np\ndef outer_prod(a, b):\n    return np.outer(a, b)\n").passed


def test_an_outer_prod_of_lists_passes_and_the_lesson_runs_it():
    # A learner wrote it the book's way, as nested lists: "Passed!", then the lesson's
    # `.shape` crashed. Whatever the tests accept, the lesson must run to the same output.
    lists = "def outer_prod(a, b):\n    return [[a[i] * b[j] for j in range(len(b))] for i in range(len(a))]\n"
    exercise = COURSE.get("5.5").exercise("outer_prod")
    assert check_code(exercise, lists).passed
    theirs = LessonRun(COURSE.get("5.5"), {}, exercise_code={"outer_prod": lists}, run_checks=True).run_sync()
    assert theirs.state is RunState.FINISHED, theirs.detail
    assert theirs.output == run("5.5").output
    # np.matrix passed too, and its m[i][j] failed in the loop: refused by name now
    matrix = "import numpy as np\ndef outer_prod(a, b):\n    return np.matrix(np.outer(a, b))\n"
    verdict = check_code(exercise, matrix)
    assert not verdict.passed and "np.matrix" in verdict.text


def _extremes():
    for lesson_id in CH5:
        for param in COURSE.get(lesson_id).params:
            if param.kind == "choice":
                continue
            for value in (param.min, param.max):
                yield pytest.param(lesson_id, {param.name: value}, id=f"{lesson_id}-{param.name}={value}")
    yield pytest.param("5.5", {"alpha": 1.0, "iterations": 1000, "order": "input,delta"}, id="5.5-all-max")


@pytest.mark.parametrize("lesson_id, values", list(_extremes()))
def test_extreme_parameters_never_crash(lesson_id, values):
    result = run(lesson_id, **values)
    assert result.failure is None, result.detail
    assert result.state in (RunState.FINISHED, RunState.DIVERGED), result.detail


def test_toes_in_tens_let_one_alpha_suit_every_weight():
    raw = run("5.2", alpha=0.32, iterations=8)
    errors = series(raw, "error")
    assert errors[-1] > errors[0] * 1e10  # raw toes: alpha 0.32 explodes
    scaled = run("5.2", alpha=0.32, iterations=8, toes_unit="tens of toes")
    errors = series(scaled, "error")
    assert all(round(e0 / e1) == 33 for e0, e1 in itertools.pairwise(errors))
    assert "tens of toes alpha 0.32  factor   0.1728" in "".join(scaled.output)


def test_freezing_a_small_input_leaves_the_toes_alpha_too_big():
    errors = series(run("5.3", frozen=1), "error")
    assert errors[-1] > 100 * errors[0]


def test_5_2b_is_titled_for_what_it_teaches():
    assert COURSE.get("5.2b").title.startswith("input is not inputs")


def test_5_1s_strip_shows_the_weights_moving():
    """At 80 columns the strip said "input_i 1.2  weight_delta -0.168  delta -0.14" and the weights,
    last in `show`, never made it onto the line (a trial)."""
    assert COURSE.get("5.1").strip[:2] == ("i", "weights")

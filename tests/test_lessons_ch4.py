"""Chapter 4 (gradient descent) through the engine: the book's numbers, the weaknesses the lessons
show by their parameters, the mistakes they print, and the learner's exercise code in the run."""

from __future__ import annotations

import math
import re

import pytest

from grok_tui.engine.exercises import check_code
from grok_tui.engine.runner import RunState
from tests.lessons_util import COURSE, run_lesson, series

CH4 = ["4.1", "4.2", "4.3", "4.3b", "4.4", "4.5"]


run = run_lesson


def close(got, want):
    return len(got) == len(want) and all(math.isclose(g, w, rel_tol=1e-9) for g, w in zip(got, want, strict=False))


def test_chapter_4_is_in_course_order():
    assert [lesson.id for lesson in COURSE.lessons if lesson.chapter == 4] == CH4
    assert {lesson.chapter_title for lesson in COURSE.lessons if lesson.chapter == 4} == {"Gradient descent"}


def test_4_1_measures_the_books_error_and_sweeps_a_u():
    result = run("4.1")
    assert result.state is RunState.FINISHED, result.detail
    assert math.isclose(result.final["error"], 0.30250000000000005, rel_tol=1e-9)
    sweep = series(result, "trial_error")
    assert len(sweep) == 17 and all(e >= 0 for e in sweep)
    assert math.isclose(series(result, "trial_weight")[sweep.index(min(sweep))], 1.6, rel_tol=1e-9)
    assert "TypeError: unsupported operand type(s) for ^: 'float' and 'int'" in "".join(result.output)
    # Another goal moves the bottom of the U: 0.5 * weight = 0.2 at weight 0.4.
    moved = run("4.1", goal_pred=0.2)
    sweep = series(moved, "trial_error")
    assert math.isclose(series(moved, "trial_weight")[sweep.index(min(sweep))], 0.4, rel_tol=1e-9)


def test_4_2_hot_and_cold_reproduces_the_book():
    result = run("4.2")
    assert result.state is RunState.FINISHED, result.detail
    errors, preds = series(result, "error"), series(result, "pred")
    assert len(preds) == 1101
    assert close(errors[:2], [0.3025, 0.30195025]) and close(preds[:2], [0.25, 0.2505])
    assert math.isclose(errors[-1], 1.0799505792475652e-27, rel_tol=1e-9)
    assert math.isclose(preds[-1], 0.7999999999999672, rel_tol=1e-9)
    # The one-step toes example prints its three errors under its cell (not in the run's values).
    printed = [line.split() for line in "".join(result.output).splitlines()[:3]]
    assert [words[0] for words in printed] == ["now", "up", "down"]
    assert close([float(words[1]) for words in printed], [0.0225, 0.004225, 0.055225])
    assert not {"e_now", "e_up", "e_dn"} & set(result.final)


def test_4_2_a_big_step_never_lands_and_a_tiny_one_is_too_slow():
    big = run("4.2", step_amount=0.316228, iterations=60)
    preds = series(big, "pred")
    assert min(abs(p - 0.8) for p in preds) > 0.07
    assert math.isclose(preds[-1], preds[-3], rel_tol=1e-9) and not math.isclose(preds[-1], preds[-2])
    slow = run("4.2", step_amount=0.0001)
    assert series(slow, "pred")[-1] < 0.31


def test_4_2_the_learners_hot_cold_step_is_checked():
    exercise = COURSE.get("4.2").exercise("hot_cold_step")
    always_up = "def hot_cold_step(weight, input, goal_pred, step_amount):\n    return weight + step_amount\n"
    verdict = check_code(exercise, always_up)
    assert not verdict.passed and "1.9" in verdict.text  # the case whose prediction is too high


def test_4_3_direction_and_amount_and_the_books_other_runs():
    result = run("4.3")
    errors, preds = series(result, "error"), series(result, "pred")
    assert close(errors[:3], [0.3025, 0.17015625, 0.095712890625])
    assert close(preds[:3], [0.25, 0.3875, 0.490625])
    assert math.isclose(errors[19], 5.408208020258491e-06, rel_tol=1e-9)
    assert math.isclose(preds[19], 0.7976744445781151, rel_tol=1e-9)
    assert math.isclose(toes_weight(result), 0.11275, rel_tol=1e-9)

    reducing = run("4.3", weight=0.0, iterations=4)
    assert close(series(reducing, "error"), [0.64, 0.36, 0.2025, 0.11390625])
    assert close(series(reducing, "pred"), [0.0, 0.2, 0.35, 0.4625])

    toes = run("4.3", weight=0.1, input=8.5, goal_pred=1.0, alpha=0.01, iterations=1)
    assert close([series(toes, n)[0] for n in ("pred", "delta", "weight_delta")], [0.85, -0.15, -1.275])
    assert math.isclose(toes.final["weight"], 0.11275, rel_tol=1e-9)


def toes_weight(result) -> float:
    """The side example's new weight as 4.3 prints it (the values table keeps to the run's own)."""
    found = re.search(r"toes new weight: (\S+)", "".join(result.output))
    assert found, result.output
    return float(found.group(1))


def test_4_3_negative_input_reverses_the_step():
    result = run("4.3", input=-0.5)
    weights, preds = series(result, "weight"), series(result, "pred")
    assert weights[-1] < weights[0] and abs(preds[-1] - 0.8) < 0.01


def test_4_3_runs_the_learners_gd_step_and_rejects_a_wrong_sign():
    exercise = COURSE.get("4.3").exercise("gd_step")
    uphill = (
        "def gd_step(weight, input, goal_pred, alpha):\n"
        "    return weight + alpha * (input * weight - goal_pred) * input\n"
    )
    assert not check_code(exercise, uphill).passed
    result = run("4.3", exercise_code={"gd_step": uphill})
    assert math.isclose(toes_weight(result), 0.1 - 0.01 * 1.275, rel_tol=1e-9)


def test_4_4_several_steps_match_the_book_and_print_each_value():
    result = run("4.4")
    assert close(series(result, "weight"), [0.0, 0.88, 0.6952, 0.734008])
    assert close(series(result, "error"), [0.64, 0.028224, 0.0012446784, 5.489031744e-05])
    assert close(series(result, "pred"), [0.0, 0.968, 0.76472, 0.8074088])
    out = "".join(result.output)
    assert out.count("-- iteration") == 4 and "too low" in out and "too high" in out
    # "Each iteration prints 8 lines" (the text's account of the box's 20-line window)
    head = out.split("wrong sign")[0].splitlines()
    assert len(head) == 8 * 4 and head[8] == "-- iteration 2 --", head
    assert max(len(line) for line in out.splitlines()) <= 32, "printed lines must fit the 80x24 output pane"
    # a name and its value never run together, however small the value ("w_delta0.00814968")
    tiny = "".join(run("4.4", weight=0.4, iterations=12).output)
    named = [
        line for line in tiny.splitlines() if line.split(" ")[0] in ("weight", "pred", "error", "delta", "w_delta")
    ]
    assert len(named) >= 60 and all(" " in line[:9] for line in named), named


@pytest.mark.parametrize(("inp", "settles"), [(0.9, True), (1.1, True), (1.5, False)])
def test_4_4_input_above_root_2_stops_settling(inp, settles):
    errors = series(run("4.4", input=inp, iterations=40), "error")
    assert (errors[-1] < errors[0]) is settles


def test_4_3_alpha_is_taught_by_its_factor_and_the_notes_alpha_is_slow():
    result = run("4.3")
    out = "".join(result.output)
    assert "input 8.5  alpha 1.0   factor -71.2500  diverges" in out
    assert "input 8.5  alpha 0.01  factor   0.2775  converges" in out
    slow = run("4.3", alpha=0.01)
    assert round(series(slow, "pred")[-1], 3) == 0.276


def test_4_3b_the_slope_is_measured_by_nudging_and_drawn_as_a_tangent():
    from grok_tui.engine.run_reading import spark_name

    lesson = COURSE.get("4.3b")
    # the strip's sparkline is the U's: "error 0.9025" beside at_error read as the error at the weight
    assert spark_name(lesson) == "trial_error"
    assert [chart.x for chart in lesson.charts] == ["weight"]
    result = run("4.3b")
    out = "".join(result.output)
    assert "per unit of weight -0.525000" in out and "per unit of weight -0.550000" in out
    assert math.isclose(result.final["slope_here"], -0.55, rel_tol=1e-9)
    weights, errors, tangents = (series(result, n) for n in ("weight", "trial_error", "tangent"))
    assert len(weights) == len(errors) == 41 and all(t <= e + 1e-12 for e, t in zip(errors, tangents, strict=False))
    flat = run("4.3b", at_weight=1.6)
    assert abs(flat.final["slope_here"]) < 1e-12
    assert max(series(flat, "tangent")) < 1e-12  # the tangent at the bottom lies flat on 0


def test_4_3b_slope_exercise_rejects_the_halved_slope():
    exercise = COURSE.get("4.3b").exercise("slope")
    halved = "def slope(weight, input, goal_pred):\n    return input * (input * weight - goal_pred)\n"
    verdict = check_code(exercise, halved)
    assert not verdict.passed and "should be about" in verdict.text


def test_4_5_breaks_then_alpha_fixes_and_the_factor_explains_it():
    broken = run("4.5")
    assert close(series(broken, "pred")[:4], [1.0, 0.2, 2.6, -4.6])
    assert math.isclose(series(broken, "error")[19], 5.403406870691965e16, rel_tol=1e-9)
    assert broken.final["factor"] == -3.0
    out = "".join(broken.output)
    assert "alpha 0.25      factor   0.000   pred at step 20: 0.8" in out
    assert "alpha 0.5       factor  -1.000   pred at step 20: 0.6" in out
    fixed = run("4.5", alpha=0.1)
    assert math.isclose(series(fixed, "pred")[19], 0.8000121871948003, rel_tol=1e-9)
    slow = run("4.5", alpha=0.01)
    assert round(series(slow, "pred")[-1], 2) == 0.89
    assert run("4.5", iterations=2000).state is RunState.DIVERGED
    # the lesson's "too big for a float" before step 100 at alpha 10, and the table not printed
    far = run("4.5", alpha=10.0, iterations=2000)
    assert far.state is RunState.DIVERGED and "too big for a float" in far.detail, far.detail
    assert 90 <= len(far.steps) < 100 and "pred at step 20" not in "".join(far.output)
    # "set iterations to 100 or more to see it ... those 98 steps": a diverged run skips the check
    # cells, so its outcome is pinned here
    hundred = run("4.5", alpha=10.0, iterations=100)
    assert hundred.state is RunState.DIVERGED and "after step 98" in hundred.detail, hundred.detail
    assert len(hundred.steps) == 98 and "pred at step 20" not in "".join(hundred.output)
    assert COURSE.get("4.5").exercise("slope") is None


@pytest.mark.parametrize(
    ("lesson_id", "params"),
    [
        ("4.1", {"weight": -1.0, "input": 2.0}),
        ("4.2", {"step_amount": 1.0, "iterations": 5000}),
        ("4.2", {"step_amount": 0.0001, "iterations": 1}),
        ("4.3", {"alpha": 0.001, "iterations": 2000}),
        ("4.3", {"input": 10.0}),
        ("4.4", {"input": -1.5, "iterations": 40}),
        ("4.5", {"alpha": 10.0, "input": 5.0}),
        ("4.5", {"alpha": 0.001, "input": -5.0}),
        ("4.3b", {"at_weight": -0.5, "input": -2.0}),
        ("4.3b", {"at_weight": 3.0, "input": 0.0}),
    ],
)
def test_extreme_parameters_never_fail(lesson_id, params):
    assert run(lesson_id, **params).state in (RunState.FINISHED, RunState.DIVERGED)


def test_4_3_lists_the_runs_own_values_before_its_side_examples():
    """At 80x24 the values pane shows its first rows and the text view's strip the first values: the
    side examples (set only at the end) came first, and hid pred and error once the run ended."""
    lesson = COURSE.get("4.3")
    first_step = run_lesson("4.3").steps[0].values
    live = [name for name in lesson.show if name not in lesson.defaults]
    assert all(name in first_step for name in live[:5]), live[:5]  # recorded from the first step on
    assert live[:4] == ["iteration", "pred", "error", "delta"]


def test_4_4_prints_8_lines_an_iteration():
    """4.4's text: "Each iteration prints 8 lines" (its box keeps the first 8 and the last 12 by it).
    A check cell cannot read what the run printed; the run's output can."""
    for iterations in (4, 20):
        lines = "".join(run_lesson("4.4", iterations=iterations).output).splitlines()
        starts = [i for i, line in enumerate(lines) if line.startswith("-- iteration ")]
        assert len(starts) == iterations, starts
        blocks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
        assert all(len(block[:8]) == 8 and block[7].startswith("new w") for block in blocks), blocks[0]
        assert all(len(block) == 8 for block in blocks[:-1]), [len(b) for b in blocks]

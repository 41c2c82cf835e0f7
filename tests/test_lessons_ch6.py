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
    no_mask = (
        "import numpy as np\n"
        "def hidden_delta(layer_2_delta, weights_1_2, layer_1):\n"
        "    return layer_2_delta.dot(weights_1_2.T)\n"
    )
    result = LessonRun(lesson, exercise_code={"hidden_delta": no_mask}).run_sync()
    delta = series(result, "layer_1_delta")[0]
    assert np.all(delta != 0), delta  # the off nodes now (wrongly) get blame
    assert not check_code(lesson.exercise("hidden_delta"), no_mask).passed


def test_hidden_delta_with_star_for_the_dot_product_fails_with_two_outputs():
    """`layer_2_delta * weights_1_2.T * (layer_1 > 0)` passed: with one output, `*` and `.dot` give the
    same numbers, and every case had one output; chapter 7 has ten."""
    star = (
        "import numpy as np\n"
        "def hidden_delta(layer_2_delta, weights_1_2, layer_1):\n"
        "    return layer_2_delta * weights_1_2.T * (layer_1 > 0)\n"
    )
    verdict = check_code(COURSE.get("6.4").exercise("hidden_delta"), star)
    assert not verdict.passed
    assert "`*` multiplies element by element; sending the deltas back through the weights is a dot product" in (
        verdict.text
    ), verdict.text
    # without the .T, `*` spreads the column of weights against the row: said at the shape too
    grid = star.replace("layer_2_delta * weights_1_2.T", "(layer_2_delta * weights_1_2)")
    said = check_code(COURSE.get("6.4").exercise("hidden_delta"), grid).text
    assert "has shape (3, 3), expected (1, 3): each hidden node's blame came out as a column, shape" in said, said
    # the dot taken the other way round gives that column too: "`*` multiplies" was said to a learner
    # who had used no `*` for it (a trial)
    turned = star.replace("layer_2_delta * weights_1_2.T", "weights_1_2.dot(layer_2_delta)")
    said = check_code(COURSE.get("6.4").exercise("hidden_delta"), turned).text
    assert "layer_1_delta must be a row, like layer_1: one column per node" in said, said


@pytest.mark.parametrize(
    ("lesson_id", "name", "code", "refusal"),
    [
        (
            "6.3",
            "relu",
            "import numpy as np\ndef relu(x):\n    return np.where(x > 0, x, 0).tolist()\n",
            "returned a list",
        ),
        (
            "6.4",
            "hidden_delta",
            "def hidden_delta(d2, w, l1):\n    return (d2.dot(w.T) * (l1 > 0)).tolist()\n",
            "returned a list",
        ),
        (
            "6.4",
            "hidden_delta",
            "import numpy as np\ndef hidden_delta(d2, w, l1):\n    return (d2.dot(w.T) * (l1 > 0)).astype(np.float32)\n",
            "float32",
        ),
    ],
)
def test_answers_the_lesson_cannot_run_are_refused_by_name(lesson_id, name, code, refusal):
    # Each passed its tests before, then crashed the lesson (a list has no .dot) or failed its
    # checks (float32 loses the digits the checks compare).
    verdict = check_code(COURSE.get(lesson_id).exercise(name), code)
    assert not verdict.passed and refusal in verdict.text, verdict.text


@pytest.mark.parametrize(
    ("lesson_id", "name", "code"),
    [
        ("6.3", "relu", "import numpy as np\ndef relu(x):\n    return np.maximum(x, 0)\n"),
        ("6.4", "relu2deriv", "import numpy as np\ndef relu2deriv(output):\n    return (output > 0).astype(int)\n"),
        ("6.4", "relu2deriv", "def relu2deriv(output):\n    return (output > 0).tolist()\n"),
        (
            "6.4",
            "hidden_delta",
            "import numpy as np\ndef hidden_delta(d2, w, l1):\n    return np.where(l1 > 0, d2 @ w.T, 0)\n",
        ),
    ],
)
def test_other_right_answers_run_the_lesson_the_same(lesson_id, name, code):
    lesson = COURSE.get(lesson_id)
    assert check_code(lesson.exercise(name), code).passed
    theirs = LessonRun(lesson, exercise_code={name: code}, run_checks=True).run_sync()
    assert theirs.state is RunState.FINISHED, theirs.detail
    assert theirs.output == LessonRun(lesson).run_sync().output


def test_6_2_printout_starts_with_the_lights_drawn():
    # The text: "press `s` once: the cell prints the six lights under it".
    _, result = run("6.2")
    lines = "".join(result.output).splitlines()
    assert lines[:6] == [
        "● ○ ●  STOP",
        "○ ● ●  WALK",
        "○ ○ ●  STOP",
        "● ● ●  WALK",
        "○ ● ●  WALK",
        "● ○ ●  STOP",
    ]


def test_relu2deriv_with_greater_or_equal_fails_its_test():
    lesson = COURSE.get("6.4")
    book_ch8 = "def relu2deriv(output):\n    return output >= 0\n"
    assert not check_code(lesson.exercise("relu2deriv"), book_ch8).passed


def test_backprop_in_code_reproduces_the_books_errors():
    _, result = run("6.5")
    assert result.state is RunState.FINISHED
    book = [
        0.6342311598444467,
        0.35838407676317513,
        0.0830183113303298,
        0.006467054957103705,
        0.0003292669000750734,
        1.5055622665134859e-05,
    ]
    assert np.allclose(result.final["errors_every_10"], book, rtol=1e-9, atol=0)
    assert math.isclose(result.final["first_guess"], 0.3919432663396042, rel_tol=1e-9)
    assert "with >= : 1.33657" in "".join(result.output)


@pytest.mark.parametrize(
    "values", [{"alpha": 2.0}, {"hidden_size": 1}, {"alpha": 0.01, "iterations": 500}, {"hidden_size": 16, "seed": 99}]
)
def test_backprop_in_code_survives_extreme_parameters(values):
    _, result = run("6.5", **values)
    assert result.state in (RunState.FINISHED, RunState.DIVERGED), result.detail
    assert result.failure is None


@pytest.mark.parametrize("update, updates", [("per light", 240), ("every 2", 120), ("every 3", 80), ("per pass", 40)])
def test_whole_dataset_updates_per_light_per_batch_or_per_pass(update, updates):
    _, result = run("6.2", update=update)
    assert result.state is RunState.FINISHED
    assert series(result, "updates")[-1] == updates
    errors = series(result, "error_for_all_lights")
    if update == "per light":  # the book's numbers, untouched by the new parameter
        assert math.isclose(errors[0], 2.6561231104, rel_tol=1e-9)
        assert math.isclose(errors[-1], 0.00053373677328488, rel_tol=1e-9)
    else:
        assert errors[-1] > 0.00053373677328488  # fewer, averaged steps at the same alpha


def test_full_gradient_descent_with_six_times_alpha_matches_stochastic():
    _, full = run("6.2", update="per pass", alpha=0.6)
    assert abs(full.final["weights"][1] - 1) < 0.02
    assert series(full, "error_for_all_lights")[-1] < 0.001


def test_pressure_table_is_the_books_and_all_inverted_lamps_cannot_learn():
    lesson, result = run("6.2b")
    assert result.state is RunState.FINISHED
    out = "".join(result.output)
    assert "1 0 1" in out and "sum" in out
    run_ = LessonRun(lesson)
    run_.run_sync()
    signs = np.sign(run_.namespace["first_pressure"]).tolist()
    assert signs == [[-1, 0, -1], [0, 1, 1], [0, 0, -1], [1, 1, 1], [0, 1, 1], [-1, 0, -1]]
    _, inverted = run("6.2b", encoding="all inverted")
    assert series(inverted, "error_for_all_lights")[-1] > 1.5
    _, answer = run("6.2b", encoding="answer inverted")
    assert series(answer, "error_for_all_lights")[-1] < 0.005


def test_the_four_lines_of_backprop_exercise():
    lesson = COURSE.get("6.5")
    exercise = lesson.exercise("learn")
    assert not check_code(exercise, exercise.stub.source).passed
    assert check_code(exercise, exercise.solution.source).passed
    hidden_delta = (
        "    layer_1_delta = (layer_2_delta.dot(weights_1_2.T)\n                     * relu2deriv(layer_1))\n"
    )
    update = "    weights_1_2 -= alpha * layer_1.T.dot(layer_2_delta)\n"
    updated_too_soon = exercise.solution.source.replace(hidden_delta + update, update + hidden_delta)
    assert updated_too_soon != exercise.solution.source
    verdict = check_code(exercise, updated_too_soon)
    assert not verdict.passed and "used weights_1_2 after its update: compute both deltas before" in verdict.text
    # The lesson trains with the learner's function: the stub learns nothing.
    result = LessonRun(lesson, exercise_code={"learn": exercise.stub.source}).run_sync()
    errors = series(result, "layer_2_error")
    assert errors[0] == errors[-1]


def test_hidden_layer_builds_features_one_layer_can_fit():
    lesson = COURSE.get("6.6")
    run_ = LessonRun(lesson)
    assert run_.run_sync().state is RunState.FINISHED
    assert math.isclose(run_.namespace["on_lamps"], 1.0, rel_tol=1e-9)
    assert run_.namespace["on_features"] < 1e-4


def test_sigmoid_lesson_draws_the_curve_and_the_bias_fixes_inverted_lamps():
    lesson = COURSE.get("6.7")
    run_ = LessonRun(lesson, {"curve": "tanh"})
    assert run_.run_sync().state is RunState.FINISHED
    slopes = run_.recorded("slope")
    assert max(slopes) == slopes[len(slopes) // 2] == 1.0
    assert run_.namespace["bias_error"] < 0.01 and run_.namespace["copies"]


def test_backprop_in_code_records_the_network_every_iteration_so_its_diagram_moves():
    """The network panel draws what each step records: 6.5 recorded no layers, so its diagram stood
    still until the run ended. Every step now carries the layers and the weights as they are then."""
    _, result = run("6.5")
    steps = result.steps
    names = {"layer_0", "layer_1", "layer_2", "weights_0_1", "weights_1_2"}
    assert all(names <= set(s.values) for s in steps)
    first, last = np.asarray(steps[0].values["weights_1_2"]), np.asarray(steps[-1].values["weights_1_2"])
    assert first.shape == last.shape == (4, 1) and not np.allclose(first, last)
    assert np.allclose(steps[-1].values["layer_0"], [[1, 1, 1]])  # the last light of the data set


def _prose_with(lesson_id: str, words: str, before: int = 0) -> str:
    """The paragraph of a lesson's prose that holds `words` (with the `before` paragraphs above it),
    joined into one line."""
    lesson = COURSE.get(lesson_id)
    paragraphs = [" ".join(par.split()) for p in lesson.prose for par in p.text.split("\n\n")]
    at = next((i for i, par in enumerate(paragraphs) if words in par), None)
    assert at is not None, f"{lesson_id}: no paragraph says {words!r}"
    return " ".join(paragraphs[max(0, at - before) : at + 1])


def test_the_hidden_features_named_in_6_6_are_said_to_be_the_books_run_only():
    """A trial at hidden_size 16 read "With the book's seed: ... nodes 0 and 2 never fire" above a
    table where they fired: the claims hold for the book's run (seed 1, 4 nodes, 60 passes), the
    one its check cell pins, and the prose must say that run, not the seed alone."""
    lesson = COURSE.get("6.6")
    said = _prose_with("6.6", "never fire", before=1)  # the list, and the line that leads into it
    claims = said[: said.index("never fire")]
    assert "seed 1" in claims and "four hidden nodes" in claims and "60 passes" in claims, claims
    defaults = lesson.defaults
    assert (defaults["seed"], defaults["hidden_size"], defaults["iterations"]) == (1, 4, 60)
    check = next(c.source for c in lesson.cells if c.role == "check")
    assert "if seed == 1 and hidden_size == 4 and iterations == 60:" in check


def test_6_6_node_table_fits_the_reading_column_at_every_hidden_size():
    """At hidden_size 16 the table of a column per node was 125 columns wide, and at 100 columns
    each row wrapped onto two lines: a line per node keeps it narrow at any size."""
    lesson = COURSE.get("6.6")
    for size in (1, 4, 16):
        result = LessonRun(lesson, {"hidden_size": size}).run_sync()
        assert result.state is RunState.FINISHED
        lines = "".join(result.output).splitlines()
        table = [line for line in lines if line.startswith(("lamps ", "goal ", "node "))]
        assert len(table) == size + 2, lines
        assert max(map(len, table)) <= 60, table


def test_6_6b_counts_the_weights_each_lesson_drew():
    """6.6b said 6.3 to 6.5 drew twelve and four weights; 6.4 has three hidden nodes: nine and three."""
    words = {3: "three", 4: "four", 9: "nine", 12: "twelve"}
    said = _prose_with("6.6b", "filled the network panel")
    for lesson_id in ("6.3", "6.4", "6.5"):
        hidden = COURSE.get(lesson_id).defaults["hidden_size"]
        assert lesson_id in said, said
        assert words[hidden] in said and words[3 * hidden] in said, (lesson_id, hidden, said)


def test_6_4_status_line_counts_repeats_as_its_chart_and_prose_do():
    """The status line said "error stuck at 1 from step 9" while the chart and the text counted
    repeats ("exactly 1 at repeat 3"): it now counts along the chart's x, as the prose quotes it."""
    from grok_tui.engine.run_reading import worst_growth
    from grok_tui.engine.session import LessonSession

    session = LessonSession(COURSE.get("6.4"), speed=0)
    session.start()
    assert session.run is not None and session.run.join(timeout=60)
    said = worst_growth(session.error_names, session.poll().series, session.x_of)[0]
    assert said == "error stuck at 1 from repeat 3", said
    text = _prose_with("6.4", "exactly 1 at repeat 3", before=0)
    # the "from repeat 3" only where the status line has room (80 columns say "error stuck at 1")
    assert 'The status line says so too: "error stuck at 1", and where it has room, "from repeat 3"' in text, text

"""Chapters 2 and 3 (introduction, forward propagation) through the engine: the book's numbers, what
each parameter changes, the mistakes the lessons show, and the exercises' behaviour."""

from __future__ import annotations

import math

import numpy as np
import pytest

from grok_tui.engine.exercises import check_code
from grok_tui.engine.runner import LessonRun, RunState
from tests.lessons_util import COURSE, series

MY_LESSONS = ("2.1", "3.1", "3.2", "3.3", "3.3b", "3.4", "3.5", "3.6", "3.7", "3.8")


def run(lesson_id: str, exercise_code: dict[str, str] | None = None, **values):
    lesson = COURSE.get(lesson_id)
    assert lesson is not None, f"lesson {lesson_id} is missing"
    result = LessonRun(lesson, values, exercise_code=exercise_code).run_sync()
    assert result.failure is None, result.detail
    assert result.state is RunState.FINISHED, result.detail
    return result


def output(result) -> str:
    return "".join(result.output)


def test_introduction_chapter_is_listed_with_its_title():
    lesson = COURSE.get("2.1")
    assert lesson.chapter == 2 and lesson.chapter_title == "Introduction"


def test_lookup_grows_while_weights_stay_fixed_and_toes_alone_clash():
    result = run("2.1")
    # Each distinct input kept: its key (1 number) and two counts.
    assert series(result, "lookup_size") == [3, 6, 9, 12, 12, 12, 12, 12, 12, 12, 12, 12]
    assert set(series(result, "weights_size")) == {1}
    assert series(result, "lookup_right")[-1] == 5
    assert series(result, "weights_right")[-1] == 7
    # Toes alone: after game 1 the weights call every game a win (the majority guess).
    assert all(p > 0.5 for p in series(result, "weights_pred")[1:])
    text = output(result)
    assert "input (9.5,): results [1, 1, 0, 1]" in text
    assert "best any model could score on these 12 games: 10/12" in text


def test_more_information_removes_the_clash_and_weights_generalise():
    result = run("2.1", inputs="toes+fans")
    assert series(result, "lookup_size")[-1] == 28  # 7 inputs x (2-number key + 2 counts): > 2 x 12 games
    assert set(series(result, "weights_size")) == {2}
    assert series(result, "lookup_pred")[8] == 0.5  # game 9 is new to the table...
    assert series(result, "weights_pred")[8] < 0.5  # ...the weights already call it a loss
    assert series(result, "weights_right")[-1] == 11
    assert "no two games with the same input" in output(result)
    assert "games new to the table: [2, 3, 4, 6, 9, 10]" in output(result)
    assert "the weights called:     ['win', 'loss', 'win', 'loss', 'loss', 'win']" in output(result)


def test_numbers_kept_chart_puts_one_number_on_its_own_line():
    """On a linear 0..12 axis the weights model's 1 was drawn on the row labelled 0: the chart
    said the model keeps nothing. A log axis has a tick at 1 (log10 1 = 0) labelled "1"."""
    from grok_tui.ui.widgets.chart_parts import log_axis

    chart = next(c for c in COURSE.get("2.1").charts if c.title == "numbers kept")
    assert chart.log and chart.series == ("lookup_size", "weights_size")
    for most in (12, 28):  # toes, toes+fans
        assert (0.0, "1") in log_axis(0.0, math.log10(most), 5).ticks


def test_the_readers_notebook_is_introduced_once_and_its_wrong_definitions_corrected():
    body = " ".join(COURSE.get("2.1").path.read_text().split())
    assert body.count("This course follows a reader") == 1
    assert "intersection" in body and "**subset**" in body
    assert "parameters as needed" in body and "*non*-parametric" in body


def test_one_weight_reproduces_the_book_and_shows_the_list_mistake():
    result = run("3.1")
    assert math.isclose(series(result, "pred")[0], 0.8500000000000001, rel_tol=1e-9)
    assert "TypeError: can't multiply sequence by non-int of type 'float'" in output(result)
    assert series(run("3.1", weight=0.0), "pred") == [0.0] * 4
    text = output(result)
    assert "SyntaxError: expected ':'" in text  # def neural_net(input), compiled safely
    assert "IndentationError: expected an indented block" in text


def test_one_weights_bars_fit_the_text_pane_at_the_params_top():
    """At weight 0.5 each bar was 40 blocks and a ▸, and the line wrapped in the 72-column text
    pane. At the param's top the longest bar is 30 blocks, and each game line, with the output
    box's two-column edge, fits in 72 columns."""
    weight = next(p for p in COURSE.get("3.1").params if p.name == "weight")
    lines = [line for line in output(run("3.1", weight=weight.max)).splitlines() if "toes x" in line]
    assert len(lines) == 4
    assert max(line.count("█") for line in lines) == 30, lines
    assert all(2 + len(line) <= 72 for line in lines), lines
    assert lines[0] == "game 1:  8.5 toes x 1.0 =  8.500 " + "█" * 25 + "▌"  # the numbers as before
    # the bars start in one column: game 3's 10.000 pushed its bar a column right of the others'
    assert len({line.index("█") for line in lines}) == 1, lines


def test_weighted_sum_book_number_and_what_a_zero_weight_means():
    result = run("3.2")
    assert math.isclose(series(result, "pred")[0], 0.9800000000000001, rel_tol=1e-9)
    assert series(result, "nfans_part") == [0.0] * 4
    fans = run("3.2", weight_2=0.5)
    assert series(fans, "toes_part") == series(result, "toes_part")
    assert math.isclose(series(fans, "pred")[0], 0.98 + 0.6, rel_tol=1e-9)
    no_toes = run("3.2", weight_0=0.0)
    assert math.isclose(series(no_toes, "pred")[0], 0.13, rel_tol=1e-9)
    text = output(result)
    assert "map" not in COURSE.get("3.2").path.read_text()  # the false claim about the book is gone
    assert "book_w_sum: AssertionError (no message; lengths 2 and 3)" in text and "zip_sum, no error: 0.98" in text
    # the book's bare assert prints no message: the lesson's line says so, and is marked as a demo's error
    from grok_tui.engine.demo_errors import expected_error

    assert expected_error("book_w_sum: AssertionError (no message; lengths 2 and 3)") == "AssertionError"


def test_dot_product_similarity_and_the_template():
    result = run("3.3b")
    text = output(result)
    for line in ("w_sum(a, b) = 0", "w_sum(b, c) = 1", "w_sum(c, c) = 2", "w_sum(d, d) = 0.5", "w_sum(c, e) = 0"):
        assert line in text
    scores = series(result, "score")
    assert scores.count(2) == 4 and max(scores) == 2  # the template cannot tell four pictures apart
    strict = series(run("3.3b", off_weight=-1.0), "score")
    assert strict.count(max(strict)) == 1 and strict.index(2) == 0b1001
    assert "best match: ██|██ with 3" in output(run("3.3b", off_weight=0.5))


def test_numpy_primer_seeds_make_random_numbers_repeat():
    text = output(run("3.8"))
    assert "seed 1:  0.417 0.7203 0.0001144 | 0.417 0.7203 0.0001144" in text  # not "0." for 0.000114


def test_the_learners_w_sum_is_what_the_network_runs():
    doubled = "def w_sum(a, b):\n    return 2 * sum(x * y for x, y in zip(a, b))\n"
    result = run("3.2", exercise_code={"w_sum": doubled})
    assert math.isclose(series(result, "pred")[0], 1.96, rel_tol=1e-9)


def test_vector_math_dot_product_and_the_shown_mistakes():
    result = run("3.3")
    assert series(result, "product") == [4, -6, 5]
    assert series(result, "running_sum")[-1] == 3
    text = output(result)
    assert "NameError: name 'elementwise_multiplication' is not defined" in text
    assert "TypeError: object of type 'float' has no len()" in text
    # "the NameError quoted above, then a TypeError, each marked 'expected error, on purpose'"
    from grok_tui.engine.demo_errors import expected_error

    marked = [expected_error(line) for line in text.splitlines() if expected_error(line)]
    assert marked == ["NameError", "TypeError"], marked
    assert "numpy: np.dot(a, b)      = 3.0" in text
    right_angle = run("3.3", b_2=-0.4)
    assert abs(series(right_angle, "running_sum")[-1]) < 1e-12


def test_numpy_dot_equals_the_hand_written_weighted_sum_game_by_game():
    for weights in ({}, {"weight_0": -0.35, "weight_1": 0.9, "weight_2": 0.45}):
        by_hand = series(run("3.2", **weights), "pred")
        by_numpy = series(run("3.4", **weights), "pred")
        assert np.allclose(by_hand, by_numpy, rtol=1e-12, atol=0), (by_hand, by_numpy)
    assert "AttributeError: 'tuple' object has no attribute 'dot'" in output(run("3.4"))


def test_multiple_outputs_are_separate():
    result = run("3.5")
    assert np.allclose(series(result, "pred")[0], [0.195, 0.13, 0.5850000000000001], rtol=1e-9, atol=0)
    sadder = run("3.5", sad_weight=1.5)
    assert series(sadder, "hurt") == series(result, "hurt")
    assert series(sadder, "win") == series(result, "win")
    assert series(sadder, "sad") != series(result, "sad")
    assert "[[1, 2, 1, 2, 1, 2], [1, 2]]" in output(result)  # list * int repeats, silently


def test_weight_matrix_book_number_and_the_square_only_book_function():
    result = run("3.6")
    assert np.allclose(series(result, "pred")[0], [0.555, 0.98, 0.965], rtol=1e-9, atol=0)
    assert "book version: AssertionError (no message; 3 inputs, 2 rows)" in output(result)
    # marked as the other lessons' caught errors are (it printed "AssertionError (" and was not)
    from grok_tui.engine.demo_errors import expected_error

    caught = [line for line in output(result).splitlines() if line.startswith("book version")]
    assert [expected_error(line) for line in caught] == ["AssertionError"], caught
    quiet = run("3.6", w_sad_wlrec=0.0)
    assert math.isclose(series(quiet, "sad")[0], 0.12, rel_tol=1e-9)
    assert series(quiet, "hurt") == series(result, "hurt")


def test_hidden_layer_book_numbers_and_the_column_convention():
    rows = run("3.7")
    assert np.allclose(series(rows, "hid")[0], [0.86, 0.295, 1.23], rtol=1e-9, atol=0)
    assert np.allclose(series(rows, "pred")[0], [0.2135, 0.145, 0.5065], rtol=1e-9, atol=0)
    cols = run("3.7", convention="columns")
    assert np.allclose(series(cols, "pred")[0], [0.496, 1.256, -0.286], rtol=1e-9, atol=0)
    assert "first attempt:   [ 0.047  1.256 -0.286]" in output(rows)


def test_hidden_layer_printout_labels_say_the_way_not_the_books_weights():
    """After w_hid1_fans changed, lines labelled "(book)" showed numbers that were not the book's."""
    text = output(run("3.7", w_hid1_fans=1.5))
    assert "book" not in text
    assert "rows, by hand:   [1.0054999999999998, 0.289, 1.4424999999999997]" in text
    assert "numpy with .T:   [1.0055 0.289  1.4425]" in text
    lines = output(run("3.7")).splitlines()
    assert "rows, by hand:   [0.21350000000000002, 0.14500000000000002, 0.5065]" in lines
    assert all(2 + len(line) <= 72 for line in lines if line.startswith(("rows", "numpy", "columns", "first")))


@pytest.mark.parametrize("e_cols, a_times_e", [(5, "ValueError"), (4, "(2, 4)"), (1, "(2, 4)")])
def test_numpy_primer_broadcasting_follows_e_cols(e_cols, a_times_e):
    result = run("3.8", e_cols=e_cols)
    results = dict(zip(series(result, "op"), series(result, "result"), strict=False))
    assert results["a * e"] == a_times_e
    assert results["a * c"] == "(2, 4)"
    if e_cols == 5:
        assert "operands could not be broadcast together with shapes (4,) (2,5)" in output(result)


def test_numpy_primer_dot_error_message_and_its_fix():
    result = run("3.8")
    results = dict(zip(series(result, "op"), series(result, "result"), strict=False))
    assert results["h.dot(i)"] == "ValueError" and results["h.T.dot(i)"] == "(4, 6)"
    assert "shapes (5,4) and (5,6) not aligned: 4 (dim 1) != 5 (dim 0)" in output(result)
    aligned = run("3.8", i_rows=4)
    assert dict(zip(series(aligned, "op"), series(aligned, "result"), strict=False))["h.dot(i)"] == "(5, 6)"


def _extremes():
    for lesson_id in MY_LESSONS:
        for p in COURSE.get(lesson_id).params:
            values = list(p.choices) if p.kind == "choice" else [p.min, p.max]
            for v in values:
                yield pytest.param(lesson_id, p.name, v, id=f"{lesson_id}-{p.name}={v}")


@pytest.mark.parametrize("lesson_id, name, value", list(_extremes()))
def test_every_parameter_extreme_runs_to_the_end(lesson_id, name, value):
    result = run(lesson_id, **{name: value})
    assert result.steps, "no step was recorded"


@pytest.mark.parametrize(
    "lesson_id, name, code",
    [
        ("3.2", "w_sum", "def w_sum(a, b):\n    return [x * y for x, y in zip(a, b)]\n"),
        ("3.3", "ele_mul", "def ele_mul(a, b):\n    return [a[0] * x for x in b]\n"),
        ("3.3", "dot", "def dot(a, b):\n    return sum(a) * sum(b)\n"),
        # The book's own version refuses a matrix that is not square.
        (
            "3.6",
            "vect_mat_mul",
            "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n"
            "def vect_mat_mul(vect, matrix):\n    assert len(vect) == len(matrix)\n"
            "    output = [0, 0, 0]\n    for i in range(len(vect)):\n"
            "        output[i] = w_sum(vect, matrix[i])\n    return output\n",
        ),
    ],
)
def test_plausible_wrong_answers_fail_their_exercise(lesson_id, name, code):
    verdict = check_code(COURSE.get(lesson_id).exercise(name), code)
    assert not verdict.passed, verdict.text


def test_a_different_correct_vect_mat_mul_passes():
    code = (
        "import numpy as np\n"
        "def vect_mat_mul(vect, matrix):\n"
        "    return list(np.array(matrix, dtype=float).dot(vect))\n"
    )
    verdict = check_code(COURSE.get("3.6").exercise("vect_mat_mul"), code)
    assert verdict.passed, verdict.text


def test_vect_mat_mul_returning_the_matrix_is_named_not_a_crash_of_the_test():
    """The test's close() met a row where a number was due: "The test raised TypeError: must be real
    number, not list", with the test's own x and y, names the learner never wrote."""
    exercise = COURSE.get("3.6").exercise("vect_mat_mul")
    code = exercise.stub.source.replace("    return [0] * len(matrix)", "    return matrix")
    verdict = check_code(exercise, code)
    assert verdict.headline == "Not yet: a test failed.", verdict.text
    assert "one number per row, got a list of lists: the matrix itself." in verdict.text


def test_numpy_only_answers_pass_and_the_lessons_still_run_on_them():
    # Learners may skip the helpers the stubs give (w_sum, vect_mat_mul): the lesson must not need them.
    mat = (
        "import numpy as np\n"
        "def vect_mat_mul(vect, matrix):\n"
        "    return list(np.array(matrix, dtype=float).dot(vect))\n"
    )
    net = (
        "import numpy as np\n"
        "def neural_network(input, weights):\n"
        "    hid = np.array(weights[0], dtype=float).dot(input)\n"
        "    return list(hid), list(np.array(weights[1], dtype=float).dot(hid))\n"
    )
    for lesson_id, name, code, key, want in [
        ("3.6", "vect_mat_mul", mat, "pred", [0.555, 0.98, 0.965]),
        ("3.7", "neural_network", net, "pred", [0.2135, 0.145, 0.5065]),
    ]:
        lesson = COURSE.get(lesson_id)
        assert check_code(lesson.exercise(name), code).passed
        result = LessonRun(lesson, exercise_code={name: code}, run_checks=True).run_sync()
        assert result.state is RunState.FINISHED, result.detail
        assert np.allclose(series(result, key)[0], want, rtol=1e-9, atol=0)
        # what the lesson prints of them is plain numbers: 3.6 printed "[np.float64(0.98), ...]"
        assert "np.float64" not in output(result), output(result)
    assert "row by row:   [0.98, 0.965]" in output(run("3.6", exercise_code={"vect_mat_mul": mat}))


def test_the_two_layer_network_stub_fails_with_a_helpful_message():
    exercise = COURSE.get("3.7").exercise("neural_network")
    verdict = check_code(exercise, exercise.stub.source)
    assert not verdict.passed
    assert "want [0.86, 0.295, 1.23]" in verdict.text


def test_chapters_2_to_5_name_no_notes_and_keep_repository_numbers_to_footnotes():
    import re

    for lesson in COURSE.lessons:
        if not 2 <= lesson.chapter <= 5:
            continue
        text = lesson.path.read_text()
        assert "the notes" not in text.lower(), f"{lesson.id}: say 'a common first attempt'"
        prose = text.split("+++")[2]
        numbered = [line for line in prose.splitlines() if re.search(r"#\d", line)]
        assert all(line.startswith("¹") for line in numbered), (lesson.id, numbered)


def test_a_w_sum_without_the_length_check_the_lesson_says_to_keep_fails():
    exercise = next(e for e in COURSE.get("3.2").exercises if e.name == "w_sum")
    verdict = check_code(exercise, "def w_sum(a, b):\n    return sum(x * y for x, y in zip(a, b))\n")
    assert not verdict.passed and "should fail its length check, but returned 0.98" in verdict.text


def test_the_second_layer_fed_the_input_is_named():
    """3.7 with `pred = vect_mat_mul(input, weights[1])`: a bare want/got, where 3.6's slips are
    named."""
    exercise = COURSE.get("3.7").exercise("neural_network")
    slip = exercise.solution.source.replace("vect_mat_mul(hid, weights[1])", "vect_mat_mul(input, weights[1])")
    verdict = check_code(exercise, slip)
    assert not verdict.passed
    assert verdict.details[0].endswith(
        "that is the input through weights[1]; the second layer takes hid, the hidden layer's values "
        "(predictions on predictions)"
    ), verdict.details[0]


def test_vect_mat_mul_by_columns_is_named_as_3_7_names_it():
    """3.6's vect_mat_mul as np.dot(vect, matrix) got a bare "got [np.float64(0.915...), ...]"; 3.7
    named the same slip (each COLUMN) in plain numbers."""

    exercise = COURSE.get("3.6").exercise("vect_mat_mul")
    said = check_code(
        exercise, "import numpy as np\ndef vect_mat_mul(vect, matrix):\n    return np.dot(vect, matrix)\n"
    )
    assert "got [0.915, 2.54, -2.43]: that is vect times each COLUMN of the matrix" in said.text, said.text
    assert "np.float64" not in said.text

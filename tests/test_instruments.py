"""The instruments' computations, without Textual: metadata parsing, the network's model and its text,
error landscapes, predictions, quizzes and the answers saved with progress."""

from __future__ import annotations

import itertools
import json
import math
import time
from pathlib import Path

import numpy as np
import pytest
from rich.console import Console

from grok_tui.answers import answer_streak, load_answers, record_answer
from grok_tui.engine.runner import LessonRun
from grok_tui.instruments import landscape as land
from grok_tui.instruments.checks import check_instruments, check_quiz
from grok_tui.instruments.landscape_text import draw_1d, draw_2d
from grok_tui.instruments.network import edge_mark, picture, strength
from grok_tui.instruments.network_text import draw, short
from grok_tui.instruments.predict import Tally, Verdict, params_change, question_text, read_number, why_text
from grok_tui.instruments.quiz import parse_quiz
from grok_tui.instruments.refs import resolve
from grok_tui.lesson.model import Prediction
from grok_tui.lesson.parse import parse_lesson

HEAD = '+++\nid = "9.1"\nchapter = 9\ntitle = "t"\n'
BODY = "+++\n\n```python train\nfor i in range(3):\n    step(i=i, w=0.5 - i * 0.1, error=(2 * (0.5 - i * 0.1) - 0.8) ** 2)\n```\n"


def lesson_from(tmp_path: Path, meta: str, body: str = BODY):
    path = tmp_path / "9.1-t.md"
    path.write_text(HEAD + meta + body, encoding="utf-8")
    return parse_lesson(path)


def plain(text) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(text)
    return console.export_text()


# -- metadata ------------------------------------------------------------------------------------
def test_instruments_parse_and_bring_their_panels(tmp_path):
    lesson, problems = lesson_from(
        tmp_path,
        """
[network]
layers = ["a", "b"]
weights = ["w"]
[landscape]
error = "(2 * x - 0.8) ** 2"
axes = ["x = w"]
recorded = "error"
[[predict]]
step = 2
value = "w"
tolerance = 0.01
""",
    )
    assert not problems
    assert lesson.network.layers == ("a", "b") and lesson.landscape.axes[0].value == "w"
    assert lesson.predictions[0].step == 2 and lesson.predictions[0].question
    assert lesson.panels == ("network", "landscape", "predict")


@pytest.mark.parametrize(
    "meta, line, words",
    [
        ('[network]\nlayers = ["a", "b"]\nweights = ["w", "v"]\n', 5, "one matrix between each pair"),
        ('[network]\nlayers = ["a", "b c"]\nweights = ["w"]\n', 5, "not a variable name"),
        ('[landscape]\nerror = "(x -"\naxes = ["x = w"]\n', 5, "not a Python expression"),
        ('[landscape]\nerror = "x"\naxes = ["x", "y", "z"]\n', 5, "one or two"),
        ('\n[[predict]]\nstep = 1\nvalue = "w"\ntolerance = 0.1\n', 6, "2 or more"),
        ('[[predict]]\nstep = 2\nvalue = "w"\ntolerance = -1\n', 5, "tolerance"),
    ],
)
def test_bad_instrument_metadata_is_reported_at_its_line(tmp_path, meta, line, words):
    lesson, problems = lesson_from(tmp_path, meta)
    assert lesson is None
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]


# -- network ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def run_64(catalog):
    run = LessonRun(catalog.get("6.4"), {})
    run.run_sync()
    return catalog.get("6.4"), run


def test_network_of_64_stage_by_stage(run_64):
    lesson, run = run_64
    values: dict = {}
    for step in run.steps[:4]:
        values.update(step.values)
    pic = picture(lesson.network, values, run.steps[3].values)
    sizes = [layer.size for layer in pic.layers]
    assert sizes == [3, 3, 1]
    hidden = pic.layers[1]
    # The book's numbers: only the middle hidden node is on; relu switched the others off.
    assert hidden.off.tolist() == [True, False, True]
    assert np.allclose(hidden.deltas, [0, 0.16505256553967024, 0])
    assert hidden.delta_lit and not hidden.lit
    assert pic.stage == "4 backprop: layer_1_delta"
    assert pic.links[0].weights.shape == (3, 3) and pic.links[1].weights.shape == (3, 1)
    assert pic.links[0].deltas is None  # weight deltas come at stage 5


def test_network_text_shows_values_marks_and_legend(run_64):
    lesson, run = run_64
    values: dict = {}
    for step in run.steps[:5]:
        values.update(step.values)
    text = plain(draw(picture(lesson.network, values, run.steps[4].values), 78))
    lines = text.splitlines()
    assert lines[0] == "computing: 5 weight deltas"
    assert "weights_0_1" in lines[1] and "→2" in lines[2]
    assert "1 ● +.132" in text and "✕ 0" in text and "δ +.165" in text and "Δ -.135" in text
    assert "━ +  ╍ −" in text
    assert max(len(line) for line in lines) <= 78


def test_a_lab_view_at_80_or_120_columns_shows_the_weights_of_65(catalog):
    # 6.5's 3-4-1 network: the full form needs 84 columns; the lab view's panel has 76 (80x24) or
    # 72 (120x40): the weights' numbers still show, without the nodes' numbers.
    lesson = catalog.get("6.5")
    run = LessonRun(lesson, {})
    run.run_sync()
    pic = picture(lesson.network, run.namespace)
    weights = np.asarray(run.namespace["weights_1_2"], dtype=float)
    for width in (76, 72):
        lines = plain(draw(pic, width)).splitlines()
        text = "\n".join(lines)
        assert all(short(w) in text for w in weights.reshape(-1)), text
        assert "0 ●" not in text and "lamps" in lines[0] and "walk?" in lines[0] and "weights…" in lines[0]
        assert max(len(line) for line in lines) <= width
    assert "━" in plain(draw(pic, 50)) and short(weights[1, 0]) not in plain(draw(pic, 50))  # marks only


def test_network_too_narrow_says_the_gist(run_64):
    lesson, run = run_64
    pic = picture(lesson.network, run.namespace)
    text = plain(draw(pic, 20))
    # After the repeats the book's seed has killed the only live node: every hidden node is off.
    assert "hidden: 0 0 0" in text and "z: zoom" in text
    assert pic.layers[1].off.all()


def test_ch3_matrices_stored_as_rows_of_outputs_are_turned(catalog):
    lesson = catalog.get("3.6")
    run = LessonRun(lesson, {})
    run.run_sync()
    pic = picture(lesson.network, run.namespace)
    weights = np.asarray(run.namespace["weights"], dtype=float)
    # weights[output][input] in the book; the diagram's matrix is [input][output].
    assert np.array_equal(pic.links[0].weights, weights.T)


def test_edge_marks_differ_by_glyph_and_length():
    assert edge_mark(0.9, 1.0) == "━━━" and edge_mark(-0.9, 1.0) == "╍╍╍"
    assert edge_mark(0.3, 1.0) == "━━ " and edge_mark(-0.1, 1.0) == "╍  "
    assert edge_mark(0.0, 1.0) == " · "
    assert [strength(w, 1.0) for w in (0, 0.1, 0.3, 0.7)] == [0, 1, 2, 3]


def test_short_numbers_fit_five_columns():
    cases = {0: "0", 1: "+1.00", -0.1317: "-.132", 12.34: "-12.3"[0:0] + "+12.3", 4e-5: "+4e-5", 1e9: "+1e9"}
    for value, want in cases.items():
        assert short(value) == want
        assert len(short(value)) <= 5


def test_resolve_indexes():
    values = {"weights": [[1, 2], [3, 4]], "x": 5}
    assert resolve("weights[1][0]", values) == 3 and resolve("x", values) == 5
    assert resolve("weights[5]", values) is None and resolve("nope", values) is None


# -- landscapes --------------------------------------------------------------------------------
def test_landscape_of_45_is_the_recorded_error_and_zigzags(catalog):
    lesson = catalog.get("4.5")
    run = LessonRun(lesson, {})
    run.run_sync()
    assert check_instruments(lesson, run, "defaults") == []
    names: dict = {}
    path = []
    for step in run.steps[:6]:
        names.update(step.values)
        ctx = land.context(lesson.landscape, run.values, names)
        path.append(land.point(lesson.landscape, ctx)[0])
    # alpha 1, input 2: each step triples the distance to the best weight 0.4, on alternate sides.
    sides = [math.copysign(1, w - 0.4) for w in path[1:]]
    assert all(a != b for a, b in itertools.pairwise(sides))


def test_a_wrong_landscape_expression_is_caught_by_check(tmp_path):
    lesson, _ = lesson_from(
        tmp_path, '[landscape]\nerror = "(3 * x - 0.8) ** 2"\naxes = ["x = w"]\nrecorded = "error"\n'
    )
    run = LessonRun(lesson, {})
    run.run_sync()
    problems = check_instruments(lesson, run, "defaults")
    assert len(problems) == 1 and "not the lesson's error" in problems[0].message and problems[0].line == 5


def test_ranges_are_centred_on_the_bottom_and_follow_a_runaway():
    lesson, _ = parse_lesson(
        Path("x.md"), HEAD + '[landscape]\nerror = "(2 * w - 0.8) ** 2"\naxes = ["w = w"]\n' + BODY
    )
    ((lo, hi),) = land.fit_ranges(lesson.landscape, {}, [(0.5,), (0.3,)])
    assert math.isclose((lo + hi) / 2, 0.4, abs_tol=0.02) and lo < 0.3 and hi > 0.5
    runaway = [(0.4 + 0.1 * (-3) ** k,) for k in range(12)]
    ((lo, hi),) = land.fit_ranges(lesson.landscape, {}, runaway)
    assert hi - lo < 3 * (max(p[0] for p in runaway[-6:]) - min(p[0] for p in runaway[-6:]))


def test_grids_are_cached_by_what_they_depend_on(catalog):
    spec = catalog.get("5.3").landscape
    cache = land.GridCache()
    names = {"weights": [0.1, 0.2, -0.1], "iteration": 1}
    ranges = [(-0.1, 0.3), (0.0, 0.4)]
    first = cache.get(spec, names, ranges, 20, 8)
    assert first.z.shape == (8, 20)
    cache.get(spec, {**names, "iteration": 2}, ranges, 20, 8)  # a name the error does not read
    assert cache.misses == 1
    cache.get(spec, {**names, "weights": [0.1, 0.2, 0.0]}, ranges, 20, 8)  # weight 2 moved: the bowl slides
    assert cache.misses == 2


def test_landscape_pictures(catalog):
    spec = catalog.get("5.3").landscape
    names = land.context(spec, {}, {"weights": [0.1, 0.2, -0.1]})
    surface = land.surface(spec, names, [(-0.1, 0.3), (0.0, 0.4)], 30, 8)
    text = plain(draw_2d(surface, [(0.1, 0.05), (0.1, 0.3)], 30, 12, ("w0", "w1"))).splitlines()
    assert text[0].startswith("↑ w1") and len(text) == 11
    assert "1" in "".join(text[1:9]) and "◆" in "".join(text[1:9])
    spec = catalog.get("4.5").landscape
    u = land.surface(spec, land.context(spec, {"input": 2}, {}), [(0.0, 0.8)], 40)
    drawn = plain(draw_1d(u, [(0.7, 0.36), (0.2, 0.16)], 20, 8, "weight"))
    assert "1" in drawn and "◆" in drawn and "weight →" in drawn


# -- predictions and quizzes ------------------------------------------------------------------------
def test_reading_numbers_and_verdicts():
    assert [read_number(t) for t in ("0.5", " -.25 ", "1e-3", "−0.3", "1,5", "x", "")] == [
        0.5,
        -0.25,
        0.001,
        -0.3,
        1.5,
        None,
        None,
    ]
    right, wrong = Verdict(0.97, 0.968, 0.01), Verdict(0.5, 0.968, 0.01)
    assert right.right and not wrong.right
    assert "0.468 too low" in wrong.sentence()
    tally = Tally()
    tally.add(right)
    tally.add(wrong)
    assert str(tally) == "1/2 right"


def test_a_run_waits_before_a_predicted_step_even_at_full_speed(tmp_path):
    from grok_tui.engine.runner import RunState

    lesson, problems = lesson_from(tmp_path, "")
    assert not problems
    run = LessonRun(lesson, {}, speed=0)
    run.pause_before(2)
    run.start()
    deadline = time.monotonic() + 20
    while run.state is not RunState.PAUSED and time.monotonic() < deadline:
        run.join(0.01)
    assert run.state is RunState.PAUSED and len(run.steps) == 1  # step 2 not computed
    run.resume()
    assert run.join(20) and run.state is RunState.FINISHED and len(run.steps) == 3
    with pytest.raises(RuntimeError):
        run.pause_before(3)


def test_a_question_for_other_parameters_quotes_the_run_not_the_lesson():
    q = Prediction(2, "weight_delta", "The weight became 0.775. What will weight_delta be?", 0.01, "0.775 * ...")
    assert params_change({"alpha": 1.0, "input": 0.5}, {"alpha": 0.1, "input": 0.5}) == "alpha = 0.1"
    assert question_text(q, "", {}) == q.question and why_text(q, "", {}) == q.why
    asked = question_text(q, "alpha = 0.1", {"weight": 0.5, "w": np.array([0.1, 0.2]), "name": "x"})
    assert "0.775" not in asked and "What will weight_delta be at step 2?" in asked
    assert "At step 1 this run has weight = 0.5, w = [0.1, 0.2]." in asked
    why = why_text(q, "alpha = 0.1", {"weight_delta": -0.268125})
    assert "0.775" not in why and "with alpha = 0.1, this run at step 2 has weight_delta = -0.268125" in why


def test_the_course_quizzes_agree_with_the_lessons(catalog):
    assert sorted(catalog.quizzes) == [4, 5, 6]
    for quiz in catalog.quizzes.values():
        assert 3 <= len(quiz.questions) <= 6
        assert check_quiz(quiz, catalog) == []
    # The chapter's last lesson offers the quiz.
    assert "quiz" in catalog.get("4.5").panels and "quiz" not in catalog.get("4.4").panels


def test_a_quiz_answer_the_run_contradicts_is_an_error(tmp_path, catalog):
    path = tmp_path / "quiz.toml"
    questions = "".join(f'[[questions]]\ntext = "q{i}"\nanswer = 1.0\n' for i in range(2))
    path.write_text(
        "chapter = 4\n" + questions + '[[questions]]\ntext = "first weight_delta?"\nanswer = -0.3\n'
        'tolerance = 0.001\n[questions.verify]\nlesson = "4.3"\nvalue = "weight_delta[0]"\n'
    )
    quiz, problems = parse_quiz(path)
    assert not problems
    found = check_quiz(quiz, catalog)
    assert len(found) == 1 and found[0].line == 8 and "-0.275" in found[0].message


def test_quiz_questions_check_typed_answers(tmp_path):
    path = tmp_path / "quiz.toml"
    path.write_text(
        'chapter = 4\n[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "down"\n'
        '[[questions]]\ntext = "b"\nanswer = 0.6\ntolerance = 0.01\n'
        '[[questions]]\ntext = "c"\nanswer = 2\n'
    )
    quiz, _problems = parse_quiz(path)
    choice, number, _ = quiz.questions
    assert choice.check("2") is True and choice.check("UP") is False and choice.check("sideways") is None
    assert number.check("0.605") is True and number.check("0.7") is False and number.check("zero") is None


def test_bad_quiz_files_are_reported(tmp_path):
    path = tmp_path / "quiz.toml"
    path.write_text('chapter = 4\n[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "left"\n')
    quiz, problems = parse_quiz(path)
    assert quiz is None and "3 to 6" in problems[0].message
    path.write_text(
        "chapter = 4\n"
        + '[[questions]]\ntext = "a"\nanswer = 1\n' * 2
        + '[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "left"\n'
    )
    quiz, problems = parse_quiz(path)
    assert quiz is None and problems[0].line == 8 and "not one of the choices" in problems[0].message


def test_answers_are_saved_atomically_and_a_damaged_file_is_set_aside(tmp_path):
    record_answer(tmp_path, "quiz/4/1", "-0.275", True)
    record_answer(tmp_path, "quiz/4/2", "converge", False)
    data = record_answer(tmp_path, "quiz/4/2", "diverge", True)
    assert data["latest"]["quiz/4/2"] == {"given": "diverge", "right": True, "tries": 2}
    assert answer_streak(data, "quiz/4/") == 1
    assert json.loads((tmp_path / "answers.json").read_text()) == data
    assert not list(tmp_path.glob(".answers.json.*"))  # no temp file left behind
    (tmp_path / "answers.json").write_text("{ not json")
    assert load_answers(tmp_path) == {"latest": {}, "history": []}
    assert list(tmp_path.glob("answers.json.damaged-*"))


def test_progress_reports_quizzes_and_predictions(private_data_dir, capsys):
    from grok_tui.cli import main

    record_answer(private_data_dir, "quiz/4/1", "-0.275", True)
    record_answer(private_data_dir, "quiz/4/3", "converge", False)
    record_answer(private_data_dir, "predict/4.4/2/pred", "0.968", True)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "Chapter 4 quiz: 1/5 right; missed 3; streak 0" in out
    assert "Chapter 5 quiz: not taken yet (4 questions)" in out
    assert "Predictions: 1/1 right" in out
    assert main(["progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quizzes"][0] == {"chapter": 4, "questions": 5, "answered": 2, "right": 1, "missed": [3], "streak": 0}


def test_experiments_table_outcomes_and_sorting():
    from grok_tui.instruments.experiments import Table

    table = Table("error")
    a = table.start({"alpha": 1.0, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    for step, error in enumerate([0.04, 0.36, 3.24], start=1):
        a.see(step, error)
    a.state = "finished"
    b = table.start({"alpha": 0.1, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    for step, error in enumerate([0.04, 0.01, 1e-9], start=1):
        b.see(step, error)
    b.state = "finished"
    c = table.start({"alpha": 10.0, "iterations": 20}, {"alpha": 1.0, "iterations": 20})
    c.see(1, 0.04)
    c.see(2, float("inf"))
    c.state = "diverged"
    assert [r.outcome() for r in table.rows] == ["growing (3 steps)", "converged by step 3", "diverged at step 2"]
    assert [r.label() for r in table.rows] == ["defaults", "alpha=0.1", "alpha=10"]
    table.sort = "final"
    assert [r.number for r in table.ordered()] == [2, 1, 3]


def test_playground_xor_needs_the_hidden_layer():
    from grok_tui.instruments.playground import Dataset, learned, train

    xor = Dataset.preset("XOR-like")
    result = train(xor)
    goals = [row[3] for row in xor.rows]
    assert all(learned(p, g) for p, g in zip(result.hidden, goals, strict=False))
    assert not all(learned(p, g) for p, g in zip(result.one_layer, goals, strict=False))
    # Each WALK row has a hidden node of its own that is on only for it.
    walk_rows = [i for i, g in enumerate(goals) if g]
    on = [set(np.nonzero(result.activations[i] > 0.1)[0]) for i in walk_rows]
    assert on[0] and on[1] and not on[0] & on[1]
    book = Dataset()
    assert book.correlation()[1] == pytest.approx(1.0) and book.correlation()[2] is None
    both = train(book)
    assert all(learned(p, r[3]) for p, r in zip(both.one_layer, book.rows, strict=False))


def test_playground_editing():
    from grok_tui.instruments.playground import MAX_ROWS, Dataset

    data = Dataset.preset("AND")
    data.toggle(0, 3)
    assert data.rows[0] == [0, 0, 1, 1]
    assert data.add(0) == 1 and data.rows[1] == [0, 0, 1, 1] and len(data.rows) == 5
    data.remove(1)
    assert len(data.rows) == 4
    for _ in range(10):
        data.add(0)
    assert len(data.rows) == MAX_ROWS

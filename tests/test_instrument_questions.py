"""Predictions and quizzes without Textual: reading answers, verdicts, the course's questions
against its lessons, and the answers saved beside progress."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from grok_tui.answers import answer_streak, load_answers, record_answer
from grok_tui.engine.runner import LessonRun
from grok_tui.instruments.checks import check_quiz
from grok_tui.instruments.predict import (
    Tally,
    Verdict,
    number_problem,
    params_change,
    question_text,
    read_number,
    why_text,
)
from grok_tui.instruments.quiz import parse_quiz
from grok_tui.lesson.model import Prediction
from tests.instruments_util import lesson_from


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
    # 1e999 is inf: it was taken, and the reveal said "you said inf, which is inf too high"
    assert read_number("1e999") is None and read_number("-1e999") is None and read_number("1e300") == 1e300
    # a learner's "none" for "how much do their weights change?" and "1/4" for a share were refused
    assert [read_number(t) for t in ("none", "Zero", "1/4", "-3 / 2", "1/0", "1/x")] == [
        0.0,
        0.0,
        0.25,
        -1.5,
        None,
        None,
    ]
    assert (number_problem("1e999"), number_problem("abc")) == ("too big for a float", "type a number, e.g. -0.25")
    # 1,018 (6.4's error, written with a decimal comma) or one thousand and eighteen? Asked, not
    # guessed; a comma no thousands separator could be (0,018, 1,5, 10,25) stays a decimal comma.
    assert (
        read_number("1,018") is None and number_problem(" 1,018") == "is 1,018 1018 or 1.018? Type it without the comma"
    )
    assert [read_number(t) for t in ("0,018", "10,25", "-1,5")] == [0.018, 10.25, -1.5]
    right, wrong = Verdict(0.97, 0.968, 0.01), Verdict(0.5, 0.968, 0.01)
    assert right.right and not wrong.right
    assert "you said 0.5, which is 0.468 too low" in wrong.sentence()  # not "0.5, 0.468": two numbers
    assert "sign" not in wrong.sentence()
    # 6.4's 1.0213 for -1.0213 read "2.043 too high", as if far off: the size was right
    flipped = Verdict(1.0213, -1.02129, 0.001).sentence()
    assert "which is 2.04259 too high" in flipped and flipped.endswith("The size is right, the sign is not.")
    # the difference with the digits both numbers show: 4.3's "0.2062 too low" was checked by hand
    assert "you said -0.4125, which is 0.20625 too low" in Verdict(-0.4125, -0.20625, 0.01).sentence()
    assert "which is 0.176543 too high" in Verdict(0.3, 0.123456789, 0.01).sentence()  # 0.3 - 0.123457
    tally = Tally()
    # counted per lesson: "no predictions yet" in 4.4, just after one in 4.3, read as none at all
    assert str(tally) == "no answers yet in this lesson"
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
    # 5.1 records every weight's update as `weight`: "What will weight be?" did not say which one
    named = Prediction(
        2, "weight", "...What will weight 1 be?", 0.0005, "", plain="Step 2 updates weight 1. What will it be?"
    )
    assert question_text(named, "alpha = 0.005", {"i": 0}).startswith(
        "Step 2 updates weight 1. What will it be? (This run"
    )


def test_5_1_asks_which_weight_with_other_parameters(catalog):
    (q,) = catalog.get("5.1").predictions
    assert "weight 1" in question_text(q, "alpha = 0.005", {})


def test_5_1_does_not_take_the_update_without_its_input(catalog):
    """The lesson's point is delta times each weight's own input: 0.2 - 0.01 * -0.14 = 0.2014, the
    input left out, was 0.00049 from 0.20091 and counted as right under a tolerance of 0.0005."""
    lesson = catalog.get("5.1")
    (q,) = lesson.predictions
    run = LessonRun(lesson, {})
    run.run_sync()
    actual = run.steps[q.step - 1].values[q.value]
    assert round(actual, 5) == 0.20091
    assert not Verdict(0.2014, actual, q.tolerance).right
    assert Verdict(0.2009, actual, q.tolerance).right and Verdict(0.201, actual, q.tolerance).right


def test_the_course_quizzes_agree_with_the_lessons(catalog):
    assert sorted(catalog.quizzes) == [2, 3, 4, 5, 6, 7]
    for quiz in catalog.quizzes.values():
        assert 3 <= len(quiz.questions) <= 6
        assert check_quiz(quiz, catalog) == []
    # Chapter 6 had 3 questions (the others 5), none on 6.5's dead ReLU or 6.7's sigmoid.
    # Chapter 2, one short lesson of ideas, asks 3: its three distinctions.
    assert len(catalog.quizzes[2].questions) == 3
    assert all(len(quiz.questions) >= 5 for chapter, quiz in catalog.quizzes.items() if chapter != 2)
    asked = {str(q.verify.get("lesson")) for q in catalog.quizzes[6].questions if q.verify}
    assert {"6.5", "6.7"} <= asked, asked
    # The chapter's last lesson offers the quiz.
    assert "quiz" in catalog.get("4.5").panels and "quiz" not in catalog.get("4.4").panels
    assert "quiz" in catalog.get("2.1").panels and "quiz" in catalog.get("3.8").panels


def test_the_6_4_quiz_question_says_which_moment_it_asks_about(catalog):
    """Quiz 6 q2 asked which hidden nodes get a non-zero layer_1_delta, with no moment: a learner who
    watched the run end (every node dead, layer_1_delta 0 0 0) answered 'none' and was marked wrong.
    The answer 'only the middle one' holds at stage 4, so the question says so."""
    q = catalog.quizzes[6].questions[1]
    assert "layer_1_delta" in q.text and "stage 4" in q.text, q.text
    run = LessonRun(catalog.get("6.4"), {})
    run.run_sync()
    deltas = [(s.values["stage"], s.values["layer_1_delta"]) for s in run.steps if "layer_1_delta" in s.values]
    stage, first = deltas[0]
    assert stage.startswith("4 ") and list(np.flatnonzero(first)) == [1]
    assert not np.any(deltas[-1][1])  # at the end: none, the other answer the question allowed


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
        '[[questions]]\ntext = "d"\nchoices = ["(3,)", "(3, 3)"]\nanswer = "(3, 3)"\n'
    )
    quiz, _problems = parse_quiz(path)
    choice, number, _, shape = quiz.questions
    assert choice.check("2") is True and choice.check("UP") is False and choice.check("sideways") is None
    assert number.check("0.605") is True and number.check("0.7") is False and number.check("lots") is None
    # a learner typed "(3,3)" and was told to type the choice's text
    assert shape.check("(3,3)") is True and shape.check(" ( 3 , ) ") is False
    # "diverges" for the choice "diverge" was refused ("Type 1 or 2, or the choice's text"): a word's
    # start, or a choice and a little more, reads as that choice when only one fits
    assert choice.check("dow") is True and choice.check("downs") is True and choice.check("do") is None
    assert choice.check("down, then up") is None  # a choice and a sentence more: not that choice
    assert shape.check("(3,") is None  # the start of both choices: which one is not known
    # 1.19 for -1.19: right in size, wrong in sign (said so, as the predict panel does)
    assert number.sign_only("-0.6") and number.sign_only("-0.605")
    assert not number.sign_only("0.6") and not number.sign_only("-0.5") and not choice.sign_only("1")


def test_a_named_wrong_answer_gets_its_own_sentence(tmp_path):
    """The quiz said the same derivation whatever was answered: -0.55 for 4.3's weight_delta is
    delta, and a line on that teaches more (a trial)."""
    path = tmp_path / "quiz.toml"
    path.write_text(
        'chapter = 4\n[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "down"\n'
        '[questions.mistakes]\nup = "up is where it starts"\n'
        '[[questions]]\ntext = "b"\nanswer = -0.275\ntolerance = 0.001\n'
        '[questions.mistakes]\n"-0.55" = "that is delta"\n"1/2" = "a half"\n'
        '[[questions]]\ntext = "c"\nanswer = 2\n'
    )
    quiz, problems = parse_quiz(path)
    assert not problems
    choice, number, plain = quiz.questions
    assert choice.mistake("UP") == choice.mistake("1") == "up is where it starts" and choice.mistake("2") == ""
    assert number.mistake("-0.5505") == number.mistake("-.55") == "that is delta" and number.mistake("-0.5") == ""
    assert number.mistake("0.5") == "a half"  # a key written as a learner writes a number
    assert plain.mistake("3") == ""
    # a mistake that is no choice, the right answer, or no number is the author's slip: said where
    for table, said in (
        ('sideways = "x"', "'sideways' is not one of the choices"),
        ('down = "x"', "'down' is the right answer"),
    ):
        path.write_text(
            "chapter = 4\n"
            + '[[questions]]\ntext = "a"\nanswer = 1\n' * 2
            + f'[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "down"\n[questions.mistakes]\n{table}\n'
        )
        quiz, problems = parse_quiz(path)
        # at the wrong answer's own line under [questions.mistakes] (8 was the question's first)
        assert quiz is None and problems[0].line == 13 and said in problems[0].message, problems
    path.write_text("chapter = 4\n" + '[[questions]]\ntext = "a"\nanswer = 1\n[questions.mistakes]\nlots = "x"\n' * 3)
    assert "'lots' is not a number" in parse_quiz(path)[1][0].message


def test_bad_quiz_files_are_reported(tmp_path):
    path = tmp_path / "quiz.toml"
    path.write_text('chapter = 4\n[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "left"\n')
    quiz, problems = parse_quiz(path)
    assert quiz is None and "a quiz has 3 to 6 [[questions]]: this one has 1" in problems[0].message
    # TOML's "Cannot declare ('questions',) twice" for [questions], and a raw decoder error for Latin-1
    path.write_text("chapter = 4\n" + '[questions]\ntext = "a"\nanswer = 1\n' * 3)
    said = parse_quiz(path)[1]
    assert [(p.line, p.message) for p in said] == [
        (2, "each question starts with [[questions]], in two brackets: [questions] declares one table")
    ], said
    path.write_text('chapter = 4\n[questions]\ntext = "a"\nanswer = 1\n')
    assert "each starts with [[questions]], in two brackets" in parse_quiz(path)[1][0].message
    path.write_bytes(b'chapter = 4\n[[questions]]\ntext = "caf\xe9"\n')
    said = parse_quiz(path)[1]
    assert [(p.line, p.message) for p in said] == [
        (3, "not UTF-8 text: byte 0xe9 cannot be read (save the file as UTF-8)")
    ], said
    path.write_text(
        "chapter = 4\n"
        + '[[questions]]\ntext = "a"\nanswer = 1\n' * 2
        + '[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "left"\n'
    )
    quiz, problems = parse_quiz(path)
    # at the answer's own line, not the question's (8): a teacher looked for it 3 lines too high
    assert quiz is None and problems[0].line == 11 and "not one of the choices ('up', 'down')" in problems[0].message


def test_a_misspelt_quiz_answer_choice_or_key_gets_a_did_you_mean(tmp_path):
    path = tmp_path / "quiz.toml"
    three = '[[questions]]\ntext = "a"\nanswer = 1\n' * 3
    path.write_text(
        "chapter = 4\ntitel = 'x'\n"
        + three
        + '[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "dwon"\n'
        + '[[questions]]\ntext = "a"\nchoices = ["up", "down"]\nanswer = "up"\nmistakes = { dwn = "no" }\nwhy_ = "x"\n'
    )
    _, problems = parse_quiz(path)
    said = {p.line: p.message for p in problems}
    assert "unknown key 'titel', did you mean 'title'?" in said[2]
    assert "the answer 'dwon' is not one of the choices, did you mean 'down'?" in said[15]
    assert "mistakes: 'dwn' is not one of the choices, did you mean 'down'?" in said[20]
    assert "question: unknown key 'why_', did you mean 'why'?" in said[21]
    # a misspelt table of questions, [[questionz]], at its own line (it had none: "quiz.toml: quiz: ...")
    path.write_text("chapter = 4\ntitle = 'x'\n" + three + three.replace("[[questions]]", "[[questionz]]", 1))
    said = {p.line: p.message for p in parse_quiz(path)[1]}
    assert "quiz: unknown key 'questionz', did you mean 'questions'?" in said[12], said
    # with the course's [questions.mistakes] under it, TOML itself fails ("the table [questions.mistakes]
    # is written twice"), and a teacher merging them would hide the typo: the header is said instead
    with_mistakes = '[[questions]]\ntext = "a"\nanswer = 1\n[questions.mistakes]\n"2" = "No."\n'
    path.write_text(
        "chapter = 4\ntitle = 'x'\n"
        + with_mistakes
        + with_mistakes.replace("[[questions]]", "[[questionz]]")
        + with_mistakes
    )
    said = {p.line: p.message for p in parse_quiz(path)[1]}
    assert said == {
        8: "each question starts with [[questions]]: [[questionz]] is not one, did you mean 'questions'?"
    }, said


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


def test_a_quiz_left_after_some_questions_is_an_unfinished_attempt(tmp_path):
    """A learner answered 2 of 5 questions, quit, came back, and was sent back to question 1."""
    from grok_tui.answers import unfinished_attempt

    attempt = lambda: unfinished_attempt(load_answers(tmp_path), "quiz/4/", 5)  # noqa: E731
    assert attempt() == []
    record_answer(tmp_path, "quiz/4/1", "-0.275", True)
    record_answer(tmp_path, "predict/4.4/2/pred", "0.968", True)  # other questions in between count not
    record_answer(tmp_path, "quiz/4/2", "converge", False)
    assert attempt() == [True, False]
    for n in (3, 4, 5):
        record_answer(tmp_path, f"quiz/4/{n}", "1", True)
    assert attempt() == []  # finished: the next one starts at question 1
    record_answer(tmp_path, "quiz/4/1", "0", False)
    assert attempt() == [False]
    record_answer(tmp_path, "quiz/4/3", "0", False)  # out of order (a hand edit): no attempt to go on
    assert attempt() == []


def test_progress_reports_quizzes_and_predictions(private_data_dir, capsys):
    from grok_tui.cli import main

    record_answer(private_data_dir, "quiz/4/1", "-0.275", True)
    record_answer(private_data_dir, "quiz/4/3", "converge", False)
    record_answer(private_data_dir, "predict/4.4/2/pred", "0.968", True)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    # not "missed 3" (a count?), nor "0 right in a row"
    # nor "1/5 right" with two of five answered: it read as four wrong
    assert "Chapter 4 quiz: 2 of 5 answered, 1 right; missed question 3\n" in out
    assert "Chapter 5 quiz: not taken yet (5 questions)" in out
    assert "Predictions: 1/1 right" in out
    assert main(["progress", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["chapter"] for q in data["quizzes"]] == [2, 3, 4, 5, 6, 7]
    assert data["quizzes"][2] == {
        "chapter": 4,
        "questions": 5,
        "answered": 2,
        "right": 1,
        "missed": [3],
        "streak": 0,
        "attempt_answered": 0,  # 1 then 3: no attempt in order to go on with
        "attempt_right": 0,
    }
    # all five right, then a second attempt begun with a wrong answer: said as the contents' row says
    # it ("4/5 right; missed question 1" here, "0 of 1 right, 4 to go" there: a trial)
    for n in range(1, 6):
        record_answer(private_data_dir, f"quiz/4/{n}", "x", True)
    record_answer(private_data_dir, "quiz/4/1", "y", False)
    assert main(["progress"]) == 0
    assert "Chapter 4 quiz: 0 of 1 right, 4 to go (this attempt)\n" in capsys.readouterr().out


def test_a_streak_is_said_as_the_last_answers():
    from grok_tui.answers import streak_text

    # "1 right in a row" read as unclear to a learner, "streak 2" was never explained
    assert [streak_text(n) for n in (0, 1, 2, 3)] == ["", "", "your last 2 answers right", "your last 3 answers right"]


def test_a_question_shows_no_minus_zero():
    """6.4 with row=1: every hidden node is off, and the question read "layer_1 = [-0, -0, -0]"."""
    from grok_tui.instruments.predict import values_line

    assert values_line({"layer_1": np.array([-0.0, -0.0, 0.0]), "pred": -0.0}) == "layer_1 = [0, 0, 0], pred = 0"


def test_a_problem_in_a_questions_sub_table_is_said_at_its_own_line(tmp_path):
    """[questions.mistakes] and [questions.verify], as the bundled quizzes write them: a misspelt
    `converg` was said at the question's first line, and `lessson` only as "verify needs lesson"."""
    path = tmp_path / "quiz.toml"
    three = '[[questions]]\ntext = "a"\nanswer = 1\n' * 3
    path.write_text(
        "chapter = 4\n"
        + three
        + '[[questions]]\ntext = "a"\nanswer = 1\n[questions.verify]\nlessson = "4.5"\nvalue = "1"\n'
        + '[[questions]]\ntext = "a"\nchoices = ["converge", "diverge"]\nanswer = "diverge"\n'
        + '[questions.mistakes]\nconverg = "no"\n'
    )
    _, problems = parse_quiz(path)
    said = {p.line: p.message for p in problems}
    assert "verify: unknown key 'lessson', did you mean 'lesson'?" in said[15], said
    assert "mistakes: 'converg' is not one of the choices, did you mean 'converge'?" in said[22], said

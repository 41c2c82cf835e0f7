"""A predict question's `mistakes`: a likely wrong answer's own sentence, said only to a learner who
gave that answer (within the question's tolerance), never after a right one; `why` after every answer.
A user trial: "✓ Right ... (-0.0353 is delta: ...)" told a learner who got it right of a mistake they
had not made."""

from __future__ import annotations

import pytest

from grok_tui.engine.runner import LessonRun
from grok_tui.instruments import predict
from grok_tui.instruments.predict import Verdict
from grok_tui.lesson.model import Prediction
from tests.instruments_util import lesson_from

QUESTION = """
[[predict]]
step = 2
value = "w"
tolerance = 0.01
why = "w = 0.5 - 0.1 = 0.4"
mistakes = { "0.6" = "that adds the step; the weight moves against the slope.", "-0.1" = "that is the change, not the weight." }
"""


def test_a_predict_questions_mistakes_are_read_as_numbers_and_sentences(tmp_path):
    lesson, problems = lesson_from(tmp_path, QUESTION)
    assert not problems, [str(p) for p in problems]
    (q,) = lesson.predictions
    assert q.mistakes == (
        (0.6, "that adds the step; the weight moves against the slope."),
        (-0.1, "that is the change, not the weight."),
    )
    assert q.why == "w = 0.5 - 0.1 = 0.4"


def test_a_mistakes_sub_table_is_read_too(tmp_path):
    meta = '[[predict]]\nstep = 2\nvalue = "w"\ntolerance = 0\n[predict.mistakes]\n"0.6" = "adds the step"\n'
    lesson, problems = lesson_from(tmp_path, meta)
    assert not problems, [str(p) for p in problems]
    assert lesson.predictions[0].mistakes == ((0.6, "adds the step"),)


def question(tolerance: float = 0.01, mistakes=((0.6, "that adds the step."),)) -> Prediction:
    return Prediction(2, "w", "?", tolerance, "w = 0.5 - 0.1 = 0.4", mistakes=mistakes)


def test_the_named_wrong_answer_gets_its_sentence():
    assert predict.mistake_text(question(), Verdict(0.6, 0.4, 0.01), "") == "You said 0.6: that adds the step."
    # within the question's tolerance of the named answer, as a right answer is of the run's value
    assert predict.mistake_text(question(), Verdict(0.605, 0.4, 0.01), "") == "You said 0.605: that adds the step."


def test_a_right_answer_gets_no_mistake_even_one_the_lesson_names_nearby():
    assert predict.mistake_text(question(), Verdict(0.4, 0.4, 0.01), "") == ""
    near = question(mistakes=((0.405, "a rounding slip"),))
    assert predict.mistake_text(near, Verdict(0.403, 0.4, near.tolerance), "") == ""  # right, though near 0.405


def test_another_wrong_answer_gets_only_why():
    assert predict.mistake_text(question(), Verdict(0.7, 0.4, 0.01), "") == ""
    assert predict.mistake_text(question(0.0), Verdict(0.59, 0.4, 0.0), "") == ""  # tolerance 0: the very number only


def test_with_other_parameters_no_mistake_is_said():
    """The named answers are the default run's numbers: with alpha 0.5 0.6 may be right or anything."""
    assert predict.mistake_text(question(), Verdict(0.6, 0.3, 0.01), "alpha = 0.5") == ""


@pytest.mark.parametrize(
    "mistakes, line, words",
    [
        ('mistakes = [{ value = 0.6, why = "x" }]', 9, "must be a table of wrong answers"),
        ('mistakes = { "abc" = "x" }', 9, "'abc' is not a number"),
        ('mistakes = { "nan" = "x" }', 9, "'nan' is not a number"),
        ('mistakes = { "0.6" = "" }', 9, "'0.6' needs what that answer shows"),
        ('mistakes = { "0.6" = 3 }', 9, "'0.6' needs what that answer shows"),
        ('mistakes = { "0.6" = "x", "0.605" = "y" }', 9, "within the tolerance of 0.6"),
        ('mistakes = { 0.6 = "x" }', 9, 'put the wrong answer in quotes: "0.6"'),
        ('mistake = { "0.6" = "x" }', 5, "unknown key 'mistake', did you mean 'mistakes'?"),
        # in a sub-table, at the wrong answer's own line
        ('[predict.mistakes]\n"0.6" = "x"\n"zero" = "y"', 11, "'zero' is not a number"),
    ],
)
def test_bad_mistakes_are_reported_at_their_line(tmp_path, mistakes, line, words):
    meta = f'[[predict]]\nstep = 2\nvalue = "w"\ntolerance = 0.01\n{mistakes}\n'
    lesson, problems = lesson_from(tmp_path, meta)
    assert lesson is None
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]
    assert all(str(p).startswith(f"{tmp_path / '9.1-t.md'}:") for p in problems)


@pytest.mark.parametrize(
    "lesson_id, step, wrong, words",
    [
        ("4.3", 2, -0.4125, "that is delta"),
        ("4.4", 3, -0.0353, "that is delta"),
        ("5.1", 2, 0.2014, "leaves out the input"),
    ],
)
def test_the_lessons_name_their_wrong_answers_only_to_those_who_give_them(catalog, lesson_id, step, wrong, words):
    """The three lessons whose `why` corrected a wrong answer after a right one: the correction is the
    named wrong answer's, and the worked arithmetic stays in `why`."""
    (q,) = [q for q in catalog.get(lesson_id).predictions if q.step == step]
    run = LessonRun(catalog.get(lesson_id), {})
    run.run_sync()
    actual = run.steps[step - 1].values[q.value]
    assert words in predict.mistake_text(q, Verdict(wrong, actual, q.tolerance), "")
    assert predict.mistake_text(q, Verdict(actual, actual, q.tolerance), "") == ""
    assert words not in q.why and "(" + f"{wrong:g}" not in q.why
    for named, _ in q.mistakes:  # none is said to a right answer: each is outside the tolerance
        assert not Verdict(named, actual, q.tolerance).right


def test_check_reports_a_named_mistake_that_is_the_right_answer(tmp_path):
    """A mistake within the tolerance of the default run's value counts as right, so its sentence
    could never be said: `grok-tui check` says so (the parse cannot: it does not know the value)."""
    from grok_tui.engine.checks import run_checks

    # BODY's run records w = 0.5, 0.4, 0.3: step 2 asks for 0.4
    right = QUESTION.replace('"-0.1" = "that is the change', '"0.405" = "that is the change')
    lesson, problems = lesson_from(tmp_path, right)
    assert not problems, [str(p) for p in problems]
    found = [p.message for p in run_checks(lesson, cases=[{}])]
    assert found == [
        "with defaults: predict's mistake 0.405 is within the tolerance of the answer 0.4: it counts as right, "
        "so what it says is never said"
    ], found
    lesson, _ = lesson_from(tmp_path, QUESTION)
    assert [p.message for p in run_checks(lesson, cases=[{}])] == []


def test_check_reports_a_why_whose_numbers_never_reach_the_answer(tmp_path):
    """A teacher's why worked out the value one step too early ("= 0.08" where step 2 records 0.186):
    `check` said ok, and a learner who typed the why's own number was told "Not quite"."""
    from grok_tui.engine.checks import run_checks

    early = QUESTION.replace('why = "w = 0.5 - 0.1 = 0.4"', 'why = "w = 0.6 - 0.1 = 0.5"')
    lesson, problems = lesson_from(tmp_path, early)
    assert not problems, [str(p) for p in problems]
    found = [p.message for p in run_checks(lesson, cases=[{}])]
    assert found == [
        "with defaults: predict's why works out 0.5, not the answer: the run's w at step 2 is 0.4, and a "
        "learner who answers as it reasons is told they are wrong (step counts the calls of step(), from 1)"
    ], found
    # a number of the step before that happens to equal the answer is no result of the why's
    lesson, _ = lesson_from(tmp_path, QUESTION.replace('why = "w = 0.5 - 0.1 = 0.4"', 'why = "0.4 + 0.1 = 0.5"'))
    assert [p.message for p in run_checks(lesson, cases=[{}])] == [found[0]]
    wordy = QUESTION.replace('why = "w = 0.5 - 0.1 = 0.4"', 'why = "each step takes a tenth off"')
    lesson, _ = lesson_from(tmp_path, wordy)  # no number to compare: nothing said
    assert [p.message for p in run_checks(lesson, cases=[{}])] == []


# -- a wrong answer that is another value the run recorded ------------------------------------------
# A learner trial: 4.3 with input 3 (kept between sessions), the answer -5.6 was this run's delta,
# and the reveal said only "Not quite: it is -16.8 ...": the named mistake is the default run's
# number, and nothing said what -5.6 was.

AT_STEP = {"iteration": 2, "input": 3.0, "weight": -1.6, "pred": -4.8, "delta": -5.6, "weight_delta": -16.8}
PARAMS = {"weight": 0.5, "input": 3.0, "goal_pred": 0.8, "alpha": 1.0}
BEFORE = {"iteration": 1, "input": 3.0, "weight": 0.5, "pred": 1.5, "delta": 0.7, "weight_delta": 2.1}


def asked(value: str = "weight_delta", tolerance: float = 0.01, label: str = "") -> Prediction:
    return Prediction(2, value, "?", tolerance, "", label=label)


def recorded(given: float, q: Prediction | None = None, params=None) -> str:
    q = q or asked()
    actual = AT_STEP.get(q.value, 0.0)
    return predict.recorded_text(
        q, Verdict(given, actual, q.tolerance), AT_STEP, BEFORE, PARAMS if params is None else params
    )


def test_a_wrong_answer_that_is_another_value_at_the_step_says_which():
    assert recorded(-5.6) == "You said -5.6: that is this run's delta at step 2, not weight_delta."
    assert recorded(-5.595) == "You said -5.595: that is this run's delta at step 2, not weight_delta."  # tolerance
    assert recorded(-4.8) == "You said -4.8: that is this run's pred at step 2, not weight_delta."


def test_a_wrong_answer_that_is_a_value_of_the_step_before_says_which():
    assert recorded(0.7) == "You said 0.7: that is this run's delta at step 1, not weight_delta."
    # the asked value itself, a step early: the question asks for it at the next step
    assert (
        recorded(2.1) == "You said 2.1: that is this run's weight_delta at step 1; the question asks for it at step 2."
    )


def test_the_question_names_its_value_by_its_label():
    q = asked("weight", label="weight 1")
    assert recorded(-5.6, q) == "You said -5.6: that is this run's delta at step 2, not weight 1."
    # a labelled value's recorded name means another thing a step early (5.1: weight 0, not weight 1)
    assert recorded(0.5, q, params={}) == ""


def test_only_a_wrong_answer_and_only_a_recorded_number_that_is_not_a_parameter_nor_a_count():
    assert recorded(-16.8) == ""  # right
    assert recorded(-16.795) == ""  # right, within the tolerance
    assert recorded(3.0) == ""  # the input: a parameter the learner set, not a value worked out
    # a parameter's name that learns: the weight starts as one; named where it is no longer the param's
    assert recorded(0.5, asked("pred")) == ""
    assert recorded(-1.6) == "You said -1.6: that is this run's weight at step 2, not weight_delta."
    assert recorded(2) == ""  # the iteration: a count
    assert recorded(-7.0) == ""  # nothing recorded
    # the first in the step's order: step 2's values before step 1's
    twice = {**AT_STEP, "error": 2.1}
    assert predict.recorded_text(asked(), Verdict(2.1, -16.8, 0.01), twice, BEFORE) == (
        "You said 2.1: that is this run's error at step 2, not weight_delta."
    )


def test_a_recorded_value_that_is_as_good_as_the_answer_is_not_named():
    """One within the tolerance of the right answer: "that is pred, not weight" would call a near
    miss a mix-up."""
    near = {**AT_STEP, "error": -16.807}
    assert predict.recorded_text(asked(), Verdict(-16.815, -16.8, 0.01), near, BEFORE) == ""
    far = {**AT_STEP, "error": -16.82}  # outside it: named
    assert predict.recorded_text(asked(), Verdict(-16.815, -16.8, 0.01), far, BEFORE) != ""


def test_arrays_and_text_are_left_out():
    values = {"weights": [0.3, -5.6, 0.9], "stage": "-5.6", "weight_delta": -16.8}
    assert predict.recorded_text(asked(), Verdict(-5.6, -16.8, 0.01), values, {}) == ""


@pytest.mark.parametrize(
    "lesson_id, step, wrong, said",
    [
        # 4.4's Common-mistake box: adding weight_delta instead of subtracting it
        ("4.4", 4, 0.656392, "You said 0.656392: that adds weight_delta"),
        ("5.4", 2, 0.25655, "You said 0.25655: that is the new win weight"),
    ],
)
def test_the_lessons_name_the_slips_no_recorded_value_covers(catalog, lesson_id, step, wrong, said):
    (q,) = [q for q in catalog.get(lesson_id).predictions if q.step == step]
    run = LessonRun(catalog.get(lesson_id), {})
    run.run_sync()
    actual = run.steps[step - 1].values[q.value]
    verdict = Verdict(wrong, actual, q.tolerance)
    assert not verdict.right
    assert predict.mistake_text(q, verdict, "").startswith(said)


def test_4_4s_new_weight_for_pred_is_named_from_the_run(catalog):
    """4.4 step 2 asks for pred; 0.88 is the new weight, which step 2 records."""
    (q,) = [q for q in catalog.get("4.4").predictions if q.step == 2]
    run = LessonRun(catalog.get("4.4"), {})
    run.run_sync()
    now, before = run.steps[1].values, run.steps[0].values
    verdict = Verdict(0.88, now["pred"], q.tolerance)
    assert predict.mistake_text(q, verdict, "") == ""
    assert predict.recorded_text(q, verdict, now, before, run.values) == (
        "You said 0.88: that is this run's weight at step 2, not pred."
    )


def test_a_wrong_answer_near_a_recorded_value_by_chance_is_not_called_that_value(catalog):
    """4.3 at the defaults: 0.3 was said to be "this run's error at step 1" (0.3025, within the
    question's tolerance of 0.01), a mix-up the learner had not made. Only the very number is named."""
    (q,) = [q for q in catalog.get("4.3").predictions if q.step == 2]
    run = LessonRun(catalog.get("4.3"), {})
    run.run_sync()
    values, before = run.steps[1].values, run.steps[0].values
    actual = values[q.value]
    assert predict.recorded_text(q, Verdict(0.3, actual, q.tolerance), values, before) == ""
    delta = before["delta"]
    assert predict.recorded_text(q, Verdict(delta, actual, q.tolerance), values, before) == (
        f"You said {delta:.6g}: that is this run's delta at step 1, not weight_delta."
    )


def test_a_labelled_questions_value_a_step_early_is_not_said_to_be_the_asked_one(catalog):
    """5.1 records each weight in turn as `weight`: 0.1119, weight 0's new value, was told "that is
    this run's weight at step 1; the question asks for weight 1 at step 2", which was false."""
    (q,) = catalog.get("5.1").predictions
    run = LessonRun(catalog.get("5.1"), {})
    run.run_sync()
    values, before = run.steps[q.step - 1].values, run.steps[q.step - 2].values
    given = before[q.value]  # weight 0 after its update
    said = predict.recorded_text(q, Verdict(given, values[q.value], q.tolerance), values, before)
    assert "asks for weight 1" not in said, said


def test_a_one_number_array_is_named_as_a_number(catalog):
    """6.4's layer_2 is a 1x1 array: -0.0213 (layer_2, the goal not subtracted) for layer_2_delta got
    no note, where a plain number would."""
    lesson = catalog.get("6.4")
    q = next(q for q in lesson.predictions if q.value == "layer_2_delta")
    run = LessonRun(lesson, {})
    run.run_sync()
    values, before = run.steps[q.step - 1].values, run.steps[q.step - 2].values
    layer_2 = float(before["layer_2"].item())
    said = predict.recorded_text(q, Verdict(layer_2, float(values[q.value].item()), q.tolerance), values, before)
    assert said == f"You said {layer_2:.6g}: that is this run's layer_2 at step {q.step - 1}, not layer_2_delta.", said

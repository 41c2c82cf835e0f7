"""The chapter quiz on screen (QuizScreen and the lesson's quiz panel): its keys, answers saved as
they are given and an attempt left halfway gone on with, the score and its retry of the missed
questions, named wrong answers. (Moved out of test_instruments_ui.py, which kept the network and the
landscape.)"""

from __future__ import annotations

import json

from textual.widgets import Input

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.quiz import QuizPanel
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import focus_panel, open_lesson, text_of, wait_for
from tests.ui.test_instruments_ui import plain


async def test_the_quiz_says_how_to_leave_on_ctrl_c_and_names_two_choices(course):
    """ctrl+c in the quiz showed Textual's "Press ctrl+q to quit the app"; a wrong choice said
    "Type 1 to 2"."""
    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        panel = await open_lesson(pilot, app, QuizPanel)
        await focus_panel(pilot, app, panel)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.press("1", "ctrl+c")
        said = "escape leaves the quiz; your answers so far are kept"
        await wait_for(pilot, lambda: [n.message for n in app._notifications] == [said], what="the notice")
        assert app.screen.query_one(Input).value == "1"  # nothing lost
        await pilot.press("ctrl+u", *"-0.275", "enter", "enter", "3", "enter")  # question 2: two choices
        assert text_of(app.screen.query_one("#quiz-verdict")).strip() == "Type 1 or 2, or the choice's text."


async def test_chapter_quiz_from_the_last_lesson(course, private_data_dir):
    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, QuizPanel)
        await focus_panel(pilot, app, panel)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.press(*"-0.275", "enter")
        assert "Right" in text_of(app.screen.query_one("#quiz-verdict"))
        await pilot.press("enter")
        await pilot.press("1", "enter")  # converge: wrong
        assert "the answer is “diverge”." in text_of(app.screen.query_one("#quiz-verdict"))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, QuizScreen), what="the lesson")
        saved = json.loads((private_data_dir / "answers.json").read_text())
        assert saved["latest"]["quiz/4/1"]["right"] and not saved["latest"]["quiz/4/2"]["right"]
        await pilot.pause()
        # Left after question 2, it goes on at question 3 (a learner who quit was sent back to 1),
        # and the panel counts what this attempt answered ("1/5 right" read as a score of the 5)
        assert "ress enter to go on at question 3." in " ".join(plain(panel).split())  # p or P: focused or not
        assert "This attempt so far: 1 of 2 right" in plain(panel) and "1/5" not in plain(panel)
        await focus_panel(pilot, app, panel)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz again")
        quiz = app.screen
        shown = text_of(quiz.query_one("#quiz-question"))
        assert shown.startswith("Question 3 of 5  (going on where you stopped: 1 of 2 right so far)"), shown
        for question in quiz.quiz.questions[2:]:
            answer = str(question.answer if question.choices else f"{question.answer:g}")
            await pilot.press(*answer, "enter", "enter")
        score = text_of(quiz.query_one("#quiz-question"))
        assert "4 of 5 right." in score and "Missed: question 2." in score, score
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, QuizScreen), what="the lesson")
        # the whole quiz again, from question 1; one answer wrong: the score names it, in the singular
        await pilot.pause()
        assert "ress enter." in " ".join(plain(panel).split())  # focused again after the quiz: "Press enter."
        assert "Last answers: 4/5 right; missed question 2; your last 3 answers right" in plain(panel)
        await focus_panel(pilot, app, panel)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz a third time")
        quiz = app.screen
        assert text_of(quiz.query_one("#quiz-question")).startswith("Question 1 of 5\n")
        for i, question in enumerate(quiz.quiz.questions):
            answer = str(question.answer if question.choices else f"{question.answer:g}")
            await pilot.press(*("0.275" if i == 0 and not question.choices else answer), "enter")
            if i == 0:  # -0.275's size with the wrong sign: said so
                said = text_of(quiz.query_one("#quiz-verdict"))
                assert "the answer is -0.275; the size is right, the sign is not." in said, said
                assert "-0.55 is delta" not in said  # the sentence of another wrong answer
            await pilot.press("enter")
        score = text_of(quiz.query_one("#quiz-question"))
        # "Take the quiz again to try it once more" then asked all five: r asks the one missed
        assert "Missed: question 1. r tries it again now (the quiz opened again asks all 5)." in score, score
        assert "escape or enter: close the quiz · r: the missed again" in score, score  # from the contents too
        await pilot.press("r")
        shown = text_of(quiz.query_one("#quiz-question"))
        assert shown.startswith("Question 1 of 5  (trying again: the one you missed)"), shown
        question = quiz.quiz.questions[0]
        await pilot.press(*str(question.answer if question.choices else f"{question.answer:g}"), "enter", "enter")
        score = text_of(quiz.query_one("#quiz-question"))
        assert score.startswith("1 of 1 right this time.\nEvery question of the 5 now answered right."), score
        assert "r: the missed" not in score and quiz.check_action("retry_missed", ()) is False
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, QuizScreen), what="the lesson")
        await pilot.pause()
        # the retry is no attempt stopped after question 1: the panel offers the quiz from its start
        assert "Last answers: 5/5 right" in plain(panel) and "go on at question" not in plain(panel), plain(panel)


async def test_a_damaged_answers_file_is_set_aside_and_said(course, private_data_dir):
    """Garbage in answers.json: it was set aside and the quiz started over at question 1, with
    nothing said (a damaged progress.json gets a notice naming where it was kept)."""
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "answers.json").write_bytes(b"\x00\x01garbage")
    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, QuizPanel)
        await focus_panel(pilot, app, panel)  # the panel shows, reading the answers
        await wait_for(pilot, lambda: list(app._notifications), what="the notice")
        [notice] = list(app._notifications)
        [kept] = private_data_dir.glob("answers.json.damaged-*")
        assert notice.message.startswith("Your answers file (quizzes, predictions) could not be read; it was kept")
        assert kept.name in notice.message and kept.read_bytes() == b"\x00\x01garbage"


async def test_a_named_wrong_quiz_answer_is_told_what_it_is(catalog, private_data_dir):
    """-0.55 for 4.3's first weight_delta got the same derivation as any wrong number: it is delta,
    and the quiz now says so before the derivation."""
    from tests.ui.helpers import text_of

    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        app.take_quiz(4)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.press(*"-0.55", "enter")
        said = text_of(app.screen.query_one("#quiz-verdict"))
        assert "the answer is -0.275. -0.55 is delta, pred - goal: weight_delta multiplies it" in said, said
        assert said.index("-0.55 is delta") < said.index("pred = 0.5 * 0.5"), said  # then the derivation


async def test_a_quiz_all_right_is_said_by_its_score_not_a_streak_longer_than_the_quiz(
    private_data_dir, capsys, course
):
    """3.8's panel read "Last answers: 6/6 right; your last 7 answers right": the streak ran on from
    the attempt before. All right, the score says it; the streak is said beside a miss."""
    from grok_tui.answers import record_answer
    from grok_tui.cli import main

    for n in range(1, 6):  # an attempt ending on a right answer, then one all right: a streak of 6
        record_answer(private_data_dir, f"quiz/4/{n}", "x", n == 5)
    for n in range(1, 6):
        record_answer(private_data_dir, f"quiz/4/{n}", "x", True)
    assert main(["progress"]) == 0
    assert "Chapter 4 quiz: 5/5 right\n" in capsys.readouterr().out
    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, QuizPanel)
        await pilot.pause()
        shown = " ".join(plain(panel).split())
        assert "Last answers: 5/5 right" in shown and "answers right" not in shown, shown

"""A chapter quiz answered in bursts (a slow link delivers keys in bunches; a learner types ahead):
each answer goes to the question it was typed for, as when the keys come one at a time.

A trial: on question 2, `2 enter enter 2 enter` (answer, next, answer) graded question 3 as "22",
wrong, its field empty; from the contents, `F 1 enter enter 2 enter` lost the 2 and its enter."""

from __future__ import annotations

import json

from textual.widgets import Input

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import wait_for
from tests.ui.test_enter_burst import contents_at, open_quiz

# chapter 4's fixed quiz (tests/ui/instrument_lessons/ch4/quiz.toml): -0.275, then choice 2 twice
FIRST_THREE = ("-0.275", "2", "2")


def burst(app, *answers: str) -> None:
    """Each answer and its enter, then the enter that goes on, all read before any is handled."""
    for answer in answers:
        for key in (*answer, "enter", "enter"):
            app.simulate_key(key)


def saved(root) -> dict:
    return json.loads((root / "answers.json").read_text())["latest"]


async def test_an_answer_typed_after_next_in_one_burst_answers_the_next_question(course, private_data_dir):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, course, private_data_dir)
        await pilot.press(*"-0.275", "enter", "enter")
        await wait_for(pilot, lambda: quiz.number == 2 and not quiz.showing_verdict, what="question 2")
        burst(app, "2")
        for key in ("2", "enter"):
            app.simulate_key(key)
        await wait_for(pilot, lambda: quiz.number == 3 and quiz.showing_verdict, what="question 3 answered")
        assert (quiz.right, quiz.answered) == (3, 3)
        latest = saved(private_data_dir)
        assert latest["quiz/4/3"]["given"] == "2" and latest["quiz/4/3"]["right"], latest
        assert quiz.query_one("#quiz-answer", Input).value == "2"  # the field shows what was graded


async def test_answers_typed_with_the_enter_that_opens_the_quiz_each_reach_their_question(course, private_data_dir):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_at(pilot, app, "quiz-4")
        app.simulate_key("enter")
        burst(app, *FIRST_THREE)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        quiz = app.screen
        await wait_for(pilot, lambda: quiz.number == 4 and not quiz.showing_verdict, what="question 4")
        assert (quiz.right, quiz.answered) == (3, 3)
        latest = saved(private_data_dir)
        assert [latest[f"quiz/4/{n}"]["given"] for n in (1, 2, 3)] == list(FIRST_THREE), latest


async def test_answers_typed_with_f_on_the_contents_list_each_reach_their_question(course, private_data_dir):
    """Back on the contents from a lesson, its list focused: `F 1 enter enter 2 enter` in one burst.
    The list read the 1 and the enters before F's quiz opened: question 1 was graded on the 2."""
    from grok_tui.ui.screens.contents_list import LessonList

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("#doc"), what="4.5")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.focused, LessonList), what="the contents' list focused")
        app.simulate_key("F")
        burst(app, *FIRST_THREE)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        quiz = app.screen
        await wait_for(pilot, lambda: quiz.number == 4 and not quiz.showing_verdict, what="question 4")
        latest = saved(private_data_dir)
        assert [latest[f"quiz/4/{n}"]["given"] for n in (1, 2, 3)] == list(FIRST_THREE), latest


async def test_f_on_a_chapter_without_a_quiz_holds_no_key(course):
    """F on the list holds the keys read after it for the quiz it opens; on a chapter without one (its
    binding off there, F says why) nothing is held: the keys go on at once, not after 2 s."""
    from tests.ui.test_enter_burst import contents_at

    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        lessons = await contents_at(pilot, app, "5.3")
        lessons.focus()
        await pilot.pause()
        await pilot.press("F")
        await wait_for(pilot, lambda: any("no quiz" in n.message for n in app._notifications), what="the notice")
        assert not app.keys_ahead.holding

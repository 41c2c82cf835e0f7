"""Enter twice, fast (a slow link delivers keys in bunches): each enter reached the answer field
before the first was handled. The quiz counted each, "3 of 2 right", answers.json inflated, and the
next answer was typed into the question already answered; a question box dismissed twice took the
lesson under it away too (screens/dismiss_once.py)."""

from __future__ import annotations

import json

from textual.widgets import Input

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.predict import PredictScreen, RevealScreen
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import open_lesson, text_of, wait_for


async def test_an_enter_that_arrives_after_the_answer_means_next(course, private_data_dir):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        private_data_dir.mkdir(parents=True, exist_ok=True)
        quiz = QuizScreen(course.quizzes[4], private_data_dir)
        app.push_screen(quiz)
        await wait_for(pilot, lambda: app.screen is quiz and quiz.query(Input), what="the quiz")
        field = quiz.query_one("#quiz-answer", Input)
        field.value = "-0.275"
        # two enters handled by the field before the screen heard the first
        quiz.post_message(Input.Submitted(field, "-0.275"))
        quiz.post_message(Input.Submitted(field, "-0.275"))
        await wait_for(pilot, lambda: quiz.number == 2, what="the second question")
        assert (quiz.right, quiz.answered) == (1, 1)
        assert text_of(quiz.query_one("#quiz-question")).startswith("Question 2 of 5")
        saved = json.loads((private_data_dir / "answers.json").read_text())
        assert saved["latest"]["quiz/4/1"]["tries"] == 1 and len(saved["history"]) == 1, saved


async def test_a_question_box_submitted_twice_leaves_the_lesson_in_place(course, private_data_dir):
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        box = app.screen
        field = box.query_one(Input)
        field.value = "0.968"
        box.post_message(Input.Submitted(field, "0.968"))
        box.post_message(Input.Submitted(field, "0.968"))
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        assert lesson in app.screen_stack and isinstance(app.screen_stack[-2], LessonScreen)
        assert "Right: 0.968" in app.screen.body.plain

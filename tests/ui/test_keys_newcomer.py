"""A newcomer's keyboard trial at 80x24: arrows on a quiz's choices, F1 and ? on every box, a word
for each key the contents do not use, the quiz closing back into the view it was opened from, and a
status hint about a run that no longer runs."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import screen_text, text_of, wait_for
from tests.ui.test_keys_audit import help_lists

SIZE = (80, 24)


async def open_quiz(pilot, app) -> QuizScreen:
    app.take_quiz(4)
    await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
    return app.screen


async def answer(pilot, quiz: QuizScreen, *keys: str) -> None:
    """Press `keys` on the question shown, wait for its verdict, and go on (enter)."""
    await pilot.press(*keys)
    await wait_for(pilot, lambda: quiz.showing_verdict, what="the verdict")
    await pilot.press("enter")


# -- 1. the quiz's choices by arrow ------------------------------------------------------------------


async def test_arrows_highlight_a_quiz_choice_and_enter_answers_it(course):
    """Ch4's question 2 ("1 converge / 2 diverge"): Down then enter answered nothing and said "Type
    1 or 2, or the choice's text"."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app)
        await answer(pilot, quiz, *"-0.275", "enter")  # question 1 asks for a number
        await wait_for(pilot, lambda: quiz.index == 1 and not quiz.showing_verdict, what="question 2")
        assert "↑↓ choose" in str(quiz.box.border_subtitle)
        await pilot.press("down")
        assert quiz.highlighted == 0 and "▸ 1  converge" in screen_text(app)
        await pilot.press("down", "down")  # stops at the last choice
        assert quiz.highlighted == 1 and "▸ 2  diverge" in screen_text(app)
        await pilot.press("up", "down")
        await pilot.press("enter")
        await wait_for(pilot, lambda: quiz.showing_verdict, what="the verdict")
        said = text_of(quiz.query_one("#quiz-verdict"))
        assert "Right" in said and "Type 1 or 2" not in said, said
        await pilot.press("enter")
        await wait_for(pilot, lambda: quiz.index == 2 and not quiz.showing_verdict, what="question 3")
        assert quiz.highlighted is None and "▸" not in screen_text(app)  # a new question: nothing chosen
        await pilot.press(*"conv")  # typing still works, and the highlight follows it
        assert quiz.highlighted == 0
        await pilot.press("up")  # from the typed choice, not from the end
        assert quiz.highlighted == 0 and quiz.query_one("#quiz-answer").value == "1"
        await pilot.press("2")  # typing replaces the chosen number
        assert quiz.highlighted == 1 and quiz.query_one("#quiz-answer").value == "2"


async def test_the_quiz_help_names_the_arrows(course):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_quiz(pilot, app)
        await help_lists(pilot, app, "quiz keys", ("↑ ↓", "highlight the one above / below"), keys=("f1",))

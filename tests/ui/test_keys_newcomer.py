"""A newcomer's keyboard trial at 80x24: arrows on a quiz's choices, F1 and ? on every box, a word
for each key the contents do not use, the quiz closing back into the view it was opened from, and a
status hint about a run that no longer runs."""

from __future__ import annotations

import pytest

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import screen_text, text_of, wait_for
from tests.ui.test_keys_audit import help_lists, open_chooser, open_from_lesson, two_exercises_app

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


# -- 2. F1 and ? everywhere ------------------------------------------------------------------------


async def test_the_quiz_score_has_its_own_help_on_f1_and_question_mark(course):
    """? did nothing on the score; F1 there described typing an answer, and there is no answer box."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        quiz = await open_quiz(pilot, app)
        for question in quiz.quiz.questions:
            await answer(pilot, quiz, *("1" if question.choices else "0"), "enter")
        await wait_for(pilot, lambda: quiz.index == len(quiz.quiz.questions), what="the score")
        await help_lists(pilot, app, "quiz score keys", ("close the quiz",), not_says=("typing", "your answer"))


async def test_the_param_box_has_a_help_on_f1_and_question_mark(course):
    """4.5's `set alpha` box (= on the lesson): F1 and ? did nothing, and said nothing."""
    from grok_tui.ui.screens.param_input import ParamInput

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_lesson(pilot, app, "=", ParamInput)
        box = app.screen
        field = box.query_one("#param-value")
        before = field.value
        await help_lists(pilot, app, "set alpha: keys", ("run the lesson again", "cancel"))
        assert field.value == before  # ? was not typed into the value
        assert app.focused is field  # back from the help, typing goes on in the field
        await pilot.press(*"0.1", "enter")
        await wait_for(pilot, lambda: app.screen is not box, what="the box closed")
        assert app.screen.session.params["alpha"] == 0.1


async def test_the_exercise_chooser_has_a_help_on_f1_and_question_mark(tmp_path):
    """3.3's `which exercise?` box: F1 and ? did nothing, and said nothing."""
    app = two_exercises_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_chooser(pilot, app)
        await help_lists(pilot, app, "which exercise? keys", ("write the chosen one", "back to the lesson"))


# -- 3. the contents say so of a key they do not use -----------------------------------------------


async def test_the_contents_say_so_of_side_arrows_h_and_escape_with_no_lesson(small_catalog):
    """h, → and ← did nothing on the contents and said nothing; nor did escape before any lesson was
    opened. The lesson says "h: no key here · ? lists the keys"; the contents now say it too."""
    from grok_tui.ui.screens.contents import ContentsScreen
    from tests.ui.test_keys_audit import notices

    app = GrokApp(small_catalog, speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        contents = app.screen
        for key, said in (
            ("h", "h: no key here · ? lists the keys"),
            ("right", "→: no key here · ? lists the keys"),
            ("left", "←: no key here · ? lists the keys"),
            ("escape", "no lesson open yet: enter opens the highlighted one"),
        ):
            await pilot.press(key)
            await wait_for(pilot, lambda said=said: notices(app) == [said], what=said)  # one at a time
            assert app.screen is contents
        await pilot.press("enter")  # a lesson opened: escape on the contents goes back to it
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="the lesson")
        assert notices(app) == []
        await pilot.press("c")
        await wait_for(pilot, lambda: app.screen is contents, what="the contents again")
        await pilot.press("escape")
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="back to the lesson")
        assert not any("no lesson open yet" in n for n in notices(app))


# -- 4. the quiz closes back into the view it was opened from ---------------------------------------


async def test_the_quiz_opened_with_f_closes_back_into_the_text_view(course):
    """4.5's text view at 80x24, F at the end of a run opened the chapter quiz; escape after it
    landed in the lab ("panel 3/3"), not in the text the learner had left."""
    from grok_tui.ui.widgets.document import LessonDocument
    from grok_tui.ui.widgets.status import StatusLine

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("minus", "minus")  # alpha 0.1: a run that learns, to its end
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.1 and screen.run_state.done, what="the re-run")
        await wait_for(pilot, lambda: "F chapter quiz" in text_of(screen.query_one(StatusLine)), what="the offer")
        doc = screen.query_one(LessonDocument)
        assert not screen.lab and app.focused is doc
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, what="the lesson again")
        await pilot.pause()
        assert not screen.lab, "the quiz closed into the lab"
        assert app.focused is doc


# -- 5. a hint about a running run goes with the run ------------------------------------------------


@pytest.mark.parametrize("key", ["r", "space"])
async def test_the_running_hint_goes_when_the_run_is_reset_or_ends(catalog, key):
    """After r the status line read "ready step 0/20 · … · w shows the code running", though nothing
    ran, for the hint's 6 s; so it did after the run's end."""
    from grok_tui.ui.widgets.document import LessonDocument
    from tests.ui.test_out_of_view_notice import said, step_from_the_end

    app = GrokApp(catalog, start_lesson="3.4", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await step_from_the_end(pilot, app)  # stepped: the hint shows
        await pilot.press(key)  # r: reset; space: the run plays on to its end
        session = app.screen.session
        await wait_for(pilot, lambda: session.run is None or session.state.done, what="no run going")
        # the screen's next drawing sees it (the run ended in its own thread): its cell's mark goes,
        # and the hint with it, in the same step
        doc = app.screen.query_one(LessonDocument)
        await wait_for(pilot, lambda: doc.running_cell() is None, what="the running cell's mark gone")
        await pilot.pause()
        assert not said(app), "the hint about a running run stayed"

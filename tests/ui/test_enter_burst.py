"""Enter twice, fast (a slow link delivers keys in bunches): each enter reached the answer field
before the first was handled. The quiz counted each, "3 of 2 right", answers.json inflated, and the
next answer was typed into the question already answered; a question box dismissed twice took the
lesson under it away too (screens/dismiss_once.py)."""

from __future__ import annotations

import json

import pytest
from textual import events
from textual.widgets import Input

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.predict import PredictScreen, RevealScreen
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import open_lesson, text_of, wait_for


async def open_quiz(pilot, app, course, root) -> QuizScreen:
    """Chapter 4's quiz over the contents, its answer field ready."""
    root.mkdir(parents=True, exist_ok=True)
    quiz = QuizScreen(course.quizzes[4], root)
    app.push_screen(quiz)
    await wait_for(pilot, lambda: app.screen is quiz and quiz.query(Input), what="the quiz")
    return quiz


async def test_an_enter_that_arrives_after_the_answer_means_next(course, private_data_dir):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, course, private_data_dir)
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
        # its field composed: under load the screen was current before its box was there
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen) and app.screen.query(Input))
        box = app.screen
        field = box.query_one(Input)
        field.value = "0.968"
        box.post_message(Input.Submitted(field, "0.968"))
        box.post_message(Input.Submitted(field, "0.968"))
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        assert lesson in app.screen_stack and isinstance(app.screen_stack[-2], LessonScreen)
        assert "Right: 0.968" in app.screen.body.plain


async def test_an_answer_typed_in_the_burst_that_goes_next_reaches_the_next_question(course, private_data_dir):
    """`enter 2 enter` after a verdict: enter went to question 2, but the `2` and its enter, read
    before the answer field had the focus, were dropped: an empty field, nothing saved."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        quiz = await open_quiz(pilot, app, course, private_data_dir)
        await pilot.press(*"-0.275", "enter")
        await wait_for(pilot, lambda: quiz.showing_verdict, what="the verdict")
        answer = str(course.quizzes[4].questions[1].answer)
        for key in ("enter", *answer, "enter"):  # one burst: all read before any is handled
            app.simulate_key(key)
        await wait_for(pilot, lambda: quiz.number == 2 and quiz.showing_verdict, what="question 2 answered")
        assert (quiz.right, quiz.answered) == (2, 2)
        saved = json.loads((private_data_dir / "answers.json").read_text())
        assert saved["latest"]["quiz/4/2"]["right"], saved


async def test_a_notice_said_twice_in_one_burst_shows_once(course):
    """`w w` before any run stacked two "no run yet: space runs the lesson" notices."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        app.simulate_key("w")
        app.simulate_key("w")
        await wait_for(pilot, lambda: len(app._notifications) > 0, what="the notice")
        await pilot.pause(0.1)
        said = [n.message for n in app._notifications]
        assert said.count("no run yet: space runs the lesson") == 1, said


async def contents_at(pilot, app, option_id: str):
    """The contents, its list's highlight on `option_id` (a lesson, or a chapter's quiz row)."""
    from grok_tui.ui.screens.contents_list import LessonList

    await wait_for(pilot, lambda: app.screen.query(LessonList), what="the contents")
    lessons = app.screen.query_one(LessonList)
    lessons.highlighted = lessons.get_option_index(option_id)
    return lessons


async def running_after(pilot, app, keys) -> LessonScreen:
    """`keys` read in one burst, then the lesson they open, once its run has started."""
    for key in keys:
        app.simulate_key(key)
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
    lesson = app.screen
    await wait_for(pilot, lambda: lesson.session.run is not None, what="the run the keys asked for")
    return lesson


@pytest.mark.parametrize(
    ("keys", "width"),
    [
        (("enter", "space"), 80),
        (("enter", "space"), 130),  # (at 130 the lesson opens after its lab's imports)
        (("space", "space"), 80),
        (("enter", "enter", "space"), 80),
    ],
)
async def test_space_read_with_the_key_that_opens_a_lesson_runs_it(course, keys, width):
    """`enter space` on the contents opened the lesson and did not run it: both keys were handled
    by the contents, space choosing the same lesson again (ui/keys_ahead.py). Space space is meant
    too (space opens, then runs); a doubled enter is dropped: in the lesson it opens a value box."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(width, 24)) as pilot:
        await contents_at(pilot, app, "4.5")
        lesson = await running_after(pilot, app, keys)
        assert lesson.lesson.id == "4.5" and app.screen is lesson  # no value box over it


async def test_a_lesson_key_read_with_the_enter_acts_in_the_lesson_not_on_the_contents(course):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_at(pilot, app, "4.4")
        app.simulate_key("enter")
        app.simulate_key("n")  # the next lesson, from the one enter opened
        await wait_for(
            pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5", what="4.5"
        )
        said = [n.message for n in app._notifications]
        assert not any("no key here" in s for s in said), said  # the contents said "n: no key here"


async def test_an_answer_read_with_the_enter_that_opens_the_quiz_answers_its_first_question(course, private_data_dir):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_at(pilot, app, "quiz-4")
        for key in ("enter", *"-0.275", "enter"):  # one burst: all read before any is handled
            app.simulate_key(key)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen) and app.screen.showing_verdict)
        assert (app.screen.right, app.screen.answered) == (1, 1)


@pytest.mark.parametrize("width", [80, 130])
async def test_space_read_with_the_palettes_enter_runs_the_lesson_it_opens(course, width):
    """`ctrl+p 4.5 enter space` in one burst: space went into the palette's search as it closed,
    and the lesson opened without running."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(width, 24)) as pilot:
        await contents_at(pilot, app, "4.4")
        lesson = await running_after(pilot, app, ("ctrl+p", *"4.5", "enter", "space"))
        assert lesson.lesson.id == "4.5"


@pytest.mark.parametrize("start", [None, "4.4"])
async def test_enter_twice_in_the_palette_opens_the_lesson_and_keeps_the_tutor(course, start):
    """ctrl+p, 4.5, then enter enter in one burst: Textual's palette closed twice, the second time
    popping the contents under it: "ScreenStackError: Can't pop screen", the tutor gone (from a
    lesson, the lesson under the palette went silently). A trial, on a laggy link."""
    from grok_tui.ui.palette import TypeaheadPalette
    from grok_tui.ui.screens.contents import ContentsScreen

    app = GrokApp(course, start_lesson=start, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query("LessonList, LessonDocument"), what="the first screen")
        await pilot.press("ctrl+p", *"4.5")
        await wait_for(pilot, lambda: isinstance(app.screen, TypeaheadPalette) and not app.screen._searching())
        app.simulate_key("enter")
        app.simulate_key("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5")
        await pilot.pause(0.2)
        assert [type(s) for s in app.screen_stack] == [ContentsScreen, LessonScreen]
        assert app.screen.lesson.id == "4.5" and app.is_running


async def test_the_palette_submitted_twice_runs_its_command_once(course):
    """Two enters the search field handled before the palette closed (no hold: read apart)."""
    from textual.widgets import Input

    from grok_tui.ui.palette import TypeaheadPalette

    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_at(pilot, app, "4.4")
        await pilot.press("ctrl+p", *"4.5")
        await wait_for(pilot, lambda: isinstance(app.screen, TypeaheadPalette) and not app.screen._searching())
        palette = app.screen
        field = palette.query_one(Input)
        palette.post_message(Input.Submitted(field, field.value))
        palette.post_message(Input.Submitted(field, field.value))
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5")
        await pilot.pause(0.2)
        assert len(app.screen_stack) == 2 and app.is_running


async def test_space_read_with_the_enter_that_picks_one_of_several_in_the_palette_runs_it(course):
    """A search that several lessons match ("4." : 4.4 and 4.5), one highlighted: `enter space` let
    the space go back to the search as if enter had only highlighted (a trial: `C-p 4.3 Enter Space`)."""
    from textual.command import CommandList

    from grok_tui.ui.palette import TypeaheadPalette

    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_at(pilot, app, "4.4")
        await pilot.press("ctrl+p", *"4.")
        await wait_for(pilot, lambda: isinstance(app.screen, TypeaheadPalette) and not app.screen._searching())
        commands = app.screen.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count > 1, what="several lessons found")
        await pilot.press("down")
        await wait_for(pilot, lambda: commands.highlighted is not None, what="one highlighted")
        # enter and space as a terminal's read hands them over (Pilot's own keys come too late to
        # race the list): the space held by enter, then enter's choice
        app.keys_ahead.hold(events.Key("enter", "\r"), read=True)
        assert app.keys_ahead.take(events.Key("space", " "))
        app.screen._select_or_command()
        assert app.keys_ahead.holding  # the space waits for the lesson chosen, not for the search
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        lesson = app.screen
        await wait_for(pilot, lambda: lesson.session.run is not None, what="the run the space asked for")
        assert lesson.lesson.id.startswith("4.")


async def test_keys_read_before_the_enter_act_on_the_contents(course):
    """`↓ enter space` in one burst: the list saw the enter before the app saw the ↓ read ahead of it,
    and the ↓ was held for the lesson: the highlighted lesson opened, not the one below it."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_at(pilot, app, "4.4")
        lesson = await running_after(pilot, app, ("down", "enter", "space"))
        assert lesson.lesson.id == "4.5"

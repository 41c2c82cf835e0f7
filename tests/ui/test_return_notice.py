"""A restart names what the learner left half done: a learner who quit in the middle of a quiz came
back to "back at 4.4, where you left off" and nothing more, and an exercise draft's "press e to go
on" line was scrolled out of view (a trial at 80x24)."""

from __future__ import annotations

import pytest

from grok_tui.answers import record_answer
from grok_tui.progress import Progress
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import screen_text, wait_for


async def test_a_restart_names_the_draft_and_the_quiz_left_partway(catalog):
    progress = Progress.load()
    progress.open_lesson("3.2")
    progress.save_draft("3.2", "w_sum", "def w_sum(a, b):\n    total = 0\n")
    for question in (1, 2, 3):
        record_answer(progress.root, f"quiz/3/{question}", "1", True)
    total = len(catalog.quizzes[3].questions)
    app = GrokApp(catalog)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="3.2")
        said = [n.message for n in app._notifications]
        assert said == [
            "back at 3.2, where you left off · your draft of w_sum waits: e · the chapter 3 quiz, "
            f"stopped after question 3 of {total}: ctrl+p quiz 3 · escape: all lessons"
        ], said
        # the keys it names do what it says
        await pilot.press("ctrl+p")
        await pilot.press(*"quiz 3", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await wait_for(pilot, lambda: f"Question 4 of {total}" in screen_text(app), what="question 4")
        # said of the lesson screen: it stayed over the quiz, where escape does something else
        assert not [n for n in app._notifications if "escape: all lessons" in n.message]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="back to 3.2")
        await pilot.press("e")
        await wait_for(pilot, lambda: "total = 0" in screen_text(app), what="the draft in the editor")


async def test_a_draft_of_another_lesson_names_the_keys_that_reach_it(catalog):
    progress = Progress.load()
    progress.save_draft("3.2", "w_sum", "def w_sum(a, b):\n    total = 0\n")
    progress.open_lesson("4.5")
    app = GrokApp(catalog)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="4.5")
        said = [n.message for n in app._notifications]
        assert said == [
            "back at 4.5, where you left off · your draft of 3.2/w_sum waits: ctrl+p 3.2, then e · escape: all lessons"
        ], said
        await pilot.press("ctrl+p", *"3.2", "enter")  # as it says
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None and app.screen.lesson.id == "3.2")
        await pilot.press("e")
        await wait_for(pilot, lambda: "total = 0" in screen_text(app), what="the draft in the editor")


@pytest.mark.parametrize("width", [100, 101])
async def test_the_notice_is_whole_where_its_words_just_fit_a_line(catalog, width):
    """At 100-101 columns its last word, "lessons", was drawn under the line below it: the toast's
    height was worked out beside the rack's scroll bar, and it was drawn without one (a trial)."""
    Progress.load().open_lesson("4.4")
    app = GrokApp(catalog)
    async with app.run_test(size=(width, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="4.4")
        await wait_for(pilot, lambda: "back at 4.4" in screen_text(app), what="the notice")
        await pilot.pause()
        assert "escape: all lessons" in screen_text(app), screen_text(app).splitlines()[-6:]


async def test_a_restart_at_a_lesson_finished_says_which_comes_next(catalog):
    """Back at 4.4, finished last time, its run was "ready" again and nothing named 4.5 (the CLI's
    `progress` did: a trial)."""
    progress = Progress.load()
    progress.open_lesson("4.4")
    progress.finish_lesson("4.4")
    app = GrokApp(catalog)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="4.4")
        said = [n.message for n in app._notifications]
        assert said == ["back at 4.4, where you left off · you finished it: n opens 4.5 · escape: all lessons"], said
        await pilot.press("n")  # as it says
        await wait_for(pilot, lambda: app.screen.lesson.id == "4.5", what="4.5")

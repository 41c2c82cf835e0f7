"""F on the contents: lessons 4.5 and 5.5 teach F as "the chapter quiz", and on the contents it said
"F: no key here". It takes the quiz of the highlighted row's chapter."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from grok_tui.ui.screens.help import HelpScreen
from grok_tui.ui.screens.quiz import QuizScreen
from tests.ui.helpers import key_bar_settled, screen_text, wait_for


def highlight(app, option_id: str) -> None:
    listed = app.screen.query_one("#lessons")
    listed.highlighted = next(i for i, o in enumerate(listed._options) if o.id == option_id)


async def test_f_takes_the_quiz_of_the_highlighted_lessons_chapter_or_of_the_quiz_row(catalog):
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        highlight(app, "4.2")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        assert app.screen.quiz.chapter == 4
        assert not [n.message for n in app._notifications if "no key" in n.message]
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        highlight(app, "quiz-5")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        assert app.screen.quiz.chapter == 5


async def test_f_in_a_chapter_without_a_quiz_says_so(small_catalog):
    assert not small_catalog.quizzes
    app = GrokApp(small_catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        highlight(app, "3.1")
        await pilot.press("F")
        await pilot.pause()
        assert isinstance(app.screen, ContentsScreen)
        assert [n.message for n in app._notifications] == ["chapter 3 has no quiz"]
        await pilot.press("F")  # said once, not stacked
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["chapter 3 has no quiz"]


async def test_f_is_in_the_contents_key_bar_and_help(catalog):
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await wait_for(pilot, lambda: key_bar_settled(app), what="the key bar")
        bar = screen_text(app).splitlines()[-1]
        assert "F chapter quiz" in bar, bar
        # ...after the way into a lesson: the first screen offered the quiz and no way in (a trial)
        assert bar.lstrip().startswith("enter open  f1 help"), bar
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await pilot.pause()
        assert "take the chosen lesson's chapter quiz" in screen_text(app)


async def test_a_click_on_a_quiz_choice_highlights_it_and_enter_answers_it(catalog):
    """A learner with a mouse clicked "2  deep learning is where ..." and nothing happened."""
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        highlight(app, "2.1")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.pause()
        rows = screen_text(app).splitlines()
        y = next(n for n, row in enumerate(rows) if "2  deep learning is where" in row)
        x = rows[y].index("deep learning is where") + 5
        await pilot.click(offset=(x, y))
        await pilot.pause()
        assert app.screen.highlighted == 1 and app.screen.query_one("#quiz-answer").value == "2"
        assert "▸ 2  deep learning is where" in screen_text(app)
        await pilot.press("enter")  # the answer field kept the keys
        await wait_for(pilot, lambda: "Not quite" in screen_text(app), what="the verdict")


async def test_the_key_bar_offers_f_only_on_a_chapter_with_a_quiz(catalog, small_catalog):
    """A teacher's chapter without a quiz had "F chapter quiz" in the key bar, and F then said it had none."""
    for course, offered in ((small_catalog, False), (catalog, True)):
        app = GrokApp(course, speed=0)
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda app=app: isinstance(app.screen, ContentsScreen), what="the contents")
            highlight(app, "3.1")
            await pilot.pause()
            await wait_for(pilot, lambda app=app: key_bar_settled(app), what="the key bar")
            bar = screen_text(app).splitlines()[-1]
            assert ("F chapter quiz" in bar) is offered and "help" in bar, bar


async def test_a_click_on_a_chapter_heading_highlights_its_first_lesson(catalog):
    """The contents' chapter headings took no clicks: a learner with a mouse clicked "4 ..." and
    nothing happened. The chapter's first lesson is highlighted (not opened)."""
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.pause()
        rows = screen_text(app).splitlines()
        y = next(n for n, row in enumerate(rows) if row.lstrip().startswith("3 ") and "Forward" in row)
        await pilot.click(offset=(rows[y].index("Forward") + 2, y))
        await pilot.pause()
        listed = app.screen.query_one("#lessons")
        assert listed.highlighted_option.id == "3.1" and isinstance(app.screen, ContentsScreen)


async def test_the_contents_title_keeps_its_keys_whole(catalog):
    """At 80 columns the title ended "↑↓ enter · ctrl+p": the word that says what ctrl+p does was cut."""
    for width, keys in ((80, "ctrl+p find"), (120, "↑↓ enter · ctrl+p find")):
        app = GrokApp(catalog, speed=0)
        async with app.run_test(size=(width, 24)) as pilot:
            await wait_for(pilot, lambda app=app: isinstance(app.screen, ContentsScreen), what="the contents")
            await pilot.pause()
            title = screen_text(app).splitlines()[0].rstrip()
            assert title.endswith(keys), (width, title)

"""The contents say how far each lesson is (its run, its exercises); the course ends with a page."""

from __future__ import annotations

import dataclasses
import re

import pytest
from textual.widgets import OptionList

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from grok_tui.ui.screens.course_end import CourseEndScreen
from tests.conftest import LESSONS
from tests.ui.helpers import text_of, wait_for


def rows(screen) -> list[str]:
    options = screen.query_one(OptionList)
    return [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]


def footer_descriptions(screen) -> set[str]:
    return {b.binding.description for b in screen.active_bindings.values() if b.binding.show and b.enabled}


async def test_the_first_screen_offers_no_way_back_to_a_lesson(small_catalog):
    app = GrokApp(small_catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, ContentsScreen)
        assert "back to lesson" not in footer_descriptions(app.screen)
        await pilot.press("enter")  # open the first lesson, then back to the contents
        await wait_for(pilot, lambda: not isinstance(app.screen, ContentsScreen), what="the lesson")
        await pilot.press("c")
        await pilot.pause()
        assert "back to lesson" in footer_descriptions(app.screen)


async def test_a_lesson_run_but_with_exercises_open_is_marked_apart(small_catalog):
    index = small_catalog.index("4.5")
    borrowed = next(l for l in load_catalog(LESSONS).lessons if l.id == "5.1").exercises
    lesson = dataclasses.replace(small_catalog.lessons[index], exercises=borrowed)
    small_catalog.lessons[index] = lesson
    app = GrokApp(small_catalog, speed=0)
    progress = app.progress
    async with app.run_test(size=(80, 24)):
        names = [e.name for e in lesson.exercises]
        progress.finish_lesson("3.1")
        progress.finish_lesson("4.5")
        app.screen.refresh_marks()
        row = next(r for r in rows(app.screen) if "4.5 " in r)
        assert "◐" in row and f"exercises 0/{len(names)}" in row
        for name in names:
            progress.record_pass("4.5", name, "pass")
        app.screen.refresh_marks()
        row = next(r for r in rows(app.screen) if "4.5 " in r)
        assert "✓" in row and "◐" not in row and f"exercises {len(names)}/{len(names)}" in row
        assert "✓ complete" in text_of(app.screen.query_one("#legend"))


async def test_n_on_the_last_lesson_ends_the_course(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None, what="the lesson")
        app.progress.finish_lesson("4.5")
        await pilot.press("n")
        assert isinstance(app.screen, CourseEndScreen)
        body = text_of(app.screen.query_one("#end-body"))
        assert body.startswith("You reached the last lesson. Complete so far: 1 of 2 lessons")
        assert "What you built" in body and "4 Gradient descent" in body
        assert "1/2 lessons complete, 1/2 run to the end, 0/0 exercises passed" in body and "Still open: 3.1" in body
        assert "What to read next" in body and "chapters 2 to 9" in body and "chapter 10" in body
        await pilot.press("escape")
        assert app.screen.lesson.id == "4.5"
        app.progress.finish_lesson("3.1")
        await pilot.press("n")
        body = text_of(app.screen.query_one("#end-body"))
        assert body.startswith("You finished the course: all 2 lessons complete.") and "Still open" not in body


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_lesson_title_fits_one_line_of_the_list(catalog, size):
    """5.2b's long title wrapped at 120x40 (only titles with an exercises count were cut): its end
    sat on a line of its own, like another lesson."""
    app = GrokApp(catalog)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen) and rows(app.screen), what="contents")
        screen = app.screen
        room = screen.query_one(OptionList).scrollable_content_region.width - 2
        lessons = [r for r in rows(screen) if r[:2] in ("  ", "▸ ")]  # and each chapter's quiz
        assert len(lessons) == len(catalog.lessons) + len(catalog.quizzes)
        assert all(len(r) <= room for r in lessons), [r for r in lessons if len(r) > room]


async def test_the_list_is_laid_out_again_for_a_new_size_and_shows_whole_titles(catalog):
    """Resized from 80x24 to 120x40, each exercises count wrapped onto a line of its own (the lines
    were cut for the list's width before the new layout); back at 80 the titles stayed cut. At 120
    the list was narrower than at 80 and cut titles that fit there."""
    app = GrokApp(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen) and rows(app.screen), what="contents")
        screen = app.screen
        listed = screen.query_one(OptionList)
        await pilot.press("down", "down")  # a resize leaves the highlight where the learner put it
        chosen = listed.highlighted
        for size in [(120, 40), (80, 24), (200, 50)]:
            await pilot.resize_terminal(*size)
            await wait_for(pilot, lambda size=size: app.size == size and listed.scrollable_content_region.width > 0)
            await pilot.pause()
            room = listed.scrollable_content_region.width - 2
            lessons = [r for r in rows(screen) if r[:2] in ("  ", "▸ ")]
            assert all(len(r) <= room and "…" not in r for r in lessons), (size, room, lessons)
            assert listed.highlighted == chosen, size
            counted = [r for r in lessons if "exercises" in r]
            assert all(re.search(r"exercises \d/\d$", r) and len(r) == room for r in counted), (size, room, counted)


def test_the_preview_shows_markdown_marks_as_styles_and_code_as_it_is(catalog):
    """3.1's preview read `*multiplies*`; 4.5's `input**2` became `input2` (all ** were taken out)."""
    from grok_tui.ui.screens.contents import lesson_preview

    one = lesson_preview(catalog.get("3.1"), "")
    assert "the network multiplies its input" in one.plain and "*" not in one.plain
    assert any(str(span.style) == "italic" and one.plain[span.start : span.end] == "multiplies" for span in one.spans)
    four = lesson_preview(catalog.get("4.5"), "")
    assert "the factor 1 - alpha * input**2." in four.plain
    # the lesson's state beside its title: after the chapter's name "(complete)" read as the chapter's
    done = lesson_preview(catalog.get("4.5"), "complete").plain.splitlines()
    assert done[0].endswith("  (lesson complete)") and "complete" not in done[1], done[:2]


async def test_a_chapters_quiz_has_its_row_with_its_score_and_opens_from_it(catalog):
    """After chapter 4's quiz (4 of 5 right) the contents said only "4 Gradient descent 4/6 done":
    the score showed nowhere but in the quiz's own panel. A learner who wanted to take the quiz again
    found it neither here nor in ctrl+p: only in the chapter's last lesson, after a run (F)."""
    from grok_tui.answers import record_answer
    from grok_tui.ui.screens.quiz import QuizScreen

    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        total = len(catalog.quizzes[4].questions)
        quiz_row = next(r for r in rows(app.screen) if "chapter 4 quiz" in r)
        assert quiz_row.strip().startswith("✎ chapter 4 quiz") and quiz_row.endswith(f"{total} questions"), quiz_row
        record_answer(app.progress.root, "quiz/4/1", "x", right=True)
        app.screen.refresh_marks()
        quiz_row = next(r for r in rows(app.screen) if "chapter 4 quiz" in r)
        assert quiz_row.endswith(f"1 of 1 right, {total - 1} to go"), quiz_row  # not "1/5": four wrong?
        for number in range(1, total + 1):
            record_answer(app.progress.root, f"quiz/4/{number}", "x", right=number != 3)
        app.screen.refresh_marks()
        quiz_row = next(r for r in rows(app.screen) if "chapter 4 quiz" in r)
        assert quiz_row.endswith(f"{total - 1}/{total} right"), quiz_row
        # taken again, one answer in: the row follows the attempt the quiz goes on with (it said
        # "5/5 right" from each question's latest answer, and the quiz went on at question 2)
        record_answer(app.progress.root, "quiz/4/1", "x", right=True)
        app.screen.refresh_marks()
        quiz_row = next(r for r in rows(app.screen) if "chapter 4 quiz" in r)
        assert quiz_row.endswith(f"1 of 1 right, {total - 1} to go"), quiz_row
        # a ✎ row for each chapter's quiz, in chapter order (every chapter of the course has one now;
        # test_every_lesson_title_fits_one_line_of_the_list counts no more rows than quizzes)
        quiz_rows = [r.split("✎ chapter ")[1].split()[0] for r in rows(app.screen) if "✎" in r]
        assert quiz_rows == [str(chapter) for chapter in sorted(catalog.quizzes)] == ["2", "3", "4", "5", "6", "7"]
        # enter on the row takes the quiz; escape comes back to the contents, on the row
        listed = app.screen.query_one("#lessons")
        listed.highlighted = next(i for i, o in enumerate(listed._options) if o.id == "quiz-4")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuizScreen) and app.screen.quiz.chapter == 4
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ContentsScreen" and listed.highlighted_option.id == "quiz-4"
        preview = text_of(app.screen.query_one("#preview"))
        assert "Press enter to go on at question 2." in preview, preview


async def test_ctrl_p_finds_a_chapter_quiz(catalog):
    from textual.command import CommandList, CommandPalette

    from grok_tui.ui.screens.quiz import QuizScreen

    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end")  # the last row: back from the quiz, the highlight is still there
        listed = app.screen.query_one("#lessons")
        last = listed.highlighted
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        await pilot.press(*"quiz 5")  # the other order finds it too (a teacher's "quiz 8" found nothing)

        def found() -> bool:
            if not isinstance(app.screen, CommandPalette):
                return False
            results = app.screen.query_one(CommandList)
            highlighted = results.highlighted
            return highlighted is not None and "chapter 5 quiz" in str(results.get_option_at_index(highlighted).prompt)

        await wait_for(pilot, found, what="the palette to find the quiz")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        assert app.screen.quiz.chapter == 5
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ContentsScreen", what="the contents")
        await pilot.pause()
        assert listed.highlighted == last


async def test_back_from_a_lesson_the_palette_opened_the_highlight_is_on_it(catalog):
    """The contents keep their highlight after a quiz or the palette alone; after a lesson, it goes
    to that lesson, wherever the lesson was opened from."""
    from textual.command import CommandPalette

    from grok_tui.ui.screens.lesson import LessonScreen

    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        listed = app.screen.query_one("#lessons")
        await pilot.press("end")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        await pilot.press(*"lesson 5.3", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.pause()
        assert listed.highlighted_option.id == "5.3"


def test_the_end_page_does_not_say_finished_while_a_lesson_file_did_not_load(small_catalog, tmp_path):
    from grok_tui.lesson.model import LessonError
    from grok_tui.progress import Progress
    from grok_tui.ui.screens.course_end import course_summary

    progress = Progress.load()
    for lesson in small_catalog.lessons:
        progress.finish_lesson(lesson.id)
    assert course_summary(small_catalog, progress).plain.startswith("You finished the course: all 2 lessons")
    broken = dataclasses.replace(small_catalog, errors=[LessonError(tmp_path / "8.1.md", 3, "no id")])
    text = course_summary(broken, progress).plain
    assert "finished" not in text.split("\n")[0], text
    assert text.startswith("All 2 lessons that loaded are complete. 1 lesson file did not load (? lists the problems).")


async def test_ctrl_p_offers_the_theme_quit_and_help_not_textuals_own_tools(catalog):
    """Textual's Screenshot (an SVG written where the tutor started), Maximize and Keys panel came
    first in the palette, above the lessons (a slow-link trial)."""
    from textual.command import CommandPalette

    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert titles == ["Theme", "Quit", "Help"]
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        await pilot.press(*"help", "enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HelpScreen", what="the help")


async def test_a_pass_recorded_from_the_command_line_shows_in_the_open_contents(catalog):
    """`grok-tui verify 3.2` beside the tutor: the contents still said "exercises 0/1" after 10 s
    and until a lesson was opened and left (a trial)."""
    from grok_tui.progress import Progress

    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen) and rows(app.screen), what="contents")
        assert "exercises 0/1" in next(r for r in rows(app.screen) if " 3.2 " in r)
        other = Progress.load()  # another process's view of the same files
        other.record_pass("3.2", "w_sum", catalog.get("3.2").exercise("w_sum").solution.source)
        await wait_for(
            pilot, lambda: "exercises 1/1" in next(r for r in rows(app.screen) if " 3.2 " in r), what="the pass"
        )

"""Pilot tests of getting around: contents, resume, n/p, palette, help, quit, bad lesson files."""

from __future__ import annotations

import json

from textual.widgets import OptionList

from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.progress import Progress, data_dir
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from grok_tui.ui.screens.course_end import CourseEndScreen
from grok_tui.ui.screens.help import HelpScreen
from grok_tui.ui.screens.lesson import LessonScreen
from tests.ui.helpers import screen_text, text_of, wait_for

SIZE = (80, 24)


def contents_text(app) -> str:
    option_list = app.screen.query_one(OptionList)
    return "\n".join(str(option_list.get_option_at_index(i).prompt) for i in range(option_list.option_count))


async def test_contents_opens_a_lesson_and_remembers_it(small_catalog):
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ContentsScreen)  # nothing to resume yet
        text = contents_text(app)
        assert "3 Forward propagation" in text and "4.5 Breaking gradient descent" in text
        await pilot.press("j", "k", "j", "enter")  # chapter headers are skipped: 3.1 -> 4.5 -> 3.1 -> 4.5
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5"
        await pilot.press("c", "j", "enter")  # past the last lesson ↓ stays there (it went round to 3.1)
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5"
        await pilot.press("c")
        assert isinstance(app.screen, ContentsScreen)
        assert "▸ • 4.5" in contents_text(app)  # position and the "started" mark
    saved = json.loads((data_dir() / "progress.json").read_text())
    assert saved["last_lesson"] == "4.5" and saved["lessons"] == {"4.5": "started"}


async def test_home_pgup_and_up_bring_the_first_chapter_heading_back(catalog):
    """At 80x24, after scrolling down the contents, home, pgup or ↑ stopped at 2.1 with "2
    Introduction", the heading above it, out of view for good."""
    app = GrokApp(catalog)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#lessons")
        for keys in (("end", "home"), ("end", "pageup", "pageup", "pageup", "pageup", "pageup"), ("end", "home", "up")):
            await pilot.press(*keys)
            await pilot.pause()
            assert box.scroll_y == 0 and "2 Introduction" in contents_text(app), keys


async def test_escape_steps_back_one_view_at_a_time_and_c_goes_to_the_contents(small_catalog):
    """From the lab, escape went straight to the contents: learners pressing it to leave a panel
    lost their place."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l", "z")  # the lab, its focused pane zoomed
        await wait_for(pilot, lambda: screen.maximized is not None, what="the zoom")
        await pilot.press("escape")
        assert app.screen is screen and screen.maximized is None and screen.lab
        await pilot.press("escape")
        assert app.screen is screen and not screen.lab  # the text
        await pilot.press("escape")
        assert isinstance(app.screen, ContentsScreen)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson again")
        await pilot.press("l", "c")  # c: the contents from anywhere
        assert isinstance(app.screen, ContentsScreen)


async def test_resume_at_the_last_lesson_with_marks(small_catalog):
    progress = Progress.load()
    progress.lessons = {"3.1": "done"}
    progress.open_lesson("4.5")
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5"
        await pilot.press("escape")
        text = contents_text(app)
        assert "✓ 3.1" in text and "▸ • 4.5" in text
        assert "3 Forward propagation  1/1 done" in text and "4 Gradient descent  0/1 done" in text
        assert "1/2 lessons done" in text_of(app.screen.query_one("#title"))


async def test_a_restart_says_where_it_brought_the_learner_and_the_way_back(small_catalog):
    """A newcomer's restart opened 4.5 at their place and said nothing, and no key on the lesson
    screen named the way to the other lessons (escape, found by guessing)."""
    Progress.load().open_lesson("4.5")
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5"
        said = [n.message for n in app._notifications]
        assert said == ["back at 4.5, where you left off · escape: all lessons"], said
        assert "─▶ lesson · ↑↓ pgup pgdn · l lab · esc contents─" in screen_text(app)
        # the notice over the text, not over the strip's "press space to run" (both were cut, a trial)
        await wait_for(pilot, lambda: "back at 4.5, where you left off" in screen_text(app), what="the notice")
        rows = screen_text(app).splitlines()
        strip = rows[SIZE[1] - 3]
        assert "press space to run · l for the lab view" in strip and "▌" not in strip, rows[-6:]
        # said of the lesson: on the contents it covered the highlighted row, "escape" stale there
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.pause()
        assert not [n.message for n in app._notifications if "where you left off" in n.message]
    asked = GrokApp(small_catalog, start_lesson="4.5")  # `grok-tui 4.5`: the learner chose it
    async with asked.run_test(size=SIZE, notifications=True):
        assert isinstance(asked.screen, LessonScreen) and not list(asked._notifications)


async def test_damaged_progress_is_reported_once(small_catalog):
    data_dir().mkdir(parents=True, exist_ok=True)
    (data_dir() / "progress.json").write_text("{not json", encoding="utf-8")
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        notes = [n for n in app._notifications if "could not be read" in n.message]
        assert len(notes) == 1 and notes[0].timeout >= 30  # long enough to read the file's new name
        assert isinstance(app.screen, ContentsScreen)
        (kept,) = data_dir().glob("progress.json.damaged-*")
        # at 80 columns the name was broken in two, its last digit alone on the next line
        await wait_for(pilot, lambda: "could not be read" in screen_text(app), what="the notice on screen")
        assert any(line.rstrip().endswith(kept.name) for line in screen_text(app).splitlines()), screen_text(app)


async def test_next_and_previous_lesson(small_catalog):
    app = GrokApp(small_catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.screen.lesson.id == "4.5"
        await pilot.press("n")  # the last lesson: the end-of-course page, over the lesson
        assert isinstance(app.screen, CourseEndScreen)
        await pilot.press("escape")
        assert app.screen.lesson.id == "4.5"
        await pilot.press("p")
        assert app.screen.lesson.id == "3.1"
        assert len(app.screen_stack) == 2  # contents + one lesson, never a pile of screens
        await pilot.press("p")  # the first lesson: said...
        assert [n.message for n in app._notifications] == ["this is the first lesson"]
        await pilot.press("n")  # ...and not over the next lesson's strip (said of lesson 2 of 36)
        assert app.screen.lesson.id == "4.5" and not list(app._notifications)
        await pilot.press("p")
        await pilot.press(*"npnpnpnpn")  # quicker than the screens mount: nothing may break
        await pilot.pause()
        assert app.screen.lesson.id == "4.5" and len(app.screen_stack) == 2


async def test_leaving_a_lesson_mid_run_cancels_it(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.step_count >= 1, what="a first step")
        await pilot.press("p")
        assert app.screen.lesson.id == "3.1"
        await wait_for(pilot, lambda: screen.run.state is RunState.CANCELLED, what="the run to stop")


async def test_palette_finds_a_lesson_by_title(small_catalog):
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"breaking")
        await wait_for(
            pilot,
            lambda: (
                "Breaking" in str(app.screen.query("CommandList").first().get_option_at_index(0).prompt)
                if app.screen.query("CommandList") and app.screen.query("CommandList").first().option_count
                else False
            ),
            what="a palette hit",
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        assert app.screen.lesson.id == "4.5"


async def test_help_opens_and_closes(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = "\n".join(text_of(w) for w in app.screen.query("Static"))
        assert "run / pause" in shown and "alpha: learning rate" in shown
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, LessonScreen)


async def test_quit_mid_run_stops_the_worker(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.step_count >= 1, what="a first step")
        run = screen.run
        await pilot.press("q")
    assert app.return_code == 0
    assert run.join(timeout=2) and run.state is RunState.CANCELLED


async def test_a_bad_lesson_file_is_reported_and_the_good_ones_load(lessons_dir):
    bad = lessons_dir / "ch9" / "9.1-broken.md"
    bad.parent.mkdir()
    bad.write_text('+++\nid = "9.1"\nchapter = 9\ntitle = "Broken"\nbogus_key = 1\n+++\n\nText.\n', encoding="utf-8")
    catalog = load_catalog(lessons_dir)
    assert catalog.errors
    app = GrokApp(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        problem = str(catalog.errors[0])
        assert "9.1-broken.md:" in problem
        assert any("9.1-broken.md:" in n.message for n in app._notifications)
        assert "9.1-broken.md:" in text_of(app.screen.query_one("#problems"))
        text = contents_text(app)
        assert "3.1 One input" in text and "4.5 Breaking" in text and "Broken" not in text
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "3.1"


async def test_many_bad_lesson_files_are_each_a_line_and_a_teachers_course_is_named(lessons_dir):
    """A teacher's folder with broken lessons: at 80x24 the list under the contents showed three of
    four, wrapped, with nothing saying a fourth was hidden; the title called the course "Grokking Deep
    Learning" and the help said it starts at 2.1 (the teacher's started at 3.1)."""
    from grok_tui.ui.screens.help import HelpScreen

    (lessons_dir / "ch9").mkdir()
    for n in range(1, 9):
        (lessons_dir / "ch9" / f"9.{n}-broken.md").write_text(
            f'+++\nid = "9.{n}"\nchapter = 9\ntitle = "Broken"\nbogus_key = 1\n+++\n\nText.\n', encoding="utf-8"
        )
    catalog = load_catalog(lessons_dir)
    assert len(catalog.errors) == 8
    app = GrokApp(catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listed = text_of(app.screen.query_one("#problems")).splitlines()
        assert listed[0] == "8 lesson files did not load (F1 shows each problem in full):", listed
        assert len(listed) == 7 and listed[-1] == "and 3 more: F1", listed
        assert all(len(line) <= 78 for line in listed), listed
        title = text_of(app.screen.query_one("#title"))
        assert f"course: {lessons_dir.name}" in title and "Grokking" not in title, title
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "(the course starts at the top: 3.1)" in app.screen.keys[0][1], app.screen.keys[0]


async def test_wide_contents_preview_the_highlighted_lesson(small_catalog):
    app = GrokApp(small_catalog)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("j")
        preview = text_of(app.screen.query_one("#preview"))
        assert "4.5 Breaking gradient descent" in preview and "play with: alpha, input, iterations" in preview
        assert "Gradient descent moves the weight" in preview  # the lesson's opening, as plain text


async def test_z_zooms_the_lesson_text_and_the_side_pane_for_reading_at_80x24(small_catalog):
    from grok_tui.ui.widgets.document import LessonDocument

    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen.focused, LessonDocument)  # the text has the focus on opening
        await pilot.press("z")
        assert screen.maximized is screen.query_one(LessonDocument)
        assert screen.query_one(LessonDocument).size.height >= SIZE[1] - 3  # nearly the whole screen
        await pilot.press("z")
        assert screen.maximized is None
        await pilot.press("f", "z")  # focus the values / parameters column, then zoom it
        assert screen.maximized is screen.query_one("#side")
        await pilot.press("left")  # ← → change the chosen parameter here too, as in the lesson text
        assert screen.params["alpha"] == 0.316228
        await pilot.press("escape")
        assert screen.maximized is None and isinstance(app.screen, LessonScreen)


async def test_escape_asks_again_before_leaving_a_run_in_progress(small_catalog):
    """Escape skips a question; one escape more left the paused run for the contents, and on coming
    back the run was gone (ready, step 0). A run in progress now asks for a second escape."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.step_count >= 1, what="a first step")
        await pilot.press("escape")
        assert app.screen is screen and screen.run.state is not RunState.CANCELLED
        # in the status line, not a notice over the strip's values (at 80x24 it hid them for 3 s)
        await pilot.pause()
        # whole on screen at 80 columns: "(this run stop…" was cut before its point (a trial)
        assert "escape again: stop, to the contents" in screen_text(app), screen_text(app)
        assert not [n for n in app._notifications if "escape again" in n.message]
        await pilot.press("r", "s")  # a new run within the warning's 3 s: it asks again, for this run
        await wait_for(pilot, lambda: screen.step_count >= 1, what="the new run's first step")
        await pilot.press("escape")
        assert app.screen is screen and screen.run.state is not RunState.CANCELLED  # asked, did not leave
        await pilot.press("escape")
        assert isinstance(app.screen, ContentsScreen)
        await wait_for(pilot, lambda: screen.run.state is RunState.CANCELLED, what="the run to stop")
        await pilot.press("escape")  # back in the lesson, no run going: one escape leaves
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is screen.lesson, what="the lesson again")
        assert app.screen.session.run is None or app.screen.session.state.done
        await pilot.press("escape")
        assert isinstance(app.screen, ContentsScreen)


async def test_a_lesson_jump_as_a_resize_reaches_the_closing_lesson(catalog):
    """e, a resize there and back, then at once ctrl+p 3.6: the lesson under the editor took the
    resize as the jump closed it, and its redraw came after its status line was gone. The tutor
    stopped on "NoMatches: No nodes match 'StatusLine'" (4 times in 4 in tmux)."""
    from grok_tui.ui.screens.exercise import ExerciseScreen

    app = GrokApp(catalog, start_lesson="3.2", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="3.2")
        lesson = app.screen
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the editor")
        lesson.on_resize()  # what the closing lesson did with the size it had not seen yet
        app.open_lesson("3.6")
        await wait_for(
            pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "3.6", what="3.6"
        )
        await pilot.pause()
        assert app.is_running and not lesson.is_attached


async def test_the_palettes_quiz_entry_says_the_score_as_the_contents_do(course, private_data_dir):
    """After a 3/3 score ctrl+p still offered chapter 2's quiz as "3 questions" (a trial)."""
    from grok_tui.answers import record_answer
    from grok_tui.ui.commands import LessonCommands

    app = GrokApp(course)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        questions = len(course.quizzes[4].questions)

        async def said() -> str:
            provider = LessonCommands(app.screen)
            await provider.startup()  # as the palette does when it opens
            entries = provider._entries()
            return next(help_text for text, _, _, help_text in entries if text.startswith("chapter 4 quiz"))

        assert await said() == f"{questions} questions"
        record_answer(private_data_dir, "quiz/4/1", "x", right=False)
        assert await said() == f"0 of 1 right, {questions - 1} to go"
        for number in range(1, questions + 1):
            record_answer(private_data_dir, f"quiz/4/{number}", "x", right=True)
        assert await said() == f"{questions}/{questions} right"

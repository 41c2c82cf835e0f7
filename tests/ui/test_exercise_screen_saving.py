"""The exercise screen keeps what the learner typed and hears what the command line did: typing saved
and resumed after a restart, a draft that cannot be saved said on screen, a keystroke kept by a quit
right after it, a damaged draft set aside and said, a hint and a pass from `grok-tui hint` and
`verify` shown on the open screen. (Checking, hints and keys: test_exercise_screen.py.)"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from grok_tui.progress import Progress
from grok_tui.ui.screens.exercise import ExerciseScreen

from . import test_exercise_screen
from .helpers import wait_for
from .test_exercise_screen import RIGHT, Host, shown

lesson = test_exercise_screen.lesson  # the fixture (lesson 9.1), under its name for pytest


async def test_typing_is_saved_and_resumed_after_a_restart(lesson):
    app = Host(lesson, lesson.exercises[0])
    draft: Path = app.progress.draft_path("9.1", "w_sum")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        editor.move_cursor((2, 0))
        await pilot.press(*"# kept", "enter")
        typed = editor.text
        # Saved while the app still runs (as a crash would find it), within the debounce's bound.
        await wait_for(
            pilot, lambda: draft.exists() and draft.read_text(encoding="utf-8") == typed, 3, "the draft file"
        )
        assert "# kept" in typed
    again = Host(lesson, lesson.exercises[0])
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.screen.query_one(TextArea).text == typed


async def test_a_draft_that_cannot_be_saved_is_said_on_screen(lesson, private_data_dir):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "drafts").write_text("a file where the drafts folder should be")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("x")
        await wait_for(pilot, lambda: "could not save your draft" in shown(screen), 3, "the save error")
        assert isinstance(app.screen, ExerciseScreen)  # and the tutor carries on


async def test_quitting_right_after_a_keystroke_keeps_it(lesson):
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(TextArea).move_cursor((0, 0))
        await pilot.press("Z")  # and quit before the autosave's pause has passed
        app.exit()
    assert Progress.load().load_draft("9.1", "w_sum").startswith("Zdef w_sum")


async def test_a_hint_and_a_pass_from_the_command_line_show_on_the_open_screen(lesson):
    """`grok-tui hint` printed hint 1 beside the open screen, whose F2 then gave hint 1 again; a pass
    by `grok-tui verify` left the screen asking for the TODO."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        title = lambda: str(screen.query_one("#ex-title").render())  # noqa: E731
        assert "hints 0/" in title() and "passed" not in title()
        other = Progress.load()  # the command line's own copy
        other.show_hint("9.1", "w_sum", 1)
        other.record_pass("9.1", "w_sum", RIGHT)
        await wait_for(pilot, lambda: "✓ passed" in title(), 5, "the pass to show")
        assert "hints 1/" in title()
        await pilot.press("escape", "f2")
        assert screen.hints == 2


async def test_a_hint_from_the_command_line_shows_though_a_save_of_the_tutors_took_it_in_first(lesson):
    """A save of the tutor's own (the lesson under the screen moving on) merged the command line's
    hints into its progress before the screen looked: the title kept "hints 0/3" after two hints
    printed beside it, and F2 gave hint 1 again."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        title = lambda: str(screen.query_one("#ex-title").render())  # noqa: E731
        other = Progress.load()  # the command line's own copy
        other.show_hint("9.1", "w_sum", 1)
        other.show_hint("9.1", "w_sum", 2)
        screen.progress.open_lesson("9.2")  # the tutor's own save, merging the file in
        assert screen.progress.hints_shown("9.1", "w_sum") == 2
        await wait_for(pilot, lambda: "hints 2/" in title(), 5, "the two hints to show")
        await pilot.press("escape", "f2")
        assert screen.hints == 3 and "Hint 3/3" in shown(screen)


async def test_a_damaged_draft_is_set_aside_and_said(lesson):
    progress = Progress.load()
    progress.draft_path("9.1", "w_sum").parent.mkdir(parents=True)
    progress.draft_path("9.1", "w_sum").write_bytes(b"\xff\xfe not utf-8")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        assert screen.query_one(TextArea).text == lesson.exercises[0].stub.source
        assert "could not be read" in shown(screen) and "damaged" in shown(screen)

"""A draft changed outside the tutor (`grok-tui edit`, any editor) while the exercise screen is open:
the screen picks it up, and when both sides changed, the newer wins and the other is kept as a .bak."""

from __future__ import annotations

import os
import time

from textual.widgets import TextArea

from grok_tui.progress import Progress
from grok_tui.ui.screens.exercise import ExerciseScreen

from .helpers import screen_text, wait_for
from .test_exercise_screen import RIGHT, Host, check_and_wait, lesson, shown  # noqa: F401  (the lesson fixture)

THEIRS = "def w_sum(a, b):\n    return 42  # written in another editor\n"


def _backups(progress: Progress) -> list[str]:
    path = progress.draft_path("9.1", "w_sum")
    return sorted(p.read_text() for p in path.parent.glob(f"{path.name}.bak-*"))


async def test_an_outside_change_shows_up_in_the_editor(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        app.progress.save_draft("9.1", "w_sum", THEIRS)  # as `grok-tui edit` would
        editor = screen.query_one(TextArea)
        await wait_for(pilot, lambda: editor.text == THEIRS, 5, "the outside edit to be picked up")
        assert _backups(app.progress) == []  # nothing typed here: nothing to keep
        await pilot.press("escape", "escape")
    assert Progress.load().load_draft("9.1", "w_sum") == THEIRS


UNSAVED = RIGHT + "# typed here, not saved yet\n"


async def test_an_outside_edit_after_the_tutor_saved_keeps_no_copy(lesson):  # noqa: F811
    """4.1: typed here, saved by the tutor, then `grok-tui edit` changed the file: the screen kept the
    saved code as a .bak and said "Yours from here is kept as squared_error.py.bak-...", though
    nothing was unsaved (it compared with the text it opened with, not the one it had saved)."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        editor = screen.query_one(TextArea)
        editor.text = RIGHT  # typed here...
        await pilot.pause()
        screen.save_draft()  # ...and saved
        path = app.progress.draft_path("9.1", "w_sum")
        app.progress.save_draft("9.1", "w_sum", THEIRS)  # then changed outside, from the saved file
        later = time.time() + 5
        os.utime(path, (later, later))
        screen._take_outside_edit()
        assert editor.text == THEIRS
        assert _backups(app.progress) == []
        await wait_for(pilot, lambda: list(app._notifications), 5, "the screen to say what it loaded")
        said = [n.message for n in app._notifications]
        # and how to get back what it replaced (a trial's typed line was gone, with no word)
        assert said == ["Loaded your code as changed outside the tutor. ctrl+z brings back what it replaced."], said
        await pilot.press("ctrl+z")  # the editor's undo still has the tutor's version
        assert editor.text == RIGHT


async def test_both_changed_and_the_outside_edit_is_newer(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        editor = screen.query_one(TextArea)
        editor.text = RIGHT  # typed here, saved...
        await pilot.pause()
        screen.save_draft()
        editor.text = UNSAVED  # ...and typed on, not yet saved
        path = app.progress.draft_path("9.1", "w_sum")
        app.progress.save_draft("9.1", "w_sum", THEIRS)  # then changed outside, later
        later = time.time() + 5
        os.utime(path, (later, later))
        screen._take_outside_edit()
        assert editor.text == THEIRS
        assert _backups(app.progress) == [UNSAVED]
        said = lambda: any("Yours from here is kept as w_sum.py.bak-" in n.message for n in app._notifications)  # noqa: E731
        await wait_for(pilot, said, 5, "the screen to say what it kept")
        await pilot.press("ctrl+z")  # and the editor's undo brings the tutor's version back too
        assert editor.text == UNSAVED


async def test_both_changed_and_the_tutors_edit_is_newer(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        editor = screen.query_one(TextArea)
        path = app.progress.draft_path("9.1", "w_sum")
        editor.text = RIGHT  # typed here, saved...
        await pilot.pause()
        screen.save_draft()
        editor.text = UNSAVED  # ...and typed on, not yet saved
        await pilot.pause()
        app.progress.save_draft("9.1", "w_sum", THEIRS)  # and an outside change dated long before
        os.utime(path, (1_000_000, 1_000_000))
        screen._take_outside_edit()
        assert editor.text == UNSAVED
        assert _backups(app.progress) == [THEIRS]
        screen.saver.flush()
        assert app.progress.load_draft("9.1", "w_sum") == UNSAVED
        screen._take_outside_edit()  # settled: no second backup
        assert _backups(app.progress) == [THEIRS]


async def test_an_outside_edit_between_two_autosaves_is_kept_aside(lesson):  # noqa: F811
    """The learner types while `grok-tui edit` saves: the autosave (0.3 s after a key) came before the
    once-a-second check for outside edits, and wrote over the outside version, which was lost."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ExerciseScreen)
        editor = screen.query_one(TextArea)
        editor.text = RIGHT
        await pilot.pause()
        screen.save_draft()
        app.progress.save_draft("9.1", "w_sum", THEIRS)  # saved outside...
        editor.text = RIGHT + "# one more key\n"  # ...as the learner types on, before the check
        await pilot.pause()
        screen.save_draft()
        assert app.progress.load_draft("9.1", "w_sum") == RIGHT + "# one more key\n"
        assert _backups(app.progress) == [THEIRS]
        # the notice reaches the app as a message: waiting only for the saver's list to empty raced it
        said = lambda: any("kept as w_sum.py.bak-" in n.message for n in app._notifications)  # noqa: E731
        await wait_for(pilot, said, 5, "the screen to say what it kept")
        assert not screen.saver.kept
        screen._take_outside_edit()  # settled: the poll finds nothing more to do
        assert _backups(app.progress) == [THEIRS] and editor.text == RIGHT + "# one more key\n"


async def test_a_check_takes_back_the_loaded_notice_that_covered_its_verdict(lesson):  # noqa: F811
    """At 80x24 "Loaded your code as changed outside the tutor." stayed 8 s over the pass message of
    the check the learner ran right after coming back from their editor."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        app.progress.save_draft("9.1", "w_sum", RIGHT)  # written in another editor
        editor = screen.query_one(TextArea)
        await wait_for(pilot, lambda: editor.text == RIGHT, 5, "the outside edit to be picked up")
        await wait_for(pilot, lambda: list(app._notifications), 5, "the notice")
        await check_and_wait(pilot, screen)
        assert screen.verdict.passed
        assert [n.message for n in app._notifications] == []


async def test_a_pass_by_verify_outside_replaces_the_failed_verdict_and_one_notice_tells_the_loads(lesson):  # noqa: F811
    """A trial fixed its code outside the tutor and ran `grok-tui verify`: the title said "✓ passed"
    over the last check's "Not yet: a test failed ... (checked before your last edit)", and three
    edits made outside left three "Loaded your code..." notices stacked."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await check_and_wait(pilot, screen)  # the starting code: a test fails
        assert screen.verdict is not None and not screen.verdict.passed
        other = Progress.load()  # the command line's own copy
        for version in (THEIRS, THEIRS + "# again\n", RIGHT):
            other.save_draft("9.1", "w_sum", version)  # as `grok-tui edit` would, three times
            screen._take_outside_edit()
            await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["Loaded your code as changed outside the tutor. ctrl+z brings back what it replaced."], said
        other.record_pass("9.1", "w_sum", RIGHT)  # `grok-tui verify` passed it
        screen._poll_outside()
        await pilot.pause()
        text = shown(screen)
        assert "Not yet" not in text and "checked before your last edit" not in text, text
        assert "`grok-tui verify` passed this code, outside the tutor." in text, text
        assert "passed this exercise before" not in text and "F5 checks again." in screen_text(app), text


async def test_an_outside_edit_back_to_code_the_screen_had_shown_is_taken(lesson):  # noqa: F811
    """A trial put `* 2` back with `grok-tui edit` after the screen had loaded its `** 2`: the file
    held `* 2`, the screen kept `** 2` without a word, and F5 passed what `verify` failed."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        editor = screen.query_one(TextArea)
        first = THEIRS  # typed here and saved by the screen
        editor.text = first
        await pilot.pause()
        screen.save_draft()
        other = Progress.load()
        other.save_draft("9.1", "w_sum", RIGHT)  # changed outside...
        await wait_for(pilot, lambda: editor.text == RIGHT, 5, "the outside edit")
        other.save_draft("9.1", "w_sum", first)  # ...and put back outside
        await wait_for(pilot, lambda: editor.text == first, 5, "the code put back outside")
        screen._save_now()  # the screen's own save of what it holds is still its own
        screen.saver.flush()
        screen._take_outside_edit()
        assert editor.text == first

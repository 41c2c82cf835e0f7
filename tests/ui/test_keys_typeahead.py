"""Keys typed in one burst with the key that opens a box (pasted, sent together over a slow link, or
typed while the app was busy) all reach the box, in order (grok_tui/ui/typeahead.py)."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import TextArea

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.param_input import ParamInput
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import text_of, wait_for

BURST = [
    ("equals_sign", "="),
    ("ctrl+u", None),
    ("0", "0"),
    ("full_stop", "."),
    ("3", "3"),
    ("5", "5"),
    ("enter", "\r"),
]


async def test_a_value_typed_in_one_burst_with_equals_is_the_value_set(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        lesson = app.screen
        assert lesson.session.selected_param.name == "alpha"
        for key, character in BURST:  # all read at once, before the box exists
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: lesson.session.params["alpha"] != 1.0, what="the value to be set")
        assert lesson.session.params["alpha"] == 0.35
        await wait_for(pilot, lambda: app.screen is lesson, what="the box to close")


async def test_a_value_typed_in_one_burst_is_not_also_called_a_key_with_nothing_to_do(small_catalog):
    """`=0.5` in one burst (a trial over a 64 kbit/s link, 5 times of 5): the box got 0.5, and the
    lesson's status line said "5: no key here · ? lists the keys" behind it, as if the 5 was lost."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        lesson = app.screen
        for key, character in [("equals_sign", "="), ("0", "0"), ("full_stop", "."), ("5", "5")]:
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the box")
        await wait_for(pilot, lambda: app.screen.query_one("#param-value").value == "0.5", what="0.5 in the box")
        await pilot.pause()
        assert "no key here" not in text_of(lesson.query_one(StatusLine))
        await pilot.press("escape", "h")  # a key with nothing to do is still said, once it has nothing to do
        await wait_for(pilot, lambda: "h: no key here" in text_of(lesson.query_one(StatusLine)), what="h's notice")


async def open_the_box(pilot, app) -> None:
    """= on the lesson screen, and wait until its box for the selected param is open."""
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
    await pilot.press("equals_sign")
    await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the box")


async def test_characters_typed_in_the_box_go_in_once(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_box(pilot, app)
        await pilot.press("ctrl+u", "0", ".", "2", "5")
        assert app.screen.query_one("#param-value").value == "0.25"
        # its cursor stands still: each blink was a frame sent over SSH while nothing changed
        assert app.screen.query_one("#param-value").cursor_blink is False
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen) and app.screen.session.params["alpha"] == 0.25


async def test_code_typed_in_one_burst_with_e_goes_into_the_editor():
    app = course_app("3.2")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        for key in "exy":  # e opens the exercise; x and y were read with it
            app.post_message(events.Key(key, key))
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea), what="the editor")
        editor = app.focused
        await wait_for(pilot, lambda: "xy" in editor.text, what="the typed-ahead text in the editor")
        lines = editor.text.splitlines()  # at the top, or in place of the TODO the stub opens selected
        assert lines[0].startswith("xydef w_sum") or lines[2] == "    xy", lines


@pytest.mark.parametrize("pick", [["2"], ["down", "enter"]])
async def test_code_typed_in_one_burst_with_e_and_the_choosers_pick_goes_into_the_editor(pick):
    """3.3 has two exercises: `e 2 code` (or `e down enter code`) pasted, or bunched by a slow link,
    left the editor at its TODO: the code went to the chooser (its q would have closed it)."""
    app = course_app("3.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        post_at_once(app, ["e", *pick, *"return 1"])
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea), what="the editor")
        editor = app.focused
        await wait_for(pilot, lambda: "return 1" in editor.text, what="the code in the editor")
        assert editor.text.startswith("def dot(a, b):"), editor.text
        assert "    return 1" in editor.text.splitlines() and "TODO" not in editor.text, editor.text


def course_app(lesson_id: str) -> GrokApp:
    from grok_tui.lesson.catalog import load_catalog
    from tests.conftest import LESSONS

    return GrokApp(load_catalog(LESSONS), start_lesson=lesson_id, speed=0)


async def open_the_exercise(pilot, app) -> TextArea:
    """`e` on the lesson: the exercise editor, once it has the focus."""
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(app.focused, TextArea), what="the editor")
    return app.focused


def post_at_once(app, keys) -> None:
    """Keys as the terminal driver hands them over when they arrive together (no pause between)."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_ctrl_u_then_a_value_in_one_burst_into_the_open_box(small_catalog):
    # ctrl+u is the field's binding: it acted once it had bubbled up to the app, after 0.1 was typed,
    # and cleared it ("alpha must be a number (got '')"; found in tmux over a burst of keys).
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_box(pilot, app)
        field = app.screen.query_one("#param-value")
        post_at_once(app, ["ctrl+u", "0", ".", "1"])
        await wait_for(pilot, lambda: field.value == "0.1", what=f"0.1 in the box (has {field.value!r})")
        post_at_once(app, ["2", "left", "5", "backspace", "enter"])  # 0.12, 0.152, 0.12, submit
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the box to close")
        assert app.screen.session.params["alpha"] == 0.12


async def test_backspace_in_a_burst_deletes_the_character_before_it_in_the_editor():
    app = course_app("3.2")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_the_exercise(pilot, app)
        post_at_once(app, ["a", "b", "c", "backspace", "d"])
        # Without the fix: "abc" (d typed, then backspace deleted it). The stub opens with its TODO
        # comment selected: the typing takes its place.
        line = lambda: editor.text.splitlines()[2]  # noqa: E731
        await wait_for(pilot, lambda: line() == "    abd", 5, "abd in place of the TODO")


async def test_a_key_that_comes_with_i_goes_into_the_editor():
    """`i x` in one burst on the exercise screen (outside the editor): i moved the focus to the
    editor only at the next idle moment, and the x went to the pane it was leaving: lost."""
    app = course_app("3.2")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_the_exercise(pilot, app)
        await pilot.press("escape")  # out of the editor: i is the key back in
        await wait_for(pilot, lambda: not editor.has_focus, what="the editor left")
        post_at_once(app, ["i", "x"])
        await wait_for(pilot, lambda: editor.text.splitlines()[2] == "    x", 5, "x in place of the TODO")
        assert editor.has_focus


async def test_escape_then_a_key_in_one_read_leave_the_editor_and_act():
    """Escape and q typed quickly (or bunched by a slow link) reach the app as one alt+q, the
    terminal's code for both: the q was typed into the code, and the tutor did not quit."""
    app = course_app("3.2")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_the_exercise(pilot, app)
        before = editor.text
        app.post_message(events.Key("alt+h", "h"))  # escape, then h: a hint
        await wait_for(pilot, lambda: not editor.has_focus, what="the editor left")
        await wait_for(pilot, lambda: "hints 1/" in str(app.screen.query_one("#ex-title").render()), what="a hint")
        assert editor.text == before
        from grok_tui.ui.typeahead import escaped_key

        shifted = escaped_key(app, events.Key("alt+shift+f", "F"))  # Escape then F: the lesson's "F"
        assert shifted is not None and shifted.key == "F"
        app.post_message(events.Key("alt+q", "q"))  # out of the editor already: escape leaves the screen
        await wait_for(pilot, lambda: app._exit, what="the exercise left and the tutor quit")
        assert editor.text == before


async def test_ctrl_c_with_nothing_selected_says_how_to_leave(small_catalog):
    """ctrl+c in a text field copies a selection; with none, Textual passes it on up. The fields'
    own key order (run_field_binding_in_order) had stopped it there: a learner's ctrl+c ("stop",
    "quit") in the exercise editor or the = box did nothing at all."""
    app = course_app("3.2")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.focused, TextArea), what="the editor")
        editor = app.focused
        await pilot.press("end", "ctrl+c")  # the stub opens with its TODO selected: end drops that
        said = "ctrl+c copies selected text · escape leaves the editor, then q quits · your code is kept"
        await wait_for(pilot, lambda: any(n.message == said for n in app._notifications), what="the notice")
        await pilot.press("shift+home", "ctrl+c")  # a selection is still copied
        await wait_for(pilot, lambda: app.clipboard == editor.selected_text != "", what="the copy")
        await pilot.press("escape", "ctrl+c")  # the editor left: q quits from here
        leave = "q quits · escape goes back to the lesson · your code is kept"
        await wait_for(pilot, lambda: any(n.message == leave for n in app._notifications), what="the second")


async def test_ctrl_c_in_the_value_box_says_its_keys(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_the_box(pilot, app)
        await pilot.press("ctrl+u", "0", ".", "2", "ctrl+c")
        message = app.screen.query_one("#param-message")
        await wait_for(pilot, lambda: "esc cancels" in str(message.render()), what="the keys")
        assert str(message.render()) == "ctrl+c: esc cancels · enter runs with it"
        assert app.screen.query_one("#param-value").value == "0.2"  # nothing lost, the box still open

"""Pasting into the exercise editor keeps Python's indentation, and F6 takes a whole line: learners
pasted two lines at the TODO's place and the second went to column 0; F6 then ctrl+x left an empty
line, and the line pasted back at another line's start joined the two."""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from grok_tui.ui.exercise_editor import reindent

from .test_exercise_screen import Host, lesson  # noqa: F401  (the lesson fixture)

PASTED = "miss = pred - goal_pred\nreturn miss ** 2"
STUB = "def f(pred, goal_pred):\n    # TODO\n    return 0\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unindented lines: each later one at the cursor's indentation
        ("a = 1\nreturn a", "a = 1\n    return a"),
        # copied from the first line's first character: the block's indentation is that of the lines below
        ("a = 1\n    b = 2\n    return b", "a = 1\n    b = 2\n    return b"),
        # after a `:` the body is one level deeper than the block
        ("for x in a:\n    t += x\nreturn t", "for x in a:\n        t += x\n    return t"),
        ("for x in a:\n        t += x\n    return t", "for x in a:\n        t += x\n    return t"),
        ("for x in a:\n        t += x", "for x in a:\n        t += x"),
        # copied with its own indentation; tabs are 4 spaces; blank lines carry no spaces
        ("\tif a:\r\n\t\tb = 1\r\n\r\n\tc = 2", "if a:\n        b = 1\n\n    c = 2"),
        # a whole line with its break: the rest of the cursor's line keeps its indentation
        ("    a = 1\n", "a = 1\n    "),
        ("one line", "one line"),
    ],
)
def test_reindent_puts_the_block_at_the_cursors_indentation(text, expected):
    assert reindent(text, "    ") == expected


async def paste(pilot, app, text: str) -> None:
    """What the terminal sends for a (bracketed) paste."""
    app.post_message(events.Paste(text))
    await pilot.pause()


async def test_lines_pasted_in_a_functions_indentation_take_it_and_one_undo_takes_them_back(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        for how in ("terminal", "ctrl+v"):
            editor.text = STUB
            editor.selection = Selection((1, 4), (1, 10))  # the TODO, as on opening
            if how == "terminal":
                await paste(pilot, app, PASTED)
            else:
                app.copy_to_clipboard(PASTED)
                await pilot.press("ctrl+v")
            assert editor.text == (
                "def f(pred, goal_pred):\n    miss = pred - goal_pred\n    return miss ** 2\n    return 0\n"
            ), how
            assert editor.cursor_location == (2, 20)
            await pilot.press("ctrl+z")
            assert editor.text == STUB, how


async def test_a_paste_at_column_0_or_after_code_stays_as_it_was(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        editor.text = STUB
        editor.move_cursor((2, 0))
        await paste(pilot, app, "a = 1\nb = 2\n")
        assert editor.text.splitlines()[2:] == ["a = 1", "b = 2", "    return 0"]
        editor.text = STUB
        editor.move_cursor((2, 12))  # after `return 0`
        await paste(pilot, app, " + 1\nx = 2")
        assert editor.text.splitlines()[2:] == ["    return 0 + 1", "x = 2"]


async def test_f6_selects_the_line_with_its_break_so_cut_and_paste_move_whole_lines(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        editor.text = "def f(a):\n    x = 1\n    y = 2\n    return x"
        editor.move_cursor((1, 6))
        await pilot.press("f6")
        assert editor.selection == Selection((1, 0), (2, 0))
        await pilot.press("ctrl+x")
        assert editor.text == "def f(a):\n    y = 2\n    return x"  # no empty line left behind
        editor.move_cursor((2, 0))
        await pilot.press("ctrl+v")  # at a line's start: the line goes above it, not joined to it
        assert editor.text == "def f(a):\n    y = 2\n    x = 1\n    return x"
        editor.move_cursor((1, 4))  # in a line's indentation: the same, the indentation kept
        await pilot.press("ctrl+v")
        assert editor.text == "def f(a):\n    x = 1\n    y = 2\n    x = 1\n    return x"
        # tab and shift+tab on F6's selection act on that line only
        editor.move_cursor((2, 5))
        await pilot.press("f6", "tab")
        assert editor.text.splitlines()[1:4] == ["    x = 1", "        y = 2", "    x = 1"]
        await pilot.press("shift+tab", "shift+tab")
        assert editor.text.splitlines()[1:4] == ["    x = 1", "y = 2", "    x = 1"]
        # the last line has no break: to its end
        editor.move_cursor((4, 2))
        await pilot.press("f6")
        assert editor.selection == Selection((4, 0), (4, 12))


async def test_a_line_pasted_over_a_whole_selected_line_takes_its_place_and_indentation(lesson):  # noqa: F811
    """6.5 at 80x24: F6 on an indented line, then a paste of an unindented line: it went to column 0
    (and, without a line break, it would have joined the line after)."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        for pasted, lines in (
            ("total = 0", ["    total = 0"]),
            ("total = 0\n", ["    total = 0"]),
            ("        total = 0", ["    total = 0"]),
            ("for x in a:\n    total += x", ["    for x in a:", "        total += x"]),
        ):
            editor.text = STUB
            editor.selection = Selection((1, 0), (1, 0))
            await pilot.press("f6")
            await paste(pilot, app, pasted)
            assert editor.text == "def f(pred, goal_pred):\n" + "\n".join(lines) + "\n    return 0\n", pasted

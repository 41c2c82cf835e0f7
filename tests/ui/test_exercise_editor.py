"""The exercise editor as a learner types in it: Python indentation (enter, tab, shift+tab), the TODO
comment selected where there is something to write, F4's fresh start, and F1's keys."""

from __future__ import annotations

from textual.widgets import TextArea

from grok_tui.progress import Progress

from .helpers import screen_text, text_of, wait_for
from .test_exercise_screen import Host, lesson  # noqa: F401  (the lesson fixture)


async def test_the_editor_indents_like_python(lesson):  # noqa: F811
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        editor.text = ""
        await pilot.press(*"for x in a:", "enter", *"t = x", "enter")
        assert editor.text == "for x in a:\n    t = x\n    "
        await pilot.press("backspace", *"done")
        assert editor.text.splitlines()[-1] == "done"


async def test_after_a_long_line_the_editor_scrolls_back_to_the_left_edge(lesson):  # noqa: F811
    """At 80x24 a line wider than the editor scrolled it sideways, and it stayed so: on the next
    line the learner's indentation and the start of every line above were out of view."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        editor.text = ""
        long = "    total = " + " + ".join(f"a[{i}] * b[{i}]" for i in range(8))  # 124 characters
        await pilot.press(*"def f(a, b):", "enter")
        await pilot.press(*long[4:])
        assert editor.scroll_x > 0  # the cursor at its end is in view
        await pilot.press("enter", *"return")
        assert editor.scroll_x == 0 and editor.text.splitlines()[-1] == "    return"
        await pilot.press("up", "end")  # back to the long line's end: sideways again, as needed
        assert editor.scroll_x > 0
        await pilot.press("home")
        assert editor.scroll_x == 0


async def test_code_with_a_long_line_reopens_at_the_left_edge(lesson):  # noqa: F811
    """7.4's passed code, one line wider than the editor at 80x24, reopened scrolled 5 columns to
    the right: "t numpy as np", "ackprop(...)", as if the learner's work were damaged."""
    long = "    total = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3] + a[4] * b[4]"  # 79
    Progress.load().save_draft("9.1", "w_sum", f"def w_sum(a, b):\n{long}\n    return total\n")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        await pilot.pause()
        assert editor.cursor_location == (2, len("    return total"))  # where the learner left off
        assert editor.scroll_x == 0
        assert "1  def w_sum(a, b):" in screen_text(app)
    # the long line last: at its end only its tail showed, the other lines scrolled out of view
    Progress.load().save_draft("9.1", "w_sum", f"def w_sum(a, b):\n    return total\n{long} + a[5] * b[5]\n")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        await pilot.pause()
        assert editor.cursor_location == (2, 4) and editor.scroll_x == 0  # on that line, at its start
        assert "1  def w_sum(a, b):" in screen_text(app)


async def test_start_over_restores_the_stub_and_keeps_the_old_code(lesson):  # noqa: F811
    Progress.load().save_draft("9.1", "w_sum", "def w_sum(a, b):\n    return 42\n")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        assert "return 42" in editor.text
        editor.move_cursor((1, 10))  # where the learner left off: typing after F4 went there
        await pilot.press("f4")
        assert editor.text == lesson.exercises[0].stub.source
        # said in the result pane, not in a toast over it (which hid the verdict's line ends at 80x24)
        said = text_of(app.screen.query_one("#ex-headline"))
        assert "Back to the starting code. ctrl+z or F4 again brings yours back" in said and not app._notifications
        backups = list(app.progress.draft_path("9.1", "w_sum").parent.glob("w_sum.py.bak-*"))
        assert [b.read_text() for b in backups] == ["def w_sum(a, b):\n    return 42\n"]
        await pilot.press("x")  # in place of the TODO, as on opening
        assert editor.text.splitlines()[1] == "    x", editor.text
        await pilot.press("ctrl+z", "ctrl+z")
        assert "return 42" in editor.text
        # the note was about the starting code: it still said "Back to the starting code" here
        assert "Back to the starting code" not in text_of(app.screen.query_one("#ex-headline"))


async def test_after_f4_and_a_restart_f4_on_the_stub_brings_the_kept_code_back(lesson):  # noqa: F811
    """A learner pressed F4, quit, came back: the stub, ctrl+z reached nothing, and nothing on screen
    said where the nearly-right code had gone (a .bak file in a folder they did not know)."""
    stub = lesson.exercises[0].stub.source
    Progress.load().save_draft("9.1", "w_sum", "def w_sum(a, b):\n    return 42\n")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        assert app.screen.query_one(TextArea).text == stub
    app = Host(lesson, lesson.exercises[0])  # the tutor started again
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        editor = app.screen.query_one(TextArea)
        await pilot.pause()
        assert editor.text == stub
        said = text_of(app.screen.query_one("#ex-headline"))
        assert "Your code from before you started over is kept (w_sum.py.bak-" in said and "F4 brings it back" in said
        await pilot.press("f4")
        assert editor.text == "def w_sum(a, b):\n    return 42\n"
        assert "Your code from" not in text_of(app.screen.query_one("#ex-headline"))
        await pilot.press("ctrl+z")  # undoable, as every change of the editor
        assert editor.text == stub
        await pilot.press("f4", "f4")  # back, then the stub again: the "is back" notice goes with it
        await pilot.pause()
        assert editor.text == stub and not any("is back" in n.message for n in app._notifications)
        kept = list(app.progress.draft_path("9.1", "w_sum").parent.glob("w_sum.py.bak-*"))
        assert len(kept) == 1, kept  # no second copy of the same code
    # no code kept: F4 on the stub says so, and changes nothing
    for kept in app.progress.draft_path("9.1", "w_sum").parent.glob("w_sum.py.bak-*"):
        kept.unlink()
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == stub
        assert any("nothing to start over from" in n.message for n in app._notifications)


async def test_f1_shows_the_exercise_keys_shift_tab_dedents_and_the_cursor_starts_at_the_todo(lesson):  # noqa: F811
    """Learners found no help on this screen (F1 and ? did nothing), lost the editor's focus to
    shift+tab (the letters typed next ran the screen's keys: h showed a hint), and started typing at
    line 1, column 0, above the function."""
    from textual.widgets.text_area import Selection

    from grok_tui.ui.screens.help import HelpScreen

    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        editor = screen.query_one(TextArea)
        await pilot.pause()
        # `# TODO` selected, and the stub's `return 0` under it: typing replaces both (the learner's
        # `return ...` in the TODO's place left the stub's below, and the verdict said theirs ended there)
        assert editor.selection == Selection((2, 12), (1, 4))
        await pilot.press("f1")  # from inside the editor
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        help_text = screen_text(app)
        assert app.screen.query_one("#help-box").border_title == "exercise keys"
        assert "check your code" in help_text and "a word left / right" in help_text
        await pilot.press("end")  # the rest, under the help's own key bar
        await wait_for(pilot, lambda: "ctrl+z  ctrl+y" in screen_text(app), what="the help's end")
        assert "lesson text" not in help_text  # not the lesson screen's keys
        assert "for the verdict, which ↑ ↓ pgup pgdn" in help_text  # a learner found it by trial
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen and editor.has_focus, what="the editor again")
        opened_with = editor.text
        # Nothing typed yet: ? is the help here too (a newcomer's first key replaced the TODO with ?)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help from ? in the editor")
        assert editor.text == opened_with
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen and editor.has_focus, what="the editor again")
        await pilot.press("x", "question_mark")  # once typing began, ? is typed (x in the TODO's place)
        assert editor.text.splitlines()[1] == "    x?" and not isinstance(app.screen, HelpScreen)
        await pilot.press("shift+tab")
        assert editor.has_focus and editor.text.splitlines()[1] == "x?"
        await pilot.press("h")  # still typed into the editor, not a hint
        assert editor.text.splitlines()[1] == "x?h" and screen.hints == 0
        await pilot.press("escape", "question_mark")  # outside the editor ? is the help
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help from ?")


async def test_tab_indents_a_selection_and_shift_tab_stops_at_a_selections_column_0(lesson):  # noqa: F811
    """Tab with lines selected replaced them with spaces (Textual's TextArea); shift+tab over a
    selection ending at column 0 of the next line dedented that line too."""
    from textual.widgets.text_area import Selection

    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        await pilot.pause()
        editor.selection = Selection((1, 2), (2, 5))  # into lines 1 and 2
        await pilot.press("tab")
        assert editor.text.splitlines() == ["def w_sum(a, b):", "        # TODO", "        return 0"]
        editor.selection = Selection((1, 0), (2, 0))  # line 1 alone, ending at column 0 of line 2
        await pilot.press("shift+tab")
        assert editor.text.splitlines() == ["def w_sum(a, b):", "    # TODO", "        return 0"]
        assert editor.has_focus


async def test_a_draft_that_still_has_its_todo_opens_there(lesson):  # noqa: F811
    from textual.widgets.text_area import Selection

    Progress.load().save_draft("9.1", "w_sum", "import math\n\ndef w_sum(a, b):\n    # TODO\n    return 0\n")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TextArea).selection == Selection((4, 12), (3, 4))


async def test_a_draft_written_below_its_todo_opens_at_the_end_of_the_last_line_changed(lesson):  # noqa: F811
    """A learner left `return [a[i] * b[i] for i in range(len(a)` unfinished under the TODO, came
    back, and the `))]` they typed replaced the selected TODO comment."""
    Progress.load().save_draft(
        "9.1", "w_sum", "def w_sum(a, b):\n    # TODO\n    return sum(x * y for x, y in zip(a, b\n"
    )
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one(TextArea)
        assert editor.selection.is_empty and editor.cursor_location == (2, 41)
        await pilot.press(*"))")
        assert editor.text == "def w_sum(a, b):\n    # TODO\n    return sum(x * y for x, y in zip(a, b))\n"


async def test_a_todo_comment_of_two_lines_is_selected_whole(lesson):  # noqa: F811
    """3.7's TODO takes two lines: only the first was selected, and the second stayed under the code."""
    from textual.widgets.text_area import Selection

    draft = "def w_sum(a, b):\n    # TODO: pair up a[i] and b[i],\n    # then add the products\n    return 0\n"
    Progress.load().save_draft("9.1", "w_sum", draft)
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one(TextArea)
        assert editor.selection == Selection((3, 12), (1, 4))
        await pilot.press("x")
        assert editor.text == "def w_sum(a, b):\n    x\n"
    # a TODO that ends its sentence ends there: the comment under it is a hint (6.4), kept
    hinted = "def w_sum(a, b):\n    # TODO: pair them up.\n    # zip(a, b) pairs them\n    return 0\n"
    Progress.load().save_draft("9.1", "w_sum", hinted)
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(TextArea).selection == Selection((1, 25), (1, 4))


def _contrast(one, two) -> float:
    """WCAG contrast ratio of two Rich colours."""

    def luminance(colour) -> float:
        def channel(v: int) -> float:
            v = v / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        rgb = colour.get_truecolor()
        return 0.2126 * channel(rgb.red) + 0.7152 * channel(rgb.green) + 0.0722 * channel(rgb.blue)

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


async def test_the_selected_todo_reads_in_256_colours_too(lesson):  # noqa: F811
    """The TODO opens selected, and its comment grey sat on monokai's selection grey: one colour
    (241) where the terminal has 256 colours, the instruction a blank bar (a learner over tmux)."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        editor = app.screen.query_one(TextArea)
        row = editor.cursor_location[0]  # the TODO's row (the selection goes on to the stub's return)
        todo = next(seg for seg in editor.render_line(row - int(editor.scroll_y)) if "TODO" in seg.text)
        colour, back = todo.style.color, todo.style.bgcolor
        assert _contrast(colour, back) >= 4.5
        assert _contrast(colour.downgrade(2), back.downgrade(2)) >= 3  # ColorSystem.EIGHT_BIT


async def test_ctrl_end_and_ctrl_home_go_to_the_codes_end_and_start(lesson):  # noqa: F811
    """After F4 the TODO is selected; ctrl+end did nothing, and the ` * (x > 0)` typed for the last
    line replaced the TODO instead (6.3's relu, then "unexpected indent")."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        await pilot.press("f4", "ctrl+end", *" + 1")
        assert editor.text.splitlines()[1:] == ["    # TODO", "    return 0 + 1"], editor.text
        await pilot.press("ctrl+home")
        assert editor.selection.end == (0, 0) and editor.selection.start == (0, 0)
        await pilot.press("ctrl+shift+end")
        assert editor.selected_text == editor.text
        # ctrl+a selects everything, so what is typed next replaces it (it went to the line's start,
        # and a learner's new function was typed into the old one)
        await pilot.press("ctrl+end", "ctrl+a")
        assert editor.selected_text == editor.text
        await pilot.press(*"x = 1")
        assert editor.text == "x = 1"


async def test_a_long_todo_opens_with_the_code_in_view_at_60_columns(catalog):
    """3.3's ele_mul at 60x16: the selected TODO's end scrolled the editor sideways, `l(a, b):`
    showing for `def ele_mul(a, b):`."""
    from grok_tui.ui.screens.exercise import ExerciseScreen

    course_lesson = catalog.get("3.3")
    app = Host(course_lesson, course_lesson.exercise("ele_mul"))
    async with app.run_test(size=(60, 16)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        editor = app.screen.query_one(TextArea)
        await pilot.pause()
        assert "TODO" in editor.selected_text and editor.cursor_location == min(editor.selection)
        assert editor.scroll_x == 0 and "def ele_mul(a, b):" in screen_text(app)


async def test_the_answer_typed_in_the_todos_place_replaces_the_stubs_placeholder_return(catalog):
    """6.4's hidden_delta: the learner typed their `return ...` where the TODO was selected, as the
    screen invites, and the stub's `return np.zeros_like(layer_1)` stayed under it: the verdict then
    spent its lines saying theirs "ends hidden_delta there", lines under it never run. A return the
    answer keeps (5.5's `return out`) is left in place."""
    from .test_exercise_screen import check_and_wait

    ch6 = catalog.get("6.4")
    exercise = next(e for e in ch6.exercises if e.name == "hidden_delta")
    app = Host(ch6, exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, editor = app.screen, app.screen.query_one(TextArea)
        await pilot.pause()
        await pilot.press(*"return layer_2_delta.dot(weights_1_2.T) * (layer_1 > 0)")
        assert "zeros_like" not in editor.text, editor.text
        await check_and_wait(pilot, screen)
        assert screen.verdict.passed, screen.verdict.text
    ch5 = catalog.get("5.5")
    app = Host(ch5, ch5.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        await pilot.pause()
        assert "return out" in editor.text and "return out" not in editor.selected_text


async def test_ctrl_u_deletes_to_the_lines_start_and_at_column_0_nothing(lesson):  # noqa: F811
    """F1 says ctrl+u deletes "to the line's start"; at column 0 it joined the line onto the one above
    (5.1: a line typed, enter, home, ctrl+u pulled it up into the code over it)."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        editor.text = ""
        await pilot.press(*"total = 0", "enter", *"x = 1", "home", "ctrl+u")
        assert editor.text == "total = 0\nx = 1" and editor.cursor_location == (1, 0)
        await pilot.press("end", "left", "ctrl+u")  # from inside the line: what is left of the cursor
        assert editor.text == "total = 0\n1" and editor.cursor_location == (1, 0)


async def test_the_line_being_written_stays_in_view_as_the_feedback_grows(catalog):
    """3.7 at 80x24: after a failed check and two hints the feedback took half the screen, and the
    line the learner was writing (line 14 of 16) went out of view as the editor shrank."""
    from grok_tui.ui.screens.exercise import ExerciseScreen

    course_lesson = catalog.get("3.7")
    app = Host(course_lesson, course_lesson.exercise("neural_network"))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        editor = app.screen.query_one(TextArea)
        editor.text = editor.text.rstrip("\n") + "\n" + "".join(f"    # note {i}\n" for i in range(5))
        last = len(editor.text.splitlines()) - 1
        editor.move_cursor((last, 0))
        await pilot.pause()
        tall = editor.size.height
        await pilot.press("f5")
        await wait_for(pilot, lambda: "Not yet" in screen_text(app), what="the verdict")
        await pilot.press("f2", "f2")
        await wait_for(pilot, lambda: editor.size.height < tall - 4, what="the editor to shrink")
        await pilot.pause()
        row = editor.cursor_location[0]
        assert editor.scroll_y <= row < editor.scroll_y + editor.size.height, (row, editor.scroll_y, editor.size)


async def test_ctrl_s_saves_and_says_so(lesson):  # noqa: F811
    """A learner's ctrl+s did nothing, and they wondered whether their code was kept."""
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press(*"42", "ctrl+s")
        await pilot.pause()
        assert "42" in app.progress.draft_path("9.1", "w_sum").read_text()
        assert any(n.message.startswith("Saved. (Your code is saved as you type") for n in app._notifications)


async def test_with_no_colour_a_selection_is_reversed(lesson, monkeypatch):  # noqa: F811
    """NO_COLOR turned the selection's blue into a grey one step off the lines around it: a learner
    selected, could not see it, and typed over it (a trial). There it is reversed; elsewhere blue."""
    from rich.style import Style

    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)):
        editor = app.screen.query_one(TextArea)
        assert editor._theme.selection_style == Style(bgcolor="#1f3a5f")
    monkeypatch.setenv("NO_COLOR", "1")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        editor = app.screen.query_one(TextArea)
        assert editor._theme.selection_style == Style(reverse=True)
        editor.move_cursor((0, 0))
        await pilot.press("shift+end")
        await pilot.pause()
        row = next(s for s in app.screen._compositor.render_strips() if "def w_sum" in s.text)
        assert any(seg.style and seg.style.reverse and "def" in seg.text for seg in row), list(row)

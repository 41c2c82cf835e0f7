"""A Python code editor that indents like the learner expects: Enter keeps the indentation (one level
more after a `:`), Backspace in leading spaces removes one level, shift+tab takes one level off the line
(or the selected lines), lines pasted into a line's indentation take that indentation (`reindent`), F6
selects a whole line with its line break. On opening, the cursor goes where the learner writes next
(`open_at_work`). Everything else is Textual's TextArea."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from difflib import SequenceMatcher

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Offset
from textual.widgets import TextArea
from textual.widgets.text_area import Selection, TextAreaTheme


def _readable_monokai(few_colours: bool = False) -> TextAreaTheme | None:
    """Monokai with a blue selection and lighter comments: its selection grey (#65686a) under its
    comment grey (#75715e) left the TODO the editor opens with selected unreadable, both one grey
    (241) where the terminal has 256 colours (contrast 1.0). Now 5.0 (3.3 in 256 colours), and
    comments on the editor's background 6.5. (A selection's own foreground does not win over the
    syntax colours in TextArea, so the comments' colour is what must read on it.)"""
    monokai = TextAreaTheme.get_builtin_theme("monokai")
    if monokai is None:
        return None
    syntax = {**monokai.syntax_styles, "comment": Style(color="#b0ac94")}
    # Where colours are few (NO_COLOR's greys, 16 colours) the blue was one grey off the lines around
    # it, or the cursor line's own bright black: a selection nobody could see was typed over (a
    # trial). Reversed there, it shows in any palette.
    selection = Style(reverse=True) if few_colours else Style(bgcolor="#1f3a5f")
    return dataclasses.replace(monokai, name="grok-monokai", selection_style=selection, syntax_styles=syntax)


class CodeEditor(TextArea):
    """TextArea.code_editor with Python-style auto-indent."""

    def on_mount(self) -> None:
        app = self.app
        # (a 16-colour terminal headless is only a test's TERM: its pictures keep the blue)
        few = app.no_color or (not app.is_headless and app.console.color_system in ("standard", "windows"))
        theme = _readable_monokai(few)
        if theme is not None and self.theme == "monokai":
            self.register_theme(theme)
            self.theme = theme.name

    # shift+tab moved the focus out of the editor (Textual's default), and the letters typed next ran
    # the exercise screen's keys: `h` showed, and counted, a hint.
    # ctrl+home / ctrl+end: to the code's first / last character, as in every editor. TextArea binds
    # neither: after F4 the TODO stayed selected, and the typing meant for the end replaced it.
    # ctrl+a: everything, as beginners expect it (TextArea's ctrl+a went to the line's start, and two
    # learners typed a whole new function into the old one); home is the line's start.
    BINDINGS = [
        Binding("ctrl+a", "select_all", "select all", show=False),
        Binding("shift+tab", "dedent", "dedent", show=False),
        Binding("ctrl+home", "document_edge(False)", "start of the code", show=False),
        Binding("ctrl+end", "document_edge(True)", "end of the code", show=False),
        Binding("ctrl+shift+home", "document_edge(False, True)", "select to the start", show=False),
        Binding("ctrl+shift+end", "document_edge(True, True)", "select to the end", show=False),
    ]

    def action_document_edge(self, end: bool, select: bool = False) -> None:
        last = self.document.line_count - 1
        self.move_cursor((last, len(self.document[last])) if end else (0, 0), select=select)

    def _selected_rows(self) -> range:
        """The rows of the selection (the cursor's row without one); a selection ending at a line's
        column 0 does not take that line in."""
        start, end = sorted(self.selection)
        last = end[0] - 1 if end[1] == 0 and end[0] > start[0] else end[0]
        return range(start[0], last + 1)

    def action_dedent(self) -> None:
        """One indentation level off the cursor's line, or off each selected line."""
        if self.read_only:
            return
        for row in self._selected_rows():
            line = self.document[row]
            spaces = min(self.indent_width, len(line) - len(line.lstrip(" ")))
            if spaces:
                self.delete((row, 0), (row, spaces))

    def _indent_selection(self) -> None:
        """One indentation level onto each selected line (TextArea's tab replaced them with spaces)."""
        for row in self._selected_rows():
            self.insert(" " * self.indent_width, (row, 0))

    def select_line(self, index: int) -> None:
        """The whole line with its line break (to the next line's column 0; to its end on the last
        line): F6 then ctrl+x left an empty line behind, and the line pasted back at another line's
        start joined the two."""
        if not 0 <= index < self.document.line_count:
            return
        last = index == self.document.line_count - 1
        self.selection = Selection((index, 0), (index, len(self.document[index])) if last else (index + 1, 0))
        self.record_cursor_width()

    # -- paste: the terminal's (events.Paste) and ctrl+v (the app's clipboard) -------------------
    def _paste(self, text: str) -> None:
        start, end = sorted(self.selection)
        before = self.document[start[0]][: start[1]]
        if before and not before.strip(" "):  # in a line's indentation: the lines take it
            text = reindent(text, before, self.indent_width)
        elif start[1] == 0 and end[1] == 0 and end[0] > start[0]:  # whole lines (F6): in their place
            text = self._as_lines(text, self.document[start[0]])
        if result := self._replace_via_keyboard(text, start, end):
            self.move_cursor(result.end_location)

    def _as_lines(self, text: str, replaced: str) -> str:
        """Text pasted over whole selected lines (F6): at the indentation of the first line it
        replaces, and lines of its own (a line pasted over an indented line F6 had selected went to
        column 0; without its line break it joined the line after)."""
        body = text.replace("\r\n", "\n").replace("\r", "\n").removesuffix("\n")
        indent = replaced[: len(replaced) - len(replaced.lstrip(" "))]
        if indent:
            body = indent + (reindent(body, indent, self.indent_width) if "\n" in body else body.lstrip(" "))
        return body + "\n"

    async def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # TextArea's own _on_paste would paste the text a second time
        if self.read_only:
            return
        self._paste(event.text)
        self.focus()

    def action_paste(self) -> None:
        if not self.read_only:
            self._paste(self.app.clipboard)

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "?" and not self.read_only and not self.history.undo_stack:
            # Nothing typed since the code opened: ? is the help key on every other screen, and as a
            # newcomer's first key it replaced the selected TODO and the stub's return with "?". No
            # Python starts with ?; once typing began, ? is typed.
            event.stop()
            event.prevent_default()
            await self.screen.run_action("help")
            return
        if event.key == "tab" and not self.read_only and not self.selection.is_empty:
            event.stop()
            event.prevent_default()
            self._indent_selection()
            return
        if event.key == "enter" and not self.read_only:
            event.stop()
            event.prevent_default()
            self._restart_blink()
            row, column = self.cursor_location
            before = self.document[row][:column]
            indent = before[: len(before) - len(before.lstrip(" "))]
            if before.rstrip().endswith(":"):
                indent += " " * self.indent_width
            start, end = self.selection
            self._replace_via_keyboard("\n" + indent, start, end)
            return
        await super()._on_key(event)

    def on_resize(self) -> None:
        # The feedback under the editor grows with a verdict and each hint: the line being written
        # (at the cursor) went out of view as the editor shrank (3.7 at 80x24 after two hints).
        self.call_after_refresh(self.scroll_cursor_visible)

    def scroll_cursor_visible(self, center: bool = False, animate: bool = False) -> Offset:
        """As TextArea's, but back at the left edge whenever the cursor can be seen from there: after
        a line wider than the editor it stayed scrolled sideways, the indentation of the next lines
        (and the start of every line) out of view."""
        if self.scroll_x and self._has_cursor:
            self._recompute_cursor_offset()
            if self._cursor_offset[0] + 3 + self.gutter_width <= self.scrollable_content_region.width:
                self.scroll_to(x=0, animate=False, immediate=True)
        return super().scroll_cursor_visible(center, animate)

    def action_delete_left(self) -> None:
        selection = self.selection
        row, column = self.cursor_location
        before = self.document[row][:column]
        if self.read_only or not selection.is_empty or not before or before.strip(" "):
            super().action_delete_left()
            return
        # Only spaces before the cursor: go back to the previous indentation level.
        width = self.indent_width
        target = (column - 1) // width * width
        self._delete_via_keyboard((row, target), (row, column))

    def action_delete_to_start_of_line(self) -> None:
        """ctrl+u: to the line's start, as F1 says; at column 0 nothing (TextArea's joined the line
        onto the one above, 5.1's fresh line pulled up into the code over it)."""
        if self.cursor_at_start_of_line and self.selection.is_empty:
            return
        super().action_delete_to_start_of_line()

    # -- where the learner goes on writing, on opening ------------------------------------------
    def open_at_work(self, stub_source: str, placeholders: Collection[str] = ()) -> None:
        """Where the learner goes on writing. Before they wrote at or below the TODO comment (a fresh
        stub, a draft with only lines added above it), the comment is selected, so what they type
        takes its place (with the cursor before it, their lines pushed the comment to the end of the
        last one: `return total# TODO: ...`). Once they did, at the end of the last line they
        changed: a learner who left `return [a[i] * b[i] for i in range(len(a)` unfinished came
        back to find the TODO selected, and the `))]` they typed replaced it. `placeholders`: the
        stub's lines the answer replaces (select_todo)."""
        lines, stub = self.text.splitlines(), stub_source.splitlines()
        unwritten = _from_todo(stub)
        if unwritten is not None and _from_todo(lines) == unwritten:
            self.select_todo(placeholders)
            return
        changed = [
            j2 - 1
            for tag, _, _, j1, j2 in SequenceMatcher(None, stub, lines).get_opcodes()
            if tag != "equal" and j2 > j1
        ]
        if changed:
            row = changed[-1]
            self.move_cursor((row, len(lines[row])))
            # Moved before the editor had its width, the cursor scrolled it sideways for good: 7.4's
            # passed code reopened at 80x24 with the start of every line cut off.
            self.call_after_refresh(self._opened_in_view)

    def _opened_in_view(self) -> None:
        """The code from its left edge. At the end of a line too long for the editor the cursor
        goes to the line's start instead: at its end, only that line's tail showed, every other
        line scrolled out of view (7.4 with a long comment as its last line)."""
        row, column = self.cursor_location
        if self.gutter_width + column + 3 > self.scrollable_content_region.width:
            self.move_cursor((row, _indent_of(self.document[row])))
        self.scroll_to(x=0, animate=False, immediate=True)

    def select_todo(self, placeholders: Collection[str] = ()) -> None:
        """Select the TODO comment with the comment lines that go on from it (3.7's TODO takes two
        lines: only the first was selected, and the second stayed under the learner's code). A line
        that ends a sentence ends it: 6.4's next comment is a hint, kept. The stub's line right
        under it goes too when it is one of `placeholders` (a `return 0` that only lets the stub
        run, which the answer does not keep): the learner's `return ...` typed in the TODO's place
        left it below, and the verdict then said their code "ends there", lines under it unused."""
        lines = self.text.splitlines()
        row = next((i for i, line in enumerate(lines) if "TODO" in line), None)
        if row is None:
            return
        line = lines[row]
        start = line.index("#") if "#" in line else len(line) - len(line.lstrip())
        last = row
        while (
            last + 1 < len(lines)
            and lines[last + 1].lstrip().startswith("#")
            and not lines[last].rstrip().endswith((".", ":"))
        ):
            last += 1
        below = next((i for i in range(last + 1, len(lines)) if lines[i].strip()), None)
        if below is not None and lines[below].strip() in placeholders and not lines[below].lstrip().startswith("#"):
            last = below
        # The cursor at the comment's start, the anchor at its end: at 60 columns the end of 3.3's
        # long TODO scrolled the editor sideways, `def ele_mul` out of view.
        self.selection = Selection((last, len(lines[last])), (row, start))
        self.call_after_refresh(self._left_edge_in_view)

    def _left_edge_in_view(self) -> None:
        """Back to column 0 where the cursor shows from there (its scroll stopped 4 columns short)."""
        if self.cursor_location[1] < self.scrollable_content_region.width - 2:
            self.scroll_to(x=0, animate=False)


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def reindent(text: str, indent: str, width: int = 4) -> str:
    """`text` pasted after `indent` (only spaces): its first line goes at the cursor, its own leading
    spaces dropped; each later line keeps its place relative to the block, shifted to `indent` (a
    first line ending with `:` has its body one level deeper). Tabs in the indentation become
    `width` spaces. One line stays as it is. Two lines pasted inside a function at the TODO's place
    took the function's indentation on the first line only: the second went to column 0."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) < 2:
        return text
    lines = [line[: len(line) - len(line.lstrip())].replace("\t", " " * width) + line.lstrip() for line in lines]
    first, rest = lines[0], lines[1:]
    body = [line for line in rest if line.strip()]
    if _indent_of(first) or not body:
        block = _indent_of(first)  # copied with its own indentation: the block's is the first line's
    else:  # copied from the first line's first character: the block's is read from the lines below
        lowest = min(map(_indent_of, body))
        block = min(lowest, _indent_of(body[0]) - width) if first.rstrip().endswith(":") else lowest
        block = max(block, 0)
    shift = len(indent) - block
    out = [first.lstrip(" ")]
    for line in rest:
        if line.strip():
            out.append(" " * max(0, _indent_of(line) + shift) + line.lstrip(" "))
        else:
            out.append("")
    if not lines[-1].strip():  # ending with a line break: the rest of the cursor's line keeps its indentation
        out[-1] = indent
    return "\n".join(out)


def _from_todo(lines: list[str]) -> list[str] | None:
    """The code lines from the TODO comment on, comments left out (None: no TODO): what the learner
    has not written yet while they are the stub's."""
    row = next((i for i, line in enumerate(lines) if "TODO" in line), None)
    if row is None:
        return None
    return [line for line in lines[row:] if not line.lstrip().startswith("#")]

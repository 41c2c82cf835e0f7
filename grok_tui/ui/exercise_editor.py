"""A Python code editor that indents like the learner expects: Enter keeps the indentation (one level
more after a `:`), Backspace in leading spaces removes one level, shift+tab takes one level off the line
(or the selected lines). Everything else is Textual's TextArea."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea


class CodeEditor(TextArea):
    """TextArea.code_editor with Python-style auto-indent."""

    # shift+tab moved the focus out of the editor (Textual's default), and the letters typed next ran
    # the exercise screen's keys: `h` showed, and counted, a hint.
    BINDINGS = [Binding("shift+tab", "dedent", "dedent", show=False)]

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

    async def _on_key(self, event: events.Key) -> None:
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

"""The lab's printout: for a lesson with no chart and no panel, the end of what its run printed.

3.8 (numpy's shapes and their errors) draws no chart: its lab showed the values and params over an
empty screen, and what the lesson is about, the shapes and the messages numpy gives, was one `o`
away. This shows the latest lines there, as `o` shows them all (expected errors marked), each wrapped to
the column: cut with "…", 3.8's "expected error, on purpose: a * e: ValueErro…" hid the very message
the lesson is about, with the column half empty below it.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from grok_tui.engine.feed import FeedView
from grok_tui.ui.screens.output import output_text


class PrintoutView(Widget):
    DEFAULT_CSS = """
    PrintoutView {
        height: 1fr;
        padding: 0 1;
        border-top: solid $panel-lighten-2;
        border-title-color: $text-muted;
        text-wrap: nowrap;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "what the lesson printed · o: all"
        self._text = Text("nothing printed yet: run the lesson (space)", style="dim italic")
        self._shown: tuple[int, str] | None = None

    def show(self, view: FeedView | None, failure: str = "") -> None:
        key = (-1, "") if view is None else (view.version, failure)
        if key == self._shown:
            return
        self._shown = key
        if view is None:
            self._text = Text("nothing printed yet: run the lesson (space)", style="dim italic")
        else:
            self._text = output_text(view, failure)
        self.refresh()

    def render(self) -> Text:
        """The last rows of the printout, each line wrapped to the width, its later rows indented."""
        height, width = max(1, self.content_size.height), max(8, self.content_size.width)
        rows: list[Text] = []
        for line in reversed(self._text.split("\n")):  # from the end: only what fits is wrapped
            if len(rows) >= height:
                break
            wrapped = list(line.wrap(self.app.console, width - 2, overflow="fold")) if line.cell_len > width else [line]
            rows[:0] = [wrapped[0], *(Text("  ") + later for later in wrapped[1:])]
        return Text("\n").join(rows[-height:])

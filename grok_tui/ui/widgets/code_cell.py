"""A code cell of the lesson text: its code with line numbers and colours, the note on an exercise's
cell, a mark at the line where a run failed; measured for the layout on an uncoloured copy."""

from __future__ import annotations

from typing import cast

from pygments.lexer import Lexer
from pygments.token import Comment, Keyword, Name, String
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.syntax import ANSI_LIGHT, ANSISyntaxTheme, Syntax
from rich.text import Text
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.visual import visualize
from textual.widgets import Static

from grok_tui.lesson.model import Cell
from grok_tui.ui.contrast import drawn_style

SYNTAX_THEME = "ansi_dark"
"""ANSI colours follow the terminal's palette and cost fewer bytes than RGB themes."""
LIGHT_SYNTAX_THEME = ANSISyntaxTheme(
    {
        **ANSI_LIGHT,
        String: Style(color="red"),
        **{token: Style(color="magenta") for token in (Name.Builtin, Name.Attribute, Name.Exception, Keyword.Type)},
        Name.Namespace: Style(color="magenta", underline=True),
        Comment.Preproc: Style(color="magenta"),
        Name.Function: Style(bold=True),
        Name.Class: Style(bold=True, underline=True),
    }
)
"""The terminal's colours on a light terminal (ansi-light): ansi_dark's yellow strings and bright
cyan names on its white were 1.2-1.5:1, and Rich's ansi_light keeps yellow strings, cyan names and
green functions (xterm's: 1.1-2:1 on white). Red, magenta and blue are 4-9:1 there. Other themes
blend the ANSI colours to their own background."""

NOTE = Style(italic=True, color="yellow")
"""The exercise's line above its cell: begun, passed, or to write."""


def _code(
    source: str, start_line: int, mark: int | None = None, lexer: str | Lexer = "python", light: bool = False
) -> Syntax:
    return Syntax(
        source.rstrip("\n"),
        lexer,
        theme=LIGHT_SYNTAX_THEME if light else SYNTAX_THEME,
        line_numbers=True,
        start_line=start_line,
        word_wrap=True,
        background_color="default",
        highlight_lines={mark} if mark else None,
    )


class CodeCell(Static):
    def __init__(self, cell: Cell, note: str = "", tokens: Lexer | None = None, code: str | None = None) -> None:
        super().__init__(classes=f"code -{cell.role}")
        self.cell = cell
        self.note = note
        self.code = code
        """Code shown instead of the cell's (an exercise's stub once the learner's code passed)."""
        self.tokens = tokens
        """The lexer of the code's colours (the lesson's saved tokens), else pygments' by name."""
        self.mark: int | None = None
        """A line of the lesson file to point at (where the run failed)."""
        self._height = (-1, 0)
        """(width, height) last measured."""
        self._drawn_light = False
        """Whether the code was last drawn in the light terminal's colours."""

    @property
    def lines(self) -> range:
        return range(self.cell.line, self.cell.line + self.cell.source.rstrip("\n").count("\n") + 1)

    def on_mount(self) -> None:
        self.refresh_code()
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, _theme: object) -> None:
        """Redrawn only when its colours change (a terminal's light theme or not): every theme change
        re-highlighted every cell, and one comes as the first lesson opens (0.02 s of 4.5's start)."""
        if self._light_terminal != self._drawn_light:
            self.refresh_code()

    def on_unmount(self) -> None:
        # the signal's callback holds the cell: kept, a left lesson's cells lived on until a theme change
        self.app.theme_changed_signal.unsubscribe(self)

    @property
    def _light_terminal(self) -> bool:
        """An ANSI theme for a light terminal: the code's colours are the terminal's own, unblended."""
        return self.is_attached and self.app.native_ansi_color and not self.app.current_theme.dark

    def refresh_code(self, note: str | None = None, code: str | None = None) -> None:
        if note is not None:
            self.note, self.code = note, code
        self.update(self._renderable(self.tokens if self.tokens and self.code is None else "python"))
        self._height = (-1, 0)

    def _renderable(self, lexer: str | Lexer) -> RenderableType:
        source = self.code if self.code is not None else self.cell.source
        self._drawn_light = self._light_terminal
        code = _code(source, self.cell.line, self.mark, lexer, light=self._drawn_light)
        if not self.note:
            return code
        # the prose's one-column margin: at column 0 the note stood out of the text it belongs to
        note = drawn_style(self, NOTE)  # "press e to go on with your code" read at 2.1:1 on textual-light
        return Group(Padding(Text(self.note, style=note), (0, 0, 0, 1)), code)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The cell's height, measured on an uncoloured copy: wrapping and line numbers do not depend
        on colours, and this way a cell off the screen is not highlighted to be laid out (pygments
        builds its Python lexer at the first highlight, ~50 ms of a lesson's first frame, which the
        cells on screen only need)."""
        if self._height[0] != width:
            self._height = (
                width,
                visualize(self, self._renderable("text")).get_height(cast(RulesMap, self.styles), width),
            )
        return self._height[1]

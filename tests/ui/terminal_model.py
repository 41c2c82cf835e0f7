"""A tiny terminal for tests of what the app sends: the cells it shows after a stream of output.

Independent of grok_tui/ui/sgr_squeeze.py: the colours and attributes are read by Rich's own ANSI
decoder. It follows what Textual sends (absolute and forward cursor moves, line feeds, carriage
returns, SGR, text of single-width characters) and ignores modes and reports.
"""

from __future__ import annotations

import re

from rich.ansi import AnsiDecoder
from rich.console import Console

_CONSOLE = Console(color_system="truecolor", force_terminal=True)
_TOKEN = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z@])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\n|\r|[^\x1b\n\r]")


class Terminal:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.cells: dict[tuple[int, int], tuple] = {}
        self.row = self.col = 0
        self._decoder = AnsiDecoder()
        self._decoder.decode_line("\x1b[0m")

    def _style(self) -> tuple:
        st = self._decoder.style
        colour = st.color.name if st.color and not st.color.is_default else None
        back = st.bgcolor.name if st.bgcolor and not st.bgcolor.is_default else None
        return (bool(st.bold), bool(st.dim), bool(st.italic), bool(st.underline), bool(st.reverse), colour, back)

    def feed(self, stream: str) -> None:
        for m in _TOKEN.finditer(stream):
            text = m.group(0)
            final = m.group(2)
            if final == "m":
                self._decoder.decode_line(text)
            elif final in ("H", "f"):
                parts = [*m.group(1).split(";"), "", ""][:2]
                self.row, self.col = int(parts[0] or 1) - 1, int(parts[1] or 1) - 1
            elif final == "C":
                self.col += int(m.group(1) or 1)
            elif final is not None or text.startswith("\x1b"):
                continue  # modes, reports, titles: nothing on screen
            elif text == "\n":
                self.row, self.col = self.row + 1, 0  # as a tty with ONLCR
            elif text == "\r":
                self.col = 0
            else:
                if self.col < self.width and self.row < self.height:
                    self.cells[self.row, self.col] = (text, *self._style())
                self.col += 1

    def screen(self) -> dict[tuple[int, int], tuple]:
        return dict(self.cells)

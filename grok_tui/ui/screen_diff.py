"""Send only the cells that change: the app's output rewritten against a model of what is on screen.

Textual repaints a widget by sending its whole rows again (`ESC[row;colH` and every segment with its
full style, then `ESC[0m`): a values table whose numbers change resends the names, the padding and
the colours of every row; a status line whose step count changes resends all 80 columns. Over SSH
those bytes are the budget (bench/bandwidth.py). `ScreenDiff` sits between the app and the terminal,
as curses does: it keeps the character and attributes of every cell it has sent, skips a cell that
would be drawn the same again, moves the cursor over skipped runs, and changes colours only where they
differ (grok_tui/ui/sgr_squeeze.py: `ESC[22m` to end bold, not a reset and the whole style again).

Exact by construction: a cell is skipped only when the model knows the terminal already shows that
character with those attributes (and hyperlink). Whatever the model does not follow (an erase, a
line feed that could scroll, a wide or combining character, a relative cursor move, the alternate
screen, a resize, an SGR code it does not parse) makes it forget the screen, and then everything is
sent as it comes until it has seen the cells again. The cursor (hidden by Textual) is moved to where
the app's stream has it before anything that shows it or asks for it.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len

from grok_tui.ui.sgr_squeeze import TOKEN, Attrs, parse_sgr, transition

HARMLESS_MODES = frozenset({"12", "25", "1000", "1002", "1003", "1004", "1005", "1006", "1015", "1016", "2004", "2026"})
"""DEC private modes that change nothing on screen (cursor blink and visibility, mouse and focus
reports, bracketed paste, synchronized output): the model keeps the screen across them."""
_MOVES = frozenset("ABCDEGd")
"""Relative cursor moves: followed by forgetting where the cursor is (Textual does not use them)."""

Cell = tuple[str, object]
"""(character, key of its attributes and hyperlink)."""


_SINGLE: set[str] = set()
"""Characters seen to be printable and one cell wide."""


def _single_cells(text: str) -> bool:
    """Every character printable and one cell wide (as Rich, and so Textual, counts them)."""
    if text.isascii():
        return text.isprintable()
    chars = set(text)
    if chars <= _SINGLE:
        return True
    if all(char.isprintable() and cell_len(char) == 1 for char in chars):
        if len(_SINGLE) < 65536:
            _SINGLE.update(chars)
        return True
    return False


def _cup(row: int, col: int) -> str:
    return f"\x1b[{row + 1};{col + 1}H"


class ScreenDiff:
    """Rewrites output chunks (`feed`), in order, from one thread; `size` gives the screen's (width,
    height): a new size forgets the screen (the app repaints it all)."""

    def __init__(self, size: Callable[[], tuple[int, int]]) -> None:
        self._size = size
        self.width, self.height = 0, 0
        self.cells: list[list[Cell | None]] = []
        """What each cell shows, or None where unknown."""
        self.have: Attrs | None = None
        """The terminal's attributes (None: unknown, as at the start)."""
        self.want: Attrs | None = None
        """The attributes the stream has asked for so far."""
        self._key: object = None
        self.link = ""
        """The OSC 8 hyperlink open in the stream ("" for none): part of what a cell shows."""
        self.at: tuple[int, int] | None = None
        """Where the app's stream has its cursor (row, column from 0), None when unknown."""
        self.real: tuple[int, int] | None = None
        """Where the terminal's cursor is after what was sent, None when unknown."""
        self._carry = ""
        self._line_from = (0, 0)
        self._state: tuple | None = None
        """`want` as a tuple (None when unknown)."""
        self._parsed: dict[tuple[str, tuple | None], tuple[Attrs | None, tuple | None]] = {}

    # -- the model ---------------------------------------------------------------------------------
    def forget(self) -> None:
        """Know nothing of the screen (each cell is sent again when the app draws it)."""
        self.cells = [[None] * self.width for _ in range(self.height)]

    def _check_size(self) -> None:
        width, height = self._size()
        if (width, height) != (self.width, self.height):
            self.width, self.height = width, height
            self.forget()
            self.at = self.real = None

    # -- rewriting ---------------------------------------------------------------------------------
    def feed(self, data: str) -> str:
        self._check_size()
        data = self._carry + data
        self._carry = ""
        out: list[str] = []
        at, end = 0, len(data)
        while at < end:
            match = TOKEN.match(data, at)
            if match is None:
                if end - at < 4096:  # an escape cut at the end of the chunk: the next one completes it
                    self._carry = data[at:]
                    break
                self._raw(out, data[at], forget=True)  # a lone ESC: on as it is
                self._forget_attrs()
                at += 1
                continue
            at = match.end()
            text = match.group(0)
            if match.group(3) is not None:
                self._csi(out, match.group(1), match.group(2), match.group(3), text)
            elif text == "\n":
                self._line_feed(out)
            elif text[0] == "\x1b":
                if text.startswith("\x1b]8;"):
                    self.link = "" if text.startswith(("\x1b]8;;\x1b", "\x1b]8;;\x07")) else text
                    self._key_changed()
                    out.append(text)
                elif text[1] in "]P_^X":
                    out.append(text)  # titles, clipboard, device strings: nothing drawn
                else:  # ESC 7 / ESC 8 save and restore attributes and cursor, ESC c resets
                    self._raw(out, text, forget=True)
                    self._forget_attrs()
                    self._key_changed()
            elif text.strip("\r") == "":
                if self.at is not None:
                    self.at = (self.at[0], 0)
                else:
                    self._raw(out, text, forget=False)
            else:
                self._text(out, text)
        # The cursor is left where the last changed cell put it: Textual hides it, and anything that
        # shows it or asks where it is moves it first (_sync).
        return "".join(out)

    def _csi(self, out: list[str], params: str, middle: str, final: str, text: str) -> None:
        private = params.startswith(("?", "<", "=", ">"))
        if final == "m" and not middle and not private:
            hit = self._parsed.get((params, self._state))
            if hit is None:  # Textual sends the same few styles again and again: parse each once
                parsed = parse_sgr(params, self.want)
                hit = (parsed, None if parsed is None else tuple(sorted(parsed.items())))
                if len(self._parsed) < 4096:
                    self._parsed[params, self._state] = hit
            want, self._state = hit
            if want is None:  # a code not modelled: sent as it is; unknown until the next reset
                self._attrs(out)  # on top of what the stream had asked for
                out.append(text)
                self.have = None
            self.want = want
            self._key_changed()
        elif final in "Hf" and not middle and not private:
            parts = [*params.split(";"), "", ""][:2]
            self.at = (max(0, int(parts[0] or 1) - 1), max(0, int(parts[1] or 1) - 1))
        elif final == "n" or (final == "q" and middle == " "):
            self._sync(out)  # a position report or the cursor's shape: nothing drawn
            out.append(text)
        elif final in "hl" and params.startswith("?") and set(params[1:].split(";")) <= HARMLESS_MODES:
            self._sync(out)
            out.append(text)
        elif final in _MOVES and not middle and not private:
            self._sync(out)
            out.append(text)
            self.at = self.real = None
        else:  # erases, scrolls, the alternate screen, anything else: on as it is, the screen forgotten
            self._raw(out, text, forget=True)
            if final in "hl":
                self.have = None
                self.at = self.real = None

    def _line_feed(self, out: list[str]) -> None:
        """Textual ends each repainted line with a line feed and then moves the cursor anyway: above
        the last row it scrolls nothing, so it is only a cursor move; at the last row it is sent."""
        if self.at is not None and self.at[0] + 1 < self.height:
            self._line_from = self.at
            self.at = (self.at[0] + 1, -1)  # the column depends on the tty (ONLCR): unknown
            return
        self._raw(out, "\n", forget=True)

    def _text(self, out: list[str], text: str) -> None:
        at, width, count = self.at, self.width, len(text)
        if at is None or at[1] < 0 or at[0] >= self.height or at[1] + count > width or not _single_cells(text):
            self._raw(out, text, forget=True)  # a place or a width the model does not follow
            return
        row, col = at
        self.at = (row, col + count)
        key, line = self._key, self.cells[row]
        if key is None:  # attributes unknown: send it all, remember nothing
            self._send(out, row, col, text)
            line[col : col + count] = [None] * count
            return
        new = [(char, key) for char in text]
        if line[col : col + count] == new:
            return  # drawn the same again: nothing to send
        i = 0
        while i < count:  # each run of cells that differ, with the cursor moved over the others
            if line[col + i] == new[i]:
                i += 1
                continue
            j = i + 1
            while j < count and line[col + j] != new[j]:
                j += 1
            self._send(out, row, col + i, text[i:j])
            i = j
        line[col : col + count] = new

    def _send(self, out: list[str], row: int, col: int, text: str) -> None:
        self._attrs(out)
        self._move(out, row, col)
        out.append(text)
        end = col + len(text)
        self.real = (row, end) if end < self.width else None  # at the edge: a wrap is pending

    # -- sending -----------------------------------------------------------------------------------
    def _forget_attrs(self) -> None:
        self.have = self.want = self._state = None
        self._key_changed()

    def _key_changed(self) -> None:
        self._key = None if self.want is None else (self._state, self.link)

    def _attrs(self, out: list[str]) -> None:
        """Text is about to be drawn: bring the terminal's attributes to what the stream asked."""
        if self.want is None:
            return  # unknown: the raw codes went on as they came
        change = transition(self.have, self.want)
        if change:
            out.append(change)
        self.have = self.want

    def _move(self, out: list[str], row: int, col: int) -> None:
        """Put the terminal's cursor at (row, col): nothing if there, the skipped cells again when
        that is shorter (and they need no colour change), else a move."""
        real = self.real
        if real == (row, col):
            return
        if real is not None and real[0] == row and col > real[1]:
            gap = self.cells[row][real[1] : col]
            same = all(c is not None and c[1] == self._key for c in gap)
            if same and len(gap) <= 3 and self._key is not None:
                out.append("".join(c[0] for c in gap if c is not None))
            else:
                out.append(f"\x1b[{col - real[1]}C" if col - real[1] > 1 else "\x1b[C")
        else:
            out.append(_cup(row, col))
        self.real = (row, col)

    def _sync(self, out: list[str]) -> None:
        """The terminal's cursor where the app's stream has it (the end of a write, before a report)."""
        at = self.at
        if at is not None and at[1] >= 0 and at != self.real and at[0] < self.height and at[1] < self.width:
            out.append(_cup(*at))
            self.real = at
        elif at is not None and at[1] < 0:  # after a line feed that was held back: send it after all
            if self.real != self._line_from:
                out.append(_cup(*self._line_from))
            out.append("\n")
            self.at = self.real = None

    def _raw(self, out: list[str], text: str, *, forget: bool) -> None:
        """Send `text` as it is, with the cursor and attributes where the app's stream has them."""
        self._sync(out)
        self._attrs(out)
        out.append(text)
        self.at = self.real = None if forget or "\n" in text or "\r" in text else self.real
        if forget:
            self.forget()

"""What the terminal sends, read before Textual's parser makes keys of it: two kinds of bytes that
parser misreads when they come bunched together, as typed-ahead keys and slow links bring them.

Textual's parser holds Escape followed by another character for ESCDELAY (0.1 s) to see whether an
escape sequence follows, and reads Escape and the character as one key (textual 8.2,
`XTermParser.parse`):

- The answers to the output pacing's probes (grok_tui/ui/output_pacing.py, "\\x1b[24;72R") start
  with an escape. Arriving while Escape and a letter were held, one made the parser give them up
  and reissue them with the Escape as "^": `? Escape n` in tmux left the help open (5 runs of 5).
  The answers are taken out before the parser reads them; each goes to the app as the
  CursorPosition event the parser makes of it, which the pacing takes for its own.
- Escape then a space, enter, digit or punctuation key became that key alone (Escape then space:
  space; then `=`: "≠"; then `1`: "¡", as a Mac's option key would type them): over a 64 kbit/s
  link `? Escape space` left the help open and `= Escape space` typed a space into the value box
  (a trial); `Escape Escape space` in the exercise editor lost the second Escape and the space. In
  one read they are the keys typed: each Escape, then the key. Escape then a letter is left to
  the parser (alt+n, which the app splits: grok_tui/ui/typeahead.py), and so are Escape then b, f,
  tab or backspace, which terminals send for option+arrow and alt+backspace.

Only what comes in one read: Escape alone at the end of a read still waits for what follows, as
before. A bare Textual app probes nothing, so it never meets the first; it meets the second.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from typing import Any

from textual import events
from textual.message import Message

ANSWER = re.compile(r"\x1b\[(\d+);(\d+)R")
"""A cursor position report, CSI row;col R: what Textual's parser reads as a CursorPosition event."""
AFTER_ESCAPE = frozenset(" \r" + string.digits + string.punctuation) - frozenset("[]\\^_")
"""Characters that after Escape are a key of their own. Not `[ ] \\ ^ _`: with Escape they open
the terminal's sequences (CSI, OSC, ...), whose rest may come in the next read."""
ESCAPES_THEN_KEY = re.compile("(?P<escapes>\x1b+)[" + re.escape("".join(sorted(AFTER_ESCAPE))) + "]")
"""One Escape or more, then such a key: `Escape Escape space` in one read is three keys."""
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
"""Bracketed paste: what comes between is text, Escapes and all, left to the parser."""
FOUND = re.compile("|".join((ANSWER.pattern, ESCAPES_THEN_KEY.pattern, re.escape(PASTE_START), re.escape(PASTE_END))))


class TerminalInput:
    """Reads the terminal for the driver's input thread: `read(data)` gives the events of one read."""

    def __init__(self, parser: Any) -> None:
        self.parser = parser  # Textual's XTermParser
        self._pasting = False

    def read(self, data: str) -> Iterator[Message]:
        """The events in `data`, in the order they came."""
        start = 0
        for found in FOUND.finditer(data):
            if found.start() > start:  # feed("") would tell the parser the input has ended
                yield from self.parser.feed(data[start : found.start()])
                start = found.start()
            if found[0] in (PASTE_START, PASTE_END):
                self._pasting = found[0] == PASTE_START
            elif self._pasting:
                pass  # text: the parser's to read
            elif found[1] is not None:  # a probe's answer, even while the parser holds an Escape
                yield events.CursorPosition(int(found[2]) - 1, int(found[1]) - 1)
                start = found.end()
            elif self._between_keys():  # Escapes then a key: the Escapes now, the key with what follows
                for _ in found["escapes"]:
                    yield events.Key("escape", "\x1b")
                start += len(found["escapes"])
        if start < len(data):
            yield from self.parser.feed(data[start:])

    def _between_keys(self) -> bool:
        """Whether the parser is between keys, not holding an Escape to see what follows it (read from
        what it awaits, a private attribute of Textual's Parser: without it, nothing is split)."""
        awaiting = getattr(self.parser, "_awaiting", None)
        return awaiting is not None and getattr(awaiting, "timeout", 0) is None

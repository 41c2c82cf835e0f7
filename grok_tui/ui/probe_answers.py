"""The terminal's answers to the output pacing's probes, taken out of the input before Textual's parser reads it.

Textual's parser holds Escape followed by a letter (what a terminal sends for Escape then n typed
quickly, or bunched by a slow link, and for alt+n) for ESCDELAY, 0.1 s, to see whether more
follows; if another escape arrives in that time it gives the held keys up and reissues them without
their alt meaning, with the Escape turned into "^" (textual 8.2, `XTermParser.parse`). The answer to
a probe of grok_tui/ui/output_pacing.py ("\\x1b[24;72R") starts with an escape, and after a frame it
often arrives within that 0.1 s: `? Escape n` in tmux left the help open in 3 runs of 5, the n typed
after a "^". Taken out before the parser reads them, the answers cannot cut into a key; each goes
to the app as the CursorPosition event the parser makes of it, which the pacing takes for its own.
A bare Textual app probes nothing, so it never meets this.

An answer split across two reads (rare: it is 8 to 10 bytes) is left to the parser, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from textual import events
from textual.message import Message

ANSWER = re.compile(r"\x1b\[(\d+);(\d+)R")
"""A cursor position report, CSI row;col R: what Textual's parser reads as a CursorPosition event."""


def read_input(feed: Callable[[str], Iterable[Message]], data: str) -> Iterator[Message]:
    """The events in `data`, one read of the terminal: each answer as a CursorPosition event, the rest
    through `feed` (the parser's), in the order they came."""
    start = 0
    for answer in ANSWER.finditer(data):
        if answer.start() > start:  # feed("") would tell the parser the input has ended
            yield from feed(data[start : answer.start()])
        row, column = int(answer[1]), int(answer[2])
        yield events.CursorPosition(column - 1, row - 1)
        start = answer.end()
    if start < len(data):
        yield from feed(data[start:])

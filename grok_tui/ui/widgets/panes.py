"""The lesson screen's scrolling columns that `z` (and `o`) may zoom to the whole screen.

Scroll containers refuse to be maximized unless they say otherwise; these say so.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import VerticalScroll


class SidePane(VerticalScroll):
    """Values, parameters, output and try-this; `z` zooms it when it has the focus."""

    ALLOW_MAXIMIZE = True
    BINDINGS = [  # as in the lesson text: ← → change the chosen parameter (this column never scrolls sideways)
        Binding("left", "screen.change(-1)", "less", show=False),
        Binding("right", "screen.change(1)", "more", show=False),
    ]


class OutputPane(VerticalScroll):
    """What the lesson printed; `o` shows it on the whole screen (drawings need the width)."""

    ALLOW_MAXIMIZE = True

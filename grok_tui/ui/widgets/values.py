"""The table of the latest values a lesson shows: numbers, short arrays, small matrices."""

from __future__ import annotations

import math
from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from grok_tui.engine.values import format_value
from grok_tui.ui.on_screen import SizeFollowsContent

SMALL_MATRIX = 6
"""Matrices up to this many rows and columns are drawn as a little table; larger ones summarised."""


def _num(x: float, digits: int = 4) -> str:
    return _no_minus_zero(f"{x + 0.0:.{digits}g}")  # + 0.0 turns -0.0 into 0.0


def _no_minus_zero(text: str) -> str:
    """-0, -0.000, -0.0e+00 read as a sign the learner should care about; they are zero."""
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text.split("e")[0]) else text


MATRIX_FORMATS = (".4g", ".3g", ".3f", ".2f", ".1f", ".1e", ".0e")
"""Tried in turn until a matrix row fits its column: significant digits first, then fixed decimals
(a tiny 0.0003238 is long in any `g` format but reads fine as 0.000 beside its neighbours), then
exponents (a diverged -2.7e+153 is 155 digits in a fixed format)."""


def _cell(x: float, spec: str) -> str:
    """One number of a matrix; an exact zero is "0" in every format, so that a fixed "0.000" always
    means small but not zero (6.4's relu switches a node's delta off to exactly 0, and its live
    neighbours, -4.3e-11, read as 0.000 beside it)."""
    return "0" if x == 0 else _no_minus_zero(format(x, spec))


def _matrix(value: Any, width: int | None) -> str:
    """A small matrix as aligned rows, with as many digits as let a row fit in `width` columns."""
    numbers = [float(x) for x in value.flat]
    big = any(math.isfinite(x) and abs(x) >= 1e5 for x in numbers)
    nonzero = [x for x in numbers if x != 0 and math.isfinite(x)]
    for spec in MATRIX_FORMATS:
        if big and spec.endswith("f"):  # fixed decimals of a big number: every digit of it
            continue
        if spec.endswith("f") and nonzero and all(float(format(x, spec)) == 0 for x in nonzero):
            continue  # every live number a 0.000: 6.4's layer_1_delta of -2.9e-06 read "0 0.000 0.000"
        rows = [[_cell(float(x), spec) for x in row] for row in value]
        cell = max(len(c) for row in rows for c in row)
        if width is None or value.shape[1] * (cell + 1) - 1 <= width:
            break
    return "\n".join(" ".join(c.rjust(cell) for c in row) for row in rows)


def compact(value: Any, width: int | None = None) -> str:
    """A short text for one value; arrays stay small enough for a side column `width` wide."""
    if type(value).__module__ == "numpy" and hasattr(value, "ndim") and not isinstance(value, (int, float)):
        if value.size == 0:
            return "[]"
        if value.ndim == 1 and value.size <= 8:
            return "[" + " ".join(_num(float(x)) for x in value) + "]"
        if value.ndim == 2 and value.shape[0] <= SMALL_MATRIX and value.shape[1] <= SMALL_MATRIX:
            return _matrix(value, width)
        flat = value.ravel()
        if value.dtype.kind == "f":
            value = value + 0.0
        what = (
            f"{value.size} values" if value.ndim == 1 else f"{'x'.join(map(str, value.shape))} array"
        )  # not "30 array"
        return f"{what}, min {_num(float(flat.min()))} max {_num(float(flat.max()))}"
    if isinstance(value, float):
        value = value + 0.0
    text = _no_minus_zero(format_value(value))  # numbers as the headless run prints them (6 significant digits)
    return text if len(text) <= 60 else text[:57] + "..."


def _shape(rows: tuple[tuple[str, str], ...], room: int | None) -> tuple[int, ...] | None:
    """The lines of each row, when no value can fold (every line shorter than its column by a
    margin); else None: only a layout knows the height then."""
    if room is None:
        return None
    shape = []
    for _, text in rows:
        lines = text.split("\n")
        if max(len(line) for line in lines) > room - 2:
            return None
        shape.append(len(lines))
    return tuple(shape)


def _stacked(text: str, room: int, width: int) -> bool:
    """A one-line value that would fold beside its name goes under it, the whole width, unless that
    takes more lines: 6.2's predictions took 4 lines of 18 columns at 80x24, cut mid-number, and
    its weights, the row the lesson is about, fell below the pane."""
    if "\n" in text or len(text) <= room:
        return False
    return 1 + math.ceil(len(text) / max(1, width - INDENT)) <= math.ceil(len(text) / room)


INDENT = 2
"""Columns a value under its name is indented by."""


def _table(rows: tuple[tuple[str, str], ...], width: int, names_up_to: int = 0) -> list[Table | Text | Padding]:
    """name | value rows; a long value under its name. The name column keeps one width throughout,
    at least `names_up_to` (the longest name the lesson shows at any step: 6.5's values moved two
    columns while its run played, as errors_every_10 came and went)."""
    beside = max(names_up_to, *(len(name) for name, _ in rows))
    room = width - beside - 1 if width else 0
    stacked = [room > 0 and _stacked(text, room, width) for _, text in rows]
    name_width = max((len(name) for (name, _), s in zip(rows, stacked, strict=True) if not s), default=beside)
    name_width = max(name_width, names_up_to)
    parts: list[Table | Text | Padding] = []
    grid: Table | None = None
    for (name, text), under in zip(rows, stacked, strict=True):
        if under:
            grid = None
            parts.extend((Text(name, style="bold"), Padding(Text(text, overflow="fold"), (0, 0, 0, INDENT))))
            continue
        if grid is None:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(style="bold", no_wrap=True, width=name_width)
            grid.add_column(overflow="fold")
            parts.append(grid)
        grid.add_row(Text(name), Text(text))
    return parts


class ValuesPane(VerticalScroll):
    """The values table's own scrolling box: a long table scrolls here and never pushes the params
    out of view."""

    ALLOW_MAXIMIZE = True
    can_focus = False


class ValuesTable(SizeFollowsContent, Static):
    """name | value rows, in the order of the lesson's `show` list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: object = None
        self._shape: tuple[int, ...] | None = None
        """The line count of each row last shown (None: unknown, or a value may fold)."""
        self._last: tuple[dict[str, Any], tuple[str, ...], str | Text] | None = None
        """The values last given: shown again when the width changes (a matrix takes fewer digits)."""

    def on_resize(self) -> None:
        # Values given while the table was hidden (the reading view at 80 columns) were laid out
        # for no width at all: a 3x3 matrix then wrapped when `l` showed the table.
        if self._last is not None:
            self.show_values(*self._last)

    def show_values(self, values: dict[str, Any], order: tuple[str, ...] = (), empty: str | Text = "") -> None:
        self._last = (values, order, empty)
        names = [n for n in order if n in values] or list(values)
        if not names:
            if self._shown != empty:
                self._shown, self._shape = empty, None
                self.update(empty if isinstance(empty, Text) else Text(empty, style="dim italic"), layout=False)
                self.refresh_size()
            return
        longest = max(len(n) for n in (*names, *order))
        room = self.content_size.width - longest - 1 if self.content_size.width else None
        rows = tuple((name, compact(values[name], room)) for name in names)
        if rows == self._shown:  # the same text: send nothing (bytes over SSH are the budget)
            return
        shape = _shape(rows, room)
        same_size = shape is not None and shape == self._shape
        self._shown, self._shape = rows, shape
        # Text, not str: a value like "[b]" must not be read as markup.
        self.update(Group(*_table(rows, self.content_size.width, longest)), layout=False)
        # The table's height follows its lines: the screen is laid out again only when they may
        # have changed (a layout of the whole screen costs more than all the rest of a frame), and
        # only while the table shows (SizeFollowsContent).
        if not same_size:
            self.refresh_size()

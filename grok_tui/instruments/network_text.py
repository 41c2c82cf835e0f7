"""Draw a network Picture as text: layers as columns of nodes, each weight matrix between two layers
as a crossbar (a row per node before it, a column per node after it).

```
 lamps     weights_0_1           hidden    weights_1_2  walk?
           →0     →1     →2                →0
 0 ● 1     ╍ -.17 ━━ +.44 ╍╍╍-1.0  0 ✕ 0     ━ +.08     0 ● -.02
           Δ 0    Δ -.17 Δ 0         δ 0     Δ 0          δ -1.0
```

Sign reads from the glyph (━ positive, ╍ negative) as well as the colour, size from the mark's
length; what the latest step computed is lit. Uses Rich only (no Textual): tested headless.
"""

from __future__ import annotations

import itertools
import math
import textwrap
from dataclasses import dataclass

import numpy as np
from rich.text import Text

from grok_tui.instruments.network import Layer, Link, Picture, edge_mark

POSITIVE_STYLE = "yellow"
NEGATIVE_STYLE = "bright_blue"
LIT = "bold reverse"
OFF_STYLE = "dim red"
NUMBER = 5
"""Columns of a short number: +.132, -1.02, +12.3."""


def short(value: float | None) -> str:
    """A number in at most 5 columns, sign first (the diagram's cells are narrow)."""
    if value is None or not math.isfinite(value):
        return "?" if value is None else ("nan" if math.isnan(value) else ("+inf" if value > 0 else "-inf"))
    if value == 0:
        return "0"
    sign = "+" if value > 0 else "-"
    size = abs(value)
    if size >= 0.0095:  # below, it would read .000 or .00x: say its size instead
        for digits in (3, 2, 1, 0):
            text = f"{size:.{digits}f}"
            if text.startswith("0."):
                text = text[1:]
            if len(text) <= NUMBER - 1:
                return sign + text
    if 1e4 <= size < 999.5e3:  # 5.4's 33460 read "+3e4", 10% off: "+33k"
        return f"{sign}{size / 1e3:.0f}k"
    return _power(sign, size)


def _power(sign: str, size: float) -> str:
    """`+2e-5`, or just the power of ten, `+e-12`, `-e153`, where the digit would not fit: a cell
    cut "+2e-12" to "+2e-1", and a diverged "-3e153" to "-3e15"."""
    mantissa, exponent = f"{size:.0e}".split("e")
    for text in (f"{sign}{mantissa}e{int(exponent)}", f"{sign}e{int(exponent)}"):
        if len(text) <= NUMBER:
            return text
    return sign + "0"  # below 1e-99: nothing a weight of these lessons can tell from 0


def _sign_style(value: float | None) -> str:
    if value is None or value == 0 or not math.isfinite(value):
        return "dim"
    return POSITIVE_STYLE if value > 0 else NEGATIVE_STYLE


def _scale(matrix) -> float:
    import numpy as np

    if matrix is None:
        return 0.0
    finite = np.abs(matrix[np.isfinite(matrix)])
    return float(finite.max()) if len(finite) else 0.0


class _Header:
    """One line of labels placed at columns; a label may run on into the room after it, up to the next."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str, str, bool]] = []

    def put(self, x: int, text: str, style: str, keep_end: bool = False) -> None:
        """A label at column `x`; `keep_end`: cut short, it keeps its end (a matrix's `…1_2`)."""
        self.items.append((x, text, style, keep_end))

    def text(self, width: int) -> Text:
        out = Text()
        for i, (x, label, style, keep_end) in enumerate(self.items):
            end = self.items[i + 1][0] - 1 if i + 1 < len(self.items) else width
            out.append(" " * max(0, x - out.cell_len))
            room = max(0, end - out.cell_len)
            # A label cut short says so (`weights_1_2` in 4 columns: `wei…`, not `wei`). A matrix's
            # name keeps its end, which tells it from the other matrices: 6.5's `we…` read as nothing.
            if len(label) > room:
                kept = room - 1 if room > 1 else 0
                label = ("…" + label[len(label) - kept :] if keep_end else label[:kept] + "…") if kept else ""
            out.append(label, style=style)
        return out


class _Grid:
    """Lines of Text built column block by column block, each block padded to its width."""

    def __init__(self, rows: int) -> None:
        self.lines = [Text() for _ in range(rows)]

    def block(self, cells: list[Text], width: int) -> None:
        for line, cell in zip(self.lines, cells + [Text()] * (len(self.lines) - len(cells)), strict=False):
            cell = cell.copy()
            cell.truncate(width)
            line.append_text(cell)
            line.append(" " * (width - cell.cell_len))


def _node_cells(layer: Layer, row: int, deltas: bool, index: bool = True) -> tuple[Text, Text]:
    value = None if layer.values is None else float(layer.values[row])
    off = bool(layer.off[row]) if len(layer.off) > row else False
    top = Text(f"{row} " if index else "", style="dim")
    if off:
        top.append("✕ " if index else "✕", style=OFF_STYLE)
        top.append(short(value), style=OFF_STYLE + (" reverse" if layer.lit else ""))
    else:
        # Hollow for a node that is 0 or not computed yet: an off lamp must not look lit in a
        # terminal without colour; the number beside it tells the two apart.
        glyph = "●" if value else "○"
        top.append(glyph + " " if index else glyph, style=_sign_style(value))
        top.append(short(value), style=LIT if layer.lit else "")
    bottom = Text()
    if deltas and layer.deltas is not None:
        d = float(layer.deltas[row])
        bottom.append("  δ " if index else "δ ", style="dim")
        bottom.append(short(d), style=LIT if layer.delta_lit else _sign_style(d))
    return top, bottom


def _cell(link: Link, i: int, j: int, scale: float, form: _Form) -> tuple[Text, Text]:
    top, bottom = Text(), Text()
    if link.weights is None:
        top.append(" ?", style="dim")
    else:
        w = float(link.weights[i, j])
        style = _sign_style(w) + (" reverse" if link.lit else "")
        top.append(edge_mark(w, scale, form.mark), style=style)
        if form.numbers:
            top.append(" " + short(w), style=LIT if link.lit else "")
    if link.deltas is not None:
        d = float(link.deltas[i, j])
        bottom.append("Δ", style="dim")
        if form.numbers:
            bottom.append(" ")
            bottom.append(short(d), style=LIT if link.delta_lit else _sign_style(d))
        else:  # too narrow for numbers: the weight delta's mark, on the scale of its matrix
            bottom.append(
                edge_mark(d, _scale(link.deltas), 2), style=_sign_style(d) + (" reverse" if link.delta_lit else "")
            )
    return top, bottom


NODE_WIDTH = 10
"""`2 ● +.132` plus a space; the narrower forms leave out the node's number (rows are in order)."""


@dataclass(frozen=True)
class _Form:
    """How much each column shows: the widest form that fits is drawn."""

    index: bool
    """Nodes show their number (`2 ● +.132`)."""
    numbers: bool
    """Edges show their weight (`━━━ +.441`), not only its mark."""
    mark: int
    """Cells of an edge's mark."""
    lead: int
    """Columns of the wire (`─ `) before a crossbar."""

    @property
    def node(self) -> int:
        return NODE_WIDTH if self.index else NODE_WIDTH - 3

    @property
    def cell(self) -> int:
        return self.mark + 1 + (NUMBER + 1 if self.numbers else 0)


FULL = _Form(index=True, numbers=True, mark=3, lead=2)
MEDIUM = _Form(index=False, numbers=True, mark=2, lead=1)
"""The weights' numbers without the node numbers and with shorter marks: 6.5's 3-4-1 network in 68
columns (the lab view at 80x24 has 76, at 120x40 72)."""
COMPACT = _Form(index=False, numbers=False, mark=3, lead=1)
FORMS = (FULL, MEDIUM, COMPACT)


def node_names(layer: Layer) -> list[str]:
    """Each node's name where the layer's label lists one a node (`hurt, win, sad`), else its number:
    a crossbar's columns then say which output they feed (3.6's →0 →1 →2 read as nothing)."""
    parts = [part.strip() for part in layer.label.split(",")]
    if len(parts) == layer.size and all(parts):
        return parts
    return [str(j) for j in range(layer.size)]


def fans_out(before: Layer, after: Layer) -> bool:
    """One node feeding several (3.5, 5.4): its weights go one per row, each beside the node it
    feeds, instead of one row of crossbars, which read as a chain through three weights."""
    return before.size == 1 and after.size > 1


def layout_width(picture: Picture, form: _Form) -> int:
    layers = picture.layers
    cells = sum(1 if fans_out(a, b) else max(1, b.size) for a, b in itertools.pairwise(layers))
    return form.node * len(layers) + form.cell * cells + form.lead * len(picture.links)


def draw(picture: Picture, width: int, legend: bool = True) -> Text:
    """The diagram in at most `width` columns: with the numbers on the edges when they fit (the
    node numbers too when there is room), marks only when not, and a short list of the layers when
    even that is too wide."""
    if not picture.known:
        waiting = "Run the lesson (space) or step it (s): the network appears here."
        return Text(textwrap.fill(waiting, max(20, width)), style="dim")
    form = next((f for f in FORMS if layout_width(picture, f) <= width), None)
    if form is None:
        return _summary(picture)
    has_deltas = any(layer.deltas is not None for layer in picture.layers) or any(
        link.deltas is not None for link in picture.links
    )
    height = max(layer.size for layer in picture.layers)
    per_row = 2 if has_deltas else 1
    grid = _Grid(height * per_row)
    names, arrows = _Header(), _Header()
    x = 0
    spare = width - layout_width(picture, form)
    for k, layer in enumerate(picture.layers):
        names.put(x, layer.label, "bold" + (" underline" if layer.lit else ""))
        cells: list[Text] = []
        for row in range(layer.size):
            cells.extend(_node_cells(layer, row, has_deltas, form.index)[:per_row])
        grid.block(cells, form.node)
        x += form.node
        if k < len(picture.links):
            link, after = picture.links[k], picture.layers[k + 1]
            # Spare columns go where a label would be cut: a longer wire after a layer whose label
            # is wider than its nodes (`lamps (last light)`), room after a crossbar narrower than
            # its matrix's name (`weights_1_2` over one column).
            longer = min(spare, max(0, len(layer.label) + 1 - form.node - form.lead))
            spare -= longer
            lead = form.lead + longer
            names.put(x + lead, link.name, "dim" + (" underline" if link.lit else ""), keep_end=True)
            if fans_out(layer, after):
                cells, block = _fan(link, after.size, form, per_row, lead), lead + form.cell
            else:
                feeds = node_names(after)
                if any(len(name) + 1 > form.cell - 1 for name in feeds):  # `→hu`: numbers say more
                    feeds = [str(j) for j in range(after.size)]
                for j in range(after.size):
                    arrows.put(x + lead + j * form.cell, f"→{feeds[j]}", "dim")
                cells = _crossbars(link, layer.size, after.size, form, per_row, lead)
                block = lead + form.cell * after.size
            room = min(spare, max(0, len(link.name) + 1 - (block - lead)))
            spare -= room
            block += room
            grid.block(cells, block)
            x += block
    lines = [names.text(width), *([arrows.text(width)] if arrows.items else []), *grid.lines]
    out = Text()
    if picture.stage:
        out.append("computing: ", style="dim")
        out.append(picture.stage, style=LIT)
        out.append("\n")
    for line in lines:
        line.rstrip()
    out.append(Text("\n").join(lines))
    if legend:
        out.append("\n")
        key = legend_text(
            form.numbers,
            off=any(layer.hidden and bool(layer.off.any()) for layer in picture.layers),  # relu's, drawn
            deltas=any(layer.deltas is not None for layer in picture.layers),
            weight_deltas=any(link.deltas is not None for link in picture.links),
        )
        if power := _a_bare_power(picture, links=form.numbers):
            exponent = power.split("e")[1].translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
            key.append(f"  {power}: {power[0]}10{exponent} or so")
        if key.cell_len > width:  # the panel does not wrap: two lines
            first = key.plain.partition("bigger")[0] + "bigger"
            head, tail = key.divide([len(first), len(first) + 2])[0::2]
            key = Text.assemble(head, "\n", tail)
        out.append_text(key)
    return out


def _a_bare_power(picture: Picture, links: bool = True) -> str:
    """A number the diagram shows as a bare power of ten (`-e-10`, where `-2e-10` does not fit its
    5 columns), if any: the key then says what it means (5.4 at alpha 3.2 showed `δ -e-10`). The
    nodes show their numbers in every form, the links (`links`) only where they fit: too narrow
    for them, 6.5's output node read `-e-13` over a key that said nothing of it."""
    arrays = [x for layer in picture.layers for x in (layer.values, layer.deltas)]
    if links:
        arrays += [x for link in picture.links for x in (link.weights, link.deltas)]
    for array in arrays:
        if array is None:
            continue
        values = np.asarray(array, dtype=float).ravel()
        small = values[np.isfinite(values) & (values != 0) & (np.abs(values) < 0.0095)]  # no others can be
        for value in small:
            text = short(float(value))
            if text[1:2] == "e":
                return text
    return ""


def _wire(lead: int, base: int, end: str, filler: str) -> str:
    """The wire before a crossbar, `lead` columns: `─ ` (or `├ `, `╰ `...) widened on its left with
    `filler` (`─` on a node's own row, a space below it)."""
    return filler * (lead - base) + (end + " ")[:base]


def _crossbars(link: Link, rows: int, columns: int, form: _Form, per_row: int, lead: int) -> list[Text]:
    """A weight matrix as crossbars: a line per node it comes from, a cell per node it goes to."""
    scale = _scale(link.weights)
    lines = []
    for i in range(rows):
        pairs = [_cell(link, i, j, scale, form) for j in range(columns)]
        for part in range(per_row):
            wire = _wire(lead, form.lead, "─", "─") if part == 0 else " " * lead
            line = Text(wire, style="dim")
            for pair in pairs:
                line.append_text(_padded(pair[part], form))
            lines.append(line)
    return lines


def _fan(link: Link, columns: int, form: _Form, per_row: int, lead: int) -> list[Text]:
    """One node's weights, one per line beside the node each feeds, on a branching wire."""
    scale = _scale(link.weights)
    lines = []
    for j in range(columns):
        pair = _cell(link, 0, j, scale, form)
        last = j == columns - 1
        ends = ("─" if j == 0 else "╰" if last else "├", " " if last else "│")
        for part in range(per_row):
            wire = _wire(lead, form.lead, ends[part], "─" if j == 0 and part == 0 else " ")
            lines.append(Text(wire, style="dim") + _padded(pair[part], form))
    return lines


def _padded(piece: Text, form: _Form) -> Text:
    """One crossbar cell, cut and padded to the cell's width."""
    piece = piece.copy()
    piece.truncate(form.cell - 1)
    piece.append(" " * (form.cell - piece.cell_len))
    return piece


def legend_text(numbers: bool = True, off: bool = True, deltas: bool = True, weight_deltas: bool = True) -> Text:
    """The key to the marks, naming only those the diagram can show (no `δ` where no delta is drawn)."""
    text = Text()
    text.append("━", style=POSITIVE_STYLE)
    text.append(" +  ")
    text.append("╍", style=NEGATIVE_STYLE)
    text.append(" −  longer: bigger  ")
    if off:
        text.append("✕", style=OFF_STYLE)
        text.append(" off  ")
    text.append("δ delta  " if deltas else "")
    text.append("Δ weight delta  " if weight_deltas else "")
    text.append("lit", style=LIT)
    # One phrase, shortened where the form is narrow: "lit: new" (3.7) read as another mark than
    # 3.5's "lit: just computed".
    text.append(": computed now" if numbers else ": now")
    return text


def _summary(picture: Picture) -> Text:
    """Too narrow for the diagram: one line per layer (z zooms the panel)."""
    out = Text()
    if picture.stage:
        out.append(f"computing: {picture.stage}\n", style=LIT)
    for layer in picture.layers:
        values = " ".join(short(float(v)) for v in layer.values) if layer.values is not None else "?"
        out.append(f"{layer.label}: ", style="bold")
        out.append(values, style=LIT if layer.lit else "")
        if layer.deltas is not None:
            out.append(
                "  δ " + " ".join(short(float(d)) for d in layer.deltas), style=LIT if layer.delta_lit else "dim"
            )
        out.append("\n")
    out.append("z: zoom for the diagram", style="dim")
    return out

"""Draw an error landscape as text: the 1-D curve in braille with the descent path numbered step by
step (an overshoot's zig-zag shows as numbers alternating around the bottom), or the 2-D surface as a
shaded map (·░▒▓█: lower to higher error) with the path on it. Rich only, no Textual.
"""

from __future__ import annotations

import math

import numpy as np
from rich.text import Text

from grok_tui.instruments.landscape import Surface

PATH_STYLE = "bold yellow"
NOW_STYLE = "bold reverse red"
CURVE_STYLE = "cyan"
SHADES = "·░▒▓█"
"""Low error to high, by glyph (the colour says the same)."""
SHADE_STYLES = ("green", "cyan", "cyan", "cyan", "cyan")
"""The glyph says the level; one colour for most of them keeps a line's cells in one run of the
same style (a colour per cell costs bytes on every repaint), the lowest band stands out."""

_BRAILLE = ((0x01, 0x08), (0x02, 0x10), (0x04, 0x20), (0x40, 0x80))


LATER = "•"
"""The mark of a step after the ninth, and of one beside another digit."""


def _mark(step: int) -> str:
    """A path point's mark: its step number up to 9, then LATER. (The last digit alone drew step 1
    beside step 7 as `17` in a 20-step run, and steps 2, 4 and 1 as `241`.)"""
    return str(step) if step <= 9 else LATER


def _place(marks: dict[tuple[int, int], tuple[str, str]], cell: tuple[int, int], i: int, steps: int) -> None:
    """Mark step i+1 of a path in `cell`: the current step (◆) always; another step only where no
    earlier step is marked, so the start of a path that crowds into a few cells (a run settling at the
    bottom) keeps its 1 2 3, instead of showing the last digits of the steps that came after."""
    if i == steps - 1:
        marks[cell] = ("◆", NOW_STYLE)
    elif marks.get(cell, ("", ""))[1] != PATH_STYLE:
        glyph = _mark(i + 1)
        row, col = cell
        beside = (marks.get((row, col + d), ("", ""))[0] for d in (-1, 1))
        if any(mark.isdigit() for mark in beside):  # two digits side by side read as one number
            glyph = LATER
        marks[cell] = (glyph, PATH_STYLE)


def draw_1d(surface: Surface, path: list[tuple[float, float]], width: int, height: int, label: str) -> Text:
    """The U of one weight: `path` = (weight, error) per step; the last point is the current one."""
    cols, rows = max(8, width), max(3, height - 2)
    xs, z = surface.xs, surface.z
    finite = z[np.isfinite(z)]
    if not len(finite):
        return Text("The error cannot be evaluated here.", style="dim")
    top = float(finite.max()) or 1.0
    grid = [[0] * cols for _ in range(rows)]
    # The curve: two dot columns per cell, four dot rows per line.
    dots_x = np.linspace(xs[0], xs[-1], cols * 2)
    dots_z = np.interp(dots_x, xs, np.where(np.isfinite(z), z, top))
    for dx, value in enumerate(dots_z):
        dy = rows * 4 - 1 - int(round(min(value, top) / top * (rows * 4 - 1)))
        grid[dy // 4][dx // 2] |= _BRAILLE[dy % 4][dx % 2]
    marks: dict[tuple[int, int], tuple[str, str]] = {}
    lo, hi = float(xs[0]), float(xs[-1])
    for i, (x, e) in enumerate(path):
        if not (math.isfinite(x) and math.isfinite(e)) or not lo <= x <= hi:
            continue
        col = min(cols - 1, int((x - lo) / (hi - lo) * cols))
        row = rows - 1 - min(rows - 1, int(min(e, top) / top * (rows - 1) + 0.5))
        _place(marks, (row, col), i, len(path))
    out = Text()
    out.append(f"error  (top {top:.3g})\n", style="dim")
    for r in range(rows):
        line = Text()
        for c in range(cols):
            if (r, c) in marks:
                glyph, style = marks[(r, c)]
                line.append(glyph, style=style)
            else:
                bits = grid[r][c]
                line.append(chr(0x2800 + bits) if bits else " ", style=CURVE_STYLE)
        out.append_text(line)
        out.append("\n")
    out.append_text(_x_axis(lo, hi, label, cols))
    return out


def _x_axis(lo: float, hi: float, label: str, cols: int) -> Text:
    left, right = f"{lo:.3g}", f"{hi:.3g}"
    middle = f"{label} →"
    room = cols - len(left) - len(right)
    if room < len(middle) + 2:
        middle = ""
    pad = max(1, room - len(middle))
    return Text(left + " " * (pad // 2) + middle + " " * (pad - pad // 2) + right, style="dim")


def _logs(z: np.ndarray) -> np.ndarray:
    finite = z[np.isfinite(z)]
    return np.log10(np.where(np.isfinite(z), z, finite.max() if len(finite) else 1.0) + 1e-12)


def level_edges(surface: Surface) -> np.ndarray:
    """Where the shades change, by rank of log(error): every map keeps its contrast, from a bowl's
    rim to its floor. The panel keeps them while its view stays, so a sliding bowl changes only
    the cells its bands cross."""
    return np.quantile(_logs(surface.z), np.linspace(0, 1, len(SHADES) + 1)[1:-1])


def draw_2d(
    surface: Surface,
    path: list[tuple[float, float]],
    width: int,
    height: int,
    labels: tuple[str, str],
    edges: np.ndarray | None = None,
    now_error: float | None = None,
    note: str = "",
) -> Text:
    """The surface over two weights: x = the first, y = the second (up), the path on top. `+` marks
    the grid's lowest point only where it is lower than the run's error now (`now_error`): on a
    flat valley (5.3, error 0 along a line) it was one arbitrary point of many, far from a run that
    had reached the bottom, which read as if the run had stopped short."""
    assert surface.ys is not None
    cols, rows = surface.z.shape[1], surface.z.shape[0]
    z = surface.z
    if not np.isfinite(z).any():
        return Text("The error cannot be evaluated here.", style="dim")
    levels = np.searchsorted(level_edges(surface) if edges is None else edges, _logs(z))
    xs, ys = surface.xs, surface.ys
    marks: dict[tuple[int, int], tuple[str, str]] = {}

    def cell(x: float, y: float) -> tuple[int, int] | None:
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        col = int(round((x - xs[0]) / (xs[-1] - xs[0]) * (cols - 1)))
        row = rows - 1 - int(round((y - ys[0]) / (ys[-1] - ys[0]) * (rows - 1)))
        return row, col

    bottom = surface.bottom
    lowest = float(np.nanmin(z))
    if now_error is not None and math.isfinite(now_error) and now_error <= lowest + 1e-9 * max(1.0, abs(lowest)):
        bottom = ()  # the run is as low as the grid goes: no lower point to show
    valley = is_valley(z)
    if valley:
        bottom = ()  # a line of best weights: `+` on one of its cells read as "the target"
    if bottom and (where := cell(*bottom)) is not None:
        marks[where] = ("+", "bold white")
    for i, (x, y) in enumerate(path):
        where = cell(x, y)
        if where is not None:
            _place(marks, where, i, len(path))
    out = Text()
    head = f"↑ {labels[1]}  {ys[0]:.3g}..{ys[-1]:.3g}"
    # What the slice holds fixed goes under the title where the two do not fit in one line (6.2 at
    # 120x40 cut it to "(ri"): rows_2d leaves the room.
    gap = "\n  " if _note_under(labels, note, width) else "  "
    out.append(head + (f"{gap}({note})" if note else "") + "\n", style="dim")
    for r in range(rows):
        for c in range(cols):
            if (r, c) in marks:
                glyph, style = marks[(r, c)]
                out.append(glyph, style=style)
            else:
                level = int(levels[rows - 1 - r, c])
                out.append(SHADES[level], style=SHADE_STYLES[level])
        out.append("\n")
    out.append_text(_x_axis(float(xs[0]), float(xs[-1]), labels[0], cols))
    out.append("\n")
    out.append_text(legend_2d(lowest=bool(bottom), width=width, valley=valley))
    return out


def is_valley(z: np.ndarray) -> bool:
    """Whether the error is about as low along a whole line across the grid as at its lowest point
    (5.2, 5.3: one example and two free weights have a line of best weights, not one): the lowest
    cell of every column, or of every row, lies within 2% of the grid's range of its lowest."""
    seen = z[np.isfinite(z)]
    if seen.size < 4 or z.ndim != 2 or min(z.shape) < 3:
        return False
    finite = np.where(np.isfinite(z), z, np.inf)
    lowest = float(seen.min())
    near = lowest + 0.02 * (float(seen.max()) - lowest)
    return bool(finite.min(axis=0).max() <= near or finite.min(axis=1).max() <= near)


def rows_2d(height: int, width: int, labels: tuple[str, str], note: str = "") -> int:
    """The grid rows a 2-D landscape `height` lines tall can draw: the rest is its title, the note
    under it (_note_under), the x axis and the legend (two lines kept for it: two when narrow)."""
    return max(3, height - 4 - _note_under(labels, note, width))


def _note_under(labels: tuple[str, str], note: str, width: int) -> bool:
    """Whether the note goes under the title: the range's numbers are allowed 20 columns (two .3g
    numbers and ".."), so the grid and the drawing agree whatever the numbers are."""
    return bool(note) and len(f"↑ {labels[1]}  ") + 20 + len(note) + 4 > width


VALLEY = "; · a valley"
"""Said after the shades where the lowest band is a line of best weights (is_valley), with no `+`,
where the width allows."""


def legend_2d(lowest: bool = True, width: int = 0, valley: bool = False) -> Text:
    """The shades, then the path's marks: on a second line when `width` is too narrow for both."""
    text = Text()
    for glyph, style in zip(SHADES, SHADE_STYLES, strict=False):
        text.append(glyph, style=style)
    text.append(" low→high error")
    if valley and (not width or text.cell_len + len(VALLEY) <= width):
        text.append(VALLEY, style="green")
    text.append("\n" if width and _legend_2d_width(lowest, valley) > width else "  ")
    text.append("1-9", style=PATH_STYLE)
    text.append(" steps, ")
    text.append(LATER, style=PATH_STYLE)
    text.append(" later  ")
    text.append("◆", style=NOW_STYLE)
    text.append(" now" + ("  + lowest" if lowest else ""))
    return text


def _legend_2d_width(lowest: bool, valley: bool = False) -> int:
    marks = len(" later  ◆ now") + (10 if lowest else 0) + (len(VALLEY) if valley else 0)
    return len(SHADES) + len(" low→high error  1-9 steps, ") + len(LATER) + marks


def legend_1d() -> Text:
    text = Text()
    text.append("⠉⠒", style=CURVE_STYLE)
    text.append(" error if the weight were there  ")
    text.append("1-9", style=PATH_STYLE)
    text.append(" steps, ")
    text.append(LATER, style=PATH_STYLE)
    text.append(" later  ")
    text.append("◆", style=NOW_STYLE)
    text.append(" now")
    return text

"""A code cell is laid out from an uncoloured copy of itself (so cells off the screen are never
highlighted): that copy must wrap to exactly the height of the highlighted code, for every code
cell of the course, with and without a note, at the widths the lesson text takes."""

from __future__ import annotations

from rich.console import Console
from rich.syntax import Syntax

from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.model import Cell
from grok_tui.ui.widgets.code_cell import CodeCell
from tests.conftest import LESSONS

WIDTHS = (29, 77)
"""Narrow enough to wrap most lines, and the text's width at 80 columns."""


def height(cell: CodeCell, lexer: str, width: int) -> int:
    console = Console(width=width, color_system="truecolor", legacy_windows=False)
    return len(console.render_lines(cell._renderable(lexer), console.options.update_width(width), pad=False))


def heights(cell: CodeCell, lexer: str) -> list[int]:
    """The cell's height at each of WIDTHS, rendered in full. The renderable is built once, and its
    code highlighted once for all the widths (Syntax highlights again at every render: 10-25% of this
    test's CPU in interleaved runs); every width gets its own copy of the same highlighted text."""
    renderable = cell._renderable(lexer)
    syntax = next(r for r in getattr(renderable, "renderables", [renderable]) if isinstance(r, Syntax))
    highlight, highlighted = syntax.highlight, {}

    def highlight_once(code, line_range=None):
        if (code, line_range) not in highlighted:
            highlighted[code, line_range] = highlight(code, line_range)
        return highlighted[code, line_range].copy()

    syntax.highlight = highlight_once  # type: ignore[method-assign]
    result = []
    for width in WIDTHS:
        console = Console(width=width, color_system="truecolor", legacy_windows=False)
        result.append(len(console.render_lines(renderable, console.options.update_width(width), pad=False)))
    return result


def cells() -> list[Cell]:
    return [b for lesson in load_catalog(LESSONS).lessons for b in lesson.blocks if isinstance(b, Cell)]


def test_the_uncoloured_copy_has_the_height_of_the_highlighted_code():
    found = cells()
    assert len(found) > 50  # the whole course, not an empty list
    for block in found:
        cell = CodeCell(block)
        for width, plain, coloured in zip(WIDTHS, heights(cell, "text"), heights(cell, "python"), strict=True):
            assert plain == coloured, (block.line, width)


def test_a_note_above_the_code_counts_in_both():
    block = next(b for b in cells() if b.role == "exercise")
    cell = CodeCell(block, "exercise: your version runs, and this note is long enough to wrap at 29")
    plain = CodeCell(block)
    for width in WIDTHS:
        assert height(cell, "text", width) == height(cell, "python", width) > height(plain, "python", width)

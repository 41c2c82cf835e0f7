"""What a code cell printed, under the cell in the lesson text, as a notebook shows it.

Learners read the lesson text while its code runs; with the printouts one key away (`o`), several
missed that a cell printed anything, and the text had to say "press o" wherever it argued from a
printed number. Each cell that printed now shows it right below: its first and last lines (the feed
keeps them, grok_tui/engine/feed.py), the count of lines between (`o` still shows everything), a
demo's expected error marked as `o` marks it, and the error that stopped the run under its cell.

Printed lines are wrapped here, between words (`fold`), so a box's height is known before it is
laid out. That is what keeps the text still: when a box wholly above the first line on screen
appears or grows, the text scrolls by as many rows, in the same frame (`Printouts._place`), and the
line the learner was reading stays where it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from grok_tui.engine.feed import CellPrint
from grok_tui.ui.screens.output import printed_line

if TYPE_CHECKING:
    from textual.containers import VerticalScroll

    from grok_tui.ui.widgets.code_cell import CodeCell

MIN_WIDTH = 20
"""Columns to fold at while the text has no width yet (hidden by the lab view at 80 columns)."""


def printout_lines(printed: CellPrint | None, failure: str = "", stale: bool = False) -> list[Text]:
    """The lines of a cell's box: what it printed, then the error that stopped the run there. A
    printout of the run before (a new run has not reached the cell yet) is dimmed."""
    lines: list[Text] = []
    if printed is not None:
        for i, line in enumerate(printed.lines):
            if i == len(printed.head) and printed.skipped:
                more = "line" if printed.skipped == 1 else "lines"
                lines.append(Text(f"⋮ {printed.skipped} more {more} · o shows them all", style="dim italic"))
            lines.append(printed_line(line))
    lines.extend(Text(part, style="bold red") for part in failure.split("\n") if failure)
    if stale:  # dim and slanted: dim alone read as the code's grey comments, as if printed now
        for text in lines:
            text.stylize("dim italic")
    return lines


NOT_RUN = "(not run: the run stopped at line {line}, above)"
NOT_RUN_DIVERGED = "(not run: the run diverged above, in the cell at line {line})"
"""Under each cell after the one where the run stopped or diverged."""

HIDDEN = "(the last run's printout, hidden until this run gets here)"
LAST_RUN = "  (last run)"
"""After the first line of a printout the run before left: dim and slanted, and a grey bar, do not
show in a plain terminal, where a learner read the old run's lines as the new run's."""


def hidden_lines(lines: list[Text]) -> list[Text]:
    """A dimmed printout with its words hidden, its rows kept (the text under it must not move): in
    a lesson that asks for predictions, the run before's printout showed the answers before the
    question (6.4's layer_2, 4.4's weight at step 4)."""
    if not lines:
        return lines
    return [Text(HIDDEN, style="dim italic"), *(Text("") for _ in lines[1:])]


_MEASURE = Console(width=200, color_system=None, legacy_windows=False)
"""Wraps lines (the width is given each time); never prints."""


def fold(lines: list[Text], width: int) -> list[Text]:
    """Each line wrapped at `width` cells, between words where it can (a word longer than a line is
    cut): cut anywhere, a message read `... type(s) for *: 'b` over `uiltin_function_or_method'`."""
    width = max(1, width)
    out: list[Text] = []
    for line in lines:
        if cell_len(line.plain) <= width:
            out.append(line)
        else:
            for part in line.wrap(_MEASURE, width, overflow="fold"):
                part.rstrip()  # in place: the space a line was broken at
                out.append(part)
    return out


class CellOutput(Widget):
    """The box under one code cell: a bar at its left, the printed lines folded at its width."""

    DEFAULT_CSS = """
    CellOutput {
        height: auto;
        margin: 0 0 1 0;
        padding: 0 0 0 1;
        border-left: outer $secondary 70%;
    }
    /* the run before's printout, until the new run reaches its cell: a grey bar (a faint blue one
       was black in 256 colours) */
    CellOutput.-stale {
        border-left: outer $foreground 35%;
    }
    """

    def __init__(self, cell_line: int, lines: list[Text]) -> None:
        super().__init__(classes="printout")
        self.cell_line = cell_line
        self._lines = lines
        self._folded: tuple[int, list[Text]] = (-1, [])

    def show(self, lines: list[Text]) -> None:
        self._lines = lines
        self._folded = (-1, [])
        self.refresh(layout=True)

    def folded(self, width: int) -> list[Text]:
        if self._folded[0] != width:
            self._folded = (width, fold(self._lines, width))
        return self._folded[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.folded(width))

    def render(self) -> Text:
        return Text("\n").join(self.folded(self.content_size.width))


class Printouts:
    """The printout boxes of one lesson text: made as cells print, kept where the learner reads.

    Within a run a box grows; a new run dims the boxes until it reaches their cells; at the end of
    the run (finished, or stopped by an error) a box whose cell printed nothing this time goes."""

    def __init__(self, doc: VerticalScroll, cells: dict[int, CodeCell], hide_stale: bool = False) -> None:
        self.doc = doc
        self.cells = cells
        """Each shown code cell by its first line in the lesson file."""
        self.boxes: dict[int, CellOutput] = {}
        self._run: object = None
        self._drawn: dict[int, CellPrint] = {}
        """What each box shows of the current run (a box not here shows the run before, dimmed)."""
        self._printed: dict[int, CellPrint] = {}
        self._failure: tuple[int, str] | None = None
        self._stale: dict[int, list[Text]] = {}
        """The dimmed lines of the run before, by cell, while the current run refills its boxes."""
        self.hide_stale = hide_stale
        """The run before's lines are hidden, not dimmed (a lesson with predictions: hidden_lines)."""

    def show(self, printed: dict[int, CellPrint], run: object) -> None:
        """Draw what `run` printed so far (FeedView.printed); no run (None: a param changed, the
        re-run is about to start) dims what the last one printed."""
        if run is not self._run:
            dim = bool(self._drawn or self._failure)  # (nothing to do if it is dimmed already)
            if dim:  # dim what the run before printed
                self._stale = {line: self._stale_under(line, self._before(line)) for line in self.boxes}
            self._run, self._drawn, self._failure = run, {}, None
            if dim:
                self._place({line: self._last_run(lines) for line, lines in self._stale.items()})
        self._printed = printed
        changed = {
            line: self._over_stale(line, printout_lines(cp, self._failure_at(line)))
            for line, cp in printed.items()
            if line in self.cells and self._drawn.get(line) is not cp
        }
        self._drawn.update({line: printed[line] for line in changed})
        self._place(changed)

    def _before(self, line: int) -> list[Text]:
        """The run before's printout under the cell at `line`, dimmed (or hidden: hide_stale)."""
        lines = printout_lines(self._printed.get(line), stale=True)
        return hidden_lines(lines) if self.hide_stale else lines

    def _over_stale(self, line: int, lines: list[Text]) -> list[Text]:
        """A running box keeps the dimmed lines of the run before under its new ones until the run
        ends: shrunk to its first line, the box (its top above the view, the rest in it) moved the
        text the learner read by a row a step as 3.1's re-run refilled its four games."""
        return lines + self._last_run(self._stale_under(line, lines)[len(lines) :])

    def _stale_under(self, line: int, lines: list[Text]) -> list[Text]:
        """`lines`, then the run before's below them (unmarked)."""
        return lines + self._stale.get(line, [])[len(lines) :]

    def _last_run(self, lines: list[Text]) -> list[Text]:
        """The run before's lines, the first marked LAST_RUN (hidden ones say so already)."""
        if self.hide_stale or not lines:
            return lines
        first = lines[0].copy()
        first.append(LAST_RUN, style="dim italic")
        return [first, *lines[1:]]

    def ended(self, failure: tuple[int, str] | None = None, diverged_in: int = 0) -> None:
        """The run finished, or stopped at an error (its line in the lesson file and what to say), or
        diverged in the cell at line `diverged_in`: every cell that printed nothing in it loses its
        box, the error shows under its cell, and each cell under the one it stopped in says it did
        not run (4.5's table of eight alphas, under a loop that diverged, showed its code and nothing
        under it, as if it had run and printed nothing)."""
        self._failure = failure
        key = self._cell_of(failure[0]) if failure else None
        lines: dict[int, list[Text] | None] = {line: None for line in self.boxes if line not in self._drawn}
        # the boxes this run printed in take their own size now, without the run before's tail
        stale, self._stale = self._stale, {}
        lines.update(
            {line: printout_lines(cp, self._failure_at(line)) for line, cp in self._drawn.items() if line in stale}
        )
        if key is not None:
            lines[key] = printout_lines(self._printed.get(key), self._failure_at(key))
        stopped_in = key if failure is not None else self._cell_of(diverged_in) if diverged_in else None
        if stopped_in is not None:
            why = NOT_RUN.format(line=failure[0]) if failure is not None else NOT_RUN_DIVERGED.format(line=stopped_in)
            note = [Text(why, style="dim italic")]
            below = [line for line, cell in self.cells.items() if line > stopped_in and cell.cell.shown]
            lines.update({line: note for line in below if line not in self._drawn})
        self._place(lines)

    def clear(self) -> None:
        """No run (the lesson was reset): no printout."""
        self._run, self._drawn, self._printed, self._failure, self._stale = None, {}, {}, None, {}
        self._place(dict.fromkeys(self.boxes))

    def _failure_at(self, cell_line: int) -> str:
        if self._failure is None or self._cell_of(self._failure[0]) != cell_line:
            return ""
        return self._failure[1]

    def _cell_of(self, line: int) -> int | None:
        return next((start for start, cell in self.cells.items() if line in cell.lines), None)

    def _place(self, changes: Mapping[int, list[Text] | None]) -> None:
        """Show, change or (None) remove boxes; scroll by the rows that boxes above the top of the
        view gained or lost, so the text on screen does not move, and by the rows a box whose end is
        at the bottom of the view gained, so its end stays in view."""
        doc = self.doc
        top = doc.scroll_y
        width = max(MIN_WIDTH, doc.scrollable_content_region.width - 2)  # the bar and its padding
        rows = doc.scrollable_content_region.height
        shift = 0
        for line, lines in changes.items():
            cell = self.cells[line]
            box = self.boxes.get(line)
            y = cell.virtual_region.bottom
            # The rows the box takes once laid out, not its laid-out size: a box mounted or grown
            # since the last frame has not been laid out yet, and counting its old size shifted the
            # text twice when a loaded machine sent two printouts in one frame.
            old = len(box.folded(width)) if box is not None else 0
            if lines is None or not lines:
                if box is not None:
                    box.remove()
                    del self.boxes[line]
                    cell.remove_class("-printed")
                new = 0
            elif box is None:
                box = self.boxes[line] = CellOutput(line, lines)
                doc.mount(box, after=cell)
                cell.add_class("-printed")
                new = len(box.folded(width))
            else:
                box.show(lines)
                new = len(box.folded(width))
            if box is not None and lines:
                box.set_class(line in self._stale and line not in self._drawn, "-stale")
            # Only the box's rows above the view move the text: one the learner is reading (its top
            # above the view, the rest in it) grows below where they read, and following it slid the
            # pass-1 table of 6.2b off the screen as pass 40's was added under it. Counting a box
            # whole once it started above the view (as a new box of one line did) slid the text
            # under it up by a row a step as 3.1's re-run refilled its bars.
            if new != old and top > 0:
                above = max(0, round(top) - y)
                shift += min(above, new) - min(above, old)
            if box is not None and 0 < old < new and round(top) + rows == y + old:
                # Its last line at the bottom of the view (where `w` leaves a tall cell's printout):
                # the learner watches its end, and it follows. 4.4's walk showed iteration 1's lines
                # while iteration 2's were added below the screen.
                shift += new - old
        if shift:
            target = top + shift
            doc.scroll_to(y=target, animate=False, immediate=True)
            if doc.scroll_y != target:
                # Past the end of the text as last laid out (reading its last page): Textual clamps
                # the scroll until the boxes are laid out, and a scroll after that frame let the
                # text jump by the boxes' rows for one frame. Set unclamped, the layout that makes
                # room for the boxes shows the text where it was.
                doc.set_reactive(type(doc).scroll_y, float(target))
                doc.set_reactive(type(doc).scroll_target_y, float(target))
                doc.vertical_scrollbar.position = target
                doc.refresh(layout=True)

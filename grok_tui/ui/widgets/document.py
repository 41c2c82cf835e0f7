"""The lesson as the learner reads it: prose and the code cells that run, in file order.

The code shown is the code that runs: parameter assignments appear above the first cell (the runner
puts them in the namespace before any cell), and an exercise cell says whose version runs.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

from markdown_it import MarkdownIt
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Mount
from textual.widget import Widget
from textual.widgets import Markdown, Static

from grok_tui.lesson.model import Lesson, Prose
from grok_tui.ui.code_tokens import CodeTokens
from grok_tui.ui.lesson_exercise import ExerciseNote
from grok_tui.ui.widgets.answers_fold import AnswersFold
from grok_tui.ui.widgets.cell_output import CellOutput, Printouts
from grok_tui.ui.widgets.code_cell import CodeCell
from grok_tui.ui.widgets.gutter import GutterFirst

INLINE = re.compile(r"`([^`]+)`|\*\*(?!\s)(.+?)(?<!\s)\*\*|(?<![\w*])\*(?![\s*])(.+?)(?<![\s*])\*(?![\w*])")
"""Markdown's inline marks: `code` (its text as it is: `input**2` is no bold), **strong**, *emphasis*
(not _emphasis_: names like hidden_size and batch_size would pair up)."""


def inline_markdown(source: str) -> Text:
    """A line or paragraph of Markdown as styled text: the marks are drawn, not shown literally (the
    try-this prompts; the contents' preview, which showed `*multiplies*` and turned 4.5's `input**2`
    into `input2`)."""
    out = Text()
    end = 0
    for match in INLINE.finditer(source):
        out.append(source[end : match.start()])
        code, bold, italic = match.groups()
        if code is not None:
            out.append(code, style="bold")
        else:
            out.append(bold if bold is not None else italic, style="bold" if bold is not None else "italic")
        end = match.end()
    out.append(source[end:])
    return out


def try_this_text(prompts: tuple[str, ...]) -> Table:
    """A lesson's "try this" prompts as bullets (the side column and the end of the text show them),
    each wrapped under its own first word as the prose's lists are, so the bullets stand out."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for prompt in prompts:
        grid.add_row(Text("•", style="bold"), inline_markdown(prompt))
    return grid


class ProseView(Markdown):
    """A prose block of the lesson, its Markdown parsed when the widget is composed.

    Textual's Markdown parses its text after it is mounted, on a thread of the event loop's pool, then
    mounts its blocks in a layout pass of their own: for each prose block of a lesson, a thread round
    trip (a new thread at first) and one more layout of the screen before its first frame. Composed
    with the widget, the blocks are mounted and laid out with the rest of the screen at once."""

    def compose(self) -> ComposeResult:
        markdown = self._initial_markdown or ""
        self._initial_markdown = None
        self._markdown = markdown
        self._theme = self.app.theme
        lines = markdown.splitlines()
        self._last_parsed_line = len(lines) - (1 if lines and lines[-1] else 0)  # as Markdown.update
        yield from self._parse_markdown(MarkdownIt("gfm-like").parse(markdown))

    async def _on_mount(self, event: Mount) -> None:  # type: ignore[override]  # async as Markdown's, unlike Widget's
        event.prevent_default()  # not Markdown's: it would parse the text again and mount it anew
        Widget._on_mount(self, event)


class ParamLines(Static):
    """`alpha = 1.0` lines: the values the tutor puts into the namespace before the code runs."""

    _shown: tuple[dict, str, str, dict] = ({}, "", "", {})
    _text: Text | None = None

    def show_values(self, values: dict, selected: str = "", help: str = "", defaults: dict | None = None) -> None:
        self._shown = (values, selected, help, defaults or {})
        text = self._lines(values, selected, help, self.content_size.width or self._expected_width(), defaults)
        if text != self._text:  # an update lays the lesson out again: only for a change
            self._text = text
            self.update(text)

    def on_resize(self) -> None:
        # The help comment wraps at the width: re-drawn when that changes its lines (a resize to
        # the same lines cost a layout of the lesson, 10-30% of its first frame, at every start).
        if self._shown[0]:
            self.show_values(*self._shown)

    def _expected_width(self) -> int:
        """The width grok.tcss will give the lines, before the first layout (the lesson text's
        columns: the whole screen below 110, 3/5 of it below 150, then 86), so that the first
        frame is drawn once, not again at the first resize."""
        screen = self.app.size.width if self.is_attached else 80
        doc = screen - 1 if screen < 110 else screen * 3 // 5 - 1 if screen < 150 else 85
        return max(20, doc - 2)

    @staticmethod
    def _lines(values: dict, selected: str, help: str, width: int, defaults: dict | None = None) -> Text:
        # Wrapped, its own line goes on with a `#` too: at 60 columns "value" alone read as code
        # "[ ] choose" left a newcomer asking what [ ] meant: it picks which of these lines + - change
        pick = "[ ] pick one, " if len(values) > 1 else ""
        header = f"set by the tutor: {pick}+ - change it, = type a value"
        lines = textwrap.wrap(header, max(20, width - 2))
        text = Text("".join(f"# {line}\n" for line in lines), style="dim italic")
        for i, (name, value) in enumerate(values.items()):
            # as Python writes it: a float keeps its `.0` and every digit (3.3's `b_2 = -1` sat under a
            # comment that b_2 is a float; a typed 0.123456789 showed as 0.123457, not the number run)
            shown = repr(value)
            line = f"{name} = {shown}"
            text.append(line, style="bold reverse" if name == selected else "bold")
            default = (defaults or {}).get(name, value)
            off = f"default {default!r}" if default != value else ""
            if name != selected and off:
                # The text quotes the default's runs: a learner who kept seed 2 from a week ago read
                # "alpha 0.5 learns faster" and saw it stuck at 1
                text.append(f"  # {off}", style="dim")
            help = f"{off} · {help}" if name == selected and off and help else help
            if name == selected and help:
                # A comment that wrapped went on without its `#`, and read as code: each of its
                # lines starts with one, under the first. It starts at the same column for any value
                # up to VALUE_ROOM characters: 3.3b's `off_weight = 0.5` wrapped it where 0 and 1 did
                # not, and each + moved the text under it by a line.
                pad = max(0, VALUE_ROOM - len(shown))
                indent = len(line) + 2 + pad
                text.append(" " * pad)
                room = max(20, width - indent - 2)
                parts = textwrap.wrap(help, room) if indent + 2 + len(help) > width else [help]
                if indent + 2 + max(len(p) for p in parts) > width:  # too little room beside it
                    indent, parts = 0, textwrap.wrap(help, max(20, width - 2))
                    text.append("\n")
                comment = ("\n" + " " * indent).join(f"# {part}" for part in parts)
                text.append(("  " if indent else "") + comment, style="italic")
            if i < len(values) - 1:
                text.append("\n")
        return text


VALUE_ROOM = 8
"""Columns a selected param's value is given before its help comment (fmt's 0.316228 takes 8)."""


class LessonDocument(GutterFirst, VerticalScroll, can_focus=True):
    """Scrollable prose and code. ↑↓, j/k and page keys scroll it; ←→ change the chosen parameter
    (the text never scrolls sideways: it wraps). `z` zooms it to the whole screen, for reading at 80x24."""

    ALLOW_MAXIMIZE = True  # scroll containers refuse maximize by default

    BINDINGS = [
        Binding("left", "screen.change(-1)", "less", show=False),
        Binding("right", "screen.change(1)", "more", show=False),
        Binding("j", "scroll_down", "down", show=False),
        Binding("k", "scroll_up", "up", show=False),
        Binding("G", "scroll_end", "end", show=False),  # as j and k: a vi reader pressed G, and nothing moved
    ]

    def __init__(
        self,
        lesson: Lesson,
        values: dict,
        notes: dict[str, ExerciseNote],
        *,
        answered: bool = False,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.lesson = lesson
        self._answered = answered
        """The run's questions were all met since the tutor opened the lesson: nothing is folded."""
        self._values = values
        self._notes = notes
        self.tokens = CodeTokens(lesson.id)
        """The colours of the cells' code, saved between starts (grok_tui/ui/code_tokens.py)."""
        self._printouts: Printouts | None = None
        self._pending_place: tuple[int, int] | None = None
        self._chosen: tuple[int, int] | None = None
        """The place the learner last scrolled to (kept through a resize that clamps the scroll)."""
        """A place to go to once the text is laid out that far (restore)."""
        self.on_place: Callable[[tuple[int, int]], None] | None = None
        """Told the reading place each time the text scrolls (the screen keeps it per lesson)."""

    @property
    def printouts(self) -> Printouts:
        """What each cell printed, under it (grok_tui/ui/widgets/cell_output.py)."""
        if self._printouts is None:
            cells = {cell.cell.line: cell for cell in self.query(CodeCell)}
            # A lesson that asks for predictions: a re-run must not show the run before's answers.
            self._printouts = Printouts(self, cells, hide_stale=bool(self.lesson.predictions))
        return self._printouts

    # -- keys that scroll: each one counts, however many arrive at once --------------------------
    # Textual's scroll_down aims at scroll_target_y + 1 and moves after the next refresh, so keys
    # read together all aimed at the same line: five Down sent in one burst (a slow SSH link, key
    # repeat) moved the text one line. Moved at once, each key's aim starts from the last one's.
    def _scroll_now(self, lines: int) -> None:
        if not self.allow_vertical_scroll:
            raise SkipAction()
        self.scroll_to(y=self.scroll_y + lines, animate=False, immediate=True)

    def action_scroll_down(self) -> None:
        self._scroll_now(1)

    def action_scroll_up(self) -> None:
        self._scroll_now(-1)

    def action_page_down(self) -> None:
        self._scroll_now(self.scrollable_content_region.height)

    def action_page_up(self) -> None:
        self._scroll_now(-self.scrollable_content_region.height)

    def watch_has_focus(self, has_focus: bool) -> None:
        """Restyle this box alone when it gains or loses focus, not every paragraph and cell in it as
        Textual does (half the CSS work of opening a lesson): only its own look depends on its focus
        (`#doc:focus` in grok.tcss; no rule styles what is inside by the text's focus)."""
        self.app.stylesheet.update_nodes([self], animate=True)

    def compose(self):
        params_shown = False
        for block in self.lesson.blocks:
            if isinstance(block, Prose):
                if block.text.strip():
                    view = ProseView(block.text, classes="prose")
                    yield AnswersFold(view, block.text, folded=not self._answered) if block.after_questions else view
            elif block.role == "check":
                yield CodeCell(
                    block, "check cell: pins the lesson's numbers; `grok-tui check` runs it (v hides)", self.tokens
                )
            elif block.shown:
                if not params_shown and self._values:
                    lines = ParamLines(classes="params-lines")
                    lines.show_values(self._values)
                    yield lines
                    params_shown = True
                note = self._notes.get(block.name) if block.role == "exercise" else None
                yield CodeCell(block, note.text if note else "", self.tokens, note.code if note else None)
        if self.lesson.try_this:
            yield Static(Group(Text("Try this", style="bold"), try_this_text(self.lesson.try_this)), classes="try-this")

    # -- where the learner reads (grok_tui/reading_places.py) ------------------------------------------
    def _blocks(self) -> list[Widget]:
        """The text's blocks as they stand in every visit: not the printouts (made by runs) nor the
        check cells (hidden until v)."""
        return [c for c in self.children if not isinstance(c, CellOutput) and not c.has_class("-check")]

    def place(self) -> tuple[int, int]:
        """(block, row) at the top of the view: (0, 0) at the text's top."""
        top = round(self.scroll_y)
        if top <= 0:
            return (0, 0)
        blocks = self._blocks()
        for i, block in enumerate(blocks):
            region = block.virtual_region
            if region.bottom > top:
                return (i, max(0, top - region.y))
        return (max(0, len(blocks) - 1), 0)

    def restore(self, place: tuple[int, int]) -> None:
        """Go to `place` as soon as the text is laid out that far: now, or at a later resize or
        growth of the text (under load the first frame came before the layout, and a retry after
        each refresh gave up before it was done)."""
        self._pending_place = None if self.go_to(place) else place

    def on_resize(self) -> None:  # GutterFirst's on_resize runs too: Textual calls each class's handler
        if self._chosen is not None and self._pending_place is None:
            # Back at the place the learner scrolled to, not where a narrower or taller screen
            # clamped the scroll: reading the end at 80x24, 100x30 and back left the view 16 lines up.
            self.call_after_refresh(self.restore, self._chosen)
        self._restore_pending()

    def watch_virtual_size(self) -> None:
        super().watch_virtual_size()
        self._restore_pending()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        # A scroll the text's new shape forced (a resize made it shorter) is no place the learner chose.
        clamped = old_value > new_value >= self.max_scroll_y > 0 and old_value > self.max_scroll_y
        if round(old_value) == round(new_value) or clamped or not (self.display and self.size.height):
            return
        # Where the learner reads, noted as it changes (a tick could miss the last page down
        # before a key left the lesson). Not while hidden or not laid out: a 0 there is no place.
        self._chosen = self.place()
        if self.on_place is not None:
            self.on_place(self._chosen)

    def _restore_pending(self) -> None:
        if self._pending_place is not None and self.go_to(self._pending_place):
            self._pending_place = None

    def go_to(self, place: tuple[int, int]) -> bool:
        """Scroll to `place`; False if the text is not laid out that far yet (try after a refresh)."""
        blocks = self._blocks()
        block, row = place
        if not 0 <= block < len(blocks):
            return True  # the lesson changed since: its top
        region = blocks[block].virtual_region
        y = region.y + min(row, max(0, region.height - 1))
        if blocks[-1].virtual_region.height:
            # The whole text is laid out: a place on its last page may be past the end of the scroll
            # (the gap row above a block counts as that block's, and printouts made the text longer
            # when it was noted): the last page then. Quitting there reopened the text at its top.
            y = min(y, self.max_scroll_y)
        if not region.height or y > self.max_scroll_y:
            return False
        self.scroll_to(y=y, animate=False, immediate=True)
        return round(self.scroll_y) == y  # not before the box has its height: Textual refuses to scroll

    def show_values(self, values: dict, selected: str = "", help: str = "", defaults: dict | None = None) -> None:
        for lines in self.query(ParamLines):
            lines.show_values(values, selected, help, defaults)

    def answers_out_of_reach(self, last: int | None) -> None:
        """The last run ended at step `last`, before any question (None: it did not)."""
        for fold in self.query(AnswersFold):
            fold.out_of_reach(last)

    def reveal_answers(self) -> None:
        """Unfold the text that answers the run's questions (grok_tui/ui/widgets/answers_fold.py)."""
        for fold in self.query(AnswersFold):
            fold.reveal()

    def set_exercise_notes(self, notes: dict[str, ExerciseNote]) -> None:
        for cell in self.query(CodeCell):
            if cell.cell.role == "exercise":
                note = notes.get(cell.cell.name, ExerciseNote(""))
                cell.refresh_code(note.text, note.code)

    def show_running(self, line: int | None) -> None:
        """Tint the cell the run is in (None: no run goes); the tint changes no line's place."""
        for cell in self.query(CodeCell):
            cell.set_class(line is not None and cell.cell.line == line, "-running")

    def running_cell(self) -> CodeCell | None:
        return next(iter(self.query(CodeCell).filter(".-running")), None)

    def cell_at(self, line: int) -> CodeCell | None:
        """The code cell whose first line in the lesson file is `line`."""
        return next((cell for cell in self.query(CodeCell) if cell.cell.line == line), None)

    def mark_line(self, line: int | None) -> None:
        """Point at a line of the lesson file (a failure), or clear the mark; show it if it is here."""
        for cell in self.query(CodeCell):
            mark = line if line is not None and line in cell.lines else None
            if mark != cell.mark:
                cell.mark = mark
                cell.refresh_code()
                if mark is not None:
                    self.scroll_to_widget(cell, animate=False)

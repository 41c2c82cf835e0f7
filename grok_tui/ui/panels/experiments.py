"""The experiments table: every run of the lesson adds a row (parameters that differ from the
defaults, how it ended, the final value of its first chart's series). ↑↓ choose a row, o sorts
(by run / by final value), enter runs that row's parameters again."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.widget import Widget

from grok_tui.engine.runner import StateEvent, StepEvent
from grok_tui.instruments.experiments import Experiment, Table
from grok_tui.ui.on_screen import displayed
from grok_tui.ui.panels._instrument_base import InstrumentPanel


class ExperimentsPanel(InstrumentPanel):
    TITLE = "experiments"
    KEYS = "↑↓ b best first ⏎ re-run"
    BINDINGS = [
        Binding("up", "move(-1)", "previous row", show=False),
        Binding("down", "move(1)", "next row", show=False),
        Binding("b", "sort", "best (lowest final error) first, or back to run order", show=False),
        Binding("enter", "rerun", "run this row again", show=False),
    ]

    def __init__(self, lesson: Any = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        charts = lesson.charts if lesson is not None else ()
        self.table = Table(charts[0].series[0] if charts else "error")
        self.selected = 0
        self._row: Experiment | None = None

    def run_started(self) -> None:
        defaults = self.lesson.defaults if self.lesson is not None else {}
        self._row = row = self.table.start(self.params, defaults)
        watched = self.table.watched

        def listen(event: Any) -> None:  # on the run's thread: plain assignments only
            if isinstance(event, StepEvent):
                row.see(event.step.index, event.step.values.get(watched))
            elif isinstance(event, StateEvent) and event.state.done:  # how it ended: from the run
                row.state = event.state.value

        self.tap_run(listen)
        self.selected = len(self.table.rows) - 1 if self.table.sort == "run" else self.selected
        self._repaint()

    def run_stepped(self, values: Mapping[str, Any]) -> None:
        if displayed(self):  # hidden, it is drawn when it shows (on_show)
            self._repaint()

    def on_show(self) -> None:
        self._repaint()

    def on_resize(self) -> None:
        self._repaint()  # the rows that fit the new height

    def run_finished(self, namespace: Any) -> None:
        self._repaint()

    def run_state_changed(self, state: str) -> None:
        if self._row is not None and not self._row.done:  # paused or running: as the screen shows it
            self._row.state = state
        if displayed(self):
            self._repaint()

    def _repaint(self) -> None:
        self.show(self._draw())

    def action_move(self, delta: int) -> None:
        if self.table.rows:
            self.selected = max(0, min(len(self.table.rows) - 1, self.selected + delta))
            self._repaint()

    def action_sort(self) -> None:
        self.table.sort = "final" if self.table.sort == "run" else "run"
        self.show_caption()
        self._repaint()

    def keys(self) -> str:
        """What b does next: "b best first" stayed under rows already sorted so."""
        return self.KEYS if self.table.sort == "run" else "↑↓ b by run ⏎ re-run"

    def action_rerun(self) -> None:
        rows = self.table.ordered()
        if not rows:
            return
        row = rows[self.selected]
        screen = self.screen
        session = getattr(screen, "session", None)
        if session is None or not hasattr(screen, "start_run"):
            return
        session.params.update(row.params)  # the row's params become the learner's, shown and run
        if hasattr(screen, "_show_params"):
            screen._show_params()
        screen.start_run()

    def _draw(self) -> Text:
        # The screen's focus, not has_focus: on_focus runs before Textual sets has_focus, so the
        # selected row showed only from the next repaint on (a step, a key), not on focus.
        if not self.table.rows:
            return self.sentence("Each run adds a row here: change a parameter (+ -) and run again to compare.")
        focused = self.is_attached and self.screen.focused is self
        return table_text(self.table, self.selected if focused else None, self.columns, self._room())

    def _room(self) -> int:
        """Lines the table may take (0: any). Its own height, except where the panel is as tall as
        what it shows (the wide views, grok.tcss: at most a share of its column): there, its most.
        (Windowed to the height it had, it kept that height: 3 of 5 rows at 120x40.)"""
        if not self.is_attached:
            return 0
        column = self.parent
        if not self.sized_by_content or not isinstance(column, Widget):
            return self.content_size.height
        cap, parent = self.styles.max_height, column.size
        most = cap.resolve(parent, self.app.size) if cap is not None else parent.height
        return max(3, int(most) - self.styles.gutter.height)

    def on_focus(self) -> None:
        self._repaint()

    def on_blur(self) -> None:
        self._repaint()


Panel = ExperimentsPanel


def table_text(table: Table, selected: int | None, width: int, height: int = 0) -> Text:
    """The rows (at least one) at `width` columns. The parameters take the room the other columns
    leave, at least their longest setting: a label longer than that goes on over the next lines,
    whole values only (cut at a fixed 24 columns, "alpha=0.65" read "alpha=0"; at 44 columns,
    "alpha=0.0316228" was broken as "alpha=0.03" over "16228"). An outcome that does not fit goes on
    over the next line too ("converged by step" lost its step). Within `height` lines (0: any), the
    rows around the selected one, else the newest run's: the panel cut off the rows below it, the
    newest run and the moving selection among them."""
    rows = table.ordered()
    head_final = "final " + table.watched
    # A run stopped before its end has no final value: its last one (4.5's alpha=0.1, replaced by
    # the next `-` at its first step, showed 0.04) read as where that alpha ends up.
    finals = ["" if row.final is None or row.state == "cancelled" else f"{row.final:.4g}" for row in rows]
    outcomes = [row.outcome() for row in rows]
    final_w = max(len(head_final), *map(len, finals))
    outcome_w = max(len("outcome"), *map(len, outcomes))
    labels = [row.label() for row in rows]
    fixed = 3 + final_w + 2  # the run's number, and a space after the label and after the final value
    longest_setting = max(len(part) for label in labels for part in label.split(", "))
    label_w = max(len("parameters"), longest_setting, min(max(map(len, labels)), width - fixed - outcome_w))
    label_w = min(label_w, max(len("parameters"), width - fixed - len("outcome")))
    outcome_room = max(len("outcome"), width - fixed - label_w)
    blocks = []
    for i, row in enumerate(rows):
        label_lines = wrap_label(labels[i], label_w)
        # its last two words stay together: "converged by step" over "15" read as two outcomes
        tied = "\xa0".join(outcomes[i].rsplit(" ", 1))
        outcome_lines = [line.replace("\xa0", " ") for line in textwrap.wrap(tied, outcome_room)] or [""]
        lines = []
        for j in range(max(len(label_lines), len(outcome_lines))):
            number, final = (f"{row.number:>2}", finals[i]) if j == 0 else ("", "")
            label = label_lines[j] if j < len(label_lines) else ""
            outcome = outcome_lines[j] if j < len(outcome_lines) else ""
            lines.append(f"{number:>2} {label:<{label_w}} {final:<{final_w}} {outcome}".rstrip())
        blocks.append(lines)
    newest = max(range(len(rows)), key=lambda i: rows[i].number)
    start, end = _window([len(b) for b in blocks], newest if selected is None else selected, height - 2)
    out = Text(f"{'#':>2} {'parameters':<{label_w}} {head_final:<{final_w}} outcome\n", style="bold")
    for i in range(start, end):
        out.append("\n".join(blocks[i]) + "\n", style="reverse" if i == selected else "")
    out.append(f"sorted by {'run' if table.sort == 'run' else head_final}", style="dim")
    if (start, end) != (0, len(rows)):
        out.append(f" · rows {start + 1}-{end} of {len(rows)}, ↑↓ more", style="dim")
    return out


def _window(sizes: list[int], keep: int, room: int) -> tuple[int, int]:
    """The rows [start, end) to show in `room` lines (row i takes sizes[i]), `keep` among them:
    from the first row when it fits, else ending at `keep` (then more after it if room is left)."""
    if room <= 0 or sum(sizes) <= room:
        return 0, len(sizes)
    start, used = keep, sizes[keep]
    while start > 0 and used + sizes[start - 1] <= room:
        start -= 1
        used += sizes[start]
    end = keep + 1
    while end < len(sizes) and used + sizes[end] <= room:
        used += sizes[end]
        end += 1
    return start, end


def wrap_label(label: str, width: int) -> list[str]:
    """`a=1, b=2, c=3` in lines of at most `width`, broken after a comma (a single setting longer
    than a line is broken where it must be)."""
    lines: list[str] = []
    line = ""
    parts = label.split(", ")
    for i, part in enumerate(parts):
        piece = f"{line}, {part}" if line else part
        if len(piece) + (i < len(parts) - 1) <= width or not line:  # room for a comma to follow
            line = piece
        else:
            lines.append(line + ",")
            line = part
    lines.append(line)
    return [chunk for text in lines for chunk in (textwrap.wrap(text, width, break_on_hyphens=False) or [""])]

"""The lesson's params with their current values; the selected one is marked and always in view."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from grok_tui.lesson.model import Param
from grok_tui.lesson.params import fmt


def visible_window(count: int, selected: int, rows: int) -> range:
    """The lines to draw when `rows` cannot hold all `count`: a window that contains `selected`."""
    if rows <= 0 or count <= rows:
        return range(count)
    start = min(max(0, selected - rows // 2), count - rows)
    return range(start, start + rows)


class ParamsView(Static):
    """`▸ alpha  ◂ 1 ▸  0.001..10` lines. The pane never scrolls away: when it has fewer rows than
    params, it shows the ones around the selected param, with ↑ / ↓ where more are hidden."""

    class Clicked(Message):
        """A param's row was clicked: select param `index`, and change it by `direction` (-1 on its
        ◂, +1 on its ▸, 0 elsewhere). A learner with a mouse clicked the arrows first (a trial)."""

        def __init__(self, index: int, direction: int) -> None:
            super().__init__()
            self.index, self.direction = index, direction

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: list[tuple[int, int, int]] = []
        """Each line shown: its param's index and the columns of its ◂ and ▸."""
        self.border_title = Content("params · [ ] + - = D")
        self._shown: tuple[tuple[Param, ...], dict, int] | None = None
        self.moved: frozenset[str] = frozenset()
        """Params the run moves from where they set it (4.4's weight): `weight at start ◂ 0 ▸`.
        Beside the values' `weight 0.734`, `weight ◂ 0 ▸` read as if the weight were still 0."""

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show_params(*self._shown)

    def show_moved(self, moved: frozenset[str]) -> None:
        """The params the run has moved (the screen tells it as the run goes; a repaint only when
        the set changes)."""
        if moved != self.moved:
            self.moved = moved
            if self._shown is not None:
                self.show_params(*self._shown)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not 0 <= offset.y < len(self._rows):
            return
        index, left, right = self._rows[offset.y]
        direction = -1 if offset.x == left else 1 if offset.x == right else 0
        self.post_message(self.Clicked(index, direction))

    def show_params(self, params: tuple[Param, ...], values: dict, selected: int) -> None:
        self._shown = (params, values, selected)
        self._rows = []
        if not params:
            self.update(Text("this lesson has no params", style="dim italic"))
            return
        rows = self.content_size.height if self.is_mounted and self.size.height else 0
        window = visible_window(len(params), selected, rows)
        columns = self.content_size.width if self.is_mounted else 0
        text = Text(no_wrap=True, overflow="ellipsis")
        names = {p.name: p.name + (" at start" if p.name in self.moved else "") for p in params}
        width = max(len(name) for name in names.values())
        for n, i in enumerate(window):
            param = params[i]
            mine = i == selected
            more = (
                "↑"
                if n == 0 and window.start > 0
                else "↓"
                if n == len(window) - 1 and window.stop < len(params)
                else " "
            )
            line = f"{'▸' if mine else more} {names[param.name].ljust(width)}  ◂ {fmt(values[param.name])} ▸"
            self._rows.append((i, width + 4, len(line) - 1))
            text.append(line, style="reverse bold" if mine else "")
            bounds = [""]
            if param.min is not None and param.max is not None:
                bounds = [f"  {fmt(param.min)}..{fmt(param.max)}"]
            elif param.kind == "choice":
                # the one shown beside it left out when all do not fit: 7.6's lab at 120x40 had
                # `batch_update ◂ in_loop ▸` with nothing to say `once` was the other choice
                others = [c for c in param.choices if c != values[param.name]]
                bounds = [f"  {'/'.join(param.choices)}", f"  or {'/'.join(others)}"]
            # whole or not at all: "0.0001.…" misled
            fits = next((b for b in bounds if not columns or len(line) + len(b) <= columns), "")
            text.append(fits, style="dim")
            text.append("\n")
        text.rstrip()
        self.update(text)

"""The lesson's parameters with their current values; the selected one is highlighted."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from grok_tui.lesson.model import Param
from grok_tui.lesson.params import fmt


class ParamsView(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = Content("parameters  [ ] pick  +/- change")

    def show_params(self, params: tuple[Param, ...], values: dict, selected: int) -> None:
        if not params:
            self.update(Text("this lesson has no parameters", style="dim italic"))
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        width = max(len(p.name) for p in params)
        for i, param in enumerate(params):
            mine = i == selected
            line = f"{'▸' if mine else ' '} {param.name.ljust(width)}  ◂ {fmt(values[param.name])} ▸"
            text.append(line, style="reverse bold" if mine else "")
            if param.min is not None and param.max is not None:
                text.append(f"  {fmt(param.min)}..{fmt(param.max)}", style="dim")
            text.append("\n")
        text.rstrip()
        self.update(text)

"""What the chapter 7 panels' tests share: the panels stacked in an app of their own (fed a real
short training run: the `trained` fixture, tests/ui/conftest.py)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from grok_tui.ui.panels import panel_class

CLASSIFIER = "7.5"
"""The lesson that trains the digits classifier and shows the chapter 7 panels."""


class PanelApp(App):
    """The panels stacked, as a lesson screen would hold them (it feeds them the same way)."""

    def __init__(self, lesson, names):
        super().__init__()
        self.lesson, self.names = lesson, names

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for name in self.names:
                yield panel_class(name)(self.lesson, id=name)


def text_of(widget) -> str:
    return str(widget.render())

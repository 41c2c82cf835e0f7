"""The misclassified browser over the whole screen, kept to one confusion-matrix cell: `enter` on
the cell "4 read as 9" shows exactly those test digits."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels.misclassified import Panel as Misclassified
from grok_tui.ui.screens.dismiss_once import DismissOnce


class MistakesScreen(DismissOnce, ModalScreen[None]):
    """The test digits `truth` that the network read as `said`; esc goes back to the matrix."""

    DEFAULT_CSS = """
    MistakesScreen { align: center middle; }
    MistakesScreen > Panel { width: 100%; max-width: 90; height: auto; max-height: 100%; }
    """
    BINDINGS = [Binding("escape,q", "close", "back to the matrix", id="mistakes.close")]

    def __init__(self, lesson: Lesson | None, namespace: Mapping[str, Any], truth: int, said: int) -> None:
        super().__init__()
        self.browser = Misclassified(lesson)
        self.browser.show_pair(namespace, truth, said)
        self.browser.border_title = f"test {truth}s read as {said}"
        self.browser.border_subtitle = "←/→ next · esc back to the matrix"

    def compose(self) -> ComposeResult:
        yield self.browser

    def on_mount(self) -> None:
        self.browser.focus()

    def action_close(self) -> None:
        self.dismiss(None)

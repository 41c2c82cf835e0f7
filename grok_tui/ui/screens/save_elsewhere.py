"""On quit, when the data folder could not be written: offer to save the learner's typed code
somewhere else (nothing the learner wrote is lost)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from grok_tui.progress import Progress
from grok_tui.ui.screens.dismiss_once import DismissOnce
from grok_tui.ui.tutor_app import tutor


def suggested_folder() -> Path:
    return Path.home() / "grok-tui-unsaved"


class SaveElsewhereScreen(DismissOnce, ModalScreen[bool]):
    """Asks for a folder; enter writes the unsaved drafts there and quits, escape quits without."""

    DEFAULT_CSS = """
    SaveElsewhereScreen { align: center middle; }
    SaveElsewhereScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: round $error; padding: 0 1;
        background: $surface;
    }
    SaveElsewhereScreen #save-error { color: $error; }
    """
    BINDINGS = [Binding("escape", "discard", "quit without saving")]

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress

    def compose(self) -> ComposeResult:
        names = ", ".join(f"{lesson}/{name}" for lesson, name in sorted(self.progress.unsaved))
        with Vertical():
            yield Static(
                f"{self.progress.save_error}.\nYour code of {names} is only in memory. "
                "Save it in this folder (enter), or quit without saving it (escape):",
                markup=False,
            )
            yield Input(str(suggested_folder()), id="save-folder")
            yield Static("", id="save-error", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        folder = event.value.strip()
        if not folder:
            return
        try:
            written = self.progress.save_unsaved(Path(folder))
        except OSError as exc:
            self.query_one("#save-error", Static).update(f"could not save there: {exc}; try another folder")
            return
        tutor(self.app).saved_elsewhere = written
        self.dismiss(True)

    def action_discard(self) -> None:
        self.dismiss(False)

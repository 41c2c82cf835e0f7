"""One line that says what the run is doing: state, step, speed, and why it stopped."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from grok_tui.engine.runner import RunState

STYLES = {
    RunState.READY: "bold",
    RunState.RUNNING: "bold green",
    RunState.PAUSED: "bold yellow",
    RunState.FINISHED: "bold cyan",
    RunState.FAILED: "bold red",
    RunState.DIVERGED: "bold magenta",
    RunState.CANCELLED: "bold",
}
HINTS = {
    RunState.READY: "space run · s step",
    RunState.RUNNING: "space pause · s step · < > speed",
    RunState.PAUSED: "space resume · s step",
    RunState.FINISHED: "space run again · r reset",
    RunState.FAILED: "space run again",
    RunState.DIVERGED: "space run again · a smaller step?",
    RunState.CANCELLED: "space run",
}


def speed_text(speed: float) -> str:
    return "max" if speed <= 0 else f"{speed:g}/s"


class StatusLine(Static):
    def show_status(self, state: RunState, step: int, speed: float, detail: str = "") -> None:
        text = Text()
        text.append(f" {state.value} ", style=f"reverse {STYLES[state]}")
        text.append(f"  step {step}  speed {speed_text(speed)}")
        if state in (RunState.FAILED, RunState.DIVERGED) and detail:
            text.append(f"  {detail}", style=STYLES[state].replace("bold ", ""))
        elif state is RunState.FINISHED and detail:
            text.append(f"  done: {detail}", style="cyan")
        text.append(f"  ({HINTS[state]})", style="dim")
        self.update(text)

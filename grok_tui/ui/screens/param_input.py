"""`=` or enter: type a param's value exactly (4.5's alpha 0.5 is between two rungs of the ladder).

The value is checked as the learner types it against the param's type and range; a wrong one gets a
one-line message and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from grok_tui.lesson.model import Param
from grok_tui.lesson.params import ParamError, fmt
from grok_tui.ui.keys_ahead import release_after_refresh
from grok_tui.ui.screens.dismiss_once import DismissOnce
from grok_tui.ui.widgets.footer import KeyFooter


def allowed(param: Param) -> str:
    if param.kind == "choice":
        return "one of " + ", ".join(param.choices)
    kind = "a whole number" if param.kind == "int" else "a number"
    if param.min is not None and param.max is not None:
        return f"{kind} from {fmt(param.min)} to {fmt(param.max)}"
    return kind


class ValueField(Input):
    """The value's field: its enter named in the key bar. It leaves ? to the box (its help): no
    param's value holds one (a number, or a choice's name), and an Input claims every printable key,
    a priority binding's too."""

    BINDINGS = [Binding("enter", "submit", "run with it")]

    holds_keys_after_submit = True
    """Keys read after its enter wait for the box to close (grok_tui/ui/typeahead.py): `= 0.5 enter
    s s s` in one burst typed the s's into the box as it closed, and they were lost."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character != "?" and super().check_consume_key(key, character)


class ParamInput(DismissOnce, ModalScreen[bool]):
    """Dismissed with True once `apply(text)` accepted the value, False on escape. Its own key bar:
    the lesson's, under it, listed keys that here are typed into the field (q gave "must be a
    number (got 'q')")."""

    BINDINGS = [
        Binding("escape", "cancel", "cancel", id="param_input.cancel"),
        # ctrl+c copies a selection (the field's); with none, a learner meaning "stop" saw nothing.
        Binding("ctrl+c", "interrupt", show=False, id="param_input.interrupt"),
        # F1 and ? did nothing here, silently, where every other screen lists its keys. A priority
        # binding, tried before the field takes the key (ValueField leaves ? to it).
        Binding("f1,question_mark", "help", "help", show=False, priority=True, id="param_input.help"),
    ]

    def __init__(self, param: Param, current: float | int | str, apply: Callable[[str], None]) -> None:
        super().__init__()
        self.param = param
        self.current = current
        self._apply = apply

    def compose(self) -> ComposeResult:
        with Vertical(id="param-box") as box:
            box.border_title = f"set {self.param.name}"
            box.border_subtitle = "enter: run with it · esc: cancel"
            yield Static(
                Text(f"{allowed(self.param)}" + (f" · {self.param.help}" if self.param.help else ""), style="dim"),
                id="param-allowed",
            )
            yield ValueField(value=fmt(self.current), id="param-value", select_on_focus=True)
            yield Static(id="param-message")
        yield KeyFooter()

    def focus_field(self) -> None:
        """Focus the value's field now, not at the next message loop (Widget.focus defers it): keys
        already queued behind `=` then reach the field, in order."""
        self.set_focus(self.query_one("#param-value", Input))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        release_after_refresh(self.app)  # the keys after the enter: to the lesson, or to a refused value
        try:
            self._apply(event.value)
        except ParamError as exc:
            self.query_one("#param-message", Static).update(Text(str(exc), style="bold red"))
            event.input.action_select_all()  # typing again replaces the refused value
            return
        self.dismiss(True)

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#param-message", Static).update("")

    def action_interrupt(self) -> None:
        self.query_one("#param-message", Static).update(Text("ctrl+c: esc cancels · enter runs with it", style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import PARAM_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(keys=PARAM_KEYS, title=f"set {self.param.name}: keys"))

"""`o`: everything the lesson printed, on the whole screen, scrollable, following the run live.

A demo's error printed on purpose is marked "expected error, on purpose"
(grok_tui/engine/demo_errors.py), so a learner does not take it for a crash; a run that really
failed ends with the failure in red.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from grok_tui.engine.demo_errors import MARK, expected_error
from grok_tui.engine.feed import FeedView
from grok_tui.engine.runner import RunState
from grok_tui.ui.redraw import OUTPUT_HZ, Pace, slowdown


def printed_line(line: str) -> Text:
    """One printed line as shown here and under its cell: a demo's caught error marked as such."""
    if expected_error(line):
        return Text.assemble((MARK, "bold yellow"), (line, "yellow"))
    return Text(line)


def output_text(view: FeedView, failure: str = "") -> Text:
    text = Text()
    if view.dropped_output:
        text.append(f"({view.dropped_output} earlier prints not kept)\n", style="dim italic")
    for line in view.output.rstrip("\n").split("\n") if view.output else ():
        text.append_text(printed_line(line))
        text.append("\n")
    if view.state is RunState.FAILED:
        text.append(f"the run stopped with an error: {failure or view.detail}\n", style="bold red")
    elif view.state is RunState.DIVERGED:
        text.append(f"the run diverged: {view.detail}\n", style="bold magenta")
    if not text.plain:
        # after a whole run "run the lesson" sent the learner to run it again, for nothing (5.4)
        done = view.state is RunState.FINISHED
        text.append("this run printed nothing" if done else "nothing printed yet", style="dim italic")
    text.rstrip()
    return text


class OutputBody(VerticalScroll):
    """Arrows, pgup/pgdn, home/end scroll (VerticalScroll's own keys)."""

    ALLOW_MAXIMIZE = True


class OutputScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,o", "dismiss", "back to the lesson", id="output.close"),
        Binding("q", "app.quit", "quit", show=False, id="output.quit"),
        # Its own keys: the app's help listed the lesson's (space, s, l...), none of which work here.
        Binding("f1,question_mark", "help", "help", key_display="?", show=False, id="output.help"),
    ]

    def __init__(self, title: str, poll: Callable[[], tuple[FeedView | None, str]]) -> None:
        """`poll()` gives the run's latest view and its failure text (None: no run yet)."""
        super().__init__()
        self.title_text = title
        self._poll = poll
        self._version = -1
        self._pace = Pace(OUTPUT_HZ)

    def compose(self) -> ComposeResult:
        yield Static(self._title_line(self.app.size.width), id="output-title")
        with OutputBody(id="output-body"):
            yield Static(id="output-text")

    def _title_line(self, width: int) -> Text:
        """The lesson's title, cut to leave the keys whole (a long title cut them: `home` and no `end`)."""
        keys = "   ↑↓ pgup pgdn home end · esc back"
        room = max(8, width - len(" output ") - 1 - len(keys))
        title = self.title_text if len(self.title_text) <= room else self.title_text[: room - 1] + "…"
        return Text.assemble((" output ", "reverse bold"), f" {title}", (keys, "dim"))

    def on_resize(self) -> None:
        self.query_one("#output-title", Static).update(self._title_line(self.size.width))

    def on_mount(self) -> None:
        self._refresh(force=True)
        self.query_one(OutputBody).focus()
        self.set_interval(1 / OUTPUT_HZ, self._refresh)

    def _refresh(self, force: bool = False) -> None:
        view, failure = self._poll()
        if view is None:
            if force:
                self.query_one("#output-text", Static).update(
                    Text("nothing printed yet: run the lesson (space)", style="dim italic")
                )
            return
        if view.version == self._version or not self._pace.due(slowdown(self.app), force=force):
            return
        self._version = view.version
        body = self.query_one(OutputBody)
        at_end = force or body.scroll_y >= body.max_scroll_y
        self.query_one("#output-text", Static).update(output_text(view, failure))
        if at_end:  # follow the run, unless the learner scrolled up to read
            self.call_after_refresh(body.scroll_end, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import OUTPUT_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(keys=OUTPUT_KEYS, title="output keys"))

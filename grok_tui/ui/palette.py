"""The command palette (ctrl+p), waiting for its search before Enter picks: typed together, as keys
arrive over SSH or from a fast typist, "4.5" then Enter opened 2.1, the first entry of the list shown
before the search for "4.5" had filled it."""

from __future__ import annotations

from textual import on
from textual.command import CommandList, CommandPalette
from textual.widgets import Button, Input
from textual.worker import Worker, WorkerState

from grok_tui.ui.keys_ahead import keys_ahead_of
from grok_tui.ui.screens.dismiss_once import DismissOnce


class TypeaheadPalette(DismissOnce, CommandPalette):
    _enter_waits = False
    """Enter came while a search was running: it picks once the search is done."""

    def _searching(self) -> bool:
        waiting = (WorkerState.PENDING, WorkerState.RUNNING)  # started by the keys before: maybe not yet run
        return any(w.group == self._GATHER_COMMANDS_GROUP and w.state in waiting for w in self.workers)

    @on(Input.Submitted)
    def _enter_after_the_search(self, event: Input.Submitted) -> None:
        """Run before CommandPalette's own handler (this class comes first in the MRO); preventing the
        default keeps that one from picking from the stale list."""
        if self._searching():
            event.stop()
            event.prevent_default()
            self._enter_waits = True

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != self._GATHER_COMMANDS_GROUP or event.state is not WorkerState.SUCCESS:
            return
        if self._enter_waits and not self._searching():
            self._enter_waits = False
            self._select_or_command()

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        if self._dismissed:
            # enter enter, both read before the palette closed: Textual closed it twice, the second
            # time popping the contents under it ("Can't pop screen"), and the tutor stopped
            if event is not None:
                event.stop()
            return
        # As Textual decides: the command runs now (the list hidden, a command chosen), or a choice
        # is made in the list (one highlighted, or the only one), which runs it next; else the enter
        # only highlights the first of several.
        runs = not self._list_visible and self._selected_command is not None
        commands = self.query_one(CommandList)
        chooses = self._list_visible and (commands.highlighted is not None or commands.option_count == 1)
        super()._select_or_command(event)
        keys_ahead = keys_ahead_of(self.app)
        if keys_ahead is None or not keys_ahead.holding:
            return
        if runs:
            # After the command Textual runs next (call_later, queued before this): the keys held
            # by the enter go on unless a lesson or a quiz opens to take them (ui/keys_ahead.py).
            self.app.call_later(keys_ahead.settle)
        elif not chooses:
            keys_ahead.release()  # enter only highlighted a command: what follows is for the search

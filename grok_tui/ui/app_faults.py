"""What the tutor does when the data folder cannot be written (a lasting notice, once per problem,
and it keeps working) or when it ends on an exception (the traceback goes to a log file that the
launcher names once the terminal is restored). A base of GrokApp (grok_tui/ui/app.py)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App

SAVE_ERROR_TIMEOUT = 24 * 3600
"""Seconds the "cannot be saved" notice stays: for the session (a click dismisses it)."""


class AppFaults(App[None]):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._save_error_shown = ""
        self.crash_log: Path | None = None
        """The log file written when the app ended on an exception (the launcher names it)."""
        self.crash_error: BaseException | None = None

    def _on_save_error(self, message: str) -> None:
        """Progress could not be written (called from the thread that wrote)."""
        try:
            self.call_from_thread(self._show_save_error, message)
        except RuntimeError:  # on the UI thread already (or the app is not running)
            self._show_save_error(message)

    def _on_draft_set_aside(self, notice: str) -> None:
        """A damaged draft was set aside after the start (while a lesson opened, or an exercise): it
        was said nowhere, and the editor showed the stub. Told as the save error is."""
        try:
            self.call_from_thread(self._tell_set_aside, notice)
        except RuntimeError:  # on the UI thread already
            self._tell_set_aside(notice)

    def _tell_set_aside(self, notice: str) -> None:
        self.notify(notice, severity="warning", timeout=30, markup=False)

    def _show_save_error(self, message: str) -> None:
        """A lasting notice, once per distinct problem: the tutor keeps working without saving."""
        if message == self._save_error_shown:
            return
        self._save_error_shown = message
        self.notify(
            message,
            title="not saved (the tutor keeps working)",
            severity="error",
            timeout=SAVE_ERROR_TIMEOUT,
            markup=False,
        )

    def _handle_exception(self, error: Exception) -> None:
        """Any exception that would end the app: its traceback goes to a log file, which the launcher
        names in one line once the terminal is restored (Textual's own traceback is not printed)."""
        from grok_tui.crash_log import write_crash_log

        if self.crash_error is None:
            self.crash_error = error
            self.crash_log = write_crash_log(error)
        super()._handle_exception(error)

    def _print_error_renderables(self) -> None:
        if self.crash_error is not None:
            self._exit_renderables.clear()  # the launcher prints one line naming the log file
        super()._print_error_renderables()

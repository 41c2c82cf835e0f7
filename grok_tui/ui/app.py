"""The grok-tui app: contents, lessons, help, the lesson finder in the command palette."""

from __future__ import annotations

import gc
import os
import shutil
import threading
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import Notify

from grok_tui import settings as settings_file
from grok_tui.kept_params import KeptParams, opening_notice
from grok_tui.lesson.catalog import Catalog
from grok_tui.lesson.history import CourseHistory
from grok_tui.lesson.model import Lesson
from grok_tui.progress import Progress
from grok_tui.reading_places import ReadingPlaces
from grok_tui.settings import Settings
from grok_tui.ui import app_theme, hang_up, notices, output_pacing, settings_notices, typeahead
from grok_tui.ui.app_navigation import AppNavigation
from grok_tui.ui.commands import LessonCommands
from grok_tui.ui.job_control import shell_can_resume
from grok_tui.ui.keys_ahead import KeysAhead, read_key
from grok_tui.ui.lesson_panels import import_lab, lab_imported
from grok_tui.ui.return_notice import return_notice
from grok_tui.ui.screens.contents import ContentsScreen
from grok_tui.ui.screens.save_elsewhere import SaveElsewhereScreen
from grok_tui.ui.terminal_driver import terminal_driver

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.screen import Screen

    from grok_tui.engine.session import LessonSession  # imported with the first lesson (the contents need no engine)

WARM_UP_DELAY = 1.0
"""Seconds after start before the spare lesson process starts (a run started sooner makes its own)
and the cyclic garbage collector is turned back on (the launcher turns it off)."""


class GrokApp(AppNavigation):
    TITLE = "grok-tui"
    CSS_PATH = Path(__file__).with_name("grok.tcss")
    COMMANDS = App.COMMANDS | {LessonCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "quit", show=False, priority=True, id="app.quit"),
        # priority: with a help or a dialog on top, a garbled screen is garbled too
        Binding("ctrl+l", "redraw", "redraw the whole screen", show=False, priority=True, id="app.redraw"),
        # ctrl+z, as in any terminal program: to the shell, `fg` brings the tutor back (it did
        # nothing, and what a learner then typed for the shell reached the tutor). A priority key:
        # a help or a dialog on top would keep it from the app; the editor keeps it for undo
        # (check_action).
        Binding("ctrl+z", "suspend", show=False, priority=True, id="app.suspend"),
    ]

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """ctrl+p's own entries: the theme and quit, and the tutor's help. Textual's Screenshot (an
        SVG file written where the tutor was started), Maximize and Keys panel came first in the
        list, above the lessons (a trial); z and F1 are the tutor's for those."""
        for command in super().get_system_commands(screen):
            if command.title in ("Theme", "Quit"):
                yield command
        yield SystemCommand("Help", "The keys of this screen (F1)", self.action_help)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "suspend":  # the exercise screen keeps ctrl+z for undo, in the editor or not
            return not getattr(self.screen, "KEEPS_CTRL_Z", False)
        return True

    async def action_suspend(self) -> None:
        """ctrl+z: to the shell. A playing run is paused first (its process would play on unseen),
        and the terminal's answers to the pacing's questions are let in (else they reach the shell
        as typed text, and the learner's first `fg` reads `1Rfg`)."""
        from grok_tui.ui.screens.lesson import LessonScreen

        if not shell_can_resume():
            from grok_tui.ui.widgets.status import hint_keys

            quit_key = hint_keys(dict(self.settings.keys or {}))["quit"]
            self.notify(
                f"Nothing could bring the tutor back: it is this terminal's own program (ssh's command?). "
                f"{quit_key} quits; all you did is kept.",
                title="ctrl+z: no shell to go back to",
            )
            return

        for screen in self.screen_stack:
            if isinstance(screen, LessonScreen):
                screen.pause_playing()
        await output_pacing.settle()
        self.action_suspend_process()  # returns once the shell's `fg` brought the tutor back
        output_pacing.resume()

    def __init__(
        self,
        catalog: Catalog,
        start_lesson: str | None = None,
        *,
        speed: float | None = None,
        progress: Progress | None = None,
        settings: Settings | None = None,
    ) -> None:
        """`speed` overrides every lesson's pace (steps per second, 0 = max): tests use 0."""
        super().__init__()
        # No animated scrolling unless asked for (TEXTUAL_ANIMATIONS): each frame of a smooth page
        # down repaints the whole text, and over a 64 kbit/s link a page took 3-4 s to finish drawing.
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"
        self.settings = settings if settings is not None else settings_file.load()
        if self.settings.keys:
            self.set_keymap(self.settings.keymap())
            from grok_tui.ui.screens.lesson import LessonScreen

            ids = {b.id: b.key for b in LessonScreen.BINDINGS if isinstance(b, Binding) and b.id}
            self.settings.errors.extend(settings_file.clashes(self.settings, ids))
        self.catalog = catalog
        self.start_lesson = start_lesson
        self.speed = speed
        self.progress = progress if progress is not None else Progress.load(course=CourseHistory.of(catalog.lessons))
        self.places = ReadingPlaces(self.progress.root)
        """Where the learner was reading in each lesson (the lesson text opens there again)."""
        self.keys_ahead = KeysAhead(self)
        """Keys read in the burst of the enter that opens a lesson, held for it (keys_ahead.py)."""
        self.kept_params = KeptParams(self.progress.root)
        """The params each lesson was left with (it opens with them again, after a restart too)."""
        self.current_lesson_id: str | None = None
        self.lesson_opened_since_contents = False
        """The contents, shown again, move the highlight to the lesson last opened only if one was
        opened meanwhile (a quiz, ctrl+p or the help leave it where it was)."""
        self.told_where_running = False
        """The learner was told once that `w` goes to the cell the run is in (lesson_drawing.py)."""
        self.sessions: dict[str, LessonSession] = {}
        """One LessonSession per lesson opened: its params, speed and previous run survive n then p."""
        self._opening: str | None = None
        """The lesson waiting for its lab's modules to import; None once shown or abandoned."""
        self.progress.on_save_error = self._on_save_error
        self.settings_notice = ""
        """The notice of the settings file's mistakes: the help, which lists them all, takes it back."""
        self.saved_elsewhere: list[Path] = []
        """Drafts written to another folder on quit (the launcher lists them)."""
        self._preload(self._start_target())

    def _start_target(self) -> str | None:
        """The lesson to open at start (asked for, else the one the learner was at), if it exists."""
        target = self.start_lesson or self.progress.last_lesson
        return target if target and self.catalog.get(target) is not None else None

    def _preload(self, lesson_id: str | None) -> None:
        """Start importing what opening `lesson_id` needs before the app runs: the lesson screen's
        module here (it imports no numpy); in a terminal wide enough for the reading view to show the
        lesson's lab (charts and panels), the lab's modules (numpy, ~0.1-0.3 s) on a thread, while
        Textual starts. The lesson's screen then is the first one drawn: the contents wait, unbuilt,
        until the learner goes there. Narrower, the lab is hidden at first: the lesson shows without
        it, and builds it after its first frame (a thread importing numpy meanwhile would share the
        interpreter with that frame's work)."""
        lesson = self.catalog.get(lesson_id) if lesson_id else None
        if lesson is None:
            return
        from grok_tui.ui.screens.lesson import READING_SHOWS_LAB

        if shutil.get_terminal_size().columns >= READING_SHOWS_LAB and not lab_imported(lesson):
            threading.Thread(target=import_lab, args=(lesson,), name="grok-tui lab import", daemon=True).start()

    @property
    def opening(self) -> str | None:
        """The lesson whose panels are being imported before it shows (None once shown or abandoned)."""
        return self._opening

    def get_driver_class(self) -> type[Driver]:
        return terminal_driver(super().get_driver_class())  # clears before leaving; reads keys around probe answers

    def get_default_screen(self) -> ContentsScreen:
        return ContentsScreen(deferred=self._start_target() is not None)

    def on_mount(self) -> None:
        output_pacing.install(self)  # screens draw less often when the terminal falls behind
        hang_up.install(self)  # a dropped link saves the draft being typed
        self.settings_notice = settings_notices.tell_mistakes(self)
        app_theme.install(self)  # the settings' theme, $GROK_TUI_THEME's, or 16 colours'
        # The forkserver and a spare lesson process start while the learner reads, once the first
        # screen is drawn: started at once, they took a core from it on a 2-core machine.
        self.set_timer(WARM_UP_DELAY, self._warm_up)
        # A draft set aside from now on is told as it happens (until now: progress.notice, below)
        self.progress.draft_notices.clear()
        self.progress.on_draft_set_aside = self._on_draft_set_aside
        if self.progress.notice:
            # 30 s: it names the file its progress was kept in (12 s went by before a learner read it)
            self.notify(self.progress.notice, severity="warning", timeout=30, markup=False)
        if self.progress.save_error:
            self._show_save_error(self.progress.save_error)
        if self.catalog.errors:
            count = len(self.catalog.errors)
            first = str(self.catalog.errors[0])
            more = f" (and {count - 1} more: see contents or F1)" if count > 1 else ""
            self.notify(f"{first}{more}", title="lesson file problem", severity="error", timeout=12, markup=False)
        # What exists now (modules, Textual, the stylesheet, the contents) lives all session: out of
        # the collector's sight, a full collection while a lesson plays scans half as much (a 4.5 run
        # at top speed triggers them; each held the UI for up to 0.2-0.7 s on a loaded machine).
        # Before the first lesson opens, so that a lesson screen left later can still be collected;
        # not in tests (headless): a process running many apps would keep every one of them.
        if not self.is_headless:
            gc.freeze()
        target = self._start_target()
        if target is None:
            return
        if self.start_lesson is None:  # a newcomer's restart said nothing, nor how to reach the rest
            said = return_notice(target, self.catalog, self.progress)
            self.notify(said, timeout=6 if said.count(" · ") < 2 else 10, markup=False)
        if self.is_headless:  # tests: the lesson is the screen when the pilot starts
            self.open_lesson(target)
            return
        # After the app's start-up batch. A screen pushed in on_mount is built and laid out inside
        # it, but Textual draws nothing until the batch ends, then renders it all again: 4.5 showed
        # ~0.1 s later. Meanwhile the contents stay unbuilt (they see a lesson opening).
        self._opening = target
        self.call_later(self.open_lesson, target)

    def _warm_up(self) -> None:
        gc.enable()  # off from the launch until the first screen was drawn (grok_tui/cli/main.py)
        from grok_tui.engine import process

        process.warm_up()

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, but Enter waits for the search typed before it (ui/palette.py)."""
        from grok_tui.ui.palette import TypeaheadPalette

        if self.use_command_palette and not TypeaheadPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(TypeaheadPalette(id="--command-palette"))

    def action_redraw(self) -> None:
        """ctrl+l, as in shells and editors: draw every cell again (after something outside the
        app wrote over the screen; the app otherwise sends only the cells it changed)."""
        output_pacing.forget_screen()
        self.screen.refresh(layout=True)

    def copy_to_clipboard(self, text: str) -> None:
        """Copy (Textual sends it to the terminal, OSC 52), and say so: a learner who selected a
        printout and pressed ctrl+c saw nothing happen, and could not tell if it had worked."""
        super().copy_to_clipboard(text)
        count = len(text)
        self.notify(
            f"Copied {count} character{'s' if count != 1 else ''} (to your terminal's clipboard, if it allows that)",
            timeout=3,
            markup=False,
        )

    def save_params(self) -> None:
        """Keep every opened lesson's params for the next start (never raises)."""
        for session in list(self.sessions.values()):
            self.kept_params.keep(session.lesson, session.params)
        self.kept_params.save()

    def session_for(self, lesson: Lesson) -> LessonSession:
        """The lesson's session, made on first use; a finished run records the lesson as done, once."""
        session = self.sessions.get(lesson.id)
        if session is None:
            default = self.settings.speed if self.settings.speed is not None else lesson.pace
            speed = self.speed if self.speed is not None else default
            from grok_tui.engine.session import LessonSession

            kept = self.kept_params.for_lesson(lesson)
            session = LessonSession(
                lesson, speed=speed, params=kept, exercise_code=partial(self.progress.passed_code, lesson.id)
            )
            if kept:  # the lesson's text quotes its defaults: say why the numbers may differ
                self.notify(opening_notice(lesson.id, kept), timeout=6, markup=False)
            session.on_finished(lambda run: self.progress.finish_lesson(lesson.id))
            self.sessions[lesson.id] = session
        return session

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import HelpScreen

        screen = self.screen
        param_help = screen.selected_help() if hasattr(screen, "selected_help") else ""
        panel_keys = screen.focused_keys() if hasattr(screen, "focused_keys") else ("", [])
        self.push_screen(HelpScreen(param_help, [str(e) for e in self.catalog.errors], panel_keys))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            # Escape then a key, read as one alt+key: handled as the two keys, in order.
            after_escape = typeahead.escaped_key(self, event)
            if after_escape is not None:
                await self.on_event(events.Key("escape", "\x1b"))
                await self.on_event(after_escape)
                return
            if read_key(self, event):  # read with the enter that opens a lesson: for the lesson
                return
            # A key the terminal sent that the focused text field binds (ctrl+u, backspace...) runs there.
            if typeahead.run_field_binding_in_order(self, event):
                return
        await super().on_event(event)

    def _on_notify(self, event: Notify) -> None:
        """A notice said twice in one burst of keys (w w) shows once (App's own handler adds it)."""
        if notices.shown_already(self, event.notification):
            event.prevent_default()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A text field's cursor does not blink: each blink was a frame sent over SSH while nothing
        changed (an open `=` box, 3 a second; the exercise editor while the learner reads)."""
        if getattr(event.widget, "cursor_blink", False):
            event.widget.cursor_blink = False  # type: ignore[attr-defined]

    async def _on_key(self, event: events.Key) -> None:
        # Textual then runs App._on_key too (handlers run for each class), unless prevented.
        # A key read with the enter that opens a lesson is held for it; a character typed ahead of a
        # box's field goes into the field.
        if self.keys_ahead.take(event) or typeahead.type_into_field(self, event):
            event.prevent_default()
            return
        typeahead.hold_after_submit(self, event)
        key_unused = getattr(self.screen, "key_unused", None)  # the lesson's "x: no key here"
        if key_unused is not None:
            key_unused(event.key)

    async def action_quit(self) -> None:
        """Stop any run first (its process is killed if it does not stop at once). If the learner's
        typed code could not be saved, offer to save it elsewhere before leaving."""
        for screen in self.screen_stack:
            stop = getattr(screen, "stop_run", None)
            if stop is not None:
                stop()
        hang_up.save_drafts(self)  # the exercise editor's text, written now (as on a hang-up)
        self.places.save()
        self.save_params()
        if self.progress.unsaved and not isinstance(self.screen, SaveElsewhereScreen):
            self.clear_notifications()  # the dialog says it all; at 80x24 the lasting notices hid its keys
            self.push_screen(SaveElsewhereScreen(self.progress), self._leave)
            return
        await self._leave()

    async def _leave(self, _: object = None) -> None:
        await output_pacing.settle()  # the terminal's answers must not reach the shell
        self.exit()

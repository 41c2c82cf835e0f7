"""The exercise screen: the learner writes a function, checks it, asks for hints, sees the solution.

Pushed by the lesson screen on `e`; dismisses with True when the learner passed during this visit.
What the learner types is saved while they type (grok_tui/ui/exercise_drafts.py); checks run in a
separate process on a worker thread, so nothing they write can freeze or end the tutor.
"""

from __future__ import annotations

import threading
from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static, TextArea

from grok_tui.engine.exercises import Verdict, check_code
from grok_tui.engine.sandbox import DEFAULT_TIMEOUT
from grok_tui.lesson.model import Exercise, Lesson
from grok_tui.progress import Progress
from grok_tui.ui.exercise_drafts import OUTSIDE_POLL, ExerciseDrafts
from grok_tui.ui.exercise_drawing import ExerciseDrawing
from grok_tui.ui.exercise_editor import CodeEditor
from grok_tui.ui.keys_ahead import release_after_refresh
from grok_tui.ui.widgets.footer import KeyFooter


class ExerciseScreen(ExerciseDrawing, ExerciseDrafts, Screen[bool]):
    """Write, check and pass one exercise of a lesson."""

    KEEPS_CTRL_Z = True
    """ctrl+z is the editor's undo here: never the app's suspend, even with the verdict focused."""

    DEFAULT_CSS = """
    ExerciseScreen { layout: vertical; }
    ExerciseScreen #ex-title { height: auto; max-height: 2; background: $panel; color: $text; padding: 0 1; }
    ExerciseScreen #ex-editor { height: 1fr; min-height: 6; border: none; }
    ExerciseScreen #ex-feedback { height: auto; max-height: 45%; min-height: 3;
        border-top: solid $primary; padding: 0 1; }
    ExerciseScreen #ex-feedback:focus { border-top: thick $accent; }
    ExerciseScreen #ex-headline { dock: top; height: auto; }
    """

    BINDINGS = [
        Binding("e", "edit", "edit", id="exercise.edit"),
        Binding("f5", "check", "check", priority=True, id="exercise.check"),
        Binding("ctrl+r", "check", "check", show=False, priority=True, id="exercise.check2"),
        Binding("f2", "hint", "hint", priority=True, id="exercise.hint"),
        Binding("f3", "solution", "solution", priority=True, id="exercise.solution"),
        Binding("f4", "start_over", "start over", priority=True, id="exercise.start_over"),
        # One key, two meanings: the footer names the one that applies (check_action picks it).
        Binding("escape", "leave_editor", "leave editor", priority=True, id="exercise.leave_editor"),
        Binding("escape", "leave", "lesson", priority=True, id="exercise.leave"),  # 80 columns: all keys
        Binding("f1", "help", "help", priority=True, id="exercise.help"),
        Binding("question_mark", "help", "help", show=False),
        Binding("h", "hint_key", "hint", show=False),
        Binding("s", "solution_key", "solution", show=False),
        Binding("i", "edit", "edit", show=False),
        Binding("q", "quit_key", "quit", show=False, id="exercise.quit"),  # as on every other screen
        # A terminal's reflex for "stop" or "quit": the editor copies a selection (TextArea's ctrl+c);
        # with none the key did nothing at all. It says how to leave instead.
        Binding("ctrl+c", "interrupt", show=False, id="exercise.interrupt"),
        # An editor's reflex: it did nothing, and a learner wondered whether their code was kept
        Binding("ctrl+s", "save", show=False, priority=True, id="exercise.save"),
    ]

    class Checked(Message):
        """A check finished (posted from the worker thread)."""

        def __init__(self, verdict: Verdict, code: str) -> None:
            super().__init__()
            self.verdict = verdict
            self.code = code

    def __init__(
        self, lesson: Lesson, exercise: Exercise, progress: Progress, *, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        super().__init__()
        self.lesson = lesson
        self.exercise = exercise
        self.progress = progress
        self.timeout = timeout
        self.passed_now = False
        """Passed during this visit: the value the screen dismisses with."""
        self.checking = False
        self.verdict: Verdict | None = None
        self.checked_code: str | None = None
        self.showing_solution = False
        self.hints = progress.hints_shown(lesson.id, exercise.name)
        self._cancel = threading.Event()
        self._notice = ""
        self._said = ""
        """A note on what the learner just did (F4), shown with the result until the next check."""
        self._hints_over = False
        """h was pressed after the last hint: the hints end by saying so."""
        self._shown_stale = False
        """Whether the feedback says the verdict is older than the code in the editor."""
        self._shown_todo = True
        """Whether the code had its TODO when the feedback was last drawn (it says where to write)."""
        self._title_edited = False
        """Whether the title says the code was edited since it passed."""
        self._passed_text: str | None = None
        """The code that passed (read when the title is drawn: on opening, a pass, a pass from outside)."""
        self._done_shown = False
        """Whether the title says passed (a pass from outside is compared with it)."""
        self._init_drafts()

    # -- state helpers ----------------------------------------------------------------------------
    @property
    def key(self) -> tuple[str, str]:
        return self.lesson.id, self.exercise.name

    @property
    def done(self) -> bool:
        return self.progress.exercise_done(*self.key)

    def _initial_code(self) -> str:
        before = self.progress.notice
        draft = self.progress.load_draft(*self.key)
        if self.progress.notice != before:  # this draft was damaged and set aside: say so here
            self._notice = self.progress.notice
        self._opened_draft(draft)
        if draft is not None:
            return draft
        passed = self.progress.passed_code(self.lesson.id).get(self.exercise.name)
        return passed if passed is not None else self.exercise.stub.source

    # -- layout -----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(id="ex-title")
        self._opened_with = self._initial_code()
        self.editor = cast(CodeEditor, CodeEditor.code_editor(self._opened_with, language="python", id="ex-editor"))
        yield self.editor
        with VerticalScroll(id="ex-feedback", can_focus=True):
            # Docked: it stays in view however far the lines under it scroll. At 80x24 three hints
            # scrolled "Not yet: a test failed." out of the area, which then began mid-sentence.
            yield Static(id="ex-headline")
            yield Static(id="ex-result")
            yield Static(id="ex-hints")
            yield Static(id="ex-solution")
        yield KeyFooter(show_command_palette=False)  # ctrl+p is in the help: 80 columns are for the keys

    def on_mount(self) -> None:
        self.editor.focus()
        # Not when keys typed ahead already went in: the rest of them must follow where those went.
        if self.editor.text == self._opened_with:
            self.editor.open_at_work(self.exercise.stub.source, self.exercise.placeholders)
        self.set_interval(0.1, self._autosave)
        self.set_interval(OUTSIDE_POLL, self._poll_outside)
        release_after_refresh(self.app)  # code typed with the chooser's 2: into the editor, over the TODO
        if self._synced_text is None:
            self._synced_text = self.editor.text
        if self.editor.text == self.exercise.stub.source and (kept := self._kept_code()) is not None:
            # after F4 and a restart (or an edit of the stub made outside), ctrl+z reaches nothing
            self._said = f"Your code from before you started over is kept ({kept[1]}): F4 brings it back."
        self._render_all()

    def on_unmount(self) -> None:
        self._cancel.set()  # a running check's child process is killed
        self.save_draft()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()  # the footer's keys differ in and out of the editor

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()

    # -- autosave ---------------------------------------------------------------------------------
    @on(TextArea.Changed, "#ex-editor")
    def _changed(self, event: TextArea.Changed) -> None:
        self._edited()
        if self._edited_since_pass() != self._title_edited:
            self._render_title()
        if self._stale() != self._shown_stale:  # the first edit after a check (or its undo) says so
            self._render_result()
        elif self._said and self.editor.text != self.exercise.stub.source:
            # F4's note is about the starting code: gone once the code is something else (typed, or
            # brought back with ctrl+z, when it still said "Back to the starting code")
            self._said = ""
            self._render_result()
        elif self.verdict is None and ("TODO" in self.editor.text) != self._shown_todo:
            self._render_result()  # "in place of the TODO" only while there is one

    # -- actions ----------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        editing = isinstance(self.focused, TextArea)
        # Plain letters belong to the editor while it has focus: `h` there types an h.
        if action in ("edit", "hint_key", "solution_key", "leave", "quit_key"):
            return not editing
        if action == "leave_editor":
            return editing
        if action == "solution":
            return self.done  # the footer offers it once it can open
        return True

    def action_interrupt(self) -> None:
        if isinstance(self.focused, TextArea):
            said = "ctrl+c copies selected text · escape leaves the editor, then q quits"
        else:
            said = "q quits · escape goes back to the lesson"
        self.notify(f"{said} · your code is kept", title="ctrl+c", timeout=4, markup=False)

    async def action_quit_key(self) -> None:
        await self.app.action_quit()  # the draft is saved on the way out (on_unmount)

    def action_hint_key(self) -> None:
        self.action_hint()

    def action_solution_key(self) -> None:
        self.action_solution()

    def action_check(self) -> None:
        # F5 is a priority binding, handled before keys still queued for the editor: read the code
        # once the editor has processed them, so the check sees every character typed before F5.
        self.editor.call_later(self._begin_check)

    def _begin_check(self) -> None:
        if self.checking:
            return
        code = self.editor.text
        self._save_now()
        self.checking = True
        self._said = ""
        self._render_result()
        self._run_check(code)

    @work(thread=True, exclusive=True, group="exercise-check")
    def _run_check(self, code: str) -> None:
        try:
            verdict = check_code(self.exercise, code, timeout=self.timeout, cancel=self._cancel)
        except Exception as exc:  # a bug of the tutor's: say it here, never end the app from a worker
            verdict = Verdict(
                False, f"The check itself failed (a bug in the tutor, not your code): {type(exc).__name__}: {exc}"
            )
        self.post_message(self.Checked(verdict, code))

    def on_exercise_screen_checked(self, message: Checked) -> None:
        self.checking = False
        self.verdict = message.verdict
        self.checked_code = message.code
        if message.verdict.passed:
            self.passed_now = True
            try:
                self.progress.record_pass(*self.key, message.code)
            except OSError as exc:  # a full or read-only disk must not end the tutor
                self.notify(f"Passed, but your progress could not be saved: {exc}", severity="error")
        self._take_back_outside_notices()
        self._render_all()
        self.refresh_bindings()  # F3 appears once passed
        self.query_one("#ex-feedback", VerticalScroll).scroll_home(animate=False)

    def action_hint(self) -> None:
        if self.hints < len(self.exercise.hints):
            self.hints += 1
            try:
                self.progress.show_hint(*self.key, self.hints)
            except OSError as exc:
                self.notify(f"could not save your progress: {exc}", severity="error")
            self._render_hints()
            self._render_title()
            self._render_result()  # the verdict's first line is pinned while hints show
            self.query_one("#ex-feedback", VerticalScroll).scroll_end(animate=False)
        elif not self.exercise.hints:
            self.notify("This exercise has no hints.", timeout=3)
        else:
            # Said under the last hint, not in a notice: over the hints at 80x24 it hid the last
            # one's text for 3 s, just when the learner wanted more of it.
            self._hints_over = True
            self._render_hints()
            self.query_one("#ex-feedback", VerticalScroll).scroll_end(animate=False)

    def action_solution(self) -> None:
        if not self.done:
            self.notify("The reference solution opens once your code passes (F5 checks it).", timeout=4)
            return
        self.showing_solution = not self.showing_solution
        self._render_solution()
        self._render_result()
        if self.showing_solution:
            self.query_one("#ex-feedback", VerticalScroll).scroll_end(animate=False)

    def action_edit(self) -> None:
        # At once, not at the next idle moment as focus() does: a key that came with the `i` (a
        # paste, a slow link) went to the pane the focus was leaving, and was lost.
        self.set_focus(self.editor)

    def action_help(self) -> None:
        """F1 (or ? outside the editor): this screen's keys and the editor's."""
        from grok_tui.ui.screens.help import EXERCISE_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(keys=EXERCISE_KEYS, title="exercise keys"))

    def action_leave_editor(self) -> None:
        # At once, as action_edit: a key read with the Escape must find the editor left.
        self.set_focus(self.query_one("#ex-feedback", VerticalScroll))

    def action_leave(self) -> None:
        if isinstance(self.focused, TextArea):
            self.action_leave_editor()
            return
        self.save_draft()
        self.dismiss(self.passed_now)

"""The exercise screen's draft: what the learner types is saved while they type (off the UI thread,
atomically, grok_tui/drafts.py), and a draft changed outside the tutor (`grok-tui edit`, any editor)
or a hint or pass recorded from the command line shows on the open screen.

F4 (start over) keeps the code it replaces as a .bak file beside the draft; on the untouched stub F4
brings the code kept last back, after a restart too; ctrl+s saves at once and says so.

A mixin of ExerciseScreen (grok_tui/ui/screens/exercise.py): the screen makes the editor, calls
`_init_drafts`, `_opened_draft` (with the draft it opens) and `_edited` (on each change), and starts
the `_autosave` and `_poll_outside` timers.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING

from grok_tui.drafts import DraftSaver, keep_draft_copy
from grok_tui.ui.notices import take_back

if TYPE_CHECKING:
    from textual.screen import Screen

    from grok_tui.engine.exercises import Verdict
    from grok_tui.lesson.model import Exercise, Lesson
    from grok_tui.progress import Progress
    from grok_tui.ui.exercise_editor import CodeEditor

    _Screen = Screen[bool]
else:
    _Screen = object

SAVE_IDLE = 0.3
"""Seconds without typing after which the draft is saved..."""
SAVE_MAX_DELAY = 0.6
"""...and the longest a change waits while the learner keeps typing."""
OUTSIDE_POLL = 1.0
"""Seconds between looks at the draft file for a change made outside the tutor (grok-tui edit)."""

BROUGHT_BACK = "Your code from "
"""How F4 on the stub says it brought the kept code back; the next F4 takes that notice back."""
LOADED_OUTSIDE = "Loaded your code as changed outside the tutor."
OUTSIDE_PASS = "`grok-tui verify` passed this code, outside the tutor."
"""The notice of an outside edit that kept no copy: a verdict takes it back (at 80x24 its 8 s covered
the pass message of the check the learner ran right after). One naming a .bak file stays its time."""


class ExerciseDrafts(_Screen):
    # What the drafts read of ExerciseScreen, which sets it up.
    progress: Progress
    editor: CodeEditor
    hints: int
    exercise: Exercise
    lesson: Lesson
    verdict: Verdict | None
    _said: str
    _done_shown: bool

    if TYPE_CHECKING:

        @property
        def key(self) -> tuple[str, str]: ...
        @property
        def done(self) -> bool: ...
        def _render_all(self) -> None: ...
        def _render_result(self) -> None: ...

    def _init_drafts(self) -> None:
        self.saver = DraftSaver(self.progress)
        self._saved_text: str | None = None
        self._dirty_since: float | None = None
        self._last_change = 0.0
        self._shown_error = ""
        self._ours: deque[str] = deque(maxlen=64)
        """Texts this screen loaded or saved: a draft file holding anything else was changed outside."""
        self._synced_text: str | None = None
        """The text the editor had when it last agreed with the file (opening, or taking an outside edit)."""
        self._last_edit_wall = 0.0

    def _opened_draft(self, draft: str | None) -> None:
        """The draft the screen opens with (None: there is none yet)."""
        self.saver.expect(*self.key, draft)
        if draft is not None:
            self._saved_text = draft
            self._ours.append(draft)
            self._synced_text = draft

    def _edited(self) -> None:
        now = time.monotonic()
        self._last_change = now
        self._last_edit_wall = time.time()
        if self._dirty_since is None:
            self._dirty_since = now

    def save_draft(self) -> None:
        """Write the editor's text now, in this thread (leaving, or the terminal hung up)."""
        self._save_now()
        self.saver.flush()

    def _autosave(self) -> None:
        """Save after a short pause in typing, or at least every SAVE_MAX_DELAY while typing."""
        now = time.monotonic()
        dirty = self._dirty_since
        if dirty is not None and (now - self._last_change >= SAVE_IDLE or now - dirty >= SAVE_MAX_DELAY):
            self._save_now()
        while self.saver.kept:  # the saver kept an outside edit aside before writing over it
            self._say_ours_stays(self.saver.kept.pop(0))
        if self.saver.error != self._shown_error:  # a failed (or recovered) write shows at once
            self._shown_error = self.saver.error
            self._render_result()

    def _save_now(self) -> None:
        self._dirty_since = None
        # Through the reference, not a query: on unmount (leaving, quitting) the children are gone
        # from the DOM, but the editor's document still holds the last keystrokes.
        text = self.editor.text
        if text != self._saved_text:
            self._saved_text = text
            self._ours.append(text)
            self.saver.submit(*self.key, text)

    def _poll_outside(self) -> None:
        self._take_outside_edit()
        self._take_outside_progress()

    def _take_outside_progress(self) -> None:
        """A hint shown or a pass recorded from the command line (`grok-tui hint`, `verify`) while this
        screen is open shows here too: F2 gave the hint the learner had just read again. Compared
        with what the screen shows, not only when the refresh brought something: a save of the
        tutor's own (the lesson under this screen) may have merged it in first, and the screen kept
        saying "hints 0/3" after two hints from the command line."""
        self.progress.refresh()
        hints = max(self.hints, self.progress.hints_shown(*self.key))
        if (hints, self.done) == (self.hints, self._done_shown):
            return
        self.hints = hints
        if (
            self.done
            and not self._done_shown
            and not (self.verdict and self.verdict.passed)
            and self.progress.passed_code(self.lesson.id).get(self.exercise.name) == self.editor.text
        ):
            # `grok-tui verify` passed the code in the editor: the title said "✓ passed" over the
            # last check's "Not yet: a test failed ... (checked before your last edit)"
            self.verdict = None
            self._said = OUTSIDE_PASS
        self._render_all()
        self.refresh_bindings()  # F3 (the solution) once passed

    def _take_outside_edit(self) -> None:
        """Pick up a draft changed outside the tutor (`grok-tui edit`, any editor). When the learner
        also typed here since, the newer side wins and the other is kept as a .bak file."""
        path = self.progress.draft_path(*self.key)
        try:
            theirs = path.read_text(encoding="utf-8")
            changed_at = path.stat().st_mtime
        except (OSError, UnicodeDecodeError):
            return
        # The file holds what the screen last wrote or took: nothing new. An older text of the
        # screen's is its own only while a newer one is on its way to the file; otherwise it was put
        # back outside (an undo in the learner's editor, `git checkout`), and the screen kept showing
        # the newer code, which F5 passed while `verify` failed the file.
        if theirs == self.saver.written(*self.key) or (theirs in self._ours and self.saver.busy()):
            return
        ours = self.editor.text
        # Unsaved: neither what the editor opened with (or took) nor what the saver wrote since. A
        # text already on disk is no edit to keep: the outside edit started from it (4.1's saved code
        # was kept as a .bak, and the learner told "yours from here is kept", with nothing unsaved).
        unsaved = ours not in (self._synced_text, self.saver.written(*self.key))
        self._ours.append(theirs)
        self.saver.expect(*self.key, theirs)
        if theirs == ours:  # the same code arrived by another way (e.g. `grok-tui edit` started the file)
            self._synced_text = self._saved_text = theirs
            return
        kept = ""
        try:
            if unsaved and self._last_edit_wall > changed_at:
                kept = keep_draft_copy(self.progress, *self.key, theirs).name
                self._saved_text = None  # write ours over theirs
                self._save_now()
                self._synced_text = ours
                self._say_ours_stays(kept)
                return
            if unsaved:
                kept = keep_draft_copy(self.progress, *self.key, ours).name
        except OSError as exc:
            self.notify(
                f"Your code was changed outside the tutor, but could not be merged: {exc}",
                severity="error",
                markup=False,
            )
            return
        self._synced_text = self._saved_text = theirs
        self._dirty_since = None
        self.editor.replace(theirs, self.editor.document.start, self.editor.document.end)  # ctrl+z undoes
        # the code it replaced went from the screen without a word on how to get it back (a trial)
        note = f" Yours from here is kept as {kept}." if kept else " ctrl+z brings back what it replaced."
        # one notice for the latest load: three edits made outside stacked three of them (a trial)
        take_back(self.app, lambda message: message.startswith(LOADED_OUTSIDE))
        self.notify(f"{LOADED_OUTSIDE}{note}", timeout=8, markup=False)

    def _say_ours_stays(self, kept: str) -> None:
        self.notify(
            f"Your code was also changed outside the tutor; yours here is newer and stays. "
            f"The other version is kept as {kept}.",
            timeout=8,
            markup=False,
        )

    # -- starting over (F4), and the code it kept ---------------------------------------------------
    def action_start_over(self) -> None:
        """Put the stub back. Undoable (ctrl+z), and the replaced code is also kept as a .bak file. On
        the untouched stub, F4 brings the code kept last back instead: ctrl+z does not reach past a
        restart, and a learner who had quit after F4 found no way back to their nearly-right code."""
        if self.editor.text == self.exercise.stub.source:
            self._bring_back_kept()
            return
        self._save_now()
        self.saver.flush()
        take_back(self.app, lambda message: message.startswith(BROUGHT_BACK))  # F4 F4: it said "is back"
        kept_last = self._kept_code()
        try:
            if kept_last is not None and kept_last[0] == self.editor.text:  # F4 F4 F4: no copy of a copy
                backup = self.progress.latest_backup(*self.key)
            else:
                backup = self.progress.backup_draft(*self.key)
        except OSError:
            backup = None
        self.editor.replace(self.exercise.stub.source, self.editor.document.start, self.editor.document.end)
        # as on opening: typing takes the TODO's place, not the old cursor's
        self.editor.select_todo(self.exercise.placeholders)
        self.set_focus(self.editor)
        kept = f" and kept as {backup.name}" if backup else ""
        again = " or F4 again" if backup else ""
        # Said where the verdict was (the verdict was the replaced code's), until the next check: a
        # toast covered the end of the verdict's lines at 80x24.
        self._said = f"Back to the starting code. ctrl+z{again} brings yours back (it is also saved{kept})."
        self.verdict = None
        self._render_result()

    def _kept_code(self) -> tuple[str, str] | None:
        """The code kept last beside the draft (F4, or an edit made outside) and its file's name, if
        it is other than the stub."""
        path = self.progress.latest_backup(*self.key)
        try:
            text = path.read_text(encoding="utf-8") if path is not None else None
        except (OSError, UnicodeDecodeError):
            return None
        if path is None or text is None or text == self.exercise.stub.source:
            return None
        return text, path.name

    def _bring_back_kept(self) -> None:
        kept = self._kept_code()
        if kept is None:
            self.notify("This is the starting code already: nothing to start over from.", timeout=4, markup=False)
            return
        text, name = kept
        self.editor.replace(text, self.editor.document.start, self.editor.document.end)  # ctrl+z undoes
        self.set_focus(self.editor)
        self._said = ""
        self.verdict = None
        self._render_result()
        self.notify(f"{BROUGHT_BACK}{name} is back (ctrl+z: the starting code again).", timeout=6, markup=False)

    def action_save(self) -> None:
        """ctrl+s: saved now (it is saved as one types anyway), and said so."""
        self.save_draft()
        said = self.saver.error or "Saved. (Your code is saved as you type; F5 checks it.)"
        self.notify(said, timeout=3, markup=False, severity="error" if self.saver.error else "information")

    def _take_back_outside_notices(self) -> None:
        """The outside edit's notice, once a verdict shows where it sits (it says what counts now); one
        that names the copy kept of the learner's code stays its time."""
        take_back(self.app, lambda message: message.startswith(LOADED_OUTSIDE) and "kept as" not in message)

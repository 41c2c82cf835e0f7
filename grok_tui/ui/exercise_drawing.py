"""The exercise screen's drawing: its title (hints taken, passed), the verdict pinned at the top, the
hints and the reference solution, in colours readable in the theme shown (grok_tui/ui/contrast.py).

A mixin of ExerciseScreen (grok_tui/ui/screens/exercise.py), which holds the state it draws.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.console import Group
from rich.style import Style
from rich.syntax import Syntax
from rich.text import Text
from textual.widgets import Static

from grok_tui.ui.contrast import KEY, drawn_style, drawn_text
from grok_tui.ui.exercise_drafts import OUTSIDE_PASS

if TYPE_CHECKING:
    from textual.screen import Screen

    from grok_tui.drafts import DraftSaver
    from grok_tui.engine.exercises import Verdict
    from grok_tui.lesson.model import Exercise, Lesson
    from grok_tui.progress import Progress
    from grok_tui.ui.exercise_editor import CodeEditor

    _Screen = Screen[bool]
else:
    _Screen = object

HEADING = Style(bold=True, color="yellow")

CODE = re.compile(r"`([^`]+)`")
"""`code` in a hint: shown as code, without the backticks."""


def hint_text(hint: str, code: Style = KEY) -> Text:
    """A hint with its `code` spans styled as code instead of showing literal backticks."""
    out = Text()
    last = 0
    for match in CODE.finditer(hint):
        out.append(hint[last : match.start()])
        out.append(match.group(1), style=code)
        last = match.end()
    out.append(hint[last:])
    return out


class ExerciseDrawing(_Screen):
    # What the drawing reads of ExerciseScreen, which sets it up.
    progress: Progress
    editor: CodeEditor
    saver: DraftSaver
    exercise: Exercise
    lesson: Lesson
    verdict: Verdict | None
    checked_code: str | None
    checking: bool
    showing_solution: bool
    hints: int
    _notice: str
    _said: str
    _hints_over: bool
    _shown_stale: bool
    _shown_todo: bool
    _title_edited: bool
    _passed_text: str | None
    _done_shown: bool

    if TYPE_CHECKING:

        @property
        def done(self) -> bool: ...

    def _render_all(self) -> None:
        self._render_title()
        self._render_result()
        self._render_hints()
        self._render_solution()

    def _render_title(self) -> None:
        # What changes (hints, passed) first; a title too long for the row goes on to a second
        # (at 80 columns "...probe both ways, move the better way" lost its end).
        total = len(self.exercise.hints)
        hints = f"hints {self.hints}/{total}  " if total else ""
        self._done_shown = self.done
        self._passed_text = self.progress.passed_code(self.lesson.id).get(self.exercise.name) if self.done else None
        self._title_edited = self._edited_since_pass()
        # A passed exercise reopened and typed in (by mistake: the code no longer parsed) still said
        # "✓ passed" beside code that fails: the pass was an earlier version's.
        passed = ("✓ passed, edited since  " if self._title_edited else "✓ passed  ") if self.done else ""
        title = self.query_one("#ex-title", Static)
        title.update(
            drawn_text(
                title,
                Text.assemble(
                    (f"{self.lesson.id}/{self.exercise.name}  ", "dim"),
                    (hints, "dim"),
                    (passed, "yellow" if self._title_edited else "green"),
                    (self.exercise.title, "bold"),
                ),
            )
        )

    def _edited_since_pass(self) -> bool:
        # ends of lines after the code do not count: a learner's editor (`grok-tui edit`) ends the file with a
        # newline, and the title said "edited since" of the very code that passed (as `hint` compares)
        return self._passed_text is not None and self._passed_text.strip() != self.editor.text.strip()

    def _render_result(self) -> None:
        """The notices and the headline (what happened) in the pinned line(s) at the top; the
        verdict's details under them, in the scrolled area with the hints and the solution."""
        head, out = Text(), Text()
        if self._notice:
            head.append(self._notice + "\n", style="yellow")
        if self._said:
            head.append(self._said + "\n", style="yellow")
        if self.saver.error:
            head.append(self.saver.error + "\n", style="bold red")
        self._shown_todo = "TODO" in self.editor.text
        if self.checking:
            head.append("Checking your code…", style="bold")
        elif self.verdict is None:
            if self.done:
                if self._said != OUTSIDE_PASS:  # which says how it passed (at 80x24 "again." was cut)
                    head.append("You passed this exercise before. ", style="green")
                head.append("F3 shows the reference solution; F5 checks again.")
            elif self._shown_todo:
                head.append("Write the code in place of the TODO, then press F5 (or ctrl+r) to check it.")
            else:  # a draft reopened once written: no TODO left to point at
                head.append("Press F5 (or ctrl+r) to check your code.")
        else:
            v = self.verdict
            head.append(v.headline, style="bold green" if v.passed else "bold red")
            lines = [Text(line) for line in v.details]
            if not v.passed and lines and self.hints:
                # Pinned under the headline once hints are shown: two hints at 80x24 scrolled "node 0
                # was off ...: multiply by relu2deriv(layer_1)" out of view, and the headline then
                # ran straight into "the test: assert ...", as if that were all it said (a trial).
                head.append("\n").append_text(lines.pop(0))
            if v.passed and not self.showing_solution:
                lines.append(Text("F3 shows the reference solution to compare with yours; " + self._way_on()))
            if self._stale():
                lines.append(Text("(checked before your last edit)", style="dim"))
            out = Text("\n").join(lines)
        self._shown_stale = self._stale()
        headline = self.query_one("#ex-headline", Static)
        headline.update(drawn_text(headline, head))  # its yellow notices were 1.1-2.1:1 on light themes
        result = self.query_one("#ex-result", Static)
        result.update(out)
        result.display = bool(out.plain)

    def _way_on(self) -> str:
        """How to go on after a pass: to the lesson, or to its next exercise. In 7.3 a learner pressed
        esc, e for the next one: one esc only leaves the editor, and e opened the exercise that had
        passed again (its code then took the keys meant for the chooser)."""
        left = [
            e.name
            for e in self.lesson.exercises
            if e.name != self.exercise.name and not self.progress.exercise_done(self.lesson.id, e.name)
        ]
        if not left:
            return "esc leaves the editor, then esc again goes back to the lesson."
        return f"esc esc goes back to the lesson, where e offers the next exercise ({left[0]})."

    def _stale(self) -> bool:
        return self.verdict is not None and self.checked_code is not None and self.editor.text != self.checked_code

    def _render_hints(self) -> None:
        hints = self.exercise.hints
        widget = self.query_one("#ex-hints", Static)
        out = Text()
        for i, hint in enumerate(hints[: self.hints], start=1):
            out.append(f"\nHint {i}/{len(hints)}: ", style=drawn_style(widget, HEADING))
            out.append_text(hint_text(hint, drawn_style(widget)))
        if self._hints_over:
            out.append("\nThat was the last hint.", style="dim italic")
        widget.update(out)
        widget.display = bool(self.hints)

    def _render_solution(self) -> None:
        widget = self.query_one("#ex-solution", Static)
        if self.showing_solution:
            widget.update(
                Group(
                    Text("\nThe reference solution:", style="bold"),
                    Syntax(self.exercise.solution.source, "python", theme="monokai", line_numbers=False),
                )
            )
        else:
            widget.update("")
        widget.display = self.showing_solution

"""Lesson text that answers the run's questions, folded until the learner has met them.

A lesson marks such text with `<!-- after the questions -->` (grok_tui/lesson/parse.py): a table of
every step, the numbers of each stage. Put at the end of the lesson, it was still read before the
run by a learner reading top to bottom, who then "predicted" what they had just read. So the text
shows its heading and says what opens it: every question of the run answered or skipped (escape)
since the tutor opened the lesson (the predict panel tells the screen, which calls `reveal`; n then p
finds it open, as the questions are not asked again). Not the answers of an earlier run of the
tutor: it asks its questions again, and a section they opened showed 5.4's answer right under the
question box (an answer given at another alpha had opened it).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Markdown, Static

FOLDED = "folded until you answer or skip the run's questions (space or s runs the lesson and asks them)"
UNREACHED = ". The last run ended at step {step}, before them: D brings back the lesson's own parameters."
"""Added when a run ended before the first question (4.4 with iterations 1): played again, it asked
nothing, and the note's "space ... asks them" was false."""


def heading_of(markdown: str) -> str:
    """The first heading's text, or "" (the fold names what it holds)."""
    for line in markdown.splitlines():
        if line.startswith("#"):
            return line.lstrip("#").strip()
        if line.strip():
            return ""
    return ""


class AnswersFold(Widget):
    DEFAULT_CSS = """
    AnswersFold { height: auto; }
    AnswersFold > .fold-note { padding: 0 1; margin: 0 0 1 0; color: $text-muted; }
    """

    def __init__(self, prose: Markdown, markdown: str, folded: bool = True) -> None:
        super().__init__(classes="answers-fold")
        self.prose = prose
        self.prose.display = not folded
        self._heading = heading_of(markdown)
        self._ended_at: int | None = None
        """The step the last run ended at, when that was before the questions (UNREACHED)."""

    @property
    def revealed(self) -> bool:
        return bool(self.prose.display)

    def note(self) -> Text:
        out = Text()
        out.append("▸ ", style="bold")
        if self._heading:
            out.append(self._heading, style="bold")
            out.append(": ")
        out.append(FOLDED, style="italic")
        if self._ended_at is not None:
            out.append(UNREACHED.format(step=self._ended_at), style="italic")
        return out

    def out_of_reach(self, last: int | None) -> None:
        """The last run ended at step `last`, before the questions (None: it reached them)."""
        if last != self._ended_at:
            self._ended_at = last
            if self.is_mounted:
                self.query_one(".fold-note", Static).update(self.note())

    def compose(self) -> ComposeResult:
        note = Static(self.note(), classes="fold-note")
        note.display = not self.revealed
        yield note
        yield self.prose

    def reveal(self) -> None:
        """Unfold. Text above the place read grows: the scroll follows it, so the place stays."""
        if self.revealed:
            return
        note = self.query_one(".fold-note")
        scroller = self.parent
        above = isinstance(scroller, Widget) and self.virtual_region.y < scroller.scroll_y
        before = self.virtual_region.height
        note.display = False
        self.prose.display = True
        if above and isinstance(scroller, Widget):

            def follow() -> None:
                grown = self.virtual_region.height - before
                scroller.scroll_to(y=scroller.scroll_y + grown, animate=False, immediate=True)

            self.call_after_refresh(follow)

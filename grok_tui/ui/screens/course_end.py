"""The end of the course: what the learner built, how much of it they did, and where to read on.

Reached with `n` from the last lesson. Its list of what was learned comes from the catalog (lessons
are data), so a teacher adding a chapter changes this screen too.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from grok_tui.course_marks import MARKS, exercises_passed, lesson_status
from grok_tui.lesson.catalog import Catalog
from grok_tui.progress import Progress
from grok_tui.ui.contrast import KEY, drawn_style
from grok_tui.ui.widgets.footer import KeyFooter

READ_NEXT = (
    (
        "Grokking Deep Learning, chapter 10",
        "convolutional networks: one small set of weights reused across an image, to find edges and corners",
    ),
    (
        "Grokking Deep Learning, chapters 11 and 12",
        "networks that read language: word embeddings, then recurrent layers",
    ),
    (
        "Grokking Deep Learning, chapter 13",
        "an automatic-gradient framework: the backpropagation you wrote by hand, done by the computer",
    ),
    (
        "karpathy/micrograd on GitHub",
        "a complete autograd engine in about 100 lines of Python, small enough to read in one sitting",
    ),
)
"""Where to go after chapters 2-9 of the book (this course's last lessons cover chapters 8-9)."""


def not_loaded(catalog: Catalog, each_said: str, all_said: str) -> str:
    """ "N lesson files did not load (...)", the files counted, not their problems: one file with three
    problems was "3 lesson files". `each_said` follows when each file has one problem, else
    "M problems; " and `all_said`."""
    files = len({error.path for error in catalog.errors})
    count = len(catalog.errors)
    where = each_said if count == files else f"{count} problems; {all_said}"
    return f"{files} lesson file{'s' if files > 1 else ''} did not load ({where})"


def course_summary(catalog: Catalog, progress: Progress, drawn: Callable[[Style], Style] = lambda style: style) -> Text:
    lessons = catalog.lessons
    complete = sum(lesson_status(l, progress) == "complete" for l in lessons)
    ran = sum(lesson_status(l, progress) in ("complete", "ran") for l in lessons)
    exercises = sum(len(l.exercises) for l in lessons)
    passed = sum(exercises_passed(l, progress) for l in lessons)
    out = Text()
    if complete == len(lessons) and catalog.errors:  # not "finished" while a lesson failed to load
        out.append(f"All {len(lessons)} lessons that loaded are complete. ", style="bold")
        out.append(not_loaded(catalog, "? lists the problems", "? lists them") + ".\n\n")
    elif complete == len(lessons):
        out.append(f"You finished the course: all {len(lessons)} lessons complete.\n\n", style="bold")
    else:  # a learner who jumped ahead: "end of the course" then "6/36 complete" read oddly
        out.append("You reached the last lesson. ", style="bold")
        out.append(f"Complete so far: {complete} of {len(lessons)} lessons; the open ones are listed below.\n\n")
    out.append("What you built, one chapter at a time:\n", style="bold")
    for number, title, chapter in catalog.chapters():
        marks = "".join(
            MARKS[lesson_status(l, progress)][0] if lesson_status(l, progress) else "○" for l in chapter
        )  # ○: not opened yet
        out.append(f"  {number} {title}", style="")
        out.append(f"  [{marks}]\n", style="dim")
    out.append("\nYour progress: ", style="bold")
    out.append(
        f"{complete}/{len(lessons)} lessons complete, {ran}/{len(lessons)} run to the end, "
        f"{passed}/{exercises} exercises passed.\n"
    )
    todo = [l for l in lessons if lesson_status(l, progress) != "complete"]
    if todo:
        names = ", ".join(l.id for l in todo[:8]) + (" ..." if len(todo) > 8 else "")
        out.append(f"Still open: {names} (c: contents).\n", style=drawn(Style(color="yellow")))
    out.append("\nWhat to read next", style="bold")
    out.append(
        " (the course followed the book's chapters 2 to 9; chapter 8's dropout and batches and"
        " chapter 9's softmax came in lessons 7.3 to 7.6):\n"
    )
    for where, what in READ_NEXT:
        out.append(f"  {where}", style=drawn(KEY))
        out.append(f": {what}.\n")
    return out


class CourseEndScreen(Screen[None]):
    """A short closing page; esc goes back to the last lesson, c to the contents."""

    DEFAULT_CSS = """
    CourseEndScreen #end-title { height: 1; background: $primary-muted; color: $text; }
    CourseEndScreen #end-body { padding: 1 2; }
    """
    BINDINGS = [
        Binding("escape,p", "back", "back to the lesson", id="end.back"),
        Binding("c", "app.contents", "contents", id="end.contents"),
        Binding("f1,question_mark", "help", "help", key_display="?", id="end.help"),
        Binding("q", "app.quit", "quit", id="end.quit"),
    ]

    def __init__(self, catalog: Catalog, progress: Progress) -> None:
        super().__init__()
        self.catalog = catalog
        self.progress = progress

    def compose(self) -> ComposeResult:
        yield Static(Text.assemble((" grok-tui ", "bold reverse"), "  the end of the course"), id="end-title")
        with VerticalScroll(id="end-scroll"):
            yield Static(id="end-body")
        yield KeyFooter()

    def on_mount(self) -> None:
        body = self.query_one("#end-body", Static)  # its colours, made readable where it is drawn
        body.update(course_summary(self.catalog, self.progress, lambda style: drawn_style(body, style)))
        self.query_one("#end-scroll").focus()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import COURSE_END_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(keys=COURSE_END_KEYS, title="course end keys"))

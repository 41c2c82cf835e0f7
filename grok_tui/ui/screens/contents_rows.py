"""What the contents' list and preview show of a lesson or of a chapter's quiz (its row, its score)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.style import Style
from rich.text import Text

from grok_tui.answers import Answers, quiz_score_text, unfinished_attempt
from grok_tui.lesson.model import Lesson
from grok_tui.ui.widgets.document import inline_markdown


def lesson_preview(lesson: Lesson, state: str) -> Text:
    """What a wide contents screen shows beside the list: the lesson's opening, what it lets you play with."""
    # the lesson's state on the title's line: after the chapter's name, "(complete)" read as the
    # chapter's, beside a list that said the chapter was 3/8 done
    text = Text.assemble(
        (f"{lesson.id} {lesson.title}", "bold"),
        (f"  (lesson {state})" if state else "", "dim"),
        "\n",
        (f"chapter {lesson.chapter}: {lesson.chapter_title}", "dim"),
        "\n\n",
    )
    opening = next((p.text for p in lesson.prose if p.text.strip()), "")
    paragraphs = [b.strip() for b in opening.split("\n\n") if b.strip() and not b.lstrip().startswith("#")]
    if paragraphs:
        text.append_text(inline_markdown(" ".join(paragraphs[0].split())))
        text.append("\n\n")
    if lesson.params:
        text.append("play with: ", style="bold")
        text.append(", ".join(p.name for p in lesson.params) + "\n")
    if lesson.exercises:
        text.append("write: ", style="bold")
        text.append(", ".join(e.name for e in lesson.exercises) + "\n")
    if lesson.panels:
        text.append("panels: ", style="bold")
        text.append(", ".join(lesson.panels) + "\n")
    return text


def quiz_attempt(answers: Answers, chapter: int, questions: int) -> list[bool]:
    """The rights of chapter `chapter`'s quiz attempt left unfinished ([] for none)."""
    return unfinished_attempt(answers, f"quiz/{chapter}/", questions)


QUIZ_ROW = "quiz-"
"""The id of a chapter quiz's row is this and the chapter's number (lesson ids are numbers)."""


def quiz_line(
    chapter: int, questions: int, mine: dict[int, bool], room: int, tones: Mapping[str, Style | str] | None = None
) -> Text:
    """A chapter quiz's row, under its lessons: its size, or how the last attempt went (the score
    showed nowhere but in the quiz's panel; "2/5" with two answered read as three wrong). `tones`:
    the styles of TONES for the theme (ContentsScreen.tones)."""
    tones = tones or {"success": "green", "muted": "dim"}
    name = f"chapter {chapter} quiz"
    count = quiz_score_text(questions, mine)
    label = Text.assemble("  ", ("✎", "bold"), f" {name}")
    label.append(" " * max(2, room - 4 - len(name) - len(count)))
    right = mine and all(mine.values()) and len(mine) == questions
    label.append(count, style=tones["success"] if right else tones["muted"])
    return label


def quiz_preview(chapter: int, title: str, questions: int, going_on: int = 0) -> Text:
    """The wide contents' preview of a quiz row (`going_on`: the question an unfinished attempt
    goes on at, 0 for none)."""
    enter = f"Press enter to go on at question {going_on}." if going_on else "Press enter to start."
    return Text.assemble(
        (f"Chapter {chapter} quiz", "bold"),
        "\n",
        (title, "dim"),
        "\n\n",
        f"{questions} questions on the chapter's ideas, answered by typing a number or a choice. "
        f"Your answers are kept; take it again as often as you like. {enter}",
    )

"""The command palette's lesson finder: type an id or words of a title, press enter to open it; the
chapter quizzes are found there too ("quiz")."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from grok_tui.answers import Answers, load_answers, quiz_answers, quiz_score_text
from grok_tui.lesson.model import Lesson
from grok_tui.ui.tutor_app import tutor


class LessonCommands(Provider):
    def _lessons(self) -> list[Lesson]:
        return tutor(self.app).catalog.lessons

    _answers: Answers | None = None
    """The quiz answers, read once when the palette opens: search() lists the entries at every key."""

    async def startup(self) -> None:
        app = tutor(self.app)
        self._answers = load_answers(app.progress.root) if app.catalog.quizzes else None

    def _entries(self) -> list[tuple[str, str, Callable[[], None], str]]:
        """(text, the text matched too, what enter does, help) for every lesson, then every chapter
        quiz. The matcher reads in order: "chapter 8 quiz" has its 8 before "quiz", and a teacher's
        "quiz 8" found nothing; a quiz is matched as "quiz 8 chapter" too."""
        app = tutor(self.app)
        entries: list[tuple[str, str, Callable[[], None], str]] = []
        for lesson in self._lessons():
            text = f"lesson {lesson.label}"
            entries.append((text, text, partial(app.open_lesson, lesson.id), lesson.chapter_title))
        answers = self._answers
        for chapter, quiz in sorted(app.catalog.quizzes.items()):
            # as the contents' row says it: "3 questions" stayed after a 3/3 score (a trial)
            mine = quiz_answers(answers, chapter) if answers is not None else {}
            help_text = quiz_score_text(len(quiz.questions), mine)
            run = partial(app.take_quiz, chapter)
            entries.append((f"chapter {chapter} quiz: {quiz.title}", f"quiz {chapter} chapter", run, help_text))
        return entries

    async def discover(self) -> Hits:
        for text, _, run, help_text in self._entries():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, also, run, help_text in self._entries():
            score = max(matcher.match(text), matcher.match(also))
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=help_text)

"""The command palette's lesson finder: type an id or words of a title, press enter to open it; the
chapter quizzes are found there too ("quiz")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from grok_tui.lesson.model import Lesson
from grok_tui.ui.tutor_app import tutor


class LessonCommands(Provider):
    def _lessons(self) -> list[Lesson]:
        return tutor(self.app).catalog.lessons

    def _entries(self) -> list[tuple[str, Callable[[], None], str]]:
        """(text, what enter does, help) for every lesson, then every chapter quiz."""
        app = tutor(self.app)
        entries: list[tuple[str, Callable[[], None], str]] = [
            (f"lesson {lesson.label}", partial(app.open_lesson, lesson.id), lesson.chapter_title)
            for lesson in self._lessons()
        ]
        for chapter, quiz in sorted(app.catalog.quizzes.items()):
            entries.append(
                (
                    f"chapter {chapter} quiz: {quiz.title}",
                    partial(app.take_quiz, chapter),
                    f"{len(quiz.questions)} questions",
                )
            )
        return entries

    async def discover(self) -> Hits:
        for text, run, help_text in self._entries():
            yield DiscoveryHit(text, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run, help_text in self._entries():
            # a quiz is found by "quiz 8" too: the matcher reads in order, and "chapter 8 quiz"
            # has its 8 before "quiz" (a teacher typed "quiz 8" and got no match)
            also = re.sub(r"^chapter (\d+) quiz", r"quiz \1 chapter", text)
            score = max(matcher.match(text), matcher.match(also))
            if score > 0:
                yield Hit(score, matcher.highlight(text), run, help=help_text)

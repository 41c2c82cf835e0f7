"""The command palette's lesson finder: type an id or words of a title, press enter to open it."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from grok_tui.lesson.model import Lesson
from grok_tui.ui.tutor_app import tutor


class LessonCommands(Provider):
    def _lessons(self) -> list[Lesson]:
        return tutor(self.app).catalog.lessons

    async def discover(self) -> Hits:
        for lesson in self._lessons():
            yield DiscoveryHit(
                f"lesson {lesson.label}",
                partial(tutor(self.app).open_lesson, lesson.id),
                help=lesson.chapter_title,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for lesson in self._lessons():
            text = f"lesson {lesson.label}"
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(tutor(self.app).open_lesson, lesson.id),
                    help=lesson.chapter_title,
                )

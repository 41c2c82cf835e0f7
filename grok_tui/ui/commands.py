"""The command palette's lesson finder: type an id or words of a title, press enter to open it."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class LessonCommands(Provider):
    def _lessons(self):
        return self.app.catalog.lessons  # type: ignore[attr-defined]

    async def discover(self) -> Hits:
        for lesson in self._lessons():
            yield DiscoveryHit(
                f"lesson {lesson.label}",
                partial(self.app.open_lesson, lesson.id),  # type: ignore[attr-defined]
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
                    partial(self.app.open_lesson, lesson.id),  # type: ignore[attr-defined]
                    help=lesson.chapter_title,
                )

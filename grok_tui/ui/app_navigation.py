"""Going from screen to screen: a lesson opened (its lab's modules imported off the UI thread
first, where the lab shows), the next or previous lesson, a chapter's quiz, back to the contents. A
base of GrokApp (grok_tui/ui/app.py), which holds the state it reads."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from grok_tui.lesson.catalog import Catalog
from grok_tui.lesson.model import Lesson
from grok_tui.progress import Progress
from grok_tui.ui.app_faults import AppFaults
from grok_tui.ui.keys_ahead import KeysAhead
from grok_tui.ui.lesson_panels import import_lab, lab_imported
from grok_tui.ui.notices import take_back
from grok_tui.ui.return_notice import ALL_LESSONS
from grok_tui.ui.screens.contents import ContentsScreen

if TYPE_CHECKING:
    from grok_tui.engine.session import LessonSession


class AppNavigation(AppFaults):
    catalog: Catalog
    progress: Progress
    keys_ahead: KeysAhead
    current_lesson_id: str | None
    lesson_opened_since_contents: bool
    _opening: str | None

    def session_for(self, lesson: Lesson) -> LessonSession:
        raise NotImplementedError  # GrokApp's

    def open_lesson(self, lesson_id: str) -> None:
        lesson = self.catalog.get(lesson_id)
        if lesson is None:
            self.notify(f"no lesson {lesson_id!r}", severity="error", markup=False)
            self.keys_ahead.release()
            return
        self.current_lesson_id = lesson_id
        # Keys read until it has the focus are its: `n space` at 130 columns ran the lesson being
        # left while the next one's lab imported, or, from the palette, chose 2.1 on the contents.
        self.keys_ahead.hold_for_screen()
        self.lesson_opened_since_contents = True
        self.progress.open_lesson(lesson_id)
        self._opening = lesson_id
        from grok_tui.ui.screens.lesson import READING_SHOWS_LAB

        if self.size.width < READING_SHOWS_LAB or lab_imported(lesson):
            # Narrower, the reading view hides the lab: the screen builds it after its first frame.
            self._show_lesson(lesson)
        else:
            # The lab's modules import numpy (~0.1 s): never on the UI thread. The current screen
            # stays live meanwhile; the lesson opens once they are loaded, its lab complete.
            self.run_worker(partial(self._import_lab, lesson), group="panels", thread=True, exit_on_error=False)

    def take_quiz(self, chapter: int) -> None:
        """Chapter `chapter`'s quiz, over the current screen (from the contents or ctrl+p)."""
        from grok_tui.ui.screens.quiz import QuizScreen

        quiz = self.catalog.quizzes.get(chapter)
        if quiz is None:
            self.notify(f"chapter {chapter} has no quiz", timeout=3, markup=False)
            self.keys_ahead.release()  # what the contents' enter held goes on
            return
        self.keys_ahead.hold_for_screen()  # an answer typed with F or enter is the quiz's
        self.push_screen(QuizScreen(quiz, self.progress.root))

    def _import_lab(self, lesson: Lesson) -> None:
        """On a worker thread: import the lesson's lab modules, then open it on the UI thread."""
        import_lab(lesson)
        self.call_from_thread(self._show_lesson, lesson)

    def _show_lesson(self, lesson: Lesson) -> None:
        from grok_tui.ui.screens.lesson import LessonScreen

        if self._opening != lesson.id:  # the learner went elsewhere while the panels loaded
            self.keys_ahead.release()
            return
        self._opening = None
        screen = LessonScreen(self.session_for(lesson), (self.catalog.index(lesson.id) + 1, len(self.catalog.lessons)))
        # Keep the stack at [contents, lesson]: a modal or an older lesson on top is replaced.
        while len(self.screen_stack) > 1:
            self.pop_screen()
        self.push_screen(screen)

    def action_next_lesson(self, direction: int) -> None:
        lessons = self.catalog.lessons
        if not lessons:
            return
        if self.current_lesson_id is None or self.catalog.get(self.current_lesson_id) is None:
            index = 0
        else:
            index = self.catalog.index(self.current_lesson_id) + direction
        if index == len(lessons) and direction > 0:  # n on the last lesson: the course's closing page
            from grok_tui.ui.screens.course_end import CourseEndScreen

            self.push_screen(CourseEndScreen(self.catalog, self.progress))
            return
        if not 0 <= index < len(lessons):
            self.notify(
                "this is the last lesson" if direction > 0 else "this is the first lesson", timeout=3, markup=False
            )
            return
        # A notice about the lesson left stays with it: p then n left 2.1's "this is the first
        # lesson" over 3.1's live strip, said of the lesson 2 of 36.
        self.clear_notifications()
        self.open_lesson(lessons[index].id)

    def action_contents(self) -> None:
        self._opening = None
        # "back at 6.5, where you left off · escape: all lessons" is said of the lesson: on the
        # contents it covered the highlighted row, its "escape" stale there (a trial)
        take_back(self, lambda message: message.endswith(ALL_LESSONS))
        if len(self.screen_stack) > 1 and isinstance(self.screen_stack[0], ContentsScreen):
            self.keys_ahead.hold_for_contents()  # `c enter space`: the enter and space are theirs
        while len(self.screen_stack) > 1:
            self.pop_screen()
        contents = self.screen_stack[0]
        if isinstance(contents, ContentsScreen):
            contents.call_later(contents.build)  # unbuilt while a lesson opened at start was loading

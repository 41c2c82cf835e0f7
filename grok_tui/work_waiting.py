"""What the learner left half done and comes back to: an exercise draft begun and not passed, a
chapter quiz stopped partway, an exercise passed and edited since. The restart's notice and
`grok-tui progress` both name it: a learner who quit in the middle of a quiz came back to "back at
4.4, where you left off" and nothing more, and a draft's lesson opened with its "press e to go on"
line scrolled out of view (a trial). No Textual here: the screen and the command line share it."""

from __future__ import annotations

from dataclasses import dataclass

from grok_tui.answers import Answers, unfinished_attempt
from grok_tui.lesson.catalog import Catalog
from grok_tui.progress import Progress


def begun_drafts(catalog: Catalog, progress: Progress) -> list[str]:
    """LESSON/NAME of the exercises with a draft that is not the stub and has not passed, the
    draft changed last first."""
    found = []
    for lesson in catalog.lessons:
        for exercise in lesson.exercises:
            if progress.exercise_done(lesson.id, exercise.name):
                continue
            if progress.draft_begun(lesson.id, exercise.name, exercise.stub.source):
                changed = progress.draft_path(lesson.id, exercise.name).stat().st_mtime
                found.append((changed, f"{lesson.id}/{exercise.name}"))
    return [key for _, key in sorted(found, reverse=True)]


def edited_since_pass(catalog: Catalog, progress: Progress) -> list[str]:
    """The passed exercises (LESSON/NAME) whose saved draft is not the code that passed."""
    edited = []
    for lesson in catalog.lessons:
        passed = progress.passed_code(lesson.id)
        for exercise in lesson.exercises:
            if exercise.name not in passed:
                continue
            draft = progress.load_draft(lesson.id, exercise.name)
            if draft is not None and draft.strip() != passed[exercise.name].strip():
                edited.append(f"{lesson.id}/{exercise.name}")
    return edited


@dataclass(frozen=True)
class StoppedQuiz:
    chapter: int
    answered: int
    questions: int

    @property
    def said(self) -> str:
        """ "the chapter 3 quiz, stopped after question 3 of 6"."""
        return f"the chapter {self.chapter} quiz, stopped after question {self.answered} of {self.questions}"


def stopped_quiz(catalog: Catalog, answers: Answers) -> StoppedQuiz | None:
    """Of the quizzes whose last attempt was left before its last question, the one answered last:
    it still waits when another quiz was answered since (the contents and the quiz itself go on
    with it), which a trial found dropped from the notice."""
    latest: dict[int, int] = {}  # chapter: where in the history its last answer is
    for index, item in enumerate(answers.get("history", [])):
        key = str(item.get("key", "")) if isinstance(item, dict) else ""
        kind, _, rest = key.partition("/")
        number = rest.partition("/")[0]
        if kind == "quiz" and number.isdigit() and int(number) in catalog.quizzes:
            latest[int(number)] = index
    for chapter in sorted(latest, key=latest.__getitem__, reverse=True):
        total = len(catalog.quizzes[chapter].questions)
        done = unfinished_attempt(answers, f"quiz/{chapter}/", total)
        if done:
            return StoppedQuiz(chapter, len(done), total)
    return None

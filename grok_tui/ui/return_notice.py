"""What a restart says: where the learner is back, and what they left half done there or elsewhere
(grok_tui/work_waiting.py), with the key that goes on with it."""

from __future__ import annotations

from grok_tui.answers import load_answers
from grok_tui.lesson.catalog import Catalog
from grok_tui.progress import Progress
from grok_tui.work_waiting import begun_drafts, stopped_quiz

LEFT_OFF = ", where you left off"
"""The restart's notice begins "back at 4.5, where you left off"."""

ALL_LESSONS = "escape: all lessons"


def return_notice(target: str, catalog: Catalog, progress: Progress) -> str:
    """ "back at 3.2, where you left off · your draft of w_sum waits: e · escape: all lessons"."""
    parts = [f"back at {target}{LEFT_OFF}"]
    after = catalog.index(target) + 1 if catalog.get(target) is not None else 0
    if progress.lesson_state(target) == "done" and 0 < after < len(catalog.lessons):
        # its run starts afresh, "ready", and said nothing of what comes next (the CLI's progress did)
        parts.append(f"you finished it: n opens {catalog.lessons[after].id}")
    begun = begun_drafts(catalog, progress) if progress.root is not None else []
    if begun:
        lesson_id, _, name = begun[0].partition("/")
        parts.append(
            f"your draft of {name} waits: e"
            if lesson_id == target
            else f"your draft of {begun[0]} waits: ctrl+p {lesson_id}, then e"
        )
    stopped = stopped_quiz(catalog, load_answers(progress.root)) if catalog.quizzes and progress.root else None
    if stopped is not None:
        parts.append(f"{stopped.said}: ctrl+p quiz {stopped.chapter}")
    return " · ".join([*parts, ALL_LESSONS])

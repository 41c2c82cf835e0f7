"""`grok-tui progress` and `grok-tui reset`: the learner's saved state, headless (no Textual here)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TypedDict

from grok_tui.answers import (
    answer_streak,
    has_answers,
    load_answers,
    quiz_answers,
    streak_text,
    take_notices,
    unfinished_attempt,
)
from grok_tui.cli.course_command import with_lessons_option
from grok_tui.cli.messages import no_exercise, no_lesson
from grok_tui.course_marks import LEGEND, MARKS, exercises_to_do, lesson_status
from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from grok_tui.lesson.catalog import Catalog
from grok_tui.lesson.history import CourseHistory
from grok_tui.progress import Progress
from grok_tui.work_waiting import begun_drafts, edited_since_pass, stopped_quiz


def add_parsers(parsers: dict[str, argparse.ArgumentParser], add_lessons_option: Callable) -> None:
    p = parsers["progress"] = argparse.ArgumentParser(
        prog="grok-tui progress", description="print your progress: lessons and exercises done, per chapter"
    )
    p.add_argument("--json", action="store_true", help="one JSON object")
    add_lessons_option(p)
    p = parsers["reset"] = argparse.ArgumentParser(
        prog="grok-tui reset",
        description="forget the progress of a lesson (ID, e.g. 3.2), of one exercise (3.2/w_sum) or of "
        "everything (--all); your code is kept as a .bak file beside it",
    )
    p.add_argument("id", nargs="?", help="a lesson id (3.2) or LESSON/EXERCISE (3.2/w_sum)")
    p.add_argument("--all", action="store_true", help="reset everything")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    add_lessons_option(p)


def _error(message: str) -> int:
    print(f"grok-tui: {message}", file=sys.stderr)
    return EXIT_USAGE


def load_progress(catalog: Catalog) -> Progress:
    """The saved progress, moved to the course's present ids; a notice goes to stderr."""
    progress = Progress.load(course=CourseHistory.of(catalog.lessons))
    if progress.notice:
        print(f"note: {progress.notice}", file=sys.stderr)
    return progress


class LessonRow(TypedDict):
    """One lesson in `summary`: its state ("new", "started", "done"), its status as the contents marks
    it ("complete", "ran", "started" or "", grok_tui.course_marks) and its exercises."""

    id: str
    title: str
    state: str
    status: str
    exercises_total: int
    exercises_done: int
    hints_shown: int


def summary(catalog: Catalog, progress: Progress) -> dict:
    """Progress per chapter, as plain data (the --json output, and what the text output prints)."""
    chapters = []
    for number, title, lessons in catalog.chapters():
        rows: list[LessonRow] = []
        for lesson in lessons:
            names = [e.name for e in lesson.exercises]
            rows.append(
                {
                    "id": lesson.id,
                    "title": lesson.title,
                    "state": progress.lesson_state(lesson.id) or "new",
                    "status": lesson_status(lesson, progress),
                    "exercises_total": len(names),
                    "exercises_done": sum(progress.exercise_done(lesson.id, n) for n in names),
                    # a teacher reads who leaned on hints (docs/teaching.md): counted, never shown
                    "hints_shown": sum(progress.hints_shown(lesson.id, n) for n in names),
                }
            )
        chapters.append(
            {
                "chapter": number,
                "title": title,
                "lessons_total": len(rows),
                "lessons_done": sum(r["state"] == "done" for r in rows),  # run to the end (◐ and ✓)
                # ✓: run and every exercise passed, as the text's "lessons 3/9 complete" counts them
                "lessons_complete": sum(r["status"] == "complete" for r in rows),
                "lessons_started": sum(r["state"] == "started" for r in rows),
                "exercises_total": sum(r["exercises_total"] for r in rows),
                "exercises_done": sum(r["exercises_done"] for r in rows),
                "hints_shown": sum(r["hints_shown"] for r in rows),
                "lessons": rows,
            }
        )
    last = catalog.get(progress.last_lesson) if progress.last_lesson else None
    return {
        "data_dir": str(progress.root),
        # Only a lesson of this course: another course's 9.3 read as a lesson here, then "Next: 2.1".
        "last_lesson": last.id if last else None,
        "last_lesson_title": last.title if last else None,
        "chapters": chapters,
        **answers_summary(catalog, progress),
    }


def answers_summary(catalog: Catalog, progress: Progress) -> dict:
    """Quiz answers per chapter (right, missed, streak) and predictions: from answers.json."""
    data = load_answers(progress.root)
    for notice in take_notices():
        print(f"note: {notice}", file=sys.stderr)  # as the progress file's own notice
    latest = {k: v for k, v in data["latest"].items() if isinstance(v, dict)}
    quizzes = []
    for number, quiz in sorted(getattr(catalog, "quizzes", {}).items()):
        mine = quiz_answers(data, number)
        # an attempt left unfinished, as the contents' row shows it ("0 of 1 right, 4 to go" there,
        # "4/5 right; missed question 1" here, after one wrong answer in a second attempt)
        attempt = unfinished_attempt(data, f"quiz/{number}/", len(quiz.questions))
        quizzes.append(
            {
                "chapter": number,
                "questions": len(quiz.questions),
                "answered": len(mine),
                "right": sum(mine.values()),
                "missed": sorted(n for n, right in mine.items() if not right),
                "streak": answer_streak(data, f"quiz/{number}/"),
                "attempt_answered": len(attempt),
                "attempt_right": sum(attempt),
            }
        )
    # this course's lessons' only: a teacher's course without questions counted "0/3 right", the
    # bundled course's answers (keys are predict/LESSON/STEP/VALUE)
    ids = {lesson.id for lesson in catalog.lessons}
    predicted = {k: v for k, v in latest.items() if k.startswith("predict/") and k.split("/")[1] in ids}
    return {
        "quizzes": quizzes,
        "predictions": {"answered": len(predicted), "right": sum(bool(v.get("right")) for v in predicted.values())},
    }


def cmd_progress(args: argparse.Namespace, catalog: Catalog) -> int:
    progress = load_progress(catalog)
    data = summary(catalog, progress)
    # counted done above (they passed once): a teacher read "exercises 2/2" of code that no longer ran
    data["edited_since_pass"] = edited = edited_since_pass(catalog, progress)
    if args.json:
        print(json.dumps(data))
        return EXIT_OK
    for ch in data["chapters"]:
        exercises = f"; exercises {ch['exercises_done']}/{ch['exercises_total']} done" if ch["exercises_total"] else ""
        # Counted as the marks below count: "lessons 9/9 done" above three ◐ read as a contradiction.
        complete = ch["lessons_complete"]
        ran = ch["lessons_done"] - complete
        to_do = f", {ran} run with exercises to do" if ran else ""
        print(
            f"Chapter {ch['chapter']} {ch['title']}: lessons {complete}/{ch['lessons_total']} complete{to_do}, "
            f"{ch['lessons_started']} started{exercises}"
        )
        for row in ch["lessons"]:
            hints = row["hints_shown"]
            hinted = f", {hints} hint{'s' if hints > 1 else ''} shown" if hints else ""
            ex = (
                f"  (exercises {row['exercises_done']}/{row['exercises_total']}{hinted})"
                if row["exercises_total"]
                else ""
            )
            print(f"  {MARKS[row['status']][0]} {row['id']} {row['title']}{ex}")
    print(LEGEND)  # the contents' marks and words, below the lessons as there
    if edited:
        them = "it" if len(edited) == 1 else "them"
        command = f"grok-tui verify {edited[0]}" if len(edited) == 1 else "grok-tui verify"
        print(f"Edited since passing (counted as done above): {', '.join(edited)}; `{command}` checks {them}")
    for quiz in data["quizzes"]:
        if quiz["attempt_answered"]:
            to_go = quiz["questions"] - quiz["attempt_answered"]
            said = f"{quiz['attempt_right']} of {quiz['attempt_answered']} right, {to_go} to go"
            print(f"Chapter {quiz['chapter']} quiz: {said} (this attempt)")
        elif quiz["answered"]:
            # "missed 2" read as a count of two: it was question 2
            numbers = quiz["missed"]
            missed = (
                f"; missed question{'s' if len(numbers) > 1 else ''} {', '.join(map(str, numbers))}" if numbers else ""
            )
            streak = streak_text(quiz["streak"]) if numbers else ""  # all right: the score says it
            # Half done: "2/5 right" read as three wrong, with two answered (both right).
            part = quiz["answered"] < quiz["questions"]
            score = (
                f"{quiz['answered']} of {quiz['questions']} answered, {quiz['right']} right"
                if part
                else f"{quiz['right']}/{quiz['questions']} right"
            )
            print(f"Chapter {quiz['chapter']} quiz: {score}{missed}" + (f"; {streak}" if streak else ""))
        else:
            print(f"Chapter {quiz['chapter']} quiz: not taken yet ({quiz['questions']} questions)")
    if data["predictions"]["answered"]:
        print(f"Predictions: {data['predictions']['right']}/{data['predictions']['answered']} right")
    last = data["last_lesson"]
    if last:
        print(f"Last lesson: {last} {data['last_lesson_title'] or ''}".rstrip())
    else:
        print("Last lesson: none in this course" if progress.last_lesson else "Last lesson: none yet")
    print(with_lessons_option(next_step(catalog, progress), catalog))
    stopped = stopped_quiz(catalog, load_answers(progress.root)) if catalog.quizzes else None
    if stopped is not None:  # the Next line named the lesson only, after a quit in the middle of a quiz
        print(f"Also waiting: {stopped.said}; in the tutor, ctrl+p then `quiz {stopped.chapter}` goes on with it.")
    print(f"Saved in {data['data_dir']}")
    if progress.notice:  # said again last: before ~55 lines of listing it scrolled out of an 80x24 terminal
        print(f"note: {progress.notice}", file=sys.stderr)
    return EXIT_OK


def next_step(catalog: Catalog, progress: Progress) -> str:
    """What to run next: the list ended with where the learner was, not where to go on (a draft
    half-written in 3.3 was not mentioned)."""
    lesson = catalog.get(progress.last_lesson) if progress.last_lesson else None
    if lesson is None:
        first = catalog.lessons[0].id if catalog.lessons else ""
        return f"Next: `grok-tui {first}`".rstrip() if first else "Next: `grok-tui`"
    begun = begun_drafts(catalog, progress)
    mine = [key for key in begun if key.partition("/")[0] == lesson.id]
    if mine:
        waits = f"your draft of {mine[0]} waits: `grok-tui edit {mine[0]}` opens it in your editor"
        return f"Next: `grok-tui {lesson.id}` ({waits})"
    elsewhere = f"; your draft of {begun[0]} waits too: `grok-tui edit {begun[0]}`" if begun else ""
    todo = exercises_to_do(lesson, progress)
    if todo:
        return f"Next: `grok-tui {lesson.id}` ({len(todo)} exercise{'s' if len(todo) != 1 else ''} to do{elsewhere})"
    # the next one not complete: 3.3, done on another day, was recommended after 3.2
    later = [
        x for x in catalog.lessons[catalog.lessons.index(lesson) + 1 :] if lesson_status(x, progress) != "complete"
    ]
    if progress.lesson_state(lesson.id) == "done" and later:
        return f"Next: `grok-tui {later[0].id}` ({later[0].title}{elsewhere})"
    if progress.lesson_state(lesson.id) == "done":  # the last lesson, done: "Next: 7.6" sent back to it
        left = next((x for x in catalog.lessons if lesson_status(x, progress) != "complete"), None)
        if left is None and catalog.errors:  # "complete" above a warning that a lesson did not load
            # the files counted, not their problems: one file with three was "3 lesson files"
            files, count = len({e.path for e in catalog.errors}), len(catalog.errors)
            where = f"{count} problems: the warnings above" if count > 1 else "the warning above"
            return (
                "Next: every lesson that loaded is run and its exercises passed; "
                f"{files} lesson file{'s' if files > 1 else ''} did not load ({where})."
            )
        if left is None:
            return "Next: nothing: every lesson run and every exercise passed. The course is complete."
        status = lesson_status(left, progress)
        what = "exercises to do" if status == "ran" else ("started" if status == "started" else "not run yet")
        return f"Next: `grok-tui {left.id}` ({left.title}: {what}{elsewhere})"
    return f"Next: `grok-tui {lesson.id}`" + (f" ({elsewhere[2:]})" if elsewhere else "")


def _confirm(question: str, yes: bool) -> bool | None:
    """True to go on, False if the learner said no, None if nobody can be asked (no terminal)."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return None
    try:
        answer = input(f"{question} [y/N] ")
    except (EOFError, KeyboardInterrupt):  # ctrl+d, ctrl+c: a no, on a line of its own
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


def _saved(progress: Progress, lesson_id: str = "", name: str = "") -> bool:
    """Whether a lesson (with `name`, one of its exercises; without `lesson_id`, the whole course)
    has anything a reset would forget."""
    if not lesson_id:
        drafts = progress.drafts_dir
        return progress.path.exists() or (drafts.is_dir() and any(drafts.rglob("*.py"))) or has_answers(progress.root)
    if name:
        return (
            Progress.exercise_key(lesson_id, name) in progress.exercises
            or progress.draft_path(lesson_id, name).exists()
        )
    folder = progress.lesson_drafts_dir(lesson_id)
    return (
        lesson_id in progress.lessons
        or any(key.startswith(f"{lesson_id}/") for key in progress.exercises)
        or (folder.is_dir() and any(folder.glob("*.py")))
        or has_answers(progress.root, f"predict/{lesson_id}/")
    )


def cmd_reset(args: argparse.Namespace, catalog: Catalog) -> int:
    if args.all == bool(args.id):
        return _error("reset needs a lesson id, LESSON/EXERCISE, or --all (one of them)")
    progress = load_progress(catalog)
    if args.all:
        question, act = (
            "Reset ALL your progress, quiz answers, predictions and kept settings included (your code is kept "
            "as backups)?",
            progress.reset_all,
        )
        if not _saved(progress):
            print("There was no progress to reset.")  # nothing to ask about, nothing to back up
            return EXIT_OK
    else:
        lesson_id, slash, name = args.id.partition("/")
        lesson = catalog.get(lesson_id)
        if slash:
            saved = _saved(progress, lesson_id, name)
            if not saved and (lesson is None or lesson.exercise(name) is None):
                return _error(no_lesson(lesson_id, catalog) if lesson is None else no_exercise(lesson, name))
            question = f"Reset exercise {args.id} (your code is kept as a backup)?"

            def act():
                backup = progress.reset_exercise(lesson_id, name)
                return [backup] if backup else []
        else:
            saved = _saved(progress, lesson_id)
            if lesson is None and not saved:  # a lesson gone from the course may still have progress
                return _error(no_lesson(lesson_id, catalog))
            question = (
                f"Reset lesson {lesson_id}, its exercises, predictions and kept settings "
                "(your code is kept as backups)?"
            )

            def act():
                return progress.reset_lesson(lesson_id)

        if not saved:  # nothing to ask about, nothing to write
            print(f"{args.id} had no progress to reset.")
            return EXIT_OK
    ok = _confirm(question, args.yes)
    if ok is None:
        return _error("reset asks for confirmation, but stdin is not a terminal: add --yes to reset anyway")
    if not ok:
        print("Nothing was reset.")
        return EXIT_OK
    try:
        backups = act()
    except OSError as exc:  # a read-only or full data folder: one line, not a traceback
        print(f"grok-tui: could not reset: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"Reset {'everything' if args.all else args.id}.")
    for path in backups:
        print(f"  kept {path}")
    return EXIT_OK

"""`grok-tui verify`: the learner's saved code of each exercise checked as the tutor's exercise screen
checks it, a pass recorded as the tutor records it (the course, a lesson, or one exercise)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from grok_tui.cli.course_command import with_lessons_option
from grok_tui.cli.practice import chosen_exercises, current_code, next_key, run_command
from grok_tui.cli.progress import load_progress
from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK
from grok_tui.lesson.catalog import Catalog
from grok_tui.lesson.model import Exercise, Lesson
from grok_tui.progress import Progress

if TYPE_CHECKING:
    from grok_tui.engine.exercises import Verdict


def cmd_verify(args: argparse.Namespace, catalog: Catalog) -> int:
    return run_command(_verify, args, catalog)


def _say_set_aside(progress: Progress) -> None:
    """A draft found damaged just now: said, not left as "not started yet"."""
    while progress.draft_notices:
        print(f"note: {progress.draft_notices.pop(0)}", file=sys.stderr)


def _verify(args: argparse.Namespace, catalog: Catalog) -> int:
    progress = load_progress(catalog)
    chosen = chosen_exercises(catalog, args.id, progress, command="verify")
    if args.id is not None and "/" not in args.id and len(chosen) > 1:
        return _verify_lesson(progress, chosen, catalog)
    # a lesson of one exercise is that exercise: `verify 4.2` told its first line and "`grok-tui
    # verify 4.2/hot_cold_step` shows the whole message", to be typed again
    not_started: list[str] = []
    failing: list[str] = []
    for lesson, exercise in chosen:
        key = f"{lesson.id}/{exercise.name}"
        verdict = _check(progress, lesson, exercise)
        _say_set_aside(progress)
        if verdict is None and args.id is None:
            # the course goes on: a learner in chapters 5-6 who never began 3.2 was stopped there
            # every time, and their own code never checked
            not_started.append(key)
            continue
        if verdict is None:
            said = f"· {key}: not started yet. `grok-tui edit {key}` opens it (or press e in lesson {lesson.id})."
            print(with_lessons_option(said, catalog))
            return EXIT_FAILED
        if not verdict.passed:
            if failing:  # the first said in full; the rest a line each (`verify KEY` tells one whole)
                first = _first_detail(verdict)
                print(f"✗ {key}: {verdict.headline}{first}")
            else:
                print(f"✗ {key}: {verdict.headline}")  # marked as `verify LESSON` marks it
                for line in verdict.details:
                    print(f"  {line}")
                print(f"Your code is in {progress.draft_path(lesson.id, exercise.name)}")
            # and on: one old failing draft stopped the course there at every run, the rest unchecked
            failing.append(key)
            continue
        print(f"✓ {key}: {verdict.headline}")
    if not chosen:
        print("No exercises to verify.")
    elif failing and len(chosen) == 1:
        return EXIT_FAILED  # "0 of the 1 exercises you began pass" under its whole message said nothing new
    elif failing:
        begun = len(chosen) - len(not_started)
        more = f"; `grok-tui verify {failing[1]}` tells the next whole" if len(failing) > 1 else ""
        do_not = "does not" if len(failing) == 1 else "do not"
        said = f"{begun - len(failing)} of the {begun} exercises you began pass; {len(failing)} {do_not}{more}."
        print(with_lessons_option(said, catalog))
        return EXIT_FAILED
    elif not_started:
        said = _not_started(len(chosen) - len(not_started), not_started, next_key(catalog, progress, not_started))
        print(with_lessons_option(said, catalog))
    elif len(chosen) > 1:
        print(f"All {len(chosen)} exercises pass.")
    return EXIT_OK


def _not_started(passed: int, not_started: list[str], first: str) -> str:
    """The course's last line when exercises are not started: they do not fail it (exit 0), but are
    counted, and `first` named with the command that opens it: the next from the lesson opened
    last, as `hint` and `progress` name it (a learner who had skipped to 4.5 was sent to 5.1 by
    `hint` and to 3.3 by `verify`), with the earliest in course order where that is another."""
    count = len(not_started)
    how = f"`grok-tui edit {first}` opens it"
    if not passed:
        return f"No exercise started yet ({count} in the course); the first: {first} ({how})."
    began = f"All {passed} exercises you began pass" if passed > 1 else "The exercise you began passes"
    skipped = f"; the earliest not started: {not_started[0]}" if not_started[0] != first else ""
    return f"{began}. {count} exercise{'s' if count > 1 else ''} not started yet; next: {first} ({how}){skipped}."


def _verify_lesson(progress: Progress, chosen: list[tuple[Lesson, Exercise]], catalog: Catalog) -> int:
    """A lesson of several exercises named: each gets a line, whatever the one before did (a learner
    asking about 7.3 wants to hear of softmax even when one_hot is not started). The commands it names
    reach `catalog`'s course."""
    passed = failed = 0
    for lesson, exercise in chosen:
        key = f"{lesson.id}/{exercise.name}"
        verdict = _check(progress, lesson, exercise)
        _say_set_aside(progress)
        if verdict is None:
            print(with_lessons_option(f"· {key}: not started yet (`grok-tui edit {key}` opens it).", catalog))
        elif verdict.passed:
            passed += 1
            print(f"✓ {key}: {verdict.headline}")
        else:
            failed += 1
            first = _first_detail(verdict)
            print(f"✗ {key}: {verdict.headline}{first}")
    lesson_id, total = chosen[0][0].id, len(chosen)
    if passed == total:
        print(f"{'Both' if total == 2 else f'All {total}'} exercises of {lesson_id} pass.")
        return EXIT_OK
    if not failed:  # none checked and failed: "shows the whole message" pointed at none (3.3, not started)
        rest = "the rest are not started" if passed else f"`grok-tui edit {lesson_id}` opens the first"
        print(with_lessons_option(f"{total - passed} of {total} not started yet: {rest}.", catalog))
        return EXIT_FAILED
    whole = f"`grok-tui verify {lesson_id}/NAME` shows the whole message"
    print(with_lessons_option(f"{passed} of {total} exercises of {lesson_id} pass. {whole}.", catalog))
    return EXIT_FAILED


WHERE = ("at line ", "line ", "it failed inside ", "it was at line ", "the test", "with ", "called from ")
"""How a verdict's lines that say where (not what to do) begin."""


def _first_detail(verdict: Verdict) -> str:
    """The line a one-line report adds to the headline: the first that says what to do, else the
    first. 7.3's softmax with `max(x)` said numpy's "Use a.any() or a.all()" and "at line 3 of your
    code: m = max(x)", the advice to use x.max(axis=-1, keepdims=True) two lines further down."""
    said = next((d for d in verdict.details if not d.startswith(WHERE)), None)
    said = said if said is not None else (verdict.details[0] if verdict.details else "")
    return f" {said}" if said else ""


def _check(progress: Progress, lesson: Lesson, exercise: Exercise) -> Verdict | None:
    """The verdict on the learner's current code, None when they have written none yet; a pass is
    recorded as the tutor records it."""
    from grok_tui.engine.exercises import check_code

    code = current_code(progress, lesson, exercise)
    if code is None:
        return None
    verdict = check_code(exercise, code)
    if verdict.passed and (
        not progress.exercise_done(lesson.id, exercise.name)
        or progress.passed_code(lesson.id).get(exercise.name) != code
    ):
        try:
            progress.record_pass(lesson.id, exercise.name, code)
        except OSError as exc:  # the verdict still stands: said, then the reason it is not kept
            print(f"grok-tui: the pass of {lesson.id}/{exercise.name} is not recorded: {exc}", file=sys.stderr)
    return verdict

"""`grok-tui hint` and `edit`, the exercises from the command line as rustlings does it, and what
`verify` (cli/verify.py) shares with them: which exercise an id names, where the learner was.

They share the tutor's saved state: a hint printed here counts as shown in the exercise screen, a
pass recorded here marks the exercise done there, and `edit` opens the same draft file the screen
writes (the screen picks up a change made outside it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from grok_tui.cli.course_command import with_lessons_option
from grok_tui.cli.messages import no_exercise, no_lesson
from grok_tui.cli.progress import load_progress
from grok_tui.course_marks import exercises_to_do
from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from grok_tui.lesson.catalog import Catalog
from grok_tui.lesson.model import Exercise, Lesson
from grok_tui.progress import Progress
from grok_tui.safe_files import atomic_write
from grok_tui.work_waiting import begun_drafts, edited_since_pass

if TYPE_CHECKING:
    pass


def add_parsers(parsers: dict, add_lessons_option, descriptions: dict[str, str]) -> None:
    p = parsers["hint"] = argparse.ArgumentParser(prog="grok-tui hint", description=descriptions["hint"])
    p.add_argument(
        "id",
        nargs="?",
        help="LESSON/EXERCISE (3.2/w_sum), a lesson id for its next unsolved exercise, or nothing: the "
        "exercise you began last and have not passed, else your last lesson's, else it only names the next "
        "one to do (no hint is spent on an exercise you have not begun)",
    )
    add_lessons_option(p)
    p = parsers["verify"] = argparse.ArgumentParser(
        prog="grok-tui verify",
        description=descriptions["verify"] + ". The course (no ID): each exercise you began, in course "
        "order; the first that does not pass is told in full (as the tutor's exercise screen tells it), any "
        "other in one line, and it exits 1. Exercises not started yet do not make it fail: the last line "
        "counts them and names the next. One exercise: the same for it (not started yet: exit 1). A lesson: one "
        "line for each of its exercises (passes, not started yet, or its first message), exit 1 if any does "
        "not pass or is not started. A pass counts as in the tutor.",
    )
    p.add_argument(
        "id",
        nargs="?",
        help="LESSON/EXERCISE, a lesson id (all its exercises), or nothing: the course (each exercise you began)",
    )
    add_lessons_option(p)
    p = parsers["edit"] = argparse.ArgumentParser(
        prog="grok-tui edit",
        description=descriptions["edit"] + "; the tutor's exercise screen picks up "
        "the change. Then `grok-tui verify LESSON/EXERCISE` checks it.",
    )
    p.add_argument(
        "id",
        nargs="?",
        help="LESSON/EXERCISE, e.g. 3.2/w_sum, a lesson (its next exercise to do), or nothing: your last "
        "lesson's (else the next lesson with one to do)",
    )
    add_lessons_option(p)


class _Usage(Exception):
    pass


def chosen_exercises(
    catalog: Catalog, spec: str | None, progress: Progress, *, next_only: bool = False, command: str = "hint"
) -> list[tuple[Lesson, Exercise]]:
    """The exercises `spec` names: LESSON/NAME, a lesson (with next_only: its first unsolved one, else
    its first edited since its pass), or (None) every exercise of the course in order. `command`: the
    one asked, named in what it says (`edit 3.1` was pointed to `grok-tui hint 3.2`)."""
    if spec is None:
        return [(lesson, ex) for lesson in catalog.lessons for ex in lesson.exercises]
    lesson_id, slash, name = spec.partition("/")
    lesson = catalog.get(lesson_id)
    if lesson is None:
        # `hint w_sum`: an exercise's name alone ("no lesson 'w_sum'" did not say where it was)
        owner = next((l for l in catalog.lessons if not slash and l.exercise(spec) is not None), None)
        if owner is not None:
            raise _Usage(with_lessons_option(f"{spec} is an exercise: `grok-tui {command} {owner.id}/{spec}`", catalog))
        raise _Usage(no_lesson(lesson_id, catalog))
    if slash:
        exercise = lesson.exercise(name)
        if exercise is None:
            raise _Usage(no_exercise(lesson, name))
        return [(lesson, exercise)]
    if not lesson.exercises:
        later = next((l for l in catalog.lessons[catalog.lessons.index(lesson) + 1 :] if l.exercises), None)
        nearest = f"; the next lesson with one is {later.id} (`grok-tui {command} {later.id}`)" if later else ""
        raise _Usage(with_lessons_option(f"lesson {lesson_id} has no exercises{nearest}", catalog))
    if next_only:
        todo = exercises_to_do(lesson, progress)
        if not todo:  # every one passed: the one edited since its pass is the one being worked on
            # (`hint 7.3`, softmax edited and failing, spent a hint on one_hot, which passes)
            edited = set(edited_since_pass(catalog, progress))
            todo = [e for e in lesson.exercises if f"{lesson.id}/{e.name}" in edited]
        return [(lesson, (todo or list(lesson.exercises))[0])]
    return [(lesson, e) for e in lesson.exercises]


def where_you_were(catalog: Catalog, progress: Progress) -> str:
    """What `hint` and `edit` take without an id (they required one, though `progress` knew of a
    draft left in 3.3): the exercise begun and not passed whose draft changed last; else the last
    lesson opened, if an exercise of it is still to do; else the next lesson from there with one.
    (A lesson only looked at, 6.5, took the hints meant for the 3.3 draft being written.)"""
    begun = begun_drafts(catalog, progress)
    if begun:
        return begun[0]
    lessons = list(catalog.lessons)
    last = catalog.get(progress.last_lesson) if progress.last_lesson else None
    start = lessons.index(last) if last is not None else 0
    for lesson in lessons[start:] + lessons[:start]:
        if any(not progress.exercise_done(lesson.id, e.name) for e in lesson.exercises):
            return lesson.id
    # one of this course's (a teacher's course was shown the bundled 3.2/w_sum, without --lessons)
    example = next((f"{l.id}/{l.exercises[0].name}" for l in lessons if l.exercises), "")
    said = f", e.g. `grok-tui edit {example}`" if example else ""
    raise _Usage(with_lessons_option(f"every exercise passes; name one to see it again{said}", catalog))


def next_key(catalog: Catalog, progress: Progress, keys: list[str]) -> str:
    """Of exercise keys in course order, the first at or after the lesson opened last (wrapping
    round): the "next" that `where_you_were` and `progress` name too."""
    order = {lesson.id: n for n, lesson in enumerate(catalog.lessons)}
    here = order.get(progress.last_lesson or "", 0)
    later = [key for key in keys if order.get(key.partition("/")[0], 0) >= here]
    return (later or keys)[0]


def _begun(progress: Progress, lesson: Lesson, exercise: Exercise) -> bool:
    """Whether `hint` without an id may spend a hint on this exercise: it is in the lesson the learner
    opened last, or they began it (a draft that is not the stub, or a hint taken already)."""
    return (
        lesson.id == progress.last_lesson
        or progress.hints_shown(lesson.id, exercise.name) > 0
        or progress.draft_begun(lesson.id, exercise.name, exercise.stub.source)
    )


def current_code(progress: Progress, lesson: Lesson, exercise: Exercise) -> str | None:
    """The code the exercise screen would open with, None when the learner has written none yet:
    their draft, else the code they passed with."""
    draft = progress.load_draft(lesson.id, exercise.name)
    if draft is not None:
        return draft
    return progress.passed_code(lesson.id).get(exercise.name)


def run_command(command, args: argparse.Namespace, catalog: Catalog) -> int:
    try:
        return command(args, catalog)
    except _Usage as exc:
        print(f"grok-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `grok-tui edit 3.6 | head`: the reader left; main ends quietly
        raise
    except OSError as exc:  # a read-only or full data folder: one line, not a traceback
        print(f"grok-tui: could not save your progress: {exc}", file=sys.stderr)
        return EXIT_FAILED


# -- hint --------------------------------------------------------------------------------------------
def cmd_hint(args: argparse.Namespace, catalog: Catalog) -> int:
    return run_command(_hint, args, catalog)


def _hint(args: argparse.Namespace, catalog: Catalog) -> int:
    progress = load_progress(catalog)
    spec = args.id or where_you_were(catalog, progress)
    lesson, exercise = chosen_exercises(catalog, spec, progress, next_only=True)[0]
    key = f"{lesson.id}/{exercise.name}"
    hints = exercise.hints
    if args.id is None and not _begun(progress, lesson, exercise):
        # where_you_were went on to a lesson the learner has not opened: a hint of 7.3/one_hot was
        # spent (and recorded) for a learner who had passed everything they began, last in 6.4
        # "passes" was said of a passed exercise whose draft was edited since and failed `verify`; no
        # check is run here: the drafts that differ from the code that passed are named instead
        done = any(progress.exercise_done(l.id, e.name) for l in catalog.lessons for e in l.exercises)
        edited = edited_since_pass(catalog, progress)
        if len(edited) == 1:
            said = f"{edited[0]} was edited since it passed: `grok-tui verify {edited[0]}` checks it"
        elif edited:
            said = f"{', '.join(edited)} were edited since they passed: `grok-tui verify` checks them"
        else:
            said = "Every exercise you began has passed" if done else "You have not begun an exercise yet"
        how = (
            f"`grok-tui hint {key}` gives its first hint"
            if hints
            else f"it has no hints; `grok-tui edit {key}` opens it"
        )
        print(with_lessons_option(f"{said}; no hint spent. Next: {key} ({exercise.title}): {how}.", catalog))
        return EXIT_OK
    if not hints:
        print(f"{key} ({exercise.title}) has no hints.")
        return EXIT_OK
    shown = progress.hints_shown(lesson.id, exercise.name)
    if shown >= len(hints):
        print(f"Every hint of {key} is shown already:")
        for i, hint in enumerate(hints, start=1):
            print(f"Hint {i}/{len(hints)}: {hint}")
        return EXIT_OK
    progress.show_hint(lesson.id, exercise.name, shown + 1)  # counted as in the exercise screen
    passed = ""
    if progress.exercise_done(lesson.id, exercise.name):
        # The pass is kept, but the code may have changed since: "it passes already" was said of
        # code that now failed `verify`.
        same = (current_code(progress, lesson, exercise) or "").strip() == (
            progress.passed_code(lesson.id).get(exercise.name) or ""
        ).strip()
        passed = (
            " (it passes already)" if same else f" (passed before; your code changed since: `grok-tui verify {key}`)"
        )
    print(with_lessons_option(f"{key} ({exercise.title}){passed}", catalog))
    print(f"Hint {shown + 1}/{len(hints)}: {hints[shown]}")
    return EXIT_OK


# -- edit --------------------------------------------------------------------------------------------
def editor_command() -> list[str] | None:
    """$VISUAL, else $EDITOR, else the first of a few common editors found; None if none."""
    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if value:
            try:
                return shlex.split(value, posix=os.name != "nt")
            except ValueError as exc:  # `EDITOR="'vim"`: a traceback was all it said
                raise _Usage(f"${var} is not a command line ({exc}): {value}") from None
    for name in ("nano", "vim", "vi", "notepad"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def cmd_edit(args: argparse.Namespace, catalog: Catalog) -> int:
    return run_command(_edit, args, catalog)


def _edit(args: argparse.Namespace, catalog: Catalog) -> int:
    progress = load_progress(catalog)
    # A lesson alone opens its next exercise to do, as `hint` and the lesson's `e` do.
    spec = args.id or where_you_were(catalog, progress)
    lesson, exercise = chosen_exercises(catalog, spec, progress, next_only=True, command="edit")[0]
    key = f"{lesson.id}/{exercise.name}"
    path = progress.draft_path(lesson.id, exercise.name)
    command = editor_command()
    if command is None:
        print(
            f"grok-tui: no editor found: set $EDITOR (e.g. export EDITOR=nano). Your code is in {path}", file=sys.stderr
        )
        return EXIT_USAGE
    chosen = any(os.environ.get(var, "").strip() for var in ("VISUAL", "EDITOR"))
    if not chosen and not (sys.stdin.isatty() and sys.stdout.isatty()):
        # A terminal editor without a terminal: vim filled the output with escape codes, then failed.
        print(
            f"grok-tui: edit needs a terminal for {Path(command[0]).name} (or set $EDITOR)."
            + (f" Your code is in {path}" if path.exists() else ""),
            file=sys.stderr,
        )
        return EXIT_USAGE
    if "/" not in spec:
        all_done = all(progress.exercise_done(lesson.id, e.name) for e in lesson.exercises)
        print(
            f"Opening {key} ({exercise.title})"
            + (f": every exercise of {lesson.id} passes already." if all_done else ".")
        )
    code = current_code(progress, lesson, exercise)
    was = _as_it_is(path)
    started = code is None or not path.exists() or not code.endswith("\n")
    if started:
        # The editor needs a file: start it from what the exercise screen would show, ending in a
        # line break (an editor's appended line joined the stub's last: `return 0# mine`), and so
        # for a draft the tutor saved (it keeps the text as typed, often without a last line break).
        start = code or exercise.stub.source
        progress.save_draft(lesson.id, exercise.name, start if start.endswith("\n") else start + "\n")
    if not chosen:  # say which editor, and how to leave it: vi's :wq is no one's first guess
        name = Path(command[0]).name
        leave = "type :wq and enter to save and quit" if name in ("vi", "vim") else "save, then quit"
        print(f"Opening {name} (set $EDITOR to choose another): {leave}.")
    before = _as_it_is(path)
    try:
        done = subprocess.run([*command, str(path)])
    except OSError as exc:
        print(f"grok-tui: could not start the editor {command[0]!r}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        # The file started for the editor and left as it was is no draft of the learner's: the stub
        # kept after `EDITOR=cat grok-tui edit 5.5` made `verify 5.5` say "a test failed", not "not
        # started yet". What was there before (nothing, or the tutor's text) is put back.
        after = _as_it_is(path)
        unchanged = after is not None and before is not None and after[0] == before[0]
        if unchanged and started:
            _put_back(path, was)
    left = f"your code is in {path}" if path.exists() else "nothing was saved"
    if done.returncode != 0:
        print(f"grok-tui: the editor ended with status {done.returncode}; {left}", file=sys.stderr)
        return EXIT_FAILED
    # Code saved by the tutor has no final line break: an editor that printed it (EDITOR=cat) left
    # the cursor after `return []`, and this line read "    return []Saved 3.3/ele_mul in ...".
    ends_bare = after is not None and not after[0].endswith(b"\n")
    if not unchanged:
        said = f"Saved {key} in {path}. `grok-tui verify {key}` checks it."
    elif code is not None:
        where = f" ({path})" if path.exists() else ""  # none: the code it passed with, as before
        said = f"No change to {key}{where}. `grok-tui verify {key}` checks it."
    else:
        said = f"No change to {key}: nothing saved, it is not started yet."
    print(("\n" if ends_bare else "") + with_lessons_option(said, catalog))
    return EXIT_OK


def _as_it_is(path: Path) -> tuple[bytes, os.stat_result] | None:
    """The file's bytes and its stat, None if there is none."""
    try:
        return path.read_bytes(), path.stat()
    except FileNotFoundError:
        return None


def _put_back(path: Path, was: tuple[bytes, os.stat_result] | None) -> None:
    """The draft as `_as_it_is` found it: none, or its bytes, mode and time (`hint` and `edit` without
    an id go to the draft changed last)."""
    if was is None:
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # the lesson's folder, if that left it empty
            path.parent.rmdir()
        return
    data, info = was
    atomic_write(path, data, mode=stat.S_IMODE(info.st_mode))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))

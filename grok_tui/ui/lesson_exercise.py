"""The lesson screen's side of exercises: the note on each stub, and opening the editor with `e`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from grok_tui.course_marks import exercises_to_do
from grok_tui.lesson.model import Exercise, Lesson
from grok_tui.progress import Progress
from grok_tui.ui.keys_ahead import hold_for_a_screen


@dataclass(frozen=True)
class ExerciseNote:
    text: str
    """What the exercise's cell says about whose code the run uses."""
    code: str | None = None
    """The learner's passed code, shown in place of the stub (the code shown is the code run)."""


def run_calls(lesson: Lesson, exercise: Exercise) -> bool:
    """Whether the lesson's run calls a function the exercise defines: 4.2's loop does hot and cold
    inline, and its note said the run used the reference hot_cold_step until the learner's passed."""
    names = re.findall(r"^def\s+(\w+)", exercise.stub.source, re.M) or [exercise.name]
    call = re.compile(rf"(?<![\w.])({'|'.join(map(re.escape, names))})\s*\(")
    return any(cell.role in ("run", "train") and call.search(cell.source) for cell in lesson.cells)


def exercise_notes(lesson: Lesson, progress: Progress) -> dict[str, ExerciseNote]:
    """Each exercise cell's note, and the learner's code where they passed: the run uses it."""
    notes = {}
    passed = progress.passed_code(lesson.id)
    for exercise in lesson.exercises:
        code = passed.get(exercise.name)
        draft = progress.load_draft(lesson.id, exercise.name)
        # Not "unchecked": a learner's edit checked and failed was still said to be (nothing records
        # a failed check of a draft, so the note says only what is sure: it differs)
        edited = code is not None and draft is not None and draft.strip() != code.strip()
        # Begun and left: after a restart nothing said there was code of theirs to go on with
        write = "press e to write it"
        if draft is not None and draft.strip() != exercise.stub.source.strip():
            write = "press e to go on with your code (begun, not passed yet)"
        if not run_calls(lesson, exercise):
            done = progress.exercise_done(lesson.id, exercise.name) and code is not None
            said = write
            if done:
                said = (
                    "passed; this is the code that passed (you edited it since)"
                    if edited
                    else "passed; this is your code"
                )
            notes[exercise.name] = ExerciseNote(
                f"exercise {exercise.name}: {said} (practice: the run below does not call it)", code if done else None
            )
            continue
        if progress.exercise_done(lesson.id, exercise.name) and code is not None:
            if edited:
                # "this is your code" showed the version that passed, and the editor said "edited since"
                text = (
                    f"exercise {exercise.name}: passed; this is the code that passed, and the run uses it. "
                    "You edited it since: the run takes the edit once it passes (e, then F5)"
                )
            else:
                text = f"exercise {exercise.name}: passed; this is your code, and the run uses it (e: edit it)"
            notes[exercise.name] = ExerciseNote(text, code)
        else:
            notes[exercise.name] = ExerciseNote(
                f"exercise {exercise.name}: {write}; until you pass, the run uses the tutor's reference version"
            )
    return notes


def open_exercise(screen) -> None:
    """`e`: the only exercise, or a chooser (the draft changed last highlighted, else the first not
    done); none: say so."""
    lesson, app = screen.lesson, screen.app
    if not lesson.exercises:
        screen.notify("this lesson has no exercise", timeout=3, markup=False)
        return
    if len(lesson.exercises) == 1:
        _edit(screen, lesson.exercises[0].name)
        return
    from grok_tui.ui.screens.pick_exercise import PickExercise

    done = {e.name for e in lesson.exercises if app.progress.exercise_done(lesson.id, e.name)}

    def picked(name: str | None) -> None:
        if name:
            _edit(screen, name)

    progress = app.progress
    begun = [
        e.name
        for e in lesson.exercises
        if e.name not in done and progress.draft_begun(lesson.id, e.name, e.stub.source)
    ]
    # the draft changed last first: the restart's "your draft of cross_entropy waits: e" led to
    # one_hot, highlighted as the first not done (a trial)
    begun.sort(key=lambda name: progress.draft_path(lesson.id, name).stat().st_mtime, reverse=True)
    hold_for_a_screen(app)  # `e 2 code` in one burst: the 2 is the chooser's, the code the editor's
    app.push_screen(PickExercise(lesson, done, begun), picked)


def _edit(screen, name: str) -> None:
    try:
        from grok_tui.ui.screens.exercise import ExerciseScreen  # the editor loads only when wanted
    except ImportError as exc:
        screen.notify(f"the exercise editor is not available: {exc}", severity="error", markup=False)
        return
    exercise = screen.lesson.exercise(name)
    if exercise is None:
        return
    # A playing run pauses (it would otherwise go on behind the editor); paused or finished, it stays:
    # back without a pass, the learner's place in it is still there (a paused 3.6 came back "ready",
    # and after a failed check 6.4's values and diagram were gone).
    screen.pause_playing()
    screen.app.push_screen(
        ExerciseScreen(screen.lesson, exercise, screen.app.progress),
        lambda passed: screen.exercise_done(passed, name),
    )


def pass_note(lesson: Lesson, progress: Progress, name: str, cut: bool) -> str:
    """The status line's word after exercise `name` passed; `cut`: a run not yet over was reset for
    the learner's code. One of two passed was said "your code passed", as if the lesson's work were
    done; all that is left is counted (7.3 has three), in the room there is ("space run" beside it
    must fit at 80 columns)."""
    left = [e.name for e in exercises_to_do(lesson, progress) if e.name != name]
    if name and left:
        what = left[0] if len(left) == 1 else f"{len(left)} more"
        return f"{name} ✓ · {what} to do · run reset" if cut else f"{name} passed · {what} to do"
    return "passed: the run starts over with it" if cut else "your code passed"


def unpassed_note(lesson: Lesson, progress: Progress, name: str) -> str:
    """The status line's word back from the editor without a pass. "your code passed", said after an
    earlier pass, stayed while the learner's edit since failed its check, and the run used the code
    that passed: a learner rerunning thought they watched their edit."""
    passed = progress.passed_code(lesson.id).get(name)
    draft = progress.load_draft(lesson.id, name)
    exercise = lesson.exercise(name)
    if passed is None or draft is None or draft.strip() == passed.strip():
        return ""
    if exercise is None or not run_calls(lesson, exercise):
        return ""  # the run does not call it: no word on whose code it uses
    return f"runs your last passing {name}"

"""Run lessons without a screen and print what they record: the `grok-tui run` command."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from grok_tui.engine.checks import DEFAULT_TIMEOUT, check_lesson, has_check_cell
from grok_tui.engine.demo_errors import marked
from grok_tui.engine.runner import LessonRun, OutputEvent, RunEvent, RunState, StepEvent
from grok_tui.engine.values import format_value, to_json
from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from grok_tui.instruments.checks import check_quiz
from grok_tui.instruments.quiz import QUIZ_FILE
from grok_tui.lesson.catalog import Catalog
from grok_tui.lesson.model import Lesson, LessonError
from grok_tui.lesson.params import ParamError


def _json_line(obj: dict[str, Any], out: TextIO) -> None:
    out.write(json.dumps({k: to_json(v) for k, v in obj.items()}) + "\n")


def _printer(as_json: bool, out: TextIO):
    def listen(event: RunEvent) -> None:
        if isinstance(event, StepEvent):
            values = event.step.values
            if as_json:
                _json_line({"step": event.step.index, **values}, out)
            else:
                cells = "  ".join(f"{k}={format_value(v)}" for k, v in values.items())
                out.write(f"step {event.step.index:>4}  {cells}\n")
        elif isinstance(event, OutputEvent):
            if as_json:
                _json_line({"output": event.text}, out)
            else:
                out.write(marked(event.text))  # as the tutor marks a demo's error

    return listen


def run_one(
    lesson: Lesson,
    settings: Mapping[str, object],
    *,
    as_json: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> int:
    """Run one lesson, printing every step and then its final values. Returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        run = LessonRun(lesson, dict(settings), listener=_printer(as_json, out))
    except ParamError as exc:
        err.write(f"grok-tui: {exc}\n")
        return EXIT_USAGE
    try:
        result = run.run_sync(timeout)
    finally:
        run.close()
    if as_json:
        _json_line(
            {
                "lesson": lesson.id,
                "state": result.state.value,
                "detail": result.detail,
                "parameters": run.values,
                "final": {k: to_json(v) for k, v in result.final.items()},
            },
            out,
        )
    else:
        out.write(f"-- {lesson.id} {lesson.title}: {result.state.value} ({result.detail})\n")
        if result.final:
            # Not the last step's row: the code may go on after it (5.2b's pred, computed once more
            # after the loop, is 69.287 here and 69.20 in the last step, as the screen's values show).
            out.write("the shown variables as the code left them, after its last step:\n")
        for name, value in result.final.items():
            out.write(f"{name} = {format_value(value, None)}\n")
        # 7.5 listed test_accuracy alone under that heading, as if its other shown values were lost.
        missing = [name for name in lesson.show if name not in result.final]
        stepped = [name for name in missing if result.recorded(name)]
        if result.final and stepped:
            out.write(f"({', '.join(stepped)}: in the steps above only, not variables the code kept)\n")
        # A name nothing recorded was said to be "in the steps above" (a typo in the lesson's show).
        nowhere = [name for name in missing if name not in stepped]
        if result.state is RunState.FINISHED and nowhere:
            out.write(
                f"({', '.join(nowhere)}: in the lesson's show list, but neither recorded by step() nor a "
                "variable at the end: a typo?)\n"
            )
    if result.state is RunState.FAILED:
        err.write(f"{result.detail}\n")
        return EXIT_FAILED
    return EXIT_OK


def _check_one(lesson: Lesson, timeout: float | None) -> list[LessonError]:
    try:
        return check_lesson(lesson, timeout)
    except Exception as exc:
        return [LessonError(lesson.path, 1, f"the check itself failed: {type(exc).__name__}: {exc}")]


def _report(
    out: TextIO, as_json: bool, what: dict[str, object], label: str, problems: Sequence[object], note: str = ""
) -> None:
    """One checked lesson or quiz: a JSON line, or ok / FAIL, its label (and a note) and each problem below."""
    if as_json:
        _json_line(
            {**what, "ok": not problems, "problems": [str(p) for p in problems], **({"note": note} if note else {})},
            out,
        )
    else:
        out.write(f"{'ok  ' if not problems else 'FAIL'} {label}{f'  ({note})' if note else ''}\n")
        for p in problems:
            out.write(f"     {p}\n")


def check_all(
    catalog: Catalog,
    *,
    as_json: bool = False,
    out: TextIO | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    course: Catalog | None = None,
) -> int:
    """Check every lesson (its checks with the defaults and `check_with` sets, its exercises) and
    report the files that did not load: `grok-tui check` and `grok-tui run --all`. The summary is
    printed whatever a lesson does: its code runs in another process, with a time limit. `course`:
    where a quiz's `verify` finds its lesson, when `catalog` is one chapter's folder."""
    out = out or sys.stdout
    failed = 0
    # A loaded lesson's problems the catalog found (its chapter named two ways) are said under it: they
    # were a FAIL line of their own after its "ok", and counted as one more file.
    loaded = {lesson.path for lesson in catalog.lessons}
    theirs = [e for e in catalog.errors if e.path in loaded]
    errors = [e for e in catalog.errors if e.path not in loaded]
    for lesson in catalog.lessons:
        problems = [e for e in theirs if e.path == lesson.path] + _check_one(lesson, timeout)
        failed += bool(problems)
        # allowed, but then the run's claims are checked by nothing: say so beside the ok
        note = "" if has_check_cell(lesson) else "no check cell"
        _report(out, as_json, {"lesson": lesson.id}, f"{lesson.id}\t{lesson.title}", problems, note)
        out.flush()
    # the files that did not load before the quizzes: a quiz's `verify` of such a lesson fails too, and
    # its line came first
    for error in errors:
        if as_json:
            _json_line({"file": str(error.path), "ok": False, "problems": [str(error)]}, out)
        else:
            out.write(f"FAIL {error}\n")
    for number, quiz in sorted(catalog.quizzes.items()):
        problems = check_quiz(quiz, course or catalog)
        failed += bool(problems)
        _report(out, as_json, {"quiz": number}, f"quiz {number}\t{len(quiz.questions)} questions", problems)
    broken = {e.path for e in errors}
    broken_quizzes = {p for p in broken if p.name == QUIZ_FILE}
    quizzes = len(catalog.quizzes) + len(broken_quizzes)
    files = len(catalog.lessons) + len(broken - broken_quizzes)
    if not files:  # a wrong folder, most likely: nothing was checked, which is no pass
        print(f"no lesson files in {catalog.root}", file=out if not as_json else sys.stderr)
    elif not as_json:
        bad = failed + len(broken)  # files, not problems: "1 lesson file, 2 with problems"
        # a quiz is no lesson file: "7 lesson files" was said of 6 and the chapter's quiz
        also = f" and {quizzes} quiz{'zes' if quizzes != 1 else ''}" if quizzes else ""
        out.write(f"{files} lesson file{'s' if files != 1 else ''}{also}, {bad} with problems\n")
    return EXIT_FAILED if failed or catalog.errors or not catalog.lessons else EXIT_OK

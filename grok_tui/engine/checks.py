"""Validate a lesson the way `grok-tui check` does: it parses, it runs, its check cells pass, and
what its metadata names (chart series, `show` entries, panels) exists."""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

from grok_tui.engine.assert_watch import CHECK_ASSERTS
from grok_tui.engine.exercise_proof import check_exercises
from grok_tui.engine.runner import LessonRun, RunResult, RunState
from grok_tui.instruments.checks import check_instruments
from grok_tui.lesson.ast_parse import parse
from grok_tui.lesson.cell_lint import always_true_asserts
from grok_tui.lesson.model import Lesson, LessonError
from grok_tui.lesson.panel_names import PANEL_NAMES
from grok_tui.lesson.params import ParamError
from grok_tui.lesson.steps import total_steps

DEFAULT_TIMEOUT = 120.0
"""Seconds a lesson run may take in `grok-tui check` and `grok-tui run` (--timeout)."""


def run_checks(
    lesson: Lesson, timeout: float | None = DEFAULT_TIMEOUT, cases: Sequence[dict[str, Any]] | None = None
) -> list[LessonError]:
    """Run the lesson with its defaults and with every `check_with` set (or only `cases`, {} being
    the defaults: the test suite spreads a long list over its workers); report what fails, and what
    the metadata names that the default run never provides."""
    problems: list[LessonError] = []
    every = [{}, *lesson.check_with]
    runs = every if cases is None else list(cases)
    instrument_said: set[tuple[int, str]] = set()
    asserted: set[int] | None = set()
    """The check cells that ran an assert in some run; None once a run did not finish (its problem
    is said, and its check cells may not have run)."""
    for case in runs:
        label = "defaults" if not case else ", ".join(f"{k}={v}" for k, v in case.items())
        try:
            run = LessonRun(lesson, case, run_checks=True)
        except ParamError as exc:
            problems.append(LessonError(lesson.path, _meta_line(lesson, r"^\s*check_with\s*="), f"check_with: {exc}"))
            asserted = None
            continue
        try:
            result = run.run_sync(timeout)
            namespace = set(run.namespace)
            if result.state is RunState.FINISHED:  # the instruments read the final values: before close()
                for problem in check_instruments(lesson, run, label):
                    # said once: 6.3's swapped matrices were said again for each of its five settings
                    # (a network name's shape once, whatever the sizes a setting gives it)
                    said = problem.message.removeprefix(f"with {label}: ")
                    key = (problem.line, said.split(" is ")[0] if said.startswith("network: ") else said)
                    if " records no single number " in said:  # a predicted value's shape: once too
                        key = (problem.line, said.split(" to predict")[0])
                    if key not in instrument_said:
                        instrument_said.add(key)
                        problems.append(problem)
                if asserted is not None:
                    asserted |= set(run.namespace.get(CHECK_ASSERTS, ()))
            else:
                asserted = None
        finally:
            run.close()
        f = result.failure
        if result.state is RunState.FAILED and f is not None:
            if not f.kind:  # ran past the time limit: the other sets would too
                where = "" if not case else f" (with {label})"
                problems.append(
                    LessonError(f.path, f.line, f"{_stuck_check(lesson, f.line, timeout) or f.message}{where}")
                )
                break
            later = _defined_below(lesson, f.line, f.message) if f.kind == "NameError" else ""
            problems.append(LessonError(f.path, f.line, f"with {label}: {f.kind}: {f.message}{later}"))
        elif result.state is not RunState.FINISHED:
            problems.append(LessonError(lesson.path, 1, f"with {label}: run {result.state.value}: {result.detail}"))
        elif not case:
            problems += metadata_problems(lesson, result, namespace)
    if asserted is not None and runs == every:  # a part of the runs may rightly assert nothing
        problems += silent_check_cells(lesson, asserted)
    return problems


def _stuck_check(lesson: Lesson, line: int, timeout: float | None) -> str:
    """A run that ran out of time in a check cell: its steps were done (a check cell steps no
    further), so "raise --timeout for a long run" sent the teacher the wrong way ("" elsewhere)."""
    for cell in lesson.cells:
        if cell.role == "check" and cell.line <= line < cell.line + max(1, len(cell.source.splitlines())):
            return (
                f"the check cell at line {cell.line - 1} ran past {timeout or 0:g} s after the run's last step: "
                "an endless loop?"
            )
    return ""


def _defined_below(lesson: Lesson, line: int, message: str) -> str:
    """A NameError for a name a later cell defines: cells run top to bottom, and a train cell calling
    an exercise's function placed below it was only "name 'mse' is not defined" (a teacher's trial)."""
    name = message.split("'")[1] if message.count("'") >= 2 else ""
    for cell in lesson.cells:
        if cell.line <= line or not name:
            continue
        try:
            tree = parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            named = node.name if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else None
            if named is None and isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                named = node.id
            if named == name:
                return (
                    f" (the {cell.role} cell at line {cell.line - 1} defines `{name}`, below this one: cells run "
                    "top to bottom, so move it above)"
                )
    return ""


def silent_check_cells(lesson: Lesson, asserted: set[int]) -> list[LessonError]:
    """The check cells that executed no assert in any run of the lesson (the defaults and every
    check_with set): their guards match none of the runs, so they pin no number. A teacher changed
    `iterations` 300 to 301 and `check` said ok: every assert sat under `if ... iterations == 300:`."""
    sets = [", ".join(f"{k}={v}" for k, v in case.items()) for case in lesson.check_with]
    runs = "the defaults" + (
        f" and its {len(sets)} check_with sets" if len(sets) > 3 else "".join(f"; {s}" for s in sets)
    )
    problems = []
    for cell in lesson.cells:
        if cell.role != "check" or cell.line in asserted:
            continue
        if not any(isinstance(node, ast.Assert) for node in ast.walk(parse(cell.source))):
            message = "check cell has no assert statement, so it checks nothing: write its checks as `assert ...`"
        else:
            message = (
                f"check cell ran no assert in any run ({runs}): its guards match none of them, so it "
                "pins no number; guard its asserts on values a run has, or add a check_with set that matches"
            )
        problems.append(LessonError(lesson.path, cell.line - 1, message))
    return problems


def metadata_problems(lesson: Lesson, result: RunResult, namespace: set[str]) -> list[LessonError]:
    """What the metadata names but a finished default run does not provide."""
    problems: list[LessonError] = []
    recorded = {name for step in result.steps for name in step.values}
    declared = any(re.match(r"^\s*(\[\[charts\]\]|charts\s*=)", line) for line in _metadata(lesson))
    for i, chart in enumerate(lesson.charts if declared else ()):  # not the implicit error chart
        for name in (*chart.series, *((chart.x,) if chart.x else ())):
            if name not in recorded:
                known = ", ".join(sorted(recorded)) or "none"
                near = get_close_matches(name, sorted(recorded), n=1)  # as show's (x = "weigth")
                problems.append(
                    LessonError(
                        lesson.path,
                        _chart_line(lesson, i, name),
                        f"chart {chart.title!r}: {name!r} is never recorded "
                        f"by step() in a default run"
                        + (f": did you mean {near[0]!r}? (recorded: {known})" if near else f" (recorded: {known})"),
                    )
                )
                continue
            text = next((v for step in result.steps if isinstance(v := step.values.get(name), (str, bytes))), None)
            if text is not None:  # drawn as nothing: "this run recorded no error" (it recorded text)
                problems.append(
                    LessonError(
                        lesson.path,
                        _chart_line(lesson, i, name),
                        f"chart {chart.title!r}: {name!r} is recorded as text ({text!r}), not a number: "
                        f"record the number itself, step({name}=...)",
                    )
                )
    if lesson.step_name and result.steps and lesson.step_name not in recorded:
        # the charts would say "error by epoch" of a run with no epochs (a teacher's `it=iteration`)
        problems.append(
            LessonError(
                lesson.path,
                _meta_line(lesson, r"^\s*step_name\s*="),
                f"step_name {lesson.step_name!r} is never recorded: step() must record it, "
                f"step({lesson.step_name}=...), equal to the step number (1, 2, 3...)",
            )
        )
    if lesson.step_name and lesson.step_name in recorded:
        # The charts' step axis and the status's "step 3/20" count steps; a step_name that counts
        # otherwise (from 0) tells the learner another number than the screen.
        counted = [(step.index, step.values.get(lesson.step_name)) for step in result.steps]
        wrong = next(((k, v) for k, v in counted if v is not None and v != k), None)
        if wrong is not None:
            problems.append(
                LessonError(
                    lesson.path,
                    _meta_line(lesson, r"^\s*step_name\s*="),
                    f"step_name {lesson.step_name!r}: step {wrong[0]} recorded {lesson.step_name} = {wrong[1]!r}; "
                    f"it must equal the step number (1, 2, 3...)",
                )
            )
    # strip's typo was silently left out of the strip, where show's was said
    for key, names in (("show", lesson.show), ("strip", lesson.strip)):
        for name in names:
            if name not in recorded and name not in namespace:
                near = get_close_matches(name, sorted(recorded | {n for n in namespace if not n.startswith("_")}), n=1)
                problems.append(
                    LessonError(
                        lesson.path,
                        _meta_line(lesson, rf"^\s*{key}\s*="),
                        f"{key}: {name!r} is neither recorded by step() nor a variable at the end"
                        + (f": did you mean {near[0]!r}?" if near else ""),
                    )
                )
    said = total_steps(lesson.steps, lesson.defaults) if lesson.steps else None
    if said is not None and said != len(result.steps):
        # 500 steps run under `steps = "iterations + 1"`: the status line would read 500/501
        problems.append(
            LessonError(
                lesson.path,
                _meta_line(lesson, r"^\s*steps\s*="),
                f"steps {lesson.steps!r} is {said} with the defaults, but the default run took {len(result.steps)} "
                "steps: the status line counts them against it",
            )
        )
    return problems


def panel_problems(lesson: Lesson) -> list[LessonError]:
    line = _meta_line(lesson, r"^\s*panels\s*=")
    return [
        LessonError(lesson.path, line, f"panels: no panel named {name!r} (known: {', '.join(PANEL_NAMES)})")
        for name in lesson.panels
        if name not in PANEL_NAMES
    ]


def has_check_cell(lesson: Lesson) -> bool:
    return any(cell.role == "check" for cell in lesson.cells)


def check_with_problems(lesson: Lesson) -> list[LessonError]:
    """check_with names settings for the check cells to run under: without one they assert nothing."""
    if not lesson.check_with or has_check_cell(lesson):
        return []
    line = _meta_line(lesson, r"^\s*check_with\s*=")
    return [LessonError(lesson.path, line, "check_with needs a ```python check cell (its sets assert nothing)")]


def check_lesson(lesson: Lesson, timeout: float | None = DEFAULT_TIMEOUT) -> list[LessonError]:
    """Every problem of one parsed lesson: its panels, its exercises (stub fails, solution passes),
    then its checks. A solution that fails its test fails the checks whose runs use it too: it is
    the cause, read first (a teacher saw two `check failed` lines before it)."""
    return (
        panel_problems(lesson)
        + check_with_problems(lesson)
        + [LessonError(lesson.path, line, message) for line, message in always_true_asserts(lesson.cells)]
        + check_exercises(lesson)
        + run_checks(lesson, timeout)
    )


# -- where in the metadata ------------------------------------------------------------------------
def _metadata(lesson: Lesson) -> list[str]:
    try:
        lines = lesson.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), len(lines))
    return lines[:end]


def _meta_line(lesson: Lesson, pattern: str, start: int = 0, default: int = 1) -> int:
    rx = re.compile(pattern)
    lines = _metadata(lesson)
    return next((i + 1 for i in range(start, len(lines)) if rx.search(lines[i])), default)


def _chart_line(lesson: Lesson, index: int, name: str) -> int:
    """The line of the index-th [[charts]] table that names `name` (else its header line)."""
    lines = _metadata(lesson)
    headers = [i for i, line in enumerate(lines) if re.match(r"^\s*\[\[charts\]\]", line)]
    if index >= len(headers):
        return _meta_line(lesson, r"^\s*(charts|\[\[charts\]\])")
    start = headers[index]
    stop = headers[index + 1] if index + 1 < len(headers) else len(lines)
    quoted = re.compile(rf"""["']{re.escape(name)}["']""")
    return next((i + 1 for i in range(start, stop) if quoted.search(lines[i])), start + 1)

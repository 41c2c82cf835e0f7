"""Prove a lesson's exercises sound for `grok-tui check`: every stub fails its test, every reference
solution passes it, and the stub defines what the solution does. The children run in parallel."""

from __future__ import annotations

import ast
import os
from concurrent.futures import ThreadPoolExecutor

from grok_tui.engine.exercises import describe, guarded
from grok_tui.engine.name_advice import undefined
from grok_tui.engine.sandbox import DEFAULT_TIMEOUT, SandboxResult, run_sandboxed
from grok_tui.engine.sandbox_child import CODE_FILE, TEST_FILE
from grok_tui.lesson import ast_parse
from grok_tui.lesson.cell_lint import always_true_asserts, checks_nothing
from grok_tui.lesson.model import Exercise, Lesson, LessonError


def _lesson_line(exercise: Exercise, result: SandboxResult, code_cell_line: int) -> int:
    """The lesson-file line a problem is at: in the checked cell, else in the test cell."""
    line = result.line_in(CODE_FILE)
    if line:
        return code_cell_line + line - 1
    line = result.line_in(TEST_FILE)
    if line:
        return exercise.test.line + line - 1
    return code_cell_line


def _judge(lesson: Lesson, exercise: Exercise, stub: SandboxResult, solution: SandboxResult) -> list[LessonError]:
    """Problems of one exercise: its stub must fail its test (quickly), its solution must pass."""
    name = exercise.name
    problems: list[LessonError] = []
    looping = next((r for r in (solution, stub) if r.status == "timeout" and r.ended_in(TEST_FILE)), None)
    if looping is not None:
        # the test's own loop: "The solution was still running ..." sent the teacher to the solution
        line = exercise.test.line + (looping.line_in(TEST_FILE) or 1) - 1
        return [
            LessonError(
                lesson.path,
                line,
                f"exercise {name!r}: the test cell was still running here at its time limit: is there a loop "
                "in the test that never ends?",
            )
        ]
    if checks_nothing(exercise.test.source):  # the cause of a stub that passes: said instead of it
        problems.append(
            LessonError(
                lesson.path,
                exercise.test.line - 1,
                f"exercise {name!r}: test cell has no assert statement, so it checks nothing: "
                "write its checks as `assert ...`",
            )
        )
    elif stub.status == "pass":
        if not _always_true(exercise):
            problems.append(
                LessonError(
                    lesson.path,
                    exercise.stub.line,
                    f"exercise {name!r}: the stub passes its test; it must fail until the learner writes the code"
                    + _never_called(exercise),
                )
            )
    elif stub.status not in ("fail", "error"):
        verdict = describe(stub, exercise.stub.source, exercise.test.source)
        problems.append(
            LessonError(
                lesson.path,
                _lesson_line(exercise, stub, exercise.stub.line),
                f"exercise {name!r}: the stub should fail with an assertion or exception, but: {verdict.headline}",
            )
        )
    own = _tests_own_error(solution, exercise)
    missing = _test_typo(stub, exercise)
    borrowed = _borrowed_imports(exercise)
    if borrowed and missing == borrowed[0]:  # no typo: the solution imports it (said below)
        missing = ""
    if missing and not (own and undefined(solution) == missing):  # one cause, said once (below)
        problems.append(
            LessonError(
                lesson.path,
                _lesson_line(exercise, stub, exercise.test.line),
                f"exercise {name!r}: the stub fails only because the test names {missing!r}, which neither the "
                "stub nor the solution defines (a typo?): the learner would see that error, not your check",
            )
        )
    unstubbed = _defined(exercise.solution.source) - _defined(exercise.stub.source)
    if unstubbed:  # the learner would start from nothing to fill in, their first check a NameError
        problems.append(
            LessonError(
                lesson.path,
                exercise.stub.line,
                f"exercise {name!r}: the stub does not define {', '.join(sorted(unstubbed))}, which the solution "
                "does: give the learner its def line to fill in",
            )
        )
    if borrowed and not own:
        name_, line, statement = borrowed
        problems.append(
            LessonError(
                lesson.path,
                exercise.test.line + line - 1,
                f"exercise {name!r}: the test cell uses `{name_}`, which only the exercise's code imports: a learner's "
                f"answer without that import fails the test with NameError. Import it in the test cell: {statement}",
            )
        )
    if own:
        problems.append(
            LessonError(
                lesson.path,
                _lesson_line(exercise, solution, exercise.test.line),
                f"exercise {name!r}: {own}: a test cell runs on its own: import what it uses",
            )
        )
    elif not solution.passed:
        verdict = describe(solution, exercise.solution.source, exercise.test.source, author=True)
        problems.append(
            LessonError(
                lesson.path,
                _lesson_line(exercise, solution, exercise.solution.line),
                f"exercise {name!r}: the solution fails its test: " + " / ".join(_for_the_author(verdict.text)),
            )
        )
    return problems


def _never_called(exercise: Exercise) -> str:
    """Why a stub passes when the test never names the exercise's functions (it computed the expected
    value itself): the stub was blamed, and the teacher went to edit it."""
    functions = _defined(exercise.solution.source)
    try:
        used = {node.id for node in ast.walk(ast_parse.parse(exercise.test.source)) if isinstance(node, ast.Name)}
    except SyntaxError:
        return ""
    if not functions or functions & used:
        return ""
    return f" (the test cell never calls {', '.join(sorted(functions))})"


def _always_true(exercise: Exercise) -> bool:
    """The test holds an `assert (cond, "message")`: said as that (checks.py), the cause of a stub
    that passes."""
    return any(True for _ in always_true_asserts([exercise.test]))


def _tests_own_error(solution: SandboxResult, exercise: Exercise) -> str:
    """The test cell's own failure, before it reached the solution's result: a name or a module it
    did not import. The solution was fine, yet check told the teacher, in the learner's words, to
    start "your cell" with `import numpy as np`."""
    if solution.phase != "test" or not solution.ended_in(TEST_FILE):
        return ""
    name = undefined(solution)
    own = solution.kind in ("ImportError", "ModuleNotFoundError") or (
        name is not None and name not in _defined(exercise.solution.source)
    )
    if not own:
        return ""
    line = exercise.test.line + (solution.line_in(TEST_FILE) or 1) - 1
    return f"the test cell (line {line}) raised {solution.kind}: {solution.message}"


def _test_typo(stub: SandboxResult, exercise: Exercise) -> str:
    """The name a test cell uses but nothing defines, when that is all the stub fails through: a
    misspelt helper in a message the solution never reaches (`explian(got)`) let check pass."""
    if stub.kind != "NameError" or stub.phase != "test" or not stub.ended_in(TEST_FILE):
        return ""
    name = undefined(stub)
    if name is None or name in _defined(exercise.solution.source):
        return ""  # a function the stub lacks is said below, as such
    return name


def _for_the_author(text: str) -> list[str]:
    """A learner's verdict on the reference solution, said to the lesson's author: "Your code raised
    ... at line 2 of your code" and "Not yet: a test failed." were the learner's words."""
    lines = [line for line in text.splitlines() if line != "Not yet: a test failed."]
    return [
        line.replace("Your code", "The solution")
        .replace("of your code", "of the solution")
        .replace("your code", "the solution")
        for line in lines
    ]


def _borrowed_imports(exercise: Exercise) -> tuple[str, int, str] | None:
    """A module the test cell reads but only the solution imports: (its name, the test's line that reads
    it first, the solution's import statement). The test runs after the learner's code in one namespace,
    so check passed, and a correct answer in plain Python was then told to import numpy."""
    try:
        solution, test = ast_parse.parse(exercise.solution.source), ast_parse.parse(exercise.test.source)
    except SyntaxError:
        return None
    imported: dict[str, str] = {}
    for statement in solution.body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            where = (
                f"from {'.' * statement.level}{statement.module or ''} "
                if isinstance(statement, ast.ImportFrom)
                else ""
            )
            for alias in statement.names:
                said = f"{where}import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                imported[(alias.asname or alias.name).partition(".")[0]] = said
    bound_in_test = set()
    for node in ast.walk(test):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            bound_in_test |= {(a.asname or a.name).partition(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            bound_in_test.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound_in_test.add(node.name)
        elif isinstance(node, ast.arg):
            bound_in_test.add(node.arg)
    reads = sorted(
        (node.lineno, node.id)
        for node in ast.walk(test)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and node.id in imported
        and node.id not in bound_in_test
    )
    if not reads:
        return None
    line, name = reads[0]
    return name, line, imported[name]


def _defined(source: str) -> set[str]:
    """The functions a cell defines at its top level (none if it does not parse: reported elsewhere)."""
    try:
        tree = ast_parse.parse(source)
    except SyntaxError:
        return set()
    return {node.name for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


def check_exercises(lesson: Lesson, *, timeout: float = DEFAULT_TIMEOUT) -> list[LessonError]:
    """Prove every exercise of the lesson: stubs fail, solutions pass. Runs the children in parallel."""
    if not lesson.exercises:
        return []
    jobs = [(ex, source) for ex in lesson.exercises for source in (ex.stub.source, ex.solution.source)]
    workers = max(2, min(len(jobs), os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(
            pool.map(
                lambda job: run_sandboxed(job[1], job[0].test.source, timeout=timeout, guard=guarded(job[0])), jobs
            )
        )
    problems: list[LessonError] = []
    for i, exercise in enumerate(lesson.exercises):
        problems.extend(_judge(lesson, exercise, results[2 * i], results[2 * i + 1]))
    return problems

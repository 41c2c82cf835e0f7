"""Teacher's slips in a lesson's code cells that Python itself accepts or explains badly: a tab among
spaces (Python says only "unindent does not match"), a tab in an exercise's cells, a parameter the
code sets again (the learner's + and - then change nothing), and checks that can never fail."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from grok_tui.lesson import ast_parse
from grok_tui.lesson.model import Cell

PLAIN_ROLES = ("run", "train")
"""The cells that run as the lesson (not an exercise's, not a hidden check): where a param is set."""


EXERCISE_CELLS = ("exercise", "solution", "test")
CHECKING_CELLS = ("check", "test")


def _tabbed(cell: Cell) -> list[int]:
    """The file lines of the cell whose indentation holds a tab."""
    lines = cell.source.splitlines()
    return [cell.line + i for i, text in enumerate(lines) if "\t" in text[: len(text) - len(text.lstrip())]]


def exercise_tab(cell: Cell) -> tuple[int, str] | None:
    """A tab indenting an exercise's cell: it compiles, but the learner's editor turns Tab into 4
    spaces and starts the line after a tab-indented one at column 0, so the learner met "'return'
    outside function" errors they had not caused."""
    tabbed = _tabbed(cell) if cell.role in EXERCISE_CELLS else []
    if not tabbed:
        return None
    more = f" (and {len(tabbed) - 1} more lines)" if len(tabbed) > 1 else ""
    return tabbed[0], (
        f"{cell.role} cell {cell.name!r}: this line indents with a tab{more}: indent with spaces: "
        "the learner's editor turns Tab into 4 spaces"
    )


def always_true_asserts(cells: Iterable[Cell]) -> Iterator[tuple[int, str]]:
    """(file line, message) for each `assert (cond, "message")` in a check or test cell: it asserts a
    tuple, which is always true, so the check passed whatever the run did (Python only warns)."""
    for cell in cells:
        if cell.role not in CHECKING_CELLS:
            continue
        try:
            tree = ast_parse.parse(cell.source)
        except SyntaxError:
            continue  # said as "does not compile"
        which = f"{cell.role} cell" + (f" {cell.name!r}" if cell.name else "")
        for node in ast.walk(tree):
            if isinstance(node, ast.Assert) and isinstance(node.test, ast.Tuple) and node.test.elts:
                yield (
                    cell.line + node.lineno - 1,
                    f"{which}: this assert tests a tuple, which is always true, so it can never fail: "
                    'remove the parentheses: assert COND, "message"',
                )


def checks_nothing(source: str) -> bool:
    """A test cell with no way to fail but the learner's code raising: no assert, no raise, no call
    of an assert helper (numpy.testing's assert_allclose, unittest's assertEqual). A helper that
    asserts is defined in the cell itself (it runs on its own), so its assert is seen here."""
    try:
        tree = ast_parse.parse(source)
    except SyntaxError:
        return False  # said as "does not compile"
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assert, ast.Raise)):
            return False
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name.lower().startswith("assert"):
                return False
    return True


def compile_message(cell: Cell, exc: SyntaxError) -> tuple[int, str]:
    """The line and message for a cell that does not compile, saying so when tabs are why."""
    line = exc.lineno or cell.line
    message = f"{cell.role} cell does not compile: {exc.msg}"
    if isinstance(exc, (IndentationError, TabError)) or "indent" in exc.msg:
        tabbed = _tabbed(cell)
        if tabbed:
            where = f"line {tabbed[0]}" + (f" and {len(tabbed) - 1} more" if len(tabbed) > 1 else "")
            message += f" ({where} indents with a tab: indent with spaces only)"
            line = tabbed[0]  # Python's line is often the one after: a teacher went there first
    return line, message


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _targets(stmt: ast.stmt) -> Iterator[str]:
    if isinstance(stmt, ast.Assign):
        for target in stmt.targets:
            yield from (n.id for n in ast.walk(target) if isinstance(n, ast.Name))
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None and isinstance(stmt.target, ast.Name):
        yield stmt.target.id


def params_set_again(cells: Iterable[Cell], params: set[str]) -> Iterator[tuple[int, str]]:
    """(file line, message) for each top-level `name = value` in a lesson cell where `name` is a
    parameter and the value does not use it: the tutor sets the parameter before the code runs, so
    such a line throws the learner's value away (`weight = weight * 2` or a loop's update keep it)."""
    for cell in cells:
        if cell.role not in PLAIN_ROLES:
            continue
        try:
            tree = ast_parse.parse(cell.source)
        except SyntaxError:
            continue  # said as "does not compile"
        for stmt in tree.body:
            value = getattr(stmt, "value", None)
            used = _names(value) if value is not None else set()
            for name in _targets(stmt):
                if name in params and name not in used:
                    yield (
                        cell.line + stmt.lineno - 1,
                        f"this line sets the parameter {name!r} again, so the value the learner chooses is "
                        f"thrown away: remove it (the tutor sets {name} before the code runs)",
                    )

"""Teacher's slips in a lesson's code cells that Python itself accepts or explains badly: a tab among
spaces (Python says only "unindent does not match"), and a parameter the code sets again (the
learner's + and - then change nothing)."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from grok_tui.lesson import ast_parse
from grok_tui.lesson.model import Cell

PLAIN_ROLES = ("run", "train")
"""The cells that run as the lesson (not an exercise's, not a hidden check): where a param is set."""


def compile_message(cell: Cell, exc: SyntaxError) -> tuple[int, str]:
    """The line and message for a cell that does not compile, saying so when tabs are why."""
    line = exc.lineno or cell.line
    message = f"{cell.role} cell does not compile: {exc.msg}"
    if isinstance(exc, (IndentationError, TabError)) or "indent" in exc.msg:
        lines = cell.source.splitlines()
        tabbed = [cell.line + i for i, text in enumerate(lines) if "\t" in text[: len(text) - len(text.lstrip())]]
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

"""The statement at a line of a code cell or test, on one line: what a failed check or exercise
test quotes (an assert may span lines; a `for` or `if` header is no statement to quote)."""

from __future__ import annotations

import ast

from grok_tui.lesson import ast_parse
from grok_tui.lesson.model import Cell


def source_line(source: str, number: int | None) -> str:
    lines = source.splitlines()
    if number is None or not 1 <= number <= len(lines):
        return ""
    return lines[number - 1].strip()


COMPOUND = (
    ast.For,
    ast.AsyncFor,
    ast.While,
    ast.If,
    ast.With,
    ast.AsyncWith,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.Try,
    ast.TryStar,
    ast.Match,
)


def failing_statement(test: str, number: int | None) -> ast.stmt | None:
    """The test's innermost statement at line `number` (an assert may span lines); None when the test
    does not parse or the line is a compound statement's header (a `for`, an `if`)."""
    if not number:
        return None
    try:
        tree = ast_parse.parse(test)
    except SyntaxError:
        return None
    best: ast.stmt | None = None
    for node in ast.walk(tree):
        if not isinstance(node, ast.stmt):
            continue
        covers = node.lineno <= number <= (node.end_lineno or node.lineno)
        if covers and (best is None or node.lineno >= best.lineno):  # the innermost statement
            best = node
    return None if isinstance(best, COMPOUND) else best


def statement_text(test: str, node: ast.stmt | None, number: int, limit: int = 160) -> str:
    """The failing statement on one line, cut to `limit` (else just its line)."""
    if node is None:
        return source_line(test, number)
    if isinstance(node, ast.Assert):  # its message is shown already: show only what it asserts
        segment = "assert " + (ast.get_source_segment(test, node.test) or "")
    else:
        segment = ast.get_source_segment(test, node) or source_line(test, number)
    text = " ".join(segment.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def assertion_text(cells: list[Cell], line: int) -> str:
    """What a failed assert without a message says: the assert statement at `line` (any line of it),
    quoted from the code that ran."""
    for cell in reversed(cells):  # a check cell's line before an earlier cell's
        at = line - cell.line + 1  # the line within the cell
        if 1 <= at <= len(cell.source.splitlines()):
            node = failing_statement(cell.source, at)
            if isinstance(node, ast.Assert):
                return f"assertion failed: `{statement_text(cell.source, node, at)}`"
            break
    return "assertion failed"

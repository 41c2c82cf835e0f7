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
    text = ""
    for part in (line.strip() for line in segment.splitlines()):
        # no space where a bracket opens or closes at a line break: 6.5's "not same( w01, ...)"
        glue = "" if not text or text.endswith(("(", "[", "{")) or part.startswith((")", "]", "}")) else " "
        if part:
            text += glue + part
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def assertion_text(cells: list[Cell], line: int, namespace: dict | None = None) -> str:
    """What a failed assert without a message says: the assert statement at `line` (any line of it),
    quoted from the code that ran, and, given the run's `namespace`, what its comparison's sides
    were (a teacher read `assert recorded("pred")[1] == 0.5` failed, and not that it was 0.92)."""
    for cell in reversed(cells):  # a check cell's line before an earlier cell's
        at = line - cell.line + 1  # the line within the cell
        if 1 <= at <= len(cell.source.splitlines()):
            node = failing_statement(cell.source, at)
            if isinstance(node, ast.Assert):
                sides = _sides(cell.source, node, namespace) if namespace is not None else ""
                return f"assertion failed: `{statement_text(cell.source, node, at)}`{sides}"
            break
    return "assertion failed"


CLOSE_CALLS = frozenset({"math.isclose", "isclose", "np.isclose", "np.allclose", "np.array_equal", "allclose"})
"""An assert's test that compares its first two arguments: they are shown as a comparison's sides are."""
SAFE_CALLS = frozenset({"recorded", "len", "abs", "round", "min", "max", "sum", "float", "int"})
"""Calls a comparison's side may make to be shown: they read, they change nothing."""


def _sides(source: str, node: ast.Assert, namespace: dict) -> str:
    """ " (where recorded("pred")[1] is 0.92)": each side of the assert's comparison that is no plain
    constant, evaluated again where the run stopped; "" when there is none, or one cannot be read
    safely (a call other than SAFE_CALLS)."""
    test = node.test
    if isinstance(test, ast.Compare):
        sides = [test.left, *test.comparators]
    elif isinstance(test, ast.Call) and ast.unparse(test.func) in CLOSE_CALLS:
        # `assert math.isclose(recorded("pred")[19], 0.80027, ...)` named its assert alone, and a
        # teacher ran the lesson again to find the number to pin
        sides = test.args[:2]
    else:
        return ""
    shown = []
    for side in sides:
        if isinstance(side, ast.Constant) or (isinstance(side, ast.UnaryOp) and isinstance(side.operand, ast.Constant)):
            continue
        calls = [c for c in ast.walk(side) if isinstance(c, ast.Call)]
        if any(not isinstance(c.func, ast.Name) or c.func.id not in SAFE_CALLS for c in calls):
            return ""
        text = ast.get_source_segment(source, side) or ""
        try:
            value = eval(compile(ast.Expression(side), "<check>", "eval"), dict(namespace))
        except Exception:
            return ""
        shown.append(f"{' '.join(text.split())} is {' '.join(repr(value).split())[:80]}")
    return f" (where {', '.join(shown)})" if shown else ""

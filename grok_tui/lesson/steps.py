"""How many steps a run takes, from the lesson's `steps` metadata: an arithmetic expression over
its params (`"iterations"`, `"epochs * 4"`), so the status line can say `step 580/1101`.

Only numbers, param names, + - * // and parentheses are allowed: the expression is checked when the
lesson is parsed and evaluated here without eval().
"""

from __future__ import annotations

import ast
import functools
import operator
from collections.abc import Iterable, Mapping

from grok_tui.lesson import ast_parse

OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.FloorDiv: operator.floordiv}


class StepsError(ValueError):
    """A `steps` expression the tutor cannot evaluate; the message fits a file:line report."""


def check_steps(text: str, names: Iterable[str]) -> None:
    """Raise StepsError unless `text` is an expression of numbers and the names in `names`."""
    known = set(names)
    try:
        tree = ast_parse.parse(text, mode="eval")
    except SyntaxError:
        raise StepsError(f'steps = {text!r} is not an expression (e.g. "iterations" or "epochs * 4")') from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in known:
            raise StepsError(
                f"steps names {node.id!r}, which is not a parameter (params: {', '.join(sorted(known)) or 'none'})"
            )
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.Name, ast.Load, ast.Constant, *OPERATORS)):
            raise StepsError(f"steps = {text!r}: only numbers, parameter names, + - * // and ( ) are allowed")
        if isinstance(node, ast.Constant) and (isinstance(node.value, bool) or not isinstance(node.value, int)):
            raise StepsError(f"steps = {text!r}: numbers in it must be whole numbers")


@functools.lru_cache(maxsize=64)
def _expression(text: str) -> ast.expr | None:
    """`text` parsed once: the status line asks for the total at every tick, on the UI thread, where
    a parse would also wait for one on another thread (ast_parse.py). Read only, never changed."""
    try:
        return ast_parse.parse(text, mode="eval").body
    except SyntaxError:
        return None


def total_steps(text: str, params: Mapping[str, object]) -> int | None:
    """The step count for these params, or None (no expression, or a value that is not a number)."""
    if not text:
        return None

    def value(node: ast.AST) -> int:
        if isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)):  # check_steps lets only whole numbers through
                raise TypeError(type(node.value).__name__)
            return int(node.value)
        if isinstance(node, ast.Name):
            number = params[node.id]
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise TypeError(node.id)
            return int(number)
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](value(node.left), value(node.right))
        raise TypeError(type(node).__name__)

    expression = _expression(text)
    if expression is None:
        return None
    try:
        result = value(expression)
    except (KeyError, TypeError, ZeroDivisionError):
        return None
    return result if result > 0 else None

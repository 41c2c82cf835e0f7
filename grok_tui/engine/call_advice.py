"""Calls gone wrong: a function used where its result was meant (`sum(ele_mul)`, `pred = w_sum`),
and a function's name given a value, then called (`sum = 0` ... `sum(a)`). Python says only that a
'function' cannot be added or compared, or that an 'int' cannot be called."""

from __future__ import annotations

import ast
import builtins
import re

from grok_tui.engine.statements import source_line
from grok_tui.lesson import ast_parse

FUNCTION_USED = re.compile(r"'function'|'builtin_function_or_method'")
"""A TypeError about a function object: an operand, an iterable, a number wanted."""


def call_advice(message: str, code: str, line: int) -> str:
    """The advice for a call gone wrong at `line` of `code`, or ""."""
    return name_reused(message, code, line) or uncalled(message, code, line)


def uncalled(message: str, code: str, line: int) -> str:
    """A function of the code's (or one it calls elsewhere) named on the failing line without
    brackets: 3.3's `sum(ele_mul)` was "'function' object is not iterable", 5.1's `pred = w_sum`
    then `pred - true` "unsupported operand type(s) for -: 'function' and 'int'"."""
    if not FUNCTION_USED.search(message):
        return ""
    try:
        tree = ast_parse.parse(code)
    except SyntaxError:
        return ""
    functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    functions |= {
        node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    said = source_line(code, line)
    for node in _uncalled(tree, functions):
        # on the failing line, or given a name there that the failing line uses (`pred = w_sum`)
        named = _assigned_to(tree, node)
        if node.lineno == line or (named is not None and re.search(rf"(?<![\w.]){named}\b", said)):
            return (
                f"`{node.id}` at line {node.lineno} is the function itself, not a value it computed: "
                f"call it with its arguments, `{node.id}(...)`."
            )
    return ""


def _uncalled(tree: ast.AST, functions: set[str]) -> list[ast.Name]:
    """The names of `functions` read but not called (no brackets after them), builtins aside."""
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Name)
        and isinstance(node.ctx, ast.Load)
        and id(node) not in called
        and node.id in functions
        and node.id not in dir(builtins)
    ]


def _assigned_to(tree: ast.AST, value: ast.Name) -> str | None:
    """The name `value` is assigned to (`pred = w_sum`), if that is the whole right-hand side."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and node.value is value and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                return target.id
    return None


NOT_CALLABLE = re.compile(r"'(numpy\.ndarray|list|float|int|numpy\.float64|tuple|str)' object is not callable")
KINDS = {"numpy.ndarray": "an array", "list": "a list", "tuple": "a tuple", "str": "a string"}


def name_reused(message: str, code: str, line: int) -> str:
    """A function's name given a value earlier, then called: 3.3's dot with `sum = 0` ... `sum(a)`
    was asked whether a `*` was missing. Said of the name on the failing line that the code set
    before it, if Python or the code has a function of that name."""
    kind = NOT_CALLABLE.search(message)
    if kind is None:
        return ""
    try:
        tree = ast_parse.parse(code)
    except SyntaxError:
        return ""
    called = [
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.lineno == line
    ]
    functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    for name in called:
        stores = sorted(
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) and node.id == name and node.lineno < line
        )
        if stores and (name in functions or name in dir(builtins)):
            whose = f"Python's own function `{name}`" if name in dir(builtins) else f"your function `{name}`"
            what = KINDS.get(kind[1], "a number")
            return (
                f"Line {stores[0]} made `{name}` {what}: that name was {whose}, and `{name}(...)` at line {line} "
                f"now calls {what}. Give the value a name of its own."
            )
    return ""

"""An index out of range because it came from the loop over another list: 5.5's outer_prod with
`a[j] * b[i]`, where i runs over a and j over b, was told to check how far its loops run, and the
loops were right. Read from the learner's code without running it."""

from __future__ import annotations

import ast

from grok_tui.lesson import ast_parse


def _measured(call: ast.expr) -> str | None:
    """The name a `range(...)` runs over: `range(len(a))` and `range(a.shape[0])` give "a"."""
    if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "range"):
        return None
    if len(call.args) != 1:
        return None
    arg = call.args[0]
    if (
        isinstance(arg, ast.Call)
        and isinstance(arg.func, ast.Name)
        and arg.func.id == "len"
        and len(arg.args) == 1
        and isinstance(arg.args[0], ast.Name)
    ):
        return arg.args[0].id
    if (
        isinstance(arg, ast.Subscript)
        and isinstance(arg.value, ast.Attribute)
        and arg.value.attr == "shape"
        and isinstance(arg.value.value, ast.Name)
    ):
        return arg.value.value.id
    return None


def crossed_index(code: str, line: int) -> str:
    """Advice when line `line` indexes a list with the variable of the loop over another list, and
    that list has a loop of its own ("" otherwise: `out[i] = a[i] * b[i]` indexes out, which no loop
    measures, with a's index, and is right)."""
    try:
        tree = ast_parse.parse(code)
    except SyntaxError:
        return ""
    runs_over: dict[str, str] = {}  # loop variable -> the list its range measures
    for node in ast.walk(tree):
        if isinstance(node, ast.For) and isinstance(node.target, ast.Name) and (name := _measured(node.iter)):
            runs_over[node.target.id] = name
    own_index = {listed: var for var, listed in runs_over.items()}  # a list -> the variable of its loop
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Subscript) and getattr(node, "lineno", 0) == line):
            continue
        if not (isinstance(node.value, ast.Name) and isinstance(node.slice, ast.Name)):
            continue
        indexed, var = node.value.id, node.slice.id
        measured = runs_over.get(var)
        if measured and measured != indexed and indexed in own_index:
            return (
                f"`{indexed}[{var}]`: `{var}` runs over the indices of `{measured}`, but"
                f" it indexes `{indexed}`, whose own loop variable is `{own_index[indexed]}`. Each index "
                f"belongs to the list its range measures: `{indexed}[{own_index[indexed]}]`."
            )
    return ""

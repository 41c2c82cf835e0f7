"""Advice for `AttributeError: 'list' object has no attribute 'apend'` and for `'int' object is not
iterable` after `+=` on a list: Python's words say what broke but not what was meant. (Python 3.11's
own traceback would say "Did you mean: 'append'?"; the verdicts show the message alone.)"""

from __future__ import annotations

import re

from grok_tui.engine.spelling import typo

NO_ATTRIBUTE = re.compile(r"'(?P<kind>[\w.]+)' object has no attribute '(?P<attr>\w+)'")
NOT_ITERABLE = re.compile(r"'(?:int|float|numpy\.float64|numpy\.int64)' object is not iterable")
ADD_TO = re.compile(r"^\s*(?P<target>[\w.\[\]]+)\s*\+=")
KEPT_NONE = re.compile(
    r"(?<![\w.])(?P<name>\w+)\s*=\s*(?P=name)\.(?P<method>append|extend|insert|sort|reverse|remove)\("
)
"""`out = out.append(x)`: a list method that changes the list in place returns None."""

ARRAY_ONLY = {"shape", "T", "dot", "sum", "mean", "max", "min", "reshape", "size", "ndim", "argmax", "astype"}
"""What a numpy array has and a list has not: code written for arrays given a list."""


def _names(kind: str) -> list[str]:
    """The public attributes of the type Python named, for the few a beginner meets."""
    if kind.startswith("numpy."):
        import numpy as np

        found = getattr(np, kind.removeprefix("numpy."), None)
    else:
        found = {"list": list, "tuple": tuple, "dict": dict, "str": str, "int": int, "float": float}.get(kind)
    return [name for name in dir(found) if not name.startswith("_")] if found is not None else []


def attribute_advice(message: str, line: str = "") -> str:
    """A sentence for an attribute mistyped or missing, or a number added to a list with `+=`; "" for
    any other error. `line`: the learner's line that raised it."""
    if (match := NO_ATTRIBUTE.search(message)) and match["kind"] == "NoneType" and (kept := KEPT_NONE.search(line)):
        # 3.3's `out = out.append(...)`: the first pass made `out` None, the second failed on it
        name, method = kept["name"], kept["method"]
        return (
            f"`.{method}(...)` changes the list in place and gives back None, so `{name} = {name}.{method}(...)` "
            f"made `{name}` None after its first pass: write `{name}.{method}(...)` on its own."
        )
    if match := NO_ATTRIBUTE.search(message):
        kind, attr = match["kind"], match["attr"]
        near = [name for name in _names(kind) if typo(attr, name)]
        if near:
            return f"A {kind} has no `.{attr}`: did you mean `.{near[0]}`?"
        if kind == "list" and attr in ARRAY_ONLY:
            return (
                f"A Python list has no `.{attr}`: numpy arrays have it. `np.array(x)` makes an array "
                "of a list (or use the list's own ways: `len(x)`, a loop)."
            )
        return ""
    if NOT_ITERABLE.search(message) and (add := ADD_TO.match(line)):
        target = add["target"]
        return (
            f"`{target} += x` on a list adds the items of x one by one, and one number has no items: "
            f"to put one number at the list's end, `{target}.append(x)`."
        )
    return ""

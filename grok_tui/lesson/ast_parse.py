"""ast.parse for the whole tutor, one thread at a time.

On Python 3.11 two threads inside ast.parse at once can fail with "SystemError: AST constructor
recursion depth mismatch": the depth counter of the Python objects it builds is shared by the
interpreter (CPython gh-106905; seen here when a run's thread parsed while the UI thread did). The
tutor parses on the UI thread (a lesson's step count), on worker threads (an exercise's verdict;
`grok-tui check` checks exercises on a pool) and when lessons load, so every parse goes through here.
"""

from __future__ import annotations

import ast
import threading
from typing import Literal, overload

_lock = threading.Lock()


@overload
def parse(source: str, mode: Literal["exec"] = "exec") -> ast.Module: ...
@overload
def parse(source: str, mode: Literal["eval"]) -> ast.Expression: ...
def parse(source: str, mode: str = "exec") -> ast.AST:
    """ast.parse(source, mode=mode), while no other thread of the tutor parses."""
    with _lock:
        return ast.parse(source, mode=mode)

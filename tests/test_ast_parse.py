"""Every ast.parse of the tutor goes through one lock (grok_tui/lesson/ast_parse.py): on Python 3.11
two threads in ast.parse at once can fail with "SystemError: AST constructor recursion depth
mismatch", which killed a lesson run's thread in this suite. Without the lock, the stress below
gave 26 such errors in 3 s on Python 3.11.7 (ast.parse itself in `parse`'s place)."""

from __future__ import annotations

import gc
import sys
import threading
import time

from grok_tui.lesson import ast_parse

# Many nodes, so that collections (and the finalizers they run, where threads switch) fall inside.
SOURCE = "\n".join(
    f"def f{i}(a, b):\n    x = [a * {i} + b for _ in range(3)]\n    return {{'k': x, 'y': (a, b, {i})}}\n"
    for i in range(100)
)


class _Cycle:
    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        for _ in range(20):  # Python code run by the collector: a point where threads switch
            pass


def test_threads_parsing_at_once_never_fail():
    errors: list[str] = []

    def parse_for(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                garbage = [_Cycle() for _ in range(20)]
                del garbage
                ast_parse.parse(SOURCE)
            except SystemError as error:
                errors.append(str(error))

    switch, thresholds = sys.getswitchinterval(), gc.get_threshold()
    sys.setswitchinterval(1e-6)
    gc.set_threshold(50, 1, 1)
    try:
        threads = [threading.Thread(target=parse_for, args=(1.0,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
        gc.set_threshold(*thresholds)
    assert errors == []


def test_a_parse_gives_the_tree_of_its_mode():
    assert ast_parse.parse("a + 1", mode="eval").body.op.__class__.__name__ == "Add"
    assert [type(node).__name__ for node in ast_parse.parse("import os\nx = 1").body] == ["Import", "Assign"]

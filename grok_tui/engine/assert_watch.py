"""Which check cells executed an assert in a run: a check cell whose asserts all sit under guards no
run matches passes while checking nothing (engine/checks.py says so). Runs in the lesson's process
(child.py), only for `grok-tui check`'s runs."""

from __future__ import annotations

import ast
import contextlib
import sys
import types
from typing import Any

from grok_tui.lesson.ast_parse import parse
from grok_tui.lesson.model import Cell

CHECK_ASSERTS = "<check cells that asserted>"
"""A key of the end's values when the job runs the check cells (no variable can take it): the lines of
the check cells that executed an assert statement in this run, pickled. A check cell whose asserts
all sit under guards that no run matches (`if alpha == 0.1 and iterations == 20:` after a default
changed to 301) passed while pinning nothing: engine/checks.py reports it."""


class AssertWatch:
    """Learns which check cells executed an assert statement, with a trace of the check cells' own
    code only (their module code and the functions they define): the code that runs is the code
    shown, untouched. Other code gets no local trace; a check cell's lines are traced until it asserts,
    and opcode by opcode only on the lines that hold an assert's test (`if guard: assert x` on one
    line runs the line, not always the assert)."""

    def __init__(self) -> None:
        self.credited: set[int] = set()
        self._codes: dict[types.CodeType, tuple[int, frozenset[int], frozenset[int]]] = {}
        """code -> (its check cell's line, the lines holding an assert's test, its test's opcodes)."""
        self._running = 0
        self._previous: Any = None
        """The trace function before (a debugger's, coverage's): back once the cell asserted."""

    @contextlib.contextmanager
    def watching(self, cell: Cell, code: types.CodeType):
        self._learn(cell, code)
        self._running, self._previous = cell.line, sys.gettrace()
        sys.settrace(self._call)
        try:
            yield
        finally:
            sys.settrace(self._previous)
            self._running = 0

    def _learn(self, cell: Cell, code: types.CodeType) -> None:
        tests = [n.test for n in _asserts(parse("\n" * (cell.line - 1) + cell.source).body)]
        spans: dict[int, list[tuple[int, int, int, int]]] = {}  # line -> the tests that span it
        for t in tests:
            span = (t.lineno, t.col_offset, t.end_lineno or t.lineno, t.end_col_offset or 0)
            for line in range(span[0], span[2] + 1):
                spans.setdefault(line, []).append(span)
        todo = [code]
        while todo:
            co = todo.pop()
            todo += [c for c in co.co_consts if isinstance(c, types.CodeType)]
            at = [
                (2 * i, line)
                for i, (line, end, col, end_col) in enumerate(co.co_positions())
                if line in spans and end is not None and col is not None and end_col is not None
                if any((a, b) <= (line, col) and (end, end_col) <= (c, d) for a, b, c, d in spans[line])
            ]
            self._codes[co] = (cell.line, frozenset(line for _, line in at), frozenset(i for i, _ in at))

    def _call(self, frame: types.FrameType, event: str, arg: object):
        if frame.f_code in self._codes and self._running not in self.credited:
            return self._local
        return None

    def _local(self, frame: types.FrameType, event: str, arg: object):
        cell, lines, offsets = self._codes[frame.f_code]
        if event == "line":
            frame.f_trace_opcodes = frame.f_lineno in lines
        elif event == "opcode" and frame.f_lasti in offsets:
            self.credited.update((self._running, cell))
        if self._running in self.credited:  # asserted: the rest of the cell runs untraced
            frame.f_trace_opcodes = False
            frame.f_trace = None  # (returning None would keep the frame's trace)
            sys.settrace(self._previous)
            return None
        return self._local


def _asserts(nodes: list) -> list[ast.Assert]:
    """The assert statements among these statements and the blocks inside them (not expressions:
    ast.walk over those cost most of a check cell's look)."""
    found = []
    for node in nodes:
        if isinstance(node, ast.Assert):
            found.append(node)
        for block in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, block, None)
            if isinstance(inner, list):
                found += _asserts(inner)
    return found

"""The modules a lesson's code imports, read from its source without running any of it.

The tutor imports slow packages (scikit-learn, for the digits) ahead of a lesson's first run
(process.prepare): the run's process is then forked with them loaded, where before the first run
imported them itself and the warm forkserver imported them again after it.

Read line by line, not with the ast module: this runs on a run's own thread, and on Python 3.11
ast.parse in two threads at once can fail ("AST constructor recursion depth mismatch"). A line
that only looks like an import (inside a string) at worst has a slow package loaded early.
"""

from __future__ import annotations

import re

from grok_tui.engine import process
from grok_tui.lesson.model import Lesson

_NAME = re.compile(r"[A-Za-z_][\w.]*")


def imported_modules(lesson: Lesson) -> tuple[str, ...]:
    """Every module an `import` statement of the lesson's cells names, each once (relative imports
    are left out)."""
    found: dict[str, None] = {}
    for cell in lesson.cells:
        for line in cell.source.splitlines():
            words = line.split(None, 1)
            if len(words) < 2:
                continue
            if words[0] == "from":
                module = _NAME.match(words[1])
                if module and words[1][module.end() :].lstrip().startswith("import"):
                    found[module.group()] = None
            elif words[0] == "import":
                for part in words[1].split("#", 1)[0].split(","):
                    module = _NAME.match(part.strip())
                    if module:
                        found[module.group()] = None
    return tuple(found)


def prepare(lesson: Lesson, wait: float = 0.0) -> None:
    """Have the slow packages the lesson imports loaded by a warm server before its run (see
    process.prepare; with `wait`, until they are). The tutor calls it while the learner reads."""
    process.prepare(imported_modules(lesson), wait)

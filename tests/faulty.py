"""Lesson files that misbehave, for the containment tests: each one a class of fault."""

from __future__ import annotations

import time
from pathlib import Path

from grok_tui.lesson.parse import parse_lesson

#: name -> the train cell's code (its first line is line 11 of the file: see lesson_text).
CODE = {
    "loop": "x = 0\nwhile True:\n    x += 1",
    "exit": "import os\nstep(a=1.0)\nos._exit(3)",
    "input": 'name = input("your name? ")\nstep(a=1.0)',
    "stdin": "import sys\ndata = sys.stdin.read()\nstep(a=float(len(data)))",
    "segv": "import ctypes\nstep(a=1.0)\nctypes.string_at(0)",
    "sigkill": "import os, signal\nstep(a=1.0)\nos.kill(os.getpid(), signal.SIGKILL)",
    "terminal": 'import sys, os\nsys.stdout.write("to stdout\\n")\nos.write(1, b"RAW1\\n")\nos.write(2, b"RAW2\\n")\nstep(a=1.0)',
    "swallow": "while True:\n    try:\n        step(a=1.0)\n    except BaseException:\n        pass",
    "sleep_forever": "import time\nstep(a=1.0)\ntime.sleep(10**6)",
    "recursion": "def f(n):\n    return f(n + 1)\nf(0)",
    "keyboard": "raise KeyboardInterrupt",
    "closes_pipe": "import os\nstep(a=1.0)\nos.closerange(3, 4096)\nstep(a=2.0)",
    "fine": "def double(x):\n    return 2 * x\nfor i in range(3):\n    step(a=float(i))",
}
FIRST_LINE = 11


def lesson_text(name: str, code: str, meta: str = "") -> str:
    number = list(CODE).index(name) + 1 if name in CODE else 100 + sum(map(ord, name))
    return (
        f'+++\nid = "9.{number}"\nchapter = 9\ntitle = "{name}"\n{meta}\n+++\n\nText.\n\n```python train\n{code}\n```\n'
    )


def write_lesson(folder: Path, name: str, code: str | None = None, meta: str = "") -> Path:
    path = folder / f"{name}.md"
    path.write_text(lesson_text(name, CODE[name] if code is None else code, meta), encoding="utf-8")
    return path


def lesson(folder: Path, name: str, code: str | None = None, meta: str = ""):
    parsed, problems = parse_lesson(write_lesson(folder, name, code, meta))
    assert parsed is not None, problems
    return parsed


def gone(pid: int) -> bool:
    """Whether process `pid` has ended (no such process, or a zombie)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except (FileNotFoundError, ProcessLookupError):  # the second: it ended between open and read
        return True


def process_state(pid: int) -> str:
    """R running, S sleeping (blocked, no CPU), ...: the state letter in /proc/PID/stat."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        return f.read().rsplit(")", 1)[1].split()[0]


def cpu_ticks(pid: int) -> int:
    """User + system CPU time of `pid`, in clock ticks."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_until(predicate, timeout: float = 10.0) -> bool:
    """Poll `predicate` until it holds (True) or `timeout` passes (False): a bound, not a measure."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()

"""Time to a complete first frame: grok-tui vs a bare Textual app, started side by side in 80x24.

Run by hand: `python bench/startup.py [RUNS] [OTHER_CHECKOUT]`. With OTHER_CHECKOUT (a folder holding
another version's grok_tui/ and lessons/, e.g. from `git worktree add` or `git archive`), each
grok-tui case also runs that version (PYTHONPATH), in the same rounds: before/after side by side.

Each app is started in a pseudo-terminal with a fresh data folder; the time is from process start
to the last byte of its first screen: a known text must have appeared, then nothing more is
written for QUIET seconds (so a screen that paints in steps, or shows the contents before a
lesson, is timed when it is done). The apps are started in turn, round after round, so a load
change on the machine hits them alike; the ratios to the bare app are the figures to compare.
Each version keeps its own cache folder (the parsed course and, in versions that have them, the saved
tokens of each lesson's code, grok_tui/ui/code_tokens.py) and writes its bytecode caches (__pycache__),
as an installed grok-tui does; the warm-up round fills them: the figures are a learner's second and
later starts (a lesson's very first start also builds pygments' Python lexer, ~30 ms, when its first
screen shows code).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram, scratch

QUIET = 0.5

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("bare textual app ready")
        yield Footer()

Bare().run()
"""


CACHES: dict[str, str] = {}
"""The parsed-course cache of each version run (by PYTHONPATH), kept from start to start as a learner's
is (the warm-up run fills it). One per version: two versions sharing one would each find the other's
cache stale and parse all the lessons at every start."""


def complete_frame(argv: list[str], marker: bytes, cols: int = 80, rows: int = 24, env: dict | None = None) -> float:
    data = tempfile.mkdtemp(prefix="grok-bench-")  # fresh progress: no resume, the contents come first
    tree = (env or {}).get("PYTHONPATH", "")
    cache = CACHES[tree] if tree in CACHES else CACHES.setdefault(tree, scratch("cache-"))
    start = time.monotonic()
    # Bytecode caching on, as for a learner (pip compiles at install): with PYTHONDONTWRITEBYTECODE
    # set (our tooling sets it) every grok-tui module was compiled from source at every start.
    program = PtyProgram(
        argv, cols, rows, {"GROK_TUI_DATA": data, "GROK_TUI_CACHE": cache, "PYTHONDONTWRITEBYTECODE": "", **(env or {})}
    )
    try:
        if program.wait_for(marker, timeout=30) is None:
            raise RuntimeError(f"{argv[-1]} never showed {marker!r}: {bytes(program.buffer[-300:])!r}")
        return program.wait_quiet(QUIET) - start
    finally:
        program.send("\x11")  # ctrl+q
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    python = sys.executable
    grok = str(Path(python).with_name("grok-tui"))
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE_APP)
        cases = {
            "bare Textual app": ([python, str(bare)], b"bare textual app ready"),
            "grok-tui (contents)": ([grok], b"Grokking Deep Learning, live"),
            # The status line: the contents (which show first) list the lessons' titles.
            "grok-tui 4.5": ([grok, "4.5"], b"step 0"),
            "grok-tui 7.5": ([grok, "7.5"], b"step 0"),
        }
        plans = {name: (argv, marker, {}) for name, (argv, marker) in cases.items()}
        if len(sys.argv) > 2:
            other = str(Path(sys.argv[2]).resolve())
            for name, (argv, marker) in cases.items():
                if name.startswith("grok-tui"):
                    plans[f"{name} [other]"] = (argv, marker, {"PYTHONPATH": other})
        for argv, marker, env in plans.values():  # warm the OS file cache (and the course cache) once
            complete_frame(argv, marker, env=env)
        times: dict[str, list[float]] = {name: [] for name in plans}
        for round_ in range(runs):
            # Every other round in reverse: the tree measured first in a round came out ~4% slower,
            # whichever it was (this stop's code against the last stop's, swapped by hand).
            order = list(plans.items())
            for name, (argv, marker, env) in order if round_ % 2 == 0 else reversed(order):
                times[name].append(complete_frame(argv, marker, env=env))
        bare_median = statistics.median(times["bare Textual app"])
        print(f"time to a complete first frame at 80x24, {runs} rounds (median, min-max; ratio of medians to bare)")
        for name, values in times.items():
            median = statistics.median(values)
            print(f"{name:22s} {median:.3f} s  ({min(values):.3f}-{max(values):.3f})  {median / bare_median:4.2f}x")


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

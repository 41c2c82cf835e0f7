"""Time to first frame: grok-tui vs a bare Textual app, each started in an 80x24 pseudo-terminal.

Run by hand: `python bench/startup.py [RUNS]`. Prints the median and range of each, in seconds, from
process start to the moment a known text of the first screen has been written to the terminal.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram  # noqa: E402

BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Bare(App):
    def compose(self):
        yield Static("bare textual app ready")
        yield Footer()

Bare().run()
"""


def first_frame(argv: list[str], marker: bytes) -> float:
    data = tempfile.mkdtemp(prefix="grok-bench-")  # fresh progress: no resume, the contents come first
    start = time.monotonic()
    program = PtyProgram(argv, 80, 24, {"GROK_TUI_DATA": data})
    try:
        seen = program.wait_for(marker)
        if seen is None:
            raise RuntimeError(f"{argv[0]} never showed {marker!r}: {bytes(program.buffer[-300:])!r}")
        return time.monotonic() - start
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
            "grok-tui 4.5 (lesson)": ([grok, "4.5"], b"Breaking gradient descent"),
        }
        for argv, marker in cases.values():  # warm the OS file cache once
            first_frame(argv, marker)
        for name, (argv, marker) in cases.items():
            times = [first_frame(argv, marker) for _ in range(runs)]
            print(f"{name:24s} median {statistics.median(times):.3f} s  "
                  f"(min {min(times):.3f}, max {max(times):.3f}, {runs} runs)")


if __name__ == "__main__":
    main()

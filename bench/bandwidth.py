"""Bytes written to the terminal per second while lesson 4.5 plays, in a 100x30 pseudo-terminal.

Run by hand: `python bench/bandwidth.py [SECONDS]`. It starts `grok-tui 4.5`, sets alpha = 0.01 and
iterations = 2000 with the keys a learner would press (so a run lasts long enough), then measures
the output while the lesson plays at several speeds, in the reading view the lesson opens in (the
text, a live strip and the status line; `l` would switch to the lab view's charts). The screen
redraws at most 5 times a second (grok_tui/ui/redraw.py), so the figure should stay
flat once the speed passes that.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram  # noqa: E402

SPEEDS = {"4/s (the lesson's pace)": 0, "25/s": 2, "100/s": 3}
"""Speed name -> how many `>` presses from the lesson's pace of 4 steps/s."""


THEMES = ("textual-dark", "ansi-dark")
"""The default theme (truecolor) and the terminal's own colours (GROK_TUI_THEME=ansi-dark)."""


def measure(grok: str, faster: int, seconds: float, theme: str) -> tuple[float, float]:
    data = tempfile.mkdtemp(prefix="grok-bench-")
    program = PtyProgram([grok, "4.5"], 100, 30, {"GROK_TUI_DATA": data, "GROK_TUI_THEME": theme})
    try:
        if program.wait_for(b"Breaking gradient descent") is None:
            raise RuntimeError("grok-tui did not start")
        program.read_for(1.0)
        idle = program.read_for(2.0) / 2.0
        program.send(">" * faster)
        program.send("-" * 4)  # alpha 1 -> 0.01: each press restarts the run from its seed
        program.send("]]" + "+" * 198)  # iterations 20 -> 2000
        program.read_for(2.0)  # let the burst of key handling settle
        playing = program.read_for(seconds) / seconds
        return idle, playing
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    grok = str(Path(sys.executable).with_name("grok-tui"))
    for theme in THEMES:
        for name, presses in SPEEDS.items():
            idle, playing = measure(grok, presses, seconds, theme)
            print(f"{theme:13s} 4.5 at {name:24s} {playing / 1024:6.1f} KiB/s while playing "
                  f"(idle: {idle:.0f} B/s; {seconds:g} s at 100x30)")


if __name__ == "__main__":
    main()

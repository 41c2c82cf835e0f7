"""Bytes written to the terminal per second while a lesson plays, per lesson and terminal size.

Run by hand: `python bench/bandwidth.py [SECONDS] [LESSON ...]` (defaults: 8 s; 4.5 6.5 7.5). For each
lesson and size (80x24, 100x30, 200x50) it starts `grok-tui LESSON` in a pseudo-terminal that
reads as fast as it can, measures 2 s idle, presses the keys of bench/_lessons.py so that the lesson
plays for longer than the measurement, and counts every byte written meanwhile. Prints KiB/s, the
share of the bytes that are colour codes (SGR), and bursts per second (writes more than 20 ms apart:
roughly frames). GROK_TUI_THEME picks the theme (default: the app's default theme).
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lessons import PLAYS, SIZES
from _pty import PtyProgram

SGR = re.compile(rb"\x1b\[[0-9;:]*m")


def measure(grok: str, lesson: str, size: tuple[int, int], seconds: float) -> dict[str, float]:
    play = PLAYS[lesson]
    data = tempfile.mkdtemp(prefix="grok-bench-")
    env = {"GROK_TUI_DATA": data}
    if os.environ.get("GROK_TUI_THEME"):
        env["GROK_TUI_THEME"] = os.environ["GROK_TUI_THEME"]
    program = PtyProgram([grok, lesson], *size, env)
    try:
        if program.wait_for(play.marker, timeout=30) is None:
            raise RuntimeError(f"grok-tui {lesson} did not start: {bytes(program.buffer[-300:])!r}")
        program.wait_quiet(1.0)
        idle = program.read_for(2.0) / 2.0
        program.send(play.keys)
        program.read_for(3.0)  # the key handling settles, the run starts (7.5 loads its data)
        program.buffer.clear()
        bursts, last = 0, 0.0
        end = time.monotonic() + seconds
        total = 0
        while (left := end - time.monotonic()) > 0:
            got = program.read_for(min(left, 0.005))
            if got:
                now = time.monotonic()
                if now - last > 0.02:
                    bursts += 1
                last = now
                total += got
        sgr = sum(len(m) for m in SGR.findall(bytes(program.buffer)))
        return {"idle": idle, "playing": total / seconds, "sgr": sgr / max(total, 1), "bursts": bursts / seconds}
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 8.0
    lessons = sys.argv[2:] or list(PLAYS)
    grok = str(Path(sys.executable).with_name("grok-tui"))
    print(
        f"bytes to the terminal while a lesson plays, {seconds:g} s each (theme: "
        f"{os.environ.get('GROK_TUI_THEME', 'default')})"
    )
    for lesson in lessons:
        for cols, rows in SIZES:
            m = measure(grok, lesson, (cols, rows), seconds)
            print(
                f"{lesson:4s} {cols:3d}x{rows:<3d} {m['playing'] / 1024:6.1f} KiB/s playing   "
                f"SGR {m['sgr']:4.0%}   {m['bursts']:4.1f} bursts/s   idle {m['idle']:.0f} B/s",
                flush=True,
            )


if __name__ == "__main__":
    main()

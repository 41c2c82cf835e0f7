"""How fast a key press shows on screen while the digits classifier trains (and when idle).

Run by hand: `python bench/key_latency.py [PRESSES]`. It starts `grok-tui 7.5` in a 100x30
pseudo-terminal, starts training with space, then presses `>` and `<` in turn and times how long
until the status line shows the new speed: the whole path from key to bytes on the terminal.
The same is measured with the lesson idle, for comparison.
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

MARKERS = {">": b"100/s", "<": b"25/s"}
"""7.5 plays at 40 steps/s: `>` goes to 100/s, `<` back down to 25/s, and so on alternately."""


def latencies(program: PtyProgram, presses: int, keep_going) -> list[float]:
    times: list[float] = []
    key = ">"
    for _ in range(presses):
        if not keep_going():
            break
        program.buffer.clear()
        start = time.monotonic()
        program.send(key)
        if program.wait_for(MARKERS[key], timeout=5.0) is None:
            break
        times.append(time.monotonic() - start)
        key = "<" if key == ">" else ">"
        program.read_for(0.05)
    return times


def report(name: str, times: list[float]) -> None:
    if not times:
        print(f"{name:<22} no measurement")
        return
    ms = sorted(t * 1000 for t in times)
    print(f"{name:<22} n={len(ms):<3} median {statistics.median(ms):6.1f} ms   "
          f"p90 {ms[int(0.9 * (len(ms) - 1))]:6.1f} ms   max {ms[-1]:6.1f} ms")


def main() -> int:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    grok = shutil.which("grok-tui") or str(Path(sys.executable).parent / "grok-tui")
    program = PtyProgram([grok, "7.5"], 100, 30, {"GROK_TUI_DATA": tempfile.mkdtemp(prefix="grok-bench-")})
    try:
        if program.wait_for(b"classifier") is None:
            print("grok-tui did not start")
            return 1
        program.read_for(1.0)
        # Train at the lesson's pace (40 epochs/s): first scikit-learn loads, then epochs are recorded.
        program.buffer.clear()
        program.send(" ")
        if program.wait_for(b"step 3", timeout=30.0) is None:
            print("training did not start")
            return 1
        finished = []
        started = time.monotonic()
        training = latencies(program, presses, lambda: not finished.append(b"finished" in program.buffer)
                             and not finished[-1])
        print(f"grok-tui 7.5 at 100x30: {len(training)} key presses measured in "
              f"{time.monotonic() - started:.1f} s of training")
        program.wait_for(b"finished", timeout=60.0)
        program.read_for(0.5)
        idle = latencies(program, presses, lambda: True)
        report("idle", idle)
        report("while training", training)
    finally:
        program.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

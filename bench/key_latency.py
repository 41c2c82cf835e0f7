"""How fast a key press shows on screen while a lesson works hard, over a local pseudo-terminal.

Run by hand: `python bench/key_latency.py [PRESSES]`. Three cases, at 100x30 unless said:
  - `grok-tui 7.5` training the digits classifier (500 epochs at its pace of 40/s), and idle after;
  - the same in the lab view at 120x40, where both its charts and a panel are drawn as it trains;
  - `grok-tui 4.5` playing at the top of the speed ladder (2000 iterations, re-run when it ends).
Each press is `<` or `>` in turn; the time is from writing the key to the pty until the status
line's new speed has been written back: the whole path from key to bytes on the terminal.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lessons import PLAYS
from _pty import PtyProgram, scratch

from grok_tui.ui import speed as ladder


def label(speed: float) -> str:
    return "speed max" if speed <= 0 else f"speed {speed:g}/s"


def shown_more(program: PtyProgram, text: str):
    """A condition: `text` is on the screen more often than now (the status line names the new
    speed; counted, not just looked for, in case something else on screen names it too)."""
    before = program.screen.text().count(text)
    return lambda: program.screen.text().count(text) > before


def latencies(
    program: PtyProgram,
    presses: int,
    speed: float,
    first: str,
    keep_going: Callable[[], bool],
    between: Callable[[], None] = lambda: None,
    home: float | None = None,
) -> tuple[list[float], float, str]:
    """Times of up to `presses` presses, and the speed and next key after them (`home`: the lesson's
    own pace, a rung of its ladder)."""
    times: list[float] = []
    key = first
    for _ in range(presses):
        if not keep_going():
            break
        between()
        target = ladder.slower(speed, home) if key == "<" else ladder.faster(speed, home)
        program.buffer.clear()
        shown = shown_more(program, label(target))
        start = time.monotonic()
        program.send(key)
        if program.wait_until(shown, timeout=5.0) is None:
            # Say so: a silent stop made a short series look like a measurement (n=6 of 40, when
            # the speed toasts of earlier presses piled past the screen's height).
            print(f"  press {len(times) + 1} ({key!r}): '{label(target)}' did not show within 5 s; stopped")
            break
        times.append(time.monotonic() - start)
        speed, key = target, ("<" if key == ">" else ">")
        program.read_for(0.05)
    return times, speed, key


def report(name: str, times: list[float]) -> None:
    if not times:
        print(f"{name:<26} no measurement")
        return
    ms = sorted(t * 1000 for t in times)
    print(
        f"{name:<26} n={len(ms):<3} median {statistics.median(ms):6.1f} ms   "
        f"p90 {ms[int(0.9 * (len(ms) - 1))]:6.1f} ms   max {ms[-1]:6.1f} ms",
        flush=True,
    )


def start(grok: str, lesson: str, size: tuple[int, int] = (100, 30)) -> PtyProgram:
    program = PtyProgram([grok, lesson], *size, {"GROK_TUI_DATA": scratch()})
    if program.wait_for(PLAYS[lesson].marker, timeout=30) is None:
        program.close()
        raise RuntimeError(f"grok-tui {lesson} did not start")
    program.wait_quiet(1.0)
    return program


def digits(grok: str, presses: int, lab: bool = False) -> None:
    program = start(grok, "7.5", (120, 40) if lab else (100, 30))
    try:
        program.buffer.clear()
        program.send(("l" if lab else "") + PLAYS["7.5"].keys)  # 500 epochs: the run starts once the keys rest
        if program.wait_for(b"step 3", timeout=60.0) is None:
            print("7.5: training did not start")
            return

        def training() -> bool:
            return not program.on_screen("finished ")

        began = time.monotonic()
        during, speed, key = latencies(program, presses, 40, "<", training, home=40)
        took = time.monotonic() - began
        program.send(" ")  # pause, then measure idle
        program.wait_quiet(0.5)
        if lab:
            report(f"7.5 lab 120x40 training ({took:.0f} s)", during)
            return
        idle, _, _ = latencies(program, presses, speed, key, lambda: True, home=40)
        report("7.5 idle (paused)", idle)
        report(f"7.5 while training ({took:.0f} s)", during)
    finally:
        program.close()


def top_speed(grok: str, presses: int) -> None:
    program = start(grok, "4.5")
    try:
        program.send(PLAYS["4.5"].keys + ">" * 5)  # 4/s -> 10, 25, 100, 1000, max
        if program.wait_for(b"speed max", timeout=30) is None:
            print("4.5 did not reach top speed")
            return
        program.read_for(1.0)

        def rerun_if_done() -> None:
            if program.on_screen("finished ") or program.on_screen("diverged "):
                program.send(" ")  # run again
                program.read_for(0.05)

        during, _, _ = latencies(program, presses, 0, "<", lambda: True, rerun_if_done)
        report("4.5 at top speed", during)
    finally:
        program.close()


def main() -> int:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    grok = shutil.which("grok-tui") or str(Path(sys.executable).parent / "grok-tui")
    digits(grok, presses)
    digits(grok, presses, lab=True)
    top_speed(grok, presses)
    return 0


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    raise SystemExit(main())

"""Resident memory of grok-tui after visiting every lesson, and after running 7.5, again and again.

Run by hand: `python bench/memory.py [PASSES] [RUNS]` (defaults 5, 5). Starts the first lesson at
100x30; one pass visits every lesson (n to the end, the next pass p back to the start), waiting
for each screen to be complete; RSS is printed after every pass with its ratio to after the first.
Then it opens 7.5 (the digits classifier) in a fresh process, runs it to the end RUNS times (space)
and prints RSS after each run, with its ratio to after the first run. The target (issue 11): no
growth per pass or run, the last within 10% of the first (ratio <= 1.10).

Beside each run's figure: the lesson processes below the tutor (the forkservers, the spare, the
finished runs kept idle to answer `predict`), as the sum of their PSS (shared pages split between
the processes that share them), so that memory moved out of the tutor into them would show.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram

from grok_tui.lesson.catalog import load_catalog


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (Linux /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        children = parents.get(todo.pop(), [])
        found += children
        todo += children
    return found


def pss_mib(pids: list[int]) -> float:
    """The summed proportional set size of `pids`, MiB (a process gone meanwhile counts 0)."""
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)
    return total / 1024


def main() -> None:
    passes = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    lessons = [lesson.id for lesson in load_catalog().lessons]
    grok = str(Path(sys.executable).with_name("grok-tui"))
    data = tempfile.mkdtemp(prefix="grok-bench-")
    program = PtyProgram([grok, lessons[0]], 100, 30, {"GROK_TUI_DATA": data})
    try:
        program.wait_for(b"\x1b[", timeout=30)
        program.wait_quiet(1.0)  # the contents may show first, then the lesson
        print(f"after start ({lessons[0]}): {program.rss_mib():6.1f} MiB")
        first = 0.0
        for number in range(1, passes + 1):
            key = "n" if number % 2 else "p"
            for _ in lessons[1:]:
                program.send(key)
                program.wait_quiet(0.4)
            rss = program.rss_mib()
            first = first or rss
            print(f"after pass {number} over {len(lessons)} lessons: {rss:6.1f} MiB  x{rss / first:.2f}", flush=True)
    finally:
        program.send("\x11")
        program.close()
    # The runs in a fresh process: walking there with n/p loses its way when keys outrun the screens.
    program = PtyProgram([grok, "7.5"], 100, 30, {"GROK_TUI_DATA": data})
    try:
        program.wait_for(b"batch_size", timeout=60)  # 7.5's parameters are on screen
        program.wait_quiet(1.0)
        print(f"7.5 opened: {program.rss_mib():6.1f} MiB")
        first = 0.0
        for number in range(1, runs + 1):
            program.buffer.clear()
            program.send(" ")
            # The last run's " finished " stays on screen until the status is redrawn: first see the
            # new run start, else a stale match sends the next space into this run (a pause).
            program.wait_until(lambda: not program.on_screen(" finished "), timeout=30)
            if program.wait_for(b" finished ", timeout=120) is None:
                screen = re.sub(rb"\x1b\[[0-9;?]*[a-zA-Z]", b"", bytes(program.buffer[-4000:]))
                print("7.5 did not finish; the screen's last text:", screen.decode(errors="replace")[-600:])
                break
            program.wait_quiet(0.5)
            rss = program.rss_mib()
            first = first or rss
            below = descendants(program.proc.pid)
            print(
                f"after 7.5 run {number}: {rss:6.1f} MiB  x{rss / first:.2f}"
                f"  (lesson processes: {len(below)}, PSS {pss_mib(below):.1f} MiB)",
                flush=True,
            )
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

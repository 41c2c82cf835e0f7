"""Bytes written to the terminal per second while a lesson plays, per lesson, terminal size and view.

Run by hand: `python bench/bandwidth.py [SECONDS] [LESSON ...] [--views reading,lab] [--sizes
80x24,...] [--where] [--before TREE]` (defaults: 8 s; 4.5 6.5 7.4; both views; 80x24 100x30 200x50).
For each case it starts `grok-tui LESSON` in a pseudo-terminal that reads as fast as it can,
measures 2 s idle, presses `l` for the lab view, presses the keys of bench/_lessons.py (7.4: CASES here) so that the
lesson plays for longer than the measurement, and counts every byte written meanwhile. Prints a
table: KiB/s while playing, the share of the bytes that are colour codes (SGR), bursts per second
(writes more than 20 ms apart: roughly frames), bytes per burst, and idle B/s. `--where` adds, per
case, the bytes by screen row band (from the cursor moves that start each repainted piece), to see
which widget sends them.
GROK_TUI_THEME picks the theme (default: the app's default theme). `--before TREE` measures each case
twice, side by side: first with the grok_tui package of TREE (a checkout of an older commit, e.g.
`git archive COMMIT | tar -x -C /tmp/before`, put first on PYTHONPATH), then with this one, and adds
the ratio.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lessons import PLAYS, SIZES, Play
from _pty import PtyProgram

CASES = {
    **PLAYS,
    "7.4": Play("7.4", b"step 0", "]]" + "+" * 18, "100 epochs at the lesson's pace of 10 epochs/s"),
}
DEFAULT_LESSONS = ("4.5", "6.5", "7.4")
VIEWS = ("reading", "lab")
SGR = re.compile(rb"\x1b\[[0-9;:]*m")
MOVE = re.compile(rb"\x1b\[(\d+);(\d+)H")


def by_row(stream: bytes) -> Counter[int]:
    """Bytes per screen row (1-based), each piece counted at the row its cursor move names."""
    rows: Counter[int] = Counter()
    moves = list(MOVE.finditer(stream))
    for move, following in zip(moves, [*moves[1:], None], strict=False):
        end = following.start() if following is not None else len(stream)
        rows[int(move.group(1))] += end - move.start()
    return rows


def measure(grok: str, lesson: str, size: tuple[int, int], seconds: float, view: str, tree: str = "") -> dict:
    play = CASES[lesson]
    data = tempfile.mkdtemp(prefix="grok-bench-")
    env = {"GROK_TUI_DATA": data}
    if tree:
        env["PYTHONPATH"] = tree
    if os.environ.get("GROK_TUI_THEME"):
        env["GROK_TUI_THEME"] = os.environ["GROK_TUI_THEME"]
    program = PtyProgram([grok, lesson], *size, env)
    try:
        if program.wait_for(play.marker, timeout=30) is None:
            raise RuntimeError(f"grok-tui {lesson} did not start: {bytes(program.buffer[-300:])!r}")
        program.wait_quiet(1.0)
        if view == "lab":
            program.send("l")
            program.wait_quiet(1.0)
        idle = program.read_for(2.0) / 2.0
        program.send(play.keys)
        program.read_for(3.0)  # the key handling settles, the run starts (7.5 loads its data)
        program.buffer.clear()
        bursts, last = 0, 0.0
        starts: list[int] = []
        end = time.monotonic() + seconds
        total = 0
        while (left := end - time.monotonic()) > 0:
            before = len(program.buffer)
            got = program.read_for(min(left, 0.005))
            if got:
                now = time.monotonic()
                if now - last > 0.02:
                    bursts += 1
                    starts.append(before)
                last = now
                total += got
        stream = bytes(program.buffer)
        touches: Counter[int] = Counter()  # per row: how many bursts repainted part of it
        for a, b in zip(starts, [*starts[1:], len(stream)], strict=False):
            touches.update(by_row(stream[a:b]).keys())
        sgr = sum(len(m) for m in SGR.findall(stream))
        return {
            "idle": idle,
            "playing": total / seconds,
            "sgr": sgr / max(total, 1),
            "bursts": bursts / seconds,
            "rows": by_row(stream),
            "touches": touches,
            "seconds": seconds,
        }
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def bands(rows: Counter[int], touches: Counter[int], seconds: float, height: int) -> str:
    """'1-2: 0.10 KiB/s 4.0/s  3-20: ...' by runs of rows with similar traffic: KiB/s, and how many
    times a second the band's most repainted row was repainted (a widget's redraw rate)."""
    parts, start, acc = [], 1, 0
    for row in range(1, height + 1):
        acc += rows.get(row, 0)
        nxt = rows.get(row + 1, 0)
        here = rows.get(row, 0)
        if row == height or (here > 0) != (nxt > 0) or abs(here - nxt) > max(here, nxt) * 0.5:
            if acc:
                rate = max(touches.get(r, 0) for r in range(start, row + 1)) / seconds
                parts.append(f"{start}-{row}: {acc / seconds / 1024:.2f} KiB/s {rate:.1f}/s")
            start, acc = row + 1, 0
    return "  ".join(parts)


def main() -> None:
    args = sys.argv[1:]
    where = "--where" in args
    before = ""
    views, sizes = list(VIEWS), list(SIZES)
    rest = []
    i = 0
    while i < len(args):
        if args[i] == "--views":
            views, i = args[i + 1].split(","), i + 2
        elif args[i] == "--sizes":
            sizes = [tuple(int(n) for n in s.split("x")) for s in args[i + 1].split(",")]
            i += 2
        elif args[i] == "--where":
            i += 1
        elif args[i] == "--before":
            before, i = args[i + 1], i + 2
        else:
            rest.append(args[i])
            i += 1
    seconds = float(rest[0]) if rest else 8.0
    lessons = rest[1:] or list(DEFAULT_LESSONS)
    grok = str(Path(sys.executable).with_name("grok-tui"))
    print(
        f"bytes to the terminal while a lesson plays, {seconds:g} s each (theme: "
        f"{os.environ.get('GROK_TUI_THEME', 'default')})"
    )
    print(
        "lesson  size     view      KiB/s   SGR  bursts/s  B/burst  idle B/s"
        + ("   before KiB/s   SGR  bursts/s  after/before" if before else "")
    )
    for lesson in lessons:
        for cols, rows in sizes:
            for view in views:
                old = measure(grok, lesson, (cols, rows), seconds, view, before) if before else None
                m = measure(grok, lesson, (cols, rows), seconds, view)
                per_burst = m["playing"] / m["bursts"] if m["bursts"] else 0
                side = ""
                if old is not None:
                    side = (
                        f"   {old['playing'] / 1024:12.2f}  {old['sgr']:4.0%}  {old['bursts']:8.1f}  "
                        f"{m['playing'] / max(old['playing'], 1):12.2f}"
                    )
                print(
                    f"{lesson:6s}  {cols:3d}x{rows:<3d}  {view:8s} {m['playing'] / 1024:6.2f}  {m['sgr']:4.0%}  "
                    f"{m['bursts']:8.1f}  {per_burst:7.0f}  {m['idle']:8.0f}{side}",
                    flush=True,
                )
                if where:
                    print(f"        rows {bands(m['rows'], m['touches'], m['seconds'], rows)}", flush=True)


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

"""Bytes per second while a lesson plays with its instrument panel shown, against the same lesson with
the instruments taken out of its metadata (charts alone), in the lab view at 80x24 and 120x40.

Run by hand: `python bench/instruments_bandwidth.py [SECONDS] [ID...]`. For each lesson and size it starts
`grok-tui ID` on the course as it is and on a copy whose lessons lost their `[network]`,
`[landscape]` and `[[predict]]` tables, the panels they name and the chapter quizzes; opens the lab
view (`l`; at 80 columns, where one chart or panel shows at a time, `g` until the panel shows, so
the comparison there is the panel against the first chart), presses the keys that make the run
long (a prediction the lesson asks is skipped with escape) and measures the output while it plays.
6.5's step() records its layers and weights, so its diagram is redrawn as it plays. The panels
repaint at most PLAYING_HZ times a second and only the lines that changed.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram

from grok_tui.lesson.catalog import load_catalog

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
CASES = {
    # id: (what is shown, keys that make the run long, marker in the title)
    "4.5": ("landscape (1-D)", ">>" + "-" * 4 + "]]" + "+" * 198, b"Breaking gradient"),
    "5.3": ("landscape (2-D)", ">>" + "-" * 5 + "]" + "+" * 9, b"Freezing one weight"),
    "5.4": ("network", ">>" + "]" + "+" * 6, b"multiple outputs"),
    "6.5": ("network", ">" + "]]" + "+" * 22, b"Backprop"),  # 25 steps/s, 500 iterations: 20 s
}
TABLE = re.compile(r"^\s*\[\[?(network|landscape|predict)\]\]?\s*$")


def charts_alone(source: Path) -> Path:
    """A copy of the course without the instruments: their tables removed, no quizzes."""
    target = Path(tempfile.mkdtemp(prefix="grok-bench-lessons-")) / "lessons"
    shutil.copytree(source, target)
    for quiz in target.rglob("quiz.toml"):
        quiz.unlink()
    for path in target.rglob("*.md"):
        lines, out, skipping, fences = path.read_text(encoding="utf-8").split("\n"), [], False, 0
        for line in lines:
            if line.strip() == "+++":
                fences += 1
                skipping = False
            elif fences == 1 and TABLE.match(line):
                skipping = True
                continue
            elif (
                fences == 1
                and re.match(r"^panels = \[.*\]$", line)
                and "digit" not in line
                and "confusion" not in line
                and "hidden_weights" not in line
            ):
                continue  # the instrument panels named outright (the digits panels stay)
            elif fences == 1 and re.match(r"^\s*\[", line):
                skipping = False
            if not skipping:
                out.append(line)
        path.write_text("\n".join(out), encoding="utf-8")
    return target


def measure(
    grok: str, lesson: str, keys: str, marker: bytes, lessons: Path, seconds: float, size: tuple[int, int]
) -> float:
    data = tempfile.mkdtemp(prefix="grok-bench-")
    cols, rows = size
    program = PtyProgram([grok, lesson], cols, rows, {"GROK_TUI_DATA": data, "GROK_TUI_LESSONS": str(lessons)})
    try:
        if program.wait_for(marker) is None:
            raise RuntimeError(f"grok-tui {lesson} did not start")
        program.read_for(1.5)
        found = load_catalog(lessons).get(lesson)
        view = "l" + ("g" * len(found.charts) if cols < 110 and found.panels else "")
        for key in view:
            program.send(key)
            program.read_for(0.3)
        program.buffer.clear()
        program.send(keys)
        if found.predictions and program.wait_for(b"enter: check", timeout=10.0) is not None:
            program.send("\x1b")  # the lesson asks a prediction when the run plays: skipped
        program.read_for(2.0)  # the burst of key handling settles; the run plays
        return program.read_for(seconds) / seconds
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    only = set(sys.argv[2:])  # lesson ids; all when none
    grok = str(Path(sys.executable).with_name("grok-tui"))
    bare = charts_alone(LESSONS)
    cases = [(lesson, LESSONS, *case) for lesson, case in CASES.items()]
    try:
        for size in ((80, 24), (120, 40)):
            for lesson, course, shown, keys, marker in cases:
                if only and lesson not in only:
                    continue
                with_panel = measure(grok, lesson, keys, marker, course, seconds, size)
                alone = measure(grok, lesson, keys, marker, bare, seconds, size)
                against = "first chart instead" if size[0] < 110 else "charts alone"
                print(
                    f"{lesson} {size[0]}x{size[1]} lab, {shown:16s} {with_panel / 1024:6.1f} KiB/s   "
                    f"{against} {alone / 1024:6.1f} KiB/s   ({seconds:g} s)",
                    flush=True,
                )
    finally:
        shutil.rmtree(bare.parent, ignore_errors=True)


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

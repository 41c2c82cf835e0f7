"""Bytes per second while a lesson plays with its instrument panel shown, against the same lesson with
the instruments taken out of its metadata (charts alone), in a 100x30 pseudo-terminal.

Run by hand: `python bench/instruments_bandwidth.py [SECONDS]`. For each lesson it starts
`grok-tui ID` twice, once on the course as it is and once on a copy whose lessons lost their
`[network]`, `[landscape]` and `[[predict]]` tables, the panels they name and the chapter quizzes,
presses the keys that
make the run long, and measures the output while it plays. The panels repaint at most 5 times a
second and only when their picture changed, so the figure with the panel should not be higher.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
CASES = {
    # id: (what is shown, keys that make the run long, marker in the title)
    "4.5": ("landscape (1-D)", ">>" + "-" * 4 + "]]" + "+" * 198, b"Breaking gradient"),
    "5.3": ("landscape (2-D)", ">>" + "-" * 5 + "]" + "+" * 9, b"Freezing one weight"),
    "5.4": ("network", ">>" + "]" + "+" * 6, b"multiple outputs"),
    "6.5": ("network", ">>" + "]]" + "+" * 20, b"Backprop"),
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


def measure(grok: str, lesson: str, keys: str, marker: bytes, lessons: Path, seconds: float) -> float:
    data = tempfile.mkdtemp(prefix="grok-bench-")
    program = PtyProgram([grok, lesson], 100, 30, {"GROK_TUI_DATA": data, "GROK_TUI_LESSONS": str(lessons)})
    try:
        if program.wait_for(marker) is None:
            raise RuntimeError(f"grok-tui {lesson} did not start")
        program.read_for(1.5)
        program.send(keys)
        program.read_for(2.0)  # the burst of key handling settles; the run plays
        return program.read_for(seconds) / seconds
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    grok = str(Path(sys.executable).with_name("grok-tui"))
    bare = charts_alone(LESSONS)
    try:
        for lesson, (shown, keys, marker) in CASES.items():
            with_panel = measure(grok, lesson, keys, marker, LESSONS, seconds)
            alone = measure(grok, lesson, keys, marker, bare, seconds)
            print(
                f"{lesson} with the {shown:16s} {with_panel / 1024:6.1f} KiB/s   charts alone "
                f"{alone / 1024:6.1f} KiB/s   ({seconds:g} s at 100x30, 25 steps/s)"
            )
    finally:
        shutil.rmtree(bare.parent, ignore_errors=True)


if __name__ == "__main__":
    main()

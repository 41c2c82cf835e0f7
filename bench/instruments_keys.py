"""How fast a key press shows on screen while 6.5 plays with its network diagram shown, over a local
pseudo-terminal, at 80x24 and 120x40 (the issue: keys within 100 ms).

Run by hand: `python bench/instruments_keys.py [PRESSES]` (default 20). For each size it starts
`grok-tui 6.5`, opens the lab view (`l`; at 80 columns `g g` brings the diagram, one item at a time),
sets 500 iterations (the run starts once the keys rest) and, while it plays, presses `>` and `<` in
turn: the time is from writing the key to the pty until the speed it set has been written back (the
notice `speed 25/s`), the whole path from key to bytes on the terminal.

6.5's step() records its layers and weights, so the diagram is redrawn as it plays (the cost this
bench is about). For comparison, in the same run: the first chart shown instead of the diagram
(80x24), a copy of the course without the `[network]` (120x40, charts alone).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _pty import PtyProgram
from key_latency import latencies, report

LESSONS = Path(__file__).resolve().parent.parent / "lessons"
ITERATIONS = "]]" + "+" * 22
"""6.5's iterations from 60 to 500 (the third param; each + one rung)."""
PACE = 10.0
"""6.5's pace, steps per second."""


def course_copy(source: Path, change) -> Path:
    """A copy of the course with 6.5's file changed by `change(text) -> text`."""
    target = Path(tempfile.mkdtemp(prefix="grok-bench-lessons-")) / "lessons"
    shutil.copytree(source, target)
    path = next(target.glob("ch6/6.5-*.md"))
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    if changed == text:
        raise RuntimeError(f"{path.name} is not as this bench expects")
    path.write_text(changed, encoding="utf-8")
    return target


def without_network(text: str) -> str:
    """6.5 without its `[network]` (which brings the panel): charts alone."""
    out, skipping = [], False
    for line in text.split("\n"):
        if line.strip() == "[network]":
            skipping = True
        elif skipping and (line.startswith("[") or line.strip() == "+++"):
            skipping = False
        if not skipping:
            out.append(line)
    return "\n".join(out)


def measure(
    grok: str, size: tuple[int, int], lessons: Path, show_network: bool, presses: int, marker: bytes = b""
) -> list[float]:
    data = tempfile.mkdtemp(prefix="grok-bench-")
    cols, rows = size
    program = PtyProgram([grok, "6.5"], cols, rows, {"GROK_TUI_DATA": data, "GROK_TUI_LESSONS": str(lessons)})
    try:
        if program.wait_for(b"step 0", timeout=30) is None:
            raise RuntimeError("grok-tui 6.5 did not start")
        program.wait_quiet(1.0)
        for key in "l" + ("gg" if show_network and cols < 110 else ""):
            program.send(key)
            program.wait_quiet(0.3)
        program.buffer.clear()
        program.send(ITERATIONS)
        if program.wait_for(b"step 5", timeout=30) is None:
            raise RuntimeError("6.5 did not start playing")
        if marker and program.wait_for(marker, timeout=10) is None:
            raise RuntimeError(f"{marker!r} is not on screen")
        program.read_for(1.0)
        # `>` and `<` in turn from the pace (10 -> 25 -> 10 ...), the run playing 0.1 s between presses.
        times, _, _ = latencies(program, presses, PACE, ">", lambda: True, lambda: program.read_for(0.1))
        return times
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def main() -> int:
    presses = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    grok = shutil.which("grok-tui") or str(Path(sys.executable).parent / "grok-tui")
    copies = {"bare": course_copy(LESSONS, without_network)}
    try:
        for size in ((80, 24), (120, 40)):
            where = f"{size[0]}x{size[1]} lab"
            report(f"6.5 {where}, diagram", measure(grok, size, LESSONS, True, presses, b"weights_0_1"))
            if size[0] < 110:
                report(f"6.5 {where}, first chart instead", measure(grok, size, LESSONS, False, presses))
            else:
                report(f"6.5 {where}, charts alone (no diagram)", measure(grok, size, copies["bare"], False, presses))
    finally:
        for copy in copies.values():
            shutil.rmtree(copy.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    raise SystemExit(main())

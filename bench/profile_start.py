"""Where a start to a lesson spends its time: a headless run of the app under cProfile.

Run by hand: `python bench/profile_start.py [LESSON|contents] [COLSxROWS]` (defaults 4.5, 80x24). Starts the app
headless with LESSON open, waits until its screen has been composed, mounted and laid out, and
prints: the wall time, how many widgets the screen has (and of which kinds), how often Textual
applied CSS and laid out the screen, and the functions with the largest cumulative time.
"""

from __future__ import annotations

import asyncio
import collections
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grok_tui.lesson.catalog import load_catalog
from grok_tui.progress import Progress
from grok_tui.ui.app import GrokApp

DATA = tempfile.TemporaryDirectory(prefix="grok-bench-")
"""The run's progress folder, removed when the bench ends."""


async def start(lesson: str, size: tuple[int, int]) -> tuple[collections.Counter[str], bool]:
    start_lesson = None if lesson == "contents" else lesson
    os.environ["GROK_TUI_DATA"] = DATA.name  # fresh progress: no resume
    app = GrokApp(load_catalog(), start_lesson, progress=Progress.load())
    async with app.run_test(size=size) as pilot:
        # Below 110 columns the lesson opens at once and builds its lab (charts, panels) after its first
        # frame, on a worker; wider, it opens once the lab's modules are imported (a worker too).
        for _ in range(200):
            if type(app.screen).__name__ == "LessonScreen" or start_lesson is None:
                break
            await pilot.pause(0.01)
        await pilot.pause()
        await pilot.pause()
        kinds = collections.Counter(type(w).__name__ for w in app.screen.walk_children())
        return kinds, bool(getattr(app.screen, "lab_built", False))


def main() -> None:
    lesson = sys.argv[1] if len(sys.argv) > 1 else "4.5"
    cols, rows = map(int, (sys.argv[2] if len(sys.argv) > 2 else "80x24").split("x"))
    profile = cProfile.Profile()
    began = time.perf_counter()
    profile.enable()
    kinds, lab_built = asyncio.run(start(lesson, (cols, rows)))
    profile.disable()
    wall = time.perf_counter() - began
    print(f"grok-tui {lesson} headless at {cols}x{rows}: {wall:.2f} s under cProfile (slower than a real start)")
    print(f"widgets on the screen: {sum(kinds.values())}: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common(12)))
    print(f"its lab (charts, panels) {'built' if lab_built else 'not built yet'} when the profile ended")
    stats = pstats.Stats(profile)
    calls = {f"{Path(f).name}:{name}": (cc, ct) for (f, _, name), (cc, _, _, ct, _) in stats.stats.items()}  # type: ignore[attr-defined]
    for key in (
        "stylesheet.py:apply",
        "stylesheet.py:update_nodes",
        "screen.py:_refresh_layout",
        "_arrange.py:arrange",
        "markdown.py:_parse_markdown",
        "syntax.py:highlight",
        "catalog.py:load_catalog",
    ):
        found = [(k, v) for k, v in calls.items() if k.endswith(key)]
        for k, (count, cumulative) in found:
            print(f"  {k:40s} {count:6d} calls  {cumulative:6.3f} s cumulative")
    print("largest cumulative (grok_tui and textual):")
    stats.sort_stats("cumulative")
    rows_printed = 0
    for (f, line, name), (_, _, _, ct, _) in sorted(stats.stats.items(), key=lambda kv: -kv[1][3]):  # type: ignore[attr-defined]
        if ("grok_tui" in f or "textual" in f) and rows_printed < 25:
            print(f"  {ct:6.3f} s  {Path(f).parent.name}/{Path(f).name}:{line} {name}")
            rows_printed += 1


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

"""How soon a re-run of a digits lesson shows its first step: a learner pressing + or - re-runs it.

Run by hand: `python bench/rerun_start.py [PAUSE] [OTHER_CHECKOUT] [READ]` (default pause 0 s,
read 5 s). Opens lesson 7.5 as the tutor does, waits READ seconds (the learner reading; the lesson
screen calls lesson_imports.prepare after its PREPARE_DELAY of 2 s), then runs it (3 epochs) six
times in a row through the engine, PAUSE seconds apart, and prints the seconds from start() to the
first step of each. A 7.5 run imports scikit-learn (~1.1-1.5 s of a core) unless its process was
forked with it loaded. With OTHER_CHECKOUT (a folder holding another version's grok_tui/, e.g.
`git archive COMMIT | tar -x -C /tmp/before`; `-` for none) the same is run with that version
first, for a before/after side by side.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

RUNS = 6
HERE = Path(__file__).resolve().parent

CHILD = """
import sys, threading, time
from pathlib import Path
from grok_tui.engine import process
from grok_tui.engine.runner import LessonRun, StepEvent
from grok_tui.lesson.catalog import load_catalog

pause, read = float(sys.argv[1]), float(sys.argv[4])
lesson = {l.id: l for l in load_catalog(Path(sys.argv[2])).lessons}["7.5"]
process.warm_up()  # the tutor starts its forkserver and spare at start-up
time.sleep(min(read, 2.0))  # the lesson screen's PREPARE_DELAY
try:
    from grok_tui.engine import lesson_imports
    lesson_imports.prepare(lesson)
except ImportError:  # a version from before lesson_imports.py
    pass
time.sleep(max(read - 2.0, 0.0))
firsts = []
for _ in range(int(sys.argv[3])):
    first = threading.Event()
    run = LessonRun(lesson, {"epochs": 3}, listener=lambda e: isinstance(e, StepEvent) and first.set(), speed=0)
    start = time.monotonic()
    run.start()
    first.wait(60)
    firsts.append(time.monotonic() - start)
    run.join(60)
    run.close()
    time.sleep(pause)
print(" ".join(f"{x:.2f}" for x in firsts))
"""


def measure(pause: float, read: float, pythonpath: str | None) -> str:
    env = {**os.environ, **({"PYTHONPATH": pythonpath} if pythonpath else {})}
    lessons = HERE.parent / "lessons"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(pause), str(lessons), str(RUNS), str(read)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd="/",  # not the checkout: `python -c` puts the working folder first on sys.path
    )
    return done.stdout.strip()


def main() -> None:
    pause = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    other = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None
    read = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    print(f"seconds from start() to the first step of 7.5, {RUNS} runs {pause:g} s apart, {read:g} s after opening")
    if other:
        print(f"other: {measure(pause, read, str(Path(other).resolve()))}")
    print(f"this:  {measure(pause, read, None)}")


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

"""How soon a re-run of a digits lesson shows its first step: a learner pressing + or - re-runs it.

Run by hand: `python bench/rerun_start.py [PAUSE] [OTHER_CHECKOUT]` (default pause 0 s). Runs lesson
7.5 (3 epochs) six times in a row through the engine, PAUSE seconds apart, and prints the seconds
from start() to the first step of each. Every 7.5 run imports scikit-learn (~1.1 s of a core)
unless its process was forked with it loaded: the first run always pays it. With OTHER_CHECKOUT (a
folder holding another version's grok_tui/, e.g. `git archive COMMIT | tar -x -C /tmp/before`) the
same is run with that version first, for a before/after side by side.
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

pause = float(sys.argv[1])
lesson = {l.id: l for l in load_catalog(Path(sys.argv[2])).lessons}["7.5"]
process.warm_up()
time.sleep(2)  # the tutor starts its forkserver and spare at start-up
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


def measure(pause: float, pythonpath: str | None) -> str:
    env = {**os.environ, **({"PYTHONPATH": pythonpath} if pythonpath else {})}
    lessons = HERE.parent / "lessons"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(pause), str(lessons), str(RUNS)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        cwd="/",  # not the checkout: `python -c` puts the working folder first on sys.path
    )
    return done.stdout.strip()


def main() -> None:
    pause = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    print(f"seconds from start() to the first step of 7.5, {RUNS} runs {pause:g} s apart")
    if len(sys.argv) > 2:
        print(f"other: {measure(pause, str(Path(sys.argv[2]).resolve()))}")
    print(f"this:  {measure(pause, None)}")


if __name__ == "__main__":
    main()

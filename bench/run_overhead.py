"""Time from start() to the first recorded step, and the cost of a step: lesson code in a child
process (grok_tui.engine.runner) against the in-process runner it replaced (tests/inprocess_runner.py).

Run by hand from the checkout: `OPENBLAS_NUM_THREADS=1 python bench/run_overhead.py [RUNS] [PAUSE]`.
For lessons 4.5, 7.4 (the network, its gradient check) and 7.5 (the classifier, which was 7.4 before
the chapter 7 rewrite), and a synthetic lesson of 20,000 empty steps (its time per step is the
runner's own overhead), it prints the median over RUNS runs (default 5) of: start() -> the first
StepEvent delivered to the listener, the whole run at full speed, and the time per step. The two
runners alternate, run for run, so a busy machine slows both alike. PAUSE seconds (default 1) pass
between runs, as a learner reads between two presses of space. The first run of each lesson is
printed on its own: it pays for imports (numpy, and scikit-learn in chapter 7).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from grok_tui.engine import process
from grok_tui.engine.runner import LessonRun
from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.parse import parse_lesson
from tests.inprocess_runner import LessonRun as InProcessRun

SYNTHETIC = """+++
id = "0.1"
chapter = 0
title = "empty steps"
+++

```python train
for i in range(20000):
    step(i=i)
```
"""


def once(runner, lesson, pause: float) -> tuple[float, float, int]:
    time.sleep(pause)
    first = threading.Event()
    done = threading.Event()
    marks: dict[str, float] = {}

    def listen(event) -> None:
        kind = type(event).__name__
        if kind == "StepEvent" and not first.is_set():
            marks["first"] = time.perf_counter()
            first.set()
        elif kind == "StateEvent" and event.state.done:
            marks["done"] = time.perf_counter()
            done.set()

    run = runner(lesson, listener=listen, speed=0)
    t0 = time.perf_counter()
    run.start()
    done.wait(300)
    run.join(10)
    steps = len(run.steps)
    close = getattr(run, "close", None)
    if close is not None:
        close()
    return marks["first"] - t0, marks["done"] - t0, steps


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    pause = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    catalog = load_catalog()
    process.warm_up()  # the tutor starts its forkserver and spare process at start-up
    time.sleep(2)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "empty.md"
        path.write_text(SYNTHETIC, encoding="utf-8")
        synthetic, problems = parse_lesson(path)
        assert synthetic is not None, problems
        lessons = [catalog.get("4.5"), catalog.get("7.4"), catalog.get("7.5"), synthetic]
        print(
            f"{'lesson':6} {'runner':10} {'first run: 1st step':>20} {'median 1st step':>16} "
            f"{'median run':>11} {'steps':>6} {'per step':>9}"
        )
        for lesson in lessons:
            cold = {name: once(runner, lesson, pause) for name, runner in RUNNERS}
            warm: dict[str, list] = {name: [] for name, _ in RUNNERS}
            for _ in range(runs):
                for name, runner in RUNNERS:
                    warm[name].append(once(runner, lesson, pause))
            for name, _ in RUNNERS:
                first = statistics.median(w[0] for w in warm[name])
                total = statistics.median(w[1] for w in warm[name])
                steps = warm[name][0][2]
                print(
                    f"{lesson.id:6} {name:10} {cold[name][0] * 1000:18.1f}ms {first * 1000:14.1f}ms "
                    f"{total * 1000:9.1f}ms {steps:6} {total / steps * 1e6:7.1f}us"
                )


RUNNERS = [("in-process", InProcessRun), ("child", LessonRun)]


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

"""Lesson 7.5's numpy classifier against scikit-learn's MLPClassifier on the same digits split.

    /work/venv/bin/python bench/digits_vs_sklearn.py

For seeds 0-4 it runs the whole lesson headless (every cell: data, gradient check, 100 epochs with
per-epoch evaluation; checks off), exactly as `grok-tui run 7.5 --set seed=N` does, and fits
MLPClassifier(hidden_layer_sizes=(64,), random_state=N) on the same stratified split (inputs / 16).
Both run in this process after scikit-learn is imported once, so neither pays the import, and
with one OpenBLAS thread, as `grok-tui` sets it. Then it times both cold, as separate processes
(interpreter start + imports + work), each with its own default threading.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as grok-tui's main() does, before numpy loads

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = range(5)

MLP_COLD = """
import warnings
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
warnings.simplefilter("ignore")
d = load_digits()
xtr, xte, ytr, yte = train_test_split(d.data / 16, d.target, test_size=0.25,
                                      random_state=0, stratify=d.target)
print(MLPClassifier(hidden_layer_sizes=(64,), random_state=0).fit(xtr, ytr).score(xte, yte))
"""


def lesson_runs() -> list[tuple[float, float]]:
    from grok_tui.engine.runner import LessonRun, RunState
    from grok_tui.lesson.catalog import load_catalog

    lesson = next(x for x in load_catalog(ROOT / "lessons").lessons if x.id == "7.5")
    out = []
    for seed in SEEDS:
        start = time.perf_counter()
        run = LessonRun(lesson, {"seed": seed})
        result = run.run_sync()
        elapsed = time.perf_counter() - start
        assert result.state is RunState.FINISHED, result.detail
        out.append((float(run.namespace["test_accuracy"]), elapsed))
    return out


def sklearn_fits() -> list[tuple[float, float]]:
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.neural_network import MLPClassifier

    digits = load_digits()
    xtr, xte, ytr, yte = train_test_split(
        digits.data / 16, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    out = []
    for seed in SEEDS:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # it stops at max_iter=200 with a ConvergenceWarning
            model = MLPClassifier(hidden_layer_sizes=(64,), random_state=seed).fit(xtr, ytr)
        elapsed = time.perf_counter() - start
        out.append((float(model.score(xte, yte)), elapsed))
    return out


def cold(cmd: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def main() -> None:
    import sklearn.datasets  # noqa: F401  (pay the ~1 s import once, outside both timings)

    ours, theirs = lesson_runs(), sklearn_fits()
    print("seed  lesson 7.5 acc  time   | MLPClassifier acc  time")
    for seed, (a, t), (b, u) in zip(SEEDS, ours, theirs, strict=True):
        print(f"{seed:>4}  {a:>14.4f}  {t:5.2f}s | {b:>17.4f}  {u:5.2f}s")
    acc_a, acc_b = statistics.mean(a for a, _ in ours), statistics.mean(b for b, _ in theirs)
    time_a, time_b = statistics.mean(t for _, t in ours), statistics.mean(u for _, u in theirs)
    print(f"mean  {acc_a:>14.4f}  {time_a:5.2f}s | {acc_b:>17.4f}  {time_b:5.2f}s")
    print(f"whole lesson run / MLPClassifier fit (mean time, in process): {time_a / time_b:.2f}")

    grok = cold([sys.executable, "-m", "grok_tui", "run", "7.5"])
    mlp = cold([sys.executable, "-c", MLP_COLD])
    print(f"cold processes: `grok-tui run 7.5` {grok:.2f}s, MLPClassifier script {mlp:.2f}s, ratio {grok / mlp:.2f}")


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

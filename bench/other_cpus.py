"""Do the lessons' check cells pass on other CPUs? Runs `grok-tui check` three times: with this
machine's fastest code paths, then with numpy and OpenBLAS held to AVX2 (Haswell), then numpy to
SSE4.2 and OpenBLAS to AVX (Sandybridge). x86 with OpenBLAS only: elsewhere (ARM, macOS's Accelerate)
nothing can be held back, and the script says so.

Each path rounds the last bits of a sum differently, and a chaotic run (7.5 at alpha 2 with tanh, 7.6
with batches of 2) amplifies that into another curve. A check cell that pins such a
run's exact numbers passes here and fails on a learner's laptop; this finds it before they do.

    python bench/other_cpus.py [LESSON_FILE_OR_DIR]

Prints each path's verdict and the failing checks. Not a test: it runs the course three times.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from numpy._core._multiarray_umath import __cpu_features__

AVX512 = [name for name in __cpu_features__ if name.startswith("AVX512") or name == "X86_V4"]
AVX2 = ["AVX2", "FMA3", "X86_V3"]
PATHS = {
    "this CPU": {},
    "AVX2 (Haswell)": {"disable": AVX512, "blas": "Haswell"},
    "SSE4.2 / AVX (Sandybridge)": {"disable": AVX512 + AVX2, "blas": "Sandybridge"},
}


def environment(path: dict) -> dict[str, str]:
    env = dict(os.environ)
    # numpy refuses to disable a feature this CPU lacks: name only those it has.
    disable = [name for name in path.get("disable", []) if __cpu_features__.get(name)]
    if disable:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(disable)
    if "blas" in path:
        env["OPENBLAS_CORETYPE"] = path["blas"]
    return env


def main() -> int:
    target = sys.argv[1:2]
    if not __cpu_features__.get("AVX2"):
        print("numpy reports no AVX2 on this CPU: the three runs would use the same code paths.")
    failed = 0
    for name, path in PATHS.items():
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "grok_tui", "check", *target], env=environment(path), capture_output=True, text=True
        )
        lines = [line for line in done.stdout.splitlines() if not line.startswith("ok ")]
        print(f"== {name}: exit {done.returncode}, {time.perf_counter() - start:.1f} s")
        print("\n".join(lines) or done.stderr.strip())
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    sys.exit(main())

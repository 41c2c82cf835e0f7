"""Runs each exported lesson script given on the command line, as `python -I script.py` would, but
forked from one interpreter that has imported numpy and scikit-learn once: six digits scripts each
paid about 1.5 s of a core to import scikit-learn. Each script still runs in its own process with
fresh globals (it must import what it uses itself), its own working directory and output files.

Usage: python -I run_scripts_forked.py OUT_DIR SCRIPT... ; prints one line per script:
"<exit status> <name>", its stdout and stderr in OUT_DIR/<name>.out and .err."""

from __future__ import annotations

import os
import runpy
import sys
import traceback
from pathlib import Path

import numpy  # noqa: F401  (preloaded for the children; each script imports what it uses)
import sklearn.datasets
import sklearn.model_selection  # noqa: F401

PARALLEL = 2


def run_child(script: Path, out_dir: Path) -> None:
    """In the forked child: the script as __main__, its output in two files; never returns."""
    with open(out_dir / f"{script.name}.out", "wb") as out, open(out_dir / f"{script.name}.err", "wb") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
    status = 0
    try:
        sys.argv = [str(script)]
        runpy.run_path(str(script), run_name="__main__")
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
        status = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def main() -> None:
    out_dir = Path(sys.argv[1])
    waiting = [Path(arg) for arg in sys.argv[2:]]
    running: dict[int, Path] = {}
    while waiting or running:
        while waiting and len(running) < PARALLEL:
            script = waiting.pop(0)
            pid = os.fork()
            if pid == 0:
                run_child(script, out_dir)
            running[pid] = script
        pid, status = os.wait()
        print(os.waitstatus_to_exitcode(status), running.pop(pid).name, flush=True)


if __name__ == "__main__":
    main()

"""Slow packages a run imported are imported once, by a warm forkserver, not again by every run:
processes forked after it have them already, and they behave as any lesson process does."""

from __future__ import annotations

import contextlib
import sys
import threading

import pytest

from grok_tui.engine import lesson_imports, process
from grok_tui.engine.forkservers import WarmServer
from grok_tui.engine.lesson_imports import imported_modules
from grok_tui.engine.runner import LessonRun, RunState
from tests.faulty import lesson, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver; /proc")

# joblib: one of process.WARM_PACKAGES, and light (scikit-learn would do the same, slower).
IMPORTS_JOBLIB = "import sys\nhad_it = 'joblib' in sys.modules\nimport joblib\nstep(had_it=float(had_it))"
# The same import hidden from a reading of the code (lesson_imports.py): only the run shows it.
IMPORTS_JOBLIB_UNSEEN = IMPORTS_JOBLIB.replace("import joblib", "__import__('job' + 'lib')")


def run_to_end(parsed):
    run = LessonRun(parsed)
    result = run.run_sync(30)
    run.close()
    assert result.state is RunState.FINISHED, result.detail
    return result


def test_a_module_a_run_imported_is_in_every_later_process(tmp_path, cold_pool, monkeypatch):
    ended: list[list[str]] = []
    original = process.run_ended
    monkeypatch.setattr(process, "run_ended", lambda modules: (ended.append(modules), original(modules)))
    parsed = lesson(tmp_path, "imports_joblib", IMPORTS_JOBLIB_UNSEEN)

    first = run_to_end(parsed)
    assert first.steps[0].values["had_it"] == 0.0
    assert "joblib" in ended[-1], "the run reports what it imported"

    assert wait_until(lambda: process._server is not None, 30), "a warm server starts after the run"
    assert process._server is not None and "joblib" in process._server.modules
    assert not process._server_failed

    second = run_to_end(parsed)
    assert second.steps[0].values["had_it"] == 1.0, "forked with joblib imported"
    assert "joblib" not in ended[-1]
    assert run_to_end(parsed).steps[0].values["had_it"] == 1.0  # and the spare after it


def test_a_process_from_the_warm_server_reports_its_exit_and_its_line(tmp_path, cold_pool):
    run_to_end(lesson(tmp_path, "imports_joblib", IMPORTS_JOBLIB))
    assert wait_until(lambda: process._server is not None, 30)

    run = LessonRun(lesson(tmp_path, "exit"))
    result = run.run_sync(30)
    run.close()
    assert result.state is RunState.FAILED
    assert "the lesson's code ended its process (exit status 3) at line 13" in result.detail


def test_a_module_that_breaks_on_import_leaves_the_server_working(tmp_path, cold_pool):
    # A preload that fails with ImportError is skipped by the server: the run still gets its process.
    process.run_ended(["joblib", "joblib.no_such_module_here"])
    assert wait_until(lambda: process._server is not None or process._server_failed, 30)
    assert process._server is not None
    assert run_to_end(lesson(tmp_path, "fine")).steps[-1].values["a"] == 2.0


def test_a_slow_import_in_the_code_is_loaded_before_the_first_run_and_once(tmp_path, cold_pool, monkeypatch):
    started: list[tuple[str, ...]] = []
    original = process.WarmServer.__init__

    def counting(self, modules):
        started.append(modules)
        original(self, modules)

    monkeypatch.setattr(process.WarmServer, "__init__", counting)
    parsed = lesson(tmp_path, "imports_joblib", IMPORTS_JOBLIB)

    first = run_to_end(parsed)
    assert first.steps[0].values["had_it"] == 1.0, "the first run's process was forked with joblib loaded"
    assert started == [("joblib",)]
    assert run_to_end(parsed).steps[0].values["had_it"] == 1.0
    assert started == [("joblib",)], "the runs imported nothing new: no second server imports joblib again"


def test_prepare_without_a_slow_import_starts_no_server(cold_pool):
    process.prepare(("numpy", "math", "os.path"), wait=5)
    assert process._server is None and not process._server_starting


def test_the_modules_a_lesson_imports_are_read_from_its_code(tmp_path):
    code = (
        "import numpy as np, os.path  # two\n"
        "from sklearn.datasets import load_digits\n"
        "from . import sibling\n"
        "def f():\n"
        "    from joblib.testing import (\n"
        "        param, raises)\n"
        "    import json\n"
        "fromage = import_count = 1\n"
        "step(a=1.0)"
    )
    parsed = lesson(tmp_path, "imports", code)
    assert imported_modules(parsed) == ("numpy", "os.path", "sklearn.datasets", "joblib.testing", "json")


def test_a_run_goes_on_when_preparing_its_imports_fails(tmp_path, cold_pool, monkeypatch):
    def broken(lesson, wait=0.0):
        raise SystemError("AST constructor recursion depth mismatch")  # as ast.parse in threads on 3.11

    monkeypatch.setattr(lesson_imports, "prepare", broken)
    assert run_to_end(lesson(tmp_path, "fine")).steps[-1].values["a"] == 2.0


def test_more_modules_of_a_package_the_server_has_start_no_second_server(tmp_path, cold_pool, monkeypatch):
    # As load_digits imports sklearn.datasets.data after `from sklearn.datasets import load_digits`.
    started: list[tuple[str, ...]] = []
    original = process.WarmServer.__init__
    monkeypatch.setattr(process.WarmServer, "__init__", lambda self, m: (started.append(m), original(self, m))[1])
    parsed = lesson(tmp_path, "imports_more", "import joblib\n__import__('joblib.testing')\nstep(a=1.0)")
    run_to_end(parsed)
    run_to_end(parsed)
    assert wait_until(lambda: not process._server_starting, 30)
    assert started == [("joblib",)], "one server: joblib.testing is quick to import where joblib is"


def test_a_launch_through_one_server_does_not_wait_for_another_still_importing(tmp_path, cold_pool, monkeypatch):
    (tmp_path / "grok_slow_to_import.py").write_text("import time\ntime.sleep(4)\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))  # a forkserver's sys.path is its own
    quick, slow = WarmServer(("json",)), WarmServer(("grok_slow_to_import",))
    quick.ensure_running()
    slow.ensure_running()  # it imports its modules when asked for its first process
    connecting, slow_started = threading.Event(), threading.Event()
    connect = slow.server.connect_to_new_process
    monkeypatch.setattr(slow.server, "connect_to_new_process", lambda fds: (connecting.set(), connect(fds))[1])

    def start_through_slow() -> None:
        process.ChildProcess([], slow).close()
        slow_started.set()

    threading.Thread(target=start_through_slow, daemon=True).start()
    assert connecting.wait(30)
    child = process.ChildProcess([], quick)  # a run's process while the other server imports
    assert not slow_started.is_set(), "the quick server's launch waited for the slow one's imports"
    assert child.process.is_alive()
    child.close()
    assert slow_started.wait(30)
    for server in (quick, slow):
        with contextlib.suppress(Exception):
            server.server._stop()

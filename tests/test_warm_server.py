"""Slow packages a run imported are imported once, by a warm forkserver, not again by every run:
processes forked after it have them already, and they behave as any lesson process does."""

from __future__ import annotations

import sys

import pytest

from grok_tui.engine import process
from grok_tui.engine.runner import LessonRun, RunState
from tests.faulty import lesson, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver; /proc")

# joblib: one of process.WARM_PACKAGES, and light (scikit-learn would do the same, slower).
IMPORTS_JOBLIB = "import sys\nhad_it = 'joblib' in sys.modules\nimport joblib\nstep(had_it=float(had_it))"


@pytest.fixture
def cold_pool(monkeypatch):
    """No warm server yet and nothing learned, whatever earlier tests in this process ran."""
    process.shutdown()
    monkeypatch.setattr(process, "_warm", {})
    monkeypatch.setattr(process, "_server", None)
    monkeypatch.setattr(process, "_server_starting", False)
    monkeypatch.setattr(process, "_server_failed", False)
    yield
    process.shutdown()


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
    parsed = lesson(tmp_path, "imports_joblib", IMPORTS_JOBLIB)

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

"""Shared fixtures: the course folder, and a private data directory so tests never touch the learner's."""

from __future__ import annotations

import atexit
import gc
import os
import re
import shutil
import sys
import tempfile

# One BLAS thread, as the command line runs lessons: the lessons' matrices are small, and on a
# 2-core machine running the suite, BLAS threads fighting each other double its time. Set before
# numpy loads; threadpoolctl covers a numpy a plugin imported first.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
# The parsed-course cache of this test session: never the user's (modules load the course at import).
if "GROK_TUI_CACHE" not in os.environ:
    os.environ["GROK_TUI_CACHE"] = tempfile.mkdtemp(prefix="grok-tui-test-cache-")
    atexit.register(shutil.rmtree, os.environ["GROK_TUI_CACHE"], ignore_errors=True)
# Bytecode caches (__pycache__, git-ignored) even where PYTHONDONTWRITEBYTECODE is set, as on this
# machine: without them each xdist worker compiles and assertion-rewrites every test module on every
# run (5.1 s of a core to collect instead of 2.2 s). A clean checkout gains little (its workers
# compile the same modules at once); every later run of a working copy gains it all.
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from grok_tui.lesson.catalog import Catalog, load_catalog  # noqa: E402
from tests import pilot_pace  # noqa: E402

threadpool_limits(1)
pilot_pace.install()  # the keys of one pilot.press(...) typed at a typist's pace (tests/pilot_pace.py)

# The collector, tuned for a process that starts ~300 Textual apps: by default it rescans the
# objects every earlier test left behind, thousands of times (31 s of the workers' 190 s of CPU in
# one measured run, tracked with gc.callbacks). Collecting young objects less often, and moving what
# is alive after each test to the permanent generation, cut the workers' CPU to 156 s and the
# suite's wall time by ~10%; each worker then keeps up to ~400 MB instead of ~200. Nothing a test
# checks depends on when cycles are freed: the memory tests collect explicitly.
gc.set_threshold(50_000, 20, 100)


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    gc.freeze()


SLOW = (
    "tests/test_course.py::test_lesson_checks_pass[7.2]",
    "tests/test_course.py::test_lesson_checks_pass[7.4]",
    "tests/test_course.py::test_lesson_checks_pass[7.5]",
    "tests/test_course.py::test_lesson_checks_pass[7.6]",
    "tests/test_digits.py::test_extreme_parameters_do_not_crash",
    "tests/test_digits.py::test_overfitting_lesson_shows_the_gap_and_the_books_batch_slip",
    "tests/test_export.py::test_every_lesson_exported_as_a_script_runs_with_plain_python",
)
"""Tests that train the digits network in full (several runs each; the export test runs every
lesson): `pytest -m "not slow"` skips them locally; the README's command and CI run everything."""


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (pyproject's addopts): two workers a core. A third of a one-worker-a-core run's
    time has both cores idle, its tests waiting on lesson processes, timeouts and pauses; a second
    worker a core fills it (2-core machine: 4 workers 135-148 s, 2 workers 156-184 s). xdist's
    own PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(2 * cores, 16)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # a lesson's checks may be split in parts: test_lesson_checks_pass[7.6-2] is 7.6's too
        if item.nodeid in SLOW or re.sub(r"-\d+\]$", "]", item.nodeid) in SLOW:
            item.add_marker(pytest.mark.slow)


ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "grok-data"
    monkeypatch.setenv("GROK_TUI_DATA", str(data))
    monkeypatch.setenv("GROK_TUI_CONFIG", str(tmp_path / "grok-config"))  # never the learner's settings
    # nor their state folder: a serve test's tutor, stopping on a closed pipe, left its crash log there
    monkeypatch.setenv("GROK_TUI_LOG_DIR", str(tmp_path / "grok-logs"))
    monkeypatch.delenv("GROK_TUI_LESSONS", raising=False)
    return data


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(LESSONS)


@pytest.fixture
def cold_pool(monkeypatch):
    """Lesson processes as in a new tutor: no warm forkserver and no slow module learned yet,
    whatever earlier tests in this process ran (grok_tui/engine/process.py)."""
    from grok_tui.engine import process

    process.shutdown()
    monkeypatch.setattr(process, "_warm", {})
    monkeypatch.setattr(process, "_server", None)
    monkeypatch.setattr(process, "_server_starting", False)
    monkeypatch.setattr(process, "_server_failed", False)
    yield
    process.shutdown()


@pytest.fixture
def read_only():
    """Writes under the data folder fail as on a read-only folder (the tests run as root, whom file
    permissions do not stop). Calling the fixture's value lifts it; only its own patches go (a test's
    `monkeypatch.undo()` also gave back the learner's data folder of private_data_dir)."""
    import errno

    import grok_tui.drafts as drafts_module
    import grok_tui.progress as progress_module

    def refuse(path, text):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(progress_module, "atomic_write", refuse)
        patch.setattr(drafts_module, "atomic_write", refuse)
        yield patch.undo

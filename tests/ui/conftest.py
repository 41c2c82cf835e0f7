"""Fixtures for the Pilot tests: a small fixed course (frozen copies of 3.1 and 4.5 in tests/ui/lessons),
so that edits to the real course cannot move the screens these tests look at."""

from __future__ import annotations

import importlib
import pkgutil
import shutil
from pathlib import Path

import pytest

from grok_tui.lesson.catalog import Catalog, load_catalog
from grok_tui.ui import panels
from grok_tui.ui.lesson_panels import CHART_MODULE

LESSONS = Path(__file__).resolve().parent / "lessons"
FIXED = ("ch3/3.1-one-input-one-weight.md", "ch4/4.5-breaking-gradient-descent.md")


@pytest.fixture
def lessons_dir(tmp_path) -> Path:
    root = tmp_path / "lessons"
    for rel in FIXED:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LESSONS / rel, root / rel)
    return root


@pytest.fixture
def small_catalog(lessons_dir) -> Catalog:
    catalog = load_catalog(lessons_dir)
    assert not catalog.errors and [l.id for l in catalog.lessons] == ["3.1", "4.5"]
    return catalog


@pytest.fixture(scope="session", autouse=True)
def lab_modules_loaded() -> None:
    """Every lab module (the charts' widget, every panel) imported before any app starts. A lesson
    opened wide enough to show its lab waits for them (GrokApp.open_lesson imports them on a thread),
    and in the first app of a test process that wait let a key the test pressed reach the contents
    instead: the help opened there, and the lesson then replaced it (a snapshot failed whenever it
    was the first test of its worker). The wait itself is tested with a slowed import
    (test_startup_lab.py)."""
    importlib.import_module(CHART_MODULE)
    for module in pkgutil.iter_modules(panels.__path__):
        importlib.import_module(f"{panels.__name__}.{module.name}")


@pytest.fixture
def course() -> Catalog:
    """The instruments' fixed course (tests/ui/instrument_lessons: 4.4, 4.5, 5.3, 6.4 and a quiz)."""
    catalog = load_catalog(Path(__file__).resolve().parent / "instrument_lessons")
    assert not catalog.errors, catalog.errors
    return catalog


@pytest.fixture(scope="session")
def trained():
    """The final namespace of lesson 7.5 after 5 epochs (0.89 test accuracy), for the chapter 7
    panels' tests (once a worker: read, never changed)."""
    from grok_tui.engine.runner import LessonRun, RunState
    from tests.conftest import LESSONS
    from tests.ui.digits_helpers import CLASSIFIER

    lesson = next(x for x in load_catalog(LESSONS).lessons if x.id == CLASSIFIER)
    run = LessonRun(lesson, {"epochs": 5})
    assert run.run_sync().state is RunState.FINISHED
    return lesson, run.namespace

"""A lesson whose code imports a slow package (scikit-learn, for the digits) has it loaded while the
learner reads, so that its first run does not import it (grok_tui/engine/lesson_imports.py)."""

from __future__ import annotations

import sys

import pytest

from grok_tui.engine import process
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens import lesson as lesson_module
from grok_tui.ui.screens.lesson import LessonScreen
from tests.faulty import write_lesson
from tests.ui.helpers import wait_for

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forkserver")

# joblib stands for scikit-learn: one of process.WARM_PACKAGES, and quick to import.
IMPORTS_JOBLIB = "import sys\nhad_it = 'joblib' in sys.modules\nimport joblib\nstep(had_it=float(had_it))"


async def test_a_lesson_being_read_loads_its_slow_imports_before_its_first_run(tmp_path, cold_pool, monkeypatch):
    monkeypatch.setattr(lesson_module, "PREPARE_DELAY", 0.05)
    write_lesson(tmp_path, "imports_joblib", IMPORTS_JOBLIB)
    catalog = load_catalog(tmp_path)
    (lesson,) = catalog.lessons
    app = GrokApp(catalog, start_lesson=lesson.id, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await wait_for(
            pilot,
            lambda: process._server is not None and "joblib" in process._server.modules,
            timeout=30,
            what="a warm server with joblib, before any run",
        )
        assert screen.run is None or not screen.run.steps
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")
        assert screen.run.steps[0].values["had_it"] == 1.0, "the first run's process had joblib loaded"

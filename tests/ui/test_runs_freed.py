"""Re-running a lesson keeps at most two runs alive (the one on screen and the one whose results the
panels still show), however many were run: their final values (7.5's images, ~4 MiB pickled each)
are freed, not kept per run."""

from __future__ import annotations

import gc
import weakref

from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from tests.conftest import LESSONS
from tests.ui.helpers import wait_for


async def test_old_runs_of_the_classifier_and_their_values_are_freed():
    app = GrokApp(load_catalog(LESSONS), start_lesson="7.5", speed=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        screen = app.screen
        screen.session.params["epochs"] = 2  # short runs: what is kept does not depend on length
        runs, namespaces = [], []
        for _ in range(4):
            before = screen.session.run
            await pilot.press("space")
            await wait_for(pilot, lambda before=before: screen.session.run is not before, 20, "a new run")
            await wait_for(pilot, lambda: screen.session.state is RunState.FINISHED, 60, "the run's end")
            await pilot.pause()
            run = screen.session.run
            assert "train_images" in run.namespace  # the panels read its values
            runs.append(weakref.ref(run))
            namespaces.append(weakref.ref(run.namespace))
            del run
            gc.collect()
        alive = [ref() is not None for ref in runs]
        assert alive[-1] and sum(alive) <= 2, alive
        assert sum(ref() is not None for ref in namespaces) <= 2

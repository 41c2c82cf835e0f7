"""Re-running a lesson keeps only the run on screen alive once its end is drawn, however many were
run: the runs before it and their final values are freed, not kept per run (the dimmed previous
curve is the session's copy of its series, not the run)."""

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
            old = id(screen.session.run)  # not the run itself: the test must not keep it alive
            await pilot.press("space")
            await wait_for(pilot, lambda old=old: id(screen.session.run) != old, 20, "a new run")
            await wait_for(pilot, lambda: screen.session.state is RunState.FINISHED and screen.ended, 60, "its end")
            await pilot.pause()
            run = screen.session.run
            assert "train_images" in run.namespace  # the panels read its values
            runs.append(weakref.ref(run))
            namespaces.append(weakref.ref(run.namespace))
            del run
            gc.collect()
        assert [ref() is not None for ref in runs] == [False, False, False, True]
        assert [ref() is not None for ref in namespaces] == [False, False, False, True]
        assert screen.session.previous["train_loss"].ys  # the run before lives on only as its curve

"""Re-running 7.5 keeps every feature that reads a run's final values, now that the big ones stay in
the run's process until read (grok_tui.engine.child.KEEP_BYTES): after each run the digits panels
show that run (not the one before), the drawing pad calls its predict, the values table has its
final values, and the chart keeps the previous run's curve, dimmed, with what changed."""

from __future__ import annotations

import numpy as np

from grok_tui.digits import confusion_matrix
from grok_tui.engine import process
from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from tests.conftest import LESSONS
from tests.ui.helpers import wait_for

EPOCHS = 2


def panel(screen: LessonScreen, name: str):
    return next(w for w in screen.panels.widgets if type(w).__module__.endswith(f".{name}"))


async def test_every_panel_shows_the_latest_of_several_runs():
    app = GrokApp(load_catalog(LESSONS), start_lesson="7.5", speed=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        screen = app.screen
        session = screen.session
        session.params["epochs"] = EPOCHS
        weights = []
        for seed in range(process.KEEP_IDLE + 1):  # the first run's process is ended to make room
            session.params["seed"] = seed  # each run its own weights, so a stale panel shows
            old = id(session.run)
            await pilot.press("space")
            await wait_for(pilot, lambda old=old: id(session.run) != old, 20, "a new run")
            await wait_for(pilot, lambda: screen.ended, 60, "the run's end")
            await pilot.pause()
            run = session.run
            assert run.state is RunState.FINISHED, run.detail
            ns = run.namespace
            for name in ("confusion_matrix", "misclassified", "hidden_weights"):
                assert panel(screen, name).ready, name
            labels, predictions = ns["test_labels"], ns["test_predictions"]
            assert np.array_equal(panel(screen, "confusion_matrix").counts, confusion_matrix(labels, predictions))
            wrong = panel(screen, "misclassified").wrong
            assert sorted(wrong) == sorted(np.flatnonzero(predictions != labels).tolist())
            shown = panel(screen, "hidden_weights").weights
            inked = np.asarray(ns["train_images"]).max(axis=0) > 0
            assert np.array_equal(shown[inked], ns["weights_0_1"][inked])
            weights.append(shown)
            pad = panel(screen, "drawing_pad")
            assert pad.predict is ns["predict"] and np.array_equal(pad.samples, ns["test_images"])
            assert np.allclose(pad.predict(ns["test_images"][:3]), ns["test_probs"][:3])
            values = session.shown_values(session.poll())
            assert values["test_accuracy"] == ns["test_accuracy"] and values["epoch"] == EPOCHS
            if seed:
                assert len(session.previous["train_loss"].ys) == EPOCHS  # the dimmed curve of the run before
                assert session.change == f"seed {seed} (was {seed - 1})"
            del run, ns, pad
        assert not np.array_equal(weights[0], weights[-1])

"""Snapshots of the instrument panels not pictured in test_instruments_ui, at 80x24 and 120x40, each
looked at as a picture before it was accepted: the playground (6.3) trained on the XOR-like preset,
the chapter quiz after one answer, the experiments table after two runs of 4.5, and 4.4's
predict-then-reveal question. Every picture is taken in a finished state waited for (training done,
runs ended, text present), never after a guessed delay; panels are zoomed so each fills the screen."""

from __future__ import annotations

import dataclasses

import pytest

from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui import lesson_params
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.experiments import ExperimentsPanel
from grok_tui.ui.panels.playground import PlaygroundPanel
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.panels.quiz import QuizPanel
from grok_tui.ui.screens.quiz import QuizScreen
from tests.conftest import LESSONS as COURSE
from tests.ui.helpers import ask_next_question, focus_panel, open_lesson, text_of, wait_for

SIZES = [(80, 24), (120, 40)]


async def zoom(pilot, app, panel) -> None:
    await focus_panel(pilot, app, panel)
    await pilot.press("z")
    await pilot.pause(0.2)


async def no_toasts(pilot, app) -> None:
    """A notification times out on the clock: the picture waits until none shows. A focused input's
    cursor blinks on a timer too: it is held steady (shown), as the picture cannot pick the phase."""
    await wait_for(pilot, lambda: not app._notifications, timeout=30, what="the notifications to go")
    for screen in app.screen_stack:
        for widget in screen.query("Input, TextArea"):
            widget.cursor_blink = False


# -- playground ---------------------------------------------------------------------------------------
# Not the XOR-like preset as it comes: trained on it, the panel prints values at rounding noise (an
# error of 4.93e-32, a prediction of 0.375 on the edge between +0.37 and +0.38, a hidden node at
# 2e-16 drawn as a shade), which another CPU's BLAS kernel may round the other way. With row 2's M
# lamp switched on every number shown is at least 1e-9 from a rounding edge (checked, hidden 4).
async def _playground_edited_trained(pilot):
    app = pilot.app
    panel = await open_lesson(pilot, app, PlaygroundPanel)
    await zoom(pilot, app, panel)
    await wait_for(pilot, lambda: panel.trained is not None, what="training")  # the XOR-like set it opens on
    await pilot.press("down", "down", "right", "x")  # row 2: M lamp on; trains again on a worker thread
    assert panel.data.rows[2] == [1, 1, 1, 1] and panel.hidden_size == 4
    await wait_for(pilot, lambda: panel.trained is not None, what="training")
    await wait_for(pilot, lambda: "your data set" in panel.shown.plain and "error: 1 layer 0.592" in panel.shown.plain)
    await no_toasts(pilot, app)
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_playground_63_xor_edited_trained_picture(snap_compare, size):
    catalog = load_catalog(COURSE)  # a fresh one: the session's catalog is shared
    index = catalog.index("6.3")
    catalog.lessons[index] = dataclasses.replace(catalog.lessons[index], panels=("playground",))
    app = GrokApp(catalog, start_lesson="6.3", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=_playground_edited_trained)


# -- chapter quiz -------------------------------------------------------------------------------------
async def _quiz_one_answer(pilot):
    app = pilot.app
    panel = await open_lesson(pilot, app, QuizPanel)
    await focus_panel(pilot, app, panel)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
    await pilot.press(*"-0.275", "enter")
    await wait_for(pilot, lambda: "Right" in text_of(app.screen.query_one("#quiz-verdict")), what="the verdict")
    await no_toasts(pilot, app)
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_chapter_4_quiz_first_answer_right_picture(snap_compare, course, size):
    app = GrokApp(course, start_lesson="4.5", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=_quiz_one_answer)


# -- experiments table --------------------------------------------------------------------------------
async def _two_runs(pilot):
    app = pilot.app
    panel = await open_lesson(pilot, app, ExperimentsPanel)
    lesson = app.screen
    await pilot.press("space")
    await wait_for(pilot, lambda: lesson.run_state.done, what="the first run")
    lesson.session.selected = 0  # alpha
    await pilot.press("minus", "minus")  # alpha 1 -> 0.1: the lesson re-runs once the keys rest
    await wait_for(
        pilot,
        lambda: len(panel.table.rows) == 2 and lesson.run_state is RunState.FINISHED,
        what="the second run",
    )
    await zoom(pilot, app, panel)
    first, second = panel.table.rows
    await wait_for(
        pilot,
        lambda: (
            first.outcome() == "growing (20 steps)"
            and second.outcome().startswith("converged")
            and second.outcome() in panel.shown.plain
            and first.outcome() in panel.shown.plain
        ),
        what="both rows drawn, finished",
    )
    await no_toasts(pilot, app)
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_experiments_45_two_runs_picture(snap_compare, course, size, monkeypatch):
    # The two minus presses must come within the re-run delay (0.3 s): on a loaded machine they came
    # further apart, and a run per press made three rows, not two. The delay is not in the picture.
    monkeypatch.setattr(lesson_params, "RESTART_DELAY", 1.0)
    index = course.index("4.5")
    course.lessons[index] = dataclasses.replace(course.lessons[index], panels=("experiments",))
    app = GrokApp(course, start_lesson="4.5", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=_two_runs)


# -- predict then reveal ------------------------------------------------------------------------------
async def _question_asked(pilot):
    app = pilot.app
    await open_lesson(pilot, app, PredictPanel)
    lesson = app.screen
    await ask_next_question(pilot, app)
    await wait_for(pilot, lambda: lesson.step_count == 1 and lesson.run_state is RunState.PAUSED, what="paused")
    await no_toasts(pilot, app)
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", SIZES)
def test_predict_44_question_picture(snap_compare, course, size):
    app = GrokApp(course, start_lesson="4.4", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=_question_asked)

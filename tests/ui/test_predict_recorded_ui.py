"""The reveal of a wrong answer that is another value the run recorded says which. A learner trial:
4.3 with input 3 (the tutor keeps it between sessions), the answer -5.6 was this run's delta, and the
reveal said only "Not quite: it is -16.8 ...": the lesson's named mistake is the default run's
number, and nothing stood in for it."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.predict import RevealScreen
from tests.ui.helpers import ask_next_question, open_lesson, wait_for


async def reveal(catalog, lesson_id: str, typed: str, **params) -> str:
    app = GrokApp(catalog, start_lesson=lesson_id, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        app.screen.session.params.update(params)
        await ask_next_question(pilot, app)
        await pilot.press(*typed, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        return app.screen.body.plain


async def test_with_other_parameters_this_runs_delta_is_named(catalog):
    body = await reveal(catalog, "4.3", "-5.6", input=3.0)
    assert body.startswith("✗ Not quite: it is -16.8;"), body
    assert "You said -5.6: that is this run's delta at step 2, not weight_delta.\n" in body, body
    assert "that is delta; weight_delta is delta times the input" not in body  # the default run's note
    assert body.index("You said -5.6") < body.index("Why:")


async def test_the_lessons_own_note_comes_first_with_its_defaults(catalog):
    body = await reveal(catalog, "4.3", "-0.4125")
    assert "You said -0.4125: that is delta; weight_delta is delta times the input.\n" in body, body
    assert "this run's" not in body


async def test_at_the_defaults_the_new_weight_for_pred_is_named(catalog):
    body = await reveal(catalog, "4.4", "0.88")
    assert "You said 0.88: that is this run's weight at step 2, not pred.\n" in body, body


async def test_a_right_answer_says_no_more(catalog):
    body = await reveal(catalog, "4.3", "-16.8", input=3.0)
    assert body.startswith("✓ Right") and "You said" not in body, body

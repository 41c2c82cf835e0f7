"""The reveal of a predict question in the app (4.3, the course's own lesson): a wrong answer the
lesson names gets its sentence; a right answer, and another wrong one, only the verdict and `why`.
In a user trial "✓ Right ... (-0.4125 is delta: ...)" corrected a learner who had made no mistake."""

from __future__ import annotations

import pytest

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.predict import RevealScreen
from tests.ui.helpers import ask_next_question, open_lesson, wait_for

NOTE = "that is delta; weight_delta is delta times the input."


@pytest.mark.parametrize(
    "typed, verdict, note",
    [
        ("-0.206", "✓ Right: -0.20625", False),
        ("-0.4125", "✗ Not quite: it is -0.20625", True),  # delta, the lesson's named mistake
        ("-0.41", "✗ Not quite: it is -0.20625", True),  # within the tolerance of it
        ("0.3", "✗ Not quite: it is -0.20625", False),  # a wrong answer the lesson does not name
    ],
)
async def test_the_reveal_names_a_mistake_only_to_the_answer_that_made_it(catalog, typed, verdict, note):
    app = GrokApp(catalog, start_lesson="4.3", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.press(*typed, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        body = app.screen.body.plain
        assert body.startswith(verdict), body
        assert (f"You said {typed}: {NOTE}" in body) == note, body
        assert "is delta" not in body.replace(NOTE, "")  # the note is said once, where it belongs
        # the worked arithmetic after every answer, after the note
        assert "Why: The weight became 0.5 - 1 * -0.275 = 0.775" in body, body
        if note:
            assert body.index(NOTE) < body.index("Why:")
        await pilot.press("enter")


async def test_ctrl_c_on_the_reveal_says_what_waits_and_how_to_leave(catalog):
    """It did nothing there (a trial), while the lesson, the question box and the quiz answer it."""
    app = GrokApp(catalog, start_lesson="4.3", speed=0)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.press(*"-0.4", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        await pilot.press("ctrl+c")
        await wait_for(pilot, lambda: bool(app._notifications), what="a notice")
        said = [n.message for n in app._notifications]
        assert said and "q quits, your progress is saved" in said[-1], said
        assert isinstance(app.screen, RevealScreen)  # nothing else happened

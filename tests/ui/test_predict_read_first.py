"""↑ ↓ pgup pgdn in a question's box: read the lesson first, the question kept. 6.4's first question came 0.4 s
after space, over text not read yet, and locked it; escape, the only way back to the text, threw the
question away. (First r: pressed twice, the second reset the run.)"""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.predict import PredictScreen, RevealScreen
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import open_lesson, screen_text, text_of, wait_for


async def test_a_reading_key_keeps_the_question_for_after_reading_and_space_asks_it(course, private_data_dir):
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        await wait_for(pilot, lambda: "↑↓ read on first" in screen_text(app), what="the box's key line offering it")
        doc = lesson.query_one(LessonDocument)
        top = doc.scroll_y
        await pilot.press("pagedown")  # the box goes, and the key reads on
        await wait_for(pilot, lambda: app.screen is lesson, what="the lesson text")
        await wait_for(pilot, lambda: doc.scroll_y > top, what="the text to scroll")
        # the run waits before the step, and says why
        assert lesson.run_state is RunState.PAUSED and lesson.step_count == 1
        await wait_for(pilot, lambda: "a question waits before step 2" in text_of(lesson.query_one(StatusLine)))
        await pilot.press("down", "down", "pageup")  # reading on asks nothing, resets nothing
        await pilot.pause(0.2)
        assert not isinstance(app.screen, PredictScreen) and lesson.step_count == 1
        # space asks the same question, not skipped, and the run plays on after it
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question again")
        assert app.screen.questions[0].step == 2 and lesson.step_count == 1
        await pilot.press(*"0.968", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        assert "Right: 0.968" in app.screen.body.plain
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the next question")
        assert app.screen.questions[0].step == 3
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the third question")
        await pilot.press("escape")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run to end")
        assert str(panel.tally) == "1/1 right"

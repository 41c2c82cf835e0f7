"""The lesson text that answers the run's questions (`<!-- after the questions -->`) is folded until
they are answered or skipped (grok_tui/ui/widgets/answers_fold.py): 4.4's table of every step was read
before the run by a learner reading top to bottom, who then "predicted" the numbers just read."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.predict import PredictScreen
from grok_tui.ui.widgets.answers_fold import FOLDED, AnswersFold
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import open_lesson, screen_text, text_of, wait_for

ANSWER = "0.73401"
"""4.4's step-4 weight, in the folded table: the answer to its third question."""


async def fold_on_screen(pilot, app) -> str:
    """The screen with the lesson text scrolled to the fold (what a learner reading down sees there)."""
    doc = app.screen.query_one(LessonDocument)
    doc.scroll_to(y=doc.query_one(AnswersFold).virtual_region.y, animate=False, immediate=True)
    await pilot.pause()
    return screen_text(app)


async def test_the_answers_open_once_every_question_is_met(catalog, private_data_dir):
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        fold = lesson.query_one(AnswersFold)
        assert not fold.revealed
        note = text_of(fold.query_one(".fold-note"))
        assert note.startswith("▸ The four steps, for after you answered") and FOLDED in note, note
        screen = await fold_on_screen(pilot, app)
        assert "▸ The four steps" in screen and ANSWER not in screen
        await pilot.press("space")
        for n in range(3):
            await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what=f"question {n + 1}")
            assert not fold.revealed  # not before the last one
            await pilot.press("escape")  # skipped counts: the learner chose not to answer
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run's end")
        assert fold.revealed and not fold.query_one(".fold-note").display
        assert ANSWER in await fold_on_screen(pilot, app)


async def test_an_earlier_visits_answers_leave_it_folded_as_the_run_asks_again(catalog, private_data_dir):
    """Opened by an earlier visit's answers, 5.4's section showed its answer right under the question
    the run asked again (and an answer given at another alpha had opened it). Each visit asks, and
    folds, anew; `grok-tui reset` then needs nothing more to fold it again."""
    from grok_tui.answers import record_answer

    private_data_dir.mkdir(parents=True)
    for key, given in (("2/pred", "0.968"), ("3/weight_delta", "0.1"), ("4/weight", "0.734")):
        record_answer(private_data_dir, f"predict/4.4/{key}", given, True)
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        assert "earlier visit: 3/3 right" in panel.tally_text()  # the answers are there, and said
        assert not app.screen.query_one(AnswersFold).revealed
        assert ANSWER not in await fold_on_screen(pilot, app)


async def test_back_at_the_lesson_in_the_same_run_of_the_tutor_it_stays_open(catalog, private_data_dir):
    """Answered, then n and p: the run still said "finished step 4/4", yet the section was folded
    again, and the questions would have been asked again. The tutor's session of the lesson keeps
    what was met (LessonSession.settled) until it quits."""
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await pilot.press("space")
        for n in range(3):
            await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what=f"question {n + 1}")
            await pilot.press("escape")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run's end")
        assert lesson.query_one(AnswersFold).revealed
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen is not lesson and app.current_lesson_id == "4.5", what="4.5")
        await pilot.press("p")
        await wait_for(pilot, lambda: app.current_lesson_id == "4.4" and app.screen.query(AnswersFold), what="4.4")
        back = app.screen
        assert back is not lesson and back.query_one(AnswersFold).revealed
        await open_lesson(pilot, app, PredictPanel)
        first = back.session.run
        await pilot.press("space")  # played again: nothing asked this time
        await wait_for(
            pilot,
            lambda: back.session.run is not first and back.run_state is RunState.FINISHED,
            what="the second run's end",
        )
        assert not isinstance(app.screen, PredictScreen)

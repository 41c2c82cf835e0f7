"""Predict questions in the app, driven by keys (4.4, frozen in tests/ui/instrument_lessons): asked
before the step they are about, revealed with the run's value (at any alpha), skipped, and quit
while one is open. (What the box itself shows: test_predict_box.py.)"""

from __future__ import annotations

import json

from textual.containers import Vertical
from textual.widgets import Static

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.predict import PredictScreen, RevealScreen
from tests.ui.helpers import ask_next_question, open_lesson, screen_text, text_of, wait_for
from tests.ui.test_instruments_ui import plain


async def subtitle(pilot, app) -> str:
    """The keys line of the question's or the reveal's box (once the box is composed: under load
    the screen was current before its box was there)."""
    await wait_for(pilot, lambda: app.screen.query(Vertical), what="the box")
    return str(app.screen.query_one(Vertical).border_subtitle)


async def test_three_predictions_in_44_one_wrong(course, private_data_dir):
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        answers = {2: "0.968", 3: "0.1", 4: "0.734"}  # the second one is wrong on purpose
        for step, typed in answers.items():
            # each step shows before its next question: s asks it (the reveal's enter went straight
            # on to the next question, the step's printouts never seen)
            await ask_next_question(pilot, app)
            assert app.screen.questions[0].step == step
            assert (await subtitle(pilot, app)).startswith(
                "enter: check · escape: skip · "
            )  # stepping: the run waits for s
            # The two bottom rows are the question's, not the lesson's "space resume · s step".
            await wait_for(pilot, lambda: "question" in screen_text(app), what="the question's keys drawn")
            bottom = screen_text(app).splitlines()[-2:]
            assert bottom[0].startswith(f" question  before step {step} · the run waits for your answer"), bottom
            assert bottom[1].strip() == "enter check  escape skip  ↑↓ read on first  ? help  q quit", bottom
            await pilot.press(*typed, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what=f"reveal {step}")
            assert (await subtitle(pilot, app)).startswith("enter: back to the lesson · ")
            await wait_for(pilot, lambda: " answer  the run" in screen_text(app), what="the reveal's keys drawn")
            assert screen_text(app).splitlines()[-1].strip() == "enter back to the lesson  q quit"
            body = app.screen.body.plain
            assert ("Right" in body) == (step != 3), body
            assert "Why:" in body
            await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, (PredictScreen, RevealScreen)), what="the lesson")
        assert str(panel.tally) == "2/3 right"
        assert "0.0388 too high" not in plain(panel)  # the panel lists results, the reveal said how far
        saved = json.loads((private_data_dir / "answers.json").read_text())
        assert saved["latest"]["predict/4.4/3/weight_delta"]["right"] is False
        assert saved["latest"]["predict/4.4/2/pred"]["right"] is True


async def test_a_later_visit_lists_the_earlier_answers(course, private_data_dir):
    """A learner answered 4.4's three questions, quit, came back: the panel said "no predictions yet"."""
    from grok_tui.answers import record_answer

    record_answer(private_data_dir, "predict/4.4/2/pred", "0.968", True)
    record_answer(private_data_dir, "predict/4.4/3/weight_delta", "0.1", False)
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        shown = plain(panel)
        assert "earlier visit: 1/2 right" in shown and "no answers yet" not in shown
        assert "✓ step 2: pred (earlier you said 0.968)" in shown
        assert "✗ step 3: weight_delta (earlier you said 0.1)" in shown
        assert "· step 4: weight\n" in shown  # never answered
        await ask_next_question(pilot, app)  # answered again, this visit's verdict replaces the earlier one
        assert app.screen.tally == "earlier visit: 1/2 right"  # the box said "no predictions yet"
        await pilot.press(*"0.5", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="reveal 2")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, RevealScreen), what="the lesson")
        shown = plain(panel)
        assert "0/1 right" in shown and "✗ step 2: pred = 0.968 (you: 0.5)" in shown
        await ask_next_question(pilot, app)  # question 3, skipped this visit: no earlier ✗ (nor ✓) beside it
        await pilot.press("escape")
        await wait_for(pilot, lambda: "step 3: weight_delta skipped" in plain(panel), what="the skip")
        assert "· step 3: weight_delta skipped" in plain(panel)
        assert plain(panel).startswith("0/1 right · 1 skipped\n")


async def test_a_question_skipped_on_a_later_visit_leaves_the_earlier_tally(course, private_data_dir):
    """Question 2 skipped on a later visit: the header said nothing of it, then "earlier visit: 2/2
    right · 1 skipped", as if the skip were the earlier visit's, and step 2's earlier answer was gone."""
    from grok_tui.answers import record_answer

    record_answer(private_data_dir, "predict/4.4/2/pred", "0.968", True)
    record_answer(private_data_dir, "predict/4.4/3/weight_delta", "0.1", False)
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: "step 2: pred skipped" in plain(panel), what="the skip")
        shown = plain(panel)
        assert shown.startswith("earlier visit: 1/2 right · this visit: 1 skipped\n"), shown
        assert "· step 2: pred skipped (earlier you said 0.968)" in shown  # not lost
        assert "✗ step 3: weight_delta (earlier you said 0.1)" in shown
        await ask_next_question(pilot, app)
        assert app.screen.tally == "earlier visit: 1/2 right · this visit: 1 skipped"


async def test_a_played_run_stops_to_ask_then_plays_to_the_end(course, private_data_dir):
    app = GrokApp(course, start_lesson="4.4", speed=0)  # as fast as the code goes: the stop must hold
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        assert app.screen.questions[0].step == 2
        assert lesson.step_count == 1 and lesson.run_state is RunState.PAUSED  # pred of step 2 not computed
        # The run plays on after the question, and its keys say so (a learner pressed space "to go on"
        # and paused it).
        assert (await subtitle(pilot, app)).startswith("enter: check · escape: skip, play on · ")
        await pilot.press(*"0.968", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        assert (await subtitle(pilot, app)).startswith("enter: play on · ")
        assert "Right: 0.968" in app.screen.body.plain and "Why: pred = input * weight" in app.screen.body.plain
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the second question")
        assert app.screen.questions[0].step == 3 and lesson.step_count == 2
        await pilot.press("escape")  # skipped: the run plays on, to the next question
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the third question")
        assert app.screen.questions[0].step == 4
        await pilot.press(*"0.7", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the third reveal")
        await pilot.press("enter")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run to end")
        assert lesson.step_count == 4 and str(panel.tally) == "1/2 right"
        assert "step 3: weight_delta skipped" in panel.render().plain  # not a bare "·", as if never asked
        # Played again in the same visit: answered and skipped questions are not asked again.
        await pilot.press("space")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED and lesson.step_count == 4, what="rerun")
        await pilot.pause(0.2)
        assert not isinstance(app.screen, (PredictScreen, RevealScreen))


async def test_with_another_alpha_the_right_answer_is_that_runs_value(catalog):
    app = GrokApp(catalog, start_lesson="4.3", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        while lesson.session.selected_param.name != "alpha":
            await pilot.press("tab")
        await pilot.press("equals_sign", *"0.1", "enter")  # a changed parameter re-runs (played)
        # That re-run plays through: a question would stop it, and take the + - keys the learner
        # may still be pressing (two learners typed "---" into one).
        await wait_for(
            pilot,
            lambda: lesson.params["alpha"] == 0.1 and lesson.session.run is not None and lesson.ended,
            what="the re-run to end",
        )
        assert lesson.run_state is RunState.FINISHED and not isinstance(app.screen, PredictScreen)
        # the panel said "before each of these the tutor stops and asks" of this re-run, which did not
        panel = app.screen.query_one(PredictPanel)
        assert "This re-run after your change plays through; space once it ends, or s, asks." in plain(panel)
        await pilot.press("space")  # the learner's own run asks, with the new alpha
        # Its text, once mounted (the screen is current before its widgets are: read too early once under load).
        # The very Static read below: waiting for any Static once read the box before its text (CI).
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, PredictScreen)
                and bool(app.screen.query(Vertical))
                and bool(app.screen.query_one(Vertical).query(Static))
            ),
            what="the question",
        )
        text = text_of(app.screen.query_one(Vertical).query_one(Static))
        # The lesson's question quotes the default run; this one says what the run has instead.
        assert "What will weight_delta be at step 2?" in text and "alpha = 0.1" in text, text
        assert "weight = 0.5" in text and "Step 1 had weight" not in text  # not the default run's numbers
        # alpha 0.1: weight 0.5 + 0.1 * 0.275 = 0.5275, pred 0.26375, weight_delta (pred - 0.8) * 0.5
        await pilot.press(*"-0.268", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="the reveal")
        body = app.screen.body.plain
        assert "Right: -0.268125" in body, body
        assert "0.775" not in body and "-0.20625" not in body  # the default run's worked numbers
        assert "weight = 0.5275" in body
        await pilot.press("enter")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run to end")


async def test_q_quits_while_a_question_is_asked(course, monkeypatch):
    """The key bar under the box says "q quit"; the box takes only numbers, and q did nothing."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        exits: list[bool] = []
        monkeypatch.setattr(app, "exit", lambda *args, **kwargs: exits.append(True))
        await pilot.press("q")
        await wait_for(pilot, lambda: bool(exits), what="the quit")
        assert isinstance(app.screen, PredictScreen)  # nothing was typed into the box instead


async def test_questions_all_skipped_are_said_skipped_not_still_to_come(course, private_data_dir):
    """Every question skipped with escape: the panel said "no predictions yet" and "before each of
    these the tutor stops and asks", after it had asked them all."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await pilot.press("space")
        for _ in range(3):
            await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="a question")
            await pilot.press("escape")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run to end")
        shown = panel.render().plain
        lines = shown.splitlines()
        assert lines[0] == "3 skipped" and sum(line.endswith(" skipped") for line in lines[1:]) == 3
        assert "the tutor stops and asks" not in shown
        assert "Skipped: asked again at another param value, or when the tutor starts again." in shown


async def test_a_stepping_learner_sees_each_step_before_its_question(course, private_data_dir):
    """Stepping 4.4, the reveal's "enter: back to the lesson" opened the next question at once: the
    step's printouts were never seen uncovered. Now each step shows; s (or space) asks the next."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await pilot.press("s")
        await wait_for(pilot, lambda: panel.due == 2, what="step 1, the question about step 2 due")
        await pilot.pause(0.3)
        assert app.screen is lesson and lesson.step_count == 1 and lesson.run_state is RunState.PAUSED
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="question 2")
        await pilot.press(*"0.968", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="reveal 2")
        await pilot.press("enter")  # back to the lesson: and it is the lesson
        await wait_for(pilot, lambda: panel.due == 3, what="step 2, the question about step 3 due")
        await pilot.pause(0.3)
        assert app.screen is lesson and lesson.step_count == 2 and lesson.run_state is RunState.PAUSED
        await pilot.press("space")  # playing on asks first too, then plays
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="question 3")
        assert app.screen.questions[0].step == 3
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="question 4, the run playing")
        await pilot.press("escape")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the run's end")
        assert lesson.step_count == 4


async def test_no_question_about_a_step_the_run_never_reaches(catalog, private_data_dir):
    """4.4 with iterations 1: a played run asked "What will pred be at step 2?", the run ended at
    step 1, and the answer went nowhere (no reveal, nothing said)."""
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        lesson.session.params["iterations"] = 1
        asked = []
        await pilot.press("space")
        for _ in range(200):  # 10 s at most
            asked.append(isinstance(app.screen, PredictScreen))
            if lesson.run_state is RunState.FINISHED:
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        asked.append(isinstance(app.screen, PredictScreen))
        assert lesson.run_state is RunState.FINISHED and lesson.step_count == 1 and not any(asked), asked
        # the folded answers say why no question came, and what brings them back
        from grok_tui.ui.widgets.answers_fold import AnswersFold

        note = " ".join(text_of(lesson.query_one(AnswersFold).query_one(".fold-note")).split())
        assert "The last run ended at step 1, before them: D brings back the lesson's own parameters." in note
        await pilot.press("s")  # stepping the one-step run: nothing due either
        await wait_for(pilot, lambda: lesson.step_count == 1 and lesson.run_state is RunState.FINISHED, what="end")
        assert panel.due is None and not isinstance(app.screen, PredictScreen)


async def test_questions_answered_are_not_asked_again_nor_called_skipped_back_at_the_lesson(catalog, private_data_dir):
    """Answered, then n and p: the panel listed the answered questions as skipped, said "Play (space)
    or step (s) to answer them again" though space asked nothing, and s asked them again with the
    answers' table open right under the box."""
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        for typed in ("0.968", "-0.0388", "0.734"):
            await ask_next_question(pilot, app)
            await pilot.press(*typed, "enter")
            await wait_for(pilot, lambda: isinstance(app.screen, RevealScreen), what="a reveal")
            await pilot.press("enter")
        await pilot.press("n")
        await wait_for(pilot, lambda: app.current_lesson_id == "4.5", what="4.5")
        await pilot.press("p")
        await wait_for(pilot, lambda: app.current_lesson_id == "4.4", what="4.4 again")
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        shown = plain(panel)
        assert "skipped" not in shown and "Each is asked once until the tutor quits" in shown, shown
        first = lesson.session.run
        for _ in range(4):  # step through a new run of 4 steps: nothing asked
            await pilot.press("s")
            await pilot.pause(0.2)
            assert not isinstance(app.screen, PredictScreen)
        await wait_for(
            pilot, lambda: lesson.session.run is not first and lesson.run_state is RunState.FINISHED, what="the end"
        )


async def test_ctrl_c_in_a_question_says_the_run_waits(course):
    """ctrl+c, the reflex for "stop that", pauses a run in the lesson; in a question it did nothing a
    learner could see. It says the run waits, and how to go on; a selection is still copied."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen)  # nothing skipped, nothing quit
        said = text_of(app.screen.query_one("#predict-problem"))
        assert said.strip() == "ctrl+c: the run is waiting for your answer · escape skip · q quit", said
        await pilot.press("1", "shift+home", "ctrl+c")  # a selection: copied, as before
        await pilot.pause()
        assert app.clipboard == "1"

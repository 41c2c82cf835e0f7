"""Predict questions in the app, driven by keys (4.4, frozen in tests/ui/instrument_lessons): asked
before the step they are about, refused when not a number, revealed with the run's value (at any
alpha), skipped, and quit while one is open."""

from __future__ import annotations

import json

import pytest
from textual.containers import Vertical
from textual.widgets import Input, Static

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.lesson import LessonScreen
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


async def test_a_question_refuses_what_is_not_a_number(course):
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.press("a", "b", "c")  # a newcomer's letters: the box stayed empty, without a word
        await pilot.pause()
        assert app.screen.query_one(Input).value == ""
        said = text_of(app.screen.query_one("#predict-problem"))
        assert "only a number goes here, e.g. -0.25 or 1.5e-3: letters are not typed" in said, said
        await pilot.press("1", "backspace")  # typing again: the word on letters is out of date
        await pilot.pause()
        assert text_of(app.screen.query_one("#predict-problem")).strip() == ""
        await pilot.press("s", "space", "l", "1", ".", ".", "2")  # keys meant for the lesson are not typed
        assert app.screen.query_one(Input).value == " 1..2"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PredictScreen)
        assert "1..2: type a number" in text_of(app.screen.query_one("#predict-problem"))


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


async def test_the_lesson_behind_a_question_cannot_be_read(course):
    """4.4 at 80x24: under the question box, the text's table of the book's numbers showed the answer
    to the step-4 question (0.73401)."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.pause()
        box = app.screen.query_one(Vertical).region
        keys = app.screen.query_one("#box-keys").region  # the question's own status and keys
        strips = app.screen._compositor.render_strips()
        readable = 0
        for y, strip in enumerate(strips):
            x = 0
            for segment in strip:
                text, style = segment.text, segment.style
                inside = box.contains(x, y) or keys.contains(x, y)
                x += len(text)
                if inside or not text.strip() or style is None or style.color is None or style.bgcolor is None:
                    continue
                fg, bg = style.color.get_truecolor(), style.bgcolor.get_truecolor()
                if sum(abs(a - b) for a, b in zip(fg, bg, strict=True)) > 90:  # a glyph standing out
                    readable += 1
        assert readable == 0, readable


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


async def test_with_eight_hidden_nodes_each_question_shows_what_working_it_out_needs(catalog):
    """6.4 at hidden_size 8: the question at step 4 showed only step 3's error and layer_2_delta
    (arrays of over 4 numbers were left out, and weights_1_2 was recorded at step 1): it could not
    be worked out."""
    app = GrokApp(catalog, start_lesson="6.4", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        while lesson.session.selected_param.name != "hidden_size":
            await pilot.press("tab")
        await pilot.press("equals_sign", "ctrl+u", "8", "enter")
        await wait_for(pilot, lambda: lesson.params["hidden_size"] == 8 and lesson.ended, what="the re-run")
        asked: list[str] = []
        await pilot.press("space")
        for step in (2, 3, 4):
            # the box's own question composed (the key line below it can be there first, under load)
            await wait_for(
                pilot,
                lambda: isinstance(app.screen, PredictScreen) and app.screen.query("Vertical > Static"),
                what=f"step {step}",
            )
            question = app.screen
            asked.append(text_of(question.query_one(Vertical).query_one(Static)))
            await pilot.press("escape")  # skipped: it plays on to the next (which may be on at once)
            await wait_for(pilot, lambda q=question: app.screen is not q, what="the skip")
        await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED, what="the end")
        assert str(panel.tally) == "no answers yet in this lesson"
        layer_1 = lesson.run.steps[0].values["layer_1"].reshape(-1)
        weights_1_2 = lesson.run.steps[0].values["weights_1_2"].reshape(-1)
        assert layer_1.size == weights_1_2.size == 8
        # layer_2 = layer_1 . weights_1_2: both, all eight numbers each
        assert "layer_2 = layer_1.dot(weights_1_2)" in asked[0] and "hidden_size = 8" in asked[0]
        assert f"layer_1 = [{', '.join(f'{x:.4g}' for x in layer_1 + 0.0)}]" in asked[0], asked[0]
        assert f"weights_1_2 = [{', '.join(f'{x:.4g}' for x in weights_1_2)}]" in asked[0], asked[0]
        assert "walk_vs_stop[row]" in asked[1] and "layer_2 = " in asked[1]
        # step 4: layer_2_delta from step 3, layer_1 and weights_1_2 from step 1
        assert "layer_2_delta = " in asked[2] and "layer_1 = [" in asked[2] and "weights_1_2 = [" in asked[2], asked[2]


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


async def test_a_questions_label_names_the_value_in_the_answer_box(catalog):
    """5.1 records the weight being updated as `weight`: its box read "weight = ?" where the question
    asks for weight 1. Its `label` names it."""
    (question,) = catalog.get("5.1").predictions
    assert question.value == "weight" and question.named == "weight 1"
    app = GrokApp(catalog, start_lesson="5.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        await pilot.pause()
        box = app.screen.query_one(Input)
        assert box.placeholder == "weight 1 = ? (a number)", box.placeholder


async def test_in_an_ansi_theme_the_lesson_behind_a_question_is_hidden_too(course, monkeypatch):
    """The terminal's own colours do not blend: behind 4.4's question in ansi-dark the lesson was
    drawn whole (its table holds the answers), where the default theme all but hides it."""
    monkeypatch.setenv("GROK_TUI_THEME", "ansi-dark")
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await ask_next_question(pilot, app)
        await pilot.pause()
        box = app.screen.query_one(Vertical).region
        keys = app.screen.query_one("#box-keys").region
        behind = [
            row[: box.x] + row[box.right :]
            for y, row in enumerate(screen_text(app).splitlines())
            if not (box.y <= y < box.bottom or keys.y <= y < keys.bottom)
        ]
        assert not "".join(behind).strip(), behind


@pytest.mark.parametrize(
    ("tally", "shown"),
    [("earlier visit: 1/1 right · this visit: 2 skipped", "tally alone"), ("1/2 right", "keys and tally")],
)
async def test_the_box_border_shows_the_whole_tally_where_keys_and_tally_do_not_fit(course, tally, shown):
    """ "enter: check · escape: skip, play on · earlier visit: 1/1 right · thi…" hid what the learner
    had skipped (the box is 76 columns wide); the keys are on the line under the box as well."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        box = PredictScreen("4.4", [course.get("4.4").predictions[0]], tally, plays_on=True)
        app.push_screen(box)
        want = tally if shown == "tally alone" else f"enter: check · escape: skip, play on · {tally}"
        await wait_for(pilot, lambda: box.query(Vertical) and str(box.query_one(Vertical).border_subtitle) == want)
        assert len(want) <= box.query_one(Vertical).size.width - 4

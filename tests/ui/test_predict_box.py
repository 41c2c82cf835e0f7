"""What a prediction box shows (4.4, frozen in tests/ui/instrument_lessons; 6.4 with eight hidden
nodes; 5.1): its label names the value asked, what working it out needs, the tally on its border, the
lesson hidden behind it (in an ANSI theme too), a refusal of what is not a number. (Asking,
revealing and skipping as a run goes: test_predict_ui.py.)"""

from __future__ import annotations

import pytest
from textual.containers import Vertical
from textual.widgets import Input, Static

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.predict import PredictScreen
from tests.ui.helpers import ask_next_question, open_lesson, screen_text, text_of, wait_for


async def subtitle(pilot, app) -> str:
    """The keys line of the question's or the reveal's box (once the box is composed: under load
    the screen was current before its box was there)."""
    await wait_for(pilot, lambda: app.screen.query(Vertical), what="the box")
    return str(app.screen.query_one(Vertical).border_subtitle)


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

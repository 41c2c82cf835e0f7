"""The line under the lesson text: the run's few values that matter and its curve in blocks."""

from __future__ import annotations

import re

from textual.app import App

from grok_tui.ui.widgets.live_strip import LiveStrip
from tests.ui.helpers import text_of


class StripApp(App):
    def compose(self):
        yield LiveStrip()


async def test_a_short_run_shows_every_step_in_its_sparkline():
    """4.1's 17-point U was squeezed into 16 blocks at 80 columns: a point was lost, and the
    symmetric U looked lopsided."""
    u = [(w * 0.2 * 0.5 - 0.8) ** 2 for w in range(17)]
    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        strip.show_run({"error": u[-1]}, ["error"], "trial_error", u, log=False, total=17)
        await pilot.pause()
        blocks = text_of(strip).rstrip().split()[-1]
        assert len(blocks) == 17 and blocks == blocks[::-1], blocks  # the whole U, as symmetric as it is
        # its label stands where it will stand at the end from the first steps (it moved at step 17)
        at_end = text_of(strip).rstrip().index("trial_error")
        strip.show_run({"error": u[-1]}, ["error"], "trial_error", u[:16], log=False, total=17)
        await pilot.pause()
        assert text_of(strip).rstrip().index("trial_error") == at_end
        strip.show_run({"error": 1.0}, ["error"], "error", list(range(200)), log=False)
        await pilot.pause()
        assert len(text_of(strip).rstrip().split()[-1]) == 16  # a long run: a fifth of the line
        # 40 steps, at 17 of them: a fifth still, so the label beside it stays where it was (6.2's
        # widened at 17 to 20 and narrowed at 21, and the label moved two columns each way)
        for done in (1, 16, 17, 19, 21):
            strip.show_run({"error": 1.0}, ["error"], "error", list(range(done)), log=False, total=40)
            await pilot.pause()
            assert text_of(strip).rstrip().index("error") == 80 - 16 - len("error 1 ") - 1, (done, text_of(strip))


async def test_the_strip_skips_a_value_too_long_for_it_and_shows_those_after():
    """6.5's strip stopped at a value too long for 80 columns: first_guess after it was never shown
    (3.5's win and sad neither). (A row of numbers now shrinks its digits first: the next test.)"""
    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        values = {"stage": "b" * 36, "first_guess": 0.25, "x": 1.0}
        strip.show_run({"big": "a" * 36, **values}, ["big", "stage", "first_guess", "x"], "", [], False)
        await pilot.pause()
        shown = text_of(strip)
        assert "first_guess 0.25" in shown and "x 1" in shown and "stage" not in shown, shown


def test_the_strip_shows_a_param_the_run_changes_and_leaves_out_the_rest():
    """4.4's strip left out `weight` (a param: its start) while the run moved it to 0.88; the status
    showed `weight ◂ 0 ▸`, and a learner read the weight as 0."""
    import numpy as np

    from grok_tui.ui.lesson_drawing import computed

    values = {"weight": 0.88, "input": 1.1, "pred": 0.968, "layer": np.array([1.0, 2.0])}
    shown, order = computed(values, {"weight": 0.0, "input": 1.1, "layer": 1.0}, ("weight", "input", "pred"))
    assert list(shown) == ["weight", "pred", "layer"] and order == ["weight", "pred"]
    # the lesson's strip names first, then show's, each once (5.2's weights came after pred)
    assert computed({"pred": 1.0, "weights": 2.0}, {}, ("weights", "pred", "weights"))[1] == ["weights", "pred"]


def test_the_strip_shows_a_param_the_lessons_strip_names():
    """3.1's strip left out `weight`, the one value the learner changes, though its `strip` named it."""
    from grok_tui.ui.lesson_drawing import computed

    values = {"input": 9.0, "weight": 0.1, "pred": 0.9}
    shown, order = computed(values, {"weight": 0.1}, ("weight", "pred", "input", "weight"), ("weight", "pred"))
    assert order == ["weight", "pred", "input"] and shown["weight"] == 0.1
    # a param it does not name stays out, as before
    assert computed(values, {"weight": 0.1}, ("pred", "input", "weight"), ("pred",))[1] == ["pred", "input"]


async def test_the_strip_shows_which_image_is_on_show():
    """7.1 from image 1000: the strip said `label ink brightest`, and step 1/100 was no image number."""
    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        values = {"number": 1000, "label": 3, "ink": 294.0, "brightest": 16.0, "epoch": 1}
        strip.show_run(values, ["number", "label", "ink", "brightest", "epoch"], "ink", [294.0], log=False)
        await pilot.pause()
        assert "number 1000" in text_of(strip) and "epoch" not in text_of(strip)


async def test_plain_values_keep_four_digits_as_the_lessons_quote_them():
    """4.1's text says the error is 0.3025; the strip said 0.302 (and a learner saw 0.303)."""
    async with StripApp().run_test(size=(80, 3)) as pilot:
        strip = pilot.app.query_one(LiveStrip)
        strip.show_run({"pred": 0.25, "error": 0.3025, "weight": 3.4871e8}, ["pred", "error", "weight"], "", [], False)
        await pilot.pause()
        assert text_of(strip).split() == ["pred", "0.25", "error", "0.3025", "weight", "3.49e+08"]


async def test_a_stage_name_longer_than_a_number_is_shown_not_dropped():
    """6.4's stage 4, "4 backprop: layer_1_delta" (25 characters), left the strip blank but for its
    sparkline: the stage a learner had just predicted lost its name."""
    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        strip.show_run({"stage": "4 backprop: layer_1_delta"}, ["stage"], "error", [1.04], log=False)
        await pilot.pause()
        assert text_of(strip).startswith(" stage 4 backprop: layer_1_delta  "), text_of(strip)
        strip.show_run({"stage": "a stage whose name goes on and on and on"}, ["stage"], "error", [1.0], log=False)
        await pilot.pause()
        assert "stage a stage whose name goes on and on a…  " in text_of(strip), text_of(strip)  # 36 shown


async def test_the_sparklines_value_now_is_said_beside_it_once():
    """3.4's text said "its pred reads 0.98"; the strip showed `pred █`, a block and no number (pred
    is not among the values it lists). A value both listed and drawn was said twice."""
    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        strip.show_run({"input": 8.5, "pred": 0.98}, ["input"], "pred", [0.98], log=False)
        await pilot.pause()
        shown = text_of(strip)
        assert "pred 0.98 █" in shown and shown.count("pred") == 1, shown
        strip.show_run({"pred": 0.5, "error": 0.0196}, ["pred", "error"], "error", [0.0196, 0.1], log=True)
        await pilot.pause()
        shown = text_of(strip)
        # the scale after the blocks it is of: "error 0.0196 (log)" read as log10 of 0.0196
        assert re.search(r"error 0\.0196 [▁▂▃▄▅▆▇█]+ log$", shown.rstrip()) and shown.count("error") == 1, shown
        assert "(log)" not in shown


async def test_a_counter_the_lessons_strip_names_is_shown(catalog):
    """5.1's strip asks for `i`, the weight the step moves; the strip skipped it as a mere counter, and
    the learner could tell which weight weight_delta belonged to only by matching input_i."""
    from grok_tui.ui.app import GrokApp
    from tests.ui.helpers import wait_for

    app = GrokApp(catalog, start_lesson="5.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.screen.query_one(LiveStrip)
        await pilot.press("space")  # the run stops before step 2 to ask a question
        await wait_for(pilot, lambda: "weight_delta" in text_of(strip), what="step 1 in the strip")
        assert text_of(strip).startswith(" i 0  weights [0.1119 0.2 -0.1]  weight_delta -1.19"), text_of(strip)
    # a counter no `strip` names stays out, as before
    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        strip.show_run({"i": 2, "x": 1.0}, ["i", "x"], "", [], log=False, asked=("x",))
        await pilot.pause()
        assert text_of(strip).strip() == "x 1"


async def test_a_row_of_numbers_too_long_is_shown_with_fewer_digits_not_left_out():
    """6.5 at 80 columns: its four predictions did not fit with four digits, and first_guess, a number
    that never changes, stood in for them for most of the run while the text spoke of predictions."""
    import numpy as np

    app = StripApp()
    async with app.run_test(size=(80, 3)) as pilot:
        strip = app.query_one(LiveStrip)
        values = {"predictions": np.array([0.39194327, 0.02098811, 0.29327219, 0.0]), "first_guess": 0.391943}
        strip.show_run(values, ["predictions", "first_guess"], "layer_2_error", [1.41, 0.6342], log=True)
        await pilot.pause()
        shown = text_of(strip)
        assert shown.startswith(" predictions [0.392 0.021 0.293 0]  "), shown
        assert "layer_2_error 0.6342" in shown, shown
        # a plain list of numbers counts as a row too
        strip.show_run({"weights": [0.1119, 0.2, -0.1]}, ["weights"], "", [], log=False)
        await pilot.pause()
        assert text_of(strip).startswith(" weights [0.1119 0.2 -0.1]"), text_of(strip)

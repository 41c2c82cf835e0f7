"""Pilot tests of the lesson screen's reading and lab views at 80x24: opening at the top, the view
switch, typing a param, the params staying in view, `o` scrolling to the last printed line, the
header and status fitting 80 columns, a terminal too small."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.output import OutputBody, OutputScreen, expected_error
from grok_tui.ui.screens.param_input import ParamInput
from grok_tui.ui.screens.predict import PredictScreen
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.document import LessonDocument, inline_markdown
from grok_tui.ui.widgets.live_strip import LiveStrip, sparkline
from grok_tui.ui.widgets.params import ParamsView, visible_window
from grok_tui.ui.widgets.status import StatusLine
from tests.conftest import LESSONS
from tests.ui.helpers import one_lesson_app, screen_text, text_of, wait_for

SIZE = (80, 24)


async def finish(pilot, screen: LessonScreen) -> None:
    await wait_for(pilot, lambda: screen.run_state.done and screen.ended, timeout=20, what="the run to end")
    await pilot.pause()


async def run_to_end(pilot, screen: LessonScreen) -> None:
    """space, then wait for the run's end to be drawn."""
    await pilot.press("space")
    await finish(pilot, screen)


async def test_a_lesson_opens_at_its_top_and_reads_while_it_runs(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        doc = screen.query_one(LessonDocument)
        assert doc.scroll_y == 0 and screen.has_class("-read")
        assert doc.content_region.height >= 12  # at least 12 rows of prose and code at 80x24
        assert "lesson 2/2" in text_of(screen.query_one("#lesson-title"))
        await run_to_end(pilot, screen)
        assert doc.scroll_y == 0 and doc.content_region.height >= 12
        strip = text_of(screen.query_one(LiveStrip))
        assert (
            "weight 3.49e+08" in strip
            and "pred -2.32e+08" in strip
            and "error 5.4e+16 " in strip  # the sparkline's value now, said once, beside it
            and strip.rstrip().endswith(" log")
            and strip.count("error") == 1
        )
        assert any(block in strip for block in "▁▂▃▄▅▆▇█")
        status = text_of(screen.query_one(StatusLine))
        # It ran every step, yet its error grew: the status says so, with the advice.
        assert "finished" in status and "step 20/20" in status
        assert "error 0.04 -> 5.4e+16  try a smaller alpha" in status  # the knob, by its name
        await pilot.press("minus", "minus")  # alpha 0.1: it learns
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.1 and screen.run_state.done, what="the re-run")
        await finish(pilot, screen)
        status = text_of(screen.query_one(StatusLine))
        assert "finished  step 20/20 · alpha 0.1 (was 1)" in status and "try a smaller" not in status
        # alpha 0.5 bounces between two predictions as far from the goal: "finished · n next lesson"
        # told the learner to move on from a run that never learned
        await pilot.press("equals_sign", "ctrl+u", *"0.5", "enter")
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.5 and screen.run_state.done, what="the re-run")
        await finish(pilot, screen)
        status = text_of(screen.query_one(StatusLine))
        assert "error stuck at 0.04  try a smaller alpha" in status and "next lesson" not in status, status


async def test_the_dimmed_curve_is_labelled_with_what_its_run_had(small_catalog):
    """'previous run: alpha 1 -> 0.316228' read as a description of the current run."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await run_to_end(pilot, screen)
        await pilot.press("minus")
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.316228 and screen.session.rerun, what="the re-run")
        await finish(pilot, screen)
        await pilot.press("l")
        await pilot.pause()
        chart = next(c for c in screen.query(ChartView) if c.region)
        legend = "".join(text for text, _ in chart.rows[0])
        assert "previous run: alpha 1" in legend and "->" not in legend, legend


async def test_l_switches_to_the_lab_and_back(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await run_to_end(pilot, screen)
        await pilot.press("l")
        await pilot.pause()
        assert screen.lab and not screen.query_one(LessonDocument).region
        charts = [c for c in screen.query(ChartView) if c.region]
        assert len(charts) == 1  # at 80 columns one chart at a time, g for the next
        main = charts[0].content_region
        assert main.width >= 60 and main.height >= 12, main
        assert screen.query_one(ParamsView).region.height >= 2
        await pilot.press("g")
        await pilot.pause()
        assert [c.id for c in screen.query(ChartView) if c.region] == ["chart-1"]
        await pilot.press("l")
        await pilot.pause()
        assert not screen.lab and screen.query_one(LessonDocument).region.height >= 12


async def test_typing_a_param_valid_out_of_range_and_not_a_number(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("equals_sign")
        assert isinstance(app.screen, ParamInput)
        dialog = app.screen
        await pilot.pause()
        # its own key bar: the lesson's (space, s, q...) named keys that are typed into the field here
        bar = " ".join(screen_text(app).splitlines()[-1].split())
        assert bar == "⏎ run with it esc cancel", bar
        await pilot.press(*"12", "enter")
        assert app.screen is dialog and "alpha=12 is above its maximum 10" in text_of(
            dialog.query_one("#param-message")
        )
        await pilot.press(*"half", "enter")
        assert app.screen is dialog and "alpha must be a number" in text_of(dialog.query_one("#param-message"))
        # 1,000: a thousand, or a decimal comma's 1.0? Asked (it ran 1.0).
        await pilot.press("ctrl+u", *"1,000", "enter")
        await pilot.pause()
        message = dialog.query_one("#param-message")
        assert (
            app.screen is dialog
            and text_of(message).strip() == "alpha: is 1,000 1000 or 1.000? Type it without the comma"
        )
        # A long message shows whole: it was cut at the box's edge ("(got 'toes and").
        typed = "a half of the largest value"
        await pilot.press("ctrl+u", *typed, "enter")
        await pilot.pause()
        said = f"alpha must be a number (got {typed!r})"
        assert text_of(message).strip() == said and message.region.height == 2, message.region
        rows = screen_text(app).splitlines()[message.region.y : message.region.bottom]
        assert " ".join(row[message.region.x : message.region.right].strip() for row in rows) == said, rows
        await pilot.press("ctrl+u")
        await pilot.press(*"0.5", "enter")  # 4.5's edge of divergence, between two rungs
        assert app.screen is screen and screen.params["alpha"] == 0.5
        await finish(pilot, screen)
        assert screen.run.values["alpha"] == 0.5 and screen.run_state is RunState.FINISHED
        assert "◂ 0.5 ▸" in text_of(screen.query_one(ParamsView))
        await pilot.press("enter")  # enter opens it too; escape leaves the value alone
        assert isinstance(app.screen, ParamInput)
        await pilot.press("escape")
        assert app.screen is screen and screen.params["alpha"] == 0.5


LONG = """+++
id = "9.7"
chapter = 9
title = "Many values, many prints"
show = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "m"]
steps = "iterations"

[params.iterations]
default = 3
min = 1
max = 10

[params.rate]
default = 0.5
+++

A lesson with a long values table and a long output.

```python train
import numpy as np
for it in range(iterations):
    for line in range(60):
        print(f"line {it * 60 + line}")
    step(**{name: np.arange(12.0) * it for name in "abcdefghijkm"})
print("TypeError: can't multiply sequence by non-int of type 'float'")
print("the last line")
```
"""


async def test_params_stay_in_view_after_a_long_values_table_and_o_reaches_the_last_line(tmp_path):
    app = one_lesson_app(tmp_path, "9.7-long.md", LONG)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l", "space")
        await finish(pilot, screen)
        params = screen.query_one(ParamsView)
        assert params.region.height >= 3 and "iterations" in text_of(params)
        box = screen.query_one("#values-box")
        assert box.virtual_size.height > box.size.height and box.scroll_y == 0
        await pilot.press("pagedown")  # the values column has the focus in the lab view
        await pilot.pause()
        assert box.scroll_y > 0 and params.region.height >= 3
        await pilot.press("o")
        assert isinstance(app.screen, OutputScreen)
        await pilot.pause(0.2)
        body = app.screen.query_one(OutputBody)
        assert body.scroll_y == body.max_scroll_y > 0  # opened at the end
        shown = text_of(app.screen.query_one("#output-text"))
        assert shown.rstrip().endswith("the last line")
        assert "expected error, on purpose: TypeError: can't multiply" in shown
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("pagedown", "end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("o")
        assert app.screen is screen


async def test_the_header_and_status_fit_80_columns():
    catalog = load_catalog(LESSONS)
    app = GrokApp(catalog, start_lesson="5.1", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        header = text_of(screen.query_one("#lesson-title")).rstrip()
        assert header.endswith(f"lesson {catalog.index('5.1') + 1}/{len(catalog.lessons)}")
        assert (len(header) <= 80 and "…" in header) or "Gradient descent with multiple inputs" in header
        await pilot.press("space")
        # 5.1 asks a prediction before step 2 (its [[predict]]): skipped, the run plays on.
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        await pilot.press("escape")
        await finish(pilot, screen)
        assert text_of(screen.query_one(StatusLine)).rstrip().endswith("e write weight_deltas · n next lesson")


def test_small_pieces():
    assert sparkline([1, 2, 3, 4], 4) == "▁▃▆█"
    assert sparkline([100, 10, 1], 3, log=True) == "█▄▁"
    assert len(sparkline(list(range(1000)), 20)) == 20
    # 7.2's error falling 2% was drawn as a plunge (█▁▁▁▁); its chart drew it flat
    assert sparkline([8.395, 8.3, 8.25, 8.231], 4, log=True) == "████"
    assert sparkline([0.5, 0.498, 0.497], 3) == "███"  # a 0.6% wobble of a linear value
    assert sparkline([-0.2, 0.0, 0.2], 3) == "▁▄█"  # around 0, any change is a change
    # 6.4's error, 1.043 to 1.0, whose chart keeps 0..1 (y_range): flat there, and on the strip
    assert sparkline([1.043, 1.018, 1.003, 1.0], 4) == "█▅▂▂"
    assert sparkline([1.043, 1.018, 1.003, 1.0], 4, y_range=(0.0, 1.0)) == "████"
    assert list(visible_window(8, 7, 3)) == [5, 6, 7] and list(visible_window(3, 0, 5)) == [0, 1, 2]
    assert inline_markdown("press `-` *twice* for **0.1**").plain == "press - twice for 0.1"
    assert expected_error("NameError: name 'x' is not defined") == "NameError"
    assert expected_error("the error: 3") is None
    assert expected_error("a * e: ValueError: operands could not be broadcast") == "ValueError"  # 3.8
    assert expected_error("a.dot(c): ValueError: shapes (3,) and (2,) not aligned") == "ValueError"
    assert expected_error("the weights: [1, 2] and then: TypeError: x") is None  # not a short prefix


async def test_coming_back_to_a_lesson_keeps_its_params_and_is_ready(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=1)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("minus", "space")
        await wait_for(pilot, lambda: app.screen.step_count >= 1, what="a first step")
        await pilot.press("p", "n")
        await wait_for(
            pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == "4.5", what="4.5 again"
        )
        await pilot.pause()
        assert app.screen.params["alpha"] == 0.316228 and app.screen.run_state is RunState.READY


async def test_a_try_this_prompt_wraps_under_its_text_not_its_bullet(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        await pilot.press("end")
        await wait_for(pilot, lambda: doc.max_scroll_y > 0 and doc.scroll_y == doc.max_scroll_y, what="the end")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if "• Select alpha and press - twice" in line)
        column = lines[first].index("Select")
        wrapped = lines[first + 1]  # "...the prediction settles at 0.8." did not fit on the first row
        assert wrapped[:column].strip() == "" and wrapped[column] != " " and "•" not in wrapped


async def test_the_values_zoomed_from_the_wide_reading_view_fill_the_screen(small_catalog):
    """They floated as a dozen rows in the middle of a hatched screen: the column's auto height."""
    from grok_tui.ui.widgets.panes import SidePane

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        side = screen.query_one(SidePane)
        await wait_for(pilot, lambda: screen.has_class("-read") and side.region.height > 0, what="the side column")
        side.focus()
        await pilot.press("z")
        await wait_for(pilot, lambda: screen.maximized is side, what="the zoom")
        await pilot.pause()
        assert side.region.width == 120 and side.region.height >= 38  # all but the key bar
        values = screen.query_one("#values-box")
        assert values.region.height > side.region.height // 2  # the values get the room, not the params


async def test_a_params_range_shows_whole_or_not_at_all(catalog):
    """4.2 at 80x24 with step_amount 0.316228 cut its range to '0.0001.…'."""
    app = GrokApp(catalog, start_lesson="4.2", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l", *"+" * 5)
        await wait_for(pilot, lambda: screen.params["step_amount"] == 0.316228, what="step_amount 0.316228")
        await pilot.pause()
        view = screen.query_one(ParamsView)
        rows = screen_text(app).splitlines()[view.region.y : view.region.bottom]
        shown = "\n".join(row[view.region.x : view.region.right] for row in rows)
        assert "step_amount  ◂ 0.316228 ▸" in shown and "iterations" in shown
        assert "…" not in shown and "1..5000" in shown  # the range that fits is still shown


async def test_a_resize_under_a_dialog_arranges_the_lab_for_the_new_size(small_catalog):
    """Textual tells only the top screen of a resize: a lesson resized from 80x24 to 120x40 under
    its `=` dialog came back with the narrow lab stretched wide (one chart in the whole column, the
    others hidden, and no `g` to reach them)."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        screen = app.screen
        await pilot.press("l")
        await wait_for(pilot, lambda: len(screen.query(ChartView)) == 2 and screen.lab, what="the lab")
        charts = list(screen.query(ChartView))
        await wait_for(pilot, lambda: charts[1].has_class("-not-main"), what="one chart at a time")
        await pilot.press("equals_sign")
        await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the dialog")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, what="the lesson again")
        await wait_for(pilot, lambda: screen.has_class("-wide"), what="the wide size class")
        await wait_for(pilot, lambda: not any(c.has_class("-not-main") for c in charts), what="every chart")
        assert all(c.region.height > 5 for c in charts), [c.region for c in charts]
        assert not screen._one_chart_at_a_time()


async def test_a_cut_try_this_box_says_where_the_rest_is(catalog):
    """7.5's three prompts were cut mid-sentence in the lab at 120x40, with nothing to say so."""
    from grok_tui.ui.widgets.try_this import TryThis

    app = GrokApp(catalog, start_lesson="7.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("l")
        tips = screen.query_one(TryThis)
        await wait_for(pilot, lambda: tips.region.height > 0, what="the try-this box")
        await pilot.pause()
        assert str(tips.border_title) == "try this · the rest: end of the text (l)"
    app = GrokApp(catalog, start_lesson="4.5", speed=0)  # two short prompts: whole
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        tips = app.screen.query_one(TryThis)
        await wait_for(pilot, lambda: tips.region.height > 0, what="the try-this box")
        await pilot.pause()
        assert str(tips.border_title) == "try this"


async def test_the_paragraphs_of_a_box_are_spaced_as_the_texts_are(tmp_path):
    """3.5's "Common mistake" box: its two paragraphs ran together, the second straight under the first."""
    lesson = '+++\nid = "9.7"\nchapter = 9\ntitle = "A box"\n+++\n\n> First paragraph ends here.\n>\n> Second one.\n\nAfter.\n\n```python\nx = 1\n```\n'
    app = one_lesson_app(tmp_path, "9.7-box.md", lesson)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines()]
        first = next(i for i, line in enumerate(lines) if "First paragraph ends here." in line)
        assert lines[first + 1] == "▌" and "Second one." in lines[first + 2], lines[first : first + 4]
        assert lines[first + 3] == "" and lines[first + 4] == "After."  # no blank quoted line at its end


async def test_capital_g_goes_to_the_end_of_the_text_as_j_and_k_scroll_it(small_catalog):
    """A reader used to j and k pressed G for the end of the lesson, and nothing moved (End did)."""
    from grok_tui.ui.widgets.document import LessonDocument

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        doc = app.screen.query_one(LessonDocument)
        await pilot.pause()
        assert doc.scroll_y == 0 and doc.max_scroll_y > 0
        await pilot.press("G")
        await wait_for(pilot, lambda: doc.scroll_y == doc.max_scroll_y, what="the end of the text")


async def test_at_60x18_a_panel_in_the_narrow_lab_keeps_its_legend_and_edge(catalog):
    """4.5's landscape, 6.5's network and 5.3's map lost their bottom rows at 60x18: the values took
    8 rows and left the panel 6 of its 8 (a trial). Below 20 rows the values take 5."""
    from grok_tui.ui.panels.landscape import LandscapePanel

    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(60, 18)) as pilot:
        screen = app.screen
        await pilot.press("l")
        await wait_for(pilot, lambda: screen.lab and bool(screen.query(LandscapePanel)), what="the lab")
        panel = screen.query_one(LandscapePanel)
        screen._bring(panel, focus=False)
        await wait_for(pilot, lambda: panel.display and panel.region.height > 0, what="the landscape")
        await pilot.pause()
        assert screen.has_class("-low") and panel.region.height >= 8, panel.region
        status = screen.query_one("#status")
        assert panel.region.bottom <= status.region.y, (panel.region, status.region)

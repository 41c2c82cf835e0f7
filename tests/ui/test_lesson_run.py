"""Pilot tests of running a lesson: play to the end, single-step, parameters, divergence, reset."""

from __future__ import annotations

import pytest

from grok_tui.engine.runner import RunState
from grok_tui.ui import lesson_params
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.output import OutputScreen
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.params import ParamsView
from grok_tui.ui.widgets.status import StatusLine
from grok_tui.ui.widgets.values import ValuesTable
from tests.ui.helpers import one_lesson_app, text_of, wait_for

SIZE = (80, 24)


def lesson_screen(app) -> LessonScreen:
    assert isinstance(app.screen, LessonScreen), app.screen
    return app.screen


async def run_to_end(pilot, screen: LessonScreen) -> None:
    await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")


async def test_run_45_to_finished_shows_the_books_numbers(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        assert screen.run_state is RunState.READY
        await pilot.press("space")
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.FINISHED
        assert screen.step_count == 20
        await pilot.pause()
        values = text_of(screen.query_one(ValuesTable))
        assert "-2.32452e+08" in values  # the book's pred after 20 steps with alpha 1, input 2
        assert "5.40341e+16" in values
        await wait_for(pilot, lambda: "finished" in text_of(screen.query_one(StatusLine)), what="the status")
        assert app.progress.lesson_state("4.5") == "done"


async def test_single_step_records_exactly_one_more_step(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("s")  # from ready: start paused after the first step
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="paused")
        assert len(screen.run.steps) == 1
        await pilot.press("s")
        await wait_for(
            pilot, lambda: len(screen.run.steps) == 2 and screen.run_state is RunState.PAUSED, what="one more step"
        )
        await pilot.pause(0.1)  # a run that kept going would have recorded many more steps by now
        assert len(screen.run.steps) == 2
        assert round(screen.run.steps[1].values["pred"], 10) == 0.2  # the book: 1.0, then 0.2
        # The status is redrawn on the screen's tick: wait for it (under load it came after the state).
        await wait_for(pilot, lambda: "paused" in text_of(screen.query_one(StatusLine)), what="the status")
        first = screen.run
        await pilot.press("minus")  # a new value while stepping: the new run waits after step 1
        await wait_for(
            pilot, lambda: screen.run is not first and screen.run_state is RunState.PAUSED, what="the new run to pause"
        )
        assert len(screen.run.steps) == 1 and screen.run.values["alpha"] == 0.316228
        await pilot.press("space")  # resume to the end
        await run_to_end(pilot, screen)
        assert screen.step_count == 20


async def test_lowering_alpha_restarts_the_run_and_converges(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("space")
        await run_to_end(pilot, screen)
        first_run = screen.run
        await pilot.press("minus", "left")  # alpha 1 -> 0.316228 -> 0.1 (← is - too)
        assert screen.params["alpha"] == 0.1
        assert "◂ 0.1 ▸" in text_of(screen.query_one(ParamsView))
        assert screen.run is not first_run  # stopped, and re-runs from the seed once the keys rest
        await run_to_end(pilot, screen)
        assert screen.run.values["alpha"] == 0.1
        assert screen.run_state is RunState.FINISHED
        assert abs(screen.run.steps[-1].values["pred"] - 0.8000121871948003) < 1e-12
        assert "0.800012" in text_of(screen.query_one(ValuesTable))
        assert screen.session.previous["pred"].ys  # the earlier run stays on the chart, dimmed


async def test_alpha_at_max_shows_huge_numbers_and_overflow_diverges(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        for _ in range(6):  # more presses than needed: the value stops at its maximum
            await pilot.press("plus")
        assert screen.params["alpha"] == 10.0
        await run_to_end(pilot, screen)
        assert screen.run.values["alpha"] == 10.0
        assert screen.run_state is RunState.FINISHED
        assert "e+" in text_of(screen.query_one(ValuesTable))  # e.g. error 1e+63, drawn, not a crash
        # Many iterations: the floats overflow and the tutor says where it stopped.
        screen.params["iterations"] = 2000
        await pilot.press("space")
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.DIVERGED
        status = text_of(screen.query_one(StatusLine))
        assert "diverged" in status and "step" in status
        assert screen.session.previous  # the curve up to the divergence is kept for the next run


async def test_the_step_axis_ends_where_the_run_will_or_did(small_catalog):
    """From its first step 4.5's run draws on an axis 1..20, its 20 iterations; a run that diverged
    early ends its axis at its last step (325 of 2000 filled a quarter of the chart)."""

    def x_labels(chart: ChartView) -> list[str]:
        return "".join(text for text, _ in chart.rows[-1]).split() if chart.rows else []

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("l", "s")  # the lab; one step
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="paused")
        chart = screen.query(ChartView).first()
        await wait_for(pilot, lambda: x_labels(chart)[-1:] == ["20"], what="the axis to the 20th step")
        assert x_labels(chart)[0] == "1" and len(screen.run.steps) == 1
        await pilot.press("space")  # resume to the end
        await run_to_end(pilot, screen)
        screen.params["iterations"] = 2000
        await pilot.press("space")  # a new run: it diverges long before its 2000th step
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.DIVERGED
        last = str(len(screen.run.steps))
        await wait_for(pilot, lambda: x_labels(chart)[-1:] == [last], what=f"the axis to step {last}")
        assert int(last) < 1000


async def test_reset_goes_back_to_ready_and_keeps_the_curve(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=2)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.step_count >= 1, what="a first step")
        run = screen.run
        await pilot.press("r")
        assert screen.run_state is RunState.READY and screen.run is None
        await wait_for(pilot, lambda: run.state is RunState.CANCELLED, what="the old run to stop")
        assert screen.session.previous["error"].ys


async def test_speed_keys_walk_the_ladder(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        assert screen.speed == 4  # the lesson's pace
        await pilot.press("greater_than_sign")
        assert screen.speed == 10
        await pilot.press("less_than_sign", "less_than_sign")
        assert screen.speed == 2
        assert "speed 2/s" in text_of(screen.query_one(StatusLine))
        await pilot.press("p", "n")  # the chosen speed stays with the lesson for the session
        assert lesson_screen(app).speed == 2


BROKEN = """+++
id = "9.8"
chapter = 9
title = "A bug on purpose"
show = ["i"]
+++

Counts down to a division by zero.

```python train
for i in range(3, -1, -1):
    step(i=i, share=1 / i)
```
"""


async def test_a_failing_run_says_where_and_marks_the_line(tmp_path):
    from grok_tui.ui.widgets.code_cell import CodeCell

    app = one_lesson_app(tmp_path, "9.8-bug.md", BROKEN)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("space")
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.FAILED and screen.step_count == 3
        await pilot.pause()
        status = text_of(screen.query_one(StatusLine))
        assert "failed" in status and "9.8-bug.md:12: ZeroDivisionError" in status
        assert screen.query_one(CodeCell).mark == 12
        await pilot.press("o")  # the output on the whole screen, then back
        assert isinstance(app.screen, OutputScreen)
        await pilot.pause()
        shown = text_of(app.screen.query_one("#output-text"))
        assert (
            "the run stopped with an error: " in shown and "9.8-bug.md:12: ZeroDivisionError: division by zero" in shown
        )
        await pilot.press("escape")
        assert app.screen is screen
        assert app.progress.lesson_state("9.8") == "started"  # a failed run does not finish a lesson


async def test_holding_plus_starts_one_run_not_one_per_key(small_catalog, monkeypatch):
    # A held key repeats every ~30 ms, well within the 0.3 s the keys must rest; the Pilot's presses
    # came more than 0.3 s apart on a loaded machine (2 runs, once at -n 4, load 4). 1 s here.
    monkeypatch.setattr(lesson_params, "RESTART_DELAY", 1.0)
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        started = []
        real_start = screen.session.start
        screen.session.start = lambda **kw: (started.append(kw), real_start(**kw))
        await pilot.press("right_square_bracket", "right_square_bracket")  # iterations
        await pilot.press(*["plus"] * 8)
        await run_to_end(pilot, screen)
        assert len(started) == 1 and screen.run.values["iterations"] == 100
        assert screen.step_count == 100


async def test_space_right_after_a_change_does_to_its_rerun_what_it_would_do_once_started(small_catalog, monkeypatch):
    """`+ space` in one burst (typed ahead, or bunched by a slow link): the space came before the
    re-run started, was read as "run", and the new run played to its end; one key at a time, the
    same space pauses it. Now the re-run starts paused; after `s`, stepping, it starts playing."""
    monkeypatch.setattr(lesson_params, "RESTART_DELAY", 1.0)
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await pilot.press("space")
        await run_to_end(pilot, screen)
        await pilot.press("minus", "space")
        assert screen.run_state is RunState.READY and screen.session.pending is True  # to start paused, once keys rest
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="the re-run, paused")
        assert screen.params["alpha"] == 0.316228 and screen.step_count <= 1
        await pilot.press("space")  # plays it
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.FINISHED and screen.run.values["alpha"] == 0.316228
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="a stepped run")
        await pilot.press("plus", "space")  # stepping: the re-run would wait paused; space plays it
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.FINISHED and screen.run.values["alpha"] == 1.0


async def test_wide_terminals_put_the_code_beside_the_values_and_charts(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = lesson_screen(app)
        await pilot.pause()
        doc, side, charts = (screen.query_one(q).region for q in ("#doc", "#side", "#charts"))
        assert screen.has_class("-wide") and screen.has_class("-tall") and screen.has_class("-read")
        assert doc.right <= side.x and doc.right <= charts.x  # code on the left
        assert side.bottom <= charts.y and charts.height >= 16  # values above roomy charts
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        doc = screen.query_one("#doc").region
        assert screen.has_class("-narrow") and doc.width == 80 and doc.height >= 12  # reading: the text gets the screen
        assert not screen.query_one("#side").region and not screen.query_one("#charts").region


async def test_v_shows_the_check_cells(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        check = screen.query_one("#doc .-check")
        assert not check.display or check.region.height == 0
        await pilot.press("v")
        await pilot.pause()
        assert check.region.height > 5 and "-232452292.6" in text_of(check)
        await pilot.press("v")
        await pilot.pause()
        assert check.region.height == 0


def test_the_output_title_keeps_its_keys_whole_beside_a_long_lesson_title():
    """At 80 columns 7.6's title pushed the keys out: `↑↓ pgup pgdn home` and no `end`."""
    title = "7.6 Overfitting, and three cures: dropout, batches, early stopping"
    line = OutputScreen(title, lambda: (None, ""))._title_line(80).plain
    assert len(line) <= 80 and line.endswith("↑↓ pgup pgdn home end · esc back") and "…" in line
    assert title in OutputScreen(title, lambda: (None, ""))._title_line(140).plain


NAN_OR_INF = """+++
id = "9.7"
chapter = 9
title = "A value that goes bad"
show = ["loss"]
nan_advice = "0 x log 0: use the safe loss, said in full"

[params.bad]
default = "nan"
choices = ["nan", "inf"]
+++

Two ways for a number to go bad.

```python train
for i in range(3):
    step(loss=float(bad) if i == 2 else 1.0)
```
"""


@pytest.mark.parametrize(
    ("bad", "advice"), [("nan", "0 x log 0: use the safe loss, said in full"), ("inf", "try smaller updates")]
)
async def test_a_nan_gets_the_lessons_own_advice_and_an_inf_the_smaller_step(tmp_path, bad, advice):
    """7.3 at alpha 64: the nan is 0 x log 0, and "try a smaller step" sent the learner the wrong way.
    (This lesson has no alpha: the advice names no knob.)"""
    from grok_tui.lesson.catalog import load_catalog

    (tmp_path / "l").mkdir()
    (tmp_path / "l" / "9.7-bad.md").write_text(NAN_OR_INF.replace('default = "nan"', f'default = "{bad}"'))
    app = GrokApp(load_catalog(tmp_path / "l"), start_lesson="9.7", speed=0)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = lesson_screen(app)
        await pilot.press("space")
        await run_to_end(pilot, screen)
        assert screen.run_state is RunState.DIVERGED
        await pilot.pause()
        status = text_of(screen.query_one(StatusLine))
        # the step is said once, in the head
        assert f"step 3  loss became {bad}  {advice} · space again" in status, status
        await pilot.resize_terminal(80, 24)  # 7.3's advice did not show at all at 80 columns
        await wait_for(pilot, lambda: screen.query_one(StatusLine).content_size.width == 80)
        screen._redraw_status()
        await pilot.pause()
        assert advice in text_of(screen.query_one(StatusLine)), text_of(screen.query_one(StatusLine))


async def test_after_a_passed_exercise_the_lesson_waits_for_space_to_run_it(catalog):
    """The tutor started a run by itself after a pass, and learners pressing space "to run it"
    paused it ("paused step 1/10"). Now the lesson is ready and space runs the learner's code; a
    run going on (with the old code) is stopped."""
    from grok_tui.ui.screens.predict import PredictScreen

    app = GrokApp(catalog, start_lesson="4.3", speed=1)
    async with app.run_test(size=SIZE) as pilot:
        screen = lesson_screen(app)
        await wait_for(pilot, lambda: screen.is_mounted and screen.lab_built, what="the lab")
        screen.start_run(rerun=True)  # a run going on while the learner writes the exercise
        await wait_for(pilot, lambda: screen.run_state is RunState.RUNNING, what="the run")
        screen.exercise_done(True)
        await pilot.pause()
        assert screen.run_state is RunState.READY and not isinstance(app.screen, PredictScreen)
        await wait_for(pilot, lambda: "space run" in text_of(screen.query_one(StatusLine)), what="the status")
        # said beside "space run" in the status line (a toast covered the text for 5 s)
        # the run going on was cut short: said, as it is no longer there
        assert "passed: the run starts over with it  space run" in text_of(screen.query_one(StatusLine))
        assert not app._notifications
        await pilot.press("space")  # the learner's own run, which asks
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")


def test_the_output_of_a_run_that_printed_nothing_says_so():
    """5.4 prints nothing: after a finished run the output screen said "nothing printed yet: run the
    lesson (space)", sending the learner to run it again."""
    from grok_tui.engine.feed import FeedView
    from grok_tui.engine.runner import RunState
    from grok_tui.ui.screens.output import output_text

    def view(state: RunState) -> FeedView:
        return FeedView(version=1, state=state, detail="", step=20, latest={}, series={}, output="")

    assert output_text(view(RunState.FINISHED)).plain == "this run printed nothing"
    assert output_text(view(RunState.RUNNING)).plain == "nothing printed yet"

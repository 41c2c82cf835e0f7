"""What the status line advises after a run: an error that grew (not after a sweep that grows it by
design, nor where the input sets the step), a run that diverged (kept at 80 columns), an error
that stopped changing (7.2 collapsed on its chance line), a run that records no step for long.
(The status line's other states and offers: test_status_line.py.)"""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.param_input import ParamInput
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import one_lesson_app, text_of, wait_for
from tests.ui.test_instruments_ui import play_past_questions
from tests.ui.test_lesson_views import SIZE, finish

STUCK = """+++
id = "9.7"
chapter = 9
title = "A loop that never reaches step"
show = ["i"]
steps = "iterations"

[params.iterations]
default = 3
min = 1
max = 40
+++

A teacher's slip: the inner loop never ends, and never reaches `step`.

```python train
for i in range(iterations):
    delta = 1.0
    while delta:
        delta = delta * 1.0
    step(i=i)
```
"""


async def test_a_sweep_whose_error_grows_gets_no_advice_to_take_smaller_steps(catalog):
    """4.1 sweeps a weight past the best one: its error grows by design (0.04 -> 1.96 with
    goal_pred 0.2), and the lesson has no step to make smaller."""
    app = GrokApp(catalog, start_lesson="4.1", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "equals_sign")
        await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the value box")
        await pilot.press("ctrl+u", *"0.2", "enter")
        # the change runs the lesson by itself (a space now could pause that run)
        await wait_for(
            pilot, lambda: screen.params["goal_pred"] == 0.2 and screen.session.rerun, what="the re-run with 0.2"
        )
        await finish(pilot, screen)
        errors = screen.session.poll().series["trial_error"].ys
        assert errors[-1] > 10 * errors[0]  # what a learning run would be told it diverged with
        status = text_of(screen.query_one(StatusLine))
        assert "finished" in status and "try smaller updates" not in status and "->" not in status


async def test_a_diverged_run_keeps_its_advice_at_80_columns(small_catalog):
    """The detail gives way: at 80 columns "try smaller updates" was the part cut off."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        detail = "too big for a float at line 88, after step 117"
        status.show_status(RunState.DIVERGED, 117, 200, "", detail=detail, note="iterations 200 (was 24)")
        await pilot.pause()
        shown = text_of(status).rstrip()
        # the detail whole (its step is the head's, said once), then the advice: the keys (in the
        # footer anyway) and the note of the change gave way. It read `too big for a float …`.
        assert shown.endswith("step 117/200  too big for a float at line 88  try smaller updates"), shown
        assert len(shown) <= 80 and "(was 24)" not in shown
        # a shorter note gave way only when the detail had under 16 columns: it stayed, and the detail
        # was cut (`alpha 3.2 (was 1.6)  too big for a f…`)
        status.show_status(RunState.DIVERGED, 117, 200, "", detail=detail, note="alpha 3.2 (was 1.6)")
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert shown.endswith("step 117/200  too big for a float at line 88  try smaller updates"), shown
        # the reading view names the selected param: it gives way too, and the advice never does
        long = "too big for a float at line 1088 of a long lesson, after step 117"
        status.show_status(RunState.DIVERGED, 117, 2000, "speed 4/s", detail=long, param="iterations ◂ 2000 ▸")
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert shown.endswith("try smaller updates") and "iterations" not in shown, shown
        assert "speed 4/s  too big for a float …  try smaller updates" in shown, shown  # cut, not left out
        grew = ("error 0.0196 -> 2.17e+59", "error 2.17e+59")  # 5.3 with frozen=-1, 24 iterations
        status.show_status(RunState.FINISHED, 24, 24, "", param="iterations ◂ 24 ▸", grew=grew)
        await pilot.pause()
        shown = text_of(status).rstrip()  # where the error ended, not where it began, and the advice
        assert shown.endswith("iterations ◂ 24 ▸  error 2.17e+59  try smaller updates"), shown
        # 6.2 at alpha 1 cycles, its error up by half: cut to `error_for_all_lights 9…` beside the
        # rung, it read as an error of about 9 and said nothing of where it began
        grew = ("error_for_all_lights 6.44 -> 9.46",) * 2  # risen short of ten times: no short form
        status.show_status(RunState.FINISHED, 40, 40, "", param="alpha ◂ 1 ▸", grew=grew)
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert shown.endswith("step 40/40  error_for_all_lights 6.44 -> 9.46  try smaller updates"), shown
        # 5.2b at alpha 3.2: beside the note of the change, the long form was cut to 'error 4.44e+03
        # ->…', which read as if the run had ended at 4440; the short form fits
        grew = ("error 4.44e+03 -> 5.66e+33", "error 5.66e+33")
        status.show_status(RunState.FINISHED, 40, 40, "", note="alpha 3.2 (was 1.6)", grew=grew)
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert shown.endswith("alpha 3.2 (was 1.6)  error 5.66e+33  try smaller updates"), shown
        # 5.2 at 24 iterations: the short form beside the note
        grew = ("error 0.0196 -> 1.68e+08", "error 1.68e+08")
        status.show_status(RunState.FINISHED, 24, 24, "", note="iterations 3 -> 24", grew=grew)
        await pilot.pause()
        assert text_of(status).rstrip().endswith("iterations 3 -> 24  error 1.68e+08  try smaller updates")
        # neither form fits beside a longer note; the growth is never cut (`error 0.0196 ->…` read
        # as if the run had ended at 0.0196): the note gives way
        status.show_status(RunState.FINISHED, 24, 24, "", note="iterations 300 -> 2400", grew=grew)
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert shown.endswith("step 24/24  error 0.0196 -> 1.68e+08  try smaller updates"), shown
        await pilot.resize_terminal(140, 30)  # room for it all
        await wait_for(pilot, lambda: status.content_size.width > 130, what="the wider status line")
        status.show_status(RunState.DIVERGED, 117, 200, "", detail=detail, note="iterations 200 (was 24)")
        await pilot.pause()
        assert "200 (was 24)  too big for a float at line 88  try smaller updates · space again" in text_of(status)


async def test_a_run_that_records_no_step_for_long_says_so_and_r_stops_it(tmp_path, monkeypatch):
    """A train cell stuck in a loop: 'running step 0/30 · speed 5/s' for 90 s, no hint, and space did
    not pause it (a pause waits for the next step); only r stopped it, which nothing said."""
    from grok_tui.engine import session

    monkeypatch.setattr(session, "STALL_AFTER", 0.5)
    app = one_lesson_app(tmp_path, "9.7-stuck.md", STUCK)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("space")
        status = screen.query_one(StatusLine)
        await wait_for(pilot, lambda: "no new step for" in text_of(status), timeout=20, what="the stall said")
        shown = text_of(status)
        assert shown.startswith(" running  step 0/3 · no new step for ") and len(shown.rstrip()) <= 80
        assert shown.rstrip().endswith(" s  stuck in a loop? r stops it"), shown
        await pilot.press("r")
        await wait_for(pilot, lambda: screen.session.run is None, timeout=20, what="the reset")
        await wait_for(pilot, lambda: "no new step" not in text_of(status), what="the status after the reset")
        # and what r stopped, and why it hung, stays said ("ready" alone said nothing)
        assert "ready" in text_of(status) and "stopped: no step for " in text_of(status), text_of(status)
        assert len(text_of(status).rstrip()) <= 80


async def test_an_error_that_stopped_changing_is_stuck_with_the_lessons_advice(catalog):
    """6.5 at alpha 2: 29.5 after the first pass, then 2 for the other 59 (every hidden node dead,
    worse than answering 0.5 to every light), and the status said "finished · n next lesson".
    At alpha 2 a smaller alpha is the cure (at seed 2, whose nodes die at any alpha, another seed):
    the lesson's stuck_advice_by_param says the one for the param the learner changed."""
    app = GrokApp(catalog, start_lesson="6.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="the lesson")
        screen = app.screen
        await pilot.press("equals_sign")
        await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the box")
        await pilot.press("ctrl+u", "2", "enter")
        await wait_for(pilot, lambda: screen.params["alpha"] == 2.0, what="alpha 2")
        await play_past_questions(pilot, app, screen)
        await finish(pilot, screen)
        status = text_of(screen.query_one(StatusLine))
        assert "layer_2_error stuck at 2" in status and "next lesson" not in status, status
        assert status.rstrip().endswith("  try a smaller alpha") and "seed 0" not in status, status


async def test_7_2_collapsed_at_alpha_1_is_stuck_on_its_chance_line(catalog):
    """7.2 at fixes 4, alpha 1: every hidden unit flat within an epoch, one guess (0) for every image,
    test_accuracy 0.1, and the status said "finished". Its accuracy chart now has 7.5's chance line;
    the error that stopped changing is what the status names, with the lesson's advice (fix 5 at
    alpha 1 reaches 0.89), as at the default run ("error stuck at 8.231  raise fixes"), and the cure
    the lesson gives first for this run, a smaller alpha ("One output also needs a small step")."""
    chart = catalog.get("7.2").charts[0]
    assert chart.series == ("test_accuracy",) and chart.goal_value == 0.1 and chart.goal_label == "chance"
    app = GrokApp(catalog, start_lesson="7.2", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="the lesson")
        screen = app.screen
        for name, typed, value in (("fixes", "4", 4), ("alpha", "1", 1.0)):
            if name == "alpha":
                await pilot.press("right_square_bracket")
            await pilot.press("equals_sign")
            await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the box")
            await pilot.press("ctrl+u", typed, "enter")
            await wait_for(pilot, lambda n=name, v=value: screen.params[n] == v, what=f"{name} {typed}")
        await wait_for(pilot, lambda: screen.session.rerun, what="the re-run")
        await finish(pilot, screen)
        last = screen.run.steps[-1].values
        assert last["test_accuracy"] == 0.1 and last["different_guesses"] == 1 and last["epoch"] == 10
        status = text_of(screen.query_one(StatusLine))
        assert "error stuck at 28.4  lower alpha, or raise fixes" in status, status
        assert "next lesson" not in status, status


async def test_a_lesson_whose_input_sets_the_step_says_when_its_error_grew(catalog):
    """4.4 with input 1.5 and 40 iterations blew up to an error of 2.3e+07 and was reported
    "finished" with no word: it has no alpha, so its error was not watched. Its growth_advice names
    the param that sets its step."""
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        for presses, value, name in ((1, "1.5", "input"), (2, "40", "iterations")):
            await pilot.press(*["right_square_bracket"] * presses, "equals_sign")
            await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the value box")
            await pilot.press("ctrl+u", *value, "enter")
            await wait_for(
                pilot,
                lambda name=name, value=value: screen.params[name] == float(value) and screen.session.rerun,
                what=f"the re-run with {name} {value}",
            )
            await finish(pilot, screen)
        errors = screen.session.poll().series["error"].ys
        assert errors[-1] > 1e6 * errors[0]
        status = text_of(screen.query_one(StatusLine))
        assert "->" in status and "keep input within ±1.41" in status, status

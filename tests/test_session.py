"""The lesson session without Textual: start, pause, step, nudge then re-run from the seed, the
finished event fired once, one step's values, the step count and what changed since the last run."""

from __future__ import annotations

from pathlib import Path

import pytest

from grok_tui.engine.runner import RunState
from grok_tui.engine.session import LessonSession
from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.params import ParamError
from grok_tui.lesson.steps import StepsError, check_steps, total_steps

FIXED = load_catalog(Path(__file__).resolve().parent / "ui" / "lessons")


def session(lesson_id: str = "4.5", speed: float = 0, **params) -> LessonSession:
    return LessonSession(FIXED.get(lesson_id), speed=speed, params=params)


def play(s: LessonSession):
    assert s.run is not None and s.run.join(timeout=10)
    return s.poll()


def test_a_run_to_the_end_fires_finished_once_and_reports_the_count():
    s = session()
    finished, ended = [], []
    s.on_finished(finished.append)
    s.on_ended(ended.append)
    assert s.state is RunState.READY and s.total == 20
    s.start()
    view = play(s)
    assert view.state is RunState.FINISHED and view.step == 20 == s.total
    for _ in range(3):  # every redraw polls: the event must not repeat
        s.poll()
    assert finished == [s.run] and ended == [s.run]
    assert s.ended_run is s.run


def test_pause_and_single_step_then_resume():
    s = session()
    s.step_once()  # from ready: the run waits after its first step
    for _ in range(500):
        if s.run.state is RunState.PAUSED:
            break
        s.run.join(0.01)
    assert s.run.state is RunState.PAUSED and len(s.run.steps) == 1
    s.step_once()
    for _ in range(500):
        if len(s.run.steps) == 2 and s.run.state is RunState.PAUSED:
            break
        s.run.join(0.01)
    assert len(s.run.steps) == 2 and round(s.run.steps[1].values["pred"], 10) == 0.2
    s.toggle()  # resume
    assert play(s).state is RunState.FINISHED


def test_nudge_stops_and_reruns_from_the_seed_with_the_change_named():
    s = session()
    s.start()
    play(s)
    first = s.run
    assert s.nudge(-1) == ""  # alpha 1 -> 0.316228 (the log ladder)
    assert s.run is None and s.pending is False and s.params["alpha"] == 0.316228
    assert s.previous["error"].ys  # the finished run is kept for comparison
    s.restart()
    assert s.run is not first and s.run.values["alpha"] == 0.316228
    play(s)
    assert s.change == "alpha 0.316228 (was 1)"
    assert s.previous_label == "alpha 1"  # the dimmed curve's legend: what that run had
    again = session(alpha=0.316228)
    again.start()
    play(again)
    assert [st.values["pred"] for st in again.run.steps] == [st.values["pred"] for st in s.run.steps]


def test_a_nudge_at_the_end_of_the_ladder_says_so():
    s = session(alpha=10.0)
    assert s.nudge(1) == "alpha is already at its maximum" and s.pending is None


def test_typed_params_are_checked_against_type_and_range():
    s = session()
    s.set_param("alpha", " 0.5 ")
    assert s.params["alpha"] == 0.5 and s.pending is False
    with pytest.raises(ParamError, match="above its maximum 10"):
        s.set_param("alpha", "11")
    with pytest.raises(ParamError, match="must be a number"):
        s.set_param("alpha", "half")
    with pytest.raises(ParamError, match="whole number"):
        s.set_param("iterations", "2.5")
    assert s.params["alpha"] == 0.5


def test_changing_a_param_while_stepping_keeps_stepping():
    s = session()
    s.step_once()
    for _ in range(500):
        if s.run.state is RunState.PAUSED:
            break
        s.run.join(0.01)
    s.nudge(-1)
    assert s.pending is True
    s.restart()
    assert s.run.paused
    s.reset()
    assert s.run is None and s.state is RunState.READY


STAGES = """+++
id = "9.1"
chapter = 9
title = "Stages"
show = ["w", "early", "before", "final_only"]
+++

Text.

```python train
before = 5
w = 0
for i in range(3):
    step(w=w, early=i) if i == 0 else step(w=w)
    w += 1
final_only = 7
```
"""


def test_the_values_after_a_run_come_from_one_step(tmp_path):
    (tmp_path / "9.1-stages.md").write_text(STAGES, encoding="utf-8")
    s = LessonSession(load_catalog(tmp_path).get("9.1"), speed=0)
    s.start()
    values = s.shown_values(play(s))
    # w is the last step's (2), not the namespace's (3); early is stale (an earlier step's); final_only
    # was never recorded, so it comes from the end of the run.
    assert values == {"w": 2, "before": 5, "final_only": 7}


def test_a_shown_value_set_before_the_loop_is_shown_while_stepping(tmp_path):
    """4.1's pred, miss and error are computed before its sweep and recorded by no step: while a
    learner stepped they were nowhere on screen, and came back only when the run ended."""
    (tmp_path / "9.1-stages.md").write_text(STAGES, encoding="utf-8")
    s = LessonSession(load_catalog(tmp_path).get("9.1"), speed=0)
    s.step_once()
    for _ in range(500):
        if s.run.state is RunState.PAUSED:
            break
        s.run.join(0.01)
    view = s.poll()
    assert view.step == 1 and s.shown_values(view) == {"w": 0, "early": 0, "before": 5}
    assert "before" not in s.run.steps[0].values  # shown, not recorded (no chart, no check sees it)
    s.toggle()
    assert s.shown_values(play(s)) == {"w": 2, "before": 5, "final_only": 7}


def test_step_count_expressions():
    check_steps("iterations * 2 + 1", {"iterations"})
    assert total_steps("iterations * 2 + 1", {"iterations": 20}) == 41
    assert total_steps("", {}) is None and total_steps("epochs", {"epochs": "x"}) is None
    with pytest.raises(StepsError, match="not a parameter"):
        check_steps("epochs", {"iterations"})
    with pytest.raises(StepsError, match="only numbers"):
        check_steps("__import__('os')", {"iterations"})


def test_the_measured_speed_counts_steps_between_step_changes():
    from grok_tui.engine.feed import RunFeed

    s = session()
    s.run, s.feed = object(), RunFeed()  # a run that is RUNNING; the samples are what polls saw
    s._samples.extend([(10.0, 1), (11.0, 2), (12.0, 3)])
    assert s.measured_speed(now=12.1) == 1.0  # not 3 steps / 2.1 s
    assert s.measured_speed(now=20.0) is None  # stalled: no step for 8 s


def test_a_pause_leaves_no_old_steps_in_the_measured_speed():
    """6.4 at 1/s, a question answered after a while: that wait was in the window on resuming, and
    the status read "speed 1/s (0.0/s)"."""
    from grok_tui.engine.feed import RunFeed

    s = session()
    s.run, s.feed = object(), RunFeed(state=RunState.PAUSED)
    s._samples.extend([(0.0, 1), (1.0, 2)])
    s.poll()
    assert not s._samples
    s.feed = RunFeed()  # resumed: measured from here
    s.poll()
    assert len(s._samples) == 1 and s.measured_speed() is None


def test_a_paced_speed_is_measured_only_over_a_window_that_polls_cannot_skew():
    from grok_tui.engine.feed import RunFeed

    s = session()
    s.run, s.feed = object(), RunFeed()
    s.speed = 4
    # 4 steps a second, seen by polls every 0.2 s: up to a poll late, so the first 1.6 s read 4.4/s
    s._samples.extend([(0.0, 1), (0.4, 2), (0.6, 3), (0.8, 4), (1.2, 5), (1.4, 6), (1.6, 7)])
    assert s.measured_speed(now=1.7) is None
    s._samples.extend([(1.8, 8), (2.2, 9), (2.4, 10), (2.6, 11), (2.8, 12)])
    assert s.measured_speed(now=2.9) == pytest.approx(11 / 2.8)  # 3.9/s: within a tenth of 4
    s.speed = 0  # top speed: shown as soon as two polls saw steps 0.3 s apart
    s._samples.clear()
    s._samples.extend([(5.0, 100), (5.4, 600)])
    assert s.measured_speed(now=5.5) == pytest.approx(1250)


def test_every_lesson_says_how_many_steps_its_run_takes():
    """The `steps` metadata matches the run (chapter 7 trains for seconds: three epochs suffice), and
    a lesson's step_name is the count its runs record at each step."""
    from grok_tui.engine.runner import LessonRun
    from tests.lessons_util import COURSE

    for lesson in COURSE.lessons:
        assert lesson.steps, f"{lesson.id} has no steps = ... line"
        small = {p.name: 3 for p in lesson.params if p.name in ("epochs", "iterations", "count")}
        run = LessonRun(lesson, small if lesson.id != "4.2" else {})
        steps = run.run_sync().steps
        assert len(steps) == total_steps(lesson.steps, run.values), lesson.id
        if lesson.step_name:  # the charts say "by epoch" under an axis of step numbers: the same count
            counts = [(s.index, s.values[lesson.step_name]) for s in steps if lesson.step_name in s.values]
            assert counts and all(i == n for i, n in counts), (lesson.id, counts[:5])


def test_a_listener_added_when_a_run_is_starting_sees_its_first_step():
    """Panels tap the run from `starting`, before its process exists: a fast run (speed 0) must not
    deliver steps before the tap, or an experiments row reads '0 steps' (a CI failure once)."""
    from grok_tui.engine.runner import StepEvent

    s = session()
    seen: list[int] = []

    def tap(run) -> None:
        feed = run.listener

        def both(event) -> None:
            feed(event)
            if isinstance(event, StepEvent):
                seen.append(event.step.index)

        run.listener = both
        assert run.state is RunState.READY  # not started yet

    s.starting = tap
    s.start()
    play(s)
    assert seen[0] == 1 and seen[-1] == 20 == len(seen)


def test_only_lessons_with_a_step_size_are_watched_for_a_growing_error(catalog):
    from grok_tui.engine.session import LessonSession

    watched = {lesson.id for lesson in catalog.lessons if LessonSession(lesson, speed=0).watch_growth}
    # the lessons whose params include alpha (or 4.2's step_amount), and 4.4, whose input sets its
    # step (growth_advice); no other
    assert {"4.2", "4.3", "4.4", "4.5", "5.1", "5.5", "6.1", "6.5", "7.2", "7.6"} <= watched
    assert not watched & {"4.1", "4.3b", "6.3", "6.7", "7.1", "7.4"}


def test_a_rerun_stopped_soon_after_it_started_is_not_the_previous_run(monkeypatch):
    """Rung presses 0.4 s apart each ran a tenth of a second: the dimmed "previous run" was then a
    rung the learner never watched (`iterations 16 -> 4` after four presses from 20)."""
    import types

    from grok_tui.engine import session as session_module

    clock = [100.0]
    monkeypatch.setattr(session_module, "time", types.SimpleNamespace(monotonic=lambda: clock[0]))
    s = session(speed=20)  # a second a run: stopped part way

    def three_steps() -> None:
        for _ in range(500):
            if len(s.run.steps) >= 3:
                return
            s.run.join(0.01)
        raise AssertionError("the run did not take three steps")

    s.start()
    three_steps()
    clock[0] += 2.0  # watched for two seconds, then a rung: kept for comparison
    s.nudge(-1)
    assert s.previous_label.startswith("alpha 1, stopped at step ")
    s.restart()
    three_steps()
    s.nudge(-1)  # the next rung within a second of the re-run's start: that run is not kept
    assert s.previous_label.startswith("alpha 1, stopped at step ") and s.params["alpha"] == 0.1
    s.restart()
    three_steps()
    clock[0] += 1.5
    s.nudge(1)  # watched long enough: now it is the one to compare with
    assert s.previous_label.startswith("alpha 0.1, stopped at step ")
    s.stop()


def test_a_run_stopped_part_way_keeps_the_longer_run_it_repeated_as_the_previous_one(monkeypatch):
    """7.5 played to its end, played again, and alpha changed at epoch 12: the dimmed "previous run:
    alpha 0.1" was those 12 epochs, the whole run the learner had just watched thrown away."""
    import types

    from grok_tui.engine import session as session_module

    clock = [100.0]
    monkeypatch.setattr(session_module, "time", types.SimpleNamespace(monotonic=lambda: clock[0]))
    s = session()
    s.start()
    whole = len(play(s).series["error"].xs)
    s.set_speed(20)  # a second a run: stopped part way
    s.start()  # again, the same params: the finished run is the previous one
    for _ in range(500):
        if len(s.run.steps) >= 3:
            break
        s.run.join(0.01)
    clock[0] += 5.0  # watched long enough to be kept, had it been another run
    s.nudge(-1)
    assert s.previous_label == "alpha 1" and len(s.previous["error"].xs) == whole
    # a run with other params stopped part way is still the one to compare with
    s.restart()
    for _ in range(500):
        if len(s.run.steps) >= 3:
            break
        s.run.join(0.01)
    clock[0] += 5.0
    s.nudge(-1)
    assert s.previous_label.startswith("alpha 0.316228, stopped at step ")
    s.stop()


def test_a_previous_run_stopped_part_way_says_where_in_its_legend():
    """5.2's raw toes, changed back at step 4, was drawn as the previous run reaching 1e+7, a run
    that goes on to 4.8e+60: its legend said only "previous run: toes_unit toes"."""
    s = session()
    for steps in (1, 2):
        s.step_once()
        for _ in range(500):
            if s.run.state is RunState.PAUSED and len(s.run.steps) == steps:
                break
            s.run.join(0.01)
    s.reset()  # r: the dimmed curve is that run, two steps of twenty
    s.nudge(-1)
    assert s.previous_label == "alpha 1, stopped at step 2"
    s.start()
    play(s)
    s.nudge(1)  # a run that ended on its own says only its values
    assert s.previous_label == "alpha 0.316228"

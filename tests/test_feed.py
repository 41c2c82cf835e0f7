"""The run feed keeps a long run's curves bounded and hands the UI a view that costs nothing to re-read."""

from __future__ import annotations

from grok_tui.engine.feed import CELL_HEAD, CELL_TAIL, MAX_POINTS, RunFeed
from grok_tui.engine.runner import OutputEvent, RunState, StateEvent, Step, StepEvent


def _feed(steps: int) -> RunFeed:
    feed = RunFeed(("error",))
    for i in range(1, steps + 1):
        feed(StepEvent(Step(i, {"error": i * 0.5})))
    return feed


def test_a_long_run_is_thinned_over_its_whole_length_and_ends_at_the_latest_step():
    for steps in (MAX_POINTS, MAX_POINTS + 1, 10_007, 100_000):
        series = _feed(steps).view().series["error"]
        assert MAX_POINTS // 2 <= len(series.xs) <= MAX_POINTS + 1 or steps <= MAX_POINTS
        assert series.xs[0] == 1.0 and series.xs[-1] == float(steps)  # first and latest step
        assert series.ys == [x * 0.5 for x in series.xs]  # each value stays with its own step
        assert series.xs == sorted(set(series.xs))  # in step order, each step once
        gaps = [b - a for a, b in zip(series.xs, series.xs[1:], strict=False)]
        assert max(gaps) <= 2 * steps / (MAX_POINTS // 2)  # no stretch of the run left out


def test_a_thinned_bounce_keeps_both_sides():
    """4.2 with step_amount 0.316 bounces between 0.72 and 0.88 every step: keeping every other
    step kept only 0.88, and the chart drew a flat line."""
    feed = RunFeed(("pred",))
    for i in range(1, 1102):
        feed(StepEvent(Step(i, {"pred": 0.72 if i % 2 else 0.88})))
    series = feed.view().series["pred"]
    assert len(series.ys) <= MAX_POINTS + 1
    for part in (series.ys[:50], series.ys[len(series.ys) // 2 :][:50], series.ys[-50:]):
        assert set(part) == {0.72, 0.88}


def test_a_series_leaves_out_nan_and_inf_and_says_from_which_step():
    """7.3 at alpha 64: the loss becomes nan at epoch 7. The chart cannot draw it, but must be able
    to say so: the series carries the step."""
    feed = RunFeed(("loss", "label"))
    values = [0.6, 28.0, 2.0, float("nan"), float("inf"), 1.0]
    for i, loss in enumerate(values, start=1):
        feed(StepEvent(Step(i, {"loss": loss, "label": "a word, not a number"})))
    series = feed.view().series
    assert series["loss"].xs == [1.0, 2.0, 3.0, 6.0] and series["loss"].nan_from == 4.0
    assert series["label"].nan_from is None and series["label"].xs == []


def test_a_short_run_keeps_every_point():
    series = _feed(50).view().series["error"]
    assert series.xs == [float(i) for i in range(1, 51)]


def test_the_view_is_made_again_only_after_an_event():
    feed = _feed(3)
    first = feed.view()
    assert feed.view() is first  # a poll between events copies nothing
    feed(OutputEvent("hello\n"))
    second = feed.view()
    assert second is not first and second.output == "hello\n" and second.step == 3
    feed(StepEvent(Step(4, {"error": 2.0})))
    third = feed.view()
    assert third.output == "hello\n" and third.series["error"].xs[-1] == 4.0 and third.latest == {"error": 2.0}
    feed(StateEvent(RunState.FINISHED, "4 steps"))
    assert feed.view().state is RunState.FINISHED and feed.view().detail == "4 steps"


def test_a_non_finite_value_ends_the_curve_where_it_was_finite():
    feed = RunFeed(("error",))
    for i, y in enumerate([1.0, 2.0, float("inf"), float("nan")], start=1):
        feed(StepEvent(Step(i, {"error": y})))
    assert feed.view().series["error"].ys == [1.0, 2.0]


def test_a_view_keeps_each_names_last_recorded_value_and_its_step():
    feed = RunFeed(("error",))
    for index, values in enumerate(({"lamps": [1, 0], "stage": "forward"}, {"stage": "back"}, {"stage": "update"}), 1):
        feed(StepEvent(Step(index, values)))
    view = feed.view()
    assert view.latest == {"stage": "update"}
    assert view.recorded_after(0) == {"lamps": [1, 0], "stage": "update"}  # a listener that heard nothing
    assert view.recorded_after(1) == {"stage": "update"}
    assert view.recorded_after(3) == {}


def test_each_cells_printout_keeps_its_first_and_last_lines():
    """The lesson text shows what each cell printed under it: the feed keeps, per cell, its first
    CELL_HEAD and last CELL_TAIL lines and counts the rest, however much the cell prints."""
    feed = RunFeed()
    feed(OutputEvent("first cell\n", cell=10))
    for i in range(1000):
        feed(OutputEvent(f"line {i}\n", cell=20))
    feed(OutputEvent("no newline yet", cell=30))
    feed(OutputEvent(", now one\nand", cell=30))
    printed = feed.view().printed
    assert printed[10].lines == ["first cell"] and printed[10].skipped == 0
    long = printed[20]
    assert long.head == tuple(f"line {i}" for i in range(CELL_HEAD))
    assert long.tail == tuple(f"line {i}" for i in range(1000 - CELL_TAIL, 1000))
    assert long.skipped == 1000 - CELL_HEAD - CELL_TAIL
    assert printed[30].lines == ["no newline yet, now one", "and"]  # a line not ended yet shows too
    assert feed.view().printed is printed  # a poll with no new printout copies nothing
    feed(StepEvent(Step(1, {"error": 1.0})))
    assert feed.view().printed is printed

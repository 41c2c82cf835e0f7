"""The step runner: states, pause / single step / cancel, divergence, errors located in the file."""

from __future__ import annotations

import math
import textwrap
import threading
from pathlib import Path

import pytest

from grok_tui.engine.runner import LessonRun, OutputEvent, RunState, StateEvent, StepEvent
from grok_tui.lesson.params import ParamError
from grok_tui.lesson.parse import parse_lesson

TEMPLATE = """\
+++
id = "9.9"
chapter = 9
title = "runner test"
show = ["weight", "pred"]

[params.alpha]
default = 0.1
min = 0.0001
max = 100.0

[params.iterations]
default = 20
min = 1
max = 100000
+++

Prose.

```python train
import numpy as np
weight, goal, input = 0.5, 0.8, 2.0
for i in range(iterations):
    pred = input * weight
    error = (pred - goal) ** 2
    weight -= alpha * (pred - goal) * input
    step(weight=weight, pred=pred, error=error)
{extra}
```
"""


def lesson_with(tmp_path: Path, extra: str = ""):
    path = tmp_path / "l.md"
    path.write_text(TEMPLATE.replace("{extra}", textwrap.dedent(extra)), encoding="utf-8")
    lesson, problems = parse_lesson(path)
    assert not problems, problems
    return lesson


class Recorder:
    """Collects events from the worker thread and lets a test wait for a condition, bounded."""

    def __init__(self) -> None:
        self.events: list = []
        self.cond = threading.Condition()

    def __call__(self, event) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def wait_for(self, predicate, timeout: float = 10.0) -> None:
        with self.cond:
            assert self.cond.wait_for(lambda: predicate(self.events), timeout), self.events[-5:]

    def states(self) -> list[RunState]:
        return [e.state for e in self.events if isinstance(e, StateEvent)]

    def steps(self) -> int:
        return sum(isinstance(e, StepEvent) for e in self.events)


def last_state(events) -> RunState | None:
    states = [e.state for e in events if isinstance(e, StateEvent)]
    return states[-1] if states else None


def test_sync_run_records_every_step_and_final_values(tmp_path):
    result = LessonRun(lesson_with(tmp_path)).run_sync()
    assert result.state is RunState.FINISHED
    assert len(result.steps) == 20
    assert result.steps[0].values["pred"] == 1.0
    assert math.isclose(result.steps[19].values["pred"], 0.8000121871948003, rel_tol=1e-9)
    assert set(result.final) == {"weight", "pred"}


def test_same_values_give_the_same_numbers_even_with_unseeded_randomness(tmp_path):
    lesson = lesson_with(tmp_path, "step(noise=float(np.random.random()))\n")
    a = LessonRun(lesson).run_sync().steps[-1].values["noise"]
    b = LessonRun(lesson).run_sync().steps[-1].values["noise"]
    assert a == b


def test_single_step_from_ready_then_each_press_gives_exactly_one_step(tmp_path):
    rec = Recorder()
    run = LessonRun(lesson_with(tmp_path), listener=rec)
    run.start(paused=True)
    rec.wait_for(lambda ev: last_state(ev) is RunState.PAUSED)
    assert rec.steps() == 1
    for expected in (2, 3):
        run.step_once()
        rec.wait_for(lambda ev: sum(isinstance(e, StepEvent) for e in ev) == expected)  # noqa: B023 (called now)
        rec.wait_for(lambda ev: last_state(ev) is RunState.PAUSED)
    assert rec.steps() == 3 and run.state is RunState.PAUSED
    run.resume()
    assert run.join(10)
    assert run.state is RunState.FINISHED and rec.steps() == 20


def test_stepping_onto_the_last_step_ends_the_run(tmp_path):
    """4.4 stepped with s: at "paused  step 4/4" one more s was needed to see it finished, with
    nothing left to show. A lesson that says how many steps it takes goes on to its end from the
    last; one that does not say waits there as before."""
    said = parse_lesson_text(
        tmp_path, TEMPLATE.replace('show = ["weight", "pred"]', 'show = ["weight", "pred"]\nsteps = "iterations"')
    )
    for lesson, ends in ((said, True), (lesson_with(tmp_path), False)):
        rec = Recorder()
        run = LessonRun(lesson, {"iterations": 3}, listener=rec)
        run.start(paused=True)
        rec.wait_for(lambda ev: last_state(ev) is RunState.PAUSED)
        run.step_once()
        rec.wait_for(lambda ev: rec.steps() == 2 and last_state(ev) is RunState.PAUSED)  # noqa: B023
        run.step_once()
        if ends:
            assert run.join(10) and run.state is RunState.FINISHED and rec.steps() == 3
        else:
            rec.wait_for(lambda ev: rec.steps() == 3 and last_state(ev) is RunState.PAUSED)  # noqa: B023
            run.cancel()
            assert run.join(5)


def parse_lesson_text(tmp_path: Path, text: str):
    path = tmp_path / "said.md"
    path.write_text(text.replace("{extra}", ""), encoding="utf-8")
    lesson, problems = parse_lesson(path)
    assert not problems, problems
    return lesson


def test_cancel_while_paused_ends_the_thread(tmp_path):
    rec = Recorder()
    run = LessonRun(lesson_with(tmp_path), listener=rec)
    run.start(paused=True)
    rec.wait_for(lambda ev: last_state(ev) is RunState.PAUSED)
    run.cancel()
    assert run.join(5), "the worker must stop when cancelled while paused"
    assert run.state is RunState.CANCELLED
    assert len(run.steps) == 1


def test_pause_during_a_paced_run_and_cancel_during_the_pacing_wait(tmp_path):
    rec = Recorder()
    run = LessonRun(lesson_with(tmp_path), listener=rec, speed=50)
    run.start()
    rec.wait_for(lambda ev: sum(isinstance(e, StepEvent) for e in ev) >= 2)
    run.pause()
    rec.wait_for(lambda ev: last_state(ev) is RunState.PAUSED)
    paused_at = len(run.steps)
    assert paused_at < 20
    run.set_speed(0.001)  # one step per 1000 s: only cancel can end the wait now
    run.resume()
    rec.wait_for(lambda ev: len(run.steps) == paused_at + 1)
    run.cancel()
    assert run.join(5)
    assert run.state is RunState.CANCELLED


def test_nan_or_inf_stops_the_run_as_diverged_keeping_the_steps(tmp_path):
    lesson = lesson_with(tmp_path)
    result = LessonRun(lesson, {"alpha": 100.0, "iterations": 100000}).run_sync()
    assert result.state is RunState.DIVERGED
    assert 0 < len(result.steps) < 100000
    assert "at step" in result.detail or "after step" in result.detail


def test_numpy_inf_is_reported_with_the_name_and_step(tmp_path):
    lesson = lesson_with(tmp_path, "step(big=np.float64(1e308) * 10)\n")
    result = LessonRun(lesson).run_sync()
    assert result.state is RunState.DIVERGED
    assert result.detail == "big became inf at step 21"
    assert len(result.steps) == 21


def test_exception_is_located_at_its_line_in_the_lesson_file(tmp_path):
    lesson = lesson_with(tmp_path, "values = [1, 2]\nvalues[5]\n")
    result = LessonRun(lesson).run_sync()
    assert result.state is RunState.FAILED
    failure = result.failure
    text = lesson.path.read_text().splitlines()
    assert text[failure.line - 1] == "values[5]"
    assert failure.kind == "IndexError"
    assert str(failure).startswith(f"{lesson.path}:{failure.line}: IndexError")


def test_sys_exit_in_lesson_code_fails_the_run_not_the_process(tmp_path):
    lesson = lesson_with(tmp_path, "import sys\nsys.exit(3)\n")
    result = LessonRun(lesson).run_sync()
    assert result.state is RunState.FAILED and result.failure.kind == "SystemExit"


def test_print_goes_to_the_output_pane_not_stdout(tmp_path, capsys):
    rec = Recorder()
    lesson = lesson_with(tmp_path, "print('hello', 42)\n")
    result = LessonRun(lesson, listener=rec).run_sync()
    assert result.output == ["hello 42\n"]
    assert [e.text for e in rec.events if isinstance(e, OutputEvent)] == ["hello 42\n"]
    assert capsys.readouterr().out == ""


def test_each_printout_names_the_cell_that_printed_it(tmp_path):
    """The lesson text shows a printout under its own cell: each OutputEvent carries the line of
    the cell whose code printed it (the lesson's child process says when each cell starts)."""
    rec = Recorder()
    lesson = lesson_with(
        tmp_path, "print('from the first cell')\n```\n\nMore prose.\n\n```python\nprint('from the second')\n"
    )
    first, second = (cell.line for cell in lesson.cells)
    LessonRun(lesson, listener=rec).run_sync()
    printed = [(e.text, e.cell) for e in rec.events if isinstance(e, OutputEvent)]
    assert printed == [("from the first cell\n", first), ("from the second\n", second)]
    assert 0 < first < second


def test_parameters_are_validated_before_running(tmp_path):
    lesson = lesson_with(tmp_path)
    with pytest.raises(ParamError, match="above its maximum"):
        LessonRun(lesson, {"alpha": 1000})
    with pytest.raises(ParamError, match="unknown parameter"):
        LessonRun(lesson, {"beta": 1})
    run = LessonRun(lesson, {"iterations": "3"})
    assert run.values == {"alpha": 0.1, "iterations": 3}
    assert len(run.run_sync().steps) == 3


def test_check_cells_run_only_when_asked_and_failures_name_the_line(tmp_path):
    path = tmp_path / "l.md"
    lesson = lesson_with(tmp_path)
    path.write_text(path.read_text() + "\n```python check\nassert len(recorded('pred')) == 19, 'expected 19'\n```\n")
    lesson, _ = parse_lesson(path)
    assert LessonRun(lesson).run_sync().state is RunState.FINISHED
    result = LessonRun(lesson, run_checks=True).run_sync()
    assert result.state is RunState.FAILED
    # its message, and which assert said it (a teacher saw only "check failed: -4.7e+116")
    assert result.failure.kind == "check failed"
    assert result.failure.message == "expected 19 (at `assert len(recorded('pred')) == 19`)", result.failure.message
    assert path.read_text().splitlines()[result.failure.line - 1].startswith("assert len(")


def test_recorded_numpy_scalars_become_plain_python_numbers():
    import numpy as np

    from grok_tui.engine.values import format_value, snapshot

    assert type(snapshot(np.float64(1.08))) is float and repr(snapshot(np.float64(1.08))) == "1.08"
    assert type(snapshot(np.int64(3))) is int
    arr = np.array([1.0, 2.0])
    snap = snapshot(arr)
    arr[0] = 9.0
    assert snap.tolist() == [1.0, 2.0]  # a copy: later changes by the lesson do not alter it
    assert format_value(1.0851234567, None) == "1.0851234567"


def test_minus_zero_is_printed_as_zero():
    """`grok-tui run 6.4 --set seed=0` printed layer_1=[[-0. , 1.2667, 1.1381]]: relu's -0.0 read as
    a sign that matters (the lesson's own show() adds 0.0 to hide it)."""
    import numpy as np

    from grok_tui.engine.values import format_value

    assert format_value(np.array([[-0.0, 1.2667, 1.1381]])) == "[[0.    , 1.2667, 1.1381]]"
    assert format_value(-0.0) == "0" and format_value(np.float64(-0.0), None) == "0.0"
    assert format_value(np.array([-0.0, 2.5]), None) == "[0.0, 2.5]"

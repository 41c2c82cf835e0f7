"""Lesson code runs in a child process: whatever it does, the tutor's process stays up, a cancel
stops it within a second, and a finished or cancelled run costs no CPU."""

from __future__ import annotations

import sys
import threading

import pytest

from grok_tui.engine import process
from grok_tui.engine.process import LessonCodeError
from grok_tui.engine.runner import CANCEL_GRACE, LessonRun, RunState, StepEvent
from tests.faulty import FIRST_LINE, cpu_ticks, gone, lesson, process_state, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; SIGSEGV tests")


def test_a_loop_without_step_is_cancelled_and_its_process_ends(tmp_path):
    run = LessonRun(lesson(tmp_path, "loop"))
    run.start()
    assert wait_until(lambda: run.pid is not None and process_state(run.pid) == "R")
    pid = run.pid
    before = cpu_ticks(pid)
    assert wait_until(lambda: cpu_ticks(pid) > before), "the loop burns CPU while it runs"
    run.cancel()
    assert run.join(CANCEL_GRACE + 2), "cancel ends the run within a second (the process is killed)"
    assert run.state is RunState.CANCELLED
    assert wait_until(lambda: gone(pid), 3), "no process is left burning a core"


def test_a_code_that_swallows_the_cancel_is_killed(tmp_path):
    rec = []
    run = LessonRun(lesson(tmp_path, "swallow"), listener=rec.append, speed=1000)
    run.start()
    assert wait_until(lambda: len(run.steps) > 3)
    pid = run.pid
    run.cancel()
    assert run.join(CANCEL_GRACE + 2)
    assert run.state is RunState.CANCELLED and wait_until(lambda: gone(pid), 3)


def test_a_run_paused_then_cancelled_ends_at_once(tmp_path):
    run = LessonRun(lesson(tmp_path, "fine"))
    run.start(paused=True)
    assert wait_until(lambda: run.state is RunState.PAUSED)
    pid = run.pid
    assert wait_until(lambda: process_state(pid) == "S")  # waiting in step(), blocked: no CPU
    run.cancel()
    assert run.join(5) and run.state is RunState.CANCELLED
    assert wait_until(lambda: gone(pid), 3)


@pytest.mark.parametrize(
    "name, line, words",
    [
        ("exit", FIRST_LINE + 2, "the lesson's code ended its process (exit status 3) at line 13"),
        ("segv", FIRST_LINE + 2, "the lesson's process was killed by SIGSEGV at line 13"),
        ("sigkill", FIRST_LINE, "the lesson's process was killed by SIGKILL"),
    ],
)
def test_a_process_that_dies_is_a_failed_run_with_a_clear_message(tmp_path, name, line, words):
    result = LessonRun(lesson(tmp_path, name)).run_sync(timeout=60)
    assert result.state is RunState.FAILED
    assert words in result.failure.message
    assert result.failure.line == line and result.failure.path.name == f"{name}.md"
    assert len(result.steps) == 1  # what it recorded before it died is kept


def test_input_fails_at_once_with_a_clear_message(tmp_path):
    result = LessonRun(lesson(tmp_path, "input")).run_sync(timeout=60)
    assert result.state is RunState.FAILED
    assert result.failure.kind == "EOFError" and "input() cannot read the keyboard" in result.failure.message
    assert result.failure.line == FIRST_LINE


def test_stdin_is_not_the_terminal(tmp_path):
    result = LessonRun(lesson(tmp_path, "stdin")).run_sync(timeout=60)
    assert result.state is RunState.FAILED and "input() cannot read the keyboard" in result.failure.message


def test_writes_to_stdout_reach_the_output_not_the_terminal(tmp_path, capfd):
    result = LessonRun(lesson(tmp_path, "terminal")).run_sync(timeout=60)
    assert result.state is RunState.FINISHED
    assert result.output == ["to stdout\n"]
    out, err = capfd.readouterr()
    assert "RAW" not in out + err and "to stdout" not in out


@pytest.mark.parametrize("name, kind", [("recursion", "RecursionError"), ("keyboard", "crash")])
def test_other_escapes_are_failed_runs(tmp_path, name, kind):
    result = LessonRun(lesson(tmp_path, name)).run_sync(timeout=60)
    assert result.state is RunState.FAILED and result.failure.kind == kind


def test_code_that_closes_its_pipe_ends_as_a_failed_run(tmp_path):
    result = LessonRun(lesson(tmp_path, "closes_pipe")).run_sync(timeout=60)
    assert result.state is RunState.FAILED and "ended (exit status 0)" in result.failure.message


def test_a_run_past_its_time_limit_is_stopped_at_the_line_it_was_running(tmp_path):
    run = LessonRun(lesson(tmp_path, "loop"))
    result = run.run_sync(timeout=1)
    assert result.state is RunState.FAILED
    assert result.failure.line in (FIRST_LINE + 1, FIRST_LINE + 2)  # `while True:` / `x += 1`
    assert (
        str(result.failure)
        == f"{result.failure.path}:{result.failure.line}: ran past 1 s (a loop that never calls step()?)"
    )


def test_a_finished_runs_functions_are_answered_by_its_idle_process(tmp_path):
    run = LessonRun(lesson(tmp_path, "fine"))
    assert run.run_sync().state is RunState.FINISHED
    double = run.namespace["double"]
    assert double(21) == 42
    pid = run.pid
    assert wait_until(lambda: process_state(pid) == "S")  # idle: blocked reading, no CPU
    run.close()
    assert wait_until(lambda: gone(pid), 3)
    with pytest.raises(LessonCodeError, match="run the lesson again"):
        double(1)


def test_a_function_that_kills_its_process_raises_in_the_caller(tmp_path):
    code = "import os\ndef bad(x):\n    os._exit(5)\nstep(a=1.0)"
    run = LessonRun(lesson(tmp_path, "calls", code))
    assert run.run_sync().state is RunState.FINISHED
    with pytest.raises(LessonCodeError, match="exit status 5"):
        run.namespace["bad"](1)


def test_at_most_a_few_finished_processes_stay(tmp_path):
    runs = [LessonRun(lesson(tmp_path, "fine")) for _ in range(process.KEEP_IDLE + 2)]
    pids = []
    for run in runs:
        assert run.run_sync().state is RunState.FINISHED
        pids.append(run.pid)
    assert wait_until(lambda: gone(pids[0]) and gone(pids[1]), 3)
    assert not any(gone(pid) for pid in pids[2:])
    for run in runs:
        run.close()


def test_a_passed_exercise_answer_that_ends_its_process_fails_the_live_run(catalog):
    answer = "import os\ndef w_sum(a, b):\n    os._exit(4)\n"
    result = LessonRun(catalog.get("3.2"), exercise_code={"w_sum": answer}).run_sync(timeout=60)
    assert result.state is RunState.FAILED
    assert "exit status 4" in result.failure.message


def test_a_passed_exercise_answer_that_reads_input_fails_the_live_run(catalog):
    # 3.2 names its inputs `input`: the answer reaches the builtin the way a learner's might
    answer = "import builtins\ndef w_sum(a, b):\n    return float(builtins.input())\n"
    result = LessonRun(catalog.get("3.2"), exercise_code={"w_sum": answer}).run_sync(timeout=60)
    assert result.state is RunState.FAILED and "input() cannot read the keyboard" in result.failure.message


def test_steps_stream_while_the_run_goes(tmp_path):
    seen = threading.Event()
    run = LessonRun(
        lesson(tmp_path, "sleep_forever"), listener=lambda e: seen.set() if isinstance(e, StepEvent) else None
    )
    run.start()
    assert seen.wait(10), "a step reaches the listener while the code still runs"
    run.cancel()
    assert run.join(CANCEL_GRACE + 2) and run.state is RunState.CANCELLED


def test_processes_the_code_started_end_with_its_run(tmp_path):
    code = "import subprocess\np = subprocess.Popen(['sleep', '1000'])\nstep(child=p.pid)\nwhile True:\n    pass"
    run = LessonRun(lesson(tmp_path, "spawns", code))
    run.start()
    assert wait_until(lambda: len(run.steps) == 1)
    stray = run.steps[0].values["child"]
    assert not gone(stray)
    run.cancel()
    assert run.join(CANCEL_GRACE + 2)
    assert wait_until(lambda: gone(stray), 3), "the code's own child process is ended with the run"


def test_a_run_cancelled_before_its_process_is_there_never_runs(tmp_path):
    run = LessonRun(lesson(tmp_path, "loop"))
    run.cancel()  # e.g. a learner who leaves the lesson the moment it starts
    run.start()
    assert run.join(5) and run.state is RunState.CANCELLED and run.pid is None


def test_a_send_in_progress_finishes_before_another_thread_closes_the_connection():
    # The screen cancels a run (send) while the runner's thread closes its process: the close waits
    # for the send, and a send after the close is refused instead of writing to a closed handle.
    child = process.take()
    real_send, real_close = child.conn.send, child.conn.close
    sending, release, events = threading.Event(), threading.Event(), []

    def slow_send(message):
        sending.set()
        release.wait(5)
        events.append("sent")
        real_send(message)

    def recorded_close():
        events.append("closed")
        real_close()

    child.conn.send, child.conn.close = slow_send, recorded_close
    sender = threading.Thread(target=child.send, args=(("cancel",),))
    sender.start()
    assert sending.wait(5)
    closer = threading.Thread(target=child.close)
    closer.start()
    closer.join(0.2)
    assert closer.is_alive() and events == []  # the close waits on the send in progress
    release.set()
    sender.join(5)
    closer.join(5)
    assert events == ["sent", "closed"]
    assert child.send(("cancel",)) is False

"""A finished run whose process stays (it defined functions) keeps its big final values there and the
tutor copies one only when it is read: 7.5's sklearn `digits` Bunch and `images` (2.7 MiB of its
3.8 MiB), which nothing on screen reads, never reach the tutor (issue 11: RSS grew x1.16 over eight
7.5 runs). Before such a process is ended to make room, a namespace still in use takes its values."""

from __future__ import annotations

import gc
import tracemalloc
import weakref

import numpy as np
import pytest

from grok_tui.engine import process
from grok_tui.engine.runner import LessonRun, RunState
from tests.faulty import gone, lesson, wait_until

BIG = "big = np.arange(60_000.0)  # 480 kB: more than child.KEEP_BYTES\n"
CODE = "import numpy as np\n" + BIG + "small = np.arange(8.0)\ndef double(x):\n    return 2 * x\nstep(a=1.0)"
NO_FUNCTIONS = "import numpy as np\n" + BIG + "step(a=1.0)"


def finished(run: LessonRun) -> LessonRun:
    assert run.run_sync(timeout=60).state is RunState.FINISHED, run.detail
    return run


def test_a_big_value_is_not_copied_to_the_tutor_until_read(tmp_path):
    finished(LessonRun(lesson(tmp_path, "warm", CODE)))  # the first run's imports and threads, not counted
    run = LessonRun(lesson(tmp_path, "kept", CODE))
    tracemalloc.start()
    try:
        finished(run)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    # about 5 kB (its step, `small`, the run's objects) against 484 kB when everything came along
    assert held < 100_000, f"the tutor holds {held} bytes after the run: the big value came along"
    ns = run.namespace
    assert list(ns) == ["big", "small", "double"] and "big" in ns and len(ns) == 3
    assert np.array_equal(ns["small"], np.arange(8.0))
    big = ns["big"]  # now copied from the run's process
    assert np.array_equal(big, np.arange(60_000.0)) and ns["big"] is big
    assert ns["double"](21) == 42
    run.close()


def test_a_run_whose_process_ends_sends_every_value(tmp_path):
    run = finished(LessonRun(lesson(tmp_path, "plain", NO_FUNCTIONS)))
    assert run.pid is None  # nothing to call: its process is gone
    assert np.array_equal(run.namespace["big"], np.arange(60_000.0))


def test_a_namespace_in_use_takes_its_values_before_its_process_is_ended(tmp_path):
    first = finished(LessonRun(lesson(tmp_path, "first", CODE)))
    pid = first.pid
    later = [finished(LessonRun(lesson(tmp_path, f"later{i}", CODE))) for i in range(process.KEEP_IDLE)]
    assert wait_until(lambda: gone(pid), 5), "the oldest idle process is ended to make room"
    assert np.array_equal(first.namespace["big"], np.arange(60_000.0))
    for run in later:
        run.close()


def test_a_namespace_no_longer_used_takes_nothing(tmp_path):
    run = finished(LessonRun(lesson(tmp_path, "dropped", CODE)))
    child = run._child
    assert child is not None and child.before_retire is not None and child.before_retire() is not None
    namespace = weakref.ref(run.namespace)
    del run
    gc.collect()
    assert namespace() is None and child.before_retire() is None  # ending it copies nothing
    child.retire()
    assert child.closed


def test_a_kept_value_of_an_ended_process_cannot_be_read_the_rest_can(tmp_path):
    run = finished(LessonRun(lesson(tmp_path, "ended", CODE)))
    run.close()  # the learner's run is over (or its process died)
    ns = run.namespace
    with pytest.raises(KeyError, match="big cannot be read here"):
        ns["big"]
    assert ns.get("big") is None and "big" in ns
    assert np.array_equal(ns["small"], np.arange(8.0))

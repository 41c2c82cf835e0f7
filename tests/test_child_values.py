"""Moving lesson code into a child process changed no number: every lesson records exactly the
values, digit for digit, that the in-process runner it replaced records (tests/inprocess_runner.py)."""

from __future__ import annotations

import numpy as np
import pytest

from grok_tui.engine.runner import LessonRun
from grok_tui.lesson.catalog import load_catalog
from tests.conftest import LESSONS
from tests.inprocess_runner import LessonRun as InProcessRun

CATALOG = load_catalog(LESSONS)
QUICK = {"epochs": 3}
"""The digits lessons train for fewer epochs here (the same code runs; only the count changes)."""


def values_for(lesson) -> dict:
    names = {p.name for p in lesson.params}
    return {k: v for k, v in QUICK.items() if k in names}


def same(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and a.tobytes() == b.tobytes()
        )
    if isinstance(a, float) or isinstance(b, float):
        return type(a) is type(b) and repr(a) == repr(b)
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("lesson", CATALOG.lessons, ids=lambda lesson: lesson.id)
def test_every_recorded_value_is_the_same_as_in_process(lesson):
    values = values_for(lesson)
    before = InProcessRun(lesson, values, run_checks=True).run_sync()
    run = LessonRun(lesson, values, run_checks=True)
    try:
        after = run.run_sync(timeout=300)
    finally:
        run.close()
    assert after.state.value == before.state.value, after.detail
    assert len(after.steps) == len(before.steps)
    for old, new in zip(before.steps, after.steps, strict=False):
        assert list(new.values) == list(old.values)
        for name in old.values:
            assert same(old.values[name], new.values[name]), (lesson.id, old.index, name)
    assert list(after.final) == list(before.final)
    assert all(same(before.final[n], after.final[n]) for n in before.final)
    assert after.output == before.output

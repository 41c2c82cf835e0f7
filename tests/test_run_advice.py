"""The status line's advice after a run that went wrong (engine/run_advice.py): a chapter 7 trial found
"try a smaller alpha" said of every run at chance (7.5 at alpha 0.001, its minimum; 7.2, whose own
advice is "raise fixes") and of 7.6 diverging with the book's batch slip, whose cure is the fix."""

from __future__ import annotations

import pytest

from grok_tui.engine.run_advice import run_advice


def advice(catalog, lesson_id: str, *, chance=False, stuck=False, nan=False, **params) -> str:
    lesson = catalog.get(lesson_id)
    return run_advice(lesson, {**lesson.defaults, **params}, nan=nan, stuck=stuck, chance=chance)


@pytest.mark.parametrize(
    ("lesson_id", "how", "params", "said"),
    [
        # at chance with a smaller alpha than the default: its steps were too small, not too big
        ("7.5", "chance", {"alpha": 0.001, "batch_size": 1347}, "try a larger alpha"),
        ("7.5", "chance", {"alpha": 10.0}, "try a smaller alpha"),  # every unit dead: as before
        # at chance, the lesson's own advice for a stuck run: 7.2's fixes
        ("7.2", "chance", {"alpha": 0.001}, "raise fixes"),
        ("7.2", "stuck", {}, "raise fixes"),
        # diverged at a value the lesson names (diverged_advice_at), else the knob
        ("7.6", "diverged", {"batch_update": "in_loop", "batch_size": 128}, "set batch_update back to once"),
        ("7.6", "diverged", {"alpha": 5.0}, "try a smaller alpha"),
        ("6.5", "diverged", {"alpha": 2.0}, "try a smaller alpha"),
        ("7.3", "nan", {"alpha": 64.0}, "0 x log 0: use safe_cross_entropy"),
    ],
)
def test_the_advice_fits_the_run(catalog, lesson_id, how, params, said):
    flags = {"chance": how == "chance", "stuck": how == "stuck", "nan": how == "nan"}
    assert advice(catalog, lesson_id, **flags, **params) == said


def test_a_bad_diverged_advice_at_is_said_at_its_line(tmp_path):
    from grok_tui.lesson.parse import parse_lesson
    from tests.test_parse import GOOD, write

    text = GOOD.replace('show = ["x"]\n', 'show = ["x"]\ndiverged_advice_at = { "mode=c" = "try mode a" }\n')
    lesson, problems = parse_lesson(write(tmp_path, text))
    assert lesson is None
    assert [(p.line, p.message) for p in problems] == [
        (7, "diverged_advice_at: 'mode=c': 'c' is not one of mode's choices (a, b)")
    ], problems

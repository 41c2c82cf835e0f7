"""What the status line advises after a run that went wrong: the lesson's own words where it has them,
else which way to turn the knob that sets a step's size.

A trial of chapter 7 found "try a smaller alpha" said of every run that ended at chance: of 7.5 at
alpha 0.001 (its minimum, where a larger alpha was the cure), and of 7.2 at fixes 0, whose own advice
is "raise fixes". And of 7.6 diverging with the book's batch slip, whose text says the cure is the fix,
not a smaller alpha (diverged_advice_at)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grok_tui.lesson.model import Lesson

ADVICE = "try smaller updates"
"""What the status advises after a run that diverged, or finished with its error grown, in a lesson
with no knob for the size of a step (step_advice names the one it has)."""
STEP_KNOBS = ("alpha", "learning_rate", "step_amount")
"""The params that set how big an update is, in the order their names are looked for."""


def step_knob(param_names: list[str] | tuple[str, ...]) -> str | None:
    """The lesson's param that sets how big an update is, if it has one."""
    return next((name for name in STEP_KNOBS if name in param_names), None)


def step_advice(param_names: list[str] | tuple[str, ...]) -> str:
    """The advice after a divergence, naming the lesson's knob: "try a smaller step" sat beside
    "step 77/2000" and the key bar's `s step`, and the knob was alpha."""
    knob = step_knob(param_names)
    return f"try a smaller {knob}" if knob else ADVICE


def run_advice(lesson: Lesson, ran_with: Mapping[str, Any], *, nan: bool, stuck: bool, chance: bool) -> str:
    """The advice for the run on screen, made with `ran_with`: `nan` it diverged to nan, `stuck` its
    error stopped moving, `chance` it ended at chance (engine.run_reading.at_chance)."""
    names = [p.name for p in lesson.params]
    if stuck or chance:
        if own := lesson.stuck_advice_for(ran_with):
            return own
    elif own := lesson.diverged_advice_for(ran_with):  # diverged, or grew: at a value that causes it
        return own
    if lesson.growth_advice and not nan:
        return lesson.growth_advice
    if nan:
        return lesson.nan_advice
    knob = step_knob(names)
    if chance and knob is not None:
        value, default = ran_with.get(knob), lesson.defaults.get(knob)
        if isinstance(value, (int, float)) and isinstance(default, (int, float)) and value < default:
            return f"try a larger {knob}"  # steps too small to learn in the run's length
    return step_advice(names)

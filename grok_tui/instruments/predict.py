"""Predict, then reveal: read the learner's guess, compare it with the run's value, keep a tally."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

from grok_tui.lesson.model import Prediction
from grok_tui.lesson.typed_numbers import comma_problem, decimal_point

_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_FRACTION = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")
ZERO_WORDS = frozenset({"none", "zero", "nothing", "no change"})
"""Words a learner answers 0 with (chapter 6's quiz asks how much some weights change)."""


def read_number(text: str) -> float | None:
    """The learner's typed number ("0.5", "-.25", "1e-3", "−0.3" with a Unicode minus); None if it is not one."""
    text = text.strip().replace("−", "-")
    if text.lower() in ZERO_WORDS:  # "How much do their weights change?" "none" (a quiz of chapter 6)
        return 0.0
    if comma_problem(text):  # 1,000: a thousand or 1.0? number_problem asks
        return None
    text = decimal_point(text)  # a decimal comma: 1,5
    fraction = _FRACTION.match(text)  # "1/4", as a learner writes a share
    if fraction:
        top, bottom = float(fraction.group(1)), float(fraction.group(2))
        return top / bottom if bottom else None
    if not _NUMBER.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None  # 1e999 is inf: no answer is that


def number_problem(text: str) -> str:
    """Why `text` is not a number read_number takes, for the learner."""
    problem = comma_problem(text.replace("−", "-"))
    if problem:
        return problem
    if _NUMBER.match(text.strip().replace("−", "-")):
        return "too big for a float"
    return "type a number, e.g. -0.25"


def sign_only(given: float, actual: float, tolerance: float) -> bool:
    """Right in size and wrong in sign (1.19 for -1.19): a prediction and a quiz answer say so."""
    return actual != 0 and abs(given + actual) <= tolerance


@dataclass(frozen=True)
class Verdict:
    given: float
    actual: float
    tolerance: float

    @property
    def off(self) -> float:
        return abs(self.given - self.actual)

    @property
    def right(self) -> bool:
        return math.isfinite(self.actual) and self.off <= self.tolerance

    def sentence(self) -> str:
        """Right, or how far off and in which direction."""
        if self.right:
            return f"Right: {self.actual:.6g} (you said {self.given:.6g})."
        way = "too high" if self.given > self.actual else "too low"
        # 6.4's 1.0213 for -1.0213 read "2.043 too high", as if far off: the size was right
        sign = " The size is right, the sign is not." if sign_only(self.given, self.actual, self.tolerance) else ""
        return (
            f"Not quite: it is {self.actual:.6g}; you said {self.given:.6g}, which is "
            f"{_difference(self.given, self.actual)} {way} (within {self.tolerance:g} counts as right).{sign}"
        )


def _difference(given: float, actual: float) -> str:
    """|given - actual| with the digits both numbers are shown with: 4.3's -0.4125 for -0.20625 was
    "0.2062 too low" (4 digits, and a float's 0.20625 rounds down), which a learner checked by hand.
    Four significant digits where a number is shown with more decimals than that says."""
    decimals = max(_decimals(f"{given:.6g}"), _decimals(f"{actual:.6g}"))
    off = abs(given - actual)
    return f"{round(off, decimals):.6g}" if decimals <= 6 else f"{off:.4g}"


def _decimals(shown: str) -> int:
    """Digits after the point of a number as :g shows it ("1.5e-05": 6)."""
    mantissa, _, exponent = shown.partition("e")
    after = len(mantissa.partition(".")[2])
    return after - int(exponent) if exponent else after


@dataclass
class Tally:
    """Predictions answered in this lesson's session, and how many were right."""

    asked: int = 0
    right: int = 0

    def add(self, verdict: Verdict) -> None:
        self.asked += 1
        self.right += verdict.right

    def __str__(self) -> str:
        return f"{self.right}/{self.asked} right" if self.asked else "no answers yet in this lesson"


def values_line(values: Mapping[str, Any], limit: int = 6, most: int = 4) -> str:
    """A run's recorded numbers in one line: "weight = 0.44, pred = 0.484" (arrays of up to `most`
    numbers too)."""
    import numpy as np

    parts = []
    for name, value in values.items():
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            continue
        arr = arr + 0.0  # -0.0 (a relu of a negative number times 0) reads 0, not -0
        if arr.size == 1:
            parts.append(f"{name} = {float(arr.reshape(-1)[0]):.6g}")
        elif 1 < arr.size <= most:
            parts.append(f"{name} = [{', '.join(f'{x:.4g}' for x in arr.reshape(-1))}]")
        if len(parts) == limit:
            break
    return ", ".join(parts)


def question_text(q: Prediction, change: str, before: Mapping[str, Any]) -> str:
    """The lesson's question with its default parameters. With others (`change`: "alpha = 0.5")
    its text may quote numbers this run will not have: a plain question, with the run's values to
    work from (`before`: the latest of each before the question's step, that step's first)."""
    if not change:
        return q.question
    if q.uses:  # what working it out needs, wherever the run recorded it (6.4 at hidden_size 8)
        now = values_line({name: before[name] for name in q.uses if name in before}, len(q.uses), most=8)
    else:
        now = values_line(before)
    ask = q.plain or f"What will {q.named} be at step {q.step}?"
    return f"{ask} (This run has {change}: the lesson's own question quotes its default run.)" + (
        f"\nAt step {q.step - 1} this run has {now}." if now else ""
    )


def why_text(q: Prediction, change: str, values: Mapping[str, Any]) -> str:
    """Why the value is what it is: the lesson's explanation with its default parameters; with others
    its numbers would be wrong, so this run's own values at that step instead."""
    if not change:
        return q.why
    now = values_line(values)
    return (
        f"the lesson's explanation quotes its default run; with {change}, this run at step {q.step} has {now}."
        if now
        else ""
    )


def mistake_text(q: Prediction, verdict: Verdict, change: str) -> str:
    """What a wrong answer the lesson names shows ("You said -0.0353: that is delta; ..."), said before
    `why`; "" after a right answer, after a wrong one the lesson does not name, and with other
    parameters (the named answers are the default run's numbers)."""
    if verdict.right or change:
        return ""
    said = named_mistake(q.mistakes, verdict.given, q.tolerance)
    return f"You said {verdict.given:.6g}: {said}" if said else ""


def recorded_text(
    q: Prediction,
    verdict: Verdict,
    values: Mapping[str, Any],
    before: Mapping[str, Any],
    params: Mapping[str, Any] | None = None,
) -> str:
    """A wrong answer that is another number the run recorded, at the question's step (`values`) or
    the step before (`before`), within 0.1% of it: which ("You said -5.6: that is this
    run's delta at step 2, not weight_delta."); the first in the step's order, that step's before
    the one before. Said where the lesson names no mistake, with any parameters: 4.3 with input 3
    said only "Not quite: it is -16.8" to this run's delta. Not the value asked at its step, not one
    within the tolerance of the answer (a near miss is no mix-up), not a parameter still at the run's
    value of it (`params`: the learner's own number; 4.4's weight starts as one, then learns), nor
    counts (whole numbers: the iteration), arrays or text. "" if none."""
    if verdict.right:
        return ""
    near = max(verdict.tolerance, 1e-9)
    params = params or {}
    for at, recorded in ((q.step, values), (q.step - 1, before)):
        for name, value in recorded.items():
            if at == q.step and name == q.value:
                continue
            if getattr(value, "size", None) == 1 and hasattr(value, "item"):
                value = value.item()  # 6.4's layer_2 is a 1x1 array: one number to a learner
            if isinstance(value, Integral) or not isinstance(value, Real):  # numpy's floats are Real
                continue
            number = float(value)
            if name in params and _same(number, params[name]):
                continue
            # the very number, as the learner would copy or work it out (0.1% off): within the wider
            # tolerance, 4.3's 0.3 was said to be "this run's error" (0.3025), a mix-up it was not
            copied = math.isclose(number, verdict.given, rel_tol=1e-3, abs_tol=1e-9)
            if not math.isfinite(number) or abs(number - verdict.actual) <= near or not copied:
                continue
            said = f"You said {verdict.given:.6g}: that is this run's {name} at step {at}"
            if name == q.value and q.label:
                # 5.1 records each weight in turn as `weight`: step 1's is weight 0, not the weight 1
                # the question asks for ("the question asks for weight 1 at step 2" was false)
                continue
            if name == q.value:  # the asked value a step early
                asked = "it" if q.named == q.value else q.named
                return f"{said}; the question asks for {asked} at step {q.step}."
            return f"{said}, not {q.named}."
    return ""


def _same(number: float, param: Any) -> bool:
    """A recorded number is the parameter's value (input 3.0 recorded as 3.0)."""
    try:
        return math.isclose(number, float(param), rel_tol=1e-12, abs_tol=1e-12)
    except (TypeError, ValueError):  # a choice ("relu")
        return False


def named_mistake(mistakes, given: float, tolerance: float) -> str:
    """The sentence of the named wrong answer within `tolerance` of `given` ("" for none): a
    prediction's and a quiz's `mistakes` alike. A tolerance of 0 means the very number, as a float
    reads it."""
    near = max(tolerance, 1e-9)
    return next((said for wrong, said in mistakes if abs(float(wrong) - given) <= near), "")


def params_change(defaults: Mapping[str, Any], values: Mapping[str, Any]) -> str:
    """The parameters a run has that differ from the lesson's defaults: "alpha = 0.5" ("" if none)."""
    from grok_tui.lesson.params import fmt

    return ", ".join(f"{name} = {fmt(v)}" for name, v in values.items() if name in defaults and defaults[name] != v)

"""Parameter values: read them from text, keep them in range, nudge them up and down."""

from __future__ import annotations

import math
from difflib import get_close_matches
from typing import SupportsFloat, SupportsIndex

from grok_tui.lesson.model import Param
from grok_tui.lesson.typed_numbers import comma_problem, decimal_point


class ParamError(ValueError):
    """A parameter value the lesson does not accept; the message is fit to show a learner."""


def fmt(x: float | int | str) -> str:
    """A parameter value as the learner reads it: 0.1, 20, relu (no 0.1000000001 tails)."""
    return f"{x:g}" if isinstance(x, float) else str(x)


def exact(x: object) -> str:
    """A value with every digit it has, as given: text as typed, 1.000001, 1 (not 1.0), 1e-05."""
    if isinstance(x, str):
        return x.strip()
    if isinstance(x, float):
        text = repr(x)
        return text[:-2] if text.endswith(".0") else text
    return str(x)


def coerce(param: Param, value: object) -> float | int | str:
    """Turn `value` (text from `--set` or a number) into the parameter's type, checking its range."""
    if param.kind == "choice":
        return _choice(param, str(value))
    if isinstance(value, str):
        problem = comma_problem(value, whole_only=param.kind == "int")
        if problem:
            raise ParamError(f"{param.name}: {problem}")
        value = decimal_point(value)  # 0,5: the prediction box takes it too
    try:
        if not isinstance(value, (str, SupportsFloat, SupportsIndex)):  # what float() reads
            raise TypeError(type(value).__name__)
        number = float(value)
    except (TypeError, ValueError):
        raise ParamError(f"{param.name} must be a number (got {value!r})") from None
    if math.isnan(number) or (math.isinf(number) and "inf" in str(value).lower()):
        raise ParamError(f"{param.name} must be a finite number (got {value!r})")
    # 1e999 is a number too big for a float (inf): past any bound the param has, so say which.
    if param.kind == "int":
        if number != int(number):
            raise ParamError(f"{param.name} must be a whole number (got {value!r})")
        number = int(number)
    # The value as given and the bound with all their digits: rounded, 1.000001 would read as 1.
    if param.min is not None and number < param.min:
        raise ParamError(f"{param.name}={exact(value)} is below its minimum {exact(param.min)}")
    if param.max is not None and number > param.max:
        raise ParamError(f"{param.name}={exact(value)} is above its maximum {exact(param.max)}")
    if math.isinf(number):
        raise ParamError(f"{param.name}={exact(value)} is too big for a float")
    return number + 0  # a typed -0 is 0 (the code view and the params read "-0.0" and "-0")


def _squeezed(text: str) -> str:
    return "".join(text.split()).lower()


def _choice(param: Param, text: str) -> str:
    """The choice `text` names, read as a learner types it: TOES, `toes + fans`."""
    for choice in param.choices:
        if _squeezed(choice) == _squeezed(text):
            return choice
    raise ParamError(f"{param.name} must be one of {', '.join(param.choices)} (got {text.strip()!r})")


def nudge(param: Param, value: float | int | str, direction: int) -> float | int | str:
    """The next value up (direction=+1) or down (-1), clamped to the parameter's range."""
    if param.kind == "choice":
        i = param.choices.index(str(value)) if str(value) in param.choices else 0
        return param.choices[(i + direction) % len(param.choices)]
    if param.scale == "log":
        factor = param.step or 2.0
        new = float(value) * factor if direction > 0 else float(value) / factor
        new = float(f"{new:.6g}")  # 0.1 * 2 * 2 ... stays readable
    else:
        step = param.step or (1 if param.kind == "int" else 0.1)
        new = float(value) + direction * step
        new = round(new, 10)  # 0.1 + 0.2 shows as 0.3
    if param.min is not None:
        new = max(new, param.min)
    if param.max is not None:
        new = min(new, param.max)
    return int(round(new)) if param.kind == "int" else float(new)


def step_problem(param: Param) -> str:
    """What makes the param's `step` move nothing with + and - (nudge), "" if nothing: on a log scale
    a step of 1 multiplied alpha by 1, and the tutor said it was already at its maximum; 0.5 added to a
    whole number was rounded away. (A step at or below 0 is refused where the table is read.)"""
    step = param.step
    if step is None or param.kind == "choice":
        return ""
    if param.scale == "log" and step <= 1:
        return (
            f"parameter {param.name!r}: on a log scale + and - multiply and divide by step, "
            f"so it must be above 1 (got {exact(step)}), e.g. step = 2"
        )
    if param.scale == "linear" and param.kind == "int" and (step < 1 or step != int(step)):
        return (
            f"parameter {param.name!r} is a whole number: its step must be a whole number, 1 or more "
            f"(got {exact(step)}), or + and - do not move it"
        )
    return ""


def resolve(params: tuple[Param, ...], given: dict[str, object]) -> dict[str, float | int | str]:
    """The full set of values for a run: defaults overridden by `given`, every one checked."""
    known = {p.name: p for p in params}
    for name in given:
        if name not in known:
            names = ", ".join(known) or "none"
            # `run 4.5 --set alpah=0.1` listed the names, with no word on which was meant (a trial)
            near = get_close_matches(name, list(known), n=1)
            meant = f": did you mean {near[0]!r}?" if near else ""
            raise ParamError(f"unknown parameter {name!r}{meant} (this lesson has: {names})")
    return {p.name: coerce(p, given[p.name]) if p.name in given else p.default for p in params}

"""The status line's advice for a run whose error got stuck, as a lesson file gives it: by the
param the learner changed (`stuck_advice_by_param`) and at one value of a param (`stuck_advice_at`)."""

from __future__ import annotations

from grok_tui.lesson.model import Param

STUCK_ADVICE_MAX = 32
"""A status line of 80 columns: `finished  step 60/60  layer_2_error stuck at 2  ` leaves this."""


def stuck_by_param(table: object, params: set[str]) -> tuple[tuple[str, str], ...] | str:
    """`stuck_advice_by_param = { seed = "dead hidden nodes: try seed 0" }` as (param, advice) pairs,
    or what is wrong with it."""
    if not isinstance(table, dict):
        return 'stuck_advice_by_param must be a table: { param = "advice" }'
    for name, advice in table.items():
        if name not in params:
            return f"stuck_advice_by_param: {name!r} is not a parameter of this lesson"
        if problem := _advice_problem(advice):
            return f"stuck_advice_by_param: the advice for {name!r} {problem}"
    return tuple(table.items())


def _advice_problem(advice: object) -> str:
    """What is wrong with one advice ("" for nothing): it shares the status line with the error."""
    if not isinstance(advice, str) or not advice:
        return "must be a string"
    if len(advice) > STUCK_ADVICE_MAX:
        return f"must fit 80 columns: at most {STUCK_ADVICE_MAX} characters (it has {len(advice)})"
    return ""


def stuck_at_value(table: object, params: dict[str, Param]) -> tuple[tuple[str, float | int | str, str], ...] | str:
    """`stuck_advice_at = { "hidden_size=1" = "one node cannot fit: add nodes" }` as (param, value,
    advice), or what is wrong with it. At that value the advice is said whatever else changed: 6.5
    with one hidden node at seed 3 read the general "try a smaller alpha and seed 0", and no seed or
    alpha saves one node."""
    if not isinstance(table, dict):
        return 'stuck_advice_at must be a table: { "param=value" = "advice" }'
    out: list[tuple[str, float | int | str, str]] = []
    for key, advice in table.items():
        name, _, text = str(key).partition("=")
        name, text = name.strip(), text.strip()
        param = params.get(name)
        if param is None or not text:
            return f'stuck_advice_at: {key!r} is not "param=value" with a parameter of this lesson'
        value: float | int | str
        if param.kind == "choice":
            if text not in param.choices:
                return f"stuck_advice_at: {text!r} is not one of {name}'s choices ({', '.join(param.choices)})"
            value = text
        else:
            try:
                value = int(text) if param.kind == "int" else float(text)
            except ValueError:
                return f"stuck_advice_at: {key!r}: {text!r} is not a number"
        if problem := _advice_problem(advice):
            return f"stuck_advice_at: the advice for {key!r} {problem}"
        out.append((name, value, str(advice)))
    return tuple(out)

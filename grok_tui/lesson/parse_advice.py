"""The status line's advice for a run whose error got stuck, as a lesson file gives it: by the
param the learner changed (`stuck_advice_by_param`) and at one value of a param (`stuck_advice_at`)."""

from __future__ import annotations

from grok_tui.lesson.model import Param
from grok_tui.lesson.params import exact

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


def stuck_at_value(
    table: object, params: dict[str, Param], declared: set[str], field: str = "stuck_advice_at"
) -> tuple[tuple[tuple[str, float | int | str, str], ...], list[tuple[str, str]]]:
    """`stuck_advice_at = { "hidden_size=1" = "one node cannot fit: add nodes" }` as (param, value,
    advice), and what is wrong with it as (key, message) ("" for the table itself). At that value the
    advice is said whatever else changed: 6.5 with one hidden node at seed 3 read the general "try a
    smaller alpha and seed 0", and no seed or alpha saves one node. `declared`: the params the file
    declares, parsed or not: one with a problem of its own (a default not among its choices) is
    said there, not again here as if it were no parameter. `field`: the key it is read from
    (diverged_advice_at is read the same way)."""
    if not isinstance(table, dict):
        return (), [("", f'{field} must be a table: {{ "param=value" = "advice" }}')]
    out: list[tuple[str, float | int | str, str]] = []
    problems: list[tuple[str, str]] = []
    for key, advice in table.items():
        name, _, text = str(key).partition("=")
        name, text = name.strip(), text.strip()
        param = params.get(name)
        if param is None and name in declared:
            continue
        if param is None:
            problems.append((key, f'{field}: {key!r} is not "param=value" with a parameter of this lesson'))
            continue
        if not text:
            problems.append((key, f'{field}: {key!r} needs a value: write "{name}=VALUE" (e.g. "{_example(param)}")'))
            continue
        value = _value(param, text)
        if isinstance(value, tuple):
            problems.append((key, f"{field}: {key!r}: {value[0]}"))
            continue
        if problem := _advice_problem(advice):
            problems.append((key, f"{field}: the advice for {key!r} {problem}"))
            continue
        out.append((name, value, str(advice)))
    return tuple(out), problems


def _example(param: Param) -> str:
    """A "param=value" key for this param: another choice than the default, else the default."""
    other = [c for c in param.choices if c != param.default]
    return f"{param.name}={other[0] if other else exact(param.default)}"


def _value(param: Param, text: str) -> float | int | str | tuple[str]:
    """The value `text` names for the param, or (what is wrong,): a value the param cannot take
    (alpha=5 with alpha's max 1) is one whose advice could never be said."""
    if param.kind == "choice":
        if text not in param.choices:
            return (f"{text!r} is not one of {param.name}'s choices ({', '.join(param.choices)})",)
        return text
    try:
        number = float(text)
    except ValueError:
        return (f"{text!r} is not a number",)
    if param.kind == "int" and number != int(number):
        return (f"{param.name} is a whole number ({text!r} is not)",)
    lo, hi = param.min, param.max
    if (lo is not None and number < lo) or (hi is not None and number > hi):
        span = (
            f"{exact(lo)} to {exact(hi)}"
            if lo is not None and hi is not None
            else f"at least {exact(lo)}"
            if lo is not None
            else f"at most {exact(hi)}"
        )
        return (
            f"{text} is outside the range of {param.name}, {span} (its min and max): this advice could never be said",
        )
    return int(number) if param.kind == "int" else number

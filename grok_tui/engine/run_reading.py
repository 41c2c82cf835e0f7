"""A lesson's run read at a glance: which recorded series is its error (the strip's sparkline, the
errors watched for growth), whether that error grew (a divergence no number overflowed), and what
changed between two runs' params. Plain functions of the lesson and its series: the session, the
status line and the experiments table share them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from grok_tui.engine.values import format_value
from grok_tui.lesson.model import Lesson
from grok_tui.lesson.params import fmt


def _charted(lesson: Lesson) -> list[str]:
    """The series the lesson charts over its steps. Not a chart of points: its steps are no quantity
    changing over time (a sparkline of 5.1's three weight deltas read as one shrinking)."""
    return [n for c in lesson.charts if not c.points for n in c.series]


def error_names(lesson: Lesson) -> tuple[str, ...]:
    """The charted series named like an error or a loss (5.4 charts one per output)."""
    return tuple(dict.fromkeys(n for n in _charted(lesson) if "error" in n or "loss" in n))


def spark_name(lesson: Lesson) -> str:
    """The recorded series the live strip draws as a sparkline: the first charted error or loss,
    else the first charted series."""
    charted = _charted(lesson)
    return next(iter(error_names(lesson)), charted[0] if charted else "")


GREW = 10.0
"""A run whose watched value ended more than this many times where it began grew: for an error or
a loss, it diverged, though no number overflowed (the status line, the experiments table)."""


STEP_SIZES = ("alpha", "step_amount")
"""The parameters that set how far a lesson's learning steps go: only a lesson with one is told that
its error grew, and to try a smaller step. Elsewhere a growing error is the lesson's point (4.1 and
4.3b sweep a weight past the best one), not a failure."""


def has_step_size(lesson: Lesson) -> bool:
    return any(p.name in STEP_SIZES for p in lesson.params)


def grew(first: float, final: float) -> bool:
    return abs(final) > GREW * abs(first)  # an inf final grew too; a nan one did not


def ended_higher(first: float, final: float) -> bool:
    """Ended above where it began (grown ten times or not): an error that did not learn. 6.2 at
    alpha 1 cycles for ever (6.44 -> 9.46), 5.4 at alpha 4.8 swings wider each step: "finished"
    said nothing of it."""
    return math.isfinite(final) and final > first


STUCK = "stuck at"
"""How growth_text says an error stopped changing (the status line then gives the lesson's
stuck_advice)."""


def says_stuck(text: str) -> bool:
    """Whether a growth_text says its error stopped changing: read here, where the words are made."""
    return f" {STUCK} " in text


FLAT_TAIL = 0.25
"""A run whose error stayed the same for at least this share of its last steps stopped learning.
6.5 at alpha 2 went 29.5, then 2 for 59 passes (every hidden node dead, worse than answering 0.5
to every light), and the status said "finished". At seed 3 it reaches its floor of 1 at pass 42
of 60: a half said nothing of it, where seed 2 was said stuck (a trial). No run of the course's
check_with sets is called stuck at a quarter that was not at a half."""


STILL = 1e-3
"""An error that moves less than this share of its run's range no longer moves to speak of."""
STILL_OF_ITSELF = 1e-6
"""...nor one that moves less than this share of its own value: 6.5 with one hidden node at seed 3
crept 2.0000047 -> 2.0000036 over the whole run, its range itself, and the status said nothing.
At that pace it would take a million steps to move by its own size."""
FAR_FROM_0 = 0.01
"""An error stuck above this share of its run's highest is stuck; below, it reached its goal."""


def flat_from(ys: list[float]) -> int | None:
    """Where the error stopped changing for good (an index of `ys`, 0 for a run that never moved), if
    it did for at least FLAT_TAIL of the run, three steps or more, at a value that is not 0 (a run
    that reached its goal stops changing too). None otherwise. 4.5 at alpha 0.5 bounces between two
    predictions as far from the goal (0.04 every step), and the status said "finished · n next
    lesson" where the lesson's text says it bounces for ever."""
    end = ys[-1] if ys else 0.0
    finite = [y for y in ys if math.isfinite(y)]
    if len(ys) < 2 or not math.isfinite(end) or end <= FAR_FROM_0 * max(map(abs, finite), default=0):
        return None
    # Still, or creeping within a thousandth of the run's range: 6.5 at seed 2 crept 1.0000000103,
    # 1.0000000072 towards the 1 it sticks at (its dead nodes), and "finished" said nothing of it.
    close = max(STILL_OF_ITSELF * abs(end), STILL * (max(finite) - min(finite)))
    start = len(ys) - 1
    while start > 0 and abs(ys[start - 1] - end) <= close:
        start -= 1
    if start == 0:
        return 0
    flat = len(ys) - start
    return start if flat >= 3 and flat >= FLAT_TAIL * len(ys) else None


def growth_text(name: str, ys: list[float], xs: list[float] | None = None, x_name: str = "step") -> tuple[str, str]:
    """("error 0.3 -> 2.2e+59", "error 2.2e+59") when the series `name`, an error or a loss, ended
    higher than it began (it grew, or did not learn): a long form and one for a narrow line ("error
    -> 2.2e+59" read as a start left out). ("", "") otherwise (a run that learned, or a series that is
    not an error). `xs`, the steps of `ys` (or the chart's x, named `x_name`), say from where an error
    stopped changing."""
    if not ys or not ("error" in name or "loss" in name):
        return "", ""
    first, final = ys[0], ys[-1]
    flat = flat_from(ys)
    if flat is not None:
        # 4 digits, as the strip beside it says it: 7.2's "stuck at 8.23097" sat by "error 8.231"
        stuck_at = f"{name} {STUCK} {format_value(final, 4)}"
        since = f" from {x_name} {xs[flat]:g}" if xs is not None and len(xs) == len(ys) else ""
        return (stuck_at + since if flat else stuck_at), stuck_at
    if not (math.isfinite(first) and first > 0 and (grew(first, final) or ended_higher(first, final))):
        return "", ""
    # as many digits as tell the two apart: 7.6 at batch size 1 read "test_loss 2.3 -> 2.3"
    digits = next((d for d in range(3, 7) if format_value(first, d) != format_value(final, d)), 6)
    end = format_value(final, digits)
    long = f"{name} {format_value(first, digits)} -> {end}"
    # risen short of ten times, the end alone does not say it rose (5.4's `error_win 2.16`)
    return long, (f"{name} {end}" if grew(first, final) else long)


def worst_growth(
    names: tuple[str, ...], series: Mapping[str, Any], against: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """growth_text of the error that ended highest among those that ended higher: 5.4 at alpha 6.4 named
    error_hurt, its smallest (5.6e+06), while error_win reached 4.7e+08. `against`: the x its chart
    draws a series against (6.4's "repeat"), so "from" counts as the chart does: "stuck at 1 from
    step 7" sat under a chart whose flat line starts at repeat 1."""
    grown = [
        (growth_text(n, series[n].ys, *_x_of(n, series, against or {})), series[n].ys[-1])
        for n in names
        if n in series and series[n].ys
    ]
    grown = [(text, final) for text, final in grown if text[0]]
    if not grown:
        return "", ""
    return max(grown, key=lambda g: abs(g[1]) if not math.isnan(g[1]) else -1.0)[0]


def _x_of(name: str, series: Mapping[str, Any], against: Mapping[str, str]) -> tuple[list[float], str]:
    """The x values of `name`'s points as its chart counts them, and that x's name."""
    x = against.get(name, "")
    if x in series and len(series[x].ys) == len(series[name].ys):
        return series[x].ys, x
    return series[name].xs, "step"


AT_CHANCE = 1.5
"""A run whose accuracy ended under this many times the chance line learned nothing to speak of:
7.5 at alpha 10 ended at 0.096, every unit dead, and the status said "finished · n next lesson"."""


AT_CHANCE_SAID = "at chance:"


def says_at_chance(text: str) -> bool:
    """Whether a status text is at_chance's."""
    return text.startswith(AT_CHANCE_SAID)


def at_chance(lesson: Lesson, series: Mapping[str, Any]) -> tuple[str, str]:
    """("at chance: test_accuracy 0.0956",) * 2 when every series charted against a chance line
    (goal_label "chance") ended near it, naming the one that ended highest; ("", "") otherwise."""
    for chart in lesson.charts:
        if chart.goal_label != "chance" or chart.goal_value is None:
            continue
        ends = [(series[n].ys[-1], n) for n in chart.series if n in series and series[n].ys]
        ends = [(y, n) for y, n in ends if math.isfinite(y)]
        if ends and max(ends)[0] < AT_CHANCE * chart.goal_value:
            best, name = max(ends)
            said = f"{AT_CHANCE_SAID} {name} {format_value(best, 3)}"
            return said, said
    return "", ""


def change_text(before: Mapping[str, Any], after: Mapping[str, Any]) -> str:
    """What differs between two sets of params: "alpha 0.1 (was 1)" ("" when nothing did). Not "alpha
    1 -> 0.1": beside it the status's "error 0.04 -> 5.4e+16" is this run's first and last step, and
    the two arrows read as one story ("at alpha 1 the error was 0.04")."""
    return ", ".join(
        f"{name} {fmt(after[name])} (was {fmt(before[name])})"
        for name in after
        if name in before and before[name] != after[name]
    )

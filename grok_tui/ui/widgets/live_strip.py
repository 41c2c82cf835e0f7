"""The run at a glance, second half: the live strip under the text, the few values that matter and
a sparkline of the error, which is what plays while the learner reads (the status line is
status.py's)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from rich.text import Text

from grok_tui.engine.values import format_value
from grok_tui.ui.widgets.status import OneLine, one_line

BLOCKS = "▁▂▃▄▅▆▇█"
COUNTERS = frozenset({"iteration", "epoch", "i", "game", "repeat", "progress"})
"""Recorded names that only count steps: `step k/N` already says it, the strip skips them unless the
lesson's `strip` lists them (5.1's `i`, the weight that moves). (Not 7.1's `number`: the image on
show, 1000 at step 1 when the walk starts there.)"""


MIN_SPAN_DECADES = 0.5
"""A log sparkline spans at least half a decade, and a linear one 5% of its largest size: 7.2's error
falling 2% (8.395 to 8.231) was drawn as a plunge, █▁▁▁▁, where its chart drew it flat."""


def sparkline(ys: Sequence[float], width: int, log: bool = False, y_range: tuple[float, float] | None = None) -> str:
    """The curve as `width` unicode blocks (each the last value of its slice of the run), its top
    value the highest block; a change too small to matter stays near the top. `y_range`: the span
    its chart always shows (an accuracy's 0..1), the blocks' span too: 6.4's error, 1.043 to 1.0, was
    a plunge on the strip (█▅▂▂) and flat on its 0..1 chart."""
    values = [math.log10(y) if log else y for y in ys if math.isfinite(y) and (y > 0 or not log)]
    if not values or width <= 0:
        return ""
    if len(values) > width:
        values = [values[min(len(values) - 1, (i + 1) * len(values) // width - 1)] for i in range(width)]
    low, high = min(values), max(values)
    least = MIN_SPAN_DECADES if log else 0.05 * max(abs(low), abs(high))
    low = min(low, high - least)
    if y_range is not None and not log:
        low, high = min(low, y_range[0]), max(high, y_range[1])
    span = high - low
    return "".join(BLOCKS[0 if span == 0 else min(7, int((v - low) / span * 7.999))] for v in values)


STRING_MAX = 36
"""The most of a recorded string the strip shows (a stage's name), cut with … past it."""


def _short(value: Any, digits: int = 4) -> str | None:
    """A value short enough for the strip: a number or a short string; arrays are left to the table,
    but for a row of at most four (its numbers with `digits` digits at most)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        # 4 digits in plain notation, as the lessons quote them (4.1's error 0.3025 read 0.302 here);
        # 3 with an exponent, where more digits are only noise on the way to a divergence
        digits = min(digits, 4 if isinstance(value, float) and 1e-3 <= abs(value) < 1e4 else 3)
        text = format_value(value + 0 if isinstance(value, float) else value, digits)
        return "0" if text == "-0" else text
    if isinstance(value, str):  # a stage's name: 6.4's "4 backprop: layer_1_delta" (25) left the strip blank
        return value if len(value) <= STRING_MAX else value[: STRING_MAX - 1] + "…"
    row = type(value).__module__ == "numpy" and getattr(value, "ndim", 0) == 1 and 0 < value.size <= 4
    # a list of numbers too: 6.5's predictions, a list, were left out, and first_guess, unchanging, stood in
    row = row or (
        isinstance(value, (list, tuple))
        and 0 < len(value) <= 4
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)
    )
    if row:
        return "[" + " ".join(_short(float(x), digits) or "" for x in value) + "]"
    return None


class LiveStrip(OneLine):
    """` weight -4.6  pred 2.6          error 23.9 ▇▅▃▂▁▁▁ log` under the lesson text."""

    def show_run(
        self,
        values: dict[str, Any],
        order: Sequence[str],
        spark_name: str,
        spark: Sequence[float],
        log: bool,
        empty: str = "",
        total: int | None = None,
        y_range: tuple[float, float] | None = None,
        asked: Sequence[str] = (),
    ) -> None:
        """`total`: the steps the run takes, if known: a run of at most 20 gets a block a step;
        `y_range`: the span the sparkline's chart always shows (sparkline); `asked`: the names the
        lesson's `strip` lists, shown even when they are COUNTERS (5.1's `i` says which weight moves)."""
        width = self.content_size.width or 80
        spark_width = min(20, max(0, width // 5))  # a fifth of the line: a longer run is resampled
        if total is not None and 0 < total <= 20:
            # a short run whole, a block a step, from its first step: 4.1's 17-point U in 16 blocks
            # lost a point and looked lopsided, and widened at step 17 it moved its label; 3.5's 4
            # games kept 16 columns for 4 blocks, and `sad` had no room
            spark_width = total
        text = Text(" ")
        # The sparkline's value now, beside it: its blocks alone say how it moved, not where it is
        # (3.4's text pointed at "pred 0.98" while the strip showed `pred █`).
        now = _short(values.get(spark_name, spark[-1] if spark else None))
        said = spark_name if spark and now is not None and spark_name not in COUNTERS else ""
        label = f"{spark_name} {now} " if said else f"{spark_name} "
        # after the blocks, whose scale it is: "error 23.9 (log)" read to a learner as log10 of 23.9
        scale = " log" if log else ""
        room = width - (spark_width + len(label) + len(scale) + 1 if spark else 0)
        shown = 0
        for name in [n for n in order if n in values] or list(values):
            short = _short(values[name])
            if (name in COUNTERS and name not in asked) or short is None or name == said:
                continue
            # a row of numbers with fewer digits before none: 6.5's four predictions did not fit at
            # 80 columns until they rounded short, and first_guess, unchanging, stood in for them
            for digits in (3, 2) if short.startswith("[") else ():
                if text.cell_len + len(f"{name} {short} ") <= room:
                    break
                short = _short(values[name], digits) or short
            piece = f"{name} {short}  "
            if text.cell_len + len(piece) - 1 > room:  # one space before the sparkline is enough
                # the next that fit: 6.5's predictions list did not, and first_guess after it was
                # never shown (3.5's win and sad neither)
                continue
            text.append(name, style="dim")
            text.append(f" {short}  ")
            shown += 1
        if not shown and empty:
            text.append(empty, style="dim italic")
        line = sparkline(spark, spark_width, log, y_range)
        if line:
            text.pad_right(max(0, room - text.cell_len))
            text.append(label, style="dim")
            text.append(line, style="cyan")
            text.append(scale, style="dim")
        self.show(one_line(text, width))

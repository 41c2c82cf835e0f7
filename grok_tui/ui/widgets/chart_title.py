"""A chart's title as the learner reads it: what a step is ("accuracy by epoch"), "log scale" on a
log chart, and the title cut to a width without losing that word."""

from __future__ import annotations

import re

from grok_tui.lesson.model import Chart


def chart_title(chart: Chart, step_name: str = "") -> str:
    """The lesson's title; on the step axis, what a step is ("accuracy by epoch": the axis has no name
    under it, and a beginner read 1 5 10 as anything); a log chart says "log scale" (its axis shows
    real values, not log10)."""
    base = re.sub(r"\s*\(log10\)|\s*\(log\)", "", chart.title).strip() if chart.log else chart.title
    if step_name and not chart.x and not re.search(rf"\b{re.escape(step_name)}\b", base):
        # before a list or a note: "weights by iteration: toes, win/loss, fans"
        cut = re.search(r":| \(", base)
        at = cut.start() if cut else len(base)
        base = f"{base[:at]} by {step_name}{base[at:]}"
    if not chart.log or "log" in base:
        return base
    if base.endswith(")"):  # 6.6's "(all four lights) (log scale)": one pair of brackets
        return base[:-1] + ", log scale)"
    return base + " (log scale)"


def fit_title(title: str, width: int) -> str:
    """The title cut to `width` columns keeping its log ending: the word "log" stays visible at
    every width, since it changes how the curve reads."""
    if len(title) <= width:
        return title
    if title.endswith("log scale)"):  # "(log scale)", or a note's "(all four lights, log scale)"
        head = title[: title.rfind("(")].rstrip()
        for tail in (" (log scale)", " (log)", " log"):
            room = width - len(tail) - 1
            if room >= 3:
                return head[:room] + "…" + tail
        return "log"[:width]
    return title[: max(1, width - 1)] + "…"

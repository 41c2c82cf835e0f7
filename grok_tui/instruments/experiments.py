"""The experiments table: one row per run of a lesson (the parameters that differ from the defaults,
how it ended, the final value of the watched series), kept for the session, sortable."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from grok_tui.engine.run_reading import ended_higher, flat_from, grew
from grok_tui.engine.run_report import RunState

CONVERGED = 1e-6
"""A watched error at or below this (relative to its first value) counts as converged."""


@dataclass
class Experiment:
    number: int
    params: dict[str, Any]
    changed: dict[str, Any]
    """The parameters that differ from the lesson's defaults."""
    state: str = "running"
    steps: int = 0
    first: float | None = None
    final: float | None = None
    converged_at: int | None = None
    detail: str = ""
    values: list[float] = field(default_factory=list)
    """Every step's watched value: whether it stopped changing (the status line's "stuck at")."""

    @property
    def done(self) -> bool:
        return RunState(self.state).done

    def see(self, step: int, value: Any) -> None:
        """A step's watched value (a number; anything else is ignored)."""
        self.steps = step
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        value = float(value)
        self.values.append(value)
        if self.first is None:
            self.first = value
        self.final = value
        if (
            self.converged_at is None
            and math.isfinite(value)
            and self.first
            and abs(value) <= CONVERGED * abs(self.first)
        ):
            self.converged_at = step

    def outcome(self) -> str:
        if self.state == "diverged":
            return f"diverged at step {self.steps}"
        if self.state == "cancelled":
            return f"stopped at step {self.steps}"
        if self.state == "failed":
            return "failed"
        if self.converged_at is not None:
            return f"converged by step {self.converged_at}"
        if self.first is not None and self.final is not None and grew(self.first, self.final):
            return f"growing ({_steps(self.steps)})"
        if self.state == "finished":
            if self.final is not None and flat_from(self.values) is not None:
                return f"stuck at {self.final:g}"  # 4.5 at alpha 0.5 said "20 steps", as a run that learned
            if self.first is not None and self.final is not None and ended_higher(self.first, self.final):
                return f"ended higher ({_steps(self.steps)})"  # 6.2 at alpha 1: "40 steps" told nothing
            return _steps(self.steps)
        return f"{'paused' if self.state == 'paused' else 'running'}, step {self.steps}"

    def label(self) -> str:
        return (
            ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in self.changed.items())
            or "defaults"
        )


@dataclass
class Table:
    watched: str
    rows: list[Experiment] = field(default_factory=list)
    sort: str = "run"
    """"run" (order of the runs) or "final" (smallest final value first, diverged last)."""

    def start(self, params: dict[str, Any], defaults: dict[str, Any]) -> Experiment:
        """A row for a new run. The last row goes if its run never took a step and did not fail:
        `-` pressed three times in a row left "alpha=3.16228  stopped at step 0", a run the next
        press replaced before it began."""
        if self.rows and self.rows[-1].steps == 0 and self.rows[-1].state not in ("failed", "diverged"):
            self.rows.pop()
        changed = {k: v for k, v in params.items() if defaults.get(k) != v}
        row = Experiment(len(self.rows) + 1, dict(params), changed)
        self.rows.append(row)
        return row

    def ordered(self) -> list[Experiment]:
        if self.sort == "final":

            def key(row: Experiment) -> tuple[bool, float, int]:
                final = row.final
                bad = row.state in ("diverged", "cancelled") or final is None or not math.isfinite(final)
                return (bad, abs(final) if final is not None and not bad else 0.0, row.number)

            return sorted(self.rows, key=key)
        return list(self.rows)


def _steps(count: int) -> str:
    return f"{count} step{'' if count == 1 else 's'}"

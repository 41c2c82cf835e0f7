"""What a lesson run reports: its states, its steps, where it failed, the events a listener
receives while it runs, and its result (grok_tui.engine.runner makes them)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class RunState(str, Enum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    FAILED = "failed"
    DIVERGED = "diverged"
    CANCELLED = "cancelled"

    @property
    def done(self) -> bool:
        return self in (RunState.FINISHED, RunState.FAILED, RunState.DIVERGED, RunState.CANCELLED)

    @property
    def ended_early(self) -> bool:
        """Done before its last step: failed, diverged or stopped."""
        return self.done and self is not RunState.FINISHED


@dataclass(frozen=True)
class Step:
    index: int
    """1-based number of the step."""
    values: dict[str, Any]
    context: dict[str, Any] = field(default_factory=dict)
    """The lesson's `show` names this step did not record, as the code had them then (4.1's pred,
    computed before its sweep): shown beside the step, never recorded (charts, checks, predictions)."""


@dataclass(frozen=True)
class Failure:
    """What went wrong in lesson code, located in the lesson file."""

    path: Path
    line: int
    kind: str
    message: str

    def __str__(self) -> str:
        kind = f"{self.kind}: " if self.kind else ""
        return f"{self.path}:{self.line}: {kind}{self.message}"


# Events a listener receives, from the thread that runs the lesson.
@dataclass(frozen=True)
class StepEvent:
    step: Step


@dataclass(frozen=True)
class StateEvent:
    state: RunState
    detail: str = ""


@dataclass(frozen=True)
class OutputEvent:
    text: str
    cell: int = 0
    """The lesson-file line of the cell whose code printed it (0: not known)."""


RunEvent = StepEvent | StateEvent | OutputEvent
Listener = Callable[[RunEvent], None]


@dataclass
class RunResult:
    state: RunState
    steps: list[Step] = field(default_factory=list)
    final: dict[str, Any] = field(default_factory=dict)
    output: list[str] = field(default_factory=list)
    failure: Failure | None = None
    detail: str = ""

    def recorded(self, name: str) -> list[Any]:
        """Every value recorded under `name`, in step order."""
        return recorded(self.steps, name)


def recorded(steps: list[Step], name: str) -> list[Any]:
    return [s.values[name] for s in steps if name in s.values]

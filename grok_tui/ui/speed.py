"""The speed ladder for `<` and `>`: steps per second, 0 meaning as fast as the code goes, and the
lesson's own pace among them (6.1 starts at 3/s: `>` then `<` went to 2/s, not back to 3/s)."""

from __future__ import annotations

LADDER: tuple[float, ...] = (1, 2, 4, 10, 25, 100, 1000, 0)


def _rank(speed: float) -> float:
    return float("inf") if speed <= 0 else speed


def _rungs(home: float | None) -> list[float]:
    rungs = list(LADDER) if home is None or home in LADDER else [*LADDER, home]
    return sorted(rungs, key=_rank)


def faster(speed: float, home: float | None = None) -> float:
    return next((s for s in _rungs(home) if _rank(s) > _rank(speed)), speed)


def slower(speed: float, home: float | None = None) -> float:
    return next((s for s in reversed(_rungs(home)) if _rank(s) < _rank(speed)), speed)

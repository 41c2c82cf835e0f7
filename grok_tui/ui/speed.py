"""The speed ladder for `<` and `>`: steps per second, 0 meaning as fast as the code goes."""

from __future__ import annotations

LADDER: tuple[float, ...] = (1, 2, 4, 10, 25, 100, 1000, 0)


def _rank(speed: float) -> float:
    return float("inf") if speed <= 0 else speed


def faster(speed: float) -> float:
    return next((s for s in LADDER if _rank(s) > _rank(speed)), speed)


def slower(speed: float) -> float:
    return next((s for s in reversed(LADDER) if _rank(s) < _rank(speed)), speed)

"""Error landscapes: a lesson's declared error expression evaluated over a grid of one or two weights.

The expression (`[landscape] error = "..."`) is evaluated with numpy in a namespace of the lesson's
parameters, the `where` constants and the run's recorded values, with the axis names bound to grid
values. `grok-tui check` proves it is the lesson's true error: at every recorded step it must equal
the value the run records (`recorded = "error"`). Evaluating a grid costs a few milliseconds; the
panel does it on a worker thread and keeps the last grids (`GridCache`).
"""

from __future__ import annotations

import ast
import builtins
import math
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from grok_tui.lesson import ast_parse
from grok_tui.lesson.model import Landscape

SAFE_BUILTINS = {
    name: getattr(builtins, name)
    for name in (
        "abs",
        "min",
        "max",
        "sum",
        "len",
        "range",
        "zip",
        "float",
        "int",
        "round",
        "enumerate",
        "str",
        "list",
        "tuple",
        "sorted",
        "any",
        "all",
    )
}


class LandscapeError(ValueError):
    """The expression could not be evaluated (a name the run never recorded, a shape mismatch)."""


def _compiled(expression: str, cache: dict[str, Any] = {}):  # noqa: B006 - a deliberate memo
    code = cache.get(expression)
    if code is None:
        code = cache[expression] = compile(expression, "<landscape>", "eval")
    return code


def used_names(expression: str) -> frozenset[str]:
    """The names an expression reads (what a cached grid depends on)."""
    return frozenset(n.id for n in ast.walk(ast_parse.parse(expression, mode="eval")) if isinstance(n, ast.Name))


def evaluate(expression: str, names: Mapping[str, Any]) -> float:
    """The value of `expression` with `names` (numpy as np), as one float."""
    try:
        with np.errstate(all="ignore"):
            value = eval(_compiled(expression), {"__builtins__": SAFE_BUILTINS, "np": np}, dict(names))
        return float(np.asarray(value, dtype=float).reshape(-1)[0]) if np.size(value) == 1 else float("nan")
    except Exception as exc:  # lesson data: report, never crash the panel
        raise LandscapeError(f"{expression!r}: {type(exc).__name__}: {exc}") from None


def context(landscape: Landscape, params: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """What the expression sees: the `where` constants, then the parameters, then the run's values
    (a later source wins: a constant may be recorded too)."""
    # TOML has no arrays of numbers, only lists: make them numpy arrays so `.dot` works.
    out = {k: np.asarray(v, dtype=float) if isinstance(v, list) else v for k, v in landscape.where.items()}
    out.update(params)
    out.update(values)
    return out


def point(landscape: Landscape, names: Mapping[str, Any]) -> tuple[float, ...] | None:
    """Where the run is now: each axis's current value (None when the run has not recorded it)."""
    try:
        return tuple(evaluate(axis.value, names) for axis in landscape.axes)
    except LandscapeError:
        return None


def height(landscape: Landscape, names: Mapping[str, Any], at: tuple[float, ...]) -> float:
    """The error at the point `at` (one value per axis), the other weights as they are in `names`."""
    bound = dict(names)
    bound.update({axis.name: value for axis, value in zip(landscape.axes, at, strict=False)})
    return evaluate(landscape.error, bound)


def span(values: list[float], extra: Sequence[float] = ()) -> tuple[float, float]:
    """An axis range that holds `values` (the path) and `extra` (the bottom), with a margin."""
    pool = [v for v in [*values, *extra] if math.isfinite(v)]
    if not pool:
        return -1.0, 1.0
    lo, hi = min(pool), max(pool)
    width = max(hi - lo, 0.1 * max(abs(lo), abs(hi)), 0.2)
    middle = (lo + hi) / 2
    return middle - 0.65 * width, middle + 0.65 * width


@dataclass(frozen=True)
class Surface:
    xs: np.ndarray
    ys: np.ndarray | None
    """None for a 1-D landscape."""
    z: np.ndarray
    """Shape (len(xs),) in 1-D; (len(ys), len(xs)) in 2-D. NaN where the expression failed."""

    @property
    def bottom(self) -> tuple[float, ...]:
        """The grid point of least error."""
        if not np.isfinite(self.z).any():
            return ()
        index = np.unravel_index(np.nanargmin(self.z), self.z.shape)
        if self.ys is None:
            return (float(self.xs[index[0]]),)
        return float(self.xs[index[1]]), float(self.ys[index[0]])


def surface(
    landscape: Landscape, names: Mapping[str, Any], ranges: list[tuple[float, float]], columns: int, rows: int = 1
) -> Surface:
    """The error over a grid: `columns` points along x (and `rows` along y for two axes)."""
    xs = np.linspace(*ranges[0], columns)
    if len(landscape.axes) == 1:
        return Surface(xs, None, np.array([_safe_height(landscape, names, (x,)) for x in xs]))
    ys = np.linspace(*ranges[1], rows)
    z = np.array([[_safe_height(landscape, names, (x, y)) for x in xs] for y in ys])
    return Surface(xs, ys, z)


def _safe_height(landscape: Landscape, names: Mapping[str, Any], at: tuple[float, ...]) -> float:
    try:
        return height(landscape, names, at)
    except LandscapeError:
        return float("nan")


DIVERGING = 20.0
"""When the whole path spans this many times its last RECENT points' range, the run is running
away: the view follows the recent points (the first ones would be squeezed into one column)."""
RECENT = 6


def _distance(a: Sequence[float], b: Sequence[float]) -> float:
    return math.dist([float(x) for x in a], [float(x) for x in b]) if all(map(math.isfinite, [*a, *b])) else math.inf


def fit_ranges(
    landscape: Landscape, names: Mapping[str, Any], path: list[tuple[float, ...]]
) -> list[tuple[float, float]]:
    """Axis ranges centred on the bottom of the error near the path, wide enough for the path."""
    dims = len(landscape.axes)
    if not path:
        return [(-1.0, 1.0)] * dims
    first = [span([p[d] for p in path]) for d in range(dims)]
    # A wide coarse look (three times the path's range) finds where the bottom is.
    wide = [(lo - (hi - lo), hi + (hi - lo)) for lo, hi in first]
    coarse = surface(landscape, names, wide, 41, 21 if dims == 2 else 1)
    bottom = coarse.bottom
    shown = path
    recent = path[-RECENT:]
    # Running away, not settling: a run converging on the bottom also ends in tiny steps, and 6.2's
    # view followed its last points, leaving its first 11 steps off the picture.
    settling = bool(bottom) and _distance(path[-1], bottom) < _distance(path[0], bottom)
    for d in range(dims):
        whole = max(p[d] for p in path) - min(p[d] for p in path)
        late = max(p[d] for p in recent) - min(p[d] for p in recent)
        if late > 0 and whole > DIVERGING * late and not settling:
            shown = recent
    ranges = []
    for d in range(dims):
        values = [p[d] for p in shown if math.isfinite(p[d])]
        if bottom and values:
            # Symmetric about the bottom: the U (or the bowl) sits in the middle, the path around it.
            reach = max(abs(v - bottom[d]) for v in values)
            ranges.append(span([bottom[d] - reach, bottom[d] + reach]))
        else:
            ranges.append(span(values))
    return ranges


def keep_ranges(
    old: list[tuple[float, float]] | None, new: list[tuple[float, float]], path: list[tuple[float, ...]]
) -> list[tuple[float, float]]:
    """The view stays put while the path stays inside it and the new view is not far smaller: a
    picture that does not move costs only the lines a new point changed (and reads calmer)."""
    if not old or len(old) != len(new) or not path:
        return new
    recent = path[-RECENT:]
    for d, ((lo, hi), (new_lo, new_hi)) in enumerate(zip(old, new, strict=False)):
        inside = all(lo <= p[d] <= hi for p in recent)
        if not inside or (new_hi - new_lo) < 0.25 * (hi - lo):
            return new
    return old


class GridCache:
    """The last few grids, keyed by everything they depend on (the parameters, the other weights,
    the ranges and the size), so a repaint or a step that moved nothing else costs no evaluation."""

    def __init__(self, size: int = 16) -> None:
        self._grids: OrderedDict[tuple, Surface] = OrderedDict()
        self.size = size
        self.misses = 0

    def get(
        self,
        landscape: Landscape,
        names: Mapping[str, Any],
        ranges: list[tuple[float, float]],
        columns: int,
        rows: int = 1,
    ) -> Surface:
        used = used_names(landscape.error) - {a.name for a in landscape.axes}
        key = (
            landscape.error,
            tuple(sorted((k, _key(v)) for k, v in names.items() if k in used)),
            tuple(ranges),
            columns,
            rows,
        )
        found = self._grids.get(key)
        if found is not None:
            self._grids.move_to_end(key)
            return found
        self.misses += 1
        grid = self._grids[key] = surface(landscape, names, ranges, columns, rows)
        while len(self._grids) > self.size:
            self._grids.popitem(last=False)
        return grid


def _key(value: Any) -> Any:
    if isinstance(value, (int, float, str, bool)) or value is None:
        return value
    try:
        return ("array", np.asarray(value, dtype=float).tobytes())
    except (TypeError, ValueError):
        return repr(value)

"""The network diagram's model: from a lesson's `[network]` declaration and its current values, the
layers (node values, deltas, which hidden nodes relu switched off) and the weight matrices between
them (weights, weight deltas), each marked lit when the latest step just computed it.

No drawing here: grok_tui/ui/panels/network.py turns a Picture into text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from grok_tui.instruments.refs import resolve
from grok_tui.lesson.model import Network


@dataclass(frozen=True)
class Layer:
    name: str
    label: str
    size: int
    values: np.ndarray | None
    """One number per node (the last row of a batch), or None before the layer is computed."""
    deltas: np.ndarray | None
    off: np.ndarray
    """Per node: True for a hidden node whose output is exactly 0 (relu switched it off: no blame
    flows back through it)."""
    lit: bool
    delta_lit: bool
    hidden: bool


@dataclass(frozen=True)
class Link:
    name: str
    weights: np.ndarray | None
    """Shape (inputs, outputs): weights[i, j] joins node i of the layer before to node j after."""
    deltas: np.ndarray | None
    lit: bool
    delta_lit: bool


@dataclass(frozen=True)
class Picture:
    layers: tuple[Layer, ...]
    links: tuple[Link, ...]
    stage: str = ""
    """What the latest step said it computed (its `stage` value), if anything."""

    @property
    def known(self) -> bool:
        """Whether any layer's size is known (else there is nothing to draw yet)."""
        return any(layer.size for layer in self.layers)


def _row(value: Any) -> np.ndarray | None:
    """A layer value as one row of numbers: scalars become one node, a batch shows its last row."""
    if value is None:
        return None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if arr.ndim == 0:
        return arr.reshape(1)
    if arr.ndim == 1:
        return arr
    return arr.reshape(-1, arr.shape[-1])[-1]


def _matrix(value: Any, n_in: int, n_out: int, rows_are_outputs: bool) -> np.ndarray | None:
    """A weight matrix as (inputs, outputs), whatever way the lesson stores it."""
    if value is None:
        return None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    if arr.ndim < 2:
        if n_in and n_out and arr.size == n_in * n_out:
            # A vector: one input to many outputs, or many inputs to one output.
            return arr.reshape(n_in, n_out)
        return None
    if arr.ndim > 2:
        return None
    if rows_are_outputs:
        arr = arr.T
    if n_in and n_out and arr.shape != (n_in, n_out) and arr.T.shape == (n_in, n_out):
        arr = arr.T
    return arr


def _sizes(net: Network, values: Mapping[str, Any]) -> list[int]:
    """Nodes per layer: from the layers' values, else from the matrices' shapes."""
    sizes = [len(r) if (r := _row(resolve(name, values))) is not None else 0 for name in net.layers]
    for i, ref in enumerate(net.weights):
        arr = np.asarray(resolve(ref, values), dtype=object) if resolve(ref, values) is not None else None
        if arr is None or arr.ndim != 2:
            continue
        n_in, n_out = arr.shape[::-1] if net.rows_are_outputs else arr.shape
        sizes[i] = sizes[i] or n_in
        sizes[i + 1] = sizes[i + 1] or n_out
    return sizes


def picture(net: Network, values: Mapping[str, Any], latest: Iterable[str] = ()) -> Picture:
    """The network as it stands in `values`; the names in `latest` (the last step's) are lit."""
    lit = set(latest)
    sizes = _sizes(net, values)
    count = len(net.layers)
    layers = []
    for i, name in enumerate(net.layers):
        row = _row(resolve(name, values))
        if row is not None and len(row) != sizes[i]:
            row = None
        delta_name = net.deltas[i] if net.deltas else ""
        deltas = _row(resolve(delta_name, values)) if delta_name else None
        if deltas is not None and len(deltas) != sizes[i]:
            deltas = None
        hidden = 0 < i < count - 1
        off = (row == 0) if (hidden and row is not None) else np.zeros(sizes[i], dtype=bool)
        label = net.labels[i] if net.labels else name
        layers.append(
            Layer(
                name,
                label,
                sizes[i],
                row,
                deltas,
                off,
                name.partition("[")[0] in lit,
                bool(delta_name) and delta_name.partition("[")[0] in lit,
                hidden,
            )
        )
    links = []
    for i, ref in enumerate(net.weights):
        n_in, n_out = sizes[i], sizes[i + 1]
        weights = _matrix(resolve(ref, values), n_in, n_out, net.rows_are_outputs)
        if weights is not None and weights.shape != (n_in, n_out):
            weights = None
        wd_name = net.weight_deltas[i] if net.weight_deltas else ""
        deltas = _matrix(resolve(wd_name, values), n_in, n_out, net.rows_are_outputs) if wd_name else None
        if deltas is not None and deltas.shape != (n_in, n_out):
            deltas = None
        links.append(
            Link(ref, weights, deltas, ref.partition("[")[0] in lit, bool(wd_name) and wd_name.partition("[")[0] in lit)
        )
    stage = values.get("stage") if "stage" in lit else ""
    return Picture(tuple(layers), tuple(links), stage if isinstance(stage, str) else "")


STRENGTHS = 3
"""Edge marks come in three sizes: weak, medium, strong."""


def strength(weight: float, scale: float) -> int:
    """0 for a zero weight, else 1..3 by size relative to `scale` (the largest weight shown)."""
    if weight == 0 or not np.isfinite(weight) or scale <= 0:
        return 0
    share = abs(weight) / scale
    return 3 if share >= 0.6 else 2 if share >= 0.25 else 1


# Positive weights are solid, negative ones dashed, so the sign reads without colour; the number
# of marks gives the size.
POSITIVE = "━"
NEGATIVE = "╍"
ZERO = "·"


def edge_mark(weight: float, scale: float, width: int = 3) -> str:
    """The edge's mark, `width` cells: sign by glyph (━ / ╍), size by length (1..3 of 3)."""
    level = strength(weight, scale)
    if level == 0:
        return ZERO.center(width)
    glyph = POSITIVE if weight > 0 else NEGATIVE
    cells = max(1, round(level * width / STRENGTHS))
    return (glyph * cells).ljust(width)

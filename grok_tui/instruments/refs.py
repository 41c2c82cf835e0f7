"""Look up a lesson value by reference: `weights`, `weights[0]`, `layer_1_delta[0][1]`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_PART = re.compile(r"\[(-?\d+)\]")


def resolve(ref: str, values: Mapping[str, Any]) -> Any:
    """The value `ref` names in `values`, or None when it is missing or an index does not exist."""
    name, _, rest = ref.partition("[")
    if name not in values:
        return None
    value = values[name]
    for index in _PART.findall("[" + rest if rest else ""):
        try:
            value = value[int(index)]
        except (IndexError, KeyError, TypeError):
            return None
    return value


def as_float(value: Any) -> float | None:
    """A single number from a scalar or a one-element array/list; None otherwise."""
    import numpy as np

    if value is None:  # numpy reads None as nan: a question about a missing value looked answerable
        return None
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return float(arr.reshape(-1)[0]) if arr.size == 1 else None

"""Recorded values: snapshot what lesson code reports, spot divergence, turn it into JSON and text."""

from __future__ import annotations

import math
import re
from typing import Any


def snapshot(value: Any) -> Any:
    """A copy of `value` that later changes by the lesson cannot alter: floats, ints, arrays, text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)  # np.float64 is a float subclass whose repr is "np.float64(...)"
    if isinstance(value, str):
        return value
    module = type(value).__module__
    if module == "numpy" or isinstance(value, (list, tuple)):
        import numpy as np

        try:
            arr = np.array(value)
        except (ValueError, TypeError):
            return repr(value)
        if arr.dtype.kind in "biuf":
            if arr.ndim == 0:
                return arr.item()
            return arr.astype(float) if arr.dtype.kind == "f" else arr.copy()
        return repr(value)
    return repr(value)


def first_non_finite(values: dict[str, Any]) -> str | None:
    """The name of the first value that is NaN or infinite (a float or any element of an array)."""
    for name, value in values.items():
        if isinstance(value, float):
            if not math.isfinite(value):
                return name
        elif type(value).__module__ == "numpy" and getattr(value, "dtype", None) is not None:
            import numpy as np

            if value.dtype.kind == "f" and not np.isfinite(value).all():
                return name
    return None


def to_json(value: Any) -> Any:
    """JSON-ready form; json.dumps writes floats with repr, so they keep every digit."""
    if type(value).__module__ == "numpy" and hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # 'inf' / 'nan' are not valid JSON numbers
    return value


def format_value(value: Any, digits: int | None = 6) -> str:
    """Text for the values table (6 significant digits) or, with digits=None, every digit (repr)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # -0.0 (relu's max of -0.0 and 0) read as a sign that matters: `run 6.4` printed "-0.";
        # float(): numpy's float64 is a float whose repr is "np.float64(0.5)"
        value = float(value) + 0.0
        return repr(value) if digits is None else f"{value:.{digits}g}"
    if isinstance(value, int):
        return str(value)
    if type(value).__module__ == "numpy" and hasattr(value, "ndim"):
        import numpy as np

        if value.dtype.kind in "fc":
            value = value + 0.0
        if value.size > 12 and digits is not None:
            return f"array{value.shape}"
        if digits is None:
            return repr(value.tolist())
        return np.array2string(value, precision=digits - 2, separator=", ", suppress_small=False, max_line_width=10_000)
    return str(value)


def same_value(a: Any, b: Any) -> bool:
    """Whether two recorded values are equal: arrays and lists element by element, as numbers; any
    other pair by ==."""
    import numpy as np

    try:
        return bool(np.array_equal(np.asarray(a, dtype=float), np.asarray(b, dtype=float)))
    except (TypeError, ValueError):
        return bool(a == b)


_LONG_FLOAT = re.compile(r"(?<![\w.])-?\d+\.\d{13,}(?:e[-+]?\d+)?(?!\w|\.\d)")
"""A float written with more digits than a learner reads: Python's 0.1 - 0.01 = 0.09000000000000001."""


def tidy_floats(text: str) -> str:
    """`text` with each float of 13 or more decimals written to 12 significant digits: a test's
    message `got {got}` said "got 0.09000000000000001", and a beginner read the tail as part of the
    mistake (every lesson's message had to format its numbers itself, and some did not)."""
    return _LONG_FLOAT.sub(lambda m: f"{float(m.group()):.12g}", text)

"""The first cell of an exported lesson (`grok-tui export`): what the tutor gives every lesson's code
(random seeds, `step()`, `recorded()`, `plot()`) and what its exercise tests run with (a failure in
a line or two; a function that changes its arguments fails, as in the tutor), in plain Python."""

from __future__ import annotations

_PRELUDE = '''\
# What the tutor gives every lesson: random seeds, step() and recorded(), and plot() for the charts.
import copy
import random

try:
    import numpy as np
    np.random.seed(0)
except ImportError:
    np = None
random.seed(0)

_steps = []
_tests_passed = {}  # exercise name: did its test pass on your code? (read by the reference cells)


def _keep(value):
    """A copy that later changes cannot alter; numpy numbers become plain numbers."""
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if np is not None:
        try:
            arr = np.array(value)
        except (ValueError, TypeError):
            return copy.deepcopy(value)
        if arr.dtype.kind in "biuf":
            return arr.item() if arr.ndim == 0 else arr.copy()
    return copy.deepcopy(value)


def step(**values):
    """Record one step's values (the tutor draws them live and pauses here)."""
    _steps.append({name: _keep(value) for name, value in values.items()})


def recorded(name):
    """Every value recorded under `name` so far, in step order."""
    return [s[name] for s in _steps if name in s]


def plot(*names, x=None, title=None, log=False):
    """Plot recorded values against the step (or against the recorded value `x`), on a log scale
    with log=True: with matplotlib if it is installed, else print a short summary of each series."""
    series = {name: recorded(name) for name in names if recorded(name)}
    if not series:
        return
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        for name, values in series.items():
            first, last = values[0], values[-1]
            print(f"{name}: {len(values)} values, first {first!r}, last {last!r}")
        return
    xs = recorded(x) if x else None
    for name, values in series.items():
        plt.plot(xs if xs and len(xs) == len(values) else range(1, len(values) + 1), values, label=name)
    if log:
        plt.yscale("log")
    plt.xlabel(x or "step")
    plt.title(title or ", ".join(series))
    plt.legend()
    plt.show()


def _failure(error):
    """What a failed test says, in a line or two: the exception's type and message, no traceback."""
    text = type(error).__name__ + (f": {error}" if str(error) else "")
    lines = text.splitlines()
    return "\\n".join(lines[:2]) + (" [...]" if len(lines) > 2 else "")


SAME_FROM_SANDBOX


def _unchanging(function):
    """`function`, failing its test if it changes what it is given, as in the tutor: the lesson goes
    on using its own lists and arrays after the call."""
    def checked(*args, **kwargs):
        kept = copy.deepcopy((args, kwargs))
        result = function(*args, **kwargs)
        if not _same(kept, (args, kwargs)):
            raise AssertionError(
                f"{function.__name__} changed an argument it was given: the lesson goes on using it."
                " Work on a copy, or build a new list or array")
        return result
    return checked


def _unchanging_all(names):
    """Each of the functions `names` that the code above defines, checked as _unchanging does."""
    for name in names:
        if callable(globals().get(name)):
            globals()[name] = _unchanging(globals()[name])
'''


def prelude() -> str:
    """The first cell's code. Built when a lesson is exported (it reads the sandbox's source), not
    when the command line's parsers import this module."""
    import inspect

    from grok_tui.engine import sandbox_child

    # _same is the sandbox's own: an argument counts as changed in the notebook as in the tutor
    return _PRELUDE.replace("SAME_FROM_SANDBOX\n", inspect.getsource(sandbox_child._same))

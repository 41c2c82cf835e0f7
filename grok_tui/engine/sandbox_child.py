"""The child side of the sandbox: run the learner's code, then the exercise's test, report as JSON.

Its source is handed to `python -I -c`, so the child needs nothing of grok_tui and starts from a
clean interpreter; the tutor imports only the two file names below, to read the frames it reports.
It reads one JSON object from stdin: {"code": ..., "test": ..., "memory": bytes or 0, "limits": bool,
"result_path": path, "guard": [functions that must leave their arguments as they are]} and writes
one JSON object to `result_path`, a file outside the folder the code runs in, opened before the code
runs: nothing the learner prints can fake a result. (A file, not an inherited pipe: passing a
descriptor to a child does not work on Windows.)
"""

import json
import re
import sys
import traceback
from typing import Any

CODE_FILE = "<your code>"
TEST_FILE = "<test>"
LIMIT = 2000  # characters of any message sent back: a huge repr must not flood the parent


def _short(text):
    text = str(text)
    return text if len(text) <= LIMIT else text[:LIMIT] + " ... (cut)"


def _frames(exc):
    """(file, line) of each traceback frame in the learner's code or the test, innermost last."""
    out = []
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name in (CODE_FILE, TEST_FILE):
            out.append((name, lineno))
    return out


def _test_locals(exc):
    """The input a test failed on, from the names of its innermost frame: ({name: short repr} of
    the plain values, {name: shape} of the numpy arrays, whose repr is often too long to send)."""
    frame = None
    for f, _ in traceback.walk_tb(exc.__traceback__):
        if f.f_code.co_filename == TEST_FILE:
            frame = f
    values, shapes = {}, {}
    for name, value in list(frame.f_locals.items())[:200] if frame is not None else ():
        if name.startswith("__") or callable(value) or type(value).__name__ == "module":
            continue
        shape = getattr(value, "shape", None) if type(value).__name__ == "ndarray" else None
        if isinstance(shape, tuple) and shape:
            shapes[name] = [int(n) for n in shape]
        try:
            if type(value).__module__ == "numpy" and getattr(value, "shape", None) == ():
                value = value.item()  # numpy 2 writes np.float64(0.6985...): the learner's number is 0.6985
            text = f"{value:.6g}" if isinstance(value, float) else repr(value)
            if isinstance(value, float) and text.lstrip("-").isdigit():
                text += ".0"  # a float stays one: "got 0.0" above it read "with got = 0"
        except Exception:
            continue
        if len(text) <= 200:
            values[name] = text
    return values, shapes


def _same(before, after):
    """Whether an argument is as it was (numpy arrays by value; a value that cannot say: the same)."""
    if type(before).__module__ == "numpy" and hasattr(before, "shape"):
        import numpy as np

        try:
            return before.shape == after.shape and bool(np.array_equal(before, after, equal_nan=True))
        except (TypeError, ValueError):
            return True
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)):
        return len(before) == len(after) and all(_same(b, a) for b, a in zip(before, after, strict=True))
    if isinstance(before, dict) and isinstance(after, dict):
        return before.keys() == after.keys() and all(_same(before[k], after[k]) for k in before)
    try:
        return bool(before == after) or before != before  # nan stays nan
    except Exception:
        return True


def _close_name(exc):
    """For a NameError, the name nearest to the missing one that the failing line could see (its
    frame's locals, globals, builtins), as Python's own traceback suggests it: `layer2_delta` for
    `layer_2_delta` got only "define it here, or check its spelling". "" if none is close."""
    import builtins
    import difflib

    name = getattr(exc, "name", None)
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if not isinstance(name, str) or tb is None:
        return ""
    frame = tb.tb_frame
    seen = {*frame.f_locals, *frame.f_globals, *dir(builtins)}
    names = sorted(n for n in seen if isinstance(n, str) and not n.startswith("__") and n != name)
    close = difflib.get_close_matches(name, names, n=1)
    return close[0] if close else ""


def _evaluate(node, frame):
    """The value of a plain expression (names, indexing, constants, arithmetic on them) in `frame`;
    raises for anything else: a call or an attribute could run the learner's code again."""
    import ast

    plain = (ast.Name, ast.Load, ast.Subscript, ast.Constant, ast.Slice, ast.Tuple, ast.BinOp, ast.UnaryOp)
    if not all(isinstance(n, (*plain, ast.operator, ast.unaryop)) for n in ast.walk(node)):
        raise ValueError("not a plain expression")
    return eval(compile(ast.Expression(node), "<part>", "eval"), frame.f_globals, dict(frame.f_locals))


def _is_rows(value):
    """A list or tuple whose items are all lists or tuples (a matrix written as lists)."""
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, (list, tuple)) for v in value)


def _loop_names(code):
    """The names the learner's `for` loops and comprehensions set: each takes an item of something."""
    import ast

    loops = [n for n in ast.walk(ast.parse(code)) if isinstance(n, (ast.For, ast.comprehension))]
    return {t.id for loop in loops for t in ast.walk(loop.target) if isinstance(t, ast.Name)}


def _failing_part(exc, code):
    """What the failing expression in the learner's code was made of, where Python's message does
    not say (3.6's `a[i] * b[i]` with b a whole matrix: "can't multiply sequence" named no list):
    for a product, the side that is a list, or the `*` of arrays whose shapes do not broadcast; for an
    index, whether it was many indices at once (7.3's `out[labels]`). {} when the error is elsewhere
    or the part cannot be read safely."""
    import ast

    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is None or tb.tb_frame.f_code.co_filename != CODE_FILE:
        return {}
    frame = tb.tb_frame
    try:
        line, end, start_col, end_col = list(frame.f_code.co_positions())[tb.tb_lasti // 2]
        if line is None or line != end or start_col is None:
            return {}
        text = code.splitlines()[line - 1].encode("utf-8")[start_col:end_col].decode("utf-8")
        node = ast.parse(text.strip(), mode="eval").body
    except Exception:
        return {}
    try:
        if isinstance(exc, TypeError) and isinstance(node, ast.BinOp):
            for side in (node.left, node.right):
                value = _evaluate(side, frame)
                if isinstance(value, (list, tuple)):
                    shown = repr(value) if len(repr(value)) <= 80 else repr(value)[:79] + "…"
                    part = {"text": ast.unparse(side), "value": shown, "rows": _is_rows(value)}
                    if isinstance(side, ast.Subscript) and _is_rows(_evaluate(side.value, frame)):
                        part["within"] = ast.unparse(side.value)  # an item of a list of lists
                    elif isinstance(side, ast.Name) and side.id in _loop_names(code):
                        part["looped"] = True  # 3.7's `v * w for v, w in zip(vect, row)`, row a matrix
                    return {"sequence": part}
        if isinstance(exc, ValueError) and isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            # 6.6b's `l0 * W0` for a layer: numpy's words name the shapes, not the `*`
            return {"product": ast.unparse(node)}
        if isinstance(exc, IndexError) and isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Tuple):
            index = _evaluate(node.slice, frame)
            many = isinstance(index, list) or getattr(index, "ndim", 0) > 0
            return {"index": {"many": many}}
    except Exception:
        return {}
    return {}


def _first_change(before, after, path=()):
    """Where two values first differ: (the list indices and array index that lead there, the value
    before, the value after). Down lists and tuples of equal length, to one entry of an array of
    the same shape; else the two values as they are."""
    if type(before).__name__ == "ndarray" and before.ndim and getattr(after, "shape", None) == before.shape:
        import numpy as np

        try:
            differ = ~((before == after) | ((before != before) & (after != after)))
            where = tuple(int(i) for i in np.argwhere(differ)[0])
            return (*path, where), before[where], after[where]
        except Exception:
            return path, before, after
    if isinstance(before, (list, tuple)) and isinstance(after, (list, tuple)) and len(before) == len(after):
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            if not _same(b, a):
                return _first_change(b, a, (*path, i))
    return path, before, after


def _number_pair(before, after):
    """Two numbers said to the fewest digits (4 at least) that tell them apart: -0.3216 became -0.3059."""
    try:
        b, a = float(before), float(after)
    except (TypeError, ValueError):
        return None
    if any(type(v) is bool or "int" in type(v).__name__ for v in (before, after)):
        return tuple(repr(v.item() if hasattr(v, "item") else v) for v in (before, after))
    for digits in range(4, 18):
        if f"{b:.{digits}g}" != f"{a:.{digits}g}":
            break
    return f"{b:.{digits}g}", f"{a:.{digits}g}"


def _unpacked(code, function, argument):
    """The names the function gives the items of `argument` (`weights_0_1, bias_1, ... = net`), or []."""
    import ast

    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            for sub in ast.walk(node):
                if (
                    isinstance(sub, ast.Assign)
                    and isinstance(sub.value, ast.Name)
                    and sub.value.id == argument
                    and isinstance(sub.targets[0], (ast.Tuple, ast.List))
                ):
                    names = [t.id for t in sub.targets[0].elts if isinstance(t, ast.Name)]
                    if len(names) == len(sub.targets[0].elts):
                        return names
    return []


SHORT_CHANGE = 60
"""An argument whose repr fits in this many characters is shown whole, before and after (softmax's
"array([1., 2., 3.]) became array([-2., -1., 0.])"); a bigger one by the entry that changed."""


def _changed(function, name, before, after, code, result=None):
    """What changed in argument `name`, and what to do: a small value whole, before and after; a list
    of arrays or a big array by its first changed entry (7.4's backprop updating net in place showed
    eight lines of digits cut mid-row: "net[0] (weights_0_1), entry [0, 0]: -0.3216 became -0.3059")."""
    # what to build instead: the argument's kind (3.3 wants a list back, 6.3 an array: "a new list
    # or array" named the one the other refuses)
    kind = "array" if type(before).__name__ == "ndarray" else "list" if isinstance(before, list) else "value"
    # one number back (3.2's w_sum): "build the answer as a new list" named a list it never returns
    instead = (
        "work out the answer from them without writing into them"
        if isinstance(result, (int, float))
        else f"build the answer as a new {kind}"
    )
    plain = (
        f"{function} changed its argument {name}: {_short(repr(before))[:120]} became "
        f"{_short(repr(after))[:120]}.{_same_array(code, name, before)} {LEAVE_ARGUMENTS}, so leave "
        f"the arguments as they are and {instead}."
    )
    holds_arrays = isinstance(before, (list, tuple)) and any(type(b).__name__ == "ndarray" for b in before)
    if not holds_arrays and len(" ".join(repr(before).split())) <= SHORT_CHANGE:
        return plain
    path, b, a = _first_change(before, after)
    names = _unpacked(code, function, name)
    where = ""
    for depth, step in enumerate(path):
        if isinstance(step, tuple):
            where += f"{', ' if where else ''}entry {list(step)}"
        else:
            where += f"{'' if where else name}[{step}]"
            if depth == 0 and step < len(names):
                where += f" ({names[step]})"
    pair = _number_pair(b, a)
    if pair is None:
        if type(b).__name__ == "ndarray" and type(a).__name__ == "ndarray" and b.shape != a.shape:
            pair = (f"shape {b.shape}", f"shape {a.shape}")
        else:
            pair = (_short(repr(b))[:60], _short(repr(a))[:60])
    said = f"{function} changed its argument {name}: {where}{': ' if where else ''}{pair[0]} became {pair[1]}."
    if any("weight" in n for n in (name, *names)):
        return f"{said} Leave {name} as it is: the training loop updates the weights, not {function}."
    return (
        f"{said}{_same_array(code, name, before)} {LEAVE_ARGUMENTS}, so leave the arguments as they are and "
        f"build the answer as a new {kind}."
    )


LEAVE_ARGUMENTS = (
    "A function hands back its answer and leaves what it was given as it was (its caller may use it again)"
)
"""Why: 'the lesson goes on using what it passes in' was not true of 6.3's relu, given a fresh product."""


def _same_array(code, name, before):
    """7.3's softmax stub starts `x = np.asarray(x, dtype=float)`, and a learner took that x for a
    copy of their own: said where the code made one such."""
    if type(before).__name__ != "ndarray" or not re.search(rf"\b{re.escape(name)}\s*=\s*(np\.)?asarray\(", code):
        return ""
    return f" (np.asarray of an array is that same array, not a copy: `{name} - ...` makes a new one.)"


class _ArgumentChanged(AssertionError):
    """A guarded function changed an argument (the test's values are the changed ones: not shown)."""


def _guard(function, code=""):
    """`function`, failing the check when it changes an argument: the lesson passes its own lists and
    arrays and goes on using them, so a function that rewrites one passes every test yet makes the
    lesson compute wrong numbers further on (e.g. relu2deriv setting layer_1's values to 1)."""
    import copy
    import functools
    import inspect

    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return function

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            bound = signature.bind(*args, **kwargs)
            kept = {name: copy.deepcopy(value) for name, value in bound.arguments.items()}
        except Exception:  # arguments that do not bind or copy: the call itself says what is wrong
            return function(*args, **kwargs)
        result = function(*args, **kwargs)
        for name, before in kept.items():
            after = bound.arguments[name]
            if not _same(before, after):
                raise _ArgumentChanged(_changed(function.__name__, name, before, after, code, result))
        return result

    return guarded


class _StillRunning(BaseException):
    """Raised in the learner's code shortly before the parent's time limit, to say where it was."""


def _stop_before(seconds):
    """Interrupt the code `seconds` from now (SIGALRM, where there is one; 0 disarms it): the
    traceback then names the line a loop was on. The parent still kills the process at its own limit (a C loop does not
    see the signal)."""
    import signal

    if not hasattr(signal, "setitimer"):
        return
    if seconds <= 0:  # disarm
        signal.setitimer(signal.ITIMER_REAL, 0)
        return

    def stop(signum, frame):
        raise _StillRunning

    signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def _report(out, data):
    json.dump(data, out)
    out.close()


def main():
    job = json.loads(sys.stdin.read())
    # Opened now, before the code runs in another folder; closed at the end of main.
    fd = open(job["result_path"], "w", encoding="utf-8")  # noqa: SIM115
    try:
        import resource
    except ImportError:  # not on this platform: the parent's time and output limits still hold
        resource = None  # type: ignore[assignment]
    if resource is not None and job.get("limits", True):
        limits = [(resource.RLIMIT_FSIZE, 64 * 1024 * 1024)]  # files the code writes, in a temp dir
        if job.get("memory"):
            # Address space, not RSS: a huge allocation fails with MemoryError instead of swapping.
            limits.append((resource.RLIMIT_AS, job["memory"]))
        for kind, value in limits:
            try:
                resource.setrlimit(kind, (value, value))
            except (ValueError, OSError):  # e.g. macOS refuses some limits: run without that one
                pass
    namespace = {"__name__": "__exercise__"}
    _stop_before(job.get("stop_after", 0))
    phase = "code"
    try:
        try:
            code = compile(job["code"], CODE_FILE, "exec")
            phase = "test-compile"
            test = compile(job["test"], TEST_FILE, "exec")
            phase = "code"
            exec(code, namespace)
            for name in job.get("guard", ()):
                if callable(namespace.get(name)):
                    namespace[name] = _guard(namespace[name], job["code"])
            mine = set(namespace)
            phase = "test"
            exec(test, namespace)
            _leaked_import(code, job["code"], mine, namespace)
        finally:  # the early stop is for the learner's code: never in the middle of the report
            _stop_before(0)
    except _StillRunning as exc:
        _report(fd, {"status": "timeout", "phase": phase, "frames": _frames(exc)})
    except SystemExit as exc:
        _report(fd, {"status": "exit", "phase": phase, "message": _short(exc.code), "frames": _frames(exc)})
    except BaseException as exc:  # everything else is the learner's, reported, never raised
        # after a change to an argument the test's values show the changed one, as if passed in
        values, shapes = ({}, {}) if isinstance(exc, _ArgumentChanged) else _test_locals(exc)
        data = {
            "status": "fail" if isinstance(exc, AssertionError) and phase == "test" else "error",
            "phase": phase,
            "kind": type(exc).__name__,
            "memory": isinstance(exc, MemoryError),
            "message": _short(exc),
            "frames": _frames(exc),
            "values": values,
            "shapes": shapes,
            "part": _failing_part(exc, job["code"]) if isinstance(exc, (TypeError, IndexError, ValueError)) else {},
        }
        if isinstance(exc, NameError) and (close := _close_name(exc)):
            data["message"] = _short(f"{exc}. Did you mean: {close!r}?")  # Python's own words for it
        if isinstance(exc, SyntaxError):
            data["frames"] = [(exc.filename, exc.lineno or 0)]
            data["message"] = _short(exc.msg)
        sys.stdout.flush()
        _report(fd, data)
    else:
        sys.stdout.flush()
        _report(fd, {"status": "pass"})


def _leaked_import(code: Any, source: str, mine: set[str], namespace: dict) -> None:
    """Raise the NameError the lesson would meet: the learner's code read a module only the test
    cell imported (4.1's `math.pow(...)` without `import math` passed, then stopped the lesson's
    run at that line). Modules only: a test may give the code functions on purpose (7.4's)."""
    import types

    names: set[str] = set()
    stack = [code]
    while stack:
        each = stack.pop()
        names.update(each.co_names)
        stack.extend(c for c in each.co_consts if isinstance(c, types.CodeType))
    for name in sorted(names - mine):
        if isinstance(namespace.get(name), types.ModuleType):
            line = next(
                (i for i, text in enumerate(source.splitlines(), 1) if re.search(rf"(?<![\w.]){name}\b", text)), 1
            )
            error = NameError(f"name {name!r} is not defined")
            raise error.with_traceback(_traceback_at(line))


def _traceback_at(line: int) -> Any:
    """A traceback whose innermost frame is the learner's code at `line` (for _frames)."""
    try:
        exec(compile("\n" * (line - 1) + "raise NameError", CODE_FILE, "exec"), {})
    except NameError as exc:
        return exc.__traceback__
    return None


if __name__ == "__main__":  # run by `python -I -c`; importing this file does nothing
    main()

"""Parse the metadata that asks for the tutor's instruments: `[network]`, `[landscape]`, `[[predict]]`.

Each key has its own small function (contract C5). They report problems through `add(line, message)`
and `where(key)` gives the metadata line of a key, so every error names its file and line.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from typing import NamedTuple, TypeGuard

from grok_tui.lesson import ast_parse
from grok_tui.lesson.model import Axis, Landscape, Network, Prediction

REF = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\[-?\d+\])*$")
"""A reference to a lesson value: a name, optionally indexed (`weights[0]`, `layer_1_delta[0][1]`)."""

Add = Callable[[int, str], None]


def _strings(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def unknown_keys(table: dict, known: set[str], what: str, line: int, add: Add, lines: list[str] | None = None) -> None:
    """One problem per key of `table` that is not in `known`, naming the keys that are; at the key's
    own line when `lines` (the file's) are given, else at the table's `line`."""
    for key in table:
        if key not in known:
            at = key_line(lines, line, key) if lines is not None else line
            add(at, f"{what}: unknown key {key!r}{did_you_mean(key, known)} ({', '.join(sorted(known))})")


def did_you_mean(key: str, known: set[str] | frozenset[str]) -> str:
    """ ", did you mean 'default'?" for a misspelt key ("defualt"), else ""."""
    close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    # two letters swapped in a short key ("lgo") are far apart for difflib, close to a typist
    close = close or [k for k in sorted(known) if sorted(k) == sorted(key)]
    return f", did you mean {close[0]!r}?" if close else ""


def key_line(lines: list[str], table_line: int, key: str, within: str = "") -> int:
    """The line of `key = ...` (the key quoted or not) in the table that starts at `table_line`
    (1-based), else that line. `within`: the table's name, whose sub-tables belong to it (a quiz's
    [questions.mistakes]): a key under one is found, and the sub-table `[within.key]` itself (a
    misspelt `converg` there was said at the question's first line)."""
    pattern = re.compile(rf"""^\s*["']?{re.escape(key)}["']?\s*=""")
    sub = f"[{within}." if within else None
    for i in range(table_line, len(lines)):
        text = lines[i].strip()
        if sub is not None and text.replace(" ", "") == f"{sub}{key}]":
            return i + 1
        if text.startswith("[[") or text == "+++" or (text.startswith("[") and not (sub and text.startswith(sub))):
            break
        if pattern.match(lines[i]):
            return i + 1
    # the key as a table of its own, anywhere below: a quiz's misspelt [[questionz]] had no line
    headers = (f"[{key}]", f"[[{key}]]", f'["{key}"]', f'[["{key}"]]')
    return next((i + 1 for i in range(table_line, len(lines)) if lines[i].replace(" ", "") in headers), table_line)


def _refs_ok(values: list[str], key: str, line: int, add: Add, blank: bool = False) -> bool:
    bad = [v for v in values if not REF.match(v) and not (blank and v == "")]
    if bad:
        add(line, f"{key}: {bad[0]!r} is not a variable name (a name, or a name with [index])")
    return not bad


def parse_network(spec: object, line: int, add: Add) -> Network | None:
    """`[network]`: layers = [...], weights = [...], optional deltas, weight_deltas, labels, rows."""
    if spec is None:
        return None
    known = {"layers", "weights", "deltas", "weight_deltas", "labels", "rows"}
    if not isinstance(spec, dict):
        add(line, "network must be a table: [network] with layers = [...] and weights = [...]")
        return None
    unknown_keys(spec, known, "network", line, add)
    layers, weights = spec.get("layers"), spec.get("weights")
    if not _strings(layers) or len(layers) < 2:
        add(line, 'network needs layers = ["input", ..., "output"] (at least two names)')
        return None
    if not _strings(weights) or len(weights) != len(layers) - 1:
        add(line, f"network needs weights = [...]: one matrix between each pair of layers ({len(layers) - 1})")
        return None
    deltas, weight_deltas, labels = (spec.get(k, []) for k in ("deltas", "weight_deltas", "labels"))
    for key, value, size in (
        ("deltas", deltas, len(layers)),
        ("weight_deltas", weight_deltas, len(weights)),
        ("labels", labels, len(layers)),
    ):
        if not _strings(value) or (value and len(value) != size):
            add(line, f'network: {key} must list {size} strings ("" where there is none)')
            return None
    ok = _refs_ok(layers, "layers", line, add) and _refs_ok(weights, "weights", line, add)
    ok = (
        ok and _refs_ok(deltas, "deltas", line, add, True) and _refs_ok(weight_deltas, "weight_deltas", line, add, True)
    )
    rows = spec.get("rows", "inputs")
    if rows not in ("inputs", "outputs"):
        add(
            line,
            'network: rows must be "inputs" (layer.dot(W), the default) or "outputs" '
            "(each row of a matrix holds one output's weights)",
        )
        return None
    if not ok:
        return None
    return Network(
        tuple(layers), tuple(weights), tuple(deltas), tuple(weight_deltas), tuple(labels), rows == "outputs", line
    )


def _expression(text: object, what: str, line: int, add: Add) -> bool:
    if not isinstance(text, str) or not text.strip():
        add(line, f"{what} must be a Python expression in a string")
        return False
    try:
        ast_parse.parse(text, mode="eval")
    except SyntaxError as exc:
        add(line, f"{what} is not a Python expression: {exc.msg}: {text!r}")
        return False
    return True


def parse_landscape(spec: object, line: int, add: Add) -> Landscape | None:
    """`[landscape]`: error = "EXPR", axes = ["w = weight"] (one or two), where = {...}, recorded."""
    if spec is None:
        return None
    known = {"error", "axes", "where", "recorded", "labels", "note"}
    if not isinstance(spec, dict):
        add(line, 'landscape must be a table: [landscape] with error = "..." and axes = [...]')
        return None
    unknown_keys(spec, known, "landscape", line, add)
    if not _expression(spec.get("error"), "landscape: error", line, add):
        return None
    axes_spec, labels = spec.get("axes"), spec.get("labels", [])
    if not _strings(axes_spec) or len(axes_spec) not in (1, 2):
        add(line, 'landscape: axes must list one or two "NAME = VALUE" (e.g. "w = weight")')
        return None
    if not _strings(labels) or (labels and len(labels) != len(axes_spec)):
        add(line, "landscape: labels must give one caption per axis")
        return None
    axes = []
    for i, text in enumerate(axes_spec):
        name, eq, value = (part.strip() for part in text.partition("="))
        if not eq or not re.match(r"^[A-Za-z_]\w*$", name):
            add(line, f'landscape: axis {text!r} must read NAME = VALUE (e.g. "w = weights[0]")')
            return None
        if not _expression(value, f"landscape: the value of axis {name!r}", line, add):
            return None
        axes.append(Axis(name, value, labels[i] if labels else value))
    where = spec.get("where", {})
    if not isinstance(where, dict):
        add(line, "landscape: where must be a table of constants, e.g. where = { goal_pred = 0.8 }")
        return None
    recorded = spec.get("recorded", "")
    if not isinstance(recorded, str) or (recorded and not REF.match(recorded)):
        add(line, "landscape: recorded must name a recorded value (the error the run records)")
        return None
    note = spec.get("note", "")
    if not isinstance(note, str):
        add(line, "landscape: note must be a string (what the picture holds fixed)")
        note = ""
    return Landscape(spec["error"], tuple(axes), dict(where), recorded, line, note)


def parse_predictions(
    spec: object, line_of: Callable[[int], int], add: Add, lines: list[str] | None = None
) -> tuple[Prediction, ...]:
    """`[[predict]]`: step, value, question, tolerance, why, plain, uses, mistakes, label. `line_of(i)` is the
    i-th table's line; with the file's `lines`, a problem in `mistakes` is said at its own line."""
    if spec is None:
        return ()
    if not isinstance(spec, list):
        add(line_of(0), "predict must be an array of tables: [[predict]]")
        return ()
    out = []
    known = {"step", "value", "question", "tolerance", "why", "plain", "uses", "mistakes", "label"}
    for i, item in enumerate(spec):
        line = line_of(i)
        if not isinstance(item, dict):
            add(line, "each [[predict]] must be a table")
            continue
        unknown_keys(item, known, "predict", line, add)
        step, value, tolerance = item.get("step"), item.get("value"), item.get("tolerance")
        if not isinstance(step, int) or isinstance(step, bool) or step < 2:
            # The question is asked while step N-1 is on screen, so step 1 cannot be predicted.
            add(line, "predict: step must be a whole number of 2 or more (it is asked at step N-1)")
            continue
        if not isinstance(value, str) or not REF.match(value):
            add(line, 'predict: value must name a recorded value, e.g. value = "weight_delta"')
            continue
        if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or tolerance < 0:
            add(line, "predict: tolerance must be a number >= 0 (how far off still counts as right)")
            continue
        question = item.get("question", f"What will {value} be at step {step}?")
        why, plain, label = item.get("why", ""), item.get("plain", ""), item.get("label", "")
        if not all(isinstance(text, str) for text in (question, why, plain, label)):
            add(line, "predict: question, why, plain and label must be strings")
            continue
        uses = item.get("uses", [])
        if not isinstance(uses, list) or not all(isinstance(u, str) for u in uses):
            add(line, "predict: uses must be a list of the recorded values' names")
            continue
        mistakes = _predict_mistakes(item.get("mistakes", {}), float(tolerance))
        if isinstance(mistakes, MistakeProblem):
            table = key_line(lines, line, "mistakes", within="predict") if lines is not None else line
            at = key_line(lines, table, mistakes.key, within="predict") if lines is not None and mistakes.key else table
            add(at, f"predict: mistakes: {mistakes.message}")
            continue
        out.append(Prediction(step, value, question, float(tolerance), why, line, plain, tuple(uses), mistakes, label))
    return tuple(out)


class MistakeProblem(NamedTuple):
    """What is wrong with a `mistakes` table, and the wrong answer it is about ("": the table)."""

    message: str
    key: str = ""


MISTAKES_SHAPE = 'must be a table of wrong answers and what each shows: { "-0.0353" = "that is delta; ..." }'


def _predict_mistakes(table: object, tolerance: float) -> tuple[tuple[float, str], ...] | MistakeProblem:
    """`mistakes = { "-0.0353" = "that is delta; ..." }` as (number, sentence) pairs, as a quiz's
    `mistakes` are written; or what is wrong with it. The run's value is not known here: a named
    answer within the tolerance of it is not caught (it is never said: a right answer gets none)."""
    if not isinstance(table, dict):
        return MistakeProblem(MISTAKES_SHAPE)
    pairs: list[tuple[float, str]] = []
    for wrong, said in table.items():
        if isinstance(said, dict):  # a bare -0.0353 = "..." is the dotted key "-0"."0353" in TOML
            return MistakeProblem(f'put the wrong answer in quotes: "{wrong}.{next(iter(said), "")}" = "..."', wrong)
        try:
            number = float(wrong.strip().replace("−", "-"))
        except ValueError:
            number = math.nan
        if not math.isfinite(number):
            return MistakeProblem(f"{wrong!r} is not a number (the wrong answer, in quotes)", wrong)
        if not isinstance(said, str) or not said.strip():
            return MistakeProblem(f"{wrong!r} needs what that answer shows, as a string", wrong)
        near = next((w for w, _ in pairs if abs(w - number) <= tolerance), None)
        if near is not None:
            return MistakeProblem(f"{wrong!r} is within the tolerance of {near:g}: one of them is never said", wrong)
        pairs.append((number, said.strip()))
    return tuple(pairs)

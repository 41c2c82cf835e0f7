"""The metadata tables of a lesson file: `[params.NAME]`, `[[charts]]`, `[exercises.NAME]` (with the
exercise's cells), `steps`, and the renames `formerly` / `moved_from`. Each reads plain TOML values,
reports a problem through `add(line, message)` and returns the model's dataclasses; parse.py reads
the file and calls them (the instruments' tables are in parse_instruments.py).
"""

from __future__ import annotations

import difflib
import keyword
import math
import re
from collections.abc import Iterator
from typing import Literal

from grok_tui.lesson.model import TUTOR_NAMES, Block, Cell, CellRole, Chart, Exercise, Param, Renamed
from grok_tui.lesson.parse_instruments import Add, key_line, unknown_keys
from grok_tui.lesson.steps import StepsError, check_steps

EXERCISE_ROLES: tuple[CellRole, ...] = ("exercise", "solution", "test")
PARAM_KEYS = {"default", "min", "max", "step", "scale", "choices", "help", "type"}
CHART_KEYS = {"title", "series", "log", "x", "goal", "goal_label", "at", "points", "y_range"}
EXERCISE_KEYS = {"title", "hints", "moved_from", "changes_arguments"}
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def line_of(lines: list[str], pattern: str, default: int = 1) -> int:
    """The first metadata line matching `pattern` (a regex), to point an error at it."""
    rx = re.compile(pattern)
    for i, line in enumerate(lines):
        if line.strip() == "+++" and i > 0:
            break
        if rx.search(line):
            return i + 1
    return default


def steps_expression(value: object, params: set[str], line: int, add: Add) -> str:
    """`steps = "iterations"`: how many steps a run takes, as an expression over the params."""
    if not isinstance(value, str):
        add(line, 'steps must be a string: an expression over the params, e.g. "iterations"')
        return ""
    if value:
        try:
            check_steps(value, params)
        except StepsError as exc:
            add(line, str(exc))
    return value


def params_table(table: object, lines: list[str], add: Add) -> Iterator[Param]:
    if not isinstance(table, dict):
        add(line_of(lines, r"^\s*params\s*="), "params must be a table: [params.NAME]")
        return
    for name, spec in table.items():
        line = line_of(lines, rf"^\s*\[params\.{re.escape(name)}\]", line_of(lines, rf"\b{re.escape(name)}\b"))
        if not IDENT.match(name):
            add(line, f"parameter name {name!r} is not a Python identifier")
            continue
        if keyword.iskeyword(name):  # `lambda = 0.5` is a SyntaxError in the shown code and the export
            add(line, f"parameter name {name!r} is a Python keyword: choose another (e.g. {name}_)")
            continue
        if name in TUTOR_NAMES:
            add(line, f"parameter name {name!r} is the tutor's own {name}() that lessons call: choose another")
            continue
        if isinstance(spec, dict):  # first: a misspelt `default` is named, not reported as missing
            unknown_keys(spec, PARAM_KEYS, f"parameter {name!r}", line, add, lines)
        if not isinstance(spec, dict) or "default" not in spec:
            add(line, f"parameter {name!r} needs at least a default")
            continue
        default = spec["default"]
        choices = spec.get("choices")
        kind = spec.get("type")
        if kind is None:
            kind = (
                "choice"
                if choices
                else "int"
                if isinstance(default, int) and not isinstance(default, bool)
                else "float"
            )
        if kind not in ("float", "int", "choice"):
            add(line, f"parameter {name!r}: type must be float, int or choice")
            continue
        if kind == "choice":
            if not choices or default not in choices:
                add(line, f"parameter {name!r}: a choice needs choices = [...] that include the default")
                continue
            yield Param(
                name, "choice", default, choices=tuple(map(str, choices)), help=str(spec.get("help", "")), line=line
            )
            continue
        lo, hi, step, scale = spec.get("min"), spec.get("max"), spec.get("step"), spec.get("scale", "linear")
        numbers = [v for v in (default, lo, hi, step) if v is not None]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
            add(line, f"parameter {name!r}: default, min, max and step must be numbers")
            continue
        if scale not in ("linear", "log"):
            add(line, f"parameter {name!r}: scale must be 'linear' or 'log'")
            continue
        if lo is not None and hi is not None and lo > hi:
            add(key_line(lines, line, "min"), f"parameter {name!r}: min {lo} is above max {hi}")
            continue
        if step is not None and step <= 0:  # a negative step swapped + and -
            add(key_line(lines, line, "step"), f"parameter {name!r}: step must be above 0 (got {step})")
            continue
        if (lo is not None and default < lo) or (hi is not None and default > hi):
            add(key_line(lines, line, "default"), f"parameter {name!r}: default {default} is outside [{lo}, {hi}]")
            continue
        if scale == "log" and (default <= 0 or (lo is not None and lo <= 0)):
            add(line, f"parameter {name!r}: a log scale needs a positive default and min")
            continue
        number: Literal["int", "float"] = "int" if kind == "int" else "float"  # "choice" went above
        value = int(default) if number == "int" else float(default)
        yield Param(name, number, value, lo, hi, step, scale, help=str(spec.get("help", "")), line=line)


def charts_table(spec: object, params: set[str], lines: list[str], add: Add) -> Iterator[Chart]:
    """The [[charts]]; `params`: the lesson's parameter names, which a chart's goal may name."""
    if spec is None:
        yield Chart("error", ("error",))
        return
    line = line_of(lines, r"^\s*\[\[charts\]\]")
    if not isinstance(spec, list):
        add(line, "charts must be an array of tables: [[charts]]")
        return
    starts = [i + 1 for i, text in enumerate(lines) if re.match(r"^\s*\[\[charts\]\]", text)]
    for n, chart in enumerate(spec):
        line = starts[n] if n < len(starts) else line
        series = chart.get("series") if isinstance(chart, dict) else None
        if not isinstance(series, list) or not series or not all(isinstance(s, str) for s in series):
            if isinstance(chart, dict) and "series" not in chart and any(k not in CHART_KEYS for k in chart):
                unknown_keys(chart, CHART_KEYS, "[[charts]]", line, add, lines)  # `serie = [...]`: named
            add(line, 'each [[charts]] needs series = ["name", ...]')
            continue
        x = chart.get("x", "")
        if not isinstance(x, str):
            add(line, 'a chart\'s x must be the name of a recorded value, e.g. x = "weight"')
            continue
        goal, goal_value = chart.get("goal", ""), None
        if isinstance(goal, (int, float)) and not isinstance(goal, bool) and math.isfinite(goal):
            goal, goal_value = "", float(goal)  # a fixed target (5.2b's 70)
        elif not isinstance(goal, str) or goal not in params | {""}:
            add(
                line,
                f"a chart's goal must be a parameter's name or a number, e.g. goal = \"goal_pred\" or goal = 70 "
                f"(got {goal!r}; the parameters: {', '.join(sorted(params)) or 'none'})",
            )
            continue
        goal_label = chart.get("goal_label", "")
        if not isinstance(goal_label, str) or (goal_label and not (goal or goal_value is not None)):
            add(
                line,
                "a chart's goal_label names its goal line: a string, with a goal, e.g. goal = 0.1, "
                f'goal_label = "chance" (got {goal_label!r})',
            )
            continue
        at = chart.get("at", "")
        if at and (not isinstance(at, str) or at not in params or not x):
            add(
                line,
                f"a chart's at must be a parameter's name, on a chart with an x, e.g. x = \"trial_weight\", "
                f'at = "weight" (got {at!r}; the parameters: {", ".join(sorted(params)) or "none"})',
            )
            continue
        log, points = chart.get("log", False), chart.get("points", False)
        if not isinstance(log, bool) or not isinstance(points, bool):
            # "false" as a string is true to bool(): a teacher's log = "false" drew a log scale
            add(line, f"a chart's log and points must be true or false, without quotes (got {log!r}, {points!r})")
            continue
        y_range = chart.get("y_range")
        if y_range is not None:
            numbers = isinstance(y_range, list) and len(y_range) == 2
            numbers = numbers and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in y_range)
            if not numbers or not all(math.isfinite(v) for v in y_range) or y_range[0] >= y_range[1]:
                add(
                    line,
                    f"a chart's y_range must be two numbers, low then high, e.g. y_range = [0, 1] (got {y_range!r})",
                )
                continue
            if log:
                add(line, "a chart's y_range is for a linear axis: drop it or drop log = true")
                continue
            y_range = (float(y_range[0]), float(y_range[1]))
        unknown_keys(chart, CHART_KEYS, "[[charts]]", line, add, lines)
        title = str(chart.get("title", ", ".join(series)))
        yield Chart(title, tuple(series), log, x, goal, goal_value, goal_label, at=at, points=points, y_range=y_range)


def exercises_table(table: object, blocks: list[Block], lines: list[str], add: Add) -> Iterator[Exercise]:
    cells: dict[str, dict[str, Cell]] = {}
    for block in blocks:
        if isinstance(block, Cell) and block.role in EXERCISE_ROLES:
            parts = cells.setdefault(block.name, {})
            if block.role in parts:
                add(block.line - 1, f"exercise {block.name!r} has two {block.role} cells")
            parts[block.role] = block
    if not isinstance(table, dict):
        add(line_of(lines, r"^\s*exercises\s*="), "exercises must be a table: [exercises.NAME]")
        table = {}
    for name in table:
        if name not in cells:
            near = difflib.get_close_matches(name, sorted(set(cells) - set(table)), n=1, cutoff=0.6)
            add(
                line_of(lines, rf"^\s*\[exercises\.{re.escape(name)}\]"),
                f"exercise {name!r} is described in the metadata but has no cells"
                + (f" (the cells name {near[0]!r}: one of the two is misspelt)" if near else ""),
            )
    for name, parts in cells.items():
        first = min(c.line for c in parts.values()) - 1
        missing = [r for r in EXERCISE_ROLES if r not in parts]
        if missing:
            add(first, f"exercise {name!r} lacks its {' and '.join(missing)} cell(s)")
            continue
        info = table.get(name, {}) if isinstance(table, dict) else {}
        if isinstance(info, dict):
            header = line_of(lines, rf"^\s*\[exercises\.{re.escape(name)}\]", first)
            unknown_keys(info, EXERCISE_KEYS, f"exercise {name!r}", header, add, lines)
        hints = info.get("hints", []) if isinstance(info, dict) else []
        if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
            header = line_of(lines, rf"^\s*\[exercises\.{re.escape(name)}\]", first)
            at = key_line(lines, header, "hints") if header != first else first  # the key's own line
            add(at, f'exercise {name!r}: hints must be a list of strings, e.g. hints = ["First...", "Then..."]')
            hints = []
        title = str(info.get("title", name)) if isinstance(info, dict) else name
        moved = info.get("moved_from") if isinstance(info, dict) else None
        line = line_of(lines, r"^\s*moved_from\s*=", first) if moved is not None else first
        moved_from = renames(moved, "lesson", line, add)
        changes = info.get("changes_arguments", False) if isinstance(info, dict) else False
        if not isinstance(changes, bool):
            add(
                line_of(lines, r"^\s*changes_arguments\s*=", first),
                f"exercise {name!r}: changes_arguments must be true or false",
            )
            changes = False
        yield Exercise(
            name, title, parts["exercise"], parts["solution"], parts["test"], tuple(hints), moved_from, changes
        )


def renames(value: object, id_key: str, line: int, add: Add, own_id: str = "") -> tuple[Renamed, ...]:
    """`formerly` (id_key "id") or an exercise's `moved_from` (id_key "lesson"): one table or a list of
    tables { <id_key> = "7.4", course = 2 } (an exercise may add name = "old_name"), oldest first."""
    if value is None:
        return ()
    key = "formerly" if id_key == "id" else "moved_from"
    example = f'{key} = {{ {id_key} = "7.4", course = 2 }}'
    tables = value if isinstance(value, list) else [value]
    allowed = {id_key, "course"} | ({"name"} if id_key == "lesson" else set())
    out: list[Renamed] = []
    for table in tables:
        if not isinstance(table, dict) or set(table) - allowed or id_key not in table or "course" not in table:
            add(line, f"{key} must be a table (or a list of tables) like {example}")
            return ()
        old, course, name = table[id_key], table["course"], table.get("name", "")
        if not isinstance(old, str) or not old or not isinstance(name, str):
            add(line, f"{key}: {id_key} (and name) must be non-empty strings, e.g. {example}")
            return ()
        if not isinstance(course, int) or isinstance(course, bool) or course < 2:
            add(
                line,
                f"{key}: course must be a whole number >= 2 (the course version that "
                "renumbered it; 1 is the course before any renumbering)",
            )
            return ()
        if old == own_id:
            add(line, f"{key}: {old!r} is this lesson's own id")
            return ()
        out.append(Renamed(course, old, name, line))
    out.sort(key=lambda r: r.course)
    if len({r.course for r in out}) != len(out):
        add(line, f"{key}: two entries for the same course version")
        return ()
    return tuple(out)

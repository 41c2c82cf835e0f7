"""Read a lesson file: TOML metadata between `+++` lines, then Markdown with ```python cells.

Every problem is reported as a LessonError with the file and line it is at; the format itself is
documented in lessons/README.md.
"""

from __future__ import annotations

import re
import stat
import tomllib
from pathlib import Path
from typing import Literal, TypeGuard

from grok_tui.lesson.model import Block, Cell, CellRole, Chart, Exercise, Lesson, LessonError, Param, Prose, Renamed
from grok_tui.lesson.parse_instruments import parse_landscape, parse_network, parse_predictions
from grok_tui.lesson.steps import StepsError, check_steps

ROLES: tuple[CellRole, ...] = ("run", "train", "check", "exercise", "solution", "test")
EXERCISE_ROLES: tuple[CellRole, ...] = ("exercise", "solution", "test")
TOP_KEYS = {
    "id",
    "chapter",
    "chapter_title",
    "title",
    "order",
    "show",
    "panels",
    "pace",
    "params",
    "charts",
    "exercises",
    "try_this",
    "check_with",
    "steps",
    "formerly",
    "network",
    "landscape",
    "predict",
}
INSTRUMENT_PANELS = (("network", "network"), ("landscape", "landscape"), ("predictions", "predict"))
"""A lesson that declares an instrument gets its panel without also naming it in `panels`."""
PARAM_KEYS = {"default", "min", "max", "step", "scale", "choices", "help", "type"}
FENCE = re.compile(r"^(```+|~~~+)\s*(.*)$")
# A fence's words after `python`: bare words, or key=value where the value may be quoted or a JSON
# object/list (jupytext writes a notebook cell's metadata that way, e.g. jupyter={"source_hidden": true}).
INFO_WORD = re.compile(r"""([A-Za-z_][\w.-]*)=("[^"]*"|'[^']*'|\{[^}]*\}|\[[^\]]*\]|\S*)|(\S+)""")
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
BOM = "\ufeff"
MAX_FILE_SIZE = 2_000_000
"""Bytes; a lesson is a few dozen kB, anything far bigger is not a lesson file."""


class _Problems(list[LessonError]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def add(self, line: int, message: str) -> None:
        self.append(LessonError(self.path, line, message))


def compile_cell(cell: Cell, path: Path):
    """Compile a cell so that tracebacks and SyntaxErrors name the lesson file and its real lines."""
    return compile("\n" * (cell.line - 1) + cell.source, str(path), "exec")


def read_lesson_text(path: Path, problems: _Problems) -> str | None:
    """The file's text, read as UTF-8 with or without a byte order mark (Windows editors write one).
    Only a regular file is read: a FIFO or a device would block or never end."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            problems.add(0, f"not a regular file ({file_kind(info.st_mode)}); skipped")
            return None
        if info.st_size > MAX_FILE_SIZE:
            problems.add(
                0,
                f"{info.st_size / 1e6:.1f} MB is too big for a lesson file (at most "
                f"{MAX_FILE_SIZE // 1_000_000} MB); skipped",
            )
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.add(0, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read (save the file as UTF-8)")
        return None


def file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((name for test, name in kinds if test(mode)), "not a plain file")


def parse_lesson(path: Path, text: str | None = None) -> tuple[Lesson | None, list[LessonError]]:
    """Parse one lesson file. Returns the lesson (None if it cannot be used) and its problems."""
    problems = _Problems(path)
    if text is None:
        text = read_lesson_text(path, problems)
        if text is None:
            return None, problems
    lines = text.removeprefix(BOM).splitlines()
    meta, body_start = _front_matter(lines, problems)
    if meta is None:
        return None, problems
    blocks = _blocks(lines, body_start, problems)
    lesson = _build(path, meta, lines, blocks, problems)
    if lesson is not None:
        for cell in lesson.cells:
            try:
                compile_cell(cell, path)
            except SyntaxError as exc:
                problems.add(exc.lineno or cell.line, f"{cell.role} cell does not compile: {exc.msg}")
    return (lesson if not problems else None), problems


def _front_matter(lines: list[str], problems: _Problems) -> tuple[dict | None, int]:
    if not lines or lines[0].strip() != "+++":
        problems.add(1, "a lesson starts with its metadata: a line '+++', TOML, then '+++'")
        return None, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "+++")
    except StopIteration:
        problems.add(1, "the metadata opened by '+++' on line 1 is never closed by another '+++'")
        return None, 0
    try:
        meta = tomllib.loads("\n".join(lines[1:end]))
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+)", str(exc))
        line = int(m.group(1)) + 1 if m else 1
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        problems.add(line, f"metadata is not valid TOML: {reason}")
        return None, 0
    return meta, end + 1


def _blocks(lines: list[str], start: int, problems: _Problems) -> list[Block]:
    blocks: list[Block] = []
    prose: list[str] = []
    prose_line = start + 1
    i = start
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if not prose:
                prose_line = i + 1
            prose.append(lines[i])
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        close = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), None)
        if close is None:
            problems.add(i + 1, f"code block opened with {fence} is never closed")
            break
        if not info or info[0] != "python":
            # Any other fenced block (text, output, a diagram) is part of the prose.
            if not prose:
                prose_line = i + 1
            prose.extend(lines[i : close + 1])
            i = close + 1
            continue
        if "".join(prose).strip():
            blocks.append(Prose("\n".join(prose).strip("\n"), prose_line))
        prose = []
        role, name, error = fence_role(m.group(2).strip()[len("python") :])
        if error or not role:  # no role exactly when there is an error
            problems.add(i + 1, error)
        elif role in EXERCISE_ROLES and not name:
            problems.add(i + 1, f"a {role} cell needs the exercise's name: ```python {role} NAME")
        else:
            blocks.append(Cell(role, "\n".join(lines[i + 1 : close]), i + 2, name))
        i = close + 1
    if "".join(prose).strip():
        blocks.append(Prose("\n".join(prose).strip("\n"), prose_line))
    return blocks


def _is_role(word: str) -> TypeGuard[CellRole]:
    return word in ROLES


def fence_role(info: str) -> tuple[CellRole | Literal[""], str, str]:
    """The role and exercise name of a ```python fence from the words after `python`: (role, name,
    error). The role and the name may come in either order, and the name also as name=NAME, because a
    notebook round trip (jupytext, then Jupyter saving with its keys sorted) writes them that way.
    Other key=value words are a notebook's own cell metadata (tags, collapsed...) and are ignored."""
    words: list[str] = []
    name = ""
    for m in INFO_WORD.finditer(info):
        if m.group(3) is not None:
            words.append(m.group(3))
        elif m.group(1) == "name":
            name = m.group(2).strip("\"'")
    roles = [w for w in words if _is_role(w)]
    others = [w for w in words if w not in ROLES]
    if not roles:
        if others:
            return "", "", f"unknown cell role {others[0]!r}; use one of: {', '.join(ROLES)}"
        return "run", name, ""
    if len(roles) > 1:
        return "", "", f"a cell has one role, this fence names {len(roles)}: {' '.join(roles)}"
    if others:
        if name or len(others) > 1:
            return (
                "",
                "",
                f"a {roles[0]} cell names one exercise, this fence names: "
                f"{' '.join(others + ([name] if name else []))}",
            )
        name = others[0]
    return roles[0], name, ""


def _line_of(lines: list[str], pattern: str, default: int = 1) -> int:
    """The first metadata line matching `pattern` (a regex), to point an error at it."""
    rx = re.compile(pattern)
    for i, line in enumerate(lines):
        if line.strip() == "+++" and i > 0:
            break
        if rx.search(line):
            return i + 1
    return default


def _build(path: Path, meta: dict, lines: list[str], blocks: list[Block], problems: _Problems) -> Lesson | None:
    def where(key: str) -> int:
        return _line_of(lines, rf"^\s*{re.escape(key)}\s*=")

    for key in meta:
        if key not in TOP_KEYS:
            problems.add(where(key), f"unknown metadata key {key!r}; known keys: {', '.join(sorted(TOP_KEYS))}")
    for key in ("id", "chapter", "title"):
        if key not in meta:
            problems.add(2, f"metadata needs {key!r}")
    if problems:
        return None
    lesson_id = str(meta["id"])
    chapter = meta["chapter"]
    if not isinstance(chapter, int):
        problems.add(where("chapter"), "chapter must be a whole number")
        return None
    order = meta.get("order")
    if order is None:
        tail = lesson_id.rpartition(".")[2]
        order = float(tail) if tail.replace(".", "", 1).isdigit() else 0.0
    params = tuple(_params(meta.get("params", {}), lines, problems))
    charts = tuple(_charts(meta.get("charts"), lines, problems))
    exercises = tuple(_exercises(meta.get("exercises", {}), blocks, lines, problems, path))
    show, panels, try_this = (meta.get(k, []) for k in ("show", "panels", "try_this"))
    for key, value in (("show", show), ("panels", panels), ("try_this", try_this)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.add(where(key), f"{key} must be a list of strings")
    pace = meta.get("pace", 10.0)
    if not isinstance(pace, (int, float)) or pace < 0:
        problems.add(where("pace"), "pace must be a number of steps per second (0 = as fast as possible)")
    check_with = meta.get("check_with", [])
    if not isinstance(check_with, list) or not all(isinstance(c, dict) for c in check_with):
        problems.add(where("check_with"), "check_with must be a list of tables of parameter values")
        check_with = []
    known = {p.name for p in params}
    for case in check_with:
        for name in case:
            if name not in known:
                problems.add(where("check_with"), f"check_with names {name!r}, which is not a parameter")
    steps = _steps(meta.get("steps", ""), known, where("steps"), problems)
    formerly = renames(meta.get("formerly"), "id", where("formerly"), problems, lesson_id)
    if not any(isinstance(b, Cell) for b in blocks):
        problems.add(len(lines) or 1, "a lesson needs at least one ```python cell")
    instruments = _instruments(meta, lines, problems)
    if problems:
        return None
    panels = list(panels) + [p for key, p in INSTRUMENT_PANELS if instruments[key] and p not in panels]
    return Lesson(
        id=lesson_id,
        chapter=chapter,
        chapter_title=str(meta.get("chapter_title", "")),
        title=str(meta["title"]),
        order=float(order),
        path=path,
        blocks=tuple(blocks),
        params=params,
        charts=charts,
        show=tuple(show),
        panels=tuple(panels),
        pace=float(pace),
        exercises=exercises,
        try_this=tuple(try_this),
        check_with=tuple(check_with),
        steps=steps,
        formerly=formerly,
        **instruments,
    )


def _instruments(meta: dict, lines: list[str], problems: _Problems) -> dict:
    """The `[network]`, `[landscape]` and `[[predict]]` tables (grok_tui/lesson/parse_instruments.py)."""
    predict_lines = [i + 1 for i, line in enumerate(lines) if re.match(r"^\s*\[\[predict\]\]", line)]
    return {
        "network": parse_network(meta.get("network"), _line_of(lines, r"^\s*\[network\]"), problems.add),
        "landscape": parse_landscape(meta.get("landscape"), _line_of(lines, r"^\s*\[landscape\]"), problems.add),
        "predictions": parse_predictions(
            meta.get("predict"), lambda i: predict_lines[i] if i < len(predict_lines) else 1, problems.add
        ),
    }


def _steps(value: object, params: set[str], line: int, problems: _Problems) -> str:
    """`steps = "iterations"`: how many steps a run takes, as an expression over the params."""
    if not isinstance(value, str):
        problems.add(line, 'steps must be a string: an expression over the params, e.g. "iterations"')
        return ""
    if value:
        try:
            check_steps(value, params)
        except StepsError as exc:
            problems.add(line, str(exc))
    return value


def _params(table: object, lines: list[str], problems: _Problems):
    if not isinstance(table, dict):
        problems.add(_line_of(lines, r"^\s*params\s*="), "params must be a table: [params.NAME]")
        return
    for name, spec in table.items():
        line = _line_of(lines, rf"^\s*\[params\.{re.escape(name)}\]", _line_of(lines, rf"\b{re.escape(name)}\b"))
        if not IDENT.match(name):
            problems.add(line, f"parameter name {name!r} is not a Python identifier")
            continue
        if not isinstance(spec, dict) or "default" not in spec:
            problems.add(line, f"parameter {name!r} needs at least a default")
            continue
        for key in spec:
            if key not in PARAM_KEYS:
                problems.add(line, f"parameter {name!r}: unknown key {key!r} ({', '.join(sorted(PARAM_KEYS))})")
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
            problems.add(line, f"parameter {name!r}: type must be float, int or choice")
            continue
        if kind == "choice":
            if not choices or default not in choices:
                problems.add(line, f"parameter {name!r}: a choice needs choices = [...] that include the default")
                continue
            yield Param(
                name, "choice", default, choices=tuple(map(str, choices)), help=str(spec.get("help", "")), line=line
            )
            continue
        lo, hi, step, scale = spec.get("min"), spec.get("max"), spec.get("step"), spec.get("scale", "linear")
        numbers = [v for v in (default, lo, hi, step) if v is not None]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in numbers):
            problems.add(line, f"parameter {name!r}: default, min, max and step must be numbers")
            continue
        if scale not in ("linear", "log"):
            problems.add(line, f"parameter {name!r}: scale must be 'linear' or 'log'")
            continue
        if (lo is not None and default < lo) or (hi is not None and default > hi):
            problems.add(line, f"parameter {name!r}: default {default} is outside [{lo}, {hi}]")
            continue
        if scale == "log" and (default <= 0 or (lo is not None and lo <= 0)):
            problems.add(line, f"parameter {name!r}: a log scale needs a positive default and min")
            continue
        number: Literal["int", "float"] = "int" if kind == "int" else "float"  # "choice" went above
        value = int(default) if number == "int" else float(default)
        yield Param(name, number, value, lo, hi, step, scale, help=str(spec.get("help", "")), line=line)


def _charts(spec: object, lines: list[str], problems: _Problems):
    if spec is None:
        yield Chart("error", ("error",))
        return
    line = _line_of(lines, r"^\s*\[\[charts\]\]")
    if not isinstance(spec, list):
        problems.add(line, "charts must be an array of tables: [[charts]]")
        return
    for chart in spec:
        series = chart.get("series") if isinstance(chart, dict) else None
        if not isinstance(series, list) or not series or not all(isinstance(s, str) for s in series):
            problems.add(line, 'each [[charts]] needs series = ["name", ...]')
            continue
        x = chart.get("x", "")
        if not isinstance(x, str):
            problems.add(line, 'a chart\'s x must be the name of a recorded value, e.g. x = "weight"')
            continue
        yield Chart(str(chart.get("title", ", ".join(series))), tuple(series), bool(chart.get("log", False)), x)


def _exercises(table: object, blocks: list[Block], lines: list[str], problems: _Problems, path: Path):
    cells: dict[str, dict[str, Cell]] = {}
    for block in blocks:
        if isinstance(block, Cell) and block.role in EXERCISE_ROLES:
            parts = cells.setdefault(block.name, {})
            if block.role in parts:
                problems.add(block.line - 1, f"exercise {block.name!r} has two {block.role} cells")
            parts[block.role] = block
    if not isinstance(table, dict):
        problems.add(_line_of(lines, r"^\s*exercises\s*="), "exercises must be a table: [exercises.NAME]")
        table = {}
    for name in table:
        if name not in cells:
            problems.add(
                _line_of(lines, rf"^\s*\[exercises\.{re.escape(name)}\]"),
                f"exercise {name!r} is described in the metadata but has no cells",
            )
    for name, parts in cells.items():
        first = min(c.line for c in parts.values()) - 1
        missing = [r for r in EXERCISE_ROLES if r not in parts]
        if missing:
            problems.add(first, f"exercise {name!r} lacks its {' and '.join(missing)} cell(s)")
            continue
        info = table.get(name, {}) if isinstance(table, dict) else {}
        hints = info.get("hints", []) if isinstance(info, dict) else []
        if not isinstance(hints, list) or not all(isinstance(h, str) for h in hints):
            problems.add(first, f"exercise {name!r}: hints must be a list of strings")
            hints = []
        title = str(info.get("title", name)) if isinstance(info, dict) else name
        moved = info.get("moved_from") if isinstance(info, dict) else None
        line = _line_of(lines, r"^\s*moved_from\s*=", first) if moved is not None else first
        moved_from = renames(moved, "lesson", line, problems)
        yield Exercise(name, title, parts["exercise"], parts["solution"], parts["test"], tuple(hints), moved_from)


def renames(value: object, id_key: str, line: int, problems: _Problems, own_id: str = "") -> tuple[Renamed, ...]:
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
            problems.add(line, f"{key} must be a table (or a list of tables) like {example}")
            return ()
        old, course, name = table[id_key], table["course"], table.get("name", "")
        if not isinstance(old, str) or not old or not isinstance(name, str):
            problems.add(line, f"{key}: {id_key} (and name) must be non-empty strings, e.g. {example}")
            return ()
        if not isinstance(course, int) or isinstance(course, bool) or course < 2:
            problems.add(
                line,
                f"{key}: course must be a whole number >= 2 (the course version that "
                "renumbered it; 1 is the course before any renumbering)",
            )
            return ()
        if old == own_id:
            problems.add(line, f"{key}: {old!r} is this lesson's own id")
            return ()
        out.append(Renamed(course, old, name, line))
    out.sort(key=lambda r: r.course)
    if len({r.course for r in out}) != len(out):
        problems.add(line, f"{key}: two entries for the same course version")
        return ()
    return tuple(out)

"""Read a lesson file: TOML metadata between `+++` lines, then Markdown with ```python cells.

Every problem is reported as a LessonError with the file and line it is at; the format itself is
documented in lessons/README.md.
"""

from __future__ import annotations

import re
import stat
import tomllib
import warnings
from collections.abc import Callable
from pathlib import Path

from grok_tui.lesson.body import AFTER_QUESTIONS, body_blocks
from grok_tui.lesson.cell_lint import compile_message, exercise_tab, params_set_again
from grok_tui.lesson.model import Block, Cell, Lesson, LessonError
from grok_tui.lesson.params import step_problem
from grok_tui.lesson.parse_advice import STUCK_ADVICE_MAX, stuck_at_value, stuck_by_param
from grok_tui.lesson.parse_instruments import did_you_mean, key_line, parse_landscape, parse_network, parse_predictions
from grok_tui.lesson.parse_tables import (
    charts_table,
    exercises_table,
    line_of,
    params_table,
    renames,
    steps_expression,
)
from grok_tui.toml_errors import toml_problem

TRY_THIS_MAX = 3
"""Suggestions a lesson's try-this box holds (lessons/README.md)."""

TOP_KEYS = {
    "id",
    "chapter",
    "chapter_title",
    "title",
    "order",
    "show",
    "strip",
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
    "nan_advice",
    "stuck_advice",
    "stuck_advice_by_param",
    "stuck_advice_at",
    "diverged_advice_at",
    "growth_advice",
    "step_name",
}
INSTRUMENT_PANELS = (("network", "network"), ("landscape", "landscape"), ("predictions", "predict"))
"""A lesson that declares an instrument gets its panel without also naming it in `panels`."""
STEP_NAME = re.compile(r"[a-z][a-z ]{0,19}")
"""What one step of a run is (`step_name`): it names the charts' step axis ("accuracy by epoch")."""
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
    """Compile a cell so that tracebacks and SyntaxErrors name the lesson file and its real lines.
    Python's SyntaxWarnings are kept quiet: printed raw, they landed above `check`'s results (and on
    the tutor's screen); the slip they warn of (`assert (x, "msg")`) is said by cell_lint instead."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
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
    markers: list[tuple[int, bool]] = []
    blocks = body_blocks(lines, body_start, problems.add, markers)
    lesson = _build(path, meta, lines, blocks, problems, markers)
    if lesson is not None:
        for cell in lesson.cells:
            try:
                compile_cell(cell, path)
            except SyntaxError as exc:
                problems.add(*compile_message(cell, exc))
            else:
                if tab := exercise_tab(cell):
                    problems.add(*tab)
        for line, message in params_set_again(lesson.cells, {p.name for p in lesson.params}):
            problems.add(line, message)
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
        at, reason = toml_problem(exc)
        problems.add(at + 1 if at else 1, f"metadata is not valid TOML: {reason}")
        return None, 0
    return meta, end + 1


def _short_advice(key: str, value: object, where: Callable[[str], int], problems: _Problems) -> str:
    """A status-line advice: a string of at most STUCK_ADVICE_MAX characters ("" if it is no string)."""
    if not isinstance(value, str):
        problems.add(where(key), f"{key} must be a string")
        return ""
    if len(value) > STUCK_ADVICE_MAX:
        problems.add(
            where(key), f"{key} must fit 80 columns: at most {STUCK_ADVICE_MAX} characters (it has {len(value)})"
        )
    return value


def _key_line(lines: list[str], table: str, key: str) -> int:
    """The line of `key` (quoted or bare) in the inline table `table = {...}` or the table [table],
    else the table's line."""
    start = line_of(lines, rf"^\s*({re.escape(table)}\s*=|\[{re.escape(table)}\])")
    inline = not lines[start - 1].lstrip().startswith("[")
    named = re.compile(rf"""(["']){re.escape(key)}\1\s*=|(^|[{{,])\s*{re.escape(key)}\s*=""")
    for i in range(start - 1, start if inline else len(lines)):
        if i > start - 1 and (lines[i].strip() == "+++" or lines[i].lstrip().startswith("[")):
            break
        if key and named.search(lines[i]):
            return i + 1
    return start


def _build(
    path: Path, meta: dict, lines: list[str], blocks: list[Block], problems: _Problems, markers: list[tuple[int, bool]]
) -> Lesson | None:
    def where(key: str) -> int:
        return line_of(lines, rf"^\s*{re.escape(key)}\s*=")

    for key in meta:
        if key not in TOP_KEYS:
            problems.add(
                where(key),
                f"unknown metadata key {key!r}{did_you_mean(key, TOP_KEYS)}; known keys: {', '.join(sorted(TOP_KEYS))}",
            )
    for key in ("id", "chapter", "title"):
        if key not in meta:
            problems.add(2, f"metadata needs {key!r}")
    if problems:
        return None
    lesson_id = meta["id"]
    if not isinstance(lesson_id, str) or not lesson_id or lesson_id != "".join(lesson_id.split()):
        read = f"TOML read {lesson_id!r}: " if not isinstance(lesson_id, str) else ""
        problems.add(where("id"), f'{read}id must be text in quotes, without spaces, e.g. id = "9.10"')
        return None
    chapter = meta["chapter"]
    if not isinstance(chapter, int):
        problems.add(where("chapter"), "chapter must be a whole number")
        return None
    order = meta.get("order")
    if order is None:
        tail = lesson_id.rpartition(".")[2]
        order = float(tail) if tail.replace(".", "", 1).isdigit() else 0.0
    params = tuple(params_table(meta.get("params", {}), lines, problems.add))
    for param in params:
        if problem := step_problem(param):
            problems.add(key_line(lines, param.line, "step"), problem)
    charts = tuple(charts_table(meta.get("charts"), {p.name for p in params}, lines, problems.add))
    exercises = tuple(exercises_table(meta.get("exercises", {}), blocks, lines, problems.add))
    show, strip, panels, try_this = (meta.get(k, []) for k in ("show", "strip", "panels", "try_this"))
    for key, value in (("show", show), ("strip", strip), ("panels", panels), ("try_this", try_this)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.add(where(key), f"{key} must be a list of strings")
    if isinstance(try_this, list) and len(try_this) > TRY_THIS_MAX:  # the docs said 1-3; 4 passed
        problems.add(where("try_this"), f"try_this holds 1 to {TRY_THIS_MAX} suggestions (it has {len(try_this)})")
    nan_advice, stuck_advice, growth_advice = (meta.get(k, "") for k in ("nan_advice", "stuck_advice", "growth_advice"))
    if not isinstance(nan_advice, str):
        problems.add(where("nan_advice"), "nan_advice must be a string")
        nan_advice = ""
    elif nan_advice.lower().startswith("nan"):  # the status line says it: "loss became nan  nan: ..."
        problems.add(where("nan_advice"), 'nan_advice follows "... became nan": do not begin it with "nan" again')
    # each shares the status line with the error it is about ("stuck at 1", "0.64 -> 2.3e+07")
    stuck_advice = _short_advice("stuck_advice", stuck_advice, where, problems)
    growth_advice = _short_advice("growth_advice", growth_advice, where, problems)
    # the params the file declares, parsed or not: one with a bad default was also said to be unknown
    declared = set(meta["params"]) if isinstance(meta.get("params"), dict) else set()
    by_param = stuck_by_param(meta.get("stuck_advice_by_param", {}), declared)
    if isinstance(by_param, str):
        problems.add(where("stuck_advice_by_param"), by_param)
        by_param = ()
    at_value, wrong = stuck_at_value(meta.get("stuck_advice_at", {}), {p.name: p for p in params}, declared)
    for key, message in wrong:
        problems.add(_key_line(lines, "stuck_advice_at", key), message)
    diverged_at, wrong = stuck_at_value(
        meta.get("diverged_advice_at", {}), {p.name: p for p in params}, declared, "diverged_advice_at"
    )
    for key, message in wrong:
        problems.add(_key_line(lines, "diverged_advice_at", key), message)
    step_name = meta.get("step_name", "")
    if not isinstance(step_name, str) or (step_name and not STEP_NAME.fullmatch(step_name)):
        problems.add(where("step_name"), 'step_name must be a short singular noun in lower case, e.g. "epoch"')
        step_name = ""
    pace = meta.get("pace", 10.0)
    if not isinstance(pace, (int, float)) or pace < 0:
        problems.add(where("pace"), "pace must be a number of steps per second (0 = as fast as possible)")
    check_with = meta.get("check_with", [])
    if not isinstance(check_with, list) or not all(isinstance(c, dict) for c in check_with):
        problems.add(where("check_with"), "check_with must be a list of tables of parameter values")
        check_with = []
    # Declared, even where its table has a problem of its own (a default out of range): that problem
    # is reported once, not again as "check_with names 'beta', which is not a parameter".
    declared = meta.get("params", {})
    known = {p.name for p in params} | (set(declared) if isinstance(declared, dict) else set())
    for case in check_with:
        for name in case:
            if name not in known:
                problems.add(where("check_with"), f"check_with names {name!r}, which is not a parameter")
    steps = steps_expression(meta.get("steps", ""), known, where("steps"), problems.add)
    formerly = renames(meta.get("formerly"), "id", where("formerly"), problems.add, lesson_id)
    if not any(isinstance(b, Cell) for b in blocks):
        problems.add(len(lines) or 1, "a lesson needs at least one ```python cell")
    instruments = _instruments(meta, lines, problems)
    for line, folds in markers:
        if "predict" not in meta:  # (a [[predict]] with a problem of its own is reported once, as that)
            problems.add(
                line,
                f"{AFTER_QUESTIONS} folds the text after it until the run's questions are answered, "
                "but this lesson asks none (add [[predict]] tables, or remove the line)",
            )
        elif not folds:  # a teacher put it below the text it was to fold, or above a cell
            problems.add(
                line,
                f"{AFTER_QUESTIONS} is followed by no text before the next code cell, so it folds nothing: "
                "put it right above the text that gives the answers away",
            )
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
        strip=tuple(strip),
        panels=tuple(panels),
        pace=float(pace),
        exercises=exercises,
        try_this=tuple(try_this),
        nan_advice=nan_advice,
        growth_advice=growth_advice,
        stuck_advice=stuck_advice,
        stuck_advice_by_param=by_param,
        stuck_advice_at=at_value,
        diverged_advice_at=diverged_at,
        step_name=step_name,
        check_with=tuple(check_with),
        steps=steps,
        formerly=formerly,
        **instruments,
    )


def _instruments(meta: dict, lines: list[str], problems: _Problems) -> dict:
    """The `[network]`, `[landscape]` and `[[predict]]` tables (grok_tui/lesson/parse_instruments.py)."""
    predict_lines = [i + 1 for i, line in enumerate(lines) if re.match(r"^\s*\[\[predict\]\]", line)]
    return {
        "network": parse_network(meta.get("network"), line_of(lines, r"^\s*\[network\]"), problems.add),
        "landscape": parse_landscape(meta.get("landscape"), line_of(lines, r"^\s*\[landscape\]"), problems.add),
        "predictions": parse_predictions(
            meta.get("predict"), lambda i: predict_lines[i] if i < len(predict_lines) else 1, problems.add, lines
        ),
    }

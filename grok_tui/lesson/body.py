"""A lesson's body: the Markdown after its front matter, cut into prose and ```python cells by
their fences (the front matter and what the metadata means are parse.py's)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal, TypeGuard

from grok_tui.lesson.model import Block, Cell, CellRole, Prose
from grok_tui.lesson.parse_instruments import did_you_mean
from grok_tui.lesson.parse_tables import EXERCISE_ROLES

ROLES: tuple[CellRole, ...] = ("run", "train", "check", "exercise", "solution", "test")
"""What a ```python cell can be, the word after `python` (none: run)."""
FENCE = re.compile(r"^(```+|~~~+)\s*(.*)$")
INDENTED_CELL = re.compile(r"^([ \t]+)(```+|~~~+)\s*python(\s|$)")
"""A ```python fence with spaces before it: natural inside a list item, where it was silently prose."""
AFTER_QUESTIONS = "<!-- after the questions -->"
"""A line of prose: what follows it, up to the next code cell, answers the run's questions."""
_AFTER_QUESTIONS = re.compile(r"^\s*<!--\s*after the questions\s*-->\s*$")
# A fence's words after `python`: bare words, or key=value where the value may be quoted or a JSON
# object/list (jupytext writes a notebook cell's metadata that way, e.g. jupyter={"source_hidden": true}).
INFO_WORD = re.compile(r"""([A-Za-z_][\w.-]*)=("[^"]*"|'[^']*'|\{[^}]*\}|\[[^\]]*\]|\S*)|(\S+)""")


def body_blocks(
    lines: list[str], start: int, problem: Callable[[int, str], None], markers: list[tuple[int, bool]]
) -> list[Block]:
    """The body's prose and cells, from line index `start`; each problem goes to `problem(line, message)`.
    `markers` gets each AFTER_QUESTIONS line and whether any prose follows it to fold: one right
    before a code cell left no block, and its error went unsaid."""
    blocks: list[Block] = []
    prose: list[str] = []
    prose_line = start + 1
    after = False

    def flush() -> None:
        text = "".join(prose).strip()
        if after:
            markers[-1] = (markers[-1][0], bool(text))
        if text:
            blocks.append(Prose("\n".join(prose).strip("\n"), prose_line, after))

    i = start
    while i < len(lines):
        m = FENCE.match(lines[i])
        indented = INDENTED_CELL.match(lines[i])
        if indented:
            spaces = len(indented.group(1).expandtabs(4))
            problem(
                i + 1,
                f"this ```python fence is indented {spaces} space{'s' if spaces != 1 else ''}: a cell's fences "
                "start at the line's start (inside a list item it would be prose)",
            )
            # its closing fence, indented or not, is no opener of another block ("never closed")
            fence = indented.group(2)
            i = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), len(lines)) + 1
            continue
        if not m:
            if _AFTER_QUESTIONS.match(lines[i]):  # the rest of this prose waits for the answers
                flush()
                markers.append((i + 1, False))
                prose, after, prose_line = [], True, i + 2
                i += 1
                continue
            if not prose:
                prose_line = i + 1
            prose.append(lines[i])
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        close = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == fence), None)
        if close is None:
            problem(i + 1, f"code block opened with {fence} is never closed")
            break
        if info and info[0] != "python" and any(word in ROLES for word in info[1:]):
            # ```py train showed as prose, and only a check cell's IndexError said something was wrong
            problem(i + 1, f"only ```python cells run: write ```python {' '.join(info[1:])}, not ```{info[0]}")
        if not info or info[0] != "python":
            # Any other fenced block (text, output, a diagram) is part of the prose.
            if not prose:
                prose_line = i + 1
            prose.extend(lines[i : close + 1])
            i = close + 1
            continue
        flush()
        prose, after = [], False
        opener = _fence_inside(lines, i + 1, close)
        if opener is not None:
            # A cell's closing fence left out: the cell ran on through the prose to the next cell's
            # closing fence, and the only word was a compile error at some prose line.
            problem(
                opener + 1,
                f"a fence that opens a block ({lines[opener].strip()}) inside the ```python cell of line "
                f"{i + 1}: that cell's closing {fence} is missing; close it before this line",
            )
            i = opener
            continue
        role, name, error = fence_role(m.group(2).strip()[len("python") :])
        if error or not role:  # no role exactly when there is an error
            problem(i + 1, error)
        elif role in EXERCISE_ROLES and not name:
            problem(i + 1, f"a {role} cell needs the exercise's name: ```python {role} NAME")
        else:
            blocks.append(Cell(role, "\n".join(lines[i + 1 : close]), i + 2, name))
        i = close + 1
    flush()
    return blocks


def _fence_inside(lines: list[str], start: int, end: int) -> int | None:
    """The index of the first line in lines[start:end] that opens a fenced block (a fence with a word
    after it: a closing fence has none), or None."""
    for j in range(start, end):
        m = FENCE.match(lines[j])
        if m and m.group(2).strip():
            return j
    return None


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
            near = did_you_mean(others[0], set(ROLES))
            return "", "", f"unknown cell role {others[0]!r}{near}; use one of: {', '.join(ROLES)}"
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

"""A lesson as a Jupyter notebook (.ipynb) or a script (.py, jupytext's percent
format) that runs top to bottom in a plain Python kernel, without the tutor.

What the tutor provides to lesson code (the parameters, `step()`, `recorded()`) is defined by a first
cell, so the lesson's own code is exported unchanged (code shown = code run). An exercise becomes,
as the tutor runs it: the learner's cell (their code as saved in the tutor, else the stub); its test,
run on that code beside it, which prints "NAME: every test passed" or "NAME: a test failed: ..."
(never a traceback that stops the run) and records the outcome, with the lesson's names restored
after it; then the reference solution in a collapsed cell, defined only if the test failed. So the
rest of the lesson runs either way, with the learner's function once it passes (the tutor's rule),
and what the test cell prints is about the learner's code, not the reference. The notebook JSON is
written by hand (format 4.5) so exporting needs no Jupyter package; the tests validate it with
nbformat and run it with nbclient.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Mapping

from grok_tui.cli.export_prelude import prelude
from grok_tui.lesson.model import Cell, Exercise, Lesson, Param, Prose

FORMATS = ("ipynb", "py")


def _param_line(param: Param, values: Mapping[str, object]) -> str:
    """`alpha = 0.1  # ...`: the learner's value where the tutor keeps one (the code view's "# default
    1.0" said too), else the lesson's default."""
    comment = [param.help] if param.help else []
    if param.name in values:
        comment.insert(0, f"yours from grok-tui; the lesson's default is {param.default!r}")
    if param.choices:
        comment.append("one of " + ", ".join(map(repr, param.choices)))
    elif param.min is not None or param.max is not None:
        comment.append(f"from {param.min} to {param.max}")
    text = f"{param.name} = {values.get(param.name, param.default)!r}"
    return text + (f"  # {'; '.join(comment)}" if comment else "")


def _setup_source(lesson: Lesson, values: Mapping[str, object]) -> str:
    lines = [prelude().rstrip("\n"), ""]
    if lesson.params:
        lines += ["", "# The lesson's parameters: change them and run the notebook again."]
        lines += [_param_line(p, values) for p in lesson.params]
    return "\n".join(lines).rstrip("\n") + "\n"


def _indented(source: str) -> str:
    """A cell's code as the body of a block (`pass` for none)."""
    return textwrap.indent(source.rstrip("\n") or "pass", "    ")


def _test_source(exercise: Exercise) -> str:
    """The test where the tutor runs it: beside the function, in the same namespace (a test may rebind
    names the function looks up, as 7.4's gradient check does with `activation`); the lesson's own
    names are put back afterwards, so the cells after it see the lesson as it was. Any exception
    (the learner's code raising counts) is a failure told in a line or two: the run goes on. The
    outcome is kept in `_tests_passed`, a dict whose identity the restore leaves alone."""
    name = exercise.name
    body = _indented(exercise.test.source)
    # the tutor's rule: a function that changes its arguments fails (6.3's relu zeroing x in place
    # passed here, and the lesson then ran on a changed array); 6.5's learn is meant to
    from grok_tui.engine.exercises import guarded  # only when exporting: the parsers import this module

    functions = guarded(exercise)
    guard = f"    _unchanging_all({functions!r})\n" if functions else ""
    return (
        f"# The test of {name}, run on the code above. It may rebind names; the lesson's come back after it.\n"
        f"_lesson_names = dict(globals())\n"
        f"try:\n{guard}{body}\n"
        f"except Exception as _error:\n"
        f'    _tests_passed["{name}"] = False\n'
        f'    print(f"{name}: a test failed: {{_failure(_error)}}")\n'
        f"else:\n"
        f'    _tests_passed["{name}"] = True\n'
        f'    print("{name}: every test passed")\n'
        f"finally:\n"
        f"    globals().update(_lesson_names)  # what the test rebound gets its lesson value back\n"
    )


def _solution_source(exercise: Exercise) -> str:
    """The reference, defined only when the test above failed (or was not run): the lesson's later
    cells then run with it, and once the learner's code passes, with theirs, as in the tutor. Indented
    as an editor would (a docstring's lines too: 7.4's backprop)."""
    name = exercise.name
    reference = _indented(exercise.solution.source)
    return (
        f"# The reference solution of {name}. It is defined only if the test above failed, in place of\n"
        f"# your code, so that the rest of the lesson runs; once your code passes, the lesson uses yours.\n"
        f'if not _tests_passed.get("{name}"):\n'
        f"{reference}\n"
    )


def _exercise_intro(exercise: Exercise, theirs: bool) -> str:
    text = [
        f"**Exercise: {exercise.title}** (`{exercise.name}`)",
        "",
        (
            "Your code, as you left it in grok-tui, is in the next cell."
            if theirs
            else "Write your code in the next cell (it starts as a stub that fails the test)."
        ),
        "",
        "The cell under it tests that code and prints `"
        + exercise.name
        + ": every test passed` or `"
        + exercise.name
        + ": a test failed: ...` with the reason. "
        "Then a cell holds the reference solution (collapsed, in a notebook): it is used only if the test failed, "
        "in place of your code, so that the rest of the lesson runs. "
        "Once your code passes, the lesson runs with yours, as in grok-tui.",
    ]
    if exercise.hints:
        text += ["", "<details><summary>Hints</summary>", ""]
        text += [f"{i}. {hint}" for i, hint in enumerate(exercise.hints, start=1)]
        text += ["", "</details>"]
    return "\n".join(text)


def _learner_cell(exercise: Exercise, code: str) -> str:
    """The learner's saved code, under a line that says whose it is. Code Python cannot read yet (a
    draft is saved as it is typed) is kept as comments: a syntax error would stop the whole script
    before its first line, and "run all" at that cell."""
    header = f"# Your code for {exercise.name}, as you left it in grok-tui."
    code = code.rstrip("\n")
    try:
        compile(code, exercise.name, "exec")
    except (SyntaxError, ValueError) as exc:
        where = f"line {exc.lineno}: " if isinstance(exc, SyntaxError) and exc.lineno else ""
        reason = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        commented = "\n".join(("# " + line).rstrip() for line in code.splitlines())
        return f"{header}\n# Python cannot read it yet ({where}{reason}), so it is kept as comments.\n{commented}"
    return f"{header}\n{code}"


def _title_cell(lesson: Lesson) -> str:
    """The lesson's title, what the file needs to run, and how to read a text written for the tutor:
    a teacher's trial found its keys and panes named in 29 of the lessons, and the need for
    scikit-learn and matplotlib said nowhere."""
    digits = any("sklearn" in cell.source for cell in lesson.cells)
    needs = ["numpy"] + (["scikit-learn (the digits)"] if digits else [])
    charts = " The charts need matplotlib (without it, each is a few printed lines)." if lesson.charts else ""
    return (
        f"# {lesson.id} {lesson.title}\n\n"
        f"Chapter {lesson.chapter}: {lesson.chapter_title}. Exported from grok-tui; runs from top to "
        f"bottom in a plain Python kernel with {' and '.join(needs)}.{charts}\n\n"
        "The text was written for the tutor. Where it says to press a key (`space` runs, `s` steps, "
        "`+` and `-` change a parameter) or points to a part of its screen (the lab, the strip under "
        "the text, a question), run the cells instead"
        + (", and change the parameters at the end of the first code cell." if lesson.params else ".")
    )


STEP_CALL = re.compile(r"(?<![\w.])step\(")
"""A call of step itself: not pred_at_step( or run.step(."""


def _records_steps(cell: Cell) -> bool:
    """Whether `cell` is where the run's steps are recorded, so the charts follow it: a train cell, or
    a cell of the lesson's run that calls step. A check cell's `pred_at_step(` put 4.5's two charts
    at the very end, after its checks."""
    return cell.role == "train" or (cell.role in ("run", "exercise") and STEP_CALL.search(cell.source) is not None)


def cells(
    lesson: Lesson, learner_code: Mapping[str, str] | None = None, values: Mapping[str, object] | None = None
) -> list[tuple[str, str, dict]]:
    """The exported cells in order: (kind "markdown"/"code", source, cell metadata). `learner_code`
    (exercise name: code) is what the learner saved in the tutor: it replaces those exercises' stubs;
    `values` (param name: value), the params the tutor keeps for them, replace those defaults."""
    learner_code = learner_code or {}
    out: list[tuple[str, str, dict]] = [
        ("markdown", _title_cell(lesson), {}),
        ("code", _setup_source(lesson, values or {}), {"tags": ["setup"]}),
    ]
    last_step = max((i for i, b in enumerate(lesson.blocks) if isinstance(b, Cell) and _records_steps(b)), default=None)
    for index, block in enumerate(lesson.blocks):
        if isinstance(block, Prose):
            out.append(("markdown", block.text, {}))
            continue
        exercise = lesson.exercise(block.name) if block.name else None
        if block.role in ("run", "train", "check"):
            out.append(("code", block.source, {"tags": [block.role]} if block.role != "run" else {}))
        elif block.role == "exercise" and exercise is not None:
            theirs = learner_code.get(exercise.name)
            out.append(("markdown", _exercise_intro(exercise, theirs is not None), {}))
            source = block.source if theirs is None else _learner_cell(exercise, theirs)
            out.append(("code", source, {"tags": ["exercise"]}))
            out.append(("code", _test_source(exercise), {"tags": ["test"]}))
            out.append(
                (
                    "code",
                    _solution_source(exercise),
                    {"tags": ["solution"], "jupyter": {"source_hidden": True}},
                )
            )
        # solution and test cells are placed with their exercise above
        if index == last_step:
            for chart in lesson.charts:
                args = ", ".join(map(repr, chart.series))
                extra = (
                    (f", x={chart.x!r}" if chart.x else "")
                    + f", title={chart.title!r}"
                    + (", log=True" if chart.log else "")
                )
                out.append(("code", f"plot({args}{extra})", {"tags": ["chart"]}))
    return out


def to_ipynb(
    lesson: Lesson, learner_code: Mapping[str, str] | None = None, values: Mapping[str, object] | None = None
) -> str:
    nb_cells = []
    for n, (kind, source, meta) in enumerate(cells(lesson, learner_code, values), start=1):
        cell: dict[str, object] = {
            "cell_type": kind,
            "id": f"{kind}-{n}",
            "metadata": meta,
            "source": source.splitlines(keepends=True),
        }
        if kind == "code":
            cell.update(execution_count=None, outputs=[])
        nb_cells.append(cell)
    notebook = {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "grok_tui": {"lesson": lesson.id},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def to_py(
    lesson: Lesson, learner_code: Mapping[str, str] | None = None, values: Mapping[str, object] | None = None
) -> str:
    """jupytext's percent format: plain Python that editors (VS Code, Spyder, Jupyter with
    jupytext) also open as cells."""
    parts = []
    for kind, source, meta in cells(lesson, learner_code, values):
        if kind == "markdown":
            body = "\n".join(("# " + line).rstrip() for line in source.splitlines())
            parts.append(f"# %% [markdown]\n{body}\n")
        else:
            tags = meta.get("tags", [])
            header = "# %%" + (f" tags={json.dumps(tags)}" if tags else "")
            parts.append(f"{header}\n{source.rstrip()}\n")
    return "\n".join(parts)


def export_text(
    lesson: Lesson, fmt: str, learner_code: Mapping[str, str] | None = None, values: Mapping[str, object] | None = None
) -> str:
    return to_ipynb(lesson, learner_code, values) if fmt == "ipynb" else to_py(lesson, learner_code, values)

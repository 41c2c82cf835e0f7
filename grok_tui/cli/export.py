"""`grok-tui export`: a lesson as a Jupyter notebook (.ipynb) or a script (.py, jupytext's percent
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
from pathlib import Path
from typing import TYPE_CHECKING

from grok_tui.cli.course_command import with_lessons_option
from grok_tui.cli.export_prelude import prelude
from grok_tui.cli.messages import no_lesson
from grok_tui.lesson.model import Cell, Exercise, Lesson, Param, Prose
from grok_tui.safe_files import atomic_write, backup, user_file_mode

if TYPE_CHECKING:
    from grok_tui.progress import Progress

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
        "Then a collapsed cell holds the reference solution: it is used only if the test failed, "
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


def default_name(lesson: Lesson, fmt: str) -> str:
    return f"{lesson.path.stem}.{fmt}"


def write(
    lesson: Lesson,
    fmt: str,
    target: Path,
    learner_code: Mapping[str, str] | None = None,
    values: Mapping[str, object] | None = None,
) -> str:
    """Write the export to `target` without losing what is there: the same text is left as it is, any
    other (a copy the learner edited) is first kept beside it as a .bak-<time>, as `reset` keeps
    drafts. Returns what was done, in a line for the learner. The file gets the mode any file the
    learner writes gets (not the data directory's private 0600)."""
    text = export_text(lesson, fmt, learner_code, values)
    mode = user_file_mode(target)
    if target.exists():
        if target.read_bytes() == text.encode("utf-8"):
            return f"{target} is up to date"
        kept = backup(target, copy=True)  # a copy: the target stays whole if the write below fails
        atomic_write(target, text, mode=mode)
        return f"wrote {target}; the file that was there is kept as {kept}"
    atomic_write(target, text, mode=mode)
    return f"wrote {target}"


def kept_values(progress: Progress, lesson: Lesson) -> dict[str, object]:
    """The params the tutor opens the lesson with where they differ from its defaults (kept_params)."""
    from grok_tui.kept_params import KeptParams

    return dict(KeptParams(progress.root).for_lesson(lesson))


def saved_code(progress: Progress, lesson: Lesson) -> dict[str, str]:
    """The code the learner saved for the lesson's exercises (what the exercise screen opens with)."""
    from grok_tui.cli.practice import current_code

    found = {e.name: current_code(progress, lesson, e) for e in lesson.exercises}
    return {name: code for name, code in found.items() if code is not None}


# -- the `grok-tui export` command ---------------------------------------------------------------
def add_parsers(parsers: dict, add_lessons_option, descriptions: dict[str, str]) -> None:
    import argparse

    p = parsers["export"] = argparse.ArgumentParser(
        prog="grok-tui export",
        description=descriptions["export"] + ". It runs top to bottom in a "
        "plain Python (Jupyter) kernel: a first cell sets the parameters and defines step().",
    )
    p.add_argument("id", nargs="?", help="lesson id, e.g. 4.5")
    p.add_argument("--to", choices=FORMATS, help="notebook or script (default: from -o FILE's ending, else a notebook)")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="where to write, in a folder that exists (default: the lesson file's name in this folder; "
        "- prints it). A file there with other content is kept as FILE.bak-<time>",
    )
    p.add_argument("--all", metavar="DIR", type=Path, help="export every lesson into DIR (made if missing)")
    p.add_argument(
        "--blank",
        action="store_true",
        help="each exercise as its starting code and every param at the lesson's default, not your code "
        "and the values the tutor keeps for you (a handout for a class)",
    )
    add_lessons_option(p)


def cmd_export(args, catalog) -> int:
    import sys

    from grok_tui.cli.progress import load_progress
    from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE

    def usage(message: str) -> int:
        print(f"grok-tui: {message}", file=sys.stderr)
        return EXIT_USAGE

    suffix = args.output.suffix.lstrip(".") if args.output is not None else ""
    if args.to is not None and suffix in FORMATS and suffix != args.to:
        kind = "notebook" if args.to == "ipynb" else "script"
        return usage(f"--to {args.to} would write a {kind} into {args.output}")
    args.to = args.to or (suffix if suffix in FORMATS else "ipynb")
    if args.all is not None:
        if args.id or args.output:
            return usage("export --all DIR takes no lesson id and no -o")
        if not args.all.parent.is_dir():  # DIR itself is made, but not a whole mistyped path
            return usage(f"cannot export into {args.all}: the folder {args.all.parent} does not exist")
        lessons, targets = catalog.lessons, [args.all / default_name(l, args.to) for l in catalog.lessons]
    else:
        if not args.id:
            said = "export needs a lesson id (or --all DIR); `grok-tui list` shows the ids"
            return usage(with_lessons_option(said, catalog))
        lesson = catalog.get(args.id)
        if lesson is None:
            return usage(no_lesson(args.id, catalog))
        if args.output is not None and str(args.output) == "-":
            progress = load_progress(catalog)
            theirs = {} if args.blank else saved_code(progress, lesson)
            values = {} if args.blank else kept_values(progress, lesson)
            sys.stdout.write(export_text(lesson, args.to, theirs, values))
            return EXIT_OK
        lessons, targets = [lesson], [args.output or Path(default_name(lesson, args.to))]
        if not targets[0].parent.is_dir():
            return usage(f"cannot write {targets[0]}: the folder {targets[0].parent} does not exist")
    progress = load_progress(catalog)
    for lesson, target in zip(lessons, targets, strict=False):
        theirs = {} if args.blank else saved_code(progress, lesson)
        values = {} if args.blank else kept_values(progress, lesson)
        try:
            done = write(lesson, args.to, target, theirs, values)
        except OSError as exc:
            print(f"grok-tui: could not write {target}: {exc}", file=sys.stderr)
            return EXIT_FAILED
        # A teacher's handout held their own solved answer, and nothing said so.
        names = ", ".join(f"{lesson.id}/{name}" for name in theirs)
        said = "; ".join(
            ([f"your code for {names}"] if theirs else [])
            + ([", ".join(f"{name} = {value!r}" for name, value in values.items())] if values else [])
        )
        print(done + (f" (with {said}; --blank writes the lesson's own)" if said else ""))
    left_out = len(_not_loaded(catalog)) if args.all is not None else 0
    if left_out:
        which = "1 lesson left out: its file" if left_out == 1 else f"{left_out} lessons left out: their files"
        print(f"grok-tui: {which} did not load (see above)", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _not_loaded(catalog) -> set[Path]:
    """The lesson files of the course that did not load (a quiz's problem leaves no lesson out)."""
    loaded = {lesson.path for lesson in catalog.lessons}
    return {e.path for e in catalog.errors if e.path.suffix == ".md" and e.path not in loaded}

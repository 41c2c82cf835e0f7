"""`grok-tui export`: a lesson as a notebook or a script (grok_tui/cli/export_cells.py builds them),
with the learner's code and the params the tutor keeps for them, written without losing a file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from grok_tui.cli.course_command import with_lessons_option
from grok_tui.cli.export_cells import FORMATS, export_text
from grok_tui.cli.messages import no_lesson
from grok_tui.lesson.model import Lesson
from grok_tui.safe_files import atomic_write, backup, user_file_mode

if TYPE_CHECKING:
    from grok_tui.progress import Progress


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
        help="where to write: a file in a folder that exists, or a folder (the lesson file's name in it; "
        "DIR/ is made if missing; default: this folder); - prints it. A file there with other content is "
        "kept as FILE.bak-<time>",
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

    # `-o handouts/`: a folder, even one not made yet (Path drops the slash: it wrote a file "handouts")
    folder_named = args.output is not None and args.output.endswith(("/", os.sep))
    args.output = Path(args.output) if args.output is not None else None
    suffix = args.output.suffix.lstrip(".") if args.output is not None and not folder_named else ""
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
        output = args.output
        if output is not None and folder_named and not output.is_dir():
            if not output.parent.is_dir():  # DIR itself is made, as --all's, but not a whole mistyped path
                return usage(f"cannot export into {output}: the folder {output.parent} does not exist")
            output.mkdir()
        if output is not None and output.is_dir():  # "Is a directory": the lesson's own name in it
            output = output / default_name(lesson, args.to)
        lessons, targets = [lesson], [output or Path(default_name(lesson, args.to))]
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

"""The `grok-tui` command: launch the tutor, or list / run / check lessons headless.

Only `grok-tui` itself (the app) imports Textual; every other subcommand stays on the engine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from pathlib import Path

from grok_tui import __version__
from grok_tui.cli.course_command import with_lessons_option
from grok_tui.cli.messages import no_lesson
from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from grok_tui.lesson.catalog import LESSON_SUFFIX, Catalog, default_lessons_dir, load_catalog, load_lesson_file

SUBCOMMANDS: dict[str, str] = {
    "list": "print the lessons, one a line",
    "run": "run a lesson without the UI and print its values (its exercises: the reference versions, not yours)",
    "check": "validate lesson files: parse, run, checks pass",
    "progress": "print your progress per chapter (lessons, exercises, last one)",
    "reset": "reset the progress of a lesson, an exercise (3.2/w_sum) or --all",
    "hint": "print an exercise's next hint, counted as F2 counts it (3.2/w_sum, a lesson's next, or where you were)",
    "verify": "check your saved exercise code (no ID: each one you began); exit 0 when all pass",
    "edit": "open your code of an exercise (3.2/w_sum, a lesson's next, or where you were) in $VISUAL / $EDITOR",
    "export": "write a lesson as a Jupyter notebook (.ipynb) or a script (.py)",
    "serve": "serve the tutor to a web browser (needs textual-serve: pip install textual-serve)",
}
GLOBAL_OPTIONS = ("--lessons",)
"""Options every subcommand takes, accepted before the subcommand too (grok-tui --lessons DIR list)."""


class UsageError(Exception):
    """A mistake in the command line; reported in one line with exit code 2."""


def _add_lessons_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lessons",
        metavar="DIR",
        type=Path,
        help="folder of lesson files (default: $GROK_TUI_LESSONS, else the bundled course)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value > 0 or value != value or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds (got {text!r})")
    return value


def _add_timeout_option(parser: argparse.ArgumentParser) -> None:
    # The default (engine.checks.DEFAULT_TIMEOUT) is filled in once the engine is imported.
    parser.add_argument(
        "--timeout",
        metavar="SECONDS",
        type=_seconds,
        default=None,
        help="stop a lesson that runs longer than this (default 120)",
    )


def _timeout(args: argparse.Namespace) -> float:
    from grok_tui.engine.checks import DEFAULT_TIMEOUT

    return args.timeout if args.timeout is not None else DEFAULT_TIMEOUT


def _settings_path() -> str:
    from grok_tui.settings import settings_path

    return str(settings_path())


def _data_path() -> str:
    from grok_tui.progress import data_dir

    return str(data_dir())


def build_parser() -> argparse.ArgumentParser:
    width = max(map(len, SUBCOMMANDS))
    parser = argparse.ArgumentParser(
        prog="grok-tui",
        usage="grok-tui [--lessons DIR] [LESSON]\n       grok-tui [--lessons DIR] COMMAND [ARGS]",
        description="A terminal tutor for deep learning from scratch (after Grokking Deep Learning).\n"
        "Without a command: the tutor, at LESSON (e.g. 4.5) or where you left off.",
        epilog="commands:\n"
        + "\n".join(f"  {k:<{width}}  {v}" for k, v in SUBCOMMANDS.items())
        + "\n\n`grok-tui COMMAND --help` tells more about each.\n"
        f"Settings (theme, speed, [keys]): {_settings_path()}\n"
        f"Your progress, answers and code: {_data_path()} (GROK_TUI_DATA moves it)\n"
        # A teacher copies the course to add lessons; installed, it is deep in site-packages.
        f"The course's lesson files: {default_lessons_dir()} (--lessons or GROK_TUI_LESSONS: others)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"grok-tui {__version__}")
    parser.add_argument("lesson", nargs="?", help="open this lesson id directly, e.g. 4.5")
    _add_lessons_option(parser)
    return parser


def build_subparsers() -> dict[str, argparse.ArgumentParser]:
    parsers: dict[str, argparse.ArgumentParser] = {}
    p = parsers["list"] = argparse.ArgumentParser(prog="grok-tui list", description=SUBCOMMANDS["list"])
    p.add_argument("--json", action="store_true", help="one JSON object a line")
    _add_lessons_option(p)
    p = parsers["run"] = argparse.ArgumentParser(prog="grok-tui run", description=SUBCOMMANDS["run"])
    p.add_argument("id", nargs="?", help="lesson id, e.g. 4.5")
    p.add_argument("--all", action="store_true", help="run every lesson with its checks")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="set a parameter")
    p.add_argument(
        "--json",
        action="store_true",
        help="one JSON object a line, floats at full precision: each step's values, the lines it printed, then "
        "the run's end, whose `final` holds the variables as the code left them (after its last step)",
    )
    _add_timeout_option(p)
    _add_lessons_option(p)
    p = parsers["check"] = argparse.ArgumentParser(prog="grok-tui check", description=SUBCOMMANDS["check"])
    p.add_argument("dir", nargs="?", type=Path, help="a folder of lesson files, or one file (default: the course)")
    _add_timeout_option(p)
    _add_lessons_option(p)
    from grok_tui.cli.progress import add_parsers

    add_parsers(parsers, _add_lessons_option)
    from grok_tui.cli import export, practice, serve

    for module in (practice, export, serve):
        module.add_parsers(parsers, _add_lessons_option, SUBCOMMANDS)
    return parsers


def split_globals(argv: list[str]) -> tuple[list[str], list[str]]:
    """The global options written before the subcommand, and the rest of the command line."""
    leading: list[str] = []
    i = 0
    while i < len(argv):
        word = argv[i]
        if word in GLOBAL_OPTIONS and i + 1 < len(argv):
            leading += argv[i : i + 2]
            i += 2
        elif word.partition("=")[0] in GLOBAL_OPTIONS and "=" in word:
            leading.append(word)
            i += 1
        else:
            break
    return leading, argv[i:]


def main(argv: list[str] | None = None) -> int:
    # Lessons multiply small matrices, where OpenBLAS's extra threads only spin against the UI
    # thread and other processes (the digits lesson trained 3x slower on two busy cores). Must be
    # set before numpy is first imported, which happens only once a lesson runs.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    argv = list(sys.argv[1:] if argv is None else argv)
    leading, rest = split_globals(argv)
    try:
        if rest and rest[0] in SUBCOMMANDS:
            # Global options given before the subcommand go after it, where its parser reads them
            # (written after it too, the later one wins, as argparse does).
            args = build_subparsers()[rest[0]].parse_args(leading + rest[1:])
            return COMMANDS[rest[0]](args)
        args = build_parser().parse_args(argv)
        return launch(args)
    except UsageError as exc:
        print(f"grok-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `grok-tui run 4.5 | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def terminal_problem() -> str:
    """Why this terminal cannot run the full-screen tutor ("" when it can)."""
    if os.environ.get("TEXTUAL_DRIVER"):  # the browser mode's driver: no terminal needed
        return ""
    if os.environ.get("TERM") == "dumb":
        return "TERM=dumb cannot draw the tutor's screen"
    if not sys.stdin.isatty():
        return "stdin is not a terminal"
    if not sys.stdout.isatty():
        return "stdout is not a terminal"
    return ""


def launch(args: argparse.Namespace) -> int:
    catalog = _existing_catalog(args.lessons)
    if args.lesson is not None and catalog.get(args.lesson) is None:
        raise UsageError(_unknown_word(args.lesson, catalog))
    problem = terminal_problem()
    if problem:
        raise UsageError(
            f"{problem}; without one, use the commands: list, run ID, check, hint, verify, "
            "edit, export ID, progress, reset (grok-tui --help)"
        )
    from grok_tui.crash_log import crash_line, write_crash_log

    # No cyclic garbage collection until the app's first screen is drawn (the app turns it back on,
    # grok_tui/ui/app.py): importing Textual and building the screen ran ~150 collections, ~25 ms.
    gc.disable()
    app = None
    try:
        from grok_tui.ui.app import GrokApp  # Textual is imported only to open the app

        app = GrokApp(catalog, start_lesson=args.lesson)
        app.run()
    except Exception as exc:
        print(crash_line(exc, write_crash_log(exc)), file=sys.stderr)
        return EXIT_FAILED
    for line in farewell(app):
        print(line)
    if app.crash_error is not None:
        print(crash_line(app.crash_error, app.crash_log), file=sys.stderr)
        return EXIT_FAILED
    return app.return_code or EXIT_OK


def farewell(app) -> list[str]:
    """What the shell shows after the tutor: where drafts that could not be saved went, and, after a
    quit with everything saved, where `grok-tui` brings the learner back (a newcomer saw nothing and
    did not know whether their work was kept)."""
    lines = [f"your code was saved in {path}" for path in app.saved_elsewhere]
    last = app.progress.last_lesson
    # a lesson of this course: a teacher's course was said to bring the learner "back to 6.4", the
    # bundled course's lesson opened last, and opened its own contents
    last = last if last and app.catalog.get(last) is not None else None
    if app.crash_error is None and last and not app.progress.unsaved:
        # a teacher's course (--lessons DIR) is not where a plain `grok-tui` goes back to
        said = f"grok-tui: your progress is saved; `grok-tui` brings you back to {last}"
        lines.append(with_lessons_option(said, app.catalog))
    return lines


def _unknown_word(word: str, catalog: Catalog) -> str:
    """A word that is no lesson id: a mistyped command is likelier than a lesson when it is close to one."""
    import difflib  # only for a word that is neither a lesson nor a command

    close = difflib.get_close_matches(word, SUBCOMMANDS, n=1)
    if close:
        return f"no lesson or command {word!r}; did you mean `grok-tui {close[0]}`?"
    if not any(c.isdigit() for c in word):  # a word, not an id: the commands are what was meant
        return f"no lesson or command {word!r}; the commands: {', '.join(SUBCOMMANDS)} (grok-tui --help)"
    return no_lesson(word, catalog)


def _existing_catalog(lessons: Path | None) -> Catalog:
    """The catalog of a lessons folder that exists; a mistyped --lessons is a usage error."""
    catalog = load_catalog(lessons)
    if not catalog.root.is_dir():
        raise UsageError(f"lessons folder not found: {catalog.root}")
    return catalog


def _catalog(lessons: Path | None) -> Catalog:
    """The course, each problem of a file that did not load said on stderr first."""
    catalog = _existing_catalog(lessons)
    for error in catalog.errors:
        print(f"warning: {error}", file=sys.stderr)
    return catalog


def cmd_list(args: argparse.Namespace) -> int:
    catalog = _catalog(args.lessons)
    for lesson in catalog.lessons:
        if args.json:
            print(
                json.dumps(
                    {
                        "id": lesson.id,
                        "chapter": lesson.chapter,
                        "title": lesson.title,
                        "parameters": {
                            p.name: {
                                "default": p.default,
                                "min": p.min,
                                "max": p.max,
                                "help": p.help,
                                **({"choices": list(p.choices)} if p.choices else {}),
                            }
                            for p in lesson.params
                        },
                        "exercises": len(lesson.exercises),
                    }
                )
            )
        elif lesson.exercises:  # which lessons have exercises: said only by --json and `progress`
            names = ", ".join(e.name for e in lesson.exercises)
            print(f"{lesson.id}\t{lesson.title}\texercise{'s' if len(lesson.exercises) > 1 else ''}: {names}")
        else:
            print(f"{lesson.id}\t{lesson.title}")
    return EXIT_OK


def _parse_sets(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name:
            raise UsageError(f"--set needs NAME=VALUE (got {pair!r})")
        out[name.strip()] = value.strip()
    return out


def cmd_run(args: argparse.Namespace) -> int:
    from grok_tui.cli.run import check_all, run_one

    catalog = _existing_catalog(args.lessons)
    if args.all:
        if args.id or args.set:
            raise UsageError("run --all takes no lesson id and no --set")
        return check_all(catalog, as_json=args.json, timeout=_timeout(args))
    for error in catalog.errors:
        print(f"warning: {error}", file=sys.stderr)
    if not args.id:
        raise UsageError(
            with_lessons_option("run needs a lesson id (or --all); `grok-tui list` shows the ids", catalog)
        )
    lesson = catalog.get(args.id)
    if lesson is None:
        raise UsageError(no_lesson(args.id, catalog))
    return run_one(lesson, _parse_sets(args.set), as_json=args.json, timeout=_timeout(args))


def cmd_progress(args: argparse.Namespace) -> int:
    from grok_tui.cli.progress import cmd_progress as run

    return run(args, _catalog(args.lessons))


def cmd_reset(args: argparse.Namespace) -> int:
    from grok_tui.cli.progress import cmd_reset as run

    return run(args, _catalog(args.lessons))


def cmd_check(args: argparse.Namespace) -> int:
    from grok_tui.cli.run import check_all

    # one lesson file (or a missing *.md: its error then names the file, not a missing folder)
    path = args.dir
    if path is not None and path.name == "quiz.toml":
        if not path.is_file():
            print(f"FAIL {path}: no such file")
            return EXIT_FAILED
        # a quiz is checked with its chapter's lessons (the folder holds both); a `verify` may name a
        # lesson of another chapter: that is found in the course (--lessons, else above a chN/ folder)
        chapter = path.parent
        root = args.lessons or (chapter.parent if re.fullmatch(r"ch\d+", chapter.resolve().name) else chapter)
        return check_all(load_catalog(chapter), timeout=_timeout(args), course=load_catalog(root))
    if path is not None and not path.exists() and path.suffix != LESSON_SUFFIX:
        course = load_catalog(args.lessons)
        lesson = course.get(str(path))
        if lesson is not None:  # `check 3.1` said "lessons folder not found" and "1 lesson file, 1 with problems"
            print(
                f"grok-tui: {path} is a lesson id; check takes a folder or a file: `grok-tui check {lesson.path}`",
                file=sys.stderr,
            )
            return EXIT_USAGE
    one_file = path is not None and not path.is_dir() and (path.exists() or path.suffix == LESSON_SUFFIX)
    catalog = load_lesson_file(path) if one_file else load_catalog(path or args.lessons)
    return check_all(catalog, timeout=_timeout(args))


def _lazy(module: str, name: str):
    """A subcommand that lives in another module of this package; it is given the course too, whose
    load problems are said as `list` says them (`export --all` wrote 36 notebooks of 37 in silence)."""

    def run(args: argparse.Namespace) -> int:
        from importlib import import_module

        return getattr(import_module(f"grok_tui.cli.{module}"), name)(args, _catalog(args.lessons))

    return run


COMMANDS = {
    "list": cmd_list,
    "run": cmd_run,
    "check": cmd_check,
    "progress": cmd_progress,
    "reset": cmd_reset,
    "hint": _lazy("practice", "cmd_hint"),
    "verify": _lazy("verify", "cmd_verify"),
    "edit": _lazy("practice", "cmd_edit"),
    "export": _lazy("export", "cmd_export"),
    "serve": _lazy("serve", "cmd_serve"),
}

"""A lesson file that does not load is said by every command that loads the course, and counted by
its files: `export --all` wrote the other notebooks in silence and exited 0."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from grok_tui.cli import main
from grok_tui.exit_codes import EXIT_FAILED

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


def broken_course(tmp_path: Path) -> Path:
    """Chapter 4 of the course, with 4.5's pace not a number."""
    course = tmp_path / "course"
    shutil.copytree(LESSONS / "ch4", course / "ch4")
    lesson = course / "ch4" / "4.5-breaking-gradient-descent.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(re.sub(r"(?m)^pace = .*$", 'pace = "four"', text, count=1), encoding="utf-8")
    return course


def test_export_all_says_which_lesson_did_not_load_and_fails(tmp_path: Path, capsys) -> None:
    course = broken_course(tmp_path)
    files = len(list((course / "ch4").glob("*.md")))
    code = main(["--lessons", str(course), "export", "--all", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == EXIT_FAILED
    assert len(list((tmp_path / "out").iterdir())) == files - 1  # the others are written
    lines = err.splitlines()
    assert lines[0].startswith(f"warning: {course / 'ch4' / '4.5-breaking-gradient-descent.md'}:"), err
    assert "pace" in lines[0]
    assert lines[-1] == "grok-tui: 1 lesson left out: its file did not load (see above)"


def test_progress_counts_the_files_that_did_not_load_not_their_problems(tmp_path: Path, capsys) -> None:
    """One file with three problems was "3 lesson files did not load"."""
    from grok_tui.lesson.catalog import load_catalog
    from grok_tui.progress import Progress

    course = broken_course(tmp_path)
    lesson = course / "ch4" / "4.5-breaking-gradient-descent.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(
        text.replace("\npace = ", "\nbogus_key = 1\nother_key = 2\nthird_key = 3\npace = ", 1), encoding="utf-8"
    )
    catalog = load_catalog(course)
    assert len(catalog.errors) == 3
    progress = Progress.load()
    for loaded in catalog.lessons:
        progress.open_lesson(loaded.id)
        progress.finish_lesson(loaded.id)
        for exercise in loaded.exercises:
            progress.record_pass(loaded.id, exercise.name, "code")
    assert main(["--lessons", str(course), "progress"]) == 0
    out = capsys.readouterr().out
    assert (
        "\nNext: every lesson that loaded is run and its exercises passed; 1 lesson file did not load "
        "(3 problems: the warnings above).\n" in out
    ), out

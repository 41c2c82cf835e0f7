"""`grok-tui export` puts the learner's saved code in the exercise cell (the stub when there is none),
whose test then says whether that code passes (the reference runs after it only if it failed), and
writes a file with the mode any file of theirs gets, while the data directory stays private."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from grok_tui.cli import main
from grok_tui.progress import Progress
from tests.lessons_util import COURSE

LESSON = COURSE.get("3.2")
W_SUM = LESSON.exercise("w_sum")
HEADER = "# Your code for w_sum, as you left it in grok-tui."
# Theirs: it passes, and it is neither the stub nor the reference.
THEIRS = "def w_sum(a, b):\n    assert len(a) == len(b)\n    return sum(x * y for x, y in zip(a, b))  # mine\n"


def exercise_cells(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in notebook["cells"] if c["metadata"].get("tags") == ["exercise"]]


def test_the_exercise_cell_holds_the_learners_saved_code(tmp_path: Path, capsys) -> None:
    """`export 3.2` wrote the stub although the learner had written (and passed) w_sum."""
    plain = tmp_path / "plain.ipynb"
    assert main(["export", "3.2", "-o", str(plain)]) == 0
    Progress.load().save_draft("3.2", "w_sum", THEIRS)
    theirs = tmp_path / "theirs.ipynb"
    assert main(["export", "3.2", "-o", str(theirs)]) == 0
    assert exercise_cells(plain) == [W_SUM.stub.source]
    assert exercise_cells(theirs) == [f"{HEADER}\n{THEIRS.rstrip()}"]
    # the rest, the reference solution and the test cells included, is as it was
    others = [json.loads(p.read_text())["cells"] for p in (plain, theirs)]
    different = [a["source"] for a, b in zip(*others, strict=True) if a["source"] != b["source"]]
    assert len(different) == 2  # the exercise cell and the sentence above it
    assert main(["export", "3.2", "-o", "-"]) == 0
    assert HEADER in capsys.readouterr().out


def test_blank_writes_the_starting_code_and_the_export_says_when_it_holds_yours(tmp_path: Path, capsys) -> None:
    """A teacher's handout held their own solved answer, and nothing said so."""
    Progress.load().save_draft("3.2", "w_sum", THEIRS)
    theirs, blank = tmp_path / "theirs.ipynb", tmp_path / "blank.ipynb"
    assert main(["export", "3.2", "-o", str(theirs)]) == 0
    said = capsys.readouterr().out
    assert said == f"wrote {theirs} (with your code for 3.2/w_sum; --blank writes the lesson's own)\n", said
    assert main(["export", "3.2", "--blank", "-o", str(blank)]) == 0
    assert capsys.readouterr().out == f"wrote {blank}\n"
    assert exercise_cells(blank) == [W_SUM.stub.source] and exercise_cells(theirs) == [f"{HEADER}\n{THEIRS.rstrip()}"]
    assert main(["export", "3.2", "--blank", "-o", "-"]) == 0
    assert HEADER not in capsys.readouterr().out


def test_a_passed_code_without_a_draft_is_exported_too(tmp_path: Path) -> None:
    Progress.load().record_pass("3.2", "w_sum", THEIRS)
    target = tmp_path / "x.ipynb"
    assert main(["export", "3.2", "-o", str(target)]) == 0
    assert exercise_cells(target) == [f"{HEADER}\n{THEIRS.rstrip()}"]


@pytest.mark.parametrize("draft", [THEIRS, "def w_sum(a, b:\n    return 0\n"], ids=["theirs", "unreadable"])
def test_the_script_with_their_code_runs_with_plain_python(tmp_path: Path, draft: str) -> None:
    """A draft is saved while it is typed: one Python cannot read is kept as comments, or the script
    would stop at a SyntaxError before its first line."""
    Progress.load().save_draft("3.2", "w_sum", draft)
    script = tmp_path / "x.py"
    assert main(["export", "3.2", "-o", str(script)]) == 0
    text = script.read_text(encoding="utf-8")
    assert HEADER in text and W_SUM.stub.source not in text
    if draft != THEIRS:
        assert "# Python cannot read it yet (line 1: " in text and "# def w_sum(a, b:" in text
    done = subprocess.run(
        [sys.executable, "-I", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    if draft == THEIRS:
        assert "w_sum: every test passed" in done.stdout
    else:  # nothing defined w_sum: the test says so and the reference runs in its place
        assert "w_sum: a test failed: NameError: name 'w_sum' is not defined\n" in done.stdout


# Theirs again, telling when the lesson's own cells call it: the train cell passes a tuple (zip's),
# the test lists.
LOUD = THEIRS.replace(
    "    return sum(",
    '    if isinstance(a, tuple):\n        print("my w_sum, called by the lesson")\n    return sum(',
)
# Theirs, wrong: `sed s/+=/=/` on a loop keeps only the last product (the learner trial's w_sum).
WRONG = W_SUM.solution.source.replace("+=", "=")


def run_exported(tmp_path: Path, draft: str) -> subprocess.CompletedProcess:
    Progress.load().save_draft("3.2", "w_sum", draft)
    script = tmp_path / "x.py"
    assert main(["export", "3.2", "-o", str(script)]) == 0
    return subprocess.run(
        [sys.executable, "-I", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )


def test_the_script_says_what_the_test_says_of_their_code(tmp_path: Path) -> None:
    """A learner trial: the reference ran before the test, so a wrong w_sum printed "w_sum: every
    test passed" while `grok-tui verify 3.2` said it fails."""
    assert "+=" in W_SUM.solution.source
    wrong = run_exported(tmp_path, WRONG)
    assert wrong.returncode == 0 and wrong.stderr == "", wrong.stderr[-2000:]
    assert "every test passed" not in wrong.stdout
    assert "w_sum: a test failed: AssertionError: w_sum([8.5, 0.65, 1.2], [0.1, 0.2, 0.0]) should be 0.98" in (
        wrong.stdout
    )
    # the reference ran in its place: the lesson's numbers are the book's
    assert "game 1: 0.850 + 0.130 + 0.000 = 0.9800" in wrong.stdout


def test_their_passing_code_is_what_the_later_cells_run(tmp_path: Path) -> None:
    right = run_exported(tmp_path, LOUD)
    assert right.returncode == 0 and right.stderr == "", right.stderr[-2000:]
    assert "w_sum: every test passed" in right.stdout and "a test failed" not in right.stdout
    # the train cell's four games called theirs, not the reference
    assert right.stdout.count("my w_sum, called by the lesson") == 4
    assert "game 1: 0.850 + 0.130 + 0.000 = 0.9800" in right.stdout


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_an_export_gets_the_usual_mode_and_the_data_files_stay_private(tmp_path: Path, umask: int) -> None:
    """The export was written 0600, as mkstemp makes it."""
    old = os.umask(umask)
    try:
        Progress.load().save_draft("3.2", "w_sum", THEIRS)
        target = tmp_path / "x.py"
        assert main(["export", "3.2", "-o", str(target)]) == 0
        assert main(["export", "--all", str(tmp_path / "all"), "--to", "py"]) == 0
    finally:
        os.umask(old)
    assert mode(target) == 0o666 & ~umask
    assert {mode(p) for p in (tmp_path / "all").iterdir()} == {0o666 & ~umask}
    assert mode(Progress.load().draft_path("3.2", "w_sum")) == 0o600


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_re_export_keeps_the_mode_the_learner_gave_the_file(tmp_path: Path) -> None:
    target = tmp_path / "x.py"
    assert main(["export", "3.2", "-o", str(target)]) == 0
    target.write_text(target.read_text() + "# my notes\n")
    target.chmod(0o640)
    assert main(["export", "3.2", "-o", str(target)]) == 0
    assert mode(target) == 0o640 and "# my notes" not in target.read_text()
    [kept] = tmp_path.glob("x.py.bak-*")
    assert "# my notes" in kept.read_text()


def test_a_function_that_changes_its_argument_fails_in_the_export_as_in_the_tutor(tmp_path: Path) -> None:
    """6.3's relu zeroing the array it was given passed the exported test (`grok-tui verify` refused
    it), and the notebook's lesson then ran on the learner's code."""
    Progress.load().save_draft("6.3", "relu", "def relu(x):\n    x[x < 0] = 0\n    return x\n")
    script = tmp_path / "mut.py"
    assert main(["export", "6.3", "-o", str(script)]) == 0
    done = subprocess.run(
        [sys.executable, "-I", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "relu: a test failed: AssertionError: relu changed an argument it was given" in done.stdout, done.stdout


def test_the_params_the_tutor_keeps_are_exported_and_said(tmp_path: Path, capsys) -> None:
    """The tutor opened 4.5 at the learner's alpha 0.1; `export 4.5` wrote alpha = 1.0 (a trial)."""
    from grok_tui.kept_params import KeptParams
    from grok_tui.lesson.catalog import load_catalog

    lesson = load_catalog().get("4.5")
    kept = KeptParams(Progress.load().root)
    kept.keep(lesson, {"alpha": 0.1})
    kept.save()
    mine, blank = tmp_path / "mine.py", tmp_path / "blank.py"
    assert main(["export", "4.5", "-o", str(mine)]) == 0
    assert capsys.readouterr().out == f"wrote {mine} (with alpha = 0.1; --blank writes the lesson's own)\n"
    assert "\nalpha = 0.1  # yours from grok-tui; the lesson's default is 1.0" in mine.read_text()
    assert main(["export", "4.5", "--blank", "-o", str(blank)]) == 0
    assert "\nalpha = 1.0  #" in blank.read_text() and "yours" not in blank.read_text()

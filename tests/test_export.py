"""`grok-tui export`: a lesson as a notebook that runs in a plain Jupyter kernel with its checks
passing, and as a script that runs with plain python."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grok_tui.cli import main
from grok_tui.cli.export_cells import cells, to_ipynb, to_py
from tests.lessons_util import COURSE

FORKED_RUNNER = Path(__file__).with_name("run_scripts_forked.py")


@pytest.fixture(scope="module")
def nbformat():
    """Imported by the tests that use it: at module level, every xdist worker paid for it at collection."""
    return pytest.importorskip("nbformat")


def test_every_lesson_exports_to_a_valid_notebook(nbformat) -> None:
    for lesson in COURSE.lessons:
        notebook = nbformat.reads(to_ipynb(lesson), as_version=4)
        nbformat.validate(notebook)
        code = [c.source for c in notebook.cells if c.cell_type == "code"]
        # the lesson's own code is exported unchanged: code shown = code run
        for cell in lesson.cells:
            if cell.role in ("run", "train", "check", "exercise"):
                assert cell.source in code, (lesson.id, cell.line)


def test_an_exercise_is_its_stub_then_the_test_then_the_collapsed_reference() -> None:
    lesson = COURSE.get("4.3b")
    exported = cells(lesson)
    kinds = [(meta.get("tags") or [""])[0] for _, _, meta in exported]
    at = kinds.index("exercise")
    assert kinds[at : at + 3] == ["exercise", "test", "solution"]
    source, meta = exported[at + 2][1:]
    assert meta["jupyter"] == {"source_hidden": True}
    # the reference is defined only if the test above failed
    assert 'if not _tests_passed.get("slope"):\n    def slope(' in source


def test_the_charts_follow_the_cell_that_records_the_steps() -> None:
    """4.5's two charts came at the very end, after its check cells: the cell that calls step was
    found by "step(" in its code, which a check's `pred_at_step(` matched too."""
    tags = [(meta.get("tags") or [""])[0] for _, _, meta in cells(COURSE.get("4.5"))]
    assert tags[3:6] == ["train", "chart", "chart"], tags
    for lesson in COURSE.lessons:
        tags = [(meta.get("tags") or [""])[0] for _, _, meta in cells(lesson)]
        if lesson.charts:
            first = tags.index("chart")
            assert tags[first - 1] == "train" and "check" not in tags[:first], (lesson.id, tags)


def test_a_call_of_step_itself_places_the_charts_in_a_lesson_without_a_train_cell() -> None:
    from grok_tui.lesson.model import Cell, Chart

    lesson = COURSE.get("4.5")
    run = Cell(role="run", source="for i in range(3):\n    step(i=i)\n", line=1)
    late = [
        Cell(role="run", source="print(pred_at_step(2), record.step(1))\n", line=5),
        Cell(role="check", source="assert step(i=1) is None\n", line=9),
    ]
    lesson = dataclasses.replace(lesson, blocks=[run, *late], charts=[Chart(title="i", series=("i",))])
    exported = [source for _, source, _ in cells(lesson)]
    assert exported[2:5] == [run.source, "plot('i', title='i')", late[0].source], exported


def test_the_first_cell_says_what_the_file_needs_and_how_to_read_the_tutors_keys() -> None:
    """A teacher's trial: the text names the tutor's keys and panes (press `space`, the lab) in 29
    lessons, and nothing said that chapter 7 needs scikit-learn or that the charts need matplotlib."""
    first = {lesson.id: cells(lesson)[0][1] for lesson in COURSE.lessons}
    assert first["7.5"].startswith("# 7.5 The classifier, trained live\n\nChapter 7:")
    assert "in a plain Python kernel with numpy and scikit-learn (the digits)." in first["7.5"]
    assert "in a plain Python kernel with numpy." in first["4.5"]  # no digits, no scikit-learn
    for lesson in COURSE.lessons:
        text = first[lesson.id]
        assert "Where it says to press a key (`space` runs, `s` steps" in text, lesson.id
        assert ("The charts need matplotlib" in text) == bool(lesson.charts), lesson.id
        assert ("change the parameters at the end of the first code cell" in text) == bool(lesson.params), lesson.id
        assert ("scikit-learn" in text) == any("sklearn" in b.source for b in lesson.cells), lesson.id


def test_every_lesson_exported_as_a_script_runs_with_plain_python(tmp_path: Path) -> None:
    scripts_dir, out_dir = tmp_path / "scripts", tmp_path / "out"
    out_dir.mkdir()
    assert main(["export", "--all", str(scripts_dir), "--to", "py"]) == 0
    scripts = sorted(scripts_dir.glob("*.py"))
    assert len(scripts) == len(COURSE.lessons)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "PYTHONPATH": ""}
    # cwd outside the checkout and -I: the scripts need nothing of grok_tui. One interpreter imports
    # numpy and scikit-learn once and forks a process per script (tests/run_scripts_forked.py).
    done = subprocess.run(
        [sys.executable, "-I", str(FORKED_RUNNER), str(out_dir), *map(str, scripts)],
        cwd=scripts_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    statuses = {name: code for code, name in (line.split(" ", 1) for line in done.stdout.splitlines())}
    assert sorted(statuses) == [script.name for script in scripts]
    failures = {name: (out_dir / f"{name}.err").read_text()[-2000:] for name, code in statuses.items() if code != "0"}
    assert not failures
    # the scripts really ran to their end: each exercise's test printed one outcome line, and a
    # stub's is a failure (the reference then ran in its place)
    for lesson, script in zip(COURSE.lessons, scripts, strict=True):
        lines = (out_dir / f"{script.name}.out").read_text().splitlines()
        for exercise in lesson.exercises:
            said = [
                line
                for line in lines
                if line.startswith((f"{exercise.name}: every test passed", f"{exercise.name}: a test failed: "))
            ]
            assert len(said) == 1 and said[0].startswith(f"{exercise.name}: a test failed: "), (script.name, said)
        assert not any("every test passed" in line for line in lines), script.name


def test_a_script_says_the_learner_code_fails_and_runs_on(tmp_path: Path) -> None:
    """The stub fails its test: the test cell says so in a line with the exception's type, no
    traceback; the reference then runs in its place and the later cells (a check) run to the end."""
    lesson = COURSE.get("4.3b")
    exercise = lesson.exercises[0]
    script = tmp_path / "stub.py"
    text = to_py(lesson)
    script.write_text(text + '\nprint("the end")\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-I", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr[-2000:]
    assert f"# The test of {exercise.name}" in text and "every test passed" not in done.stdout
    [said] = [line for line in done.stdout.splitlines() if line.startswith(f"{exercise.name}: ")]
    assert said.startswith(f"{exercise.name}: a test failed: AssertionError: "), said
    assert "Traceback" not in done.stdout and done.stdout.rstrip().endswith("the end")


def test_export_writes_the_named_file_and_refuses_unknown_ids(tmp_path: Path, capsys) -> None:
    target = tmp_path / "lesson.ipynb"
    assert main(["export", "3.2", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["metadata"]["grok_tui"] == {"lesson": "3.2"}
    assert main(["export", "9.9"]) == 2
    assert "no lesson '9.9'" in capsys.readouterr().err
    # -o a folder: the lesson's own file name in it ("[Errno 21] Is a directory", said a teacher's trial)
    folder = tmp_path / "handouts"
    folder.mkdir()
    assert main(["export", "3.2", "--to", "py", "-o", str(folder)]) == 0
    (written,) = folder.iterdir()
    assert written.suffix == ".py" and written.name.startswith("3.2"), written
    assert "a cell holds the reference solution (collapsed, in a notebook)" in written.read_text()
    # -o a folder not made yet, said with its slash: made, as --all's (it wrote a file named "new")
    assert main(["export", "3.2", "-o", f"{tmp_path / 'new'}/"]) == 0
    assert [p.suffix for p in (tmp_path / "new").iterdir()] == [".ipynb"]
    assert main(["export", "3.2", "-o", f"{tmp_path / 'no' / 'such'}/"]) == 2
    assert "the folder" in capsys.readouterr().err and not (tmp_path / "no").exists()


def test_an_exported_lesson_runs_in_a_jupyter_kernel_with_its_checks_passing(tmp_path: Path, nbformat) -> None:
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    lesson = COURSE.get("4.3b")  # checks, an exercise, charts
    notebook = nbformat.reads(to_ipynb(lesson), as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    texts = ["".join(o.get("text", "") for o in c.get("outputs", [])) for c in notebook.cells if c.cell_type == "code"]
    assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    # the stub's test fails, quietly, and the reference lets the rest run
    assert any(t.startswith("slope: a test failed: ") for t in texts)
    assert not any("every test passed" in t for t in texts)
    # the check cells ran (and passed: an error output would have stopped the client)
    assert sum("check" in c.metadata.get("tags", []) for c in notebook.cells) >= 1


def test_the_script_opens_as_the_same_notebook_in_jupytext() -> None:
    jupytext = pytest.importorskip("jupytext")
    lesson = COURSE.get("3.2")
    from_script = jupytext.reads(to_py(lesson), fmt="py:percent")
    expected = cells(lesson)
    assert [c.cell_type for c in from_script.cells] == [kind for kind, _, _ in expected]
    assert [c.metadata.get("tags", []) for c in from_script.cells] == [m.get("tags", []) for _, _, m in expected]
    # the test and the reference cells (indented under try and if) come back as they were
    kept = [
        (c.source, s)
        for c, (_, s, m) in zip(from_script.cells, expected, strict=True)
        if m.get("tags") in (["test"], ["solution"])
    ]
    assert len(kept) == 2 and all(a == b.rstrip("\n") for a, b in kept)

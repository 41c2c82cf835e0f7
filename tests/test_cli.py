"""The headless CLI: list, run, check; exit codes and one-line errors."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grok_tui.cli import main


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("grok-tui ")


def test_list_prints_id_then_title(capsys):
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert "3.1\tOne input, one weight" in lines
    assert any(line.startswith("4.5\t") for line in lines)
    # a third column names the exercises of the lessons that have some
    assert "3.2\tMultiple inputs: the weighted sum\texercise: w_sum" in lines
    assert any(line.startswith("3.3\t") and line.endswith("\texercises: ele_mul, dot") for line in lines), lines


def test_list_json_has_parameters_and_exercise_count(capsys):
    code, out, _ = run_cli(capsys, "list", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    row = next(r for r in rows if r["id"] == "4.5")
    assert row["chapter"] == 4
    assert row["parameters"]["alpha"]["default"] == 1.0
    assert isinstance(row["exercises"], int)


def test_run_json_prints_full_precision_steps_and_final_values(capsys):
    code, out, _ = run_cli(capsys, "run", "4.5", "--set", "alpha=0.1", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    steps = [r for r in rows if "step" in r]
    assert len(steps) == 20
    assert steps[19]["pred"] == 0.8000121871948003  # digit for digit with the book
    final = rows[-1]
    assert final["state"] == "finished" and final["parameters"]["alpha"] == 0.1
    assert final["final"]["pred"] == 0.8000121871948003


def test_run_text_shows_steps_and_final(capsys):
    code, out, _ = run_cli(capsys, "run", "4.5")
    assert code == 0
    assert out.count("\nstep ") + out.startswith("step ") == 20
    assert "pred = -232452292.5999999" in out
    # the end values are said to be the code's, not the last step's row (5.2b: they differ)
    assert "\nthe shown variables as the code left them, after its last step:\niteration = 20\n" in out
    assert "in the steps above only" not in out  # 4.5 keeps every value it shows


def test_run_names_the_shown_values_that_live_only_in_the_steps(capsys):
    """7.5 ended with `test_accuracy = 0.98` alone under "the shown variables": its epoch, progress,
    train accuracy and loss looked lost. They are recorded in the steps, not kept as variables."""
    code, out, _ = run_cli(capsys, "run", "7.2", "--set", "epochs=1")
    assert code == 0, out
    tail = out.split("the shown variables as the code left them, after its last step:\n", 1)[1]
    assert "(error, different_guesses: in the steps above only, not variables the code kept)" in tail, tail


def test_run_names_a_shown_value_nothing_recorded_as_a_likely_typo(capsys, tmp_path):
    """A teacher's `show = ["weight", "eror"]`: the end said `(eror: in the steps above only)`,
    though no step had it."""
    (tmp_path / "9.1.md").write_text(
        '+++\nid = "9.1"\nchapter = 9\nchapter_title = "Fixture"\ntitle = "Show typo"\n'
        'show = ["weight", "error", "eror"]\n+++\n\nText.\n\n'
        "```python train\nweight = 0.5\nfor i in range(3):\n    error = (weight - 1) ** 2\n"
        "    weight -= 0.1 * (weight - 1)\n    step(weight=weight, error=error)\n    del error\n```\n",
        encoding="utf-8",
    )
    code, out, _ = run_cli(capsys, "run", "--lessons", str(tmp_path), "9.1")
    assert code == 0, out
    tail = out.split("the shown variables as the code left them, after its last step:\n", 1)[1]
    assert "(error: in the steps above only, not variables the code kept)" in tail, tail
    assert (
        "(eror: in the lesson's show list, but neither recorded by step() nor a variable at the end: a typo?)"
    ) in tail, tail


def test_run_marks_a_demos_error_as_the_tutor_does(capsys):
    """3.3 prints the NameError its demo makes on purpose: bare, `run` read like a crash."""
    code, out, _ = run_cli(capsys, "run", "3.3")
    assert code == 0
    assert "\nexpected error, on purpose: NameError: name 'elementwise_multiplication' is not defined\n" in out
    assert "\nfixed: 3.0\n" in out  # the lines around it as printed
    code, out, _ = run_cli(capsys, "run", "3.3", "--json")
    assert '{"output": "NameError: name \'elementwise_multiplication\' is not defined\\n"}' in out  # data as printed


@pytest.mark.parametrize(
    "args, message",
    [
        (("run", "99.9"), "no lesson '99.9'"),
        (("run", "4.5", "--set", "beta=1"), "unknown parameter 'beta' (this lesson has: alpha, input, iterations)"),
        (("run", "4.5", "--set", "alpah=0.1"), "unknown parameter 'alpah': did you mean 'alpha'? (this lesson has:"),
        (("run", "4.5", "--set", "alpha=1000"), "above its maximum"),
        (("run", "4.5", "--set", "alpha"), "NAME=VALUE"),
        (("run",), "needs a lesson id"),
        (("99.9",), "no lesson '99.9'"),
        (("--lessons", "/no/such/folder"), "lessons folder not found: /no/such/folder"),
        (("list", "--lessons", "/no/such/folder"), "lessons folder not found"),
    ],
)
def test_usage_errors_are_one_line_with_exit_code_2(capsys, args, message):
    code, _out, err = run_cli(capsys, *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("word, command", [("progres", "progress"), ("lsit", "list"), ("verfy", "verify")])
def test_a_mistyped_command_is_suggested(capsys, word, command):
    message = f"grok-tui: no lesson or command {word!r}; did you mean `grok-tui {command}`?\n"
    assert run_cli(capsys, word) == (2, "", message)


def test_an_id_far_from_every_lesson_is_only_no_lesson(capsys, tmp_path):
    """In the bundled course it says where lessons of one's own are found (a teacher's `verify 8.1`
    looked there); in a folder of one's own, only that the id is not in it."""
    own = " (lessons of your own: --lessons DIR, or $GROK_TUI_LESSONS)"
    assert run_cli(capsys, "4.55") == (2, "", f"grok-tui: no lesson '4.55'; `grok-tui list` shows the ids{own}\n")
    assert run_cli(capsys, "verify", "8.1")[2].rstrip().endswith(own)
    (tmp_path / "ch8").mkdir()
    code, _, err = run_cli(capsys, "--lessons", str(tmp_path), "verify", "8.1")
    # the list of this course, not the bundled one's (a plain `grok-tui list` lists that)
    assert (code, err) == (2, f"grok-tui: no lesson '8.1'; `grok-tui --lessons {tmp_path} list` shows the ids\n")


@pytest.mark.parametrize("word", ["practice", "pizza"])
def test_a_word_far_from_every_command_lists_the_commands(capsys, word):
    """`grok-tui practice` said "no lesson 'practice'; `grok-tui list` shows the ids"."""
    code, out, err = run_cli(capsys, word)
    assert (code, out) == (2, "") and err.startswith(f"grok-tui: no lesson or command {word!r}; the commands: list, ")
    assert err.rstrip().endswith("(grok-tui --help)") and "verify" in err


@pytest.mark.parametrize("command", [(), ("run",), ("export",)])
def test_a_lesson_that_did_not_load_is_named_with_its_problem_not_as_missing(tmp_path, capsys, command):
    """A teacher's 4.9 with a default out of range: `grok-tui --lessons DIR 4.9` said only "no lesson
    '4.9'", and sent them looking for a typo in the id."""
    bad = tmp_path / "4.9-momentum.md"
    bad.write_text(
        '+++\nid = "4.9"\nchapter = 4\ntitle = "Momentum"\n\n[params.beta]\ndefault = 1.5\nmin = 0.0\n'
        "max = 0.99\n+++\n\n```python\nx = beta\n```\n"
    )
    code, _out, err = run_cli(capsys, *command, "--lessons", str(tmp_path), "4.9")
    last = err.strip().splitlines()[-1]
    assert code == 2 and last.startswith(f"grok-tui: lesson '4.9' could not be loaded: {bad}:"), err
    assert "default 1.5 is outside" in last and f"`grok-tui check {bad}` lists them" in last


def test_lessons_env_var_points_at_another_course(tmp_path, capsys, monkeypatch):
    (tmp_path / "x.md").write_text('+++\nid = "8.8"\nchapter = 8\ntitle = "elsewhere"\n+++\n```python\nx = 1\n```\n')
    monkeypatch.setenv("GROK_TUI_LESSONS", str(tmp_path))
    _code, out, _ = run_cli(capsys, "list")
    assert out == "8.8\telsewhere\n"


def test_module_entry_point_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "grok_tui", "run", "3.1", "--json"], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    first = next(row for row in map(json.loads, proc.stdout.splitlines()) if "step" in row)
    assert math.isclose(first["pred"], 0.85, rel_tol=1e-9)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a forkserver's Unix socket")
def test_lessons_run_with_a_temp_folder_too_long_for_a_unix_socket(tmp_path):
    """A cluster job's TMPDIR can be longer than a Unix socket's path may be, and the forkserver's
    socket lives there: every run failed with "AF_UNIX path too long"."""
    long = tmp_path / "x".ljust(100 - len(str(tmp_path)), "x")
    long.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "grok_tui", "run", "3.1"],
        env={**os.environ, "TMPDIR": str(long)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "pred = 0.9" in proc.stdout


def test_an_exercise_given_where_a_lesson_is_wanted_is_named_as_one(capsys):
    """`grok-tui run 3.2/w_sum` (and `grok-tui 3.2/w_sum`, `export ...`) said only "no lesson '3.2/w_sum'"."""
    for args in (("run", "3.2/w_sum"), ("3.2/w_sum",)):
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and "LESSON/NAME is an exercise, which `grok-tui edit`, `hint` and `verify` take" in err
        assert err.rstrip().endswith("the lesson is `3.2`"), err


def test_the_shell_is_told_the_progress_is_kept_and_where_the_tutor_reopens():
    """A newcomer quit and saw nothing in the shell: was the work kept, where would it start?"""
    from types import SimpleNamespace

    from grok_tui.cli.main import farewell
    from grok_tui.lesson.catalog import default_lessons_dir
    from grok_tui.progress import Progress

    progress = Progress.load()
    course = SimpleNamespace(root=default_lessons_dir(), get=lambda lesson_id: lesson_id == "4.3" or None)
    quit_app = SimpleNamespace(saved_elsewhere=[], progress=progress, crash_error=None, catalog=course)
    assert farewell(quit_app) == []  # nothing opened yet: nothing to come back to
    progress.open_lesson("4.3")
    assert farewell(quit_app) == ["grok-tui: your progress is saved; `grok-tui` brings you back to 4.3"]
    # a teacher's course: a plain `grok-tui` opened the bundled one, which has no such lesson
    mine = SimpleNamespace(root=Path("/srv/mine"), get=lambda lesson_id: lesson_id == "4.3" or None)
    own = SimpleNamespace(saved_elsewhere=[], progress=progress, crash_error=None, catalog=mine)
    assert farewell(own) == ["grok-tui: your progress is saved; `grok-tui --lessons /srv/mine` brings you back to 4.3"]
    # a course without the lesson opened last (the bundled course's 6.4): no promise to bring it back
    other = SimpleNamespace(root=Path("/srv/other"), get=lambda lesson_id: None)
    assert farewell(SimpleNamespace(saved_elsewhere=[], progress=progress, crash_error=None, catalog=other)) == []
    progress.unsaved[("4.3", "gd_step")] = "def gd_step(): ..."  # not saved: no such promise
    elsewhere = SimpleNamespace(
        saved_elsewhere=[Path("/tmp/x/gd_step.py")], progress=progress, crash_error=None, catalog=course
    )
    assert farewell(elsewhere) == ["your code was saved in /tmp/x/gd_step.py"]


def test_help_ends_with_the_course_folder_a_teacher_copies(capsys, monkeypatch):
    """docs/teaching.md has a teacher copy the course to add lessons; installed from a package index
    it sits in site-packages, and nothing said where."""
    monkeypatch.delenv("GROK_TUI_LESSONS", raising=False)
    with pytest.raises(SystemExit):
        main(["--help"])
    last = capsys.readouterr().out.rstrip().splitlines()[-1]
    assert last.startswith("The course's lesson files: ")
    folder = Path(last.removeprefix("The course's lesson files: ").split(" (")[0])
    assert sorted(p.name for p in folder.glob("ch*"))[:2] == ["ch2", "ch3"]


def test_progress_of_a_course_given_by_lessons_names_the_next_command_with_it(capsys, tmp_path):
    """A teacher's `grok-tui --lessons DIR progress` ended "Next: `grok-tui 9.1`", and that command
    answered "no lesson '9.1'": the bundled course has none."""
    (tmp_path / "9.1.md").write_text('+++\nid = "9.1"\nchapter = 9\ntitle = "Mine"\n+++\n```python\nx = 1\n```\n')
    code, out, _ = run_cli(capsys, "--lessons", str(tmp_path), "progress")
    assert code == 0, out
    assert f"Next: `grok-tui --lessons {tmp_path} 9.1`" in out, out
    code, out, _ = run_cli(capsys, "progress")  # the bundled course: as before
    assert "Next: `grok-tui " in out and "--lessons" not in out, out

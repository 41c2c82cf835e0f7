"""The follow-up commands that `verify`, `hint` and `edit` print name the course they were given
(`--lessons DIR`): a teacher's trial was told "`grok-tui edit 9.1/double` opens it", and that
command, run as printed, answered "no lesson '9.1'" (the default course has none)."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest

from grok_tui.cli import main
from grok_tui.exit_codes import EXIT_FAILED, EXIT_OK

LESSON = """\
+++
id = "9.1"
chapter = 9
title = "Doubling"

[exercises.double]
title = "Write double"
hints = ["Multiply x by 2."]
+++

```python exercise double
def double(x):
    return 0  # TODO
```

```python solution double
def double(x):
    return 2 * x
```

```python test double
assert double(3) == 6, "double(3) should be 6"
```
"""

SOLUTION = "def double(x):\n    return 2 * x\n"


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "my course"  # a space: the printed command must quote it
    root.mkdir()
    (root / "9.1.md").write_text(LESSON, encoding="utf-8")
    return root


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def follow_up(text: str, command: str) -> list[str]:
    """The printed `grok-tui COMMAND ...` as an argv (without grok-tui), as a shell would split it."""
    found = [shlex.split(m) for m in re.findall(r"`(grok-tui [^`]*)`", text)]
    mine = [words[1:] for words in found if command in words]
    assert mine, f"no `grok-tui ... {command}` in: {text}"
    return mine[0]


def test_verify_names_the_course_in_the_command_that_opens_an_exercise(capsys, course, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "true")  # the editor of the command run below: it changes nothing
    code, out, err = cli(capsys, "--lessons", str(course), "verify")
    assert code == EXIT_OK, out + err
    assert f"(`grok-tui --lessons {shlex.quote(str(course))} edit 9.1/double` opens it)" in out, out
    code, out, err = cli(capsys, "--lessons", str(course), "verify", "9.1/double")
    assert code == EXIT_FAILED, out + err  # not started yet
    argv = follow_up(out, "edit")
    assert argv == ["--lessons", str(course), "edit", "9.1/double"], out
    # run as printed: the course's exercise opens (an editor that changes nothing)
    code, out, err = cli(capsys, *argv)
    assert code == EXIT_OK, out + err
    assert "No change to 9.1/double" in out, out


def test_hint_names_the_course_in_the_command_that_gives_the_hint(capsys, course) -> None:
    code, out, err = cli(capsys, "--lessons", str(course), "hint")
    assert code == EXIT_OK, out + err
    assert "no hint spent" in out, out
    argv = follow_up(out, "hint")
    assert argv == ["--lessons", str(course), "hint", "9.1/double"], out
    code, out, err = cli(capsys, *argv)
    assert code == EXIT_OK, out + err
    assert "Hint 1/1: Multiply x by 2." in out, out


def test_a_usage_answer_names_the_course_in_the_command_it_suggests(capsys, course) -> None:
    """`hint double` (the exercise's name alone) is answered with the command meant, on stderr."""
    code, _, err = cli(capsys, "--lessons", str(course), "hint", "double")
    assert code == 2, err
    argv = follow_up(err, "hint")
    assert argv == ["--lessons", str(course), "hint", "9.1/double"], err
    code, out, err = cli(capsys, *argv)
    assert code == EXIT_OK and "Hint 1/1" in out, out + err


def test_edit_names_the_course_in_the_command_that_checks_the_code(capsys, course, tmp_path, monkeypatch) -> None:
    editor = tmp_path / "editor.py"  # an editor that writes the solution into the file it is given
    editor.write_text(f"import sys\nopen(sys.argv[1], 'w').write({SOLUTION!r})\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(editor))}")
    code, out, err = cli(capsys, "--lessons", str(course), "edit", "9.1/double")
    assert code == EXIT_OK, out + err
    argv = follow_up(out, "verify")
    assert argv == ["--lessons", str(course), "verify", "9.1/double"], out
    code, out, err = cli(capsys, *argv)
    assert code == EXIT_OK, out + err
    assert "✓ 9.1/double" in out, out


def test_the_default_course_is_named_as_before(capsys, monkeypatch) -> None:
    """The bundled course, given or not, is the default one: its commands stay as they were."""
    code, out, _ = cli(capsys, "verify", "3.2/w_sum")
    assert code == EXIT_FAILED and "`grok-tui edit 3.2/w_sum` opens it" in out, out
    code, out, _ = cli(capsys, "hint")
    assert "`grok-tui hint " in out and "--lessons" not in out, out


@pytest.mark.parametrize("command", ["run", "export"])
def test_run_and_export_without_an_id_name_the_course_in_the_list_command(capsys, course, command) -> None:
    code, _, err = cli(capsys, "--lessons", str(course), command)
    assert code == 2, err
    argv = follow_up(err, "list")
    assert argv == ["--lessons", str(course), "list"], err
    code, out, err = cli(capsys, *argv)
    assert code == EXIT_OK and out.startswith("9.1\tDoubling"), out + err


def test_the_farewell_of_a_course_in_a_folder_with_a_space_quotes_it(tmp_path) -> None:
    """`grok-tui --lessons /srv/my course` was printed unquoted: the shell read two words."""
    from types import SimpleNamespace

    from grok_tui.cli.main import farewell
    from grok_tui.progress import Progress

    progress = Progress.load()
    progress.open_lesson("9.1")
    root = tmp_path / "my course"
    app = SimpleNamespace(
        saved_elsewhere=[],
        progress=progress,
        crash_error=None,
        catalog=SimpleNamespace(root=root, get=lambda lesson_id: lesson_id == "9.1" or None),
    )
    said = f"grok-tui: your progress is saved; `grok-tui --lessons {shlex.quote(str(root))}` brings you back to 9.1"
    assert farewell(app) == [said]


def test_every_exercise_passed_is_said_with_one_of_this_courses(capsys, course, monkeypatch) -> None:
    """`hint` with no id, every exercise passed: "e.g. `grok-tui edit 3.2/w_sum`", the bundled
    course's exercise and without --lessons (exit 2 both ways)."""
    from grok_tui.progress import Progress

    Progress.load().record_pass("9.1", "double", SOLUTION)
    code, _, err = cli(capsys, "--lessons", str(course), "hint")
    assert code == 2, err
    argv = follow_up(err, "edit")
    assert argv == ["--lessons", str(course), "edit", "9.1/double"], err


def test_a_courses_progress_counts_its_own_predictions_only(capsys, course) -> None:
    """A teacher's course without questions: "Predictions: 0/3 right", the bundled course's."""
    from grok_tui.answers import record_answer
    from grok_tui.progress import Progress

    record_answer(Progress.load().root, "predict/6.4/2/layer_2", "0.1", False)
    code, out, _ = cli(capsys, "--lessons", str(course), "progress")
    assert code == EXIT_OK and "Predictions" not in out, out
    code, out, _ = cli(capsys, "progress")
    assert "Predictions: 0/1 right" in out, out

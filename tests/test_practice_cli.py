"""rustlings habits: `grok-tui hint`, `verify`, `edit`; global options anywhere; the help; a terminal
that cannot show the tutor. (Which exercise they take without an exact id:
test_cli_which_exercise.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from grok_tui.cli import main
from grok_tui.engine.exercises import check_code
from grok_tui.progress import Progress
from tests.conftest import LESSONS
from tests.lessons_util import COURSE

W_SUM = COURSE.get("3.2").exercise("w_sum")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_hint_prints_the_next_hint_and_counts_it_as_the_tutor_does(capsys) -> None:
    code, out, _ = cli(capsys, "hint", "3.2/w_sum")
    assert code == 0
    assert f"Hint 1/{len(W_SUM.hints)}: {W_SUM.hints[0]}" in out
    assert Progress.load().hints_shown("3.2", "w_sum") == 1  # the exercise screen shows 1 too
    code, out, _ = cli(capsys, "hint", "3.2")  # a lesson: its next unsolved exercise
    assert f"Hint 2/{len(W_SUM.hints)}: {W_SUM.hints[1]}" in out
    for _ in W_SUM.hints:
        cli(capsys, "hint", "3.2/w_sum")
    code, out, _ = cli(capsys, "hint", "3.2/w_sum")
    assert code == 0 and "Every hint of 3.2/w_sum is shown already" in out
    assert Progress.load().hints_shown("3.2", "w_sum") == len(W_SUM.hints)
    Progress.load().record_pass("3.2", "w_sum", W_SUM.solution.source)
    Progress.load().reset_exercise("3.2", "w_sum")
    Progress.load().record_pass("3.2", "w_sum", W_SUM.solution.source)  # passed, hints counted again from 0
    code, out, _ = cli(capsys, "hint", "3.2/w_sum")  # a hint of a passed exercise says it passes
    assert code == 0 and out.startswith("3.2/w_sum (") and "(it passes already)" in out.splitlines()[0], out
    Progress.load().save_draft("3.2", "w_sum", W_SUM.stub.source)  # changed after the pass: fails now
    first = cli(capsys, "hint", "3.2/w_sum")[1].splitlines()[0]
    assert (
        "passes already" not in first
        and "(passed before; your code changed since: `grok-tui verify 3.2/w_sum`)" in first
    )


@pytest.mark.parametrize("command", [["hint"], ["verify"], ["edit"], ["reset", "--yes"]])
def test_a_wrong_exercise_is_named_in_one_line_with_the_lessons_exercises(capsys, command) -> None:
    code, out, err = cli(capsys, command[0], "3.2/wsum", *command[1:])
    assert (code, out) == (2, "")
    assert err == "grok-tui: lesson 3.2 has no exercise 'wsum' (its exercises: w_sum)\n"


def test_verify_fails_with_the_screens_message_then_passes_and_records(capsys) -> None:
    progress = Progress.load()
    code, out, _ = cli(capsys, "verify", "3.2/w_sum")
    assert code == 1 and "not started yet" in out and "grok-tui edit 3.2/w_sum" in out
    progress.save_draft("3.2", "w_sum", W_SUM.stub.source)
    code, out, _ = cli(capsys, "verify", "3.2/w_sum")
    verdict = check_code(W_SUM, W_SUM.stub.source)
    assert code == 1
    assert f"3.2/w_sum: {verdict.headline}" in out
    assert all(line in out for line in verdict.details)  # the same lines the exercise screen shows
    progress.save_draft("3.2", "w_sum", W_SUM.solution.source)
    code, out, _ = cli(capsys, "verify", "3.2/w_sum")
    assert code == 0 and out.startswith("✓ 3.2/w_sum: Passed!")
    assert Progress.load().exercise_done("3.2", "w_sum")


def test_verify_with_a_progress_file_it_may_not_write_still_gives_the_verdict(capsys, private_data_dir) -> None:
    """A progress.json of a newer grok-tui: `verify` said only "could not save your progress:
    [Errno 13] was written by a newer grok-tui (format 99)", no verdict, and exit 1."""
    import json

    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "progress.json").write_text(json.dumps({"format": 99, "lessons": {}, "exercises": {}}))
    Progress.load().save_draft("3.2", "w_sum", W_SUM.solution.source)  # drafts live beside it
    code, out, err = cli(capsys, "verify", "3.2/w_sum")
    assert code == 0 and out.startswith("✓ 3.2/w_sum: Passed!"), out
    path = private_data_dir / "progress.json"
    said = f"grok-tui: the pass of 3.2/w_sum is not recorded: {path} was written by a newer grok-tui (format 99)"
    assert err.startswith("note: Your progress is shown but not saved") and err.splitlines()[-1] == said


def test_verify_of_the_course_tells_the_first_begun_exercise_that_does_not_pass_in_full(capsys) -> None:
    first_lesson, first = next((l, e) for l in COURSE.lessons for e in l.exercises)
    Progress.load().save_draft(first_lesson.id, first.name, first.solution.source)
    ele_mul = COURSE.get("3.3").exercise("ele_mul")
    Progress.load().save_draft("3.3", "ele_mul", ele_mul.stub.source)
    Progress.load().save_draft("3.6", "vect_mat_mul", COURSE.get("3.6").exercise("vect_mat_mul").stub.source)
    code, out, _ = cli(capsys, "verify")
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith(f"✓ {first_lesson.id}/{first.name}")
    assert lines[1] == f"✗ 3.3/ele_mul: {check_code(ele_mul, ele_mul.stub.source).headline}"  # 3.3/dot: not begun
    assert lines[2].startswith("  ")  # the whole message; then on, the next failing one in a line
    told = [line for line in lines if line.startswith("✗ 3.6/vect_mat_mul: ")]
    assert len(told) == 1 and lines[-1].startswith("1 of the 3 exercises you began pass; 2 do not"), out


def _fake_editor(tmp_path: Path, text: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\nopen(sys.argv[1], 'w').write({text!r})\n", encoding="utf-8")
    return f"{sys.executable} {script}"


def test_edit_opens_the_draft_in_the_editor_then_verify_passes(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, W_SUM.solution.source))
    code, out, _ = cli(capsys, "edit", "3.2/w_sum")
    assert code == 0 and "grok-tui verify 3.2/w_sum" in out
    assert Progress.load().load_draft("3.2", "w_sum") == W_SUM.solution.source
    assert cli(capsys, "verify", "3.2/w_sum")[0] == 0


def test_edit_starts_the_file_from_the_stub(capsys, tmp_path, monkeypatch) -> None:
    seen = tmp_path / "seen.txt"
    script = tmp_path / "peek.py"
    script.write_text(f"import sys, shutil\nshutil.copy(sys.argv[1], {str(seen)!r})\n", encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    assert cli(capsys, "edit", "3.2/w_sum")[0] == 0
    # with its line break: an editor's appended line joined the stub's last (`return 0# mine`)
    assert seen.read_text() == W_SUM.stub.source.rstrip("\n") + "\n"


def test_edit_of_a_lesson_opens_its_next_exercise_to_do(capsys, tmp_path, monkeypatch) -> None:
    """`edit 3.3` was refused ("edit needs LESSON/EXERCISE") while `hint 3.3` and `verify 3.3` took
    the lesson's id."""
    ele_mul = COURSE.get("3.3").exercise("ele_mul")
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, ele_mul.solution.source))
    code, out, _ = cli(capsys, "edit", "3.3")
    assert code == 0 and out.startswith("Opening 3.3/ele_mul (") and "grok-tui verify 3.3/ele_mul" in out
    assert cli(capsys, "verify", "3.3/ele_mul")[0] == 0
    dot = COURSE.get("3.3").exercise("dot")
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, dot.solution.source))
    code, out, _ = cli(capsys, "edit", "3.3")  # ele_mul passed: the next one to do is dot
    assert code == 0 and out.startswith("Opening 3.3/dot (") and "passes already" not in out
    Progress.load().record_pass("3.3", "dot", dot.solution.source)
    code, out, _ = cli(capsys, "edit", "3.3")
    assert code == 0 and out.startswith("Opening 3.3/ele_mul (") and "every exercise of 3.3 passes already" in out
    code, _, err = cli(capsys, "edit", "3.1")  # the command asked, not `hint` (a trial)
    assert code == 2 and "lesson 3.1 has no exercises; the next lesson with one is 3.2 (`grok-tui edit 3.2`)" in err
    code, _, err = cli(capsys, "verify", "3.1")
    assert code == 2 and "(`grok-tui verify 3.2`)" in err
    code, _, err = cli(capsys, "hint", "3.1")
    assert code == 2 and "(`grok-tui hint 3.2`)" in err
    # an $EDITOR shlex cannot split: one line, not a traceback
    monkeypatch.setenv("EDITOR", "'vim")
    monkeypatch.delenv("VISUAL", raising=False)
    code, _, err = cli(capsys, "edit", "3.2")
    assert code == 2 and err.startswith("grok-tui: $EDITOR is not a command line (No closing quotation): 'vim"), err


def test_global_options_before_or_after_the_subcommand(capsys, tmp_path) -> None:
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "a.md").write_text((LESSONS / "ch3" / "3.1-one-input-one-weight.md").read_text())
    for argv in (
        ["--lessons", str(folder), "list"],
        ["list", "--lessons", str(folder)],
        [f"--lessons={folder}", "list"],
    ):
        code, out, _ = cli(capsys, *argv)
        assert (code, out) == (0, "3.1\tOne input, one weight\n"), argv


def test_help_lists_every_subcommand_with_one_line(capsys) -> None:
    from grok_tui.cli.main import SUBCOMMANDS

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    lines = out.splitlines()
    for name, text in SUBCOMMANDS.items():
        assert f"  {name}" in out and any(line.split()[:1] == [name] and text in line for line in lines), name
    from grok_tui.settings import settings_path

    assert f"Settings (theme, speed, [keys]): {settings_path()}" in lines
    from grok_tui.progress import data_dir  # where a teacher finds a learner's work

    assert f"Your progress, answers and code: {data_dir()} (GROK_TUI_DATA moves it)" in lines


@pytest.mark.parametrize("env, stdin", [({"TERM": "dumb"}, None), ({"TERM": "xterm"}, subprocess.DEVNULL)])
def test_a_terminal_that_cannot_show_the_tutor_gets_one_line_and_exit_2(env, stdin, tmp_path) -> None:
    # stdout is a pipe here as well: either is reason enough
    done = subprocess.run(
        [sys.executable, "-m", "grok_tui"],
        env={"PATH": "", **env, "GROK_TUI_DATA": str(tmp_path)},
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "grok-tui --help" in lines[0] and "verify" in lines[0]


def test_the_terminal_check_names_the_reason(monkeypatch) -> None:
    from grok_tui.cli.main import terminal_problem

    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert terminal_problem() == "TERM=dumb cannot draw the tutor's screen"
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")
    assert terminal_problem() == ""  # the browser mode runs the tutor without a terminal


def test_a_closed_pipe_is_not_called_a_progress_problem(capsys, monkeypatch) -> None:
    """`grok-tui edit 3.6 | head` said "could not save your progress: [Errno 32] Broken pipe"."""
    from grok_tui.cli import practice

    def closed(args, catalog):
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(practice, "_edit", closed)
    code, _, err = cli(capsys, "edit", "3.6")
    assert code == 0 and "progress" not in err


def test_edit_ends_an_editors_unfinished_line_before_saying_saved(capsys, tmp_path, monkeypatch) -> None:
    """EDITOR=cat printed a draft the tutor saved without a final line break, and "Saved ..." went on
    the same line: `    return []Saved 3.3/ele_mul in ...`."""
    script = tmp_path / "cat.py"
    script.write_text("import sys\nsys.stdout.write(open(sys.argv[1]).read())\n", encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    Progress.load().save_draft("3.2", "w_sum", "def w_sum(a, b):\n    return 0")
    code, out, _ = cli(capsys, "edit", "3.2/w_sum")
    # the editor changed nothing: not "Saved" (a learner who only looked was told it was); the draft
    # the tutor saved without a last line break got one for the editor (an editor's appended line
    # joined it: `return 0# hi`, a trial), and is put back as it was when the editor left it so
    assert code == 0 and out.lstrip("\n").startswith("No change to 3.2/w_sum ("), repr(out)
    assert Progress.load().load_draft("3.2", "w_sum") == "def w_sum(a, b):\n    return 0"
    Progress.load().save_draft("3.2", "w_sum", "def w_sum(a, b):\n    return 0\n")
    code, out, _ = cli(capsys, "edit", "3.2/w_sum")
    assert code == 0 and out.startswith("No change to 3.2/w_sum ("), repr(out)
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, W_SUM.solution.source))
    code, out, _ = cli(capsys, "edit", "3.2/w_sum")
    assert code == 0 and out.lstrip("\n").startswith("Saved 3.2/w_sum in "), repr(out)


@pytest.mark.parametrize(
    "editor, said",
    [
        ("-c pass", "No change to 5.5/outer_prod: nothing saved, it is not started yet.\n"),
        ("-c 'raise SystemExit(3)'", "grok-tui: the editor ended with status 3; nothing was saved\n"),
    ],
)
def test_an_edit_that_changes_nothing_leaves_no_draft(capsys, monkeypatch, editor, said) -> None:
    """`EDITOR=cat grok-tui edit 5.5` said "No change" but kept the stub as the learner's draft:
    `verify 5.5` then said "Not yet: a test failed", not "not started yet"."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    _, edited, err = cli(capsys, "edit", "5.5")
    assert not Progress.load().draft_path("5.5", "outer_prod").exists()
    code, out, _ = cli(capsys, "verify", "5.5")
    assert code == 1 and out.startswith("· 5.5/outer_prod: not started yet"), out
    assert said in (edited + err), (edited, err)  # not "your code is in" a file there is not


def test_an_edit_that_changes_nothing_keeps_the_draft_as_it_was(capsys, monkeypatch) -> None:
    """The same for code there already: a draft the tutor saved (no last line break) keeps its bytes
    and its time (the draft changed last is where `hint` goes), the code it passed with stays the
    only code (no draft made of it), and an editor that cannot start leaves nothing either."""
    import os

    outer = COURSE.get("5.5").exercise("outer_prod")
    progress = Progress.load()
    progress.save_draft("3.2", "w_sum", "def w_sum(a, b):\r\n    return 0")
    draft = progress.draft_path("3.2", "w_sum")
    os.utime(draft, (1_000_000_000, 1_000_000_000))
    progress.record_pass("5.5", "outer_prod", outer.solution.source)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} -c pass")
    code, out, _ = cli(capsys, "edit", "3.2/w_sum")
    assert code == 0 and out.startswith("No change to 3.2/w_sum ("), out
    assert draft.read_bytes() == b"def w_sum(a, b):\r\n    return 0" and draft.stat().st_mtime == 1_000_000_000
    code, out, _ = cli(capsys, "edit", "5.5/outer_prod")
    assert (code, out) == (0, "No change to 5.5/outer_prod. `grok-tui verify 5.5/outer_prod` checks it.\n")
    assert not Progress.load().draft_path("5.5", "outer_prod").exists()
    monkeypatch.setenv("EDITOR", "/no/such/editor")
    code, _, err = cli(capsys, "edit", "4.1")
    assert code == 2 and "could not start the editor" in err
    assert not Progress.load().draft_path("4.1", "squared_error").exists()


def test_edit_with_no_editor_chosen_and_no_terminal_says_so(capsys, monkeypatch) -> None:
    """`grok-tui edit 3.3 </dev/null` with no $EDITOR started vim: escape codes, then "Vim: Error
    reading input", then "the editor ended with status 1"."""
    import shutil

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: "/usr/bin/vim" if name == "vim" else None)
    code, out, err = cli(capsys, "edit", "3.2")  # pytest's stdin is no terminal
    assert (code, out) == (2, "")  # not "Opening 3.3/ele_mul" first, then the refusal
    assert err == "grok-tui: edit needs a terminal for vim (or set $EDITOR).\n"  # no draft yet: no file to name


def test_verify_says_a_damaged_draft_was_set_aside_not_only_not_started(capsys, private_data_dir) -> None:
    """Random bytes in 4.2's draft: `verify` said "not started yet" and moved the file, saying nothing."""
    draft = Progress.load().draft_path("4.2", "hot_cold_step")
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes(b"\xff\xfe\x00\x81garbage")
    code, out, err = cli(capsys, "verify", "4.2/hot_cold_step")
    assert code == 1 and "not started yet" in out
    assert err.startswith("note: Your draft of 4.2/hot_cold_step could not be read; it was kept as\n"), err
    assert "The exercise starts from its stub." in err

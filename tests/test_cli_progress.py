"""`grok-tui progress` and `grok-tui reset` as the learner reads them: the marks explained, what is
next, a reset that says what it did, over the bundled course and a small fixture course."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from grok_tui.cli import main
from grok_tui.course_marks import LEGEND
from grok_tui.progress import Progress

LESSON = """\
+++
id = "{id}"
chapter = {chapter}
chapter_title = "Fixture chapter {chapter}"
title = "Lesson {id}"
+++

```python exercise w_sum
def w_sum(a, b):
    return 0  # TODO
```

```python solution w_sum
def w_sum(a, b):
    return sum(x * y for x, y in zip(a, b))
```

```python test w_sum
assert w_sum([1], [2]) == 2, "w_sum([1], [2]) should be 2"
```
"""


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "lessons"
    for lesson_id, chapter in (("8.1", 8), ("8.2", 8), ("9.1", 9)):
        (root / f"{lesson_id}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / f"{lesson_id}.md").write_text(LESSON.format(id=lesson_id, chapter=chapter), encoding="utf-8")
    return root


def mine(text: str, course) -> str:
    """`text`'s commands as `progress --lessons COURSE` names them (that course is not the default)."""
    return text.replace("`grok-tui ", f"`grok-tui --lessons {course} ")


def run_cli(capsys, *argv: str, stdin: str = "", tty: bool = False, monkeypatch=None) -> tuple[int, str, str]:
    fake = io.StringIO(stdin)
    fake.isatty = lambda: tty  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", fake)
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def cli(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    return run_cli(capsys, *args, monkeypatch=monkeypatch)


def test_progress_marks_lessons_as_the_contents_does_and_says_what_the_marks_mean(capsys, monkeypatch) -> None:
    p = Progress.load()
    p.open_lesson("3.1")
    p.finish_lesson("3.1")  # no exercises: complete
    p.finish_lesson("3.2")  # run to the end, w_sum not passed
    p.open_lesson("3.3")
    code, out, _ = cli(capsys, monkeypatch, "progress")
    lines = out.splitlines()
    assert code == 0
    assert "  ✓ 3.1 One input, one weight" in lines
    assert any(line.startswith("  ◐ 3.2 ") for line in lines)
    assert any(line.startswith("  • 3.3 ") for line in lines)
    assert any(line.startswith("    3.4 ") for line in lines)
    assert LEGEND == "✓ complete  ◐ run done, exercises to do  • opened"  # the contents' own words
    assert lines.count(LEGEND) == 1
    assert lines.index(LEGEND) > max(i for i, line in enumerate(lines) if line.startswith("  "))


@pytest.mark.parametrize("target", ["3.1", "3.2/w_sum"])
def test_reset_of_nothing_says_so_and_asks_nothing(capsys, monkeypatch, target: str) -> None:
    # no --yes and no terminal: there is nothing to confirm, so no refusal either
    assert cli(capsys, monkeypatch, "reset", target) == (0, f"{target} had no progress to reset.\n", "")
    assert cli(capsys, monkeypatch, "reset", target, "--yes")[1] == f"{target} had no progress to reset.\n"


def test_reset_all_of_nothing_says_so_and_makes_no_backups(capsys, monkeypatch, private_data_dir) -> None:
    """`reset --all` said "Reset everything." and kept backups of nothing."""
    assert cli(capsys, monkeypatch, "reset", "--all") == (0, "There was no progress to reset.\n", "")
    assert not private_data_dir.exists() or not any(private_data_dir.glob("*.bak-*"))
    Progress.load().open_lesson("3.1")
    code, out, _ = cli(capsys, monkeypatch, "reset", "--all", "--yes")
    assert code == 0 and out.startswith("Reset everything.\n  kept ") and Progress.load().lessons == {}


def test_reset_of_the_lesson_left_off_at_keeps_it_as_the_last_lesson(capsys, monkeypatch) -> None:
    Progress.load().open_lesson("3.1")
    code, out, _ = cli(capsys, monkeypatch, "reset", "3.1", "--yes")
    assert (code, out) == (0, "Reset 3.1.\n")
    after = Progress.load()
    assert after.lesson_state("3.1") == "" and after.last_lesson == "3.1"


def test_reset_forgets_quiz_answers_and_predictions_too(capsys, monkeypatch, private_data_dir) -> None:
    """A teacher tried the accounts before class and reset them: `reset --all` said "Reset
    everything." and the quiz results stayed (answers.json), and `reset 4.5` said 4.5 "had no
    progress to reset" with its predictions still answered."""
    from grok_tui.answers import load_answers, record_answer

    record_answer(private_data_dir, "predict/4.4/3/pred", "0.9", True)
    record_answer(private_data_dir, "predict/4.5/2/pred", "0.2", False)
    code, out, _ = cli(capsys, monkeypatch, "reset", "4.5", "--yes")
    assert (code, out) == (0, "Reset 4.5.\n")
    assert list(load_answers(private_data_dir)["latest"]) == ["predict/4.4/3/pred"]
    assert cli(capsys, monkeypatch, "reset", "4.5", "--yes")[1] == "4.5 had no progress to reset.\n"
    record_answer(private_data_dir, "quiz/4/1", "-0.275", True)
    code, out, _ = cli(capsys, monkeypatch, "reset", "--all", "--yes")
    assert code == 0 and out.startswith("Reset everything.\n") and "answers.json.bak-" in out
    assert load_answers(private_data_dir) == {"latest": {}, "history": []}


def test_progress_command_text_and_json(course, capsys, monkeypatch):
    p = Progress.load()
    p.open_lesson("8.1")
    p.finish_lesson("8.1")
    p.record_pass("8.1", "w_sum", "code")
    p.open_lesson("8.2")
    code, out, _ = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 0
    assert "Chapter 8 Fixture chapter 8: lessons 1/2 complete, 1 started; exercises 1/2 done" in out
    assert "✓ 8.1 Lesson 8.1" in out and "Last lesson: 8.2 Lesson 8.2" in out
    assert mine("\nNext: `grok-tui 8.2` (1 exercise to do)\n", course) in out  # the list ended without where to go on
    code, out, _ = run_cli(capsys, "progress", "--json", "--lessons", str(course), monkeypatch=monkeypatch)
    data = json.loads(out)
    ch8, ch9 = data["chapters"]
    assert (ch8["lessons_done"], ch8["lessons_started"], ch8["exercises_done"], ch8["exercises_total"]) == (1, 1, 1, 2)
    assert (ch9["lessons_done"], ch9["exercises_done"]) == (0, 0)
    assert ch8["lessons_complete"] == 1  # the text's "lessons 1/2 complete" (JSON had only "done", ◐ too)
    assert data["last_lesson"] == "8.2"
    p.open_lesson("9.3")  # a lesson of another course (a teacher's folder) last
    out = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)[1]
    assert "Last lesson: none in this course" in out and "9.3" not in out
    p.open_lesson("8.2")
    p.save_draft("8.2", "w_sum", "def w_sum(a, b):\n    return")
    out = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)[1]
    assert (
        mine("\nNext: `grok-tui 8.2` (your draft of 8.2/w_sum waits: `grok-tui edit 8.2/w_sum` opens it", course) in out
    )
    p.record_pass("8.2", "w_sum", "code")
    p.finish_lesson("8.2")
    out = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)[1]
    assert mine("\nNext: `grok-tui 9.1` (Lesson 9.1)\n", course) in out
    # the lesson after the last one is complete already (done on another day): the one after that
    p.open_lesson("8.1")
    p.finish_lesson("8.1")
    out = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)[1]
    assert mine("\nNext: `grok-tui 9.1` (Lesson 9.1)\n", course) in out, out


def test_progress_says_a_damaged_file_last_where_it_stays_in_view(course, capsys, monkeypatch, private_data_dir):
    """Said before ~55 lines of listing, the note scrolled out of an 80x24 terminal (a trial)."""
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "progress.json").write_text("{ not json")
    code, _out, err = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 0 and err.count("note: Your progress file could not be read") == 2, err
    assert err.rstrip().endswith("(Expecting property name enclosed in double quotes: line 1 column 3 (char 2))"), err


def test_reset_refuses_without_a_terminal_or_yes(course, capsys, monkeypatch):
    Progress.load().record_pass("8.1", "w_sum", "code")
    code, _, err = run_cli(capsys, "reset", "8.1/w_sum", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 2 and "--yes" in err
    assert Progress.load().exercise_done("8.1", "w_sum")


def test_reset_asks_and_respects_no(course, capsys, monkeypatch):
    Progress.load().record_pass("8.1", "w_sum", "code")
    code, out, _ = run_cli(
        capsys, "reset", "8.1", "--lessons", str(course), stdin="n\n", tty=True, monkeypatch=monkeypatch
    )
    assert code == 0 and "Nothing was reset" in out
    assert Progress.load().exercise_done("8.1", "w_sum")
    code, out, _ = run_cli(
        capsys, "reset", "8.1", "--lessons", str(course), stdin="y\n", tty=True, monkeypatch=monkeypatch
    )
    assert code == 0 and "Reset 8.1" in out
    assert not Progress.load().exercise_done("8.1", "w_sum")


def test_ctrl_c_at_the_reset_question_is_a_no_on_a_line_of_its_own(course, capsys, monkeypatch):
    """ctrl+c at "[y/N]" left the shell's prompt on the question's line (^Croot@host:)."""
    Progress.load().record_pass("8.1", "w_sum", "code")

    def interrupted(prompt: str) -> str:
        print(prompt, end="")
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupted)
    code, out, _ = run_cli(capsys, "reset", "8.1", "--lessons", str(course), tty=True, monkeypatch=monkeypatch)
    assert code == 0 and out.endswith("[y/N] \nNothing was reset.\n"), out
    assert Progress.load().exercise_done("8.1", "w_sum")


def test_reset_with_yes_keeps_the_code(course, capsys, monkeypatch):
    p = Progress.load()
    p.save_draft("8.1", "w_sum", "my attempt")
    code, out, _ = run_cli(capsys, "reset", "8.1/w_sum", "--yes", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 0 and "kept" in out
    assert [b.read_text() for b in p.draft_path("8.1", "w_sum").parent.glob("w_sum.py.bak-*")] == ["my attempt"]


def test_reset_all(course, capsys, monkeypatch):
    Progress.load().open_lesson("8.1")
    code, _, _ = run_cli(capsys, "reset", "--all", "--yes", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 0 and Progress.load().lessons == {}


@pytest.mark.parametrize("argv", [["reset", "7.7"], ["reset", "8.1/nope"], ["reset"], ["reset", "8.1", "--all"]])
def test_reset_unknown_ids_and_bad_usage_are_one_line_errors(course, capsys, monkeypatch, argv):
    code, out, err = run_cli(capsys, *argv, "--yes", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and err.startswith("grok-tui: ")


def test_reset_that_cannot_write_is_a_one_line_error(course, capsys, monkeypatch):
    Progress.load().open_lesson("3.1")  # something to reset (with nothing, reset --all writes nothing)

    def refuse(path, text):
        raise OSError(30, "Read-only file system", str(path))

    monkeypatch.setattr("grok_tui.progress.atomic_write", refuse)
    code, out, err = run_cli(capsys, "reset", "--all", "--yes", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("grok-tui: could not reset")


def test_progress_and_reset_do_not_import_textual(course):
    probe = (
        "import sys, contextlib, io\nfrom grok_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['progress', '--lessons', {str(course)!r}])\n"
        f"    main(['reset', '--all', '--yes', '--lessons', {str(course)!r}])\n"
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_the_chapter_line_counts_lessons_as_their_marks_do(course, capsys, monkeypatch):
    """ "lessons 9/9 done" stood above three ◐ lessons (run, exercises to do): the line counted runs,
    the marks counted runs and exercises. Both count the same now."""
    p = Progress.load()
    for lesson in ("8.1", "8.2"):
        p.open_lesson(lesson)
        p.finish_lesson(lesson)
    p.record_pass("8.1", "w_sum", "code")
    code, out, _ = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 0
    assert "Chapter 8 Fixture chapter 8: lessons 1/2 complete, 1 run with exercises to do, 0 started" in out, out
    assert "✓ 8.1" in out and "◐ 8.2" in out


def test_after_the_last_lesson_next_names_what_is_left_or_says_the_course_is_complete(course, capsys, monkeypatch):
    """Every lesson run, the last one last: "Next: `grok-tui 7.6`" sent the learner back to the
    lesson they had just finished, whatever was left elsewhere."""
    p = Progress.load()
    for lesson in ("8.1", "8.2", "9.1"):
        p.open_lesson(lesson)
        p.finish_lesson(lesson)
    p.record_pass("9.1", "w_sum", "code")
    _, out, _ = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert mine("\nNext: `grok-tui 8.1` (Lesson 8.1: exercises to do)\n", course) in out, out
    p = Progress.load()
    for lesson in ("8.1", "8.2"):
        p.record_pass(lesson, "w_sum", "code")
    p.open_lesson("9.1")  # the last one, where the learner was
    p.finish_lesson("9.1")
    _, out, _ = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert "\nNext: nothing: every lesson run and every exercise passed. The course is complete.\n" in out, out


def test_with_a_lesson_file_that_did_not_load_the_course_is_not_called_complete(course, capsys, monkeypatch):
    """Every lesson that loaded complete, one file broken: "The course is complete." sat under the
    warning that a lesson did not load."""
    (course / "9.2.md").write_text("+++\nid = \n+++\n", encoding="utf-8")
    p = Progress.load()
    for lesson in ("8.1", "8.2", "9.1"):
        p.open_lesson(lesson)
        p.finish_lesson(lesson)
        p.record_pass(lesson, "w_sum", "code")
    code, out, err = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert code == 0 and "9.2.md" in err, err
    assert "The course is complete" not in out, out
    assert (
        "\nNext: every lesson that loaded is run and its exercises passed; 1 lesson file did not load "
        "(the warning above).\n" in out
    ), out


def test_a_damaged_answers_file_is_a_note_as_a_damaged_progress_file_is(course, capsys, monkeypatch, private_data_dir):
    """The two notices began "note:" and "grok-tui:" (a trial)."""
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "answers.json").write_text("{ not json")
    _, _, err = run_cli(capsys, "progress", "--lessons", str(course), monkeypatch=monkeypatch)
    assert err.startswith("note: Your answers file (quizzes, predictions) could not be read"), err


def test_progress_says_a_quiz_left_partway_waits_and_how_to_go_on(capsys, monkeypatch):
    """Its Next line named the lesson only, after a quit in the middle of chapter 3's quiz (a trial)."""
    from grok_tui.answers import record_answer

    p = Progress.load()
    p.open_lesson("4.4")
    for question in (1, 2, 3):
        record_answer(p.root, f"quiz/3/{question}", "1", question != 3)
    out = run_cli(capsys, "progress", monkeypatch=monkeypatch)[1]
    assert (
        "\nAlso waiting: the chapter 3 quiz, stopped after question 3 of 6; in the tutor, ctrl+p then `quiz 3`" in out
    )
    for question in (4, 5, 6):
        record_answer(p.root, f"quiz/3/{question}", "1", True)
    assert "Also waiting" not in run_cli(capsys, "progress", monkeypatch=monkeypatch)[1]


def test_progress_names_an_exercise_edited_since_it_passed(capsys, monkeypatch) -> None:
    """ "exercises 2/2" was said of 3.3 after its dot was broken, with nothing else (a trial): it is
    still counted (it passed), and named with the command that checks it."""
    p = Progress.load()
    p.open_lesson("3.3")
    p.record_pass("3.3", "dot", "def dot(a, b):\n    return sum(x * y for x, y in zip(a, b))\n")
    p.save_draft("3.3", "dot", "def dot(a, b):\n  return sum(\n")
    code, out, _ = cli(capsys, monkeypatch, "progress")
    assert code == 0
    line = "Edited since passing (counted as done above): 3.3/dot; `grok-tui verify 3.3/dot` checks it"
    assert line in out.splitlines(), out
    code, out, _ = cli(capsys, monkeypatch, "progress", "--json")
    assert json.loads(out)["edited_since_pass"] == ["3.3/dot"]


def test_progress_counts_the_hints_a_learner_was_shown(capsys, monkeypatch) -> None:
    """docs/teaching.md says `grok-tui hint` counts as a hint shown; progress said nothing of them."""
    p = Progress.load()
    p.open_lesson("3.3")
    p.show_hint("3.3", "dot", 2)
    _, out, _ = cli(capsys, monkeypatch, "progress")
    assert any(
        line.startswith("  • 3.3 ") and line.endswith("(exercises 0/2, 2 hints shown)") for line in out.splitlines()
    ), out
    _, out, _ = cli(capsys, monkeypatch, "progress", "--json")
    chapter_3 = next(ch for ch in json.loads(out)["chapters"] if ch["chapter"] == 3)
    assert chapter_3["hints_shown"] == 2
    assert next(r for r in chapter_3["lessons"] if r["id"] == "3.3")["hints_shown"] == 2

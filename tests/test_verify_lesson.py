"""`grok-tui verify LESSON` reports every exercise of the lesson; `grok-tui verify` (the course) checks
each exercise the learner began: the first that does not pass told in full, the rest a line each."""

from __future__ import annotations

from grok_tui.cli import main
from grok_tui.engine.exercises import check_code
from grok_tui.progress import Progress
from tests.lessons_util import COURSE

LESSON = COURSE.get("7.3")


def cli(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_a_lesson_gets_one_line_for_each_exercise_whatever_the_one_before_did(capsys) -> None:
    """`verify 7.3` stopped at one_hot ("not started yet") and never said that softmax passes."""
    first, second, third = LESSON.exercises[:3]
    progress = Progress.load()
    progress.save_draft(LESSON.id, second.name, second.solution.source)
    progress.save_draft(LESSON.id, third.name, third.stub.source)
    code, out = cli(capsys, "verify", LESSON.id)
    lines = out.splitlines()
    assert code == 1
    assert len(lines) == len(LESSON.exercises) + 1  # one line each, then the sum
    assert lines[0].startswith(f"· 7.3/{first.name}: not started yet")
    assert lines[1] == f"✓ 7.3/{second.name}: Passed! Every test of this exercise holds."
    stub = check_code(third, third.stub.source)
    assert lines[2] == f"✗ 7.3/{third.name}: {stub.headline} {stub.details[0]}"  # its first message
    assert lines[-1].startswith(f"1 of {len(LESSON.exercises)} exercises of 7.3 pass.")
    assert Progress.load().exercise_done(LESSON.id, second.name)  # a pass counts as in the tutor
    assert not Progress.load().exercise_done(LESSON.id, third.name)


def test_a_lesson_whose_exercises_all_pass_exits_0(capsys) -> None:
    progress = Progress.load()
    for exercise in LESSON.exercises:
        progress.save_draft(LESSON.id, exercise.name, exercise.solution.source)
    code, out = cli(capsys, "verify", LESSON.id)
    assert code == 0
    assert out.splitlines()[-1] == f"All {len(LESSON.exercises)} exercises of 7.3 pass."


def test_one_exercise_still_gets_the_whole_message(capsys) -> None:
    third = LESSON.exercises[2]
    Progress.load().save_draft(LESSON.id, third.name, third.stub.source)
    code, out = cli(capsys, "verify", f"7.3/{third.name}")
    verdict = check_code(third, third.stub.source)
    assert code == 1
    assert out.splitlines()[0] == f"✗ 7.3/{third.name}: {verdict.headline}"  # marked as in `verify 7.3`
    assert all(f"  {line}" in out.splitlines() for line in verdict.details)


def test_a_lesson_of_one_exercise_tells_its_whole_message(capsys) -> None:
    """`verify 3.2` said "`grok-tui verify 3.2/NAME` shows the whole message" for its only exercise,
    a command to type again; and the course's "not started yet" line had no mark, unlike a lesson's."""
    code, out = cli(capsys, "verify", "3.2/w_sum")
    assert code == 1 and out.splitlines()[0].startswith("· 3.2/w_sum: not started yet"), out
    w_sum = COURSE.get("3.2").exercises[0]
    Progress.load().save_draft("3.2", w_sum.name, w_sum.stub.source)
    verdict = check_code(w_sum, w_sum.stub.source)
    for asked in ("3.2", "3.2/w_sum"):  # the lesson is its one exercise: the same report
        code, out = cli(capsys, "verify", asked)
        lines = out.splitlines()
        assert code == 1 and lines[0] == f"✗ 3.2/w_sum: {verdict.headline}", out
        assert lines[1:-1] == [f"  {line}" for line in verdict.details], out
        assert lines[-1].startswith("Your code is in ") and "whole message" not in out, out


def test_verify_of_a_lesson_not_started_points_to_edit_not_to_a_message(capsys):
    """`verify 4.1`, nothing written: "`grok-tui verify 4.1/squared_error` shows the whole message",
    a message that does not exist (that command says only "not started yet")."""
    code, out = cli(capsys, "verify", "4.1")  # its one exercise
    assert code == 1 and out.splitlines() == [
        "· 4.1/squared_error: not started yet. `grok-tui edit 4.1/squared_error` opens it (or press e in lesson 4.1)."
    ], out
    code, out = cli(capsys, "verify", "3.3")
    assert out.splitlines()[-1] == "2 of 2 not started yet: `grok-tui edit 3.3` opens the first.", out


def _pass(*lesson_ids: str) -> None:
    progress = Progress.load()
    for lesson_id in lesson_ids:
        for exercise in COURSE.get(lesson_id).exercises:
            progress.save_draft(lesson_id, exercise.name, exercise.solution.source)


def test_the_course_checks_every_exercise_begun_past_those_not_started(capsys) -> None:
    """A learner in chapters 5-6 who never began chapter 3's exercises: `verify` stopped at
    "· 3.2/w_sum: not started yet" with exit 1 every time, and never checked the code they wrote."""
    _pass("5.1", "5.5", "6.3")
    hidden = COURSE.get("6.4").exercise("hidden_delta")
    wrong = hidden.stub.source.replace("return np.zeros_like(layer_1)", "return layer_2_delta.dot(weights_1_2.T)")
    Progress.load().save_draft("6.4", "hidden_delta", wrong)
    code, out = cli(capsys, "verify")
    lines = out.splitlines()
    assert code == 1, out
    assert [line.split(":")[0] for line in lines[:3]] == ["✓ 5.1/weight_deltas", "✓ 5.5/outer_prod", "✓ 6.3/relu"], out
    assert lines[3] == f"✗ 6.4/hidden_delta: {check_code(hidden, wrong).headline}"  # relu2deriv: not begun
    assert "not started" not in out
    _pass("6.4")
    code, out = cli(capsys, "verify")
    lines = out.splitlines()
    total = sum(len(lesson.exercises) for lesson in COURSE.lessons)
    assert code == 0, out  # not started is not failing: everything they wrote passes
    assert len(lines) == 6 and all(line.startswith("✓ ") for line in lines[:5]), out
    assert lines[-1] == (
        f"All 5 exercises you began pass. {total - 5} exercises not started yet; "
        "next: 3.2/w_sum (`grok-tui edit 3.2/w_sum` opens it)."
    )
    assert cli(capsys, "verify", "3.2")[0] == 1  # named, one not started still does not pass


def test_the_course_with_nothing_begun_names_the_first_exercise(capsys) -> None:
    total = sum(len(lesson.exercises) for lesson in COURSE.lessons)
    code, out = cli(capsys, "verify")
    assert (code, out) == (
        0,
        f"No exercise started yet ({total} in the course); the first: 3.2/w_sum (`grok-tui edit 3.2/w_sum` opens it).\n",
    )
    _pass("3.2")
    code, out = cli(capsys, "verify")
    assert code == 0 and out.splitlines()[-1].startswith("The exercise you began passes. "), out


def test_the_course_goes_past_a_failing_exercise_and_counts_them(capsys) -> None:
    """One old failing draft (4.1, begun weeks ago) stopped `verify` there at every run: the seven
    exercises begun after it were never checked, and nothing said so."""
    _pass("5.1", "6.3")
    squared = COURSE.get("4.1").exercise("squared_error")
    hidden = COURSE.get("6.4").exercise("hidden_delta")
    wrong_41 = squared.stub.source
    wrong_64 = hidden.stub.source.replace("return np.zeros_like(layer_1)", "return layer_2_delta.dot(weights_1_2.T)")
    Progress.load().save_draft("4.1", "squared_error", wrong_41 + "\n# begun\n")
    Progress.load().save_draft("6.4", "hidden_delta", wrong_64)
    code, out = cli(capsys, "verify")
    lines = out.splitlines()
    assert code == 1, out
    assert lines[0].startswith("✗ 4.1/squared_error: ") and lines[1].startswith("  "), out  # in full
    assert "✓ 5.1/weight_deltas: " in out and "✓ 6.3/relu: " in out, out  # checked, past 4.1
    told = [line for line in lines if line.startswith("✗ 6.4/hidden_delta: ")]
    assert len(told) == 1 and told[0].startswith(f"✗ 6.4/hidden_delta: {check_code(hidden, wrong_64).headline} "), out
    assert lines[-1] == (
        "2 of the 4 exercises you began pass; 2 do not; `grok-tui verify 6.4/hidden_delta` tells the next whole."
    ), out


def test_a_one_line_report_adds_the_advice_not_where(capsys) -> None:
    """`verify 7.3` with softmax's `m = max(x)`: its line gave numpy's "Use a.any() or a.all()" and
    "at line 3 of your code", and the advice (x.max(axis=-1, keepdims=True)) was two lines below."""
    softmax = LESSON.exercise("softmax")
    source = (
        "import numpy as np\n"
        "def softmax(x):\n"
        "    m = max(x)\n"
        "    e = np.exp(x - m)\n"
        "    return e / e.sum(axis=-1, keepdims=True)\n"
    )
    Progress.load().save_draft(LESSON.id, softmax.name, source)
    verdict = check_code(softmax, source)
    assert verdict.details[0].startswith("at line 3"), verdict.details
    code, out = cli(capsys, "verify", LESSON.id)
    assert code == 1
    line = next(line for line in out.splitlines() if line.startswith("✗ 7.3/softmax"))
    assert line == f"✗ 7.3/softmax: {verdict.headline} {verdict.details[1]}", line
    assert "x.max(axis=-1, keepdims=True)" in line and "at line 3" not in line


def test_counts_of_one_and_two_are_said_in_english(capsys) -> None:
    """ "8 of the 9 exercises you began pass; 1 do not." and "All 2 exercises of 6.4 pass." (a trial)."""
    _pass("6.4")
    code, out = cli(capsys, "verify", "6.4")
    assert code == 0 and out.splitlines()[-1] == "Both exercises of 6.4 pass.", out
    squared = COURSE.get("4.1").exercise("squared_error")
    Progress.load().save_draft("4.1", "squared_error", squared.stub.source + "\n# begun\n")
    code, out = cli(capsys, "verify")
    assert code == 1 and out.splitlines()[-1] == "2 of the 3 exercises you began pass; 1 does not.", out


def test_verify_hint_and_progress_name_the_same_next_exercise(capsys) -> None:
    """A learner who passed 3.2 and skipped to 4.5: `hint` named 5.1/weight_deltas as next, `verify`
    3.3/ele_mul (the first in course order), `progress` 5.1. All three now go on from where the
    learner is; `verify` names the earliest one skipped too."""
    _pass("3.2")
    progress = Progress.load()
    progress.finish_lesson("4.5")
    progress.open_lesson("4.5")
    code, out = cli(capsys, "verify")
    assert code == 0, out
    assert "; next: 5.1/weight_deltas (`grok-tui edit 5.1/weight_deltas` opens it); " in out, out
    assert out.rstrip().endswith("the earliest not started: 3.3/ele_mul."), out
    code, out = cli(capsys, "hint")
    assert "no hint spent. Next: 5.1/weight_deltas " in out, out
    code, out = cli(capsys, "progress")
    assert "\nNext: `grok-tui 5.1` " in out, out

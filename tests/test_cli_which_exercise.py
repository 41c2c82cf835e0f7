"""Which exercise `grok-tui hint`, `edit` and `verify` take when not told exactly: with no id, where the
learner was (the draft being written, not a lesson only looked at; a passed exercise edited since,
named; a new learner's first); a lesson's id, its next to do (else the one edited since its pass); an
exercise's name alone, sent to its lesson. (The commands themselves: test_practice_cli.py.)"""

from __future__ import annotations

from grok_tui.progress import Progress
from tests.lessons_util import COURSE
from tests.test_practice_cli import _fake_editor, cli


def test_hint_and_edit_without_an_id_take_up_where_the_learner_was(capsys, tmp_path, monkeypatch) -> None:
    """Both said "the following arguments are required: id", though `progress` knew the learner had
    left 3.3's ele_mul half-written."""
    progress = Progress.load()
    progress.open_lesson("3.3")
    code, out, _ = cli(capsys, "hint")
    assert code == 0 and out.startswith("3.3/ele_mul (") and "Hint 1/" in out
    monkeypatch.setenv("VISUAL", _fake_editor(tmp_path, COURSE.get("3.3").exercise("ele_mul").solution.source))
    code, out, _ = cli(capsys, "edit")
    assert code == 0 and out.startswith("Opening 3.3/ele_mul (")
    assert cli(capsys, "verify", "3.3/ele_mul")[0] == 0
    progress = Progress.load()
    progress.record_pass("3.3", "dot", COURSE.get("3.3").exercise("dot").solution.source)
    code, out, _ = cli(capsys, "hint")  # 3.3 done: the next lesson with an exercise to do is named
    nxt = next(l for l in COURSE.lessons[COURSE.lessons.index(COURSE.get("3.3")) + 1 :] if l.exercises)
    key = f"{nxt.id}/{nxt.exercises[0].name}"
    assert code == 0 and f"`grok-tui hint {key}` gives its first hint" in out, out
    code, out, _ = cli(capsys, "edit")  # edit goes on to it: opening spends nothing
    assert code == 0 and out.startswith(f"Opening {key} ("), out


def test_hint_without_an_id_spends_none_on_an_exercise_not_begun(capsys) -> None:
    """A learner who passed every exercise they began, last in 6.4: `hint` printed "7.3/one_hot ...
    Hint 1/3" and recorded it, in a lesson they had never opened."""
    progress = Progress.load()
    for lesson_id in ("5.5", "6.3", "6.5", "6.6b", "6.4"):
        progress.open_lesson(lesson_id)
        for exercise in COURSE.get(lesson_id).exercises:
            progress.record_pass(lesson_id, exercise.name, exercise.solution.source)
    one_hot = COURSE.get("7.3").exercise("one_hot")
    code, out, _ = cli(capsys, "hint")
    assert code == 0 and "Hint" not in out
    assert out == (
        f"Every exercise you began has passed; no hint spent. Next: 7.3/one_hot ({one_hot.title}): "
        "`grok-tui hint 7.3/one_hot` gives its first hint.\n"
    )
    assert Progress.load().hints_shown("7.3", "one_hot") == 0
    code, out, _ = cli(capsys, "hint", "7.3/one_hot")  # named: the hint, as before
    assert code == 0 and f"Hint 1/{len(one_hot.hints)}: {one_hot.hints[0]}" in out
    code, out, _ = cli(capsys, "hint")  # one taken: begun, so the next comes without the id
    assert code == 0 and f"Hint 2/{len(one_hot.hints)}: {one_hot.hints[1]}" in out
    assert Progress.load().hints_shown("7.3", "one_hot") == 2


def test_hint_without_an_id_names_a_passed_exercise_edited_since(capsys) -> None:
    """3.3/ele_mul passed, then its draft was edited to fail: `hint` said "Every exercise you began
    passes" while `verify` said it failed. No check is run; the edited draft is named."""
    progress = Progress.load()
    for lesson_id in ("3.3", "5.5", "6.3", "6.5", "6.6b", "6.4"):
        progress.open_lesson(lesson_id)
        for exercise in COURSE.get(lesson_id).exercises:
            progress.record_pass(lesson_id, exercise.name, exercise.solution.source)
    progress.save_draft("3.3", "ele_mul", "def ele_mul(number, vector):\n    return None\n")
    one_hot = COURSE.get("7.3").exercise("one_hot")
    code, out, _ = cli(capsys, "hint")
    assert code == 0 and out == (
        "3.3/ele_mul was edited since it passed: `grok-tui verify 3.3/ele_mul` checks it; no hint spent. "
        f"Next: 7.3/one_hot ({one_hot.title}): `grok-tui hint 7.3/one_hot` gives its first hint.\n"
    ), out
    assert cli(capsys, "verify", "3.3/ele_mul")[0] == 1  # what the sentence sends the learner to


def test_hint_without_an_id_for_a_new_learner_names_the_first_exercise(capsys) -> None:
    code, out, _ = cli(capsys, "hint")
    assert code == 0 and out.startswith("You have not begun an exercise yet; no hint spent. Next: 3.2/w_sum ("), out
    assert "`grok-tui hint 3.2/w_sum`" in out and Progress.load().hints_shown("3.2", "w_sum") == 0


def test_without_an_id_a_draft_being_written_wins_over_a_lesson_only_looked_at(capsys) -> None:
    """After looking at 6.5, `hint` spent 6.5's hints while the learner's 3.3 draft waited."""
    progress = Progress.load()
    progress.save_draft("3.3", "ele_mul", "def ele_mul(a, b):\n    out = []\n")
    progress.open_lesson("6.5")
    code, out, _ = cli(capsys, "hint")
    assert code == 0 and out.startswith("3.3/ele_mul ("), out
    assert Progress.load().hints_shown("6.5", "learn") == 0
    code, out, _ = cli(capsys, "progress")
    # one pair of brackets: "(... waits too (`grok-tui edit 3.3/ele_mul`))" nested them
    assert (
        "Next: `grok-tui 6.5` (1 exercise to do; your draft of 3.3/ele_mul waits too: `grok-tui edit 3.3/ele_mul`)\n"
        in out
    )


def test_an_exercises_name_alone_is_sent_to_its_lesson(capsys) -> None:
    """`grok-tui hint w_sum` said only "no lesson 'w_sum'" (a trial)."""
    code, _, err = cli(capsys, "hint", "w_sum")
    assert (code, err) == (2, "grok-tui: w_sum is an exercise: `grok-tui hint 3.2/w_sum`\n")
    code, _, err = cli(capsys, "verify", "dot")
    assert (code, err) == (2, "grok-tui: dot is an exercise: `grok-tui verify 3.3/dot`\n")


def test_hint_for_a_lesson_whose_exercises_all_passed_goes_to_the_one_edited_since(capsys) -> None:
    """7.3's three passed, then softmax edited to fail: `hint 7.3` spent a hint on one_hot, which
    passes (a trial), not on the one the learner was stuck on."""
    progress = Progress.load()
    for exercise in COURSE.get("7.3").exercises:
        progress.record_pass("7.3", exercise.name, exercise.solution.source)
    progress.save_draft("7.3", "softmax", "def softmax(x):\n    return None\n")
    code, out, _ = cli(capsys, "hint", "7.3")
    assert code == 0 and out.startswith("7.3/softmax"), out
    assert "one_hot" not in out and Progress.load().hints_shown("7.3", "one_hot") == 0, out

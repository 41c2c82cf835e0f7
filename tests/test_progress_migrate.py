"""A progress file written before the course was renumbered follows the lessons to their new ids, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grok_tui.lesson.history import CourseHistory
from grok_tui.lesson.parse import parse_lesson
from grok_tui.progress import Progress

SLOPE = "def slope(input, weight, goal_pred):\n    return 2 * (input * weight - goal_pred) * input  # mine\n"


@pytest.fixture(scope="module")
def history(catalog) -> CourseHistory:
    return CourseHistory.of(catalog.lessons)


def _old_layout(root: Path) -> None:
    """The saved state of a learner before the renumbering: 7.4 (the classifier) done, 7.5 started,
    4.5/slope passed with a draft."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "progress.json").write_text(
        json.dumps(
            {
                "format": 1,
                "last_lesson": "7.5",
                "lessons": {"4.5": "done", "7.4": "done", "7.5": "started"},
                "exercises": {"4.5/slope": {"done": True, "hints": 1, "code": SLOPE}},
            }
        )
    )
    (root / "drafts" / "4.5").mkdir(parents=True)
    (root / "drafts" / "4.5" / "slope.py").write_text(SLOPE)


def test_the_course_history_comes_from_the_lessons(history):
    assert history.version == 2
    [step] = history.steps
    assert step.lessons == {"7.4": "7.5", "7.5": "7.6"}
    assert step.exercises == {"4.5/slope": "4.3b/slope"}


def test_an_old_progress_file_follows_the_renumbering(private_data_dir, history):
    _old_layout(private_data_dir)
    p = Progress.load(course=history)
    assert p.lesson_state("7.5") == "done" and p.lesson_state("7.6") == "started"
    assert p.lesson_state("7.4") == ""  # the new lesson 7.4 is not done
    assert p.lesson_state("4.5") == "done" and p.last_lesson == "7.6"
    assert p.exercise_done("4.3b", "slope") and p.hints_shown("4.3b", "slope") == 1
    assert p.passed_code("4.3b") == {"slope": SLOPE} and p.passed_code("4.5") == {}
    assert p.load_draft("4.3b", "slope") == SLOPE and p.load_draft("4.5", "slope") is None
    assert "renumbered" in p.notice and "7.4 -> 7.5" in p.notice
    saved = json.loads((private_data_dir / "progress.json").read_text())
    assert saved["course"] == 2 and saved["lessons"] == {"4.5": "done", "7.5": "done", "7.6": "started"}
    # Nothing is lost: the old file and the old drafts folder are kept.
    [old_file] = private_data_dir.glob("progress.json.before-course-2-*")
    assert json.loads(old_file.read_text())["lessons"]["7.4"] == "done"
    [old_drafts] = private_data_dir.glob("drafts.before-course-2-*")
    assert (old_drafts / "4.5" / "slope.py").read_text() == SLOPE


def test_a_migration_runs_once(private_data_dir, history):
    _old_layout(private_data_dir)
    Progress.load(course=history)
    again = Progress.load(course=history)  # 7.5 (done) must not move on to 7.6
    assert again.notice == ""
    assert again.lesson_state("7.5") == "done" and again.lesson_state("7.6") == "started"
    assert again.load_draft("4.3b", "slope") == SLOPE
    assert len(list(private_data_dir.glob("progress.json.before-course-*"))) == 1


def test_a_new_layout_file_is_left_alone(private_data_dir, history):
    p = Progress.load(course=history)
    p.open_lesson("7.5")
    p.finish_lesson("7.5")
    p.save_draft("4.3b", "slope", SLOPE)
    before = (private_data_dir / "progress.json").read_text()
    assert json.loads(before)["course"] == 2
    again = Progress.load(course=history)
    assert again.lesson_state("7.5") == "done" and again.load_draft("4.3b", "slope") == SLOPE
    assert (private_data_dir / "progress.json").read_text() == before
    assert not list(private_data_dir.glob("*before-course*"))


def test_drafts_without_a_progress_file_are_not_moved(private_data_dir, history):
    """`grok-tui edit` writes a draft before any progress.json exists: it is already at the new ids."""
    p = Progress.load(course=history)
    p.save_draft("7.5", "x", "mine")
    assert Progress.load(course=history).load_draft("7.5", "x") == "mine"


def test_the_drafts_moved_before_an_interruption_are_not_moved_again(private_data_dir, history):
    _old_layout(private_data_dir)
    (private_data_dir / "drafts" / "7.5").mkdir()
    (private_data_dir / "drafts" / "7.5" / "x.py").write_text("old 7.5")
    old = (private_data_dir / "progress.json").read_text()
    Progress.load(course=history)
    # As if the process died after moving the drafts but before writing progress.json:
    (private_data_dir / "progress.json").write_text(old)
    p = Progress.load(course=history)
    assert p.lesson_state("7.5") == "done" and p.exercise_done("4.3b", "slope")
    assert p.load_draft("7.6", "x") == "old 7.5" and p.load_draft("4.3b", "slope") == SLOPE
    assert len(list(private_data_dir.glob("drafts.before-course-*"))) == 1


def test_without_the_course_nothing_moves_and_no_version_is_claimed(private_data_dir):
    _old_layout(private_data_dir)
    p = Progress.load()
    assert p.lesson_state("7.4") == "done"
    p.open_lesson("3.1")
    saved = json.loads((private_data_dir / "progress.json").read_text())
    assert "course" not in saved and saved["lessons"]["7.4"] == "done"


def _lesson(tmp_path: Path, name: str, meta: str, body: str = "```python\nx = 1\n```\n"):
    path = tmp_path / name
    path.write_text(f"+++\n{meta}\n+++\n\n{body}", encoding="utf-8")
    return parse_lesson(path)


EXERCISE = "".join(f"```python {role} f\ndef f():\n    return 1\n```\n\n" for role in ("exercise", "solution", "test"))


def test_two_renumberings_apply_in_order(tmp_path, private_data_dir):
    """Version 2: A 1.1 -> 1.2, B 1.2 -> 1.3; version 3: A 1.2 -> 1.5. A file of version 1 sends 1.1 to
    1.5 and 1.2 to 1.3; a file of version 2 only moves 1.2 to 1.5."""
    a, _ = _lesson(
        tmp_path,
        "a.md",
        'id = "1.5"\nchapter = 1\ntitle = "A"\nformerly = [{ id = "1.1", course = 2 }, { id = "1.2", course = 3 }]',
    )
    b, _ = _lesson(tmp_path, "b.md", 'id = "1.3"\nchapter = 1\ntitle = "B"\nformerly = { id = "1.2", course = 2 }')
    history = CourseHistory.of([a, b])
    assert history.version == 3 and [s.lessons for s in history.steps] == [{"1.1": "1.2", "1.2": "1.3"}, {"1.2": "1.5"}]
    private_data_dir.mkdir(parents=True)
    (private_data_dir / "progress.json").write_text(json.dumps({"lessons": {"1.1": "done", "1.2": "started"}}))
    assert Progress.load(course=history).lessons == {"1.5": "done", "1.3": "started"}
    (private_data_dir / "progress.json").write_text(
        json.dumps({"course": 2, "lessons": {"1.2": "done", "1.3": "started"}})
    )
    assert Progress.load(course=history).lessons == {"1.5": "done", "1.3": "started"}


def test_an_exercise_may_change_its_name_too(tmp_path, private_data_dir):
    body = EXERCISE.replace(" f\n", " g\n").replace("def f", "def g")
    meta = (
        'id = "2.1"\nchapter = 2\ntitle = "T"\n[exercises.g]\nmoved_from = { lesson = "1.9", name = "f", course = 2 }'
    )
    lesson, problems = _lesson(tmp_path, "t.md", meta, body)
    assert not problems
    history = CourseHistory.of([lesson])
    (private_data_dir / "drafts" / "1.9").mkdir(parents=True)
    (private_data_dir / "drafts" / "1.9" / "f.py").write_text("mine")
    (private_data_dir / "drafts" / "1.9" / "f.py.bak-20261201-120000").write_text("older")
    p = Progress.load(course=history)
    assert p.load_draft("2.1", "g") == "mine"
    assert (private_data_dir / "drafts" / "2.1" / "g.py.bak-20261201-120000").read_text() == "older"


@pytest.mark.parametrize(
    "value, message",
    [
        ('"7.4"', "must be a table"),
        ('{ id = "7.4" }', "must be a table"),
        ('{ id = "7.4", course = 1 }', "course must be a whole number >= 2"),
        ("{ id = 7.4, course = 2 }", "must be non-empty strings"),
        ('{ id = "9.9", course = 2 }', "this lesson's own id"),
        ('[{ id = "7.4", course = 2 }, { id = "7.3", course = 2 }]', "same course version"),
    ],
)
def test_a_bad_formerly_is_reported_with_its_line(tmp_path, value, message):
    lesson, problems = _lesson(tmp_path, "bad.md", f'id = "9.9"\nchapter = 9\ntitle = "T"\nformerly = {value}')
    assert lesson is None and any(message in p.message and p.line == 5 for p in problems), problems


def test_two_lessons_claiming_one_old_id_fail_the_check(tmp_path):
    from grok_tui.lesson.catalog import load_catalog

    for name, lesson_id in (("a.md", "1.2"), ("b.md", "1.3")):
        _lesson(
            tmp_path, name, f'id = "{lesson_id}"\nchapter = 1\ntitle = "T"\nformerly = {{ id = "1.1", course = 2 }}'
        )
    catalog = load_catalog(tmp_path)
    assert any("'1.1' was renamed twice" in e.message and e.line == 5 for e in catalog.errors)

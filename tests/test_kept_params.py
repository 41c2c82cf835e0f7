"""The params a lesson was left with, kept across restarts (grok_tui/kept_params.py)."""

from __future__ import annotations

from grok_tui.kept_params import PARAMS_FILE, KeptParams, forget_params, opening_notice
from grok_tui.progress import Progress


def test_a_lessons_changed_params_come_back_after_a_restart(catalog, private_data_dir):
    lesson = catalog.get("6.5")
    kept = KeptParams(private_data_dir)
    assert kept.for_lesson(lesson) == {}  # nothing kept yet: its defaults
    kept.keep(lesson, {**lesson.defaults, "alpha": 0.5, "iterations": 200})
    kept.save()
    again = KeptParams(private_data_dir)
    assert again.for_lesson(lesson) == {"alpha": 0.5, "iterations": 200}  # the defaults are not kept
    assert opening_notice("6.5", again.for_lesson(lesson)) == (
        "6.5 opens with your settings from last time: alpha 0.5, iterations 200 · D puts back its defaults"
    )
    again.keep(lesson, lesson.defaults)  # D, then quit: nothing to keep
    again.save()
    assert KeptParams(private_data_dir).for_lesson(lesson) == {}


def test_what_the_lesson_no_longer_takes_is_dropped(catalog, private_data_dir):
    """A renamed param, a value out of its range now, a damaged file: the defaults there, no error."""
    lesson = catalog.get("6.5")
    (private_data_dir / PARAMS_FILE).parent.mkdir(parents=True, exist_ok=True)
    (private_data_dir / PARAMS_FILE).write_text('{"6.5": {"alpha": 99, "old_name": 1, "seed": 2, "hidden_size": "x"}}')
    assert KeptParams(private_data_dir).for_lesson(lesson) == {"seed": 2}
    (private_data_dir / PARAMS_FILE).write_text("{not json")
    assert KeptParams(private_data_dir).for_lesson(lesson) == {}


def test_a_lesson_reset_forgets_its_params_and_reset_all_sets_them_aside(catalog, private_data_dir):
    lessons = catalog.get("6.5"), catalog.get("4.5")
    kept = KeptParams(private_data_dir)
    for lesson in lessons:
        kept.keep(lesson, {"alpha": 0.5})
    kept.save()
    Progress.load().reset_lesson("6.5")
    assert KeptParams(private_data_dir).for_lesson(lessons[0]) == {}
    assert KeptParams(private_data_dir).for_lesson(lessons[1]) == {"alpha": 0.5}
    forget_params(private_data_dir, "no-such-lesson")  # nothing to forget: no harm
    backups = Progress.load().reset_all()
    assert any(b.name.startswith(PARAMS_FILE) for b in backups), backups
    assert KeptParams(private_data_dir).for_lesson(lessons[1]) == {}

"""Two writers on one data dir (the tutor and `grok-tui verify` beside it) never overwrite each other."""

from __future__ import annotations

import json
import threading

from grok_tui.progress import Progress
from grok_tui.progress_merge import merge


def test_a_pass_saved_by_another_writer_survives_the_tutors_next_save(private_data_dir):
    tutor = Progress.load()
    tutor.open_lesson("4.3b")
    cli = Progress.load()  # `grok-tui verify 4.3b/slope` while the tutor is open
    cli.record_pass("4.3b", "slope", "mine")
    cli.show_hint("3.2", "w_sum", 2)
    tutor.show_hint("4.3b", "slope", 1)  # the tutor's next save, from its stale memory
    tutor.open_lesson("4.4")
    saved = Progress.load()
    assert saved.exercise_done("4.3b", "slope") and saved.passed_code("4.3b") == {"slope": "mine"}
    assert saved.hints_shown("4.3b", "slope") == 1 and saved.hints_shown("3.2", "w_sum") == 2
    assert saved.lesson_state("4.3b") == "started" and saved.last_lesson == "4.4"
    # ...and the tutor now knows of the pass too
    assert tutor.exercise_done("4.3b", "slope") and tutor.hints_shown("3.2", "w_sum") == 2


def test_states_and_hints_take_the_further_value(private_data_dir):
    a, b = Progress.load(), Progress.load()
    a.finish_lesson("3.1")
    a.show_hint("3.2", "w_sum", 3)
    b.open_lesson("3.1")  # "started" must not undo "done"
    b.show_hint("3.2", "w_sum", 1)  # fewer hints shown here: the max stays
    saved = Progress.load()
    assert saved.lesson_state("3.1") == "done" and saved.hints_shown("3.2", "w_sum") == 3
    assert saved.last_lesson == "3.1"


def test_the_last_lesson_is_the_writers_when_it_moved_it(private_data_dir):
    a, b = Progress.load(), Progress.load()
    a.open_lesson("3.1")
    b.record_pass("3.2", "w_sum", "code")  # b did not move: a's last lesson stays
    assert Progress.load().last_lesson == "3.1"
    b.open_lesson("5.1")
    assert Progress.load().last_lesson == "5.1"


def test_a_reset_by_another_writer_is_not_undone(private_data_dir):
    tutor = Progress.load()
    tutor.open_lesson("3.2")
    tutor.record_pass("3.2", "w_sum", "code")
    cli = Progress.load()
    cli.reset_lesson("3.2")  # `grok-tui reset 3.2` while the tutor is open
    tutor.open_lesson("3.3")
    saved = Progress.load()
    assert saved.lesson_state("3.2") == "" and not saved.exercise_done("3.2", "w_sum")
    assert saved.lesson_state("3.3") == "started"


def test_our_own_reset_wins_over_a_stale_copy(private_data_dir):
    a = Progress.load()
    a.finish_lesson("3.1")
    b = Progress.load()
    b.reset_lesson("3.1")
    a.open_lesson("3.2")
    assert Progress.load().lesson_state("3.1") == ""


def test_refresh_takes_in_another_writers_pass_without_writing(private_data_dir):
    tutor = Progress.load()
    tutor.open_lesson("3.2")
    assert tutor.refresh() is False  # nothing new
    Progress.load().record_pass("3.2", "w_sum", "code")
    after = (private_data_dir / "progress.json").read_text()
    assert tutor.refresh() is True and tutor.exercise_done("3.2", "w_sum")
    assert (private_data_dir / "progress.json").read_text() == after  # refresh wrote nothing


def test_unknown_entries_on_disk_are_kept(private_data_dir):
    private_data_dir.mkdir(parents=True)
    a = Progress.load()
    (private_data_dir / "progress.json").write_text(
        json.dumps({"lessons": {"4.5": "mastered"}, "exercises": {"4.3/gd_step": 7}})
    )
    a.open_lesson("3.1")
    saved = json.loads((private_data_dir / "progress.json").read_text())
    assert saved["lessons"] == {"4.5": "mastered", "3.1": "started"} and saved["exercises"] == {"4.3/gd_step": 7}


def test_many_threads_of_two_writers_lose_no_pass(private_data_dir):
    writers = [Progress.load(), Progress.load()]

    def work(w: int) -> None:
        for i in range(20):
            writers[w].record_pass(f"{w}.{i}", "f", f"code {w} {i}")

    threads = [threading.Thread(target=work, args=(w,)) for w in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saved = Progress.load()
    assert all(saved.exercise_done(f"{w}.{i}", "f") for w in (0, 1) for i in range(20))


def test_merge_of_one_exercise_keeps_the_pass_and_the_most_hints():
    base = {"lessons": {}, "exercises": {}, "last_lesson": None, "course": None}
    ours = {**base, "exercises": {"1.1/f": {"done": False, "hints": 2}}}
    theirs = {**base, "exercises": {"1.1/f": {"done": True, "hints": 1, "code": "c"}}, "course": 2}
    assert merge(base, ours, theirs) == {
        "lessons": {},
        "last_lesson": None,
        "course": 2,
        "exercises": {"1.1/f": {"done": True, "hints": 2, "code": "c"}},
    }

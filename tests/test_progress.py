"""The learner's saved state: round trips, drafts, damaged files and resets (the progress / reset
commands are in tests/test_cli_progress.py)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from grok_tui.drafts import DraftSaver
from grok_tui.progress import Progress, data_dir
from grok_tui.safe_files import atomic_write


def test_data_dir_follows_the_environment(private_data_dir):
    assert data_dir() == private_data_dir


def test_round_trip_of_lessons_exercises_and_last_lesson():
    p = Progress.load()
    p.open_lesson("3.1")
    p.finish_lesson("3.1")
    p.open_lesson("3.2")
    p.show_hint("3.2", "w_sum", 2)
    p.record_pass("3.2", "w_sum", "def w_sum(a, b):\n    return 1\n")
    again = Progress.load()
    assert again.lesson_state("3.1") == "done" and again.lesson_state("3.2") == "started"
    assert again.last_lesson == "3.2"
    assert again.exercise_done("3.2", "w_sum") and again.hints_shown("3.2", "w_sum") == 2
    assert again.passed_code("3.2") == {"w_sum": "def w_sum(a, b):\n    return 1\n"}
    assert again.exercises["3.2/w_sum"] == {"done": True, "hints": 2, "code": "def w_sum(a, b):\n    return 1\n"}


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "a" / "f.txt"
    atomic_write(target, "one")
    atomic_write(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe\x00garbage", b'{"lessons": 5}'])
def test_a_damaged_progress_file_is_set_aside_with_a_notice(private_data_dir, content):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "progress.json").write_bytes(content)
    p = Progress.load()
    assert p.lessons == {} and p.exercises == {} and p.last_lesson is None
    assert "could not be read" in p.notice
    kept = list(private_data_dir.glob("progress.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    # where it is and what starts over ("beside it" named no folder, and nothing said what was lost)
    assert f"{kept[0].name}\nin {private_data_dir}." in p.notice and "show as not done from here" in p.notice
    p.open_lesson("3.1")  # and the tutor carries on saving
    assert Progress.load().last_lesson == "3.1" and Progress.load().notice == ""


def test_a_progress_file_that_cannot_be_read_for_its_permissions_is_left_alone(private_data_dir, monkeypatch):
    """After one `sudo grok-tui` the file is root's: it was called damaged, moved aside, and the
    learner started from nothing, told no way back. (As root here, the refusal is simulated.)"""
    private_data_dir.mkdir(parents=True, exist_ok=True)
    path = private_data_dir / "progress.json"
    saved = json.dumps({"lessons": {"3.1": "done"}, "exercises": {}, "last_lesson": "3.1"})
    path.write_text(saved)
    read_text = Path.read_text

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", refuse)
    p = Progress.load()
    assert "chown" in p.notice and "chmod u+rw" in p.notice and "damaged" not in p.notice
    assert list(private_data_dir.glob("progress.json.*")) == []
    with pytest.raises(OSError):
        p.open_lesson("4.1")  # the command line: a one-line error; the tutor: a lasting notice
    assert p.save_error == "your progress is not saved: progress.json cannot be read (Permission denied)"
    assert read_text(path) == saved


def test_a_progress_file_from_a_newer_version_is_read_and_never_written_over(private_data_dir):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    path = private_data_dir / "progress.json"
    saved = json.dumps({"format": 2, "lessons": {"3.1": "done"}, "exercises": {}, "streaks": {"days": 12}})
    path.write_text(saved)
    p = Progress.load()
    assert p.lesson_state("3.1") == "done" and "newer grok-tui (format 2)" in p.notice
    with pytest.raises(OSError):
        p.open_lesson("4.1")
    assert path.read_text() == saved  # its "streaks" were dropped when it was written as format 1
    for reset in (p.reset_all, lambda: p.reset_lesson("3.1")):  # a reset moved it aside first
        with pytest.raises(OSError):
            reset()
        assert path.read_text() == saved and list(private_data_dir.glob("progress.json.*")) == []


def test_a_hand_edited_hint_count_reads_as_none_shown(private_data_dir):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "progress.json").write_text(
        json.dumps({"exercises": {"3.2/w_sum": {"done": False, "hints": "two"}, "3.2/b": {"hints": 1.5}}})
    )
    p = Progress.load()
    assert p.hints_shown("3.2", "w_sum") == 0 and p.hints_shown("3.2", "b") == 0
    p.record_pass("3.2", "w_sum", "code")
    assert Progress.load().exercises["3.2/w_sum"] == {"done": True, "hints": 0, "code": "code"}


def test_drafts_round_trip_and_a_damaged_draft_is_set_aside():
    p = Progress.load()
    assert p.load_draft("3.2", "w_sum") is None
    p.save_draft("3.2", "w_sum", "def w_sum(a, b):\n    pass\n")
    assert Progress.load().load_draft("3.2", "w_sum") == "def w_sum(a, b):\n    pass\n"
    p.draft_path("3.2", "w_sum").write_bytes(b"\xff\xfe broken")
    fresh = Progress.load()
    assert fresh.load_draft("3.2", "w_sum") is None
    assert "draft of 3.2/w_sum could not be read" in fresh.notice
    assert list(p.draft_path("3.2", "w_sum").parent.glob("w_sum.py.damaged-*"))


def test_draft_paths_stay_inside_the_data_dir(private_data_dir):
    p = Progress.load()
    path = p.draft_path("../../etc", "pass/wd")
    assert private_data_dir in path.resolve().parents


def test_draft_saver_writes_the_newest_text_last():
    p = Progress.load()
    saver = DraftSaver(p)
    threads = [threading.Thread(target=lambda i=i: saver.submit("3.2", "w_sum", f"v{i}")) for i in range(50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    saver.submit("3.2", "w_sum", "final")
    saver.flush()
    assert p.load_draft("3.2", "w_sum") == "final"


def test_draft_saver_flush_waits_for_a_text_the_saver_thread_already_took():
    # Leaving the screen flushes, then the app may exit (daemon thread gone): flush must not return
    # while the saver thread holds a text it took but has not written yet.
    p = Progress.load()
    saver = DraftSaver(p)
    taken, release = threading.Event(), threading.Event()
    take = saver._take

    def slow_take():
        job = take()
        if job is not None and threading.current_thread().name == "draft saver":
            taken.set()
            release.wait(5)
        return job

    saver._take = slow_take  # type: ignore[method-assign]
    saver.submit("3.2", "w_sum", "typed")
    assert taken.wait(5)
    seen: list[str | None] = []
    flusher = threading.Thread(target=lambda: (saver.flush(), seen.append(p.load_draft("3.2", "w_sum"))))
    flusher.start()
    flusher.join(0.3)  # a grace for a wrong flush to return early; the assertion below does not time
    release.set()
    flusher.join(5)
    assert seen == ["typed"]


def test_reset_exercise_keeps_a_backup_of_the_code():
    p = Progress.load()
    p.save_draft("3.2", "w_sum", "my code")
    p.record_pass("3.2", "w_sum", "my code")
    backup = p.reset_exercise("3.2", "w_sum")
    assert backup is not None and backup.read_text() == "my code" and ".bak-" in backup.name
    assert not Progress.load().exercise_done("3.2", "w_sum")
    assert p.load_draft("3.2", "w_sum") is None


def test_reset_all_keeps_backups():
    p = Progress.load()
    p.open_lesson("3.1")
    p.save_draft("3.2", "w_sum", "mine")
    backups = p.reset_all()
    assert {b.name.split(".bak-")[0] for b in backups} == {"progress.json", "drafts"}
    fresh = Progress.load()
    assert fresh.lessons == {} and fresh.last_lesson is None and fresh.load_draft("3.2", "w_sum") is None


# -- the CLI ---------------------------------------------------------------------------------------
# -- odd shapes and a data folder that cannot be written --------------------------------------------
def test_unknown_states_and_entries_read_as_not_started_and_are_kept(private_data_dir):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    odd = {
        "lessons": {"3.1": "mastered", "3.2": 7, "3.3": None, "4.1": "done"},
        "exercises": {"3.2/w_sum": 5, "3.2/other": {"done": "yes", "code": 3}, "4.3/gd": {"done": True, "code": "c"}},
        "last_lesson": ["3.1"],
    }
    (private_data_dir / "progress.json").write_text(json.dumps(odd))
    p = Progress.load()
    assert p.notice == ""
    assert [p.lesson_state(i) for i in ("3.1", "3.2", "3.3", "4.1")] == ["", "", "", "done"]
    assert not p.exercise_done("3.2", "w_sum") and not p.exercise_done("3.2", "other")
    assert p.passed_code("3.2") == {} and p.passed_code("4.3") == {"gd": "c"}
    assert p.hints_shown("3.2", "w_sum") == 0 and p.last_lesson is None
    p.show_hint("3.2", "w_sum", 1)  # an entry that is not an object is replaced when written
    p.finish_lesson("4.2")
    saved = json.loads((private_data_dir / "progress.json").read_text())
    assert saved["lessons"]["3.1"] == "mastered" and saved["lessons"]["3.2"] == 7  # kept as they were
    assert saved["exercises"]["3.2/other"] == {"done": "yes", "code": 3}
    assert saved["exercises"]["3.2/w_sum"] == {"done": False, "hints": 1}


def test_a_read_only_data_folder_is_reported_and_nothing_raises(private_data_dir, read_only):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    seen = []
    p = Progress.load()
    p.on_save_error = seen.append
    p.open_lesson("3.1")
    p.finish_lesson("3.1")
    p.record_pass("3.2", "w_sum", "def w_sum(a, b): ...")
    assert p.lesson_state("3.1") == "done"  # the session goes on, in memory
    assert p.save_error == f"your progress cannot be saved: {private_data_dir} is read-only"
    assert seen and seen[0] == p.save_error


def test_a_data_folder_that_is_a_file_is_named_as_such(private_data_dir):
    """GROK_TUI_DATA naming a file: "…/afile/progress.json: File exists" said nothing of the cause."""
    private_data_dir.parent.mkdir(parents=True, exist_ok=True)
    private_data_dir.write_text("not a folder")
    p = Progress.load()
    p.on_save_error = print
    p.open_lesson("3.1")
    assert p.save_error == f"your progress cannot be saved: {private_data_dir} is a file, not a folder"


def test_drafts_that_cannot_be_saved_are_kept_and_can_be_saved_elsewhere(private_data_dir, read_only, tmp_path):
    p = Progress.load()
    saver = DraftSaver(p)
    saver.submit("3.2", "w_sum", "typed code")
    saver.flush()
    saver.submit("3.2", "w_sum", "newer typed code")
    saver.flush()
    assert saver.error.startswith("could not save your draft")
    assert p.unsaved == {("3.2", "w_sum"): "newer typed code"}
    read_only()  # lifted: somewhere else is writable
    written = p.save_unsaved(tmp_path / "elsewhere")
    assert [w.read_text() for w in written] == ["newer typed code"]
    assert written[0] == tmp_path / "elsewhere" / "3.2" / "w_sum.py" and p.unsaved == {}


def test_resets_still_fail_loudly_when_nothing_can_be_written(private_data_dir, read_only):
    p = Progress.load()
    with pytest.raises(OSError):
        p.reset_lesson("3.1")


def test_the_draft_saver_keeps_a_file_changed_since_its_last_write():
    progress = Progress.load()
    saver = DraftSaver(progress)
    saver.expect("3.2", "w_sum", None)  # opened with no draft
    saver.submit("3.2", "w_sum", "mine 1")
    saver.flush()
    assert saver.kept == []
    progress.draft_path("3.2", "w_sum").write_text("theirs", encoding="utf-8")
    saver.submit("3.2", "w_sum", "mine 2")
    saver.flush()
    assert progress.load_draft("3.2", "w_sum") == "mine 2"
    backups = sorted(progress.draft_path("3.2", "w_sum").parent.glob("w_sum.py.bak-*"))
    assert [b.read_text() for b in backups] == ["theirs"] and saver.kept == [backups[0].name]
    saver.submit("3.2", "w_sum", "mine 3")  # its own last write is no outside edit
    saver.flush()
    assert len(list(progress.draft_path("3.2", "w_sum").parent.glob("w_sum.py.bak-*"))) == 1

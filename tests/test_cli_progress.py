"""`grok-tui progress` and `grok-tui reset` as the learner reads them: the marks explained, and a reset
that says what it did."""

from __future__ import annotations

import io
import sys

import pytest

from grok_tui.cli import main
from grok_tui.course_marks import LEGEND
from grok_tui.progress import Progress


def cli(capsys, monkeypatch, *args: str) -> tuple[int, str, str]:
    stdin = io.StringIO("")
    stdin.isatty = lambda: False  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


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

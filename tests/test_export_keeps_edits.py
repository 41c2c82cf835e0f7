"""`grok-tui export` never loses a file the learner edited: an export that would change an existing
file keeps the old one beside it as a .bak-<time> (as `reset` keeps drafts), the same content is
left alone, and a mistyped -o folder is refused rather than created."""

from __future__ import annotations

from pathlib import Path

import pytest

from grok_tui.cli import main


def export(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["export", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["py", "ipynb"])
def test_an_edited_export_is_kept_as_a_backup(tmp_path: Path, capsys, monkeypatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert export(capsys, "4.5", "--to", fmt)[0] == 0
    [target] = tmp_path.glob(f"*.{fmt}")
    exported = target.read_text()
    target.write_text(exported + "# MY NOTES\n")
    code, out, _ = export(capsys, "4.5", "--to", fmt)
    [kept] = tmp_path.glob(f"{target.name}.bak-*")
    assert code == 0 and kept.read_text() == exported + "# MY NOTES\n"
    assert target.read_text() == exported
    assert out == f"wrote {target.name}; the file that was there is kept as {kept.name}\n"


def test_an_unchanged_export_is_up_to_date_and_keeps_no_backup(tmp_path: Path, capsys) -> None:
    target = tmp_path / "a.py"
    assert export(capsys, "3.2", "-o", str(target)) == (0, f"wrote {target}\n", "")
    assert export(capsys, "3.2", "-o", str(target)) == (0, f"{target} is up to date\n", "")
    assert [p.name for p in tmp_path.iterdir()] == ["a.py"]


def test_export_all_keeps_each_edited_file(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "course"
    assert export(capsys, "--all", str(folder), "--to", "py")[0] == 0
    edited = next(folder.glob("4.5-*.py"))
    edited.write_text("# MY NOTES\n")
    code, out, _ = export(capsys, "--all", str(folder), "--to", "py")
    [kept] = folder.glob("4.5-*.py.bak-*")
    assert code == 0 and kept.read_text() == "# MY NOTES\n"
    assert f"wrote {edited}; the file that was there is kept as {kept}" in out.splitlines()
    assert sum(line.endswith(" is up to date") for line in out.splitlines()) == len(out.splitlines()) - 1


@pytest.mark.parametrize("where", ["-o", "--all"])
def test_a_missing_folder_is_refused_not_created(tmp_path: Path, capsys, where: str) -> None:
    missing = tmp_path / "nonexist" / "dir"
    args = ["3.2", "-o", str(missing / "a.ipynb")] if where == "-o" else ["--all", str(missing)]
    code, out, err = export(capsys, *args)
    assert code == 2 and out == "" and len(err.splitlines()) == 1
    assert f"the folder {missing if where == '-o' else missing.parent} does not exist" in err
    assert not (tmp_path / "nonexist").exists()

"""`grok-tui export -o FILE` writes what FILE's ending says, and refuses a --to that contradicts it."""

from __future__ import annotations

import json
from pathlib import Path

from grok_tui.cli import main


def assert_script(path: Path) -> None:
    text = path.read_text()
    assert not text.lstrip().startswith("{"), "a notebook's JSON, not a script"
    assert "def step(" in text
    compile(text, str(path), "exec")


def test_o_with_py_writes_a_script_and_with_ipynb_a_notebook(tmp_path: Path) -> None:
    script, notebook = tmp_path / "a.py", tmp_path / "b.ipynb"
    assert main(["export", "3.2", "-o", str(script)]) == 0
    assert main(["export", "3.2", "-o", str(notebook)]) == 0
    assert_script(script)
    assert json.loads(notebook.read_text())["metadata"]["grok_tui"] == {"lesson": "3.2"}


def test_without_o_or_with_another_ending_the_default_is_a_notebook(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "3.2"]) == 0
    assert main(["export", "3.2", "-o", "c.txt"]) == 0
    assert main(["export", "3.2", "--to", "py", "-o", "d.txt"]) == 0
    notebooks = [p for p in tmp_path.iterdir() if p.suffix == ".ipynb"]
    assert len(notebooks) == 1 and "cells" in json.loads(notebooks[0].read_text())
    assert "cells" in json.loads((tmp_path / "c.txt").read_text())
    assert_script(tmp_path / "d.txt")


def test_a_to_that_contradicts_the_ending_is_refused(tmp_path: Path, capsys) -> None:
    target = tmp_path / "e.py"
    assert main(["export", "3.2", "--to", "ipynb", "-o", str(target)]) == 2
    assert not target.exists()
    assert f"--to ipynb would write a notebook into {target}" in capsys.readouterr().err

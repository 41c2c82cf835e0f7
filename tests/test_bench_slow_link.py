"""bench/slow_link.py: its --help named a --window option that was a ValueError, and the terminal
was 80x24 whatever was measured; --size WxH sets it everywhere the run uses it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "slow_link.py"


@pytest.fixture
def slow_link(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("slow_link_under_test", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_help_names_only_options_it_takes(slow_link, monkeypatch) -> None:
    assert "--window" not in slow_link.__doc__ and "--size WxH" in slow_link.__doc__
    monkeypatch.setattr(sys, "argv", ["slow_link.py", "--window", "100"])
    with pytest.raises(SystemExit, match=r"unknown option --window \(--help lists them\)"):
        slow_link.main()


def test_size_is_read_in_both_forms_and_defaults_to_80x24(slow_link) -> None:
    assert slow_link.take_size(["10", "6.5", "64", "--size", "120x40"]) == (["10", "6.5", "64"], (120, 40))
    assert slow_link.take_size(["--size=100x30", "--lab"]) == (["--lab"], (100, 30))
    assert slow_link.take_size(["10"]) == (["10"], (80, 24))
    with pytest.raises(SystemExit, match="--size takes COLUMNSxROWS"):
        slow_link.take_size(["--size", "120"])


def test_the_size_reaches_the_terminal_the_screen_and_the_answers(slow_link, monkeypatch, capsys) -> None:
    opened = []

    class Program:
        def __init__(self, argv, cols, rows, env=None) -> None:
            opened.append((cols, rows))
            raise RuntimeError("not started")

    monkeypatch.setattr(slow_link, "PtyProgram", Program)
    with pytest.raises(RuntimeError):
        slow_link.run("grok-tui", "6.5", None, 1.0, 1024, size=(120, 40))
    assert opened == [(120, 40)]
    link = slow_link.Link(None, None, 1024, (120, 40))
    assert (link.view.cols, link.view.rows) == (120, 40)
    assert link.answers[b"\x1b[6n"] == b"\x1b[40;120R"
    monkeypatch.setattr(sys, "argv", ["slow_link.py", "1", "6.5", "--size", "120x40"])
    monkeypatch.setattr(slow_link, "run", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        slow_link.main()
    assert capsys.readouterr().out.startswith("grok-tui 6.5 at 120x40, reading view")

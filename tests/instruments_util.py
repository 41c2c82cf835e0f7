"""Helpers of the instruments' tests: a small lesson file with given metadata, and plain text of a
Rich renderable."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from grok_tui.lesson.parse import parse_lesson

HEAD = '+++\nid = "9.1"\nchapter = 9\ntitle = "t"\n'
BODY = "+++\n\n```python train\nfor i in range(3):\n    step(i=i, w=0.5 - i * 0.1, error=(2 * (0.5 - i * 0.1) - 0.8) ** 2)\n```\n"


def lesson_from(tmp_path: Path, meta: str, body: str = BODY):
    path = tmp_path / "9.1-t.md"
    path.write_text(HEAD + meta + body, encoding="utf-8")
    return parse_lesson(path)


def plain(text) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(text)
    return console.export_text()

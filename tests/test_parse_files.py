"""The lesson files the parser reads, and how a folder of them loads: a byte order mark, text that is
not UTF-8 (named at its line), only regular files, no huge file, good lessons kept beside a bad one,
duplicate ids. (A lesson's own content: test_parse.py.)"""

from __future__ import annotations

from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.parse import parse_lesson
from tests.test_parse import GOOD, write


def test_catalog_keeps_good_lessons_when_one_is_bad(tmp_path):
    write(tmp_path, GOOD, "good.md")
    write(tmp_path, GOOD.replace('id = "9.1"', 'id = "9.2"').replace("```python train", "```python nope"), "bad.md")
    write(tmp_path, "# The format\n", "README.md")  # documentation, never a lesson
    catalog = load_catalog(tmp_path)
    assert [lesson.id for lesson in catalog.lessons] == ["9.1"]
    assert len(catalog.errors) == 1 and catalog.errors[0].path.name == "bad.md"


def test_duplicate_ids_are_reported(tmp_path):
    write(tmp_path, GOOD, "a.md")
    write(tmp_path, GOOD, "b.md")
    catalog = load_catalog(tmp_path)
    assert len(catalog.lessons) == 1
    assert "already used" in catalog.errors[0].message


def test_a_byte_order_mark_is_read_as_nothing(tmp_path):
    path = write(tmp_path, GOOD)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    lesson, problems = parse_lesson(path)
    assert problems == [] and lesson is not None and lesson.id == "9.1"
    plain, _ = parse_lesson(write(tmp_path, GOOD, "plain.md"))
    assert [c.line for c in lesson.cells] == [c.line for c in plain.cells]  # lines do not move
    lesson, problems = parse_lesson(path, "\ufeff" + GOOD)  # text given with its mark
    assert problems == [] and lesson is not None


def test_text_that_is_not_utf8_is_named_at_its_line(tmp_path):
    path = tmp_path / "latin.md"
    path.write_bytes(GOOD.encode("utf-8").replace(b"A tiny lesson", b"A tiny le\xe7on"))
    lesson, problems = parse_lesson(path)
    assert lesson is None
    assert str(problems[0]) == f"{path}:5: not UTF-8 text: byte 0xe7 cannot be read (save the file as UTF-8)"


def test_only_regular_files_are_read(tmp_path):
    import os

    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "dir.md").mkdir()
    write(tmp_path, GOOD, "good.md")
    catalog = load_catalog(tmp_path)  # returns: the FIFO is never opened
    assert [l.id for l in catalog.lessons] == ["9.1"]
    assert sorted(str(e) for e in catalog.errors) == [
        f"{tmp_path / 'dir.md'}: not a regular file (a folder); skipped",
        f"{tmp_path / 'fifo.md'}: not a regular file (a FIFO); skipped",
    ]


def test_a_huge_file_is_not_read(tmp_path):
    path = tmp_path / "huge.md"
    with open(path, "wb") as f:
        f.truncate(50_000_000)
    lesson, problems = parse_lesson(path)
    assert lesson is None and "too big for a lesson file" in str(problems[0])

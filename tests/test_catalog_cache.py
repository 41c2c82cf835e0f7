"""The parsed course is reused between starts, and never when a lesson file changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grok_tui.lesson import catalog as catalog_module
from grok_tui.lesson import catalog_cache
from grok_tui.lesson.catalog import load_catalog

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A cache file of this test's own: the session's is shared by every xdist worker, and another
    worker loading the real course may write it between this test's steps."""
    monkeypatch.setenv(catalog_cache.CACHE_ENV, str(tmp_path / "cache"))


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "lessons"
    shutil.copytree(LESSONS / "ch3", root / "ch3")
    return root


def no_parsing(monkeypatch):
    def fail(path):
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(catalog_module, "parse_lesson", fail)


def test_a_second_start_reuses_the_parsed_course(course, monkeypatch):
    first = load_catalog(course)
    assert catalog_cache.cache_path().exists()
    no_parsing(monkeypatch)
    second = load_catalog(course)
    assert second == first and len(second.lessons) == len(list(course.rglob("*.md"))) > 0


def test_an_edit_of_the_same_size_is_parsed_again(course):
    load_catalog(course)
    path = course / "ch3" / "3.1-one-input-one-weight.md"
    text = path.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    path.write_text(text.replace(title, title[:-2] + "X" + title[-1]))  # one letter, same size
    again = load_catalog(course)
    assert again.get("3.1").title.endswith("X")


def test_a_new_lesson_file_is_found(course):
    load_catalog(course)
    shutil.copy(LESSONS / "ch4" / "4.1-measuring-error.md", course / "ch3" / "4.1.md")
    assert load_catalog(course).get("4.1") is not None


def test_an_unreadable_cache_means_parsing_afresh(course):
    first = load_catalog(course)
    catalog_cache.cache_path().write_bytes(b"not a pickle")
    assert load_catalog(course) == first


def test_a_folder_named_like_a_lesson_is_left_to_the_parse_to_report(course):
    (course / "ch3" / "dir.md").mkdir()
    catalog_cache.cache_path().unlink(missing_ok=True)
    catalog = load_catalog(course)
    assert catalog.lessons and not catalog_cache.cache_path().exists()

"""Fixtures for the Pilot tests: a small fixed course (frozen copies of 3.1 and 4.5 in tests/ui/lessons),
so that edits to the real course cannot move the screens these tests look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from grok_tui.lesson.catalog import Catalog, load_catalog

LESSONS = Path(__file__).resolve().parent / "lessons"
FIXED = ("ch3/3.1-one-input-one-weight.md", "ch4/4.5-breaking-gradient-descent.md")


@pytest.fixture
def lessons_dir(tmp_path) -> Path:
    root = tmp_path / "lessons"
    for rel in FIXED:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LESSONS / rel, root / rel)
    return root


@pytest.fixture
def small_catalog(lessons_dir) -> Catalog:
    catalog = load_catalog(lessons_dir)
    assert not catalog.errors and [l.id for l in catalog.lessons] == ["3.1", "4.5"]
    return catalog

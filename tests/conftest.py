"""Shared fixtures: the course folder, and a private data directory so tests never touch the learner's."""

from __future__ import annotations

from pathlib import Path

import pytest

from grok_tui.lesson.catalog import Catalog, load_catalog

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    data = tmp_path / "grok-data"
    monkeypatch.setenv("GROK_TUI_DATA", str(data))
    monkeypatch.setenv("GROK_TUI_CONFIG", str(tmp_path / "grok-config"))  # never the learner's settings
    monkeypatch.delenv("GROK_TUI_LESSONS", raising=False)
    return data


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(LESSONS)

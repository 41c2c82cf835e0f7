"""Lesson files survive a trip through Jupyter: jupytext opens them as notebooks, Jupyter saves the
notebook with its metadata keys sorted, jupytext writes the Markdown back, and the lesson is the same."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from grok_tui.lesson.body import fence_role
from grok_tui.lesson.catalog import lesson_files
from grok_tui.lesson.parse import parse_lesson
from tests.conftest import LESSONS


@pytest.fixture(scope="module")
def jupyter():
    """jupytext and nbformat, imported by the tests that use them: at module level their import was
    half of the suite's collection time, paid by every xdist worker."""
    return pytest.importorskip("jupytext"), pytest.importorskip("nbformat")


def _shape(value):
    """A lesson as plain data without line numbers and paths (a round trip may move lines)."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: _shape(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in ("line", "path")
        }
    if isinstance(value, (tuple, list)):
        return [_shape(v) for v in value]
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    return value


def _through_jupyter(path: Path, jupyter) -> str:
    """Open the lesson as a notebook, save it as Jupyter does (sorted keys), write Markdown back."""
    jupytext, nbformat = jupyter
    notebook = jupytext.read(path)
    saved = json.dumps(json.loads(nbformat.writes(notebook)), sort_keys=True, indent=1)
    return jupytext.writes(nbformat.reads(saved, as_version=4), fmt="md")


@pytest.mark.parametrize("path", lesson_files(LESSONS), ids=lambda p: p.stem)
def test_every_lesson_round_trips(path: Path, jupyter) -> None:
    before, problems = parse_lesson(path)
    assert before is not None, problems
    text = _through_jupyter(path, jupyter)
    after, problems = parse_lesson(path, text)
    assert not problems, [str(p) for p in problems]
    assert _shape(after) == _shape(before)


def test_the_round_trip_really_reorders_an_exercise_fence(jupyter) -> None:
    # The reason for reading either order: Jupyter's sorted keys put "slope" before "solution".
    text = _through_jupyter(LESSONS / "ch4" / "4.3b-what-is-a-derivative.md", jupyter)
    assert "```python slope solution" in text


@pytest.mark.parametrize(
    "info, expected",
    [
        ("", ("run", "", "")),
        (" train", ("train", "", "")),
        (" exercise slope", ("exercise", "slope", "")),
        (" slope exercise", ("exercise", "slope", "")),
        (' exercise name="slope"', ("exercise", "slope", "")),
        (" name=slope test", ("test", "slope", "")),
        (' check tags=["hide"] jupyter={"source_hidden": true}', ("check", "", "")),
    ],
)
def test_fence_words_in_any_order(info, expected) -> None:
    assert fence_role(info) == expected


@pytest.mark.parametrize(
    "info, message",
    [
        (" bogus", "unknown cell role 'bogus'"),
        (" exercise test slope", "one role"),
        (" exercise slope other", "names one exercise"),
    ],
)
def test_bad_fence_words_are_named(info, message) -> None:
    assert message in fence_role(info)[2]

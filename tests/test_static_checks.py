"""The linters as tests: the layers (import-linter, the whole package), ruff over the whole tree, and
mypy over the whole package (the files pyproject.toml's [tool.mypy] names)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLEAN = (".",)
"""ruff (lint and format) covers the whole tree."""


def tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return found


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_layers_hold_and_the_engine_imports_no_textual():
    result = run(tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing_in_the_clean_files():
    result = run(tool("ruff"), "check", *CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr
    result = run(tool("ruff"), "format", "--check", *CLEAN)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package():
    result = run(tool("mypy"))
    assert result.returncode == 0, result.stdout + result.stderr

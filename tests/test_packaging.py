"""What the package declares: the README a package index shows, the grammar the editor needs, the
lower bounds the issue asked for."""

from __future__ import annotations

import re
import tomllib

from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_the_index_readme_has_no_local_image_and_loses_nothing_else() -> None:
    hook = PYPROJECT["tool"]["hatch"]["metadata"]["hooks"]["fancy-pypi-readme"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme
    for sub in hook["substitutions"]:
        shown = re.sub(sub["pattern"], sub["replacement"], shown)
    assert "docs/screenshot.svg" in readme  # the repository's README keeps its picture
    assert not re.search(r"!\[[^\]]*\]\((?!https?://)", shown)  # no relative image on the index page
    assert len(readme) - len(shown) < 100  # only that line went
    assert "## Quick start" in shown


def test_only_the_python_grammar_instead_of_textual_syntax() -> None:
    deps = PYPROJECT["project"]["dependencies"]
    assert not any(d.startswith("textual[") for d in deps)
    assert [d for d in deps if d.startswith("tree-sitter-")] == ["tree-sitter-python>=0.23"]


def test_the_lower_bounds_asked_for() -> None:
    test = PYPROJECT["project"]["optional-dependencies"]["test"]
    assert "pytest-asyncio>=0.24" in test and "pytest-textual-snapshot>=1.1" in test
    assert PYPROJECT["project"]["optional-dependencies"]["web"] == ["textual-serve>=1.1"]


def test_the_license_file_is_mit_as_declared() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")

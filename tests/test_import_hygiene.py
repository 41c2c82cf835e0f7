"""The engine knows nothing of the screen: importing it (and the headless CLI) loads no Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import grok_tui

ENGINE_MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(grok_tui.__path__, "grok_tui.")
    if not m.name.startswith("grok_tui.ui") and m.name != "grok_tui.__main__"
)


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    import json

    return set(json.loads(out.stdout.splitlines()[-1]))


def test_engine_modules_exist_to_be_checked():
    assert {"grok_tui.engine.runner", "grok_tui.lesson.parse", "grok_tui.cli", "grok_tui.progress"} <= set(
        ENGINE_MODULES
    )


def test_importing_the_engine_does_not_import_textual():
    modules = loaded_after("\n".join(f"import {name}" for name in ENGINE_MODULES))
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_headless_run_and_check_do_not_import_textual_or_sklearn_needlessly():
    modules = loaded_after(
        "from grok_tui.cli import main\nimport contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['run', '4.5', '--json'])\n    main(['list'])"
    )
    assert "textual" not in modules
    assert "sklearn" not in modules

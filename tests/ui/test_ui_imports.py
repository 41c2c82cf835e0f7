"""Start-up stays close to a bare Textual app: the UI's modules import no numpy and no scikit-learn
(numpy arrives with the first run, on the worker thread; scikit-learn only if a lesson asks)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_app_and_its_screens_import_no_numpy_nor_sklearn():
    probe = (
        "import sys, json, grok_tui.ui.app, grok_tui.ui.screens.lesson, grok_tui.ui.screens.help, "
        "grok_tui.ui.screens.contents\nprint(json.dumps(sorted(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert "textual" in loaded
    assert not {"numpy", "sklearn"} & loaded
    # the code editor's widget (~10 ms) waits for the first exercise (typeahead.py must not bring it)
    assert "textual.widgets._text_area" not in loaded


OPEN_DIGITS_LESSON = """
import asyncio, json, sys, threading
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp

where = {}

class Watch:
    def find_spec(self, name, path=None, target=None):
        if name in ("numpy", "sklearn") and name not in where:
            where[name] = threading.current_thread().name
        return None

sys.meta_path.insert(0, Watch())

async def main():
    app = GrokApp(load_catalog(sys.argv[1]), start_lesson="7.1")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(500):
            if type(app.screen).__name__ == "LessonScreen" and app.screen.panels.widgets:
                break
            await pilot.pause(0.01)
        where["screen"] = type(app.screen).__name__
        where["panel"] = [type(w).__module__ for w in app.screen.panels.widgets]

asyncio.run(main())
print(json.dumps(where))
"""


def test_a_lesson_with_panels_imports_numpy_off_the_ui_thread():
    from tests.conftest import LESSONS

    out = subprocess.run(
        [sys.executable, "-c", OPEN_DIGITS_LESSON, str(LESSONS)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    seen = json.loads(out.stdout.splitlines()[-1])
    assert seen["screen"] == "LessonScreen" and seen["panel"] == ["grok_tui.ui.panels.digit_gallery"]
    assert seen["numpy"] != "MainThread"

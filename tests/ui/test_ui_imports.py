"""Start-up stays close to a bare Textual app: the UI's modules import no numpy and no scikit-learn
(numpy arrives with the first run, on the worker thread; scikit-learn only if a lesson asks)."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_app_and_its_screens_import_no_numpy_nor_sklearn():
    probe = ("import sys, json, grok_tui.ui.app, grok_tui.ui.lesson_screen, grok_tui.ui.help_screen, "
             "grok_tui.ui.contents\nprint(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    loaded = set(json.loads(out.stdout.splitlines()[-1]))
    assert "textual" in loaded
    assert not {"numpy", "sklearn"} & loaded

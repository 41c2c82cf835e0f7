"""Trace files of lesson processes whose tutor was killed outright (SIGKILL, a test run cut by
`timeout`) are removed by the next tutor's first lesson process: such a tutor cannot remove them."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from grok_tui.engine.process import ChildProcess
from grok_tui.engine.trace_files import sweep_stale_traces

pytestmark = pytest.mark.skipif(os.name != "posix", reason="os.kill(pid, 0) asks without killing on POSIX only")


def test_the_trace_files_of_tutors_gone_are_swept_and_a_living_ones_kept(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = int(gone.stdout)
    names = [
        f"grok-tui-lesson-{dead}-abc.trace",  # its tutor is gone
        f"grok-tui-lesson-{os.getpid()}-def.trace",  # this process's: alive
        "grok-tui-lesson-xyz.trace",  # no owner in its name: not ours to judge
        "other-1-x.trace",
    ]
    for name in names:
        (tmp_path / name).write_text("")
    assert sweep_stale_traces(str(tmp_path)) == [names[0]]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names[1:])


def test_a_lesson_process_names_its_trace_file_after_its_tutor():
    child = ChildProcess([])
    try:
        assert os.path.basename(child.fault_path).startswith(f"grok-tui-lesson-{os.getpid()}-")
    finally:
        child.close()


def test_the_first_lesson_process_of_a_session_sweeps_the_temp_folder(tmp_path, monkeypatch):
    import tempfile

    from grok_tui.engine import trace_files

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"grok-tui-lesson-{int(gone.stdout)}-abc.trace"
    stale.write_text("")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(trace_files, "_swept", False)
    child = ChildProcess([])
    try:
        assert not stale.exists() and os.path.dirname(child.fault_path) == str(tmp_path)
    finally:
        child.close()

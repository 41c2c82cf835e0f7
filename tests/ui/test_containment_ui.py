"""The tutor stays up whatever a lesson's code or a learner's passed answer does (Pilot), a data folder
that cannot be written is a lasting notice, and a crash of the app leaves a log file (a subprocess)."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.progress import Progress
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.screens.predict import PredictScreen
from grok_tui.ui.screens.save_elsewhere import SaveElsewhereScreen
from grok_tui.ui.widgets.status import StatusLine
from tests.conftest import LESSONS
from tests.faulty import FIRST_LINE, cpu_ticks, gone, process_state, write_lesson
from tests.ui.helpers import text_of, wait_for

SIZE = (80, 24)
LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc, uses a pty")


def faulty_catalog(tmp_path, *names):
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in names:
        write_lesson(folder, name)
    catalog = load_catalog(folder)
    assert not catalog.errors
    return catalog


def lesson_id(catalog, title: str) -> str:
    return next(lesson.id for lesson in catalog.lessons if lesson.title == title)


@LINUX
async def test_a_loop_without_step_is_stopped_by_r_and_its_cpu_is_back(tmp_path):
    catalog = faulty_catalog(tmp_path, "loop")
    app = GrokApp(catalog, start_lesson=lesson_id(catalog, "loop"), speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("space")
        run = screen.run
        await wait_for(pilot, lambda: run.pid is not None and process_state(run.pid) == "R", 10, "the loop to run")
        pid = run.pid
        first = cpu_ticks(pid)
        await wait_for(pilot, lambda: cpu_ticks(pid) > first, 10, "the loop to burn CPU")
        await pilot.press("r")
        await wait_for(pilot, lambda: gone(pid), 5, "the looping process to end")
        await wait_for(pilot, lambda: run.state is RunState.CANCELLED, 5, "the run to be cancelled")
        await pilot.press("space")  # and it runs again, then leaving the lesson stops it too
        await wait_for(pilot, lambda: screen.run is not None and screen.run.pid is not None, 10, "a new run")
        again = screen.run.pid
        await pilot.press("escape", "escape")  # a run in progress asks for the second
        await wait_for(pilot, lambda: gone(again), 5, "leaving the lesson to stop its run")


@pytest.mark.parametrize(
    "name, words",
    [
        ("exit", f"exit.md:{FIRST_LINE + 2}: crash: the lesson's code ended its process (exit status 3)"),
        ("input", f"input.md:{FIRST_LINE}: EOFError: input() cannot read the keyboard"),
        ("segv", f"segv.md:{FIRST_LINE + 2}: crash: the lesson's process was killed by SIGSEGV"),
    ],
)
async def test_code_that_ends_its_process_or_reads_the_keyboard_is_a_failed_run(tmp_path, name, words):
    catalog = faulty_catalog(tmp_path, name)
    app = GrokApp(catalog, start_lesson=lesson_id(catalog, name), speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state is RunState.FAILED and screen.ended, 20, "the failure")
        # The status is redrawn on the screen's tick, which can come after the state under load.
        await wait_for(pilot, lambda: words in text_of(screen.query_one(StatusLine)).replace("\n", ""), 20, "status")
        await pilot.press("c")  # the keyboard still belongs to the tutor
        assert not isinstance(app.screen, LessonScreen)
        await pilot.press("ctrl+q")
    assert app.return_code in (0, None)


@pytest.mark.parametrize(
    "answer, words",
    [
        ("import os\ndef w_sum(a, b):\n    os._exit(4)\n", "exit status 4"),
        ("import builtins\ndef w_sum(a, b):\n    return float(builtins.input())\n", "input() cannot read the keyboard"),
    ],
)
async def test_a_passed_answer_that_misbehaves_live_fails_the_run_not_the_tutor(answer, words):
    catalog = load_catalog(LESSONS)
    progress = Progress.load()
    progress.record_pass("3.2", "w_sum", answer)
    app = GrokApp(catalog, start_lesson="3.2", speed=0, progress=progress)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state is RunState.FAILED and screen.ended, 20, "the failure")
        assert words in screen.run.failure.message
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id != "3.2")


async def test_a_read_only_data_folder_is_a_lasting_notice_and_the_tutor_works(private_data_dir, read_only):
    app = GrokApp(load_catalog(LESSONS), start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        notes = [n for n in app._notifications if "cannot be saved" in n.message]
        assert notes and notes[0].message.startswith(
            f"your progress cannot be saved: {private_data_dir.parent} is read-only"
        )
        assert notes[0].timeout >= 3600  # it stays
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state is RunState.FINISHED and screen.ended, 20)
        assert app.progress.lesson_state("4.5") == "done"  # kept in memory


async def test_unsaved_code_is_offered_for_saving_elsewhere_on_quit(private_data_dir, read_only, tmp_path):
    app = GrokApp(load_catalog(LESSONS), speed=0)
    async with app.run_test(size=SIZE) as pilot:
        with contextlib.suppress(OSError):
            app.progress.save_draft("3.2", "w_sum", "def w_sum(a, b):\n    return 42\n")
        await pilot.press("ctrl+q")
        await wait_for(pilot, lambda: isinstance(app.screen, SaveElsewhereScreen), what="the offer")
        await pilot.pause()
        # The lasting "cannot be saved" notices lay over the dialog at 80x24: its "(escape)" was hidden
        assert not app._notifications
        assert "quit without saving it (escape)" in app.export_screenshot().replace("&#160;", " ")
        read_only()  # lifted: somewhere else is writable
        field = app.screen.query_one("#save-folder")
        field.value = str(tmp_path / "elsewhere")
        await pilot.press("enter")
    saved = tmp_path / "elsewhere" / "3.2" / "w_sum.py"
    assert saved.read_text() == "def w_sum(a, b):\n    return 42\n"
    assert app.saved_elsewhere == [saved]


CRASH = textwrap.dedent("""
    import sys
    from grok_tui.ui.app import GrokApp

    def broken(self):
        raise ValueError("a bug in the tutor")

    GrokApp.action_contents = broken
    from grok_tui.cli import main
    sys.exit(main(sys.argv[1:]))
""")


@LINUX
def test_a_crash_restores_the_terminal_writes_a_log_and_exits_non_zero(tmp_path):
    """The real launcher in a pseudo-terminal: press escape (contents), which the patched app fails on."""
    import pty
    import select
    import time

    logs = tmp_path / "logs"
    env = {
        **os.environ,
        "GROK_TUI_LOG_DIR": str(logs),
        "GROK_TUI_DATA": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }
    pid, fd = pty.fork()
    if pid == 0:  # the child: the tutor on a terminal
        os.execve(sys.executable, [sys.executable, "-c", CRASH, "4.5"], env)
    out = b""
    deadline = time.monotonic() + 60
    sent = False
    status = None
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            out += chunk
        if not sent and b"space run" in out:
            os.write(fd, b"\x1b")  # escape: contents
            sent = True
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        status = None
    if status is None:
        _, status = os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert os.WEXITSTATUS(status) == 1
    tail = text.rsplit("\x1b[?1049l", 1)[-1]  # after the alternate screen is left: the restored terminal
    import re

    tail = re.sub(r"\x1b\[[0-9;?<>=]*[A-Za-z]", "", tail)  # the modes the restore switches off
    lines = [line for line in tail.replace("\r", "").split("\n") if line.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(
        "grok-tui stopped on an unexpected error (ValueError: a bug in the tutor); the details are in "
    )
    log = lines[0].rsplit(" ", 1)[1]
    with open(log) as file:
        text = file.read()
    assert log.startswith(str(logs)) and "Traceback" in text and text.endswith("ValueError: a bug in the tutor\n")


def test_the_panel_names_check_knows_are_the_panels_there_are():
    import pkgutil

    import grok_tui.ui.panels as panels
    from grok_tui.lesson.panel_names import PANEL_NAMES

    def is_panel(name: str) -> bool:
        try:
            return hasattr(panels.panel_class(name), "compose")
        except panels.UnknownPanel:  # shared code such as base.py (the LessonPanel class)
            return False

    modules = [m.name for m in pkgutil.iter_modules(panels.__path__) if not m.name.startswith("_")]
    real = sorted(name for name in modules if is_panel(name))
    assert len(real) >= 5 and sorted(PANEL_NAMES) == real


ODD = [
    '{"lessons": {"4.5": "mastered", "4.4": 3, "4.3": ["x"]}, "exercises": {"4.3/gd_step": 7}, "last_lesson": 45}',
    '{"lessons": [], "exercises": "none"}',
    "[[[",
    "null",
]


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
async def test_the_screens_accept_any_progress_file(private_data_dir, text):
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "progress.json").write_text(text, encoding="utf-8")
    app = GrokApp(load_catalog(LESSONS), speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, LessonScreen)  # the contents: no last lesson to reopen
        app.open_lesson("4.3")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("space")
        # 4.3 asks a prediction before step 2 (its [[predict]]): skipped, the run plays on.
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), 20)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen.run_state is RunState.FINISHED, 20)
        await pilot.press("e")  # the exercise screen reads the odd entry as "not done"
        await pilot.pause()
        await pilot.press("escape")
    assert app.return_code in (0, None)


@pytest.fixture
def own_temp():
    """A temp folder for the tutor alone (its TMPDIR), to see what it leaves there. Short: pytest's
    tmp_path under xdist is too long for a Unix socket's path, and the forkserver's would go elsewhere."""
    with tempfile.TemporaryDirectory(prefix="grok-test-") as folder:
        yield Path(folder)


def assert_nothing_left_in(temp):
    """A hang-up ends the tutor by its signal, which skips the normal exit: each one left its lesson
    processes' trace files and multiprocessing's folder behind."""
    assert sorted(path.name for path in temp.iterdir()) == []


@LINUX
def test_keys_typed_just_before_the_terminal_hangs_up_are_saved(tmp_path, own_temp):
    """The real launcher in a pseudo-terminal: open 3.2's exercise, type a line, and close the terminal
    at once (as a dropped SSH link does). The editor saves after a pause in typing, and the hang-up
    ended the process before it: the last keys were lost."""
    import pty
    import select
    import signal
    import time

    env = {
        **os.environ,
        "GROK_TUI_LOG_DIR": str(tmp_path / "logs"),
        "GROK_TUI_DATA": str(tmp_path / "data"),
        "TMPDIR": str(own_temp),
        "TERM": "xterm-256color",
        "COLUMNS": "80",
        "LINES": "24",
    }
    from tests.ui.terminal_model import Terminal

    def shown(stream: bytes) -> str:
        """The screen's text: the app sends only changed cells, so typed text is not one run of bytes."""
        term = Terminal(80, 24)
        term.feed(stream.decode("utf-8", "replace"))
        cells = term.screen()
        return "\n".join("".join(cells.get((r, c), (" ",))[0] for c in range(80)) for r in range(24))

    pid, fd = pty.fork()
    if pid == 0:  # the child: the tutor on a terminal
        os.execve(sys.executable, [sys.executable, "-m", "grok_tui", "3.2"], env)
    out, stage = b"", 0
    deadline = time.monotonic() + 60
    while stage < 3 and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
        if stage == 0 and b"space run" in out:
            os.write(fd, b"e")  # the exercise
            stage = 1
        elif stage == 1 and b"F5" in out.rsplit(b"space run", 1)[-1]:
            time.sleep(0.5)  # the editor has the focus
            os.write(fd, b"# typed last")
            stage = 2
        elif stage == 2 and "typed last" in shown(out):
            stage = 3  # on screen: the app has the keys, and saves them only after a 0.3 s pause
    assert stage == 3, out[-2000:]
    while not any(own_temp.glob("grok-tui-lesson-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the spare lesson process starts after the first screen: hang up with it alive
    assert any(own_temp.glob("grok-tui-lesson-*"))
    os.kill(pid, signal.SIGHUP)  # what the kernel sends when the terminal goes away
    os.close(fd)
    end = time.monotonic() + 30
    while not (done := os.waitpid(pid, os.WNOHANG))[0]:
        if time.monotonic() > end:  # hung: fail, and leave no process behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError("the tutor did not end after the hang-up")
        time.sleep(0.05)
    status = done[1]
    # ended as a hang-up ends a program (Textual's shutdown hung writing to the lost terminal)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGHUP
    draft = tmp_path / "data" / "drafts" / "3.2" / "w_sum.py"
    assert "# typed last" in draft.read_text(encoding="utf-8")
    assert not (tmp_path / "logs").exists() or not list((tmp_path / "logs").iterdir())  # no crash log
    assert_nothing_left_in(own_temp)


@LINUX
def test_a_terminal_gone_without_a_hangup_signal_ends_the_tutor(tmp_path, own_temp):
    """A tutor on a pseudo-terminal it does not lead (started through a relay): the relay went, no
    SIGHUP came, and Textual's input thread read nothing for ever, a core at 96% for 45 minutes."""
    import select
    import signal
    import subprocess
    import time

    env = {
        **os.environ,
        "GROK_TUI_LOG_DIR": str(tmp_path / "logs"),
        "GROK_TUI_DATA": str(tmp_path / "data"),
        "TMPDIR": str(own_temp),
        "TERM": "xterm-256color",
    }
    master, slave = os.openpty()
    tutor = subprocess.Popen(
        [sys.executable, "-m", "grok_tui", "2.1"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,  # its own session, without this terminal as its controlling one
    )
    os.close(slave)
    out, deadline = b"", time.monotonic() + 60
    while b"space run" not in out and time.monotonic() < deadline:
        if select.select([master], [], [], 0.2)[0]:
            try:
                out += os.read(master, 65536)
            except OSError:
                break
    assert b"space run" in out, out[-2000:]
    os.close(master)  # the relay is gone: the terminal with it, and no signal
    try:
        status = tutor.wait(timeout=30)
    except subprocess.TimeoutExpired:
        tutor.kill()
        tutor.wait()
        raise AssertionError("the tutor did not end when its terminal went away") from None
    assert status == -signal.SIGHUP  # left as on a hang-up, after saving
    assert_nothing_left_in(own_temp)

"""A terminal of 16 colours (TERM=xterm, the Linux console) gets the terminal's own colours: the
default theme's 24-bit colours cut to 16 made the key bar's keys bright red on bright black, 1.0:1 in
xterm's palette (a trial). The real launcher in a pseudo-terminal, as a learner starts it."""

from __future__ import annotations

import os
import sys

import pytest

from tests.ui.terminal_model import Terminal

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses a pty")


def launch(tmp_path, term: str, extra: dict[str, str] | None = None) -> Terminal:
    """`grok-tui 4.5` on a pty with TERM=`term`, until its key bar shows; then q."""
    import pty
    import select
    import time

    env = {
        **os.environ,
        "GROK_TUI_LOG_DIR": str(tmp_path / "logs"),
        "GROK_TUI_DATA": str(tmp_path / "data"),
        "GROK_TUI_CONFIG": str(tmp_path / "config"),
        "TERM": term,
        "COLORTERM": "",
        "COLUMNS": "80",
        "LINES": "24",
    }
    env.pop("NO_COLOR", None)
    env.pop("GROK_TUI_THEME", None)
    env.update(extra or {})
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(sys.executable, [sys.executable, "-m", "grok_tui", "4.5"], env)
    out = b""
    deadline = time.monotonic() + 60
    while "run/pause" not in shown(out) and time.monotonic() < deadline:  # sent cell by cell
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    while select.select([fd], [], [], 0.5)[0]:  # the rest of the first frame
        try:
            out += os.read(fd, 65536)
        except OSError:
            break
    os.write(fd, b"q")
    end = time.monotonic() + 30
    while not os.waitpid(pid, os.WNOHANG)[0]:
        if time.monotonic() > end:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            raise AssertionError("the tutor did not quit")
        try:
            if select.select([fd], [], [], 0.1)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
    os.close(fd)
    terminal = Terminal(80, 24)
    terminal.feed(out.decode("utf-8", "replace"))
    return terminal


def shown(out: bytes) -> str:
    terminal = Terminal(80, 24)
    terminal.feed(out.decode("utf-8", "replace"))
    return "\n".join("".join(terminal.cells.get((r, c), (" ",))[0] for c in range(80)) for r in range(24))


def space_key(term: Terminal) -> tuple:
    """The key bar's `space`: its cell's (char, bold, dim, italic, underline, reverse, colour, back)."""
    row = next(
        r for r in range(23, 18, -1) if "run/pause" in "".join(term.cells.get((r, c), (" ",))[0] for c in range(80))
    )
    text = "".join(term.cells.get((row, c), (" ",))[0] for c in range(80))
    return term.cells[row, text.index("space")]


@LINUX
def test_a_16_colour_terminal_gets_the_terminals_own_colours_and_keeps_no_theme(tmp_path):
    cell = space_key(launch(tmp_path, "xterm"))
    colour, back = cell[6], cell[7]
    # ansi-dark: a key in the terminal's own colour on its own background (was bright_red on bright_black)
    assert (colour, back) != ("color(9)", "color(8)"), cell
    assert back is None, cell
    settings = tmp_path / "config" / "settings.toml"
    assert not settings.exists() or "theme" not in settings.read_text(encoding="utf-8")  # no choice of theirs


@LINUX
def test_a_theme_the_learner_chose_is_kept_on_16_colours(tmp_path):
    cell = space_key(launch(tmp_path, "xterm", {"GROK_TUI_THEME": "textual-dark"}))
    assert cell[7] is not None, cell  # the chosen theme's own bar


def test_a_16_colour_terminal_that_says_its_background_is_light_gets_ansi_light():
    """ansi-dark's panes are the palette's black: on a light terminal its notices were black on black."""
    from grok_tui.ui.app_theme import sixteen_colour_theme

    assert [sixteen_colour_theme(v) for v in ("0;15", "0;7", "0;default;15", "15;0", "7;8", "", "x")] == [
        "ansi-light",
        "ansi-light",
        "ansi-light",
        "ansi-dark",
        "ansi-dark",
        "ansi-dark",
        "ansi-dark",
    ]

"""The screen diff: the terminal ends up showing exactly the same cells, from far fewer bytes."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from grok_tui.ui.screen_diff import ScreenDiff
from tests.ui.terminal_model import Terminal

CONSOLE = Console(color_system="truecolor", force_terminal=True, width=80)
BASE = Style(color="#e0e0e0", bgcolor="#121212")
BOLD = BASE + Style(bold=True)


def row(y: int, pieces: list[tuple[str, Style]], x: int = 0) -> str:
    """One repainted line as Textual writes it: a cursor move, each segment with its whole style and
    a reset, then a line feed."""
    return f"\x1b[{y + 1};{x + 1}H" + Strip([Segment(t, s) for t, s in pieces]).render(CONSOLE) + "\n"


def values_frame(step: int, weight: float) -> str:
    """A values table and a status line, as the lesson screen repaints them at each step."""
    return (
        row(2, [("iteration   ", BOLD), (" ", BOLD), (f"{step:<9}", BASE), (" " * 16, Style(bgcolor="#121212"))], 1)
        + row(
            3, [("weight      ", BOLD), (" ", BOLD), (f"{weight:<9.6g}", BASE), (" " * 16, Style(bgcolor="#121212"))], 1
        )
        + row(4, [("factor      ", BOLD), (" ", BOLD), ("0.96     ", BASE), (" " * 16, Style(bgcolor="#121212"))], 1)
        + row(5, [("    │   ", BASE), ("⠐⠤⠤⣀" + "⣀" * (step % 5), BASE + Style(color="#58d1eb")), (" " * 20, BASE)])
        + row(23, [(" running ", Style(bold=True, reverse=True, color="#98e024")), (f" step {step}/2000", BASE)])
    )[:-1]  # Textual sends no line feed after the last line of an update


def fresh(width: int = 80, height: int = 24) -> ScreenDiff:
    """A ScreenDiff after the app's first reset (before it the terminal's attributes are unknown, so
    the first styled text cannot be remembered)."""
    diff = ScreenDiff(lambda: (width, height))
    diff.feed("\x1b[0m")
    return diff


def replay(frames: list[str], width: int = 80, height: int = 24) -> tuple[Terminal, Terminal, int, int]:
    """The frames as sent, and through a ScreenDiff, each onto its own terminal."""
    plain, diffed, diff = Terminal(width, height), Terminal(width, height), fresh(width, height)
    sent = 0
    for frame in frames:
        out = diff.feed(frame)
        plain.feed(frame)
        diffed.feed(out)
        sent += len(out.encode())
        assert diffed.screen() == plain.screen()
    return plain, diffed, sum(len(f.encode()) for f in frames), sent


def test_the_same_screen_from_a_fraction_of_the_bytes():
    frames = [values_frame(step, 0.5 - step * 0.01) for step in range(40)]
    _, _, raw, sent = replay(frames)
    assert sent < raw / 4  # measured: ~10x fewer on this stream


def test_a_frame_drawn_again_unchanged_sends_nothing_visible():
    diff = fresh()
    diff.feed(values_frame(3, 0.4))
    again = diff.feed(values_frame(3, 0.4))
    assert again == ""


def test_a_changed_number_sends_its_cells_and_little_else():
    diff = fresh()
    diff.feed(values_frame(3, 0.4))
    out = diff.feed(values_frame(3, 0.45))
    assert "5" in out and "weight" not in out and "factor" not in out
    assert len(out) < 30


def test_chunks_cut_anywhere_give_the_same_screen():
    stream = "".join(values_frame(step, step / 7) for step in range(5))
    for size in (1, 3, 17, 64):
        plain, diffed, diff = Terminal(80, 24), Terminal(80, 24), ScreenDiff(lambda: (80, 24))
        for at in range(0, len(stream), size):
            diffed.feed(diff.feed(stream[at : at + size]))
        plain.feed(stream)
        assert diffed.screen() == plain.screen()


def test_what_the_model_does_not_follow_makes_it_forget_the_screen():
    diff = fresh()
    frame = values_frame(3, 0.4)
    diff.feed(frame)
    diff.feed("\x1b[2J")  # an erase: every cell is sent again
    assert "weight" in diff.feed(frame)
    diff.feed("\x1b[24;1H\n")  # a line feed at the last row may scroll
    assert "weight" in diff.feed(frame)
    diff.feed("\x1b[?1049h")  # the alternate screen
    assert "weight" in diff.feed(frame)
    diff.feed("\x1b[1;1H漢")  # a wide character
    assert "weight" in diff.feed(frame)
    diff.feed("\x1b[?25l\x1b[?2026h\x1b[?2026l")  # cursor and synchronized output: nothing forgotten
    assert diff.feed(frame) == ""


def test_a_new_size_forgets_the_screen():
    size = [80, 24]
    diff = ScreenDiff(lambda: (size[0], size[1]))
    diff.feed("\x1b[0m")
    frame = values_frame(3, 0.4)
    diff.feed(frame)
    size[:] = [100, 30]
    assert "weight" in diff.feed(frame)


def test_attributes_are_plain_again_before_leaving_the_alternate_screen():
    diff = ScreenDiff(lambda: (80, 24))
    out = diff.feed("\x1b[1;1H\x1b[0;44mx\x1b[0m\x1b[?1049l")
    assert out.endswith("\x1b[0m\x1b[?1049l")


def test_a_held_colour_goes_out_before_an_erase():
    diff = ScreenDiff(lambda: (80, 24))
    diff.feed("\x1b[1;1H\x1b[0mx")
    assert diff.feed("\x1b[41m\x1b[K") == "\x1b[41m\x1b[K"  # the erase fills with the background


def test_the_cursor_is_where_the_app_put_it_before_it_shows_or_is_asked_for():
    diff = fresh()
    diff.feed(values_frame(3, 0.4))
    out = diff.feed(values_frame(3, 0.4) + "\x1b[5;7H\x1b[?25h")
    assert out == "\x1b[5;7H\x1b[?25h"


def test_a_cell_with_another_link_is_sent_again():
    diff = ScreenDiff(lambda: (80, 24))
    diff.feed("\x1b[1;1H\x1b[0m\x1b]8;id=1;https://a\x1b\\link\x1b]8;;\x1b\\")
    out = diff.feed("\x1b[1;1H\x1b[0m\x1b]8;id=2;https://b\x1b\\link\x1b]8;;\x1b\\")
    assert "link" in out

"""The terminal driver: quitting leaves the shell clean (the screen is cleared before the alternate
screen is left: tmux kept rows of a window grown while the tutor ran, above the shell prompt), and
the answers to the output pacing's probes never cut into the keys the learner typed."""

from __future__ import annotations

import os
import threading

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from grok_tui.ui.app import GrokApp
from grok_tui.ui.probe_answers import read_input
from grok_tui.ui.terminal_driver import CLEAR, terminal_driver

ANSWER = "\x1b[24;72R"
"""A terminal's answer to a probe at 80x24, the cursor on row 24, column 72."""


def test_the_terminal_driver_clears_the_screen_before_it_leaves(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(LinuxDriver, "stop_application_mode", lambda self: said.append("leave the alternate screen"))
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: said.append(data))
    driver_class = terminal_driver(LinuxDriver)
    driver_class.__new__(driver_class).stop_application_mode()
    assert said == [CLEAR, "leave the alternate screen"]
    assert terminal_driver(HeadlessDriver) is HeadlessDriver  # the tests' and the web mode's: as Textual has them


def test_the_tutor_runs_on_the_terminal_driver(small_catalog, monkeypatch):
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    driver_class = GrokApp(small_catalog, speed=0).driver_class
    assert issubclass(driver_class, LinuxDriver) and driver_class is not LinuxDriver


def described(messages) -> list[str]:
    return [m.key if isinstance(m, events.Key) else f"answer at {m.x},{m.y}" for m in messages]


def test_an_answer_just_after_escape_and_a_letter_leaves_them_one_alt_key(monkeypatch):
    """Escape then n, then a probe's answer before the parser's 0.1 s wait for more ran out: the
    parser still reads alt+n once the wait runs out (the app splits it into Escape and n), not "^"
    then n, and the answer is a CursorPosition event of its own."""
    now = [100.0]
    monkeypatch.setattr("textual._parser.get_time", lambda: now[0])
    parser = XTermParser(False)
    seen = list(read_input(parser.feed, "\x1bn"))
    now[0] += 0.03
    seen += read_input(parser.feed, ANSWER)
    seen += parser.tick()
    assert described(seen) == ["answer at 71,23"]  # n still held: more may follow
    now[0] += 0.1
    seen += parser.tick()
    assert described(seen) == ["answer at 71,23", "alt+n"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("a" + ANSWER + "b", ["a", "answer at 71,23", "b"]),
        (ANSWER + ANSWER, ["answer at 71,23", "answer at 71,23"]),
        ("\x1b[A" + ANSWER + "\x1b[1;5R", ["up", "answer at 71,23", "answer at 4,0"]),  # as Textual reads it
        ("\r", ["enter"]),
    ],
)
def test_answers_in_one_read_come_out_in_order_with_the_keys_around_them(data, expected):
    assert described(read_input(XTermParser(False).feed, data)) == expected


def test_the_drivers_input_loop_reads_escape_and_a_letter_as_one_key_despite_an_answer():
    """The driver's own loop, on a pipe: '?' then Escape, n and an answer in one read (a link bunched
    them) come out as ?, alt+n and the answer; Textual's loop read "^" and n."""
    reading, writing = os.pipe()
    driver = terminal_driver(LinuxDriver).__new__(terminal_driver(LinuxDriver))
    driver.fileno, driver._debug, driver.exit_event = reading, False, threading.Event()
    seen: list = []
    done = threading.Event()

    def heard(message) -> None:
        seen.append(message)
        if isinstance(message, events.Key) and message.key != "question_mark":
            done.set()

    driver.process_message = heard
    loop = threading.Thread(target=driver.run_input_thread, daemon=True)
    loop.start()
    try:
        os.write(writing, b"?")
        os.write(writing, b"\x1bn" + ANSWER.encode())
        assert done.wait(10)
    finally:
        driver.exit_event.set()
        loop.join(10)
        os.close(writing)
        os.close(reading)
    assert described(seen) == ["question_mark", "answer at 71,23", "alt+n"]

"""The terminal driver: quitting leaves the shell clean (the screen is cleared before the alternate
screen is left: tmux kept rows of a window grown while the tutor ran, above the shell prompt), and
the terminal's bytes are read as the keys the learner typed, however bunched: the answers to the
output pacing's probes never cut into them, and Escape then a key is two keys."""

from __future__ import annotations

import os
import threading

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from grok_tui.ui.app import GrokApp
from grok_tui.ui.terminal_driver import CLEAR, terminal_driver
from grok_tui.ui.terminal_input import TerminalInput

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
    terminal = TerminalInput(parser)
    seen = list(terminal.read("\x1bn"))
    now[0] += 0.03
    seen += terminal.read(ANSWER)
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
    assert described(TerminalInput(XTermParser(False)).read(data)) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("?\x1b ", ["question_mark", "escape", "space"]),  # Textual: ?, space (the help stayed open)
        ("=\x1b ", ["equals_sign", "escape", "space"]),  # a space typed into the value box
        ("\x1b\r", ["escape", "enter"]),
        ("\x1b1\x1b=\x1b-", ["escape", "1", "escape", "equals_sign", "escape", "minus"]),  # Textual: ¡ ≠ –
        ("\x1b?\x1b.\x1b<", ["escape", "question_mark", "escape", "full_stop", "escape", "less_than_sign"]),
        ("\x1b\x1b ", ["escape", "escape", "space"]),  # Textual: escape, space (editor, then lesson, then run)
        ("\x1b\x1b=\x1b\x1b\x1b1", ["escape", "escape", "equals_sign", "escape", "escape", "escape", "1"]),
    ],
)
def test_escape_then_a_space_enter_digit_or_punctuation_in_one_read_is_two_keys(data, expected):
    """Textual's parser read Escape and the key after it as one key, the Escape lost: over a slow link
    `? Escape space` left the help open and ran nothing (a trial)."""
    terminal = TerminalInput(XTermParser(False))
    seen = described(terminal.read(data))
    seen += described(terminal.parser.feed(""))  # the end of the input: what the parser held
    assert seen == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\x1bn", ["alt+n"]),  # split by the app (typeahead.escaped_key)
        ("\x1bb\x1bf\x1b\x7f", ["ctrl+left", "ctrl+right", "ctrl+w"]),  # option+arrows, alt+backspace
        ("\x1b[A\x1b[1;2B", ["up", "shift+down"]),
        ("\x1b", ["escape"]),  # alone at the end of a read: held, then read as Escape
    ],
)
def test_what_the_terminal_sends_as_one_key_stays_one_key(data, expected):
    terminal = TerminalInput(XTermParser(False))
    assert described([*terminal.read(data), *terminal.parser.feed("")]) == expected


def test_a_paste_is_left_to_the_parser_whatever_it_holds():
    """Between the terminal's paste brackets everything is text: nothing is split or taken out."""
    data = "\x1b[200~x = 1 \x1b ?" + ANSWER + "\x1b[201~" + "\x1b "
    terminal = TerminalInput(XTermParser(False))
    ours = [*terminal.read(data), *terminal.parser.feed("")]
    bare = XTermParser(False)
    theirs = [*bare.feed(data[: -len("\x1b ")]), *bare.feed("\x1b "), *bare.feed("")]
    assert [repr(m) for m in ours[:-2]] == [repr(m) for m in theirs[:-1]]  # the paste, as Textual reads it
    assert described(ours[-2:]) == ["escape", "space"] and described(theirs[-1:]) == ["space"]  # after it: ours


def test_an_escape_the_parser_holds_from_the_read_before_is_left_to_it():
    """Escape at the end of one read, a space at the start of the next: the parser reads them as it
    always did (one key); the split is only for keys that came together in one read."""
    terminal = TerminalInput(XTermParser(False))
    seen = list(terminal.read("\x1b")) + list(terminal.read("\x1b "))
    seen += terminal.parser.feed("")
    assert described(seen) == ["escape", "space"]


def test_the_drivers_input_loop_reads_the_keys_despite_an_answer_and_splits_escape_from_space():
    """The driver's own loop, on a pipe: '?' then Escape, n and an answer in one read (a link bunched
    them) come out as ?, alt+n and the answer (Textual's loop read "^" and n); then Escape and space
    in one read as the two keys (Textual's: space)."""
    reading, writing = os.pipe()
    driver = terminal_driver(LinuxDriver).__new__(terminal_driver(LinuxDriver))
    driver.fileno, driver._debug, driver.exit_event = reading, False, threading.Event()
    seen: list = []
    done = threading.Event()

    def heard(message) -> None:
        seen.append(message)
        if isinstance(message, events.Key) and message.key == "space":
            done.set()

    driver.process_message = heard
    loop = threading.Thread(target=driver.run_input_thread, daemon=True)
    loop.start()
    try:
        os.write(writing, b"?")
        os.write(writing, b"\x1bn" + ANSWER.encode())
        held = threading.Event()  # n is held until the parser's wait for more runs out
        driver.process_message = lambda m: (heard(m), isinstance(m, events.Key) and m.key == "alt+n" and held.set())
        assert held.wait(10)
        os.write(writing, b"\x1b ")
        assert done.wait(10)
    finally:
        driver.exit_event.set()
        loop.join(10)
        os.close(writing)
        os.close(reading)
    assert described(seen) == ["question_mark", "answer at 71,23", "alt+n", "escape", "space"]


def test_without_the_parsers_state_to_read_nothing_is_split():
    """The split reads a private attribute of Textual's parser; a parser without it gets every byte."""

    class Parser:
        fed: list[str] = []

        def feed(self, data: str) -> list:
            self.fed.append(data)
            return []

    parser = Parser()
    assert list(TerminalInput(parser).read("?\x1b 1")) == []
    assert "".join(parser.fed) == "?\x1b 1"

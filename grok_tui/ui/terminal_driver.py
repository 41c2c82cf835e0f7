"""The terminal driver: Textual's, with two changes a learner over SSH would otherwise meet.

- It clears the screen before it leaves the alternate screen. tmux, when a window grows while an
  app is on its alternate screen, keeps rows of that screen and shows them above the shell prompt
  once the app quits: a learner who enlarged the window and pressed q found half a lesson on their
  shell (a bare Textual app does the same there). A cleared alternate screen leaves nothing to keep.
- It reads the terminal through grok_tui/ui/terminal_input.py before Textual's parser: the output
  pacing's probe answers are taken out (one arriving just after Escape and a letter turned the
  Escape into "^"), and Escape then a space, enter, digit or punctuation key in one read is two
  keys (the parser made one of them, the Escape lost).

Only the terminal driver changes: the web mode's and the tests' headless drivers are left as Textual
picks them.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder

from textual.driver import Driver

from grok_tui.ui.terminal_input import TerminalInput

CLEAR = "\x1b[H\x1b[2J"
READ_SIZE = 4096
"""Bytes read at most at once, as Textual reads them."""


def terminal_driver(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class` with the two changes (Linux, macOS); others as they are."""
    try:
        from textual._parser import ParseError
        from textual._xterm_parser import XTermParser
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # Windows
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class TerminalDriver(driver_class):  # type: ignore[valid-type, misc]
        def stop_application_mode(self) -> None:
            self.write(CLEAR)
            super().stop_application_mode()

        def run_input_thread(self) -> None:
            """Textual's own loop (LinuxDriver.run_input_thread, the same in textual 8.0 and 8.2.8), but
            each read goes through `TerminalInput` on its way to the parser."""
            selector = selectors.SelectSelector()
            selector.register(self.fileno, selectors.EVENT_READ)
            parser = XTermParser(self._debug)
            terminal = TerminalInput(parser)
            decode = getincrementaldecoder("utf-8")().decode

            def process(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
                for number, (_key, mask) in enumerate(ready, 1):
                    if mask & selectors.EVENT_READ:
                        data = decode(os.read(self.fileno, READ_SIZE), final=final and number == len(ready))
                        if not data:  # stdin is a pipe that ended
                            break
                        for event in terminal.read(data):
                            self.process_message(event)
                for event in parser.tick():  # a held Escape whose wait ran out
                    self.process_message(event)

            try:
                while not self.exit_event.is_set():
                    process(selector.select(0.1))
                selector.unregister(self.fileno)
                process(selector.select(0.1), final=True)
            finally:
                selector.close()
                try:
                    for _event in parser.feed(""):
                        pass
                except (EOFError, ParseError):
                    pass

    return TerminalDriver

"""The terminal driver, clearing the screen before it leaves the alternate screen.

tmux, when a window grows while an app is on its alternate screen, keeps rows of that screen and
shows them above the shell prompt once the app quits: a learner who enlarged the window and pressed
q found half a lesson on their shell (a bare Textual app does the same there). A cleared alternate
screen leaves nothing to keep. Only the terminal driver changes: the web mode's and the tests'
headless drivers are left as Textual picks them.
"""

from __future__ import annotations

from textual.driver import Driver

CLEAR = "\x1b[H\x1b[2J"


def clearing(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class` with the screen cleared first when it stops (Linux, macOS); others as they are."""
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # Windows
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class ClearingDriver(driver_class):  # type: ignore[valid-type, misc]
        def stop_application_mode(self) -> None:
            self.write(CLEAR)
            super().stop_application_mode()

    return ClearingDriver

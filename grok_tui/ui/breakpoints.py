"""A screen's size classes (-narrow, -wide...) set when it is made, not on its first Resize.

Textual adds a screen's breakpoint classes when the screen gets its first Resize event, after the
screen was styled, laid out and painted once: the class change restyles every widget and lays the
screen out again (~40 ms of a lesson's start). Set beforehand from the app's size, the classes are
already right when that Resize comes, and Textual changes nothing.
"""

from __future__ import annotations

from textual.screen import Screen


def preset_breakpoints(screen: Screen) -> None:
    """Give `screen` the classes its breakpoints pick for the app's current size."""
    app = screen.app
    width, height = app.size
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS) or []
    for size, breakpoints in ((width, horizontal), (height, vertical)):
        chosen = [name for at, name in sorted(breakpoints, reverse=True) if size >= at][:1]
        if chosen:
            screen.add_class(*chosen, update=False)

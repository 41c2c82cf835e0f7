"""A screen's size classes (-narrow, -wide...) set when it is made, not on its first Resize.

Textual adds a screen's breakpoint classes when the screen gets its first Resize event, after the
screen was styled, laid out and painted once: the class change restyles every widget and lays the
screen out again (~40 ms of a lesson's start). Set beforehand from the app's size, the classes are
already right when that Resize comes, and Textual changes nothing.
"""

from __future__ import annotations

from textual.screen import Screen


def _chosen(screen: Screen, width: int, height: int) -> dict[str, bool]:
    """Each of `screen`'s size classes, and whether a screen of that size has it."""
    app = screen.app
    horizontal = (
        app.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is None else screen.HORIZONTAL_BREAKPOINTS
    ) or []
    vertical = (app.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is None else screen.VERTICAL_BREAKPOINTS) or []
    classes = {name: False for _, name in [*horizontal, *vertical]}
    for size, breakpoints in ((width, horizontal), (height, vertical)):
        reached = [name for at, name in sorted(breakpoints, reverse=True) if size >= at]
        if reached:  # the widest one this size reaches
            classes[reached[0]] = True
    return classes


def preset_breakpoints(screen: Screen) -> None:
    """Give `screen` the classes its breakpoints pick for the app's current size."""
    chosen = [name for name, on in _chosen(screen, *screen.app.size).items() if on]
    if chosen:
        screen.add_class(*chosen, update=False)


def apply_breakpoints(screen: Screen) -> None:
    """Set `screen`'s size classes for its size now, from its own on_resize.

    Textual sets them in Screen's Resize handler, which runs after the subclass's (the most derived
    handler first), so an on_resize that arranges by size class saw the old ones. On the top screen
    the class change brings a second Resize that repairs it; a screen resized under a dialog gets
    none, and came back with its narrow arrangement stretched wide.
    """
    screen.update_classes(_chosen(screen, *screen.size), animate=False)


def is_wide(screen: Screen) -> bool:
    """The lesson screen's wide views (110 columns on): text, values and params side by side."""
    return screen.has_class("-wide") or screen.has_class("-xwide")

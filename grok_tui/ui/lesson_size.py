"""The lesson screen too small to use: below MIN_SIZE every pane is hidden and one line says the size
it needs. Meanwhile keys act on nothing (only quit goes through), and once it fits again the pane
that had the focus gets it back.

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py), which calls `size_changed` on each resize,
after its breakpoints set -tiny-w / -tiny-h.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[None]
else:
    _Screen = object

MIN_SIZE = (60, 16)
"""Below this the screen says the size it needs instead of drawing a layout nobody can use."""


def too_small_text(width: int, height: int) -> str:
    return f"grok-tui needs at least {MIN_SIZE[0]}x{MIN_SIZE[1]} (this is {width}x{height})\nq or ctrl+q quits"


class LessonSize(_Screen):
    _tiny = False
    _focus_before_tiny: Widget | None = None
    """Too small, every pane is hidden and Textual drops the focus: given back once it fits."""

    def size_changed(self) -> None:
        self.query_one("#too-small", Static).update(too_small_text(self.size.width, self.size.height))
        tiny = self.has_class("-tiny-w") or self.has_class("-tiny-h")
        if tiny and not self._tiny:
            self._focus_before_tiny = self.focused
        elif self._tiny and not tiny:
            # Back to a usable size: the pane that had the focus gets it again (the text looked
            # frozen after a brief squeeze of an SSH pane: its keys reached nothing).
            self.call_after_refresh(self._refocus, self._focus_before_tiny)
        self._tiny = tiny

    def _refocus(self, widget: Widget | None) -> None:
        if self.focused is None and widget is not None and widget.is_attached and widget.focusable:
            widget.focus()
        elif self.focused is None:
            self.focus_next()

    async def on_key(self, event: events.Key) -> None:
        """Too small to show anything, keys act on nothing the learner can see (n changed the lesson,
        space started a run, unseen): only the quit key (q) goes through. (Textual then calls
        LessonFocus.on_key too, the panels' keys, unless prevented here: this class comes first.)"""
        if not self._tiny:
            return
        active = self.active_bindings.get(event.key)
        if active is None or active.binding.action not in ("app.quit", "quit"):
            event.stop()
            event.prevent_default()

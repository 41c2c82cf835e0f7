"""Screens dismissed at most once.

Two enters close together (fast fingers, or a slow link that delivers keys in bunches) can both reach
a box's field before the first one's message is handled: each posts a Submitted, and each handler
dismissed the screen. Textual's second dismiss ran the result callback again and popped the screen
under the box too: an answer and enter enter in 4.4's question box left the learner on the contents,
the lesson gone. The chapter quiz counted the answer twice ("3 of 2 right").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.await_complete import AwaitComplete

if TYPE_CHECKING:
    from textual.screen import Screen

    _Screen = Screen[Any]
else:
    _Screen = object


class DismissOnce(_Screen):
    """A mixin before the Screen class: a second dismiss() does nothing."""

    _dismissed = False

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._dismissed:
            return AwaitComplete()
        self._dismissed = True
        return super().dismiss(result)

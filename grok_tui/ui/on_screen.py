"""Whether a widget is part of what the screen shows, asked cheaply while a lesson plays.

A widget inside a hidden container (the reading view hides the charts and the values below 110
columns) keeps `display` True itself. Redrawing it, or asking the screen for a layout because its
lines changed, is work the learner never sees: it is done when the widget shows again (showing a
widget lays the screen out and sends it a Resize).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.widget import Widget

    _Mixin = Widget
else:
    _Mixin = object  # a plain mixin: a Widget base would reset its widgets' can_focus


def displayed(widget: DOMNode) -> bool:
    """The widget and each of its ancestors up to its screen are displayed (no `display: none`)."""
    node: DOMNode | None = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display:
            return False
        node = node.parent
    return node is not None


class SizeFollowsContent(_Mixin):
    """A widget whose height follows its lines (the values table, the instrument panels): a new
    line count asks the screen for a layout while the widget shows; a hidden one owes that layout
    until it shows (its containers keep their arrangement meanwhile), so a lesson playing in the
    reading view never lays the screen out for widgets nobody sees."""

    _layout_owed = False

    def refresh_size(self) -> None:
        """Repaint, and lay the screen out if the widget shows."""
        if not self.is_attached or displayed(self):
            self.refresh(layout=True)
        else:
            self._layout_owed = True
            self.refresh()

    def on_show(self) -> None:
        if self._layout_owed:
            self._layout_owed = False
            self.refresh(layout=True)

"""Whether a widget is part of what the screen shows, asked cheaply while a lesson plays.

A widget inside a hidden container (the reading view hides the values below 110 columns), or one
its container leaves out (the reading view's grid has one cell, for the text: the charts and panels
are not placed) keeps `display` True itself. Redrawing it, or asking the screen for a layout because its
lines changed, is work the learner never sees: it is done when the widget shows again (showing a
widget lays the screen out and sends it a Resize).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    _Mixin = Widget
else:
    _Mixin = object  # a plain mixin: a Widget base would reset its widgets' can_focus


def displayed(widget: Widget) -> bool:
    """The widget is in the screen's last layout: neither it nor an ancestor has `display: none`,
    and its container placed it (the reading view's one-cell grid places the text alone; the charts
    and panels after it are left out, `display` still True)."""
    node: DOMNode | None = widget
    while node is not None and not isinstance(node, Screen):
        if not node.display:
            return False  # the cheap answer, without asking the compositor
        node = node.parent
    return node is not None and widget.is_on_screen


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

"""A scrolling widget that reserves its scrollbar's column from its first layout.

Textual lays a scrolling widget out without a scrollbar, finds that its content overflows, then
lays it out again one column narrower: every paragraph or line is wrapped and painted twice before
the first complete frame. A widget that nearly always overflows (the lesson text, the contents list)
reserves the column from the start, so its first layout is the final one; from the first time its
content fits it is back to Textual's gutter (a scrollbar only when needed), so what shows is the same.
"""

from __future__ import annotations

from typing import Any


class GutterFirst:
    """Mixed into a scrolling widget class, before it. A plain class, not a Widget: as a Widget base
    it would take the place of the widget's own CSS defaults (VerticalScroll's overflow-y: auto)."""

    styles: Any
    virtual_size: Any
    scrollable_content_region: Any

    def on_mount(self) -> None:
        self.styles.scrollbar_gutter = "stable"

    def on_resize(self) -> None:
        self._fit_gutter()

    def watch_virtual_size(self) -> None:
        self._fit_gutter()

    def _fit_gutter(self) -> None:
        styles = self.styles
        if (
            styles.scrollbar_gutter == "stable"
            and 0 < self.virtual_size.height <= self.scrollable_content_region.height
        ):
            styles.scrollbar_gutter = "auto"

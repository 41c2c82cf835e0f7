"""The lab's "try this" box: the lesson's prompts beside the values and params.

Its rows are few (the params and values come first): 7.5's three prompts were cut mid-sentence at
120x40 ("after a few epochs at 10% it learns, but the") with nothing to say there was more. When the
prompts do not fit, its title says where they are whole (it has a top edge only).
"""

from __future__ import annotations

from textual import events
from textual.geometry import Size
from textual.widgets import Static

from grok_tui.ui.widgets.document import try_this_text

CUT = "try this · the rest: end of the text (l)"


class TryThis(Static):
    def __init__(self, prompts: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(try_this_text(prompts), id=id)
        self.border_title = "try this"

    def on_resize(self, event: events.Resize) -> None:
        self._say_if_cut()

    def _say_if_cut(self) -> None:
        width, shown = self.content_size.width, self.content_size.height
        if width <= 0 or shown <= 0:
            return
        needed = self.get_content_height(Size(width, 0), Size(width, 0), width)
        self.border_title = CUT if needed > shown else "try this"

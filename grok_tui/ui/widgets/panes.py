"""The lesson screen's side column (values over params), and the header that says where you are."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

FOCUS_GLYPH = "▶ "
"""Put before the focused pane's title: focus must be visible without colour (monochrome, bad themes)."""


def keep_focus_mark(title: object, label: str) -> str:
    """`label` as a pane's new title, with the focus mark if its current `title` had it: a title
    redrawn while the pane kept the focus lost its ▶ (7.5's hidden weights at a run's end)."""
    return (FOCUS_GLYPH if str(title or "").startswith(FOCUS_GLYPH) else "") + label


class SidePane(Vertical, can_focus=True):
    """Values, params and try-this. It does not scroll as a whole (the values scroll inside their
    own box) so the params stay in view; `z` zooms it when it has the focus."""

    ALLOW_MAXIMIZE = True
    BINDINGS = [  # as in the lesson text: ← → change the chosen param (this column never scrolls sideways)
        Binding("left", "screen.change(-1)", "less", show=False),
        Binding("right", "screen.change(1)", "more", show=False),
        Binding("up", "screen.select(-1)", "previous param", show=False),
        Binding("down", "screen.select(1)", "next param", show=False),
        Binding("pageup", "values_page(-1)", "values up", show=False),
        Binding("pagedown", "values_page(1)", "values down", show=False),
    ]

    def action_values_page(self, direction: int) -> None:
        """pgup / pgdn: scroll a values table longer than its box (↑ ↓ choose a param here)."""
        box = self.query_one("#values-box")
        if direction > 0:
            box.scroll_page_down(animate=False)
        else:
            box.scroll_page_up(animate=False)


class LessonHeader(Static):
    """` 4.5  Breaking gradient descent, and alpha ...    lesson 14/30 · ch 4`: the position always
    fits; the chapter title only when there is room, the lesson title cut last."""

    def __init__(
        self,
        lesson_id: str,
        title: str,
        chapter: int,
        chapter_title: str,
        index: int,
        count: int,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._parts = (lesson_id, title, chapter, chapter_title, index, count)

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        lesson_id, title, chapter, chapter_title, index, count = self._parts
        width = self.size.width or 80
        where = f"lesson {index}/{count} "
        chapter_text = f"chapter {chapter}: {chapter_title}" if chapter_title else f"chapter {chapter}"
        left = Text.assemble((f" {lesson_id} ", "reverse bold"), " ")
        room = width - left.cell_len - len(where) - 1
        if len(title) + len(chapter_text) + 5 <= room:
            left.append(title)
            left.append(f"  · {chapter_text}", style="dim")
        else:
            left.append(title if len(title) <= room else title[: max(0, room - 1)] + "…")
        left.pad_right(max(0, width - left.cell_len - len(where)))
        left.append(where, style="bold")
        self.update(left)

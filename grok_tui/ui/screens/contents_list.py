"""The contents' list of chapters and lessons: its keys, a click on a chapter's heading, and the
highlighted row drawn readable on the highlight (the rows themselves: contents_rows.py)."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.widgets.option_list import Option

from grok_tui.ui.contrast import readable
from grok_tui.ui.keys_ahead import keys_ahead_of
from grok_tui.ui.widgets.gutter import GutterFirst
from grok_tui.ui.widgets.stopping_list import StoppingOptionList


class LessonList(GutterFirst, StoppingOptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
        # the key a learner tries first to open a lesson, as it runs one in the lesson (it did nothing)
        Binding("space", "select", "open", show=False),
        # shown: the first screen's key bar offered "F chapter quiz" and no way into a lesson (a
        # teacher's trial: "20 students will all ask the same question")
        Binding("enter", "select", "open", key_display="enter", id="contents.open"),
    ]

    def on_key(self, event: events.Key) -> None:
        """A key that chooses a lesson or a quiz: the keys read after it are for the screen it opens
        (keys_ahead.py). Said here, as the list reads it, before the keys behind it reach the screen."""
        chooses = any(b.action == "select" for b in self._bindings.key_to_bindings.get(event.key, ()))
        option = self.highlighted_option
        keys_ahead = keys_ahead_of(self.app)
        if keys_ahead is None:
            return
        if chooses and option is not None and not option.disabled:
            keys_ahead.hold(event)
        elif (
            active := self.app.active_bindings.get(event.key)
        ) is not None and active.binding.action == "chapter_quiz":
            # F: the answers typed with it are the quiz's (`F 1 enter enter 2 enter`: the list took
            # the 1 and the enters read before the quiz opened, and the 2 answered question 1)
            keys_ahead.hold(event)

    def on_click(self, event: events.Click) -> None:
        """A click on a chapter's heading highlights its first lesson (it did nothing: a heading is
        no option to choose); a lesson's row opens it, as Textual's list does."""
        clicked = event.style.meta.get("option")
        if clicked is None or not self._options[clicked].disabled:
            return
        after = range(clicked + 1, len(self._options))
        first = next((i for i in after if not self._options[i].disabled), None)
        if first is not None:
            self.highlighted = first

    def _get_option_render(self, option: Option, style: VisualStyle) -> list[Strip]:
        """The highlighted row all in the highlight's colour, made readable on it: a ✓ kept its green
        on the highlight's blue, at 1.03:1 in atom-one-light (the mark's shape still tells it apart),
        and textual-dark's own 87% white is 3.8:1 on its blue."""
        strips = super()._get_option_render(option, style)
        drawn = style.rich_style  # the colours as drawn, "auto 87%" resolved on the highlight
        if option is not self.highlighted_option or option.disabled or not (drawn.color and drawn.bgcolor):
            return strips
        background = Color.from_rich_color(drawn.bgcolor)
        over = Style(color=readable(Color.from_rich_color(drawn.color), [background]).rich_color)
        return [
            Strip([Segment(text, s + over if s else s, c) for text, s, c in strip], strip.cell_length)
            for strip in strips
        ]

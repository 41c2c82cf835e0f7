"""An option list whose cursor stops at its first and last options.

Textual's OptionList wraps round: ↓ on the last lesson of the contents went to the first one, and
in the exercise chooser, which opens on the first exercise not yet done, one ↓ too many went back
round to the done one, and a learner opened it twice by mistake.
"""

from __future__ import annotations

from textual.widgets import OptionList


class StoppingOptionList(OptionList):
    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def _move(self, direction: int) -> None:
        if self.highlighted is None:  # nothing highlighted yet: the first (or last) option
            if direction > 0:
                super().action_cursor_down()
            else:
                super().action_cursor_up()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count and self.get_option_at_index(index).disabled:
            index += direction
        if 0 <= index < self.option_count:
            self.highlighted = index
        elif direction < 0:
            self.scroll_home(animate=False)  # the heading above the first lesson, back in view

    def action_first(self) -> None:
        """home: the first option, and what stands above it (the contents' first chapter heading
        stayed out of view: home, pgup and ↑ stopped at 2.1 with "2 Introduction" hidden above)."""
        super().action_first()
        self.scroll_home(animate=False)

    def action_page_up(self) -> None:
        super().action_page_up()
        first = next((i for i in range(self.option_count) if not self.get_option_at_index(i).disabled), None)
        if self.highlighted == first:
            self.scroll_home(animate=False)

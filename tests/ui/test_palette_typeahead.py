"""ctrl+p, "4.5" and Enter arriving together (over SSH keys come in one read, and a fast typist
types ahead): Enter picked the first entry of the list shown before the search for "4.5" filled
it, and 2.1 opened. Enter now waits for the search (grok_tui/ui/palette.py)."""

from __future__ import annotations

from textual import events
from textual.command import CommandPalette

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from tests.ui.helpers import wait_for


async def test_enter_typed_with_the_search_opens_what_was_searched(catalog):
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        await pilot.pause()
        for key, character in (("4", "4"), ("full_stop", "."), ("5", "5"), ("enter", "\r")):
            app.post_message(events.Key(key, character))  # all at once, none awaited
        await wait_for(pilot, lambda: getattr(app, "current_lesson_id", None) == "4.5", what="lesson 4.5")

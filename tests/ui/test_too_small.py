"""A terminal too small for the lesson screen (grok_tui/ui/lesson_size.py): it says the size it
needs, keys act on nothing meanwhile, and the focus comes back once it fits."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import text_of, wait_for


async def test_a_terminal_too_small_says_the_size_it_needs(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(50, 14)) as pilot:
        await pilot.pause()
        message = app.screen.query_one("#too-small")
        assert message.region.height > 0 and "needs at least 60x16 (this is 50x14)" in text_of(message)
        assert not app.screen.query_one(LessonDocument).region
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not message.region and app.screen.query_one(LessonDocument).region


async def test_a_brief_squeeze_too_small_ignores_keys_and_gives_the_focus_back(small_catalog):
    """An SSH pane squeezed to 50x14 and back: Textual dropped the focus with the hidden panes, and
    the lesson text no longer scrolled (j, pgdn did nothing, nothing said why). While too small, n
    and space had changed the lesson and started a run, unseen."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        await pilot.pause()
        assert screen.focused is doc
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        await pilot.press("n", "space", "j")
        assert app.screen is screen and screen.run_state is RunState.READY
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.focused is doc
        top = doc.scroll_y
        await pilot.press("j", "j")
        await wait_for(pilot, lambda: doc.scroll_y > top, what="the text to scroll")

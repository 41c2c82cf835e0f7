"""Reading the lesson text: the notes on exercise cells keep the text's margin, and scroll keys that
arrive together each move it (a slow link or key repeat bunches them)."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import screen_text

SIZE = (80, 24)


async def test_an_exercise_note_keeps_the_texts_margin(catalog):
    """3.2 at 80x24: "exercise w_sum: press e to write it ..." began at column 0, out of the text's
    one-column margin, and read as if it belonged to no paragraph."""
    from grok_tui.ui.widgets.code_cell import CodeCell

    app = GrokApp(catalog, start_lesson="3.2", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = app.screen.query_one(LessonDocument)
        cell = next(c for c in doc.query(CodeCell) if c.note)
        doc.scroll_to_widget(cell, animate=False, top=True)
        await pilot.pause()
        rows = [row for row in screen_text(app).splitlines() if "press e to write it" in row]
        assert rows and rows[0].startswith(" exercise w_sum: press e"), rows


async def test_scroll_keys_read_together_each_count(catalog):
    """6.3 at 80x24: five Down sent in one burst (as a slow link or key repeat delivers them) moved
    the text one line, not five; five page downs, one page."""
    app = GrokApp(catalog, start_lesson="6.3", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        doc = app.screen.query_one(LessonDocument)
        doc.scroll_to(y=10, animate=False, immediate=True)
        await pilot.pause()
        for _ in range(5):  # all before the next refresh, as keys read in one go are handled
            await doc.run_action("scroll_down")
        await pilot.pause()
        assert doc.scroll_y == 15
        for _ in range(2):
            await doc.run_action("scroll_up")
        await pilot.pause()
        assert doc.scroll_y == 13
        page = doc.scrollable_content_region.height
        for _ in range(2):
            await doc.run_action("page_down")
        await pilot.pause()
        assert doc.scroll_y == 13 + 2 * page

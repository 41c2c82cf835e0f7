"""The lesson text reserves its scrollbar's column from the first layout (one layout instead of two
at start), and gives it back when the text fits: what shows is what Textual alone would show."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import wait_for


async def test_a_text_longer_than_its_box_has_a_scrollbar_in_the_reserved_column(small_catalog):
    app = GrokApp(small_catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query(LessonDocument)), what="the lesson")
        await pilot.pause()
        doc = app.screen.query_one(LessonDocument)
        assert doc.virtual_size.height > doc.size.height
        assert doc.show_vertical_scrollbar and doc.vertical_scrollbar.display
        assert doc.scrollbar_gutter.right == 1  # the column, with the scrollbar in it
        text_width = doc.region.width - doc.styles.gutter.width - 1
        assert all(child.region.width == text_width for child in doc.children if child.display)


async def test_a_text_that_fits_gets_the_scrollbar_column_back(small_catalog):
    app = GrokApp(small_catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 200)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query(LessonDocument)), what="the lesson")
        doc = app.screen.query_one(LessonDocument)
        await wait_for(pilot, lambda: doc.styles.scrollbar_gutter == "auto", what="the column given back")
        await pilot.pause()
        assert 0 < doc.virtual_size.height <= doc.size.height
        assert not doc.show_vertical_scrollbar
        assert doc.scrollbar_gutter.right == 0
        text_width = doc.region.width - doc.styles.gutter.width  # no column kept for a scrollbar
        assert all(child.region.width == text_width for child in doc.children if child.display)

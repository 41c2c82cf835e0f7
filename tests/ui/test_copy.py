"""Copying what is selected on screen: ctrl+c copies it, and a notice says so."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import wait_for


async def test_ctrl_c_on_a_selection_copies_it_and_says_so(small_catalog):
    """A learner selected a printout and pressed ctrl+c: nothing on screen said it was copied."""
    app = GrokApp(small_catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None, what="the lesson")
        doc = app.screen.query_one(LessonDocument)
        target = next(w for w in doc.query("*") if w.allow_select and w.region.height)
        target.text_select_all()
        await pilot.pause()
        selected = app.screen.get_selected_text()
        assert selected, "nothing selected"
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == selected
        said = [n.message for n in app._notifications]
        assert said == [f"Copied {len(selected)} characters (to your terminal's clipboard, if it allows that)"], said

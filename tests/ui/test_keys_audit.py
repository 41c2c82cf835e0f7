"""A keyboard audit at 80x24: every key a learner tries either works or says why not, and what the
screen says of the keys is what they do there."""

from __future__ import annotations

from grok_tui.ui.panels.drawing_pad import Panel as DrawingPad
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import focus_panel, open_lesson, text_of, wait_for
from tests.ui.test_drawing_pad import with_panels

SIZE = (80, 24)


async def test_the_status_line_names_no_key_the_focused_panel_takes(small_catalog):
    """With 7.5's pad focused, space shades a pixel: the status line said "space run · s step"."""
    app = with_panels(small_catalog, "drawing_pad")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l")
        pad = await open_lesson(pilot, app, DrawingPad)
        status = screen.query_one(StatusLine)
        assert "space run · s step" in text_of(status)
        await focus_panel(pilot, app, pad)
        await wait_for(pilot, lambda: "f: back to the run keys · s step" in text_of(status), what="the pad's hint")
        assert "space" not in text_of(status)
        await pilot.press("f")
        await wait_for(pilot, lambda: "space run · s step" in text_of(status), what="space back")

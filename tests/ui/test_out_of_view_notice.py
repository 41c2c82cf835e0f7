"""The once-a-session note that the run goes on in a cell out of view of the text, and where `w`
goes (grok_tui/ui/lesson_drawing.py, LessonDrawing._tell_where_running): in the status line, for a
while (as a notice it covered the strip's values at 80x24)."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.lesson_drawing import OUT_OF_VIEW
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import text_of, wait_for
from tests.ui.test_lesson_views import SIZE

TOLD = "w shows the code running"


def said(app) -> bool:
    """The status line says it (and no notice does: it covered the strip)."""
    status = app.screen.query(StatusLine)
    assert not any(OUT_OF_VIEW in n.message for n in app._notifications)
    return bool(status) and OUT_OF_VIEW in text_of(status.first())


def test_the_notice_says_what_it_is_about():
    assert OUT_OF_VIEW == TOLD  # the words the tests below wait for


async def step_from_the_end(pilot, app) -> LessonDocument:
    """3.4 read from the end of its text (its first cell far above), then `s`: the notice shows."""
    doc = app.screen.query_one(LessonDocument)
    await pilot.pause()
    doc.scroll_end(animate=False)
    await pilot.pause()
    await pilot.press("s")
    await wait_for(pilot, lambda: said(app), what="the note")
    return doc


async def test_a_run_out_of_view_says_once_where_w_goes(catalog):
    """3.4 stepped from halfway down its text: only the strip changed, and `w` (to the cell the run
    is in) was in the help alone."""
    app = GrokApp(catalog, start_lesson="3.4", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        doc = await step_from_the_end(pilot, app)
        await pilot.press("w")
        await pilot.pause()
        cell = doc.running_cell()
        assert cell is not None and cell.region.overlaps(doc.content_region)
        assert not said(app)  # done: it is taken back
        doc.scroll_end(animate=False)
        await pilot.press("r", "s")  # once a session: it is not said again
        await wait_for(pilot, lambda: screen.step_count >= 1, what="a step")
        await pilot.pause()
        assert not said(app)


async def test_the_out_of_view_notice_goes_with_l_to_the_lab(catalog):
    """6.4 stepped from down its text, then l: the notice about the text stayed over the lab."""
    app = GrokApp(catalog, start_lesson="3.4", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await step_from_the_end(pilot, app)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.lab and not said(app)


async def test_the_out_of_view_notice_waits_while_a_question_is_on_top(catalog):
    """5.1 played from the end of its text: the notice came with the prediction box, half over it,
    and w could not act until the box was answered."""
    from textual.screen import ModalScreen

    app = GrokApp(catalog, start_lesson="3.4", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        await pilot.pause()
        doc.scroll_end(animate=False)
        await pilot.pause()
        line = next(cell.cell.line for cell in doc.query(".code"))  # the first cell: far above
        screen._running_line = line
        await app.push_screen(ModalScreen())
        screen._tell_where_running(line)
        await pilot.pause()
        assert not app.told_where_running  # kept for a later cell
        app.pop_screen()
        await pilot.pause()
        screen._tell_where_running(line)
        await pilot.pause()
        assert app.told_where_running and said(app)

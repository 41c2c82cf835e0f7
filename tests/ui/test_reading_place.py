"""Where the learner reads: the lesson text reopens there (grok_tui/reading_places.py), and a page
key moves it in one step, not in animated frames each sent over the link."""

from __future__ import annotations

import json
import threading

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import screen_text, wait_for

SIZE = (80, 24)


async def test_the_text_opens_where_the_learner_was_reading(small_catalog, private_data_dir):
    """A learner came back to 5.5 after quitting and found its text at the top."""
    from grok_tui.reading_places import PLACES_FILE

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        await pilot.press("pagedown", "pagedown", "pagedown")
        await wait_for(pilot, lambda: app.places.get("4.5") not in (None, (0, 0)), what="the place noted")
        reading = screen_text(app).splitlines()[2:8]
        await pilot.press("p")  # to 3.1 and back, in the same visit
        await wait_for(pilot, lambda: app.screen is not screen and app.screen.lesson.id == "3.1", what="3.1")
        await pilot.pause()
        assert screen_text(app).splitlines()[2:8] != reading
        await pilot.press("n")
        await wait_for(pilot, lambda: app.screen.lesson.id == "4.5", what="4.5 again")
        await wait_for(pilot, lambda: screen_text(app).splitlines()[2:8] == reading, what="the same place")
    for thread in threading.enumerate():  # the lesson's place is written off the UI thread as it closes
        if thread.name == "reading-places":
            thread.join(10)
    assert json.loads((private_data_dir / PLACES_FILE).read_text())["4.5"] == list(app.places.get("4.5"))
    again = GrokApp(small_catalog, start_lesson="4.5", speed=0)  # after a restart
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: screen_text(again).splitlines()[2:8] == reading, what="the place after a restart")


async def test_a_page_key_scrolls_at_once_not_in_animated_frames(small_catalog):
    """Over a 64 kbit/s link pgdn took 3-4 s to finish drawing: each frame of Textual's smooth
    scroll repainted the whole text."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        await pilot.pause()
        offsets: list[float] = []
        doc.on_place = lambda place: offsets.append(doc.scroll_y)  # told at each new row scrolled to
        await pilot.press("pagedown")
        assert len(offsets) == 1 and offsets[0] > 0, offsets  # one step: no frames in between to send


async def test_a_place_on_the_last_page_reopens_on_the_last_page(small_catalog, private_data_dir):
    """6.4: a learner quit on the last page and came back to the text's top, three times of three.
    The top row there was the gap above a block that starts below the end of the scroll."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        await pilot.pause()
        last = len(doc._blocks()) - 1
        assert doc._blocks()[last].virtual_region.y > doc.max_scroll_y > 0  # the case: past the end
        assert doc.go_to((last, 0)) and doc.scroll_y == doc.max_scroll_y
        doc.focus()
        await pilot.press("home", "end")
        await wait_for(pilot, lambda: app.places.get("4.5") not in (None, (0, 0)), what="the place noted")
        reading = screen_text(app).splitlines()[2:8]
        await pilot.press("q")
    again = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with again.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: screen_text(again).splitlines()[2:8] == reading, what="the last page again")


async def test_the_cell_the_run_is_in_is_tinted_and_w_goes_there(small_catalog):
    """Reading at 80x24 a learner could not tell which cell was running, nor find it (7.3's is 250
    lines down): it is tinted while the run goes, and w scrolls the text to it."""
    from grok_tui.engine.runner import RunState
    from grok_tui.ui.widgets.code_cell import CodeCell

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        await pilot.press("w")  # nothing runs yet: said so
        await pilot.pause()
        assert any("no run yet: space runs the lesson" in n.message for n in app._notifications)
        await pilot.press("s")  # paused after the first step, in the training cell
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="the first step")
        await wait_for(pilot, lambda: doc.running_cell() is not None, what="the tint")
        running = doc.running_cell()
        assert isinstance(running, CodeCell) and "for iteration in range" in running.cell.source
        assert [c for c in doc.query(CodeCell) if c.has_class("-running")] == [running]
        doc.scroll_home(animate=False)
        await pilot.pause()
        await pilot.press("w")
        await wait_for(pilot, lambda: doc.scroll_y > 0, what="the scroll")
        assert running.region.y - doc.region.y in range(0, 3), (running.region, doc.region)
        await pilot.press("space")  # on to the end: nothing is running, nothing tinted
        await wait_for(pilot, lambda: screen.run_state.done, what="the end")
        await wait_for(pilot, lambda: doc.running_cell() is None, what="the tint gone")
        doc.scroll_home(animate=False)  # ended: w goes to the cell it ended in
        await pilot.pause()
        await pilot.press("w")
        await wait_for(pilot, lambda: doc.scroll_y > 0, what="the scroll to where it ended")


async def test_a_resize_there_and_back_keeps_the_place_at_the_end(small_catalog):
    """Reading the end of 4.2 at 80x24, a resize to 100x30 and back left the view 16 lines higher: at
    100 the text is shorter, the scroll was clamped, and the clamped offset was kept."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        doc = app.screen.query_one(LessonDocument)
        doc.focus()
        await pilot.press("end")
        await wait_for(pilot, lambda: doc.scroll_y > 0 and doc.scroll_y == doc.max_scroll_y, what="the end")
        before = doc.place()
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.3)
        await pilot.resize_terminal(80, 24)
        await wait_for(pilot, lambda: doc.place() == before, what="the same place", timeout=5)
        assert doc.scroll_y == doc.max_scroll_y


async def test_a_lesson_opens_with_the_params_it_was_left_with_and_says_so(small_catalog, private_data_dir):
    """A learner quit 6.5 at alpha 0.5 and 200 iterations and came back to 0.2 and 60, with nothing
    said (over SSH a dropped link is a restart too)."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.session.selected_param is not None, what="the lesson")
        default = screen.session.params["alpha"]
        await pilot.press("minus")
        await wait_for(pilot, lambda: screen.session.params["alpha"] < default, what="alpha down")
        changed = screen.session.params["alpha"]
        # saved once the keys rest, not only on leaving: a tutor killed meanwhile lost it
        from grok_tui.kept_params import PARAMS_FILE

        saved = private_data_dir / PARAMS_FILE
        await wait_for(pilot, lambda: saved.exists() and f"{changed}" in saved.read_text(), what="the save")
        await pilot.press("q")
    again = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with again.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: getattr(again.screen, "session", None) is not None, what="4.5")
        assert again.screen.session.params["alpha"] == changed
        said = f"4.5 opens with your settings from last time: alpha {changed:g} · D puts back its defaults"
        assert [n.message for n in again._notifications] == [said]
        await pilot.press("D")  # its defaults: the notice that named D goes
        await wait_for(pilot, lambda: again.screen.session.params["alpha"] == default, what="the defaults")
        assert [n.message for n in again._notifications] == ["back to the lesson's defaults: alpha"]
        await pilot.press("q")  # then quit: it opens with them next time
    third = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with third.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(pilot, lambda: getattr(third.screen, "session", None) is not None, what="4.5")
        assert third.screen.session.params["alpha"] == default and not third._notifications


async def test_w_shows_the_printout_of_a_cell_taller_than_the_text(catalog):
    """4.4's training cell is taller than the text at 80x24: w showed its top while the lines each
    iteration prints, which the lesson asks to watch, grew two pages below."""
    from grok_tui.engine.runner import RunState
    from tests.ui.test_instruments_ui import skip_questions

    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        for _ in range(3):  # a few iterations, paused in the training cell (its questions skipped)
            await pilot.press("s")
            await skip_questions(pilot, app)
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="the paused run")
        cell = doc.running_cell()
        assert cell is not None
        await wait_for(pilot, lambda: cell.cell.line in doc.printouts.boxes, what="the cell's printout")
        box = doc.printouts.boxes[cell.cell.line]
        assert cell.outer_size.height > doc.scrollable_content_region.height  # what this test is about
        doc.scroll_home(animate=False)
        await pilot.pause()
        await pilot.press("w")
        await wait_for(pilot, lambda: doc.scroll_y > 0, what="the scroll")
        await pilot.pause()
        view = doc.region
        assert view.y < box.region.bottom <= view.bottom, (box.region, view)  # its last line in view

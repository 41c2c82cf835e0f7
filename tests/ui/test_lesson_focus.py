"""The lesson screen's panes and their focus (grok_tui/ui/lesson_focus.py): `f` moves it, bringing
the view that shows the pane; the focused pane's title carries a glyph; F1 lists its keys."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.panes import SidePane
from tests.ui.helpers import text_of, wait_for

SIZE = (80, 24)


async def test_f1_lists_the_focused_panels_keys(small_catalog):
    import dataclasses

    from grok_tui.ui.screens.help import HelpScreen

    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(small_catalog.lessons[index], panels=("drawing_pad",))
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, LessonScreen) and app.screen.panels.widgets,
            what="the lesson with its panel",
        )
        screen = app.screen
        pad = screen.panels.widgets[0]
        await pilot.press("f", "f")  # text -> values and params (the lab view) -> the pad
        assert app.focused is pad and screen.lab
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = text_of(app.screen.query_one("#panel-keys"))
        assert "shade" in keys and "pen" in keys
        # At 80 columns f cycles the lab's own panes: one more f stays in the lab (learners lost it
        # when f brought the text back); l is the way to the text.
        await pilot.press("escape", "f")
        assert app.focused is screen.query_one(SidePane) and screen.lab
        await pilot.press("F")  # and back
        assert app.focused is pad and screen.lab
        await pilot.press("l")
        assert not screen.lab


async def test_the_focused_pane_is_marked_by_a_glyph(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        assert str(screen.query_one(LessonDocument).border_title).startswith("▶ ")
        await pilot.press("l")
        await pilot.pause()
        assert str(screen.query_one("#values-box").border_title).startswith("▶ ")
        assert not str(screen.query_one(LessonDocument).border_title).startswith("▶ ")


async def test_f_in_a_lab_without_panels_says_so(small_catalog):
    """6.6's lab at 80 columns has only its values: f did nothing and said nothing."""
    import dataclasses

    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(small_catalog.lessons[index], panels=())
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        await pilot.press("f")  # the text -> the lab's values
        assert screen.lab and app.focused is screen.query_one(SidePane)
        await pilot.press("f")
        assert app.focused is screen.query_one(SidePane)
        assert any("no panels" in n.message for n in app._notifications)

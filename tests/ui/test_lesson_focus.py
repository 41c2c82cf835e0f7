"""The lesson screen's panes and their focus (grok_tui/ui/lesson_focus.py): `f` moves it, bringing
the view that shows the pane; the focused pane's title carries a glyph; F1 lists its keys."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.panes import SidePane
from tests.ui.helpers import text_of, wait_for

SIZE = (80, 24)


def pad_app(catalog, speed: float = 0) -> GrokApp:
    """The tutor at 4.5 with the drawing pad as its one panel."""
    import dataclasses

    index = catalog.index("4.5")
    catalog.lessons[index] = dataclasses.replace(catalog.lessons[index], panels=("drawing_pad",))
    return GrokApp(catalog, start_lesson="4.5", speed=speed)


async def the_pad(pilot, app):
    """The lesson screen once it has its panel, and the pad."""
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, LessonScreen) and app.screen.panels.widgets,
        what="the lesson with its pad",
    )
    return app.screen, app.screen.panels.widgets[0]


async def test_f1_lists_the_focused_panels_keys(small_catalog):
    from grok_tui.ui.screens.help import HelpScreen

    app = pad_app(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await the_pad(pilot, app)
        await pilot.press("f", "f", "f", "f")  # text -> values and params (the lab view) -> its 2 charts -> the pad
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
    small_catalog.lessons[index] = dataclasses.replace(small_catalog.lessons[index], panels=(), charts=())
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        await pilot.press("f")  # the text -> the lab's values
        assert screen.lab and app.focused is screen.query_one(SidePane)
        await pilot.press("f")
        assert app.focused is screen.query_one(SidePane)
        # not "No panel to select here: f moves between panels" just after an f (3.3b, a learner)
        assert [n.message for n in app._notifications] == [
            "This lesson has no panel to select: f stays on the values. [ ] + - change the params, "
            "z enlarges them, l goes back to the text."
        ]
        await pilot.press("f")  # again: the same notice stays, not a second one over the chart
        assert len(app._notifications) == 1
        app.clear_notifications()
        await pilot.press("z", "f")  # zoomed, "z enlarges them" was wrong
        assert screen.maximized is not None
        assert [n.message for n in app._notifications] == [
            "This lesson has no panel to select: f stays on the values. [ ] + - change the params, "
            "z shrinks them back, l goes back to the text."
        ]


def test_no_lesson_key_is_a_panels_letter():
    """A panel's letter and digit keys reach it whichever pane has the focus (lesson_focus.py), so
    none may be a key of the lesson screen: in 7.5 the pad's `p` (pen) opened the previous lesson
    and its `c` (clear) the contents, and 6.3's `p` (next set) the previous lesson."""
    import importlib
    import pkgutil

    from grok_tui.ui import panels
    from grok_tui.ui.panels.base import LessonPanel

    def keys(bindings) -> set[str]:
        return {k for b in bindings for k in b.key.split(",")}

    lesson_keys = keys([*LessonScreen.BINDINGS, *GrokApp.BINDINGS, *LessonDocument.BINDINGS, *SidePane.BINDINGS])
    letters = {}
    for module in pkgutil.iter_modules(panels.__path__):
        mod = importlib.import_module(f"{panels.__name__}.{module.name}")
        for cls in vars(mod).values():
            if isinstance(cls, type) and issubclass(cls, LessonPanel) and cls.__module__ == mod.__name__:
                letters[module.name] = {k for k in keys(getattr(cls, "BINDINGS", ())) if len(k) == 1 and k.isalnum()}
    assert letters["playground"] >= {"x", "a", "d", "h", "1", "4"} and letters["drawing_pad"] >= {"d", "x", "t"}
    clashes = {name: sorted(own & lesson_keys) for name, own in letters.items() if own & lesson_keys}
    assert not clashes


async def test_a_panel_letter_leaves_space_to_the_run(small_catalog):
    """7.5: a learner cleared the pad with x from the text, then pressed space to pause the run;
    the pad had taken the focus with x, and space shaded one of its pixels instead."""
    app = pad_app(small_catalog, speed=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await the_pad(pilot, app)
        pad.pixels[0, 0] = 1.0
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.value == "running", what="the run")
        await pilot.press("x")  # the pad's clear, from the text: the lab comes, the pad is cleared
        assert pad.pixels.sum() == 0 and screen.lab and pad.is_on_screen and app.focused is not pad
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.value == "paused", what="the pause")
        assert pad.pixels.sum() == 0
        await pilot.press("d")  # the pen, from the values: the pad says so without the focus
        assert pad.pen and app.focused is not pad
        assert "pen down: moving paints" in str(pad.render())


async def test_f_stays_in_the_lab_at_120_columns_too(small_catalog):
    """7.1 at 120x40: the lab's f f went values -> gallery -> the text view, where the → meant for
    the next image changed a param and re-ran the lesson. As at 80 columns, f keeps to the lab."""
    app = pad_app(small_catalog, speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, pad = await the_pad(pilot, app)
        await pilot.press("l")
        seen = []
        for _ in range(4):
            await pilot.press("f")
            seen.append(app.focused)
            assert screen.lab
        charts = list(screen.query(".chart"))
        assert seen == ([*charts, pad, screen.query_one(SidePane)] * 2)[:4] and charts
        await pilot.press("l")
        assert not screen.lab


async def test_a_zoomed_pane_keeps_the_status_line(small_catalog):
    """Zoomed into 7.5's pad while it trained, a learner could not see the run go on, nor end."""
    from grok_tui.ui.widgets.status import StatusLine

    app = pad_app(small_catalog, speed=2)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await the_pad(pilot, app)
        await pilot.press("space", "f", "f", "f", "f", "z")  # run; the lab's values, its 2 charts, the pad; zoomed
        assert screen.maximized is pad
        status = screen.query_one(StatusLine)
        await wait_for(pilot, lambda: "running" in text_of(status), what="the running status")
        assert status.region.height == 1 and status.region.y == SIZE[1] - 2  # over the key bar
        assert pad.region.bottom == status.region.y


async def test_f_while_zoomed_zooms_the_next_pane(small_catalog):
    """f moved the focus under the zoomed pane, which then hid every pane: a learner in 5.4's lab saw
    the whole screen hatched, and only z brought the lab back. Now the next pane takes the zoom."""
    app = pad_app(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await the_pad(pilot, app)
        side = screen.query_one(SidePane)
        await pilot.press("f", "f", "f", "f", "z")  # the values, its 2 charts, then the pad; zoomed
        assert screen.maximized is pad
        chart = screen.query_one("#chart-1")
        for key, pane in (("f", side), ("F", pad), ("F", chart)):
            await pilot.press(key)
            await pilot.pause()
            assert app.focused is pane and screen.maximized is pane, (key, app.focused, screen.maximized)
            assert pane.region.width == SIZE[0] and pane.region.height > SIZE[1] // 2, pane.region  # on screen
        await pilot.press("z")
        assert screen.maximized is None and app.focused is chart and screen.lab


async def test_z_never_zooms_a_pane_out_of_sight(small_catalog):
    """4.4's lab: f selected the predict panel, g put a chart in its place, and after a question the
    focus came back to the hidden panel; z zoomed it unseen and the screen was all hatching. Before
    that, with no pane selected, z did nothing and said nothing."""
    from grok_tui.ui.lesson_focus import NOTHING_TO_ZOOM

    app = pad_app(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen, pad = await the_pad(pilot, app)
        await pilot.press("f", "f", "f", "f")  # the values, its 2 charts, then the pad
        assert app.focused is pad and screen.lab
        await pilot.press("g")  # a chart in the pad's place
        await pilot.pause()
        assert not pad.display
        shown = next(c for c in screen.query(".chart") if c.display)
        assert app.focused is shown  # Textual lets go of a hidden widget's focus: the chart in view has it
        await pilot.press("z")
        assert screen.maximized is shown
        await pilot.press("z")
        screen.set_focus(None)
        await pilot.press("z")
        assert screen.maximized is None
        assert any(n.message == NOTHING_TO_ZOOM for n in app._notifications)
        screen.set_focus(pad)  # as a closed question box gives it back
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is pad and pad.display and pad.region.height > SIZE[1] // 2, pad.region


async def test_f_selects_a_chart_and_z_enlarges_it(small_catalog):
    """4.3b at 80x24: its chart had 9 rows, the U it is about 2 or 3 of them; f said "no panel to
    select" and z enlarged the values."""
    import dataclasses

    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(small_catalog.lessons[index], panels=())
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        screen = app.screen
        await pilot.press("f", "f")  # the text -> the lab's values -> its chart
        chart = screen.query_one("#chart-0")
        assert screen.lab and app.focused is chart and not app._notifications
        await pilot.pause()
        assert str(chart.border_title).startswith("▶ ")
        small = chart.region.height
        await pilot.press("z")
        await pilot.pause()
        assert screen.maximized is chart and chart.region.height >= SIZE[1] - 4 > small, (chart.region, small)
        assert len(chart.rows) > small  # drawn again at its new size
        await pilot.press("z")
        assert screen.maximized is None and app.focused is chart
        await pilot.press("g")  # the next chart shows: the focus goes with it
        await pilot.pause()
        second = screen.query_one("#chart-1")
        assert second.display and app.focused is second and str(second.border_title).startswith("▶ ")
        # g while zoomed: the next chart takes the zoom (the zoomed one was hidden under it, and the
        # whole screen was hatching)
        await pilot.press("z", "g")
        await pilot.pause()
        assert screen.maximized is chart and app.focused is chart and chart.display
        assert chart.region.height >= SIZE[1] - 4, chart.region


async def test_shift_f_from_the_text_focuses_the_chapter_quiz(catalog):
    """4.5, 5.5, 6.7 and 7.6 say "press F (shift+f) to focus" their quiz, the last panel: with the
    charts put after the panels in f's order, F went to a chart (5.5: five presses to the quiz)."""
    from grok_tui.ui.panels.quiz import QuizPanel

    for lesson_id in ("4.5", "7.6"):
        app = GrokApp(catalog, start_lesson=lesson_id, speed=0)
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(
                pilot, lambda a=app: isinstance(a.screen, LessonScreen) and a.screen.query(QuizPanel), what="the quiz"
            )
            await pilot.pause()
            await pilot.press("F")
            await pilot.pause()
            assert isinstance(app.focused, QuizPanel), (lesson_id, app.focused)


async def test_arrows_change_the_param_where_the_focused_pane_does_not_use_them(small_catalog):
    """4.5's lab with a chart or the experiments focused: → did nothing, though the help and the
    README say ← → change the chosen param (+ did). A panel that uses them keeps them."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("f", "f")  # the text -> the lab's values -> its chart
        await pilot.pause()
        assert app.focused is screen.query_one("#chart-0")
        before = screen.session.params["alpha"]
        await pilot.press("right")
        await wait_for(pilot, lambda: screen.session.params["alpha"] > before, what="alpha up")
        await pilot.press("left")
        await wait_for(pilot, lambda: screen.session.params["alpha"] == before, what="alpha back")


async def test_f_into_the_charts_starts_at_the_chart_g_showed(small_catalog):
    """The narrow lab shows one chart at a time: after g showed 4.5's second chart, f brought the
    first in its place, and the learner lost the chart they had chosen (a trial)."""
    import dataclasses

    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(small_catalog.lessons[index], panels=())
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        first, second = screen.query_one("#chart-0"), screen.query_one("#chart-1")
        await pilot.press("l", "g")  # the lab, its second chart
        await pilot.pause()
        assert second.display and not first.display and app.focused is screen.query_one(SidePane)
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is second and second.display and not first.display
        await pilot.press("f")  # then round the others
        await pilot.pause()
        assert app.focused is first and first.display and not second.display
        await pilot.press("f")  # every chart seen: the values again
        await pilot.pause()
        assert app.focused is screen.query_one(SidePane)


async def test_f_selects_the_panel_g_showed(catalog):
    """4.5's narrow lab: g brought the error landscape, whose edge says "press f to select it", and f
    selected the first chart in its place (a trial). The next round of f reaches the charts again."""
    from grok_tui.ui.panels.landscape import LandscapePanel

    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l")
        await wait_for(pilot, lambda: bool(screen.query(LandscapePanel)), what="the lab's panels")
        landscape = screen.query_one(LandscapePanel)
        await pilot.press("g", "g")  # its second chart, then the landscape
        await pilot.pause()
        assert landscape.display and app.focused is screen.query_one(SidePane)
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is landscape and landscape.display
        panels = len([w for w in screen.panels.widgets if w.focusable])
        await pilot.press(*["f"] * panels)  # round the panels, back to the values
        await pilot.pause()
        assert app.focused is screen.query_one(SidePane), app.focused
        await pilot.press("f")
        await pilot.pause()
        assert app.focused is screen.query_one("#chart-0"), app.focused

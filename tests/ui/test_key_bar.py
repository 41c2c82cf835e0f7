"""The key bar shows the keys the screen offers now, even when a rebuild it asked for is lost.

Its rebuild runs after a refresh (Textual's call_after_refresh), queued on whichever screen is
current when the request is handled. A question that pops up over the lesson at that moment
takes the callback, and if the question is answered before its screen next idles, the callback goes
with it. The bar then showed stale keys for good: it waited for that rebuild before asking for
another (a picture test timed out waiting for the bar, one full run in six under load)."""

from __future__ import annotations

import asyncio

from textual.widgets._footer import FooterKey

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.footer import KeyFooter
from tests.ui.helpers import key_bar_settled, wait_for


async def settled(pilot) -> tuple[LessonScreen, KeyFooter]:
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen)
    await wait_for(pilot, lambda: screen.lab_built and key_bar_settled(pilot.app), what="the lesson")
    return screen, screen.query_one(KeyFooter)


async def test_a_lost_rebuild_does_not_freeze_the_key_bar(small_catalog, monkeypatch):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, bar = await settled(pilot)
        lost: list[object] = []
        with monkeypatch.context() as patch:
            patch.setattr(bar, "call_after_refresh", lambda callback, *args: lost.append(callback) or True)
            for _ in range(100):  # until a rebuild is asked for (one may still be due from the start)
                screen.refresh_bindings()
                if lost:
                    break
                await pilot.pause(0.02)
        assert lost  # that rebuild is lost, as with a screen closed before it idled
        await pilot.press("l")  # the lab view at 80 columns: one chart at a time, `g` for the next
        await wait_for(pilot, lambda: screen.has_class("-lab"), what="the lab view")
        await wait_for(pilot, lambda: key_bar_settled(app), timeout=5, what="the key bar to follow")
        assert any(key[0] == "g" for key in bar._shown[0])


async def test_two_rebuilds_at_once_show_each_key_once(small_catalog):
    """Each signal asks for a rebuild, and two screens may each run one at once (see above)."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, bar = await settled(pilot)
        screen.set_class(True, "-lab")  # the keys change: `g` for the next chart
        screen.set_class(False, "-read")
        with bar._context():  # as a screen runs a callback: in the context of the pump that asked
            await asyncio.gather(bar._rebuild(), bar._rebuild())
        await pilot.pause()
        shown = [key.key for key in bar.query(FooterKey)]
        assert "g" in shown and len(shown) == len(set(shown))


async def test_at_60_columns_the_bar_keeps_help_and_quit(small_catalog):
    """At 60x16 the bar was cut at "? he", and quit did not show; the middle keys give way."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(60, 16)) as pilot:
        _screen, footer = await settled(pilot)
        shown = [k.description for k in footer.query(FooterKey)]
        assert shown[0] == "run/pause" and shown[-2:] == ["help", "quit"] and "output" not in shown, shown
        assert sum(k.region.width for k in footer.query(FooterKey)) <= 60
        # the lab at 68 columns: g, the way to its other charts, stays; = and o give way first
        await pilot.resize_terminal(68, 24)
        await pilot.press("l")
        await wait_for(pilot, lambda: "chart" in [k.description for k in footer.query(FooterKey)], what="g chart")
        shown = [k.description for k in footer.query(FooterKey)]
        assert "type" not in shown and "output" not in shown and shown[-2:] == ["help", "quit"], shown
        # at 60 columns too: the step key goes (the status line offers `s step` itself), g stays
        await pilot.resize_terminal(60, 18)
        await wait_for(pilot, lambda: "step" not in [k.description for k in footer.query(FooterKey)], what="s gone")
        shown = [k.description for k in footer.query(FooterKey)]
        assert shown == ["run/pause", "lab/text", "chart", "help", "quit"], shown
        await pilot.resize_terminal(80, 24)  # at 80 columns every key shows again
        await wait_for(pilot, lambda: "output" in [k.description for k in footer.query(FooterKey)], what="every key")


async def test_the_contents_key_bar_is_built_once_at_start(catalog, monkeypatch):
    """ "enter open", bound on the list alone, came with the list's focus, after the bar's first
    build: the bar was built twice at start, ~40 ms more to the contents' first frame."""
    from grok_tui.ui.screens.contents import ContentsScreen

    built: list[str] = []
    compose = KeyFooter.compose

    def counted(self):
        built.append(type(self.screen).__name__)
        return compose(self)

    monkeypatch.setattr(KeyFooter, "compose", counted)
    app = GrokApp(catalog, speed=0)  # the course: its first chapter has a quiz, as F offers at start
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen) and key_bar_settled(app))
        await wait_for(pilot, lambda: app.focused is not None, what="the list's focus")
        await pilot.pause(0.2)
        bar = app.screen.query_one(KeyFooter)
        assert built == ["ContentsScreen"], built
        assert [key.key_display for key in bar.query(FooterKey)][:2] == ["enter", "f1"]

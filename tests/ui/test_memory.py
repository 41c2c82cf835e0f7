"""Leaving a lesson frees what it showed: visiting lessons again and again must not grow the tutor.

bench/memory.py measures the RSS; these tests pin the causes it found, with weak references and the
garbage collector: a lesson screen's widgets die with it, and the footer of the contents screen
(alive all session) lets go of the keys it showed before its last recompose.
"""

from __future__ import annotations

import gc
import weakref

from textual.widget import Widget
from textual.widgets._footer import FooterKey

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.footer import KeyFooter, drop_closed_watchers
from tests.ui.helpers import wait_for

SIZE = (80, 24)


async def _open(app, pilot, lesson_id: str) -> LessonScreen:
    app.open_lesson(lesson_id)
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, LessonScreen) and app.screen.lesson.id == lesson_id and app.screen.is_mounted,
        what=f"lesson {lesson_id}",
    )
    await pilot.pause()
    return app.screen


def _alive(refs: list[weakref.ref]) -> list[str]:
    gc.collect()
    return sorted({type(obj).__name__ for ref in refs if (obj := ref()) is not None})


async def test_a_lesson_screen_and_its_widgets_die_when_left(small_catalog):
    # Started at the contents: the screen watched is the one _open builds (a start lesson would be
    # one more screen built, then replaced at once by that one, and never watched).
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(app, pilot, "4.5")
        await pilot.press("l")  # the lab view: charts drawn, footer recomposed
        await pilot.pause()
        assert screen.query(ChartView)
        refs = [weakref.ref(screen), *(weakref.ref(w) for w in screen.walk_children(Widget))]
        assert any(isinstance(r(), FooterKey) for r in refs)
        del screen
        for lesson_id in ("3.1", "4.5", "3.1"):  # n and p: each visit builds a new screen
            await _open(app, pilot, lesson_id)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="contents")
        await pilot.pause()
        assert _alive(refs) == []


async def test_the_contents_footer_keeps_only_the_keys_it_shows(small_catalog):
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        footer = app.screen.query_one(KeyFooter)
        await pilot.pause()
        shown = [weakref.ref(key) for key in footer.query(FooterKey)]
        assert shown
        for lesson_id in ("4.5", "3.1", "4.5"):  # each return to the contents recomposes its footer
            await _open(app, pilot, lesson_id)
            await pilot.press("c")
            await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="contents")
            await pilot.pause()
        now = set(footer.query(FooterKey))
        assert _alive([ref for ref in shown if ref() not in now]) == []
        watchers = getattr(footer, "__watchers", {}).get("compact", [])
        bound = [key for key in now if not key.has_class("-command-palette")]  # ctrl+p's key is not bound
        assert len(watchers) == len(bound)  # one binding per key on screen, none for removed keys


def test_only_closed_watchers_are_dropped():
    class Node:
        def __init__(self, closing: bool) -> None:
            self._closing, self._closed = closing, False

    live, dead = Node(False), Node(True)
    holder = Node(False)
    setattr(holder, "__watchers", {"compact": [(live, print), (dead, print)]})
    drop_closed_watchers(holder)
    assert getattr(holder, "__watchers") == {"compact": [(live, print)]}

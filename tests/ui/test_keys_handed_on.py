"""Keys held for a screen that opens are handed on in the order they were typed, ahead of the keys
the terminal sent meanwhile (grok_tui/ui/keys_ahead.py).

A CI run under load: `n space` in 3.1, the n held while 3.1 itself was still mounting. As 3.1 took
it, the space was already in the app's queue, read before the n handed back: the space ran 3.1, then
the n opened 4.5, which never ran."""

from __future__ import annotations

import pytest
from textual import events

from grok_tui.ui import app as app_module
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from tests.ui.helpers import wait_for


async def settled_lesson(pilot, app) -> LessonScreen:
    await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
    screen = app.screen
    await wait_for(pilot, lambda: screen.lab_built and not app.keys_ahead.holding, what="the lesson settled")
    return screen


async def test_a_key_read_as_the_held_ones_are_handed_on_comes_after_them(small_catalog):
    app = GrokApp(small_catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        left = await settled_lesson(pilot, app)
        keys = app.keys_ahead
        keys.hold()  # as while 3.1 mounted
        assert keys.read(events.Key("n", "n"))
        keys.release()  # 3.1 has the focus...
        app.post_message(events.Key("space", " "))  # ...and the space is in the queue before the n handed on
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen is not left)
        opened = app.screen
        assert opened.lesson.id == "4.5"
        await wait_for(pilot, lambda: opened.session.run is not None, what="4.5's run, asked by the space")
        assert left.session.run is None


async def test_keys_held_again_while_handed_on_keep_their_order(small_catalog, monkeypatch):
    """A second release before the first keys are read again, and keys the terminal sent meanwhile:
    each goes after the ones before it."""
    seen: list[str] = []
    monkeypatch.setattr(LessonScreen, "on_key", lambda self, event: seen.append(event.key), raising=False)
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settled_lesson(pilot, app)
        seen.clear()
        keys = app.keys_ahead
        keys.hold()
        assert keys.read(events.Key("m", "m"))
        keys.release()
        keys.hold()
        assert keys.read(events.Key("u", "u"))
        keys.release()
        for late in "y9":  # queued ahead of m and u, made only when the app gets to them
            app.post_message(events.Key(late, late))
        await wait_for(pilot, lambda: len(seen) == 4, what="the four keys")
        assert seen == ["m", "u", "y", "9"]


@pytest.mark.parametrize(
    ("keys", "opened"),
    [
        (("c", "enter", "space"), "3.1"),  # the tutor stopped on NoMatches '#values-box' (a trial)
        (("c", "down", "enter", "space"), "3.2"),  # 3.2 opened, not run: the space was lost
        (("escape", "enter", "space"), "3.1"),
    ],
)
async def test_keys_read_with_the_key_that_leaves_a_lesson_act_on_the_contents(catalog, keys, opened, monkeypatch):
    """`c enter space` in one burst from 3.1, opened at start in a terminal (the contents under it not
    built yet): the enter and the space reached 3.1's widgets, then the app's bindings with the
    contents current: each opened 3.1, the first one replaced at once, and the tutor stopped on its
    focus. One key at a time, the contents show, enter opens the lesson highlighted, space runs it."""
    monkeypatch.setattr(GrokApp, "is_headless", property(lambda self: False))
    monkeypatch.setattr(app_module.gc, "freeze", lambda: None)  # the app freezes what exists when in a terminal
    app = GrokApp(catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        left = await settled_lesson(pilot, app)
        for key in keys:
            app.simulate_key(key)
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen is not left)
        lesson = app.screen
        assert lesson.lesson.id == opened
        await wait_for(pilot, lambda: lesson.session.run is not None, what="the run the space asked for")
        await pilot.pause(0.2)
        assert app.screen is lesson and len(app.screen_stack) == 2 and app.is_running


async def test_a_lesson_taken_off_the_stack_ignores_its_late_focus(small_catalog):
    """A lesson replaced as it opened heard its focus after its panes were gone: the focus mark
    looked for '#values-box' and the tutor stopped."""
    app = GrokApp(small_catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await settled_lesson(pilot, app)
        app.action_contents()
        await lesson.query_one("#values-box").remove()
        lesson.on_descendant_focus()
        lesson.on_descendant_blur()
        await pilot.pause()
        assert app.is_running


async def test_keys_read_with_a_value_boxs_enter_act_on_the_lesson_after_it_closes(catalog):
    """`= 2 enter s s s` in one burst (a trial): all read before the box was up, the s's were typed
    into it as it closed, and lost; the run played on. One key at a time, s pauses and steps it."""
    from grok_tui.engine.runner import RunState

    app = GrokApp(catalog, start_lesson="4.5", speed=4)
    async with app.run_test(size=(80, 24)) as pilot:
        lesson = await settled_lesson(pilot, app)
        for key in ("equals_sign", "2", "enter", "s", "s", "s"):
            app.simulate_key(key)
        await wait_for(pilot, lambda: lesson.params["alpha"] == 2 and lesson.session.run is not None, what="the run")
        await wait_for(pilot, lambda: lesson.run_state is RunState.PAUSED, what="the run paused by the s's")
        assert app.screen is lesson and not app.keys_ahead.holding

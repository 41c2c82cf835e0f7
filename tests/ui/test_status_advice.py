"""The status line's advice on screen (engine/run_advice.py decides it): 7.5 at alpha 0.001, its
minimum, with one update an epoch, ended at chance and was told "try a smaller alpha"."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.param_input import ParamInput
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import text_of, wait_for
from tests.ui.test_lesson_views import SIZE, finish


async def type_param(pilot, app, screen, name: str, typed: str, value) -> None:
    while screen.session.selected_param.name != name:
        await pilot.press("right_square_bracket")
    await pilot.press("equals_sign")
    await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the box")
    await pilot.press("ctrl+u", *typed, "enter")
    await wait_for(pilot, lambda: screen.params[name] == value, what=f"{name} {typed}")


async def test_a_run_at_chance_with_too_small_steps_is_told_a_larger_alpha(catalog):
    app = GrokApp(catalog, start_lesson="7.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="the lesson")
        screen = app.screen
        await type_param(pilot, app, screen, "batch_size", "1347", 1347)
        await type_param(pilot, app, screen, "alpha", "0.001", 0.001)
        await wait_for(pilot, lambda: screen.session.rerun and screen.run.values["alpha"] == 0.001, what="the re-run")
        await finish(pilot, screen)
        status = text_of(screen.query_one(StatusLine))
        assert "at chance: test_accuracy" in status and "try a larger alpha" in status, status

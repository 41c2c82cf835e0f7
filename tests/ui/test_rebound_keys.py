"""Keys rebound in settings.toml show as they now are: in the help (marked *, with the file named)
and in the status line's hints; every action settings.toml may rebind has its row in the help."""

from __future__ import annotations

from textual.widgets import Static

from grok_tui.settings import ACTIONS, settings_path
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.help import KEYS, ROW_ACTIONS, HelpScreen, row_keys
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.live_strip import LiveStrip
from grok_tui.ui.widgets.status import HINT_KEYS, StatusLine, hint_keys
from tests.ui.helpers import text_of, wait_for


def test_every_rebindable_action_has_a_help_row_whose_defaults_read_as_the_row():
    rows = {keys for keys, _ in KEYS}
    assert set(ROW_ACTIONS) <= rows
    assert {action for parts in ROW_ACTIONS.values() for action, _ in parts if action} == set(ACTIONS)
    for keys, parts in ROW_ACTIONS.items():
        assert " ".join(default for _, default in parts).split() == keys.split()


def test_row_keys_applies_only_the_overrides_of_its_row():
    assert row_keys("space", {}) == ("space", False)
    assert row_keys("space", {"step": "x"}) == ("space", False)
    assert row_keys("space", {"run": "x,ctrl+r"}) == ("x ctrl+r", True)
    assert row_keys("< >", {"faster": "greater_than_sign,f"}) == ("<  > f", True)


async def test_the_help_shows_the_keys_settings_toml_set(small_catalog):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('[keys]\nrun = "x"\nhelp = "h,f1"\n', encoding="utf-8")
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        status = app.screen.query_one(StatusLine)
        await wait_for(pilot, lambda: "x run · s step" in status.render().plain, what="the status hint")
        assert "space" not in status.render().plain
        strip = app.screen.query_one(LiveStrip)
        await wait_for(pilot, lambda: "press x to run · l for the lab view" in strip.render().plain, what="the strip")
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await pilot.pause()
        text = "\n".join(text_of(static) for static in app.screen.query(Static))
        lines = text.splitlines()
        run_row = next(line for line in lines if "run / pause / resume" in line)
        assert run_row.split()[:2] == ["x", "*"], run_row
        assert any(line.split()[:3] == ["h", "f1", "*"] for line in lines), text
        assert next(line for line in lines if "one step" in line).split()[:2] == ["s", "one"]
        assert "space" not in run_row
        assert "* your key, set in the settings file's [keys] (below)" in text
        assert str(path) in text.replace("\n", "")


def test_the_hints_name_the_first_rebound_key_and_every_hint_action_is_rebindable():
    assert set(HINT_KEYS) <= set(ACTIONS)
    keys = hint_keys({"run": "ctrl+r,x", "faster": "greater_than_sign,f"})
    assert keys["run"] == "ctrl+r" and keys["faster"] == ">" and keys["step"] == "s"

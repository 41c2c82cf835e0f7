"""Settings that stick: the palette's theme comes back at the next start, the default speed and key
overrides apply, a bad file is reported in one line, NO_COLOR draws without colour."""

from __future__ import annotations

import re
from pathlib import Path

from textual.command import CommandList, CommandPalette

from grok_tui.engine.runner import RunState
from grok_tui.settings import load, settings_path
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from tests.ui.helpers import text_of, wait_for

SIZE = (80, 24)


async def _until_highlighted(pilot, app, word: str) -> None:
    """Wait until the palette's highlighted entry is the one that `word` finds (the search is async)."""

    def ready() -> bool:
        if not isinstance(app.screen, CommandPalette):
            return False
        results = app.screen.query_one(CommandList)
        if results.highlighted is None:
            return False
        return word in str(results.get_option_at_index(results.highlighted).prompt).lower()

    await wait_for(pilot, ready, 10, f"the palette to find {word!r}")


async def pick_theme(pilot, app, name: str) -> None:
    """ctrl+p, "theme", then the theme `name`, as a learner picks one."""
    await pilot.press("ctrl+p")
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
    await pilot.press(*"theme")
    await _until_highlighted(pilot, app, "theme")
    await pilot.press("enter")  # "Theme": the theme picker
    await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the theme picker")
    await pilot.press(*name)
    await _until_highlighted(pilot, app, name)
    await pilot.press("enter")
    await wait_for(pilot, lambda: app.theme == name, what="the theme to change")


async def test_the_theme_picked_in_the_palette_is_kept_across_a_restart(small_catalog):
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme != "nord"
        await pick_theme(pilot, app, "nord")
        await wait_for(pilot, lambda: load().theme == "nord", what="the theme to be saved")
    assert 'theme = "nord"' in settings_path().read_text()
    again = GrokApp(small_catalog)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_a_theme_picked_while_the_file_is_no_toml_is_not_written_into_it(small_catalog):
    """The whole file is set aside while it does not parse: a theme written into it was never read
    back, and nothing said so (written over an unclosed `theme = "nord`, it hid the mistake)."""
    broken = '# mine\ntheme = "gruvbox\nspeed = 2\n'
    path = write_settings(broken)
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        (notice,) = (n.message for n in app._notifications)
        why = "not valid TOML: a line ends inside a string (a quote not closed?)"
        assert f"line 2: {why}; the tutor uses its defaults for the whole file until it is fixed" in notice
        app.clear_notifications()
        await pick_theme(pilot, app, "nord")
        await wait_for(pilot, lambda: app._notifications, what="the notice")
        (notice,) = app._notifications
        assert notice.title == "theme not kept"
        assert notice.message == (
            f'nord is for this session only: {path}:2: {why}. Once that is fixed, theme = "nord" in the file keeps '
            "it (or a theme picked then)."
        )
        assert path.read_text(encoding="utf-8") == broken
        path.write_text(broken.replace("gruvbox", 'gruvbox"'), encoding="utf-8")  # fixed
        await pick_theme(pilot, app, "monokai")  # picked then: kept
        await wait_for(pilot, lambda: load().theme == "monokai", what="the theme to be saved")
    assert path.read_text(encoding="utf-8") == '# mine\ntheme = "monokai"\nspeed = 2\n'


async def test_the_theme_env_variable_wins_and_is_not_saved(small_catalog, monkeypatch):
    monkeypatch.setenv("GROK_TUI_THEME", "gruvbox")
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert app.theme == "gruvbox"
    assert not settings_path().exists()
    # Over a saved theme too: the variable's was saved over the file's, and its comment went.
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('theme = "nord"   # the class theme\nspeed = 2\n', encoding="utf-8")
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.1)
        assert app.theme == "gruvbox"
    assert settings_path().read_text() == 'theme = "nord"   # the class theme\nspeed = 2\n'


def write_settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_default_speed_and_a_key_override(small_catalog):
    write_settings('speed = 0\n[keys]\nrun = "x"\n')
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        screen = app.screen
        assert screen.speed == 0  # the settings' speed, not the lesson's pace of 4
        await pilot.press("space")  # no longer the run key
        await pilot.pause(0.1)
        assert screen.run_state is RunState.READY
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.run_state is RunState.FINISHED, what="the run")


async def test_a_misspelt_key_leaves_the_action_its_own_key(small_catalog):
    """`run = "spcae"` took space from the run, and the strip said "press spcae to run"; `quit =
    "ctrl-q"` took q away."""
    from grok_tui.ui.widgets.live_strip import LiveStrip

    path = write_settings('speed = 0\n[keys]\nrun = "spcae"\nquit = "ctrl-q"\n')
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        screen = app.screen
        strip = screen.query_one(LiveStrip)
        await wait_for(pilot, lambda: "press space to run" in strip.render().plain, what="the strip")
        assert "spcae" not in strip.render().plain
        (messages,) = (n.message for n in app._notifications)
        assert messages.startswith(f"{path}\n")
        assert 'line 3: keys.run keeps its default key: "spcae" is not a key name (did you mean "space"?)' in messages
        assert 'line 4: keys.quit keeps its default key: "ctrl-q"' in messages
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state is RunState.FINISHED, what="the run")
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running, what="q to quit")


async def notices_at_start(small_catalog, settings: str) -> tuple[list[str], GrokApp]:
    """The notices the tutor shows as it starts with `settings` as its settings file."""
    write_settings(settings)
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return [n.message for n in app._notifications], app


async def test_a_key_two_actions_share_is_pointed_at(small_catalog):
    """The README's example, run = "r", took r from reset, and nothing said so."""
    messages, _ = await notices_at_start(small_catalog, '[keys]\nhelp = "f1,h"\nrun = "r"\n')
    expected = (
        f"{settings_path()}\nline 3: 'r' is now the key of run and of reset: give reset a key of its own in [keys]"
    )
    assert messages == [expected]
    messages, _ = await notices_at_start(small_catalog, '[keys]\nrun = "space,x"\nhelp = "f1,h"\n')  # the README's now
    assert not messages


async def test_a_bad_settings_file_is_one_notification_naming_file_and_line(small_catalog):
    messages, app = await notices_at_start(small_catalog, 'theme = "nord"\n\n[keys]\nfly = "x"\n')
    (message,) = messages
    assert message.startswith(f"{settings_path()}\nline 4: unknown action 'fly'")
    assert app.theme == "nord"  # the rest of the file still applies


async def test_five_mistakes_are_one_notice_that_fits_at_80x24(small_catalog):
    """Five mistakes made five notices of 12 s each; at 80x24 only some ever showed."""
    from textual.widgets._toast import Toast

    from grok_tui.ui.screens.help import HelpScreen
    from tests.ui.helpers import screen_text

    path = write_settings('sped = 4\nspeed = -1\ntheme = "no-such-theme"\n[keys]\nfly = "x"\nrun = "spcae"\n')
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        (notice,) = app._notifications
        assert notice.title == "settings: 5 mistakes" and notice.timeout == 20
        assert notice.message.splitlines() == [
            str(path),
            "line 1: unknown setting 'sped'; known: theme, speed, keys",
            "line 2: speed must be a number of steps per second from 0 to 1000 (0 = as fast as possible)",
            "line 3: no theme 'no-such-theme'; ctrl+p > theme lists them",  # found by the app: in line order
            "(and 2 more: F1 lists them all)",
        ]
        await wait_for(pilot, lambda: app.screen.query(Toast), what="the notice")
        await pilot.pause()
        shown = screen_text(app)
        assert "settings: 5 mistakes" in shown and "(and 2 more: F1 lists them all)" in shown  # all of it
        await pilot.press("f1")  # the list in full, which the notice no longer covers
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        assert not app._notifications
        said = text_of(app.screen.query_one("#help-settings"))
        assert "line 5: unknown action 'fly'" in said and 'line 6: keys.run keeps its default key: "spcae"' in said
    write_settings('sped = 4\nspeed = -1\nthem = "x"\n[keys]\nfly = "x"\nhelp = "h"\n')
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (notice,) = app._notifications
        assert notice.message.endswith("(and 1 more: h lists them all)")


async def test_an_unknown_theme_name_is_pointed_at(small_catalog):
    messages, _ = await notices_at_start(small_catalog, 'speed = 2\ntheme = "no-such-theme"\n')
    assert messages == [f"{settings_path()}\nline 2: no theme 'no-such-theme'; ctrl+p > theme lists them"]


async def test_a_theme_picked_over_an_unknown_one_is_no_longer_a_mistake(small_catalog):
    """After picking nord (which rewrote `theme = "dracla"`), the help still listed "line 2: no theme
    'dracla'"."""
    write_settings('speed = 2\ntheme = "dracla"\n')
    app = GrokApp(small_catalog)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("no theme 'dracla'" in e for e in app.settings.errors)
        await pick_theme(pilot, app, "nord")
        await wait_for(pilot, lambda: load().theme == "nord", what="the theme to be saved")
        assert not any("no theme" in e for e in app.settings.errors), app.settings.errors


async def test_no_color_draws_in_greys_only(small_catalog, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.run_state is RunState.FINISHED, what="the run")
        await pilot.pause(0.3)
        svg = app.export_screenshot()
    # the screenshot's window frame (its three buttons and title text) is drawn in colour anyway
    colours = set(re.findall(r"#([0-9a-fA-F]{6})\b", svg)) - {"ff5f57", "febc2e", "28c840", "c5c8c6"}
    assert len(colours) > 2
    coloured = {c for c in colours if len({c[0:2], c[2:4], c[4:6]}) > 1}
    assert not coloured, sorted(coloured)[:10]

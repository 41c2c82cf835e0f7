"""The help screen's key list and the bindings that exist cannot drift apart: every action a key
does on the lesson screen is in the help, and every key the help names does something."""

from __future__ import annotations

from textual.containers import ScrollableContainer
from textual.keys import key_to_character

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.help import KEYS
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.document import LessonDocument

NAMES = {
    "plus": "+",
    "minus": "-",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "pageup": "pgup",
    "pagedown": "pgdn",
    "f1": "F1",
}
"""How the help writes a key Textual names in words."""

BINDINGS = [*LessonScreen.BINDINGS, *LessonDocument.BINDINGS, *GrokApp.BINDINGS]
SCROLLING = [
    b for b in ScrollableContainer.BINDINGS if b.action in ("scroll_up", "scroll_down", "page_up", "page_down")
]


def shown(key: str) -> str:
    character = key_to_character(key)
    if character is not None and character.isprintable() and not character.isspace():
        return character
    return NAMES.get(key, key)


def keys_of(binding) -> set[str]:
    return {shown(key) for key in binding.key.split(",")}


DOCUMENTED = {token for keys, _ in KEYS for token in keys.split()}


def test_every_key_of_the_lesson_screen_is_in_the_help():
    missing = [binding.key for binding in BINDINGS if not keys_of(binding) & DOCUMENTED]
    assert not missing


def test_every_key_the_help_names_is_bound():
    real = set().union(*(keys_of(b) for b in [*BINDINGS, *SCROLLING]), {GrokApp.COMMAND_PALETTE_BINDING})
    assert real >= DOCUMENTED, DOCUMENTED - real


def test_every_key_of_the_contents_and_its_list_is_in_its_help_and_bound():
    """F1 on the contents listed the lesson screen's keys (space, s, l...), which do nothing there."""
    from textual.widgets import OptionList

    from grok_tui.ui.screens.contents import ContentsScreen
    from grok_tui.ui.screens.contents_list import LessonList
    from grok_tui.ui.screens.help import CONTENTS_KEYS

    documented = {token for keys, _ in CONTENTS_KEYS[:-2] for token in keys.split()}
    bindings = [*ContentsScreen.BINDINGS, *LessonList.BINDINGS, *OptionList.BINDINGS, *GrokApp.BINDINGS]
    real = set().union(*(keys_of(b) for b in bindings), {GrokApp.COMMAND_PALETTE_BINDING}) | {"ctrl+q"}
    assert real >= documented, documented - real
    screen_keys = [*ContentsScreen.BINDINGS, *LessonList.BINDINGS]
    assert not [binding.key for binding in screen_keys if not keys_of(binding) & documented]


async def test_f1_on_the_contents_shows_the_contents_keys(small_catalog):
    from grok_tui.ui.screens.contents import ContentsScreen
    from grok_tui.ui.screens.help import HelpScreen
    from tests.ui.helpers import screen_text, wait_for

    app = GrokApp(small_catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await pilot.pause()
        text = screen_text(app)
        assert "contents keys" in text and "open the chosen lesson" in text
        assert "run / pause" not in text


def test_the_help_says_how_to_keep_a_speed_and_where_themes_are():
    """A learner found the theme only by browsing the palette, and read nothing on keeping a speed
    (< > change it for the session; settings.toml's `speed` keeps one)."""
    from grok_tui.ui.screens.help import CONTENTS_KEYS

    said = dict(KEYS)
    assert "`speed` in settings.toml keeps one" in said["< >"]
    assert "a theme (kept)" in said["ctrl+p"] and "a theme (kept)" in dict(CONTENTS_KEYS)["ctrl+p"]


async def test_every_help_names_the_settings_file_and_its_mistakes(small_catalog):
    """The help said "`speed` in settings.toml keeps one" and "a theme (kept)" but not where that
    file is; and the notice at the start has room for only a few of its mistakes."""
    from grok_tui.cli.main import build_parser
    from grok_tui.settings import settings_path
    from grok_tui.ui.screens.contents import ContentsScreen
    from grok_tui.ui.screens.help import HelpScreen
    from tests.ui.helpers import screen_text, text_of, wait_for

    path = settings_path()
    assert f"Settings (theme, speed, [keys]): {path}" in build_parser().format_help()  # the same path
    path.parent.mkdir(parents=True)
    path.write_text('sped = 4\n[keys]\nrun = "spcae"\n', encoding="utf-8")
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        for opened_from in ("lesson", "contents"):
            app.clear_notifications()
            await pilot.press("f1")
            await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what=f"the {opened_from}'s help")
            await pilot.press("end")
            await pilot.pause()
            assert "settings.toml keeps the theme, the speed and [keys]:" in screen_text(app)  # in view
            said = text_of(app.screen.query_one("#help-settings")).splitlines()
            assert said[2:4] == [str(path), "2 mistakes in it:"], said
            assert said[4].startswith("line 1: unknown setting 'sped'")
            assert said[5].startswith('line 3: keys.run keeps its default key: "spcae"')
            await pilot.press("escape")
            await pilot.press("c")
            await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")


def test_the_help_explains_every_word_a_chart_says_of_a_previous_run_left_out():
    """A beginner read "previous run: wider range, not drawn" and could not tell what it meant."""
    from grok_tui.ui.screens.help import CHART_MARKS
    from grok_tui.ui.widgets.chart_parts import LEFT_OUT, LEFT_OUT_ELSEWHERE

    explained = dict(CHART_MARKS)["not drawn"]
    words = [said.split()[-1] for said in LEFT_OUT.values()]  # higher, lower, wider, above, below, scale
    assert all(word in explained for word in words), (words, explained)
    assert LEFT_OUT_ELSEWHERE in explained


async def test_the_lessons_help_tells_how_to_read_the_charts(small_catalog):
    from grok_tui.ui.screens.help import HelpScreen
    from tests.ui.helpers import screen_text, wait_for

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen), what="the lesson")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await pilot.press("pagedown", "pagedown", "pagedown")
        await pilot.pause()
        text = screen_text(app)
        assert "the previous run (before your last change" in text and "not drawn" in text, text


def test_the_lesson_keys_use_no_word_of_a_later_chapter():
    """A newcomer in 4.3 read "(the lesson re-runs from its seed)" (seeds come in 3.8, for some later)
    and a list of chapter 7's panels by name in the row of + and -."""
    said = " ".join(what for _, what in KEYS).lower()
    for word in ("seed", "misclassified", "confusion matrix", "gallery"):
        assert word not in said, word

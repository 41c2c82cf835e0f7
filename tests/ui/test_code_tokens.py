"""The code cells' colours come from tokens saved at a lesson's previous start (grok_tui/ui/code_tokens.py):
the same tokens pygments gives, so the same colours, without building its Python lexer (~30 ms)."""

from __future__ import annotations

from pygments.lexers import get_lexer_by_name

from grok_tui.ui.app import GrokApp
from grok_tui.ui.code_tokens import KEEP, TAB_SIZE, CodeTokens
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import wait_for

CODE = 'for i in range(3):\n\tpred = i * 0.5  # a tab, a comment\n    print(f"{pred=}")\n'


def pygments_tokens(text: str) -> list:
    # The options rich.syntax.Syntax gives the lexers it makes by name.
    return list(get_lexer_by_name("python", stripnl=False, ensurenl=True, tabsize=TAB_SIZE).get_tokens(text))


def test_saved_tokens_are_pygments_own_and_are_read_back_without_lexing(tmp_path, monkeypatch):
    monkeypatch.setenv("GROK_TUI_CACHE", str(tmp_path))
    first = CodeTokens("4.5")
    assert list(first.get_tokens(CODE)) == pygments_tokens(CODE) and first.misses == 1
    first.save()
    again = CodeTokens("4.5")
    assert list(again.get_tokens(CODE)) == pygments_tokens(CODE) and again.misses == 0
    other = "x = 1\n"
    assert list(again.get_tokens(other)) == pygments_tokens(other) and again.misses == 1  # new code: lexed
    assert CodeTokens("4.6").path != again.path  # one file per lesson


def test_a_file_keeps_the_latest_texts_only(tmp_path, monkeypatch):
    monkeypatch.setenv("GROK_TUI_CACHE", str(tmp_path))
    tokens = CodeTokens("4.5")
    for i in range(KEEP + 5):  # a cell edited again and again
        list(tokens.get_tokens(f"x = {i}\n"))
    tokens.save()
    again = CodeTokens("4.5")
    list(again.get_tokens(f"x = {KEEP + 4}\n"))
    list(again.get_tokens("x = 0\n"))
    assert again.misses == 1  # the latest kept, the oldest dropped


def test_a_damaged_file_is_lexed_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("GROK_TUI_CACHE", str(tmp_path))
    tokens = CodeTokens("4.5")
    tokens.path.parent.mkdir(parents=True)
    tokens.path.write_bytes(b"not a pickle")
    assert list(tokens.get_tokens(CODE)) == pygments_tokens(CODE) and tokens.misses == 1


async def start(catalog, size=(80, 24)) -> tuple[str, int]:
    """A lesson's start: its screen as an SVG once its first frame is out, and how many texts pygments lexed."""
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lab_built, what="the lab")
        tokens = app.screen.query_one(LessonDocument).tokens
        await wait_for(pilot, lambda: tokens.misses == 0 or tokens.path.exists(), what="the tokens saved")
        await pilot.pause()
        return app.export_screenshot(), tokens.misses


async def test_the_second_start_of_a_lesson_shows_the_same_colours_without_lexing(small_catalog, tmp_path, monkeypatch):
    monkeypatch.setenv("GROK_TUI_CACHE", str(tmp_path))
    first, lexed = await start(small_catalog, (120, 40))  # 120x40: the first screen shows a code cell
    assert lexed >= 1
    second, lexed_again = await start(small_catalog, (120, 40))
    assert lexed_again == 0 and second == first

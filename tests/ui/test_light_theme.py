"""Text readable on light themes: the contents' marks, counts and headings reach WCAG's 4.5:1 on the
background they are drawn on, in the bundled light themes and the dark default. A trial at 80x24
measured "0/1 done" at 1.8:1, the headings at 2.5:1, ◐ at 1.8:1 and ✓ on the highlight at 1.03:1."""

from __future__ import annotations

import pytest
from rich.color import Color
from rich.segment import Segment

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from tests.ui.helpers import screen_text, wait_for

LIGHT = ("textual-light", "atom-one-light", "catppuccin-latte", "solarized-light", "rose-pine-dawn")
THEMES = (*LIGHT, "textual-dark")
TEXT = 4.5
"""WCAG's least contrast for text."""


def luminance(colour: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.get_truecolor()
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def ratio(segment: Segment) -> float:
    """The contrast of a drawn segment's text on its own background (reversed if it is; dim as
    Textual draws it where the terminal cannot: half way to the background)."""
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None, segment
    fore, back = style.color.get_truecolor(), style.bgcolor.get_truecolor()
    if style.reverse:
        fore, back = back, fore
    if style.dim:
        fore = type(fore)(*(int(b + (f - b) * 0.5) for f, b in zip(fore, back, strict=True)))
    one, other = sorted((luminance(Color.from_triplet(fore)), luminance(Color.from_triplet(back))), reverse=True)
    return (one + 0.05) / (other + 0.05)


def drawn(app, row: str, piece: str) -> Segment:
    """The segment showing `piece` on the screen's line that shows `row`."""
    for strip in app.screen._compositor.render_strips():
        if row in strip.text:
            for segment in strip:
                if piece in segment.text:
                    return segment
            raise AssertionError(f"{piece!r} not drawn on its own in {strip.text!r}: {list(strip)}")
    raise AssertionError(f"no line shows {row!r}")


def contrasts(app) -> dict[str, float]:
    return {
        "heading": ratio(drawn(app, "3 Forward propagation", "3 Forward propagation")),
        "heading count": ratio(drawn(app, "3 Forward propagation", "0/9 done")),
        "complete chapter count": ratio(drawn(app, "2 Introduction", "1/1 done")),
        "✓": ratio(drawn(app, "2.1 ", "✓")),
        "◐": ratio(drawn(app, "3.2 ", "◐")),
        "•": ratio(drawn(app, "3.3 ", "•")),
        "exercises count": ratio(drawn(app, "3.2 ", "exercises 0/1")),
        "legend": ratio(drawn(app, "run done, exercises to do", "run done")),
    }


async def contents_with_progress(pilot, app) -> ContentsScreen:
    """The full course's contents with 2.1 complete (✓), 3.2 run with its exercise open (◐) and 3.3
    opened (•), the highlight on 2.1."""
    await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
    progress = app.progress
    progress.finish_lesson("2.1")
    progress.finish_lesson("3.2")
    progress.open_lesson("3.3")
    screen = app.screen
    screen.refresh_marks()
    await pilot.pause()
    return screen


def unreadable(measured: dict[str, float]) -> dict[str, str]:
    return {what: f"{value:.2f}:1" for what, value in measured.items() if value < TEXT}


@pytest.mark.parametrize("theme", THEMES)
async def test_the_contents_marks_counts_and_headings_are_readable(catalog, theme, monkeypatch):
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == theme
        await contents_with_progress(pilot, app)
        assert app.screen.query_one("#lessons").highlighted_option.id == "2.1"
        highlighted = contrasts(app)
        await pilot.press("down")  # the highlight to 3.1: ✓ on the list's own background
        await pilot.pause()
        plain = contrasts(app)
        assert not unreadable(highlighted), ("highlight on ✓", theme, unreadable(highlighted))
        assert not unreadable(plain), (theme, unreadable(plain))


async def test_a_theme_picked_while_the_contents_show_recolours_the_marks(catalog, monkeypatch):
    """ctrl+p > theme: the marks' colours are resolved from the theme, so they follow it."""
    monkeypatch.setenv("GROK_TUI_THEME", "textual-dark")
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await contents_with_progress(pilot, app)
        dark = drawn(app, "3.2 ", "◐").style.color
        app.theme = "textual-light"
        await wait_for(pilot, lambda: drawn(app, "3.2 ", "◐").style.color != dark, what="the marks recoloured")
        await pilot.pause()
        measured = contrasts(app)
        assert not unreadable(measured), unreadable(measured)


@pytest.mark.parametrize("theme", LIGHT)
async def test_the_key_bar_keys_are_readable_on_light_themes(catalog, theme, monkeypatch):
    """The keys' accent colour read at 1.8:1 (atom-one-light) and 1.9:1 (catppuccin-latte) on the bar.
    solarized-light's blue bar holds its own words at 3.4:1: its keys at least as readable as those."""
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.pause()
        bar = app.screen._compositor.render_strips()[-1]
        keys = [ratio(s) for s in bar if s.text.strip() in ("f1", "q")]
        words = [ratio(s) for s in bar if s.text.strip() in ("help", "quit")]
        assert keys and words, list(bar)
        least = min(TEXT, *words) if theme == "solarized-light" else TEXT
        assert min(keys) >= least, (theme, keys, words)


# -- the lesson screen: its status line and live strip, the lines between its panes, the help -----

LINE = 3.0
"""WCAG's least contrast for a line or a border (non-text contrast)."""
DARK_LINES = 2.2
"""The dark default's lines between the panes as they were (2.27:1, $panel-lighten-2 on its
background): the light themes' fix leaves them as they are, and no worse."""


async def lesson_45(pilot, app, *keys: str):
    """4.5 open, `keys` pressed (l: the lab), its default run (alpha 1: it diverges) played to its end."""
    await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
    screen = app.screen
    await pilot.press(*keys)
    await pilot.press("space")
    await wait_for(pilot, lambda: screen.run_state.done, what="the run's end")
    await pilot.pause()
    return screen


def line_ratio(app, row: str, mark: str) -> float:
    """The least contrast of a line's `mark` (─ ▕ ▏ ╰) on the screen's line that shows `row`."""
    for strip in app.screen._compositor.render_strips():
        if row in strip.text:
            found = [ratio(s) for s in strip if s.text.strip() and set(s.text.strip()) <= set(mark)]
            assert found, f"no {mark!r} on {strip.text!r}"
            return min(found)
    raise AssertionError(f"no line shows {row!r}")


@pytest.mark.parametrize("theme", THEMES)
async def test_the_live_strip_and_the_status_line_are_readable(catalog, theme, monkeypatch):
    """The strip's names and hints are dim: solarized-light's "error 5.4e+16" and "press space to
    run" read at 2.63:1 (#909c9a on #fdf6e3), the status line's hint at 2.46:1; its "finished" at
    2.67:1 in atom-one-light, and the dark default's magenta "error 5.4e+16" at 3.26:1."""
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: "press space to run" in app.screen.query_one("#strip")._shown.plain, what="4.5")
        await pilot.pause()
        before = {"press space to run": ratio(drawn(app, "press space to run", "press space to run"))}
        await lesson_45(pilot, app)
        await wait_for(pilot, lambda: "error 5.4e+16 " in screen_text(app), what="the strip at the run's end")
        strip = next(s.text for s in app.screen._compositor.render_strips() if "error 5.4e+16 " in s.text)
        measured = {
            **before,
            "factor": ratio(drawn(app, strip, "factor")),
            "error 5.4e+16": ratio(drawn(app, strip, "error 5.4e+16 ")),
            "log": ratio(drawn(app, strip, " log")),
            "finished": ratio(drawn(app, " finished ", " finished ")),
            "the run's error": ratio(drawn(app, " finished ", "  error 5.4e+16")),
            "the hint": ratio(drawn(app, " finished ", "try a smaller alpha")),
        }
        assert not unreadable(measured), (theme, unreadable(measured))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("theme", THEMES)
async def test_the_lines_between_the_lab_panes_show(catalog, theme, size, monkeypatch):
    """$panel-lighten-2 is lighter than a light theme's background: the line between the lab's
    values and its chart read at 1.26:1 in textual-light (#fafafa on #e0e0e0), 1.04:1 in
    atom-one-light; the lesson panel's border and its "press f to select it" at 1.26:1 too."""
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=size) as pilot:
        await lesson_45(pilot, app, "l")
        await wait_for(pilot, lambda: " weight " in screen_text(app), what="the values")
        if size == (80, 24):  # the values over the chart, the params beside them
            lines = {
                "values | params": line_ratio(app, " weight ", "▏"),
                "values / chart": line_ratio(app, "error by iteration", "─"),
            }
        else:  # the values beside the charts, the panel under them
            lines = {
                "values | charts": line_ratio(app, " weight ", "▕"),
                "panel": line_ratio(app, "press f to select it", "─╰╯"),
            }
            words = {"press f to select it": ratio(drawn(app, "press f to select it", "press f to select it"))}
            if theme in LIGHT:  # the dark default's, 2.27:1, is as it was (only the light themes changed)
                assert not unreadable(words), (theme, unreadable(words))
            else:
                assert min(words.values()) >= DARK_LINES, words
        least = LINE if theme in LIGHT else DARK_LINES
        assert min(lines.values()) >= least, (theme, {what: f"{value:.2f}:1" for what, value in lines.items()})


@pytest.mark.parametrize("theme", THEMES)
async def test_the_help_box_border_and_its_words_are_readable(catalog, theme, monkeypatch):
    """The help's $accent border and its "escape to close" on it read at 1.38:1 in textual-light
    (orange #fea62b on #d8d8d8), 2.17:1 in atom-one-light."""
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await lesson_45(pilot, app)
        await pilot.press("question_mark")
        await wait_for(
            pilot, lambda: "escape to close" in app.screen._compositor.render_strips()[21].text, what="the help"
        )
        await pilot.pause()
        words = {
            "grok-tui keys": ratio(drawn(app, "grok-tui keys", " grok-tui keys ")),
            "escape to close": ratio(drawn(app, "escape to close", " escape to close ")),
            # the keys were the light ANSI palette's cyan: 3.0:1 in textual-light
            "a key": ratio(drawn(app, "run / pause / resume", "space")),
        }
        border = line_ratio(app, "escape to close", "─╰╯")
        assert not unreadable(words), (theme, unreadable(words))
        assert border >= LINE, (theme, f"{border:.2f}:1")


@pytest.mark.parametrize("theme", LIGHT)
async def test_the_exercise_note_above_its_cell_is_readable(catalog, theme, monkeypatch):
    """7.3's "exercise cross_entropy: press e to go on with your code" was italic yellow: 2.1:1 on
    textual-light (a trial), the line a returning learner is sent to."""
    from grok_tui.progress import Progress

    monkeypatch.setenv("GROK_TUI_THEME", theme)
    Progress.load().save_draft("7.3", "cross_entropy", "def cross_entropy(probs, targets):\n    return 1\n")
    app = GrokApp(catalog, start_lesson="7.3", speed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="7.3")
        note = "exercise cross_entropy: press e to go on"
        cell = next(c for c in app.screen.query("CodeCell") if c.note.startswith(note))
        app.screen.query_one("#doc").scroll_to_widget(cell, animate=False)
        await wait_for(pilot, lambda: note in screen_text(app), what="the note")
        assert ratio(drawn(app, note, "press e to go on")) >= TEXT, (theme, ratio(drawn(app, note, "press e")))

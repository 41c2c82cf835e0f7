"""Every theme Textual offers opens every screen that colours itself from the theme. The status line's
and the contents' readable colours (grok_tui/ui/contrast.py) measured contrast on RGB colours, and
ansi-dark (the theme the README advises for a slow link) has the terminal's own colours, with no RGB:
the tutor stopped on "TypeError: cannot unpack non-iterable NoneType object" two seconds after it
started, and a theme picked with ctrl+p was saved first, so every later start stopped too."""

from __future__ import annotations

import pytest
from rich.color import ColorType
from textual.app import App

from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.contents import ContentsScreen
from tests.ui.helpers import screen_text, wait_for

THEMES = sorted(App().available_themes)


def test_the_list_covers_the_ansi_themes():
    assert {"ansi-dark", "ansi-light", "textual-dark", "textual-light"} <= set(THEMES)


def colour_types(app) -> set[ColorType]:
    """The kinds of colour the screen is drawn with."""
    kinds = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.text.strip("─▕▏ ") == "":
                continue  # the lines between panes: light themes draw them black 50% (readable)
            if segment.style is not None:
                kinds |= {c.type for c in (segment.style.color, segment.style.bgcolor) if c is not None}
    return kinds


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_an_ansi_theme_runs_a_lesson_and_shows_the_contents_in_the_terminals_colours(catalog, theme, monkeypatch):
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        assert app.theme == theme
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done, what="the run's end")
        await wait_for(pilot, lambda: " finished " in screen_text(app), what="the status line")
        assert "try a smaller alpha" in screen_text(app)  # the dim hint, drawn
        # "finished" is the status line's cyan: the terminal's blue on a light terminal (1.9:1 as cyan)
        finished = {
            s.style.color.number
            for strip in app.screen._compositor.render_strips()
            for s in strip
            if s.text.strip() == "finished" and s.style and s.style.color
        }
        assert finished == ({4} if theme == "ansi-light" else {6}), finished
        # the terminal's own colours, not 24-bit blends of them (the fewest bytes on a slow link):
        # ansi-light's key bar had its keys in white, on the terminal's (light) background
        assert ColorType.TRUECOLOR not in colour_types(app), colour_types(app)
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await wait_for(pilot, lambda: "4.5 Breaking gradient descent" in screen_text(app), what="the list")
        assert ColorType.TRUECOLOR not in colour_types(app), colour_types(app)
    assert app.return_code in (None, 0)


async def test_every_theme_picked_in_turn_recolours_a_lesson_and_the_contents(catalog, monkeypatch):
    monkeypatch.setenv("GROK_TUI_THEME", "textual-dark")
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done, what="the run's end")
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            assert " finished " in screen_text(app), theme
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            assert "4.5 Breaking gradient descent" in screen_text(app), theme
    assert app.return_code in (None, 0)


@pytest.mark.parametrize("theme", ["ansi-light", "textual-light", "textual-dark"])
async def test_a_quiz_verdict_colours_only_its_headline(catalog, theme, monkeypatch):
    """The whole explanation of a wrong answer was bold yellow: unreadable on ansi-light's light
    terminal (the trial), 1.1:1 on textual-light. Only "✗ Not quite: ..." takes the theme's colour."""
    from grok_tui.ui.screens.quiz import QuizScreen

    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        app.take_quiz(3)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.press("1", "enter")  # the answer is 0.98
        await wait_for(pilot, lambda: "Not quite" in screen_text(app), what="the verdict")
        segments = [s for strip in app.screen._compositor.render_strips() for s in strip if s.text.strip()]
        head = next(s for s in segments if "Not quite" in s.text)
        words = [s for s in segments if "its own weight" in s.text]
        assert words, [s.text for s in segments]
        for segment in words:  # the explanation in the box's own colour
            assert segment.style.color is None or segment.style.color != head.style.color, segment
            assert not segment.style.bold, segment
        if not theme.startswith("ansi"):  # the terminal's own colours cannot be measured
            from tests.ui.test_light_theme import TEXT, ratio

            assert ratio(head) >= TEXT, (theme, ratio(head))


@pytest.mark.parametrize(("theme", "text", "paper"), [("ansi-dark", 7, 0), ("ansi-light", 0, 7)])
async def test_an_ansi_themes_notice_has_its_own_text_colour_on_its_paper(catalog, theme, text, paper, monkeypatch):
    """ansi-dark's notices were the terminal's default text on the palette's black: invisible on a
    light terminal (black on black), and a 16-colour terminal gets ansi-dark unasked."""
    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, speed=0)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        app.notify("a notice to read", timeout=30)
        await wait_for(pilot, lambda: "a notice to read" in screen_text(app), what="the notice")
        styles = [
            segment.style
            for strip in app.screen._compositor.render_strips()
            for segment in strip
            if "notice to read" in segment.text
        ]
        assert styles, "the notice's text"
        for style in styles:
            assert style.color is not None and style.color.number == text, style
            assert style.bgcolor is not None and style.bgcolor.number == paper, style


async def test_ansi_light_draws_the_code_and_the_title_for_a_light_terminal(catalog, monkeypatch):
    """ansi-light: the code's strings were yellow and its names bright cyan (ansi_dark's colours) on
    the terminal's white, 1.2-1.5:1; the title bar the terminal's black on blue, 2.2:1."""
    from rich.syntax import Syntax

    from grok_tui.ui.widgets.code_cell import CodeCell

    monkeypatch.setenv("GROK_TUI_THEME", "ansi-light")
    app = GrokApp(catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query(CodeCell)), what="3.1's code")
        cell = app.screen.query(CodeCell).first()
        code = cell._renderable("python")
        syntax = code if isinstance(code, Syntax) else next(r for r in code.renderables if isinstance(r, Syntax))
        assert syntax._theme.get_style_for_token(("Literal", "String")).color.name != "yellow"
        title = app.screen.query_one("#lesson-title")
        assert title.styles.text_style.reverse, title.styles.text_style
        app.theme = "ansi-dark"  # a dark terminal's theme: ansi_dark's colours again
        await pilot.pause()
        code = cell._renderable("python")
        syntax = code if isinstance(code, Syntax) else next(r for r in code.renderables if isinstance(r, Syntax))
        assert syntax._theme.get_style_for_token(("Literal", "String")).color.name == "yellow"
        # another theme whose code colours are the same: not highlighted again (a theme change comes
        # as the first lesson opens, and every cell re-highlighted took 0.02 s of 4.5's start)
        calls = []
        cell.refresh_code = lambda *a, **k: calls.append(a)
        app.theme = "textual-dark"
        await pilot.pause()
        assert calls == [], calls


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_an_ansi_themes_selected_value_in_the_type_box_is_readable(catalog, theme, monkeypatch):
    """ansi-light drew the `=` box's selected value white on cyan: 1.3:1 in xterm's palette."""
    from grok_tui.ui.screens.param_input import ParamInput

    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="3.1")
        await pilot.press("equals_sign")
        await wait_for(pilot, lambda: isinstance(app.screen, ParamInput), what="the value box")
        await pilot.pause()
        styles = [
            segment.style
            for strip in app.screen._compositor.render_strips()
            for segment in strip
            if segment.text.strip() == "0.1"
            and segment.style is not None
            and segment.style.bgcolor is not None
            and segment.style.bgcolor.type is not ColorType.DEFAULT  # (the code view's weight = 0.1)
        ]
        assert styles, "the selected value"
        assert all((s.color.number, s.bgcolor.number) == (15, 4) for s in styles), styles


def colours_of(app, piece: str) -> set[int | None]:
    """The palette numbers of the colours of the segments that show `piece` on the screen."""
    return {
        segment.style.color.number if segment.style and segment.style.color else None
        for strip in app.screen._compositor.render_strips()
        for segment in strip
        if piece in segment.text
    }


@pytest.mark.parametrize(("theme", "colour"), [("ansi-light", 4), ("ansi-dark", 6)])
async def test_keys_and_choice_numbers_are_dark_on_a_light_terminal(catalog, theme, colour, monkeypatch):
    """ansi-light drew the help's keys and a quiz choice's number in the terminal's cyan: 1.9:1 on
    xterm's white. They are its blue there; a dark terminal keeps its cyan."""
    from grok_tui.ui.screens.help import HelpScreen
    from grok_tui.ui.screens.quiz import QuizScreen

    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="3.1", speed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="3.1")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await wait_for(pilot, lambda: "run / pause / resume" in screen_text(app), what="the keys")
        assert colours_of(app, "space  ") == {colour}, colours_of(app, "space  ")
        await pilot.press("escape")
        app.take_quiz(2)  # its first question has choices
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await wait_for(pilot, lambda: "Question 1" in screen_text(app), what="the question")
        assert colours_of(app, " 1  ") == {colour}, colours_of(app, " 1  ")


@pytest.mark.parametrize(("theme", "colour"), [("ansi-light", 4), ("ansi-dark", 6)])
async def test_code_in_a_hint_is_dark_on_a_light_terminal(catalog, theme, colour, monkeypatch):
    from grok_tui.ui.screens.exercise import ExerciseScreen

    monkeypatch.setenv("GROK_TUI_THEME", theme)
    app = GrokApp(catalog, start_lesson="3.2", speed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="3.2")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        assert "`for i in range(len(a))`" in app.screen.exercise.hints[1]
        await pilot.press("f2", "f2")
        code = "range(len(a))"
        await wait_for(pilot, lambda: code in screen_text(app), what="the second hint")
        pieces = [s for strip in app.screen._compositor.render_strips() for s in strip if s.text.strip() == code]
        assert pieces, code
        assert {segment.style.color.number for segment in pieces} == {colour}, pieces


async def test_yellow_notes_are_drawn_dark_on_a_light_terminal(catalog, monkeypatch):
    """ansi-light kept the terminal's yellow for the lesson's "press e to go on with your code", the
    exercise picker's • begun mark and a quiz's "Type 1 to 3" (a trial); the picker also opened on
    the first exercise not done, not on the draft the restart named."""
    from grok_tui.progress import Progress
    from grok_tui.ui.screens.pick_exercise import ExerciseList, PickExercise
    from grok_tui.ui.screens.quiz import QuizScreen

    monkeypatch.setenv("GROK_TUI_THEME", "ansi-light")
    Progress.load().save_draft("7.3", "cross_entropy", "def cross_entropy(probs, targets):\n    return 1\n")
    app = GrokApp(catalog, start_lesson="7.3", speed=0)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="7.3")
        note = "exercise cross_entropy: press e to go on with your code"
        app.screen.query_one("#doc").scroll_to_widget(
            next(c for c in app.screen.query("CodeCell") if c.note.startswith(note)), animate=False
        )
        await wait_for(pilot, lambda: note in screen_text(app), what="the note")
        assert colours_of(app, "press e to go on") == {5}, colours_of(app, "press e to go on")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PickExercise), what="the picker")
        chooser = app.screen.query_one(ExerciseList)
        assert chooser.get_option_at_index(chooser.highlighted).id == "cross_entropy"
        await pilot.pause()
        marks = {
            segment.style.color.number
            for strip in app.screen._compositor.render_strips()
            if "cross_entropy" in strip.text and "•" in strip.text
            for segment in strip
            if segment.text.strip() == "•"
        }
        assert marks == {5}, marks
        await pilot.press("escape")
        app.take_quiz(2)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await pilot.press("9", "enter")
        await wait_for(pilot, lambda: "Type 1 to 3" in screen_text(app), what="the quiz's notice")
        assert colours_of(app, "Type 1 to 3") == {5}, colours_of(app, "Type 1 to 3")


async def test_list_markers_and_quote_bars_are_dark_on_a_light_terminal(catalog, monkeypatch):
    """ansi-light drew 4.1's list numbers and its "Common mistake" bar in the terminal's cyan."""
    from textual.widgets._markdown import MarkdownBlockQuote, MarkdownBullet

    monkeypatch.setenv("GROK_TUI_THEME", "ansi-light")
    app = GrokApp(catalog, start_lesson="4.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app.screen.query(MarkdownBullet)), what="4.1's lists")
        bullet = app.screen.query(MarkdownBullet).first()
        assert bullet.styles.color.ansi == 4, bullet.styles.color  # the palette's blue
        quote = app.screen.query(MarkdownBlockQuote).first()
        assert quote.styles.border_left[1].ansi == 4, quote.styles.border_left

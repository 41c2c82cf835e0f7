"""The theme a session starts in, and the theme the learner picks (ctrl+p > theme) kept for the
next start: the settings file's, then $GROK_TUI_THEME for this session, else the terminal's own
colours on a 16-colour terminal. The themes applied here are no choice of the learner's: only a
later pick is written to settings.toml."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from grok_tui.ui import settings_notices

if TYPE_CHECKING:
    from grok_tui.ui.app import GrokApp

THEME_ENV = "GROK_TUI_THEME"
"""A Textual theme name; "ansi-dark" uses the terminal's own colours and sends the fewest bytes.
It wins over the settings file's theme for this session (and is not saved)."""


def install(app: GrokApp) -> None:
    settings = app.settings
    # Each theme applied here sends a change signal, still queued when `keep` subscribes: it must
    # not be taken for a choice (the variable's theme, for one session, was saved over the file's).
    applied: list[str] = []

    def apply(theme: str | None, origin: str) -> None:
        if not theme:
            return
        if theme in app.available_themes:
            if theme != app.theme:
                applied.append(theme)
            app.theme = theme
        else:
            app.notify(f"{origin}: no theme {theme!r}; ctrl+p > theme lists them", severity="warning", markup=False)

    def keep(theme: Any) -> None:
        if applied and theme.name == applied[0]:
            applied.pop(0)
            return
        applied.clear()
        if theme.name != settings.theme:
            settings_notices.keep_theme(app, theme.name)

    apply(settings.theme, f"{settings.path}:{settings.theme_line}")
    apply(os.environ.get(THEME_ENV), THEME_ENV)
    if not (settings.theme or os.environ.get(THEME_ENV)) and sixteen_colours(app):
        # The default theme's 24-bit colours cut to a 16-colour terminal's (TERM=xterm, the Linux
        # console) made the key bar's keys bright red on bright black, 1.0:1 in xterm's palette
        # (a trial): the terminal's own colours instead, unless the learner chose a theme.
        apply(sixteen_colour_theme(os.environ.get("COLORFGBG", "")), "a 16-colour terminal")
    app.theme_changed_signal.subscribe(app, keep)


def sixteen_colours(app: GrokApp) -> bool:
    """Whether the terminal shows 16 colours only (NO_COLOR has its own filter: not this). Not in
    tests (headless), whose pictures are the default theme's whatever TERM runs them."""
    return app.console.color_system == "standard" and not app.no_color and not app.is_headless


def sixteen_colour_theme(colorfgbg: str) -> str:
    """ansi-dark, or ansi-light where the terminal says its background is light: $COLORFGBG
    ("0;15", set by rxvt, Konsole and some xterm set-ups) names its text and background colours
    (7 and 9-15 are light). ansi-dark's panes are the palette's black: on a light terminal its
    bright curves were faint, and the notices' text (the terminal's own) black on black."""
    background = colorfgbg.rpartition(";")[2]
    return "ansi-light" if background.isdigit() and (background == "7" or 9 <= int(background) <= 15) else "ansi-dark"

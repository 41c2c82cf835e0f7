"""What the tutor tells of its settings file: its mistakes at the start, in one notice, and a theme
picked in the palette that cannot be kept (grok_tui/settings.py reads and writes the file)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.keys import format_key

from grok_tui import settings as settings_file

if TYPE_CHECKING:
    from grok_tui.ui.app import GrokApp


def tell_mistakes(app: GrokApp) -> str:
    """One notice of the file's mistakes (five 12-second notices left some unseen at 80x24); returns
    its text, which the help takes back when it opens ("" when the file has none)."""
    settings = app.settings
    theme = settings.theme
    if theme and theme not in app.available_themes:  # in the one notice with the file's other mistakes
        settings.errors.append(f"{settings.path}:{settings.theme_line}: no theme {theme!r}; ctrl+p > theme lists them")
        settings.theme = None
    if not settings.errors:
        return ""
    rebound = settings.keys.get("help")
    title, message = settings_file.notice(settings, format_key(rebound.split(",")[0]) if rebound else "F1")
    shown = min(len(settings.errors), settings_file.NOTICE_SHOWS)
    app.notify(message, title=title, severity="error", timeout=8 + 4 * shown, markup=False)
    return message


def keep_theme(app: GrokApp, name: str) -> None:
    """Write a theme the learner picked into the file, or say why it lasts this session only."""
    try:
        settings_file.save_theme(name, app.settings.path)
    except OSError as exc:  # a read-only config folder must not end the tutor
        app.notify(f"could not save the theme in {app.settings.path}: {exc}", severity="error", markup=False)
    except settings_file.NotSettings as exc:  # written in, it hid the mistake, or overwrote its line
        app.notify(
            f'{name} is for this session only: {exc}. Once that is fixed, theme = "{name}" in '
            "the file keeps it (or a theme picked then).",
            title="theme not kept",
            severity="warning",
            timeout=20,
            markup=False,
        )
    else:
        app.settings.theme = name
        # the file's line now names this theme: its old "no theme 'dracla'" is no longer a mistake
        # (the help listed it still)
        gone = f"{app.settings.path}:{app.settings.theme_line}: no theme "
        app.settings.errors[:] = [e for e in app.settings.errors if not e.startswith(gone)]

"""Colours a learner can read: a theme's colour taken towards black or white until it reaches WCAG's
4.5:1 on the background it is drawn on. On light themes the contents' fixed "green", "yellow" and
"dim" read at 1.8:1 (a trial at 80x24, textual-light), "0/1 done" at 2.3:1 on the dark default."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.terminal_theme import TerminalTheme
from rich.text import Span, Text
from textual.color import Color
from textual.filter import dim_color

if TYPE_CHECKING:
    from textual.widget import Widget

READABLE = 4.5
"""WCAG's least contrast for text. On light themes the fixed "green", "yellow" and "dim" of the
marks and counts read at 1.8:1 (a trial at 80x24, textual-light), "0/1 done" at 2.3:1 on the dark."""

TONES = {"success": "$text-success", "warning": "$text-warning", "muted": "$text-muted"}
"""The list's colours besides its text, as theme variables (course_marks.MARKS names them too)."""


def luminance(colour: Color) -> float:
    """WCAG's relative luminance."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: Color, backgrounds: Sequence[Color]) -> Color:
    """_readable's answer, kept: the status line asks it of each coloured word at every redraw,
    with the same few colours on the same background. On a terminal's own (ANSI) background the
    colour is kept as it is (a named colour on a theme's own background is made readable)."""
    if ansi_drawn(*backgrounds):
        return colour
    return _readable(colour, tuple(backgrounds))


def ansi_drawn(*colours: Color) -> bool:
    """Whether any of `colours` is one of the terminal's own (the ansi-dark and ansi-light themes):
    the terminal's palette decides what it looks like, so no contrast can be measured, and a blend
    would send 24-bit colour where those themes send the fewest bytes."""
    return any(colour.ansi is not None for colour in colours)


@functools.lru_cache(maxsize=512)
def _readable(colour: Color, backgrounds: tuple[Color, ...]) -> Color:
    """`colour`, taken towards black or white (away from the first background) until it reaches
    READABLE on each of `backgrounds`: the theme's hue where it can, a darker or lighter shade of it
    where it cannot (textual-light's $text-success is 3.2:1 on its list). Towards the other end
    if that one cannot reach it (white is 3.6:1 on solarized-light's blue highlight, black 5.7)."""
    first = backgrounds[0].get_contrast_text(1.0).with_alpha(1.0)
    ends = (first, Color(0, 0, 0) if first.brightness > 0.5 else Color(255, 255, 255))
    for toward in ends:
        for step in range(21):
            shade = colour.blend(toward, step / 20)
            if all(contrast(shade, background) >= READABLE for background in backgrounds):
                return shade
    return max(ends, key=lambda end: min(contrast(end, background) for background in backgrounds))


def theme_colour(variables: Mapping[str, str], name: str, background: Color) -> Color:
    """A theme variable's colour as it shows on `background` ("auto 60%": black or white, 60% on it)."""
    value = variables.get(name, "auto 60%")
    if value.startswith("auto"):
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        return background + background.get_contrast_text(alpha)
    return background + Color.parse(value)


def theme_style(style: str, variables: Mapping[str, str], backgrounds: Sequence[Color]) -> Style:
    """A Rich style whose $variable (as in course_marks.MARKS) is the theme's colour, made readable."""
    words = style.split()
    attributes = Style.parse(" ".join(w for w in words if not w.startswith("$")))
    named = [w[1:] for w in words if w.startswith("$")]
    if not named:
        return attributes
    value = variables.get(named[0], "")
    if value.startswith("ansi_"):
        # the terminal's own colour (ansi-dark's $text-muted is "ansi_default 50%": dim text)
        name, _, alpha = value.partition(" ")
        return attributes + Style(color=Color.parse(name).rich_color, dim=bool(alpha))
    colour = readable(theme_colour(variables, named[0], backgrounds[0]), backgrounds)
    return attributes + Style(color=colour.rich_color)


def legible(style: Style, foreground: Color, background: Color, ansi: TerminalTheme) -> Style:
    """`style` with the colour Textual draws it in on `background` made readable (the rest kept):
    a named colour ("cyan") as the `ansi` theme has it, no colour `foreground`, and dim as Textual
    dims it, blended towards the background (solarized-light's dim labels read at 2.6:1).
    A style with neither colour nor dim is kept: its colour is the widget's own, the theme's; so is
    one on a terminal's own (ANSI) background, whose colours the terminal's palette decides."""
    if (style.color is None and not style.dim) or ansi_drawn(background):
        return style
    colour = Color.from_rich_color(style.color, ansi, ansi=False) if style.color else foreground
    if style.dim:
        colour = Color.from_rich_color(dim_color(background.rich_color, colour.rich_color), ansi=False)
    return style + Style(color=readable(colour, [background]).rich_color, dim=False)


KEY = Style(bold=True, color="cyan")
"""How a key, a choice's number and `code` in a hint stand out from the text beside them."""

ON_A_LIGHT_TERMINAL = {"cyan": "blue", "bright_cyan": "blue", "yellow": "magenta", "bright_yellow": "magenta"}
"""ansi-light's stand-ins for the terminal's own colours that a light background washes out: cyan
is 1.9:1 and yellow 1.1:1 on xterm's white, blue 9.4:1 and magenta 3.9:1 (the theme's accent)."""


def drawn_style(widget: Widget, style: Style = KEY) -> Style:
    """`style` as `widget` should draw it to be read: on a theme's own background made readable
    (legible; a light theme's cyan keys read at 3.0-3.5:1 in textual-light and solarized-light),
    on ansi-light the terminal's cyan and yellow swapped for darker colours of its palette. A widget
    in no app (a code cell measured on its own) gets `style` as it is."""
    if not widget.is_attached:
        return style
    if widget.app.theme == "ansi-light":
        name = style.color.name if style.color is not None else ""
        return style + Style(color=ON_A_LIGHT_TERMINAL[name]) if name in ON_A_LIGHT_TERMINAL else style
    return legible(style, widget.colors[3], widget.background_colors[1], widget.app.ansi_theme)


def drawn_text(widget: Widget, text: Text) -> Text:
    """`text` with each coloured span in drawn_style: a notice's "yellow" was 1.1:1 on textual-light
    and the terminal's yellow on ansi-light (a trial read the editor's and the quiz's that way)."""
    shown = text.copy()
    shown.spans = [
        Span(
            span.start,
            span.end,
            drawn_style(widget, Style.parse(span.style) if isinstance(span.style, str) else span.style),
        )
        for span in text.spans
    ]
    if text.style:
        shown.style = drawn_style(widget, Style.parse(text.style) if isinstance(text.style, str) else text.style)
    return shown

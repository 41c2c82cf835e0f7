"""The key names Textual understands, for settings.toml's [keys] (grok_tui/settings.py).

A name Textual never sends is accepted by it without a word: `run = "spcae"` took space from the run
and bound nothing, and `quit = "ctrl-q"` took q. The settings are read without Textual (the command
line reads them too), so the names are listed here; tests/test_key_names.py compares them with
Textual's own (textual.keys, its terminal parsers).
"""

from __future__ import annotations

import difflib
import re

MODIFIERS = ("alt", "ctrl", "hyper", "meta", "shift", "super")
"""The modifiers Textual puts before a key, in the order it writes them: ctrl+shift+up, alt+shift+x."""

CHARACTER_NAMES = {
    "!": "exclamation_mark",
    '"': "quotation_mark",
    "#": "number_sign",
    "$": "dollar_sign",
    "%": "percent_sign",
    "&": "ampersand",
    "'": "apostrophe",
    "(": "left_parenthesis",
    ")": "right_parenthesis",
    "*": "asterisk",
    "+": "plus",
    ",": "comma",
    "-": "minus",
    ".": "full_stop",
    "/": "slash",
    ":": "colon",
    ";": "semicolon",
    "<": "less_than_sign",
    "=": "equals_sign",
    ">": "greater_than_sign",
    "?": "question_mark",
    "@": "at",
    "[": "left_square_bracket",
    "\\": "backslash",
    "]": "right_square_bracket",
    "^": "circumflex_accent",
    "_": "underscore",
    "`": "grave_accent",
    "{": "left_curly_bracket",
    "|": "vertical_line",
    "}": "right_curly_bracket",
    "~": "tilde",
}
"""Textual's name of each printable ASCII character that is not a letter or a digit (`?` arrives as
question_mark; a binding may use either)."""

NAMED_KEYS = frozenset(
    [
        *("escape", "enter", "tab", "space", "backspace", "insert", "delete", "home", "end", "pageup", "pagedown"),
        *("up", "down", "left", "right"),
        *(f"f{n}" for n in range(1, 25)),
        *CHARACTER_NAMES.values(),
    ]
)
"""The keys with a name that every terminal Textual reads can send."""

KITTY_KEYS = frozenset(
    [
        *(f"f{n}" for n in range(25, 36)),
        *("caps_lock", "scroll_lock", "num_lock", "print_screen", "pause", "menu", "kp_begin"),
        *("decimal", "divide", "multiply", "subtract", "add", "equal", "separator"),
        *("media_play", "media_pause", "media_play_pause", "media_reverse", "media_stop", "media_fast_forward"),
        *("media_rewind", "media_track_next", "media_track_previous", "media_record"),
        *("lower_volume", "raise_volume", "mute_volume"),
    ]
)
"""The keys only a terminal speaking the kitty keyboard protocol sends (Textual names them too)."""

ALL_NAMES = NAMED_KEYS | KITTY_KEYS

ALIASES = {
    "esc": "escape",
    "return": "enter",
    "ret": "enter",
    "del": "delete",
    "ins": "insert",
    "pgup": "pageup",
    "pgdn": "pagedown",
    "bs": "backspace",
    "bksp": "backspace",
    "spacebar": "space",
    "↑": "up",
    "↓": "down",
    "←": "left",
    "→": "right",
    "⏎": "enter",
    "⌫": "backspace",
}
"""Names a learner may write for a key, as Textual's footer shows some of them (esc, pgup, del)."""

MODIFIER_ALIASES = {"control": "ctrl", "ctl": "ctrl", "option": "alt", "opt": "alt", "cmd": "super", "command": "super"}

EXAMPLES = (
    'a key is a character ("x", "?"), a name (space, enter, escape, tab, up, pageup, home, f1...) '
    "or modifiers joined with + (ctrl+q, shift+tab)"
)


def _is_character(base: str) -> bool:
    """A key that types a character (shift changes the character, it is not sent as shift)."""
    return len(base) == 1 or base in CHARACTER_NAMES.values()


def _base_ok(base: str, with_modifiers: bool) -> bool:
    if base in ALL_NAMES:
        return True
    if len(base) != 1 or not base.isprintable() or base.isspace():
        return False
    # With a modifier a letter arrives in lower case (ctrl+shift+q, not ctrl+Q) and a sign by its
    # name (ctrl+question_mark); Textual's one exception is ctrl+@ (ctrl+space in many terminals).
    return not with_modifiers or (base.isalnum() and not base.isupper())


def _parts(key: str) -> tuple[list[str], str, bool]:
    """The modifiers and the key of `key`, and whether Textual would send that combination."""
    *modifiers, base = key.split("+")
    if len(key) == 1:
        return [], key, key.isprintable() and not key.isspace()
    in_order = all(m in MODIFIERS for m in modifiers) and modifiers == sorted(set(modifiers))
    return modifiers, base, in_order and (key == "ctrl+@" or _base_ok(base, bool(modifiers)))


def _shifted_character(modifiers: list[str], base: str) -> bool:
    """shift+a, shift+1: the terminal sends "A" and "!" (in the kitty protocol too), never these."""
    return modifiers == ["shift"] and _is_character(base)


def key_problem(key: str) -> str | None:
    """Why Textual would never match `key`, one key of a [keys] value (with a did-you-mean when a key
    close to it works); None when it can."""
    modifiers, base, known = _parts(key)
    if known and _shifted_character(modifiers, base):
        capital = f' (did you mean "{base.upper()}"?)' if len(base) == 1 and base.isalpha() else ""
        return f'"{key}" does not arrive: a terminal sends shift with a character as the character it types{capital}'
    if known:
        return None
    guess = suggest(key)
    if guess:
        return f'"{key}" is not a key name (did you mean "{guess}"?)'
    return f'"{key}" is not a key name: {EXAMPLES}'


def works(key: str) -> bool:
    modifiers, base, known = _parts(key)
    return known and not _shifted_character(modifiers, base)


def _close(word: str, names: frozenset[str]) -> str | None:
    found = difflib.get_close_matches(word, sorted(names), n=1, cutoff=0.7)
    return found[0] if found else None


def _modifier_guess(word: str) -> str | None:
    word = word.lower()
    return word if word in MODIFIERS else MODIFIER_ALIASES.get(word) or _close(word, frozenset(MODIFIERS))


_SQUEEZED = {name.replace("_", ""): name for name in ALL_NAMES}
"""Each name without its underscores, for a name written in parts: page-up, caps lock, Page_Up."""


def _base_guess(base: str, with_modifiers: bool) -> str | None:
    if len(base) == 1:
        if not with_modifiers:
            return base
        return CHARACTER_NAMES.get(base) or (base.lower() if base.isalnum() else None)
    word = base.lower()
    squeezed = re.sub(r"[-_\s]", "", word)
    return (
        ALIASES.get(word)
        or _SQUEEZED.get(squeezed)
        or ALIASES.get(squeezed)
        or _close(word, NAMED_KEYS)
        or _close(word, KITTY_KEYS)
    )


def suggest(key: str) -> str | None:
    """The working key closest to `key`: "spcae" -> "space", "ctrl-q" -> "ctrl+q", "Esc" -> "escape",
    "shift+ctrl+up" -> "ctrl+shift+up", "ctrl+?" -> "ctrl+question_mark"; None if none is close."""
    key = key.strip()
    if len(key) > 2 and key[-1] in "+-" and key[-2] in "+-":  # ctrl++ or ctrl+-: the sign is the key
        words, base = re.split(r"[+\-\s]+", key[:-2]), key[-1]
    else:
        *words, base = re.split(r"[+\-\s]+", key)
    modifiers: list[str] = []
    for at, word in enumerate(words):
        modifier = _modifier_guess(word)
        if modifier is None:  # not a modifier: the key's name written in parts (page-up, caps lock)
            base = "".join([*words[at:], base])
            break
        modifiers.append(modifier)
    guess = _base_guess(base, bool(modifiers)) if base else None
    if guess is None:
        return None
    name = "+".join([*sorted(set(modifiers)), guess])
    return name if name != key and works(name) else None

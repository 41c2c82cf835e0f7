"""The key names settings.toml's [keys] accepts are the ones Textual sends (grok_tui/key_names.py keeps
its own list: the settings are read without Textual). A name Textual never sends bound nothing, and
took the action's own key away: `run = "spcae"`, `quit = "ctrl-q"`."""

from __future__ import annotations

import string

import pytest
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._keyboard_protocol import FUNCTIONAL_KEYS, MODIFIER_FUNCTIONAL_KEYS
from textual._xterm_parser import XTermParser
from textual.keys import KEY_DISPLAY_ALIASES, _character_to_key

from grok_tui.key_names import CHARACTER_NAMES, KITTY_KEYS, MODIFIERS, NAMED_KEYS, key_problem, suggest, works


def sent_by_legacy_terminals() -> set[str]:
    """Every key Textual's parser of ordinary (xterm) escape sequences sends, as it names them."""
    names = set()
    for keys in ANSI_SEQUENCES_KEYS.values():
        if isinstance(keys, tuple):
            names |= {key.value for key in keys if not key.value.startswith("<")}  # <scroll-up>: the mouse
    return names


def test_the_character_names_are_textuals():
    assert {c: _character_to_key(c) for c in string.punctuation} == CHARACTER_NAMES


def test_the_named_keys_are_those_textual_sends_from_any_terminal():
    bases = {name.rpartition("+")[2] for name in sent_by_legacy_terminals()} | {_character_to_key(" ")}
    assert {b for b in bases if len(b) > 1} | set(CHARACTER_NAMES.values()) == NAMED_KEYS


def test_the_kitty_keys_are_those_textual_reads_from_the_kitty_protocol():
    names = set(FUNCTIONAL_KEYS.values()) - MODIFIER_FUNCTIONAL_KEYS
    assert {n for n in names if len(n) > 1} - NAMED_KEYS == KITTY_KEYS


def test_every_key_textual_sends_is_accepted():
    refused = {name: key_problem(name) for name in sent_by_legacy_terminals() if not works(name)}
    assert not refused
    for character in string.printable.strip():
        assert works(character) and works(_character_to_key(character)), character


def test_modifiers_are_written_in_textuals_order():
    """Textual writes modifiers sorted (ctrl+shift+up): shift+ctrl+up is never sent."""
    parser = XTermParser()
    for bits in range(1, 64):  # each combination of the kitty protocol's six modifiers, on q
        (event,) = parser.feed(f"\x1b[113;{bits + 1}u")
        *modifiers, key = event.key.split("+")
        assert key == "q" and tuple(modifiers) == tuple(m for m in MODIFIERS if m in modifiers)
        assert set(modifiers) <= set(MODIFIERS)
        if modifiers != ["shift"]:  # shift+q: a terminal sends Q (without the kitty protocol's CSI u)
            assert works(event.key), event.key
    assert not works("shift+ctrl+up") and suggest("shift+ctrl+up") == "ctrl+shift+up"


def test_the_footers_short_names_lead_to_textuals():
    """Textual's key bar shows esc, pgup, del: a learner copying them is told the name to write."""
    for name, shown in KEY_DISPLAY_ALIASES.items():
        if not works(shown):
            assert suggest(shown) == name, shown


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("spcae", "space"),
        ("ctrl-q", "ctrl+q"),
        ("Ctrl+Q", "ctrl+q"),
        ("control+q", "ctrl+q"),
        ("F5", "f5"),
        ("Escape", "escape"),
        ("return", "enter"),
        ("page-up", "pageup"),
        ("ctrl+?", "ctrl+question_mark"),
        ("ctrl++", "ctrl+plus"),
        ("ctrl-shift-up", "ctrl+shift+up"),
    ],
)
def test_a_misspelt_key_is_told_the_name_it_meant(key, meant):
    assert not works(key)
    assert key_problem(key) == f'"{key}" is not a key name (did you mean "{meant}"?)'


def test_a_word_close_to_no_key_is_told_what_a_key_is():
    problem = key_problem("xyzzy")
    assert problem is not None and "did you mean" not in problem
    assert 'a key is a character ("x", "?")' in problem and "ctrl+q" in problem


def test_shift_with_a_character_is_told_it_does_not_arrive():
    assert key_problem("shift+a") == (
        '"shift+a" does not arrive: a terminal sends shift with a character as the character it types '
        '(did you mean "A"?)'
    )
    assert not works("shift+1") and works("shift+tab") and works("A") and works("ctrl+shift+a")

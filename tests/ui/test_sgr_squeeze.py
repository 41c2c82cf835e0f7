"""Colour changes: parsed into attributes, and the shortest code from one set of attributes to another."""

from __future__ import annotations

from grok_tui.ui.sgr_squeeze import parse_sgr, transition


def test_only_what_differs_is_sent():
    bold_grey = parse_sgr("1;38;2;224;224;224;48;2;18;18;18", {})
    grey = parse_sgr("38;2;224;224;224;48;2;18;18;18", {})
    assert transition(bold_grey, grey) == "\x1b[22m"
    assert transition(grey, bold_grey) == "\x1b[1m"
    assert transition(grey, parse_sgr("38;2;88;209;235;48;2;18;18;18", {})) == "\x1b[38;2;88;209;235m"
    assert transition(grey, parse_sgr("48;2;18;18;18", {})) == "\x1b[39m"
    assert transition(parse_sgr("1;2;41", {}), parse_sgr("2;41", {})) == "\x1b[22;2m"  # 22 ends both
    assert transition(grey, grey) == ""
    assert transition(None, grey) == "\x1b[0;38;2;224;224;224;48;2;18;18;18m"  # unknown: sent whole
    assert transition(parse_sgr("1;3;4;7;31;42", {}), {}) == "\x1b[0m"  # a reset when shorter


def test_codes_not_modelled_make_the_state_unknown():
    assert parse_sgr("21", {}) is None  # double underline in xterm, bold off elsewhere
    assert parse_sgr("1", None) is None  # a change on top of an unknown state
    assert parse_sgr("0;1", None) == {"bold": "1"}  # known again after a reset
    assert parse_sgr("38;5;208;4:3", {}) == {"fg": "38;5;208", "underline": "4:3"}

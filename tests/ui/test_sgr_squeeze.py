"""The colour-change squeeze: the terminal shows exactly the same cells, from far fewer bytes."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from grok_tui.ui.sgr_squeeze import SgrSqueeze, parse_sgr, transition

CONSOLE = Console(color_system="truecolor", force_terminal=True, width=80)
BASE = Style(color="#e0e0e0", bgcolor="#121212")


def cells(stream: str) -> list[tuple]:
    """What a terminal shows for each character: read back with Rich's own ANSI decoder (not this
    module's parser), attributes normalised (an explicit 'not bold' is the same as no bold)."""
    text = Text.from_ansi(stream)
    shown = []
    for i, char in enumerate(text.plain):
        st = text.get_style_at_offset(CONSOLE, i)
        colour = st.color.name if st.color and not st.color.is_default else None
        back = st.bgcolor.name if st.bgcolor and not st.bgcolor.is_default else None
        shown.append((char, bool(st.bold), bool(st.dim), bool(st.italic), bool(st.reverse), colour, back))
    return shown


def frame() -> str:
    """Rows as Textual writes them: a cursor move, then each segment as ESC[style]m text ESC[0m."""
    rows = [
        [("iteration   ", BASE + Style(bold=True)), (" ", BASE + Style(bold=True)), ("6        ", BASE), ("   ", None)],
        [("    │  ", BASE), ("⠐⠤⠤⣀⣀", BASE + Style(color="#58d1eb")), ("      ", BASE)],
        [(" running ", Style(bold=True, reverse=True, color="#98e024", bgcolor="#242f38")), (" step 6", BASE)],
        [
            ("dim", BASE + Style(dim=True)),
            ("bold", BASE + Style(bold=True)),
            ("both", BASE + Style(bold=True, dim=True)),
        ],
        [("plain", None), ("italic", Style(italic=True)), ("plain", None)],
    ]
    out = []
    for y, row in enumerate(rows):
        segments = [Segment(t, s if s is not None else Style(bgcolor="#121212")) for t, s in row]
        out.append(f"\x1b[{y + 3};2H" + Strip(segments).render(CONSOLE) + "\n")
    return "".join(out)


def test_the_same_cells_from_fewer_bytes():
    stream = frame() * 3
    squeezed = SgrSqueeze(rows=lambda: 24).feed(stream)
    assert cells(squeezed) == cells(stream)
    assert len(squeezed) < 0.6 * len(stream)


def test_a_chunk_cut_anywhere_gives_the_same_output():
    stream = frame()
    whole = SgrSqueeze(rows=lambda: 24).feed(stream)
    for cut in range(0, len(stream), 7):
        squeeze = SgrSqueeze(rows=lambda: 24)
        assert squeeze.feed(stream[:cut]) + squeeze.feed(stream[cut:]) == whole


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


def test_a_held_change_is_sent_before_anything_that_may_use_it():
    squeeze = SgrSqueeze(rows=lambda: 24)
    assert squeeze.feed("\x1b[0m.") == "\x1b[0m."  # at first the terminal's attributes are unknown
    # An erase fills with the current background: the change goes out before it.
    assert squeeze.feed("\x1b[41m\x1b[K") == "\x1b[41m\x1b[K"
    # Cursor moves and the position probe draw nothing: the change waits for text.
    assert squeeze.feed("\x1b[0m\x1b[5;1H\x1b[6n\x1b[0mx") == "\x1b[5;1H\x1b[6n\x1b[0mx"
    # Leaving the alternate screen: the terminal gets its plain attributes back first.
    assert squeeze.feed("\x1b[44my\x1b[0m\x1b[?1049l") == "\x1b[44my\x1b[0m\x1b[?1049l"


def test_a_line_feed_that_may_scroll_sends_the_change_first():
    squeeze = SgrSqueeze(rows=lambda: 24)
    squeeze.feed("\x1b[0m\x1b[3;1H\x1b[41mx")
    assert squeeze.feed("\x1b[0m\n") == "\n"  # row 3 of 24: cannot scroll, the reset can wait
    squeeze.feed("\x1b[24;1H\x1b[41mx")
    assert squeeze.feed("\x1b[0m\n") == "\x1b[0m\n"  # the last row: a scroll fills with the background


def test_codes_it_does_not_model_pass_through_and_reset_its_knowledge():
    squeeze = SgrSqueeze(rows=lambda: 24)
    squeeze.feed("\x1b[0m.")
    assert squeeze.feed("\x1b[1mA\x1b[21mB") == "\x1b[1mA\x1b[21mB"  # 21: double underline or bold off
    assert squeeze.feed("\x1b[1mC") == "\x1b[1mC"  # on an unknown state: passed as it is
    assert squeeze.feed("\x1b[0;1mD\x1b[0;1mE") == "\x1b[0;1mDE"  # known again after a reset

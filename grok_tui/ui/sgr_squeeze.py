"""Send each colour change once: rewrite the app's output so it changes only the attributes that differ.

Textual writes every segment as `ESC[<its whole style>m text ESC[0m`: the full 24-bit foreground and
background again for each run of text, and a reset after it. While a lesson plays most of the bytes
are these codes (bench/bandwidth.py: about 70%). `SgrSqueeze` sits between the app and the terminal
and keeps what the terminal will show exactly the same with fewer bytes, as curses does: it follows
the attributes the stream asks for, holds a change back until text is drawn, and then sends only the
difference from what the terminal has (`ESC[22m` to end bold, not a reset and the whole style again).

Exactness: every character and every erase is drawn with the attributes the original stream had at
that point. Sequences that do not draw (cursor moves, the cursor-position probe, OSC titles and
links) pass through without forcing the held change out; anything else that may use the attributes
(an erase, a line feed that could scroll, a mode change, an unknown sequence) sends it first. An SGR
code this module does not model (fonts, 21, frames...) passes through unchanged and the state becomes
unknown until the next full reset, so the next change is sent whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Attrs = dict[str, str]
"""Attribute -> its SGR code(s) (e.g. "fg": "38;2;224;224;224", "bold": "1"); absent = default."""

_OFF = {"italic": "23", "underline": "24", "blink": "25", "reverse": "27", "conceal": "28", "strike": "29"}
_OFF_COLOUR = {"fg": "39", "bg": "49", "ulcolour": "59"}
_ORDER = ("bold", "dim", "italic", "underline", "blink", "reverse", "conceal", "strike", "overline")
_ON = {"1": "bold", "2": "dim", "3": "italic", "5": "blink", "6": "blink", "7": "reverse", "8": "conceal"}
_ON.update({"9": "strike", "53": "overline", "4": "underline"})
_OFF_CODES: dict[str, tuple[str, ...]] = {
    "23": ("italic",),
    "24": ("underline",),
    "25": ("blink",),
    "27": ("reverse",),
    "28": ("conceal",),
}
_OFF_CODES.update({"29": ("strike",), "22": ("bold", "dim"), "55": ("overline",)})
_OFF["overline"] = "55"

TOKEN = re.compile(
    r"\x1b\[([0-9;:?<=>]*)([ -/]*)([@-~])"  # CSI: params, intermediates, final
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC (title, hyperlink, clipboard)
    r"|\x1b[P_^X][^\x1b]*\x1b\\"  # DCS, APC, PM, SOS
    r"|\x1b[ -/]*[0-OQ-WYZ\\`a-~]"  # other escapes (ESC 7, ESC 8, ESC c, charsets); not CSI/OSC/DCS
    r"|\n"
    r"|[^\x1b\n]+",
    re.S,
)
_MOVES = frozenset("ABCDEFGHfdn")
"""CSI finals that move the cursor or ask for a report: they draw nothing."""


def parse_sgr(params: str, state: Attrs | None) -> Attrs | None:
    """The attributes after `ESC[<params>m` on top of `state` (None = unknown). None when a code is not
    modelled here (and the state is then unknown)."""
    codes = params.split(";") if params else ["0"]
    attrs = None if state is None else dict(state)
    i = 0
    while i < len(codes):
        code = codes[i]
        i += 1
        if code in ("", "0"):
            attrs = {}
            continue
        if attrs is None:
            return None  # a change on top of an unknown state is still unknown
        if code in _ON:
            attrs[_ON[code]] = code
        elif code in _OFF_CODES:
            for name in _OFF_CODES[code]:
                attrs.pop(name, None)
        elif code.startswith("4:"):
            if code == "4:0":
                attrs.pop("underline", None)
            else:
                attrs["underline"] = code
        elif code in ("39", "49", "59"):
            attrs.pop({"39": "fg", "49": "bg", "59": "ulcolour"}[code], None)
        elif len(code) == 2 and code[0] in "349" and code[1] in "01234567":
            attrs["bg" if code[0] == "4" else "fg"] = code
        elif len(code) == 3 and code[:2] == "10" and code[2] in "01234567":
            attrs["bg"] = code
        elif code in ("38", "48", "58"):
            name = {"38": "fg", "48": "bg", "58": "ulcolour"}[code]
            kind = codes[i] if i < len(codes) else ""
            width = {"5": 2, "2": 4}.get(kind)
            if width is None or i + width > len(codes):
                return None
            attrs[name] = ";".join([code, *codes[i : i + width]])
            i += width
        elif code[:3] in ("38:", "48:", "58:"):
            attrs[{"3": "fg", "4": "bg", "5": "ulcolour"}[code[0]]] = code
        else:
            return None
    return attrs


def codes_for(attrs: Attrs) -> list[str]:
    return [attrs[k] for k in (*_ORDER, "fg", "bg", "ulcolour") if k in attrs]


def transition(have: Attrs | None, want: Attrs) -> str:
    """The shortest SGR sequence that takes the terminal from `have` (None = unknown) to `want`."""
    whole = "\x1b[" + ";".join(["0", *codes_for(want)]) + "m" if want else "\x1b[0m"
    if have is None:
        return whole
    if have == want:
        return ""
    codes: list[str] = []
    # 22 ends bold and dim together: if either goes, both go and the one wanted back is set again.
    dropped = [k for k in ("bold", "dim") if k in have and k not in want]
    if dropped:
        codes.append("22")
    for key in _ORDER:
        if key in ("bold", "dim"):
            if key in want and (dropped or key not in have):
                codes.append(want[key])
        elif key in have and key not in want:
            codes.append(_OFF[key])
        elif key in want and have.get(key) != want[key]:
            codes.append(want[key])
    for key, off in _OFF_COLOUR.items():
        if have.get(key) != want.get(key):
            codes.append(want.get(key, off))
    diff = "\x1b[" + ";".join(codes) + "m"
    return diff if len(diff) < len(whole) else whole


class SgrSqueeze:
    """Rewrites output chunks; `rows` gives the screen height, so a line feed above the last row is
    known not to scroll (Textual ends each repainted line with one)."""

    def __init__(self, rows: Callable[[], int] | None = None) -> None:
        self._rows = rows
        self.have: Attrs | None = None
        """What the terminal has (None: unknown, as at the start)."""
        self.want: Attrs | None = None
        """What the stream has asked for so far."""
        self._row: int | None = None
        self._carry = ""

    def feed(self, data: str) -> str:
        data = self._carry + data
        self._carry = ""
        out: list[str] = []
        at = 0
        end = len(data)
        while at < end:
            match = TOKEN.match(data, at)
            if match is None:
                if end - at < 4096:  # an escape cut at the end of the chunk: the next one completes it
                    self._carry = data[at:]
                    break
                self._draw(out)  # a lone ESC: pass it on as it is
                out.append(data[at])
                self.have = self.want = None
                at += 1
                continue
            at = match.end()
            text = match.group(0)
            final = match.group(3)
            if final is not None:
                self._csi(out, match.group(1), match.group(2), final, text)
            elif text == "\n":
                if self._row is None or self._rows is None or self._row >= self._rows():
                    self._draw(out)  # might scroll: the new line is filled with the current background
                else:
                    self._row += 1
                out.append(text)
            elif text[0] == "\x1b":
                if text[1] == "]" or text[1] in "P_^X":
                    out.append(text)  # OSC / DCS: titles, links, clipboard; nothing drawn
                else:  # ESC 7 saves the attributes, ESC 8 restores them, ESC c resets: send what is held first
                    self._draw(out)
                    out.append(text)
                    self.have = self.want = None
                    self._row = None
            elif text.strip("\r") == "":
                out.append(text)  # carriage returns move the cursor, draw nothing
            else:
                self._draw(out)
                out.append(text)
        return "".join(out)

    def _csi(self, out: list[str], params: str, middle: str, final: str, text: str) -> None:
        if final == "m" and not middle and not params.startswith(("?", "<", "=", ">")):
            want = parse_sgr(params, self.want)
            if want is None:  # not modelled: pass it through; the state is unknown from here
                self._draw(out)
                out.append(text)
                self.have = self.want = None
            else:
                self.want = want
            return
        if final in _MOVES and not middle and not params.startswith("?"):
            if final in "Hf":
                first = params.split(";")[0]
                self._row = int(first) if first.isdigit() else 1
            elif final != "n":
                self._row = None
            out.append(text)
            return
        if final == "q" and middle == " ":  # cursor shape
            out.append(text)
            return
        self._draw(out)
        out.append(text)
        if final in "hl":  # a mode change (alternate screen, suspend and resume): start afresh
            self._row = None
            self.have = None

    def _draw(self, out: list[str]) -> None:
        """Something is about to be drawn: bring the terminal's attributes to what the stream asked."""
        if self.want is None:
            return  # unknown: the raw codes were passed through, the terminal has them
        change = transition(self.have, self.want)
        if change:
            out.append(change)
        self.have = dict(self.want)

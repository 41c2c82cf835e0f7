"""Colour changes (SGR) as data: what attributes a code sets, and the shortest code from one set to another.

Textual writes every segment as `ESC[<its whole style>m text ESC[0m`: the full 24-bit foreground and
background again for each run of text, and a reset after it; while a lesson plays most of the bytes
were these codes (bench/bandwidth.py: about 70%). grok_tui/ui/screen_diff.py follows the attributes
the stream asks for with `parse_sgr` and sends only the difference from what the terminal has with
`transition` (`ESC[22m` to end bold, not a reset and the whole style again). An SGR code not modelled
here (fonts, 21, frames...) makes `parse_sgr` answer None: the caller passes it on as it is.
"""

from __future__ import annotations

import re

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

"""What a syntax error's line hid: how deep it and its neighbours are indented, and which earlier
line really ended a block (a body line typed at column 0). Pure text, for the verdicts of
grok_tui/engine/exercises.py."""

from __future__ import annotations

import io
import re
import tokenize

EXPECTED_BLOCK = re.compile(
    r"expected an indented block after (?:'(?P<word>\w+)' statement|(?P<kind>function|class) definition) "
    r"on line (?P<line>\d+)"
)


def _depth(line: str) -> int:
    """How many columns a line is indented."""
    return len(line) - len(line.lstrip())


def said(line: str) -> str:
    """A line's indentation in words, "4 spaces", "1 space", "a tab", "a tab and 4 spaces": a tab
    was told "indented 1 spaces", and the editor draws it 4 columns wide."""
    lead = line[: _depth(line)]
    tabs = lead.count("\t")
    spaces = len(lead) - tabs
    parts = [("a tab" if tabs == 1 else f"{tabs} tabs")] if tabs else []
    if spaces or not tabs:
        parts.append(f"{spaces} space{'' if spaces == 1 else 's'}")
    return " and ".join(parts)


def mixed_tabs(source: str, number: int) -> str:
    """For Python's "inconsistent use of tabs and spaces": which kind line `number` and the lines
    above use. "" when it cannot tell."""
    lines = source.splitlines()
    if not 1 <= number <= len(lines):
        return ""
    here = lines[number - 1][: _depth(lines[number - 1])]
    above = [line[: _depth(line)] for line in lines[: number - 1] if line.strip()]
    if "\t" in here and any(" " in lead for lead in above):
        kinds = "a tab", "spaces"
    elif " " in here and any("\t" in lead for lead in above):
        kinds = "spaces", "a tab"
    else:
        return ""
    return (
        f"Line {number} is indented with {kinds[0]}, a line above it with {kinds[1]}: Python will not "
        "guess how many spaces a tab is worth. Indent with spaces only (the tutor's editor turns Tab into 4)."
    )


def _statements(lines: list[str], number: int) -> list[tuple[int, int]]:
    """The first and last line (1-based) of each statement before line `number`, in order: a line
    inside brackets or a string goes on the statement it is part of, and its indentation is no
    block's (7.4: the second line of `return [...,` at 12 spaces was said to be "the line above",
    where the return was at 4). Each line of code for itself when the lines do not tokenize."""
    text = "".join(line + "\n" for line in lines[: number - 1])
    skipped = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    spans: list[tuple[int, int]] = []
    start: int | None = None
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.NEWLINE and start is not None:
                spans.append((start, token.start[0]))
                start = None
            elif token.type not in (*skipped, tokenize.NEWLINE) and start is None:
                start = token.start[0]
    except (tokenize.TokenError, SyntaxError):
        code = [
            i + 1 for i, line in enumerate(lines[: number - 1]) if line.strip() and not line.lstrip().startswith("#")
        ]
        return [(i, i) for i in code]
    return spans


def _levels_to_use(lines: list[str], number: int, spans: list[tuple[int, int]]) -> str:
    """For a line less indented than the statement above and at no open block's level (Python's
    "unindent does not match any outer indentation level"): the two levels around it, and which
    block the deeper one is the body of. 5.5: "line 8, indented 6 spaces (the line above: 10
    spaces)" left the learner to work out that 8 and 4 were the levels in reach. "" otherwise."""
    depth = _depth(lines[number - 1])
    if not spans or depth >= _depth(lines[spans[-1][0] - 1]):
        return ""
    # a header above (its block has no body yet), or tabs, whose width Python and this count differ on
    if lines[spans[-1][1] - 1].split("#")[0].rstrip().endswith(":"):
        return ""
    if any("\t" in line[: _depth(line)] for line in lines[:number]):
        return ""
    open_blocks: list[tuple[int, int]] = [(0, 0)]  # (depth, the header's line) of each open block
    previous = 0
    for first, _ in spans:
        here = _depth(lines[first - 1])
        while open_blocks[-1][0] > here:
            open_blocks.pop()
        if here > open_blocks[-1][0]:
            open_blocks.append((here, previous))
        previous = first
    if any(level == depth for level, _ in open_blocks):
        return ""
    lower = max(level for level, _ in open_blocks if level < depth)
    upper, header = min((level, line) for level, line in open_blocks if level > depth)
    word = lines[header - 1].split()[0].rstrip(":") if header else ""
    if not word.isidentifier():
        return ""
    text = f": use {upper} to stay in the `{word}` of line {header}"
    # a function's body: the exercise is the function, and after it the line would be outside it
    return text if word in ("def", "async") else text + f", or {lower} to go on after it"


def indentation(source: str, number: int) -> str:
    """`, indented 8 spaces (the line above: 4 spaces)`: an indentation error's line, stripped, hid
    its cause. Above it, the statement before, by its first line. At no block's level, the levels
    to use: `, indented 6 spaces, no block's level (...): use 8 to stay in the `for` of line 5, or 4
    to go on after it`."""
    lines = source.splitlines()
    if not 1 <= number <= len(lines):
        return ""
    text = f", indented {said(lines[number - 1])}"
    spans = _statements(lines, number)
    if not spans:
        return text
    use = _levels_to_use(lines, number, spans)
    if use:
        text += ", no block's level"
    first, last = spans[-1]
    spaces = said(lines[first - 1])
    if first != last:
        return text + f" (the statement above, from line {first}: {spaces})" + use
    if any(line.strip() for line in lines[first : number - 1]):  # comments between
        return text + f" (the code above, line {first}: {spaces})" + use
    return text + f" (the line above: {spaces})" + use


def ended_early(source: str, number: int) -> str:
    """For an unexpected indent at line `number`: when the statement above it is less indented than
    the one before, that line ended their block early (a body line typed at column 0 made the next
    line, at the body's indentation, the one Python complained of). "" otherwise. Statements by
    their first line: a bracket's continuation line ends no block."""
    lines = source.splitlines()
    code = [(first, lines[first - 1]) for first, _ in _statements(lines, number)]
    if len(code) < 2:
        return ""

    (row, above), (_, before) = code[-1], code[-2]
    if _depth(above) >= _depth(before):
        return ""
    return (
        f"Line {row} (`{above.strip()}`) is indented {said(above)}, less than the line before it "
        f"({said(before)}): it ended that block early, so line {number}'s indentation was "
        f"unexpected. Indent line {row} like the lines around it."
    )


def left_function(source: str, number: int) -> str:
    """For a `return` (or `yield`) outside a function at line `number`: the line that ended the
    function before it, the first one after the `def` as little indented as the `def` (5.5: loops
    typed at column 0 inside outer_prod, then its `return out` at line 8 was "outside function",
    and the message named only line 8). "" when there is no such `def` above."""
    lines = source.splitlines()

    defs = [i for i, line in enumerate(lines[: number - 1]) if line.lstrip().startswith(("def ", "async def "))]
    if not defs:
        return ""
    start = defs[-1]
    name = lines[start].split("def ", 1)[1].split("(", 1)[0].strip()
    ended = next(
        (
            i
            for i in range(start + 1, number - 1)
            if lines[i].strip() and not lines[i].lstrip().startswith("#") and _depth(lines[i]) <= _depth(lines[start])
        ),
        None,
    )
    if ended is None:
        here = lines[number - 1] if number <= len(lines) else ""
        if not here.strip() or _depth(here) > _depth(lines[start]):
            return ""
        # 6.4's relu2deriv: ctrl+u took the `return` line's indentation too, and Python's words alone
        # ("'return' outside function") did not say which indentation was missing
        return (
            f"Line {number} (`{here.strip()}`) is indented {said(here)}, as much as `def {name}`, "
            f"so it is outside the function. Indent it into the function, {_depth(lines[start]) + 4} spaces."
        )
    return (
        f"Line {ended + 1} (`{lines[ended].strip()}`) is indented {said(lines[ended])}, as much as "
        f"`def {name}`: it ended the function there, so line {number} is outside it. Indent line "
        f"{ended + 1} and the lines after it into the function."
    )


def empty_block(source: str, message: str) -> str:
    """For "expected an indented block after ... on line N": when the block holds only comments, or
    nothing at all before the code ends, say that it has no code yet. 3.6's stub with its `return`
    deleted left only its `# TODO` comment, and the verdict spoke of that comment's indentation.
    "" when a line of code follows the header, as indented as it (a body typed at column 0: the
    indentation is the point then)."""
    found = EXPECTED_BLOCK.search(message)
    lines = source.splitlines()
    if not found or not 1 <= int(found["line"]) <= len(lines):
        return ""
    number = int(found["line"])
    after = lines[number:]
    code = next((line for line in after if line.strip() and not line.lstrip().startswith("#")), None)
    comments = any(line.lstrip().startswith("#") for line in after[: after.index(code) if code else None])
    if code is not None and not comments:
        return ""
    header = lines[number - 1].strip()
    if code is not None and found["kind"] == "function":
        # (a loop's code after it may belong after it: 3.6's `return []` under a `for` of comments)
        # 4.3b's body typed at column 0 under the stub's indented TODO: "has no code yet: a comment
        # is not a body" was said of a function whose code was there, not indented
        row = number + 1 + after.index(code)
        return (
            f"Line {row} (`{code.strip()}`) is indented {said(code)}, as much as line {number} "
            f"(`{header}`), so it is not in its block, which holds only comments. Indent it "
            f"{_depth(lines[number - 1]) + 4} spaces (and each line after it that belongs in the block)."
        )
    if found["kind"] == "function":
        name = header.split("def ", 1)[-1].split("(", 1)[0].strip()
        what, rule = f"The function `{name}`", "a function needs at least one statement"
    elif found["kind"] == "class":
        what, rule = f"The class on line {number}", "a class needs at least one statement"
    else:
        what, rule = f"The `{found['word']}` on line {number}", "a block needs at least one statement"
    empty = f"{what} has no code yet: " + ("a comment is not a body, and " if comments else "")
    return empty + f"{rule}. Write its lines under line {number}, indented (or `pass` for now)."

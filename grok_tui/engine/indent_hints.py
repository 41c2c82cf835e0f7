"""What a syntax error's line hid: how deep it and its neighbours are indented, and which earlier
line really ended a block (a body line typed at column 0). Pure text, for the verdicts of
grok_tui/engine/exercises.py."""

from __future__ import annotations


def _depth(line: str) -> int:
    """How many columns a line is indented."""
    return len(line) - len(line.lstrip())


def indentation(source: str, number: int) -> str:
    """`, indented 8 spaces (the line above: 4)`: an indentation error's line, stripped, hid its cause."""
    lines = source.splitlines()
    if not 1 <= number <= len(lines):
        return ""

    above = next((line for line in reversed(lines[: number - 1]) if line.strip()), None)
    text = f", indented {_depth(lines[number - 1])} spaces"
    return text + (f" (the line above: {_depth(above)})" if above is not None else "")


def ended_early(source: str, number: int) -> str:
    """For an unexpected indent at line `number`: when the line above it is less indented than the
    lines before that one, that line ended their block early (a body line typed at column 0 made the
    next line, at the body's indentation, the one Python complained of). "" otherwise."""
    lines = source.splitlines()
    code = [(i + 1, line) for i, line in enumerate(lines[: number - 1]) if line.strip()]
    if len(code) < 2:
        return ""

    (row, above), (_, before) = code[-1], code[-2]
    if _depth(above) >= _depth(before):
        return ""
    return (
        f"Line {row} (`{above.strip()}`) is indented {_depth(above)} spaces, less than the line before it "
        f"({_depth(before)}): it ended that block early, so line {number}'s indentation was unexpected. "
        f"Indent line {row} like the lines around it."
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
        return ""
    return (
        f"Line {ended + 1} (`{lines[ended].strip()}`) is indented {_depth(lines[ended])} spaces, as much as "
        f"`def {name}`: it ended the function there, so line {number} is outside it. Indent line "
        f"{ended + 1} and the lines after it into the function."
    )

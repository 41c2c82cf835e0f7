"""What a TOML mistake says, for the lesson files, the quizzes and the settings: the line, and the
reason in words a teacher acts on.

tomllib reports an unclosed string as "Illegal character '\\n'": a teacher read that and did not see
the missing quote.
"""

from __future__ import annotations

import re
import tomllib

PLAIN = {
    "Illegal character '\\n'": "a line ends inside a string (a quote not closed?)",
    "Unclosed array": "a list is not closed (a ] missing?)",
    "Unclosed inline table": "an inline table is not closed (a } missing?)",
    "Cannot overwrite a value": "a key set twice (keep one)",
    # a stray quote or word after a value ("x"" or 1 2): tomllib's words named no culprit
    "Expected newline or end of document after a statement": (
        "something follows the value on its line (a stray quote, or a second value: one key = value a line)"
    ),
    "Invalid value": "the value is not one TOML knows (text needs quotes; true, false, numbers, [lists] do not)",
    "Expected '=' after a key in a key/value pair": "a key has no `=` after it (a space in a key name?)",
}


def toml_problem(exc: tomllib.TOMLDecodeError) -> tuple[int | None, str]:
    """(line within the TOML text, or None; the reason without tomllib's "(at line, column)")."""
    text = str(exc)
    m = re.search(r"at line (\d+)", text)
    reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", text)
    table = re.fullmatch(r"Cannot declare \((.*)\) twice", reason)
    if table:  # "Cannot declare ('keys',) twice": the table's name as the file writes it
        names = re.findall(r"'((?:[^'\\]|\\.)*)'", table.group(1))
        return (int(m.group(1)) if m else None), f"the table [{'.'.join(names)}] is written twice (merge them into one)"
    return (int(m.group(1)) if m else None), PLAIN.get(reason, reason)

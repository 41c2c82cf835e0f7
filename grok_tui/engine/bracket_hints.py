"""Which bracket Python means by "'(' was never closed": on `return relu(l0.dot(W0).dot(W1)`, with
three `(`, the learner was told the line only (Python's caret under the bracket is not shown)."""

from __future__ import annotations

import re

_NEVER_CLOSED = re.compile(r"'([(\[{])' was never closed")
_CLOSER = {"(": ")", "[": "]", "{": "}"}


def unclosed_bracket(source: str, message: str) -> str:
    """A sentence naming the bracket that is never closed, by the words before it ("" when the
    message is another, or the source compiles)."""
    found = _NEVER_CLOSED.match(message)
    if not found:
        return ""
    try:
        compile(source, "<your code>", "exec")  # compiling runs nothing of the learner's code
    except SyntaxError as error:
        text, col = (error.text or "").rstrip("\n"), error.offset
    else:
        return ""
    opener = found.group(1)
    if col is None or not 0 < col <= len(text) or text[col - 1] != opener:
        return ""
    before = re.search(r"[\w.]+$", text[: col - 1])
    if before:
        which = f"The `{opener}` of `{before.group()}{opener}`"
    elif after := text[col : col + 12].strip():
        which = f"The `{opener}` before `{after}`"
    else:
        which = f"The `{opener}` at the end of the line"
    closer = _CLOSER[opener]
    counts = ""
    if not re.search(r"['\"#]", text):  # no string or comment on the line: its brackets are all code
        counts = f" (this line opens {text.count(opener)} `{opener}` and closes {text.count(closer)})"
    return f"{which} is never closed: its `{closer}` is missing{counts}."

"""How a learner types a number: a decimal comma (0,5) is a decimal point; a comma that may
separate thousands (1,000) is a question, not a number. The param box and the prediction box
both read numbers this way."""

from __future__ import annotations

import re

_THOUSANDS = re.compile(r"[+-]?[1-9]\d{0,2}(,\d{3})+")
"""1,000 or 12,345,678: digits in threes after a comma, as English writes a thousand. (0,500 is
not: nobody groups a number that starts with 0, so it is a decimal comma.)"""


def decimal_point(text: str) -> str:
    """`text` with a decimal comma made a point: 0,5 -> 0.5; 1.5 and 1,000,000 stay as they are."""
    if text.count(",") == 1 and "." not in text:
        return text.replace(",", ".")
    return text


def comma_problem(text: str, whole_only: bool = False) -> str | None:
    """Why `text` cannot be read as one number because of its commas, for the learner; None if it
    can. 1,000 read as 1.0 ran one iteration where the learner meant a thousand. `whole_only`: the
    number must be whole, so the comma can only have grouped thousands."""
    text = text.strip()
    if not _THOUSANDS.fullmatch(text):
        return None
    whole = text.replace(",", "")
    if text.count(",") == 1 and not whole_only:
        return f"is {text} {whole} or {text.replace(',', '.')}? Type it without the comma"
    return f"{text}: type {whole}, without {'commas' if text.count(',') > 1 else 'the comma'}"

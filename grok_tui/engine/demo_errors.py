"""A demo's mistake, printed on purpose. Lessons show some errors on purpose (3.1's TypeError, 5.1's
NameError, 5.5's and 6.4's ValueError): they catch the error and print it as Python reports it,
`TypeError: ...`. The tutor's output views and `grok-tui run` mark such a line, so that a learner
does not take it for a crash."""

from __future__ import annotations

import re

CAUGHT = re.compile(r"^(?:[^:]{1,30}: )?([A-Z][A-Za-z]*(?:Error|Exception))(?:: | \()")
"""A printed line that starts like Python's own report of an exception, as the demos print them,
perhaps after what was tried (3.8: `a * e: ValueError: ...`), or one the demo words itself in
brackets (3.2's bare assert has no message: `book_w_sum: AssertionError (no message; ...)`)."""

MARK = "expected error, on purpose: "


def expected_error(line: str) -> str | None:
    """The exception's name if `line` is a demo's printed error ("TypeError: can't multiply...")."""
    m = CAUGHT.match(line)
    return m.group(1) if m else None


def marked(text: str) -> str:
    """Printed text with each demo's error line marked, as the tutor marks it."""
    return "".join(MARK + line if expected_error(line) else line for line in text.splitlines(keepends=True))

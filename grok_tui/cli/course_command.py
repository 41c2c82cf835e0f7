"""The `grok-tui ...` commands that the subcommands print, as they reach the course they were given:
with `--lessons DIR` where it is not the default one ($GROK_TUI_LESSONS, else the bundled course).

A teacher's `grok-tui --lessons DIR progress` said "Next: `grok-tui 9.1`", and `verify` said
"`grok-tui edit 9.1/double` opens it": run as printed, each answered "no lesson '9.1'". Every
subcommand passes what it prints through `with_lessons_option`, one rule for all of them.
"""

from __future__ import annotations

import re
import shlex

from grok_tui.lesson.catalog import Catalog, default_lessons_dir

_COMMAND = re.compile(r"`grok-tui(?=[ `])(?! --lessons )")
"""A command in backticks, `grok-tui ...` or `grok-tui` alone, that does not name a course yet
(`grok-tui[web]`, a package, is no command; a text passed twice gets the option once)."""


def with_lessons_option(text: str, catalog: Catalog) -> str:
    """The commands in `text` as they reach this course: with `--lessons DIR` where it is not the
    default one; the default course's text unchanged."""
    if catalog.root.resolve() == default_lessons_dir().resolve():
        return text
    option = f"`grok-tui --lessons {shlex.quote(str(catalog.root))}"
    return _COMMAND.sub(lambda _: option, text)

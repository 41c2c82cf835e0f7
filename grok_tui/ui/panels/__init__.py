"""Extra lesson panels, named by a lesson's `panels = [...]` metadata.

A panel is a module `grok_tui.ui.panels.NAME` that defines `Panel`, a Textual widget built as
`Panel(lesson)`. The lesson screen calls, on the UI thread:

- `panel.on_run_started()` when a new run starts (optional),
- `panel.on_run_step(values)` with the latest recorded step's values, at the throttled redraw rate
  (optional),
- `panel.on_run_finished(namespace)` with the run's final namespace (the lesson's variables) when a
  run finishes (optional).

Panels get keyboard focus like any widget, so they can be browsed with the keys they bind.

The instruments (`network`, `landscape`, `predict`, `quiz`) share `_instrument_base.InstrumentPanel`;
a lesson gets the first three by declaring `[network]`, `[landscape]` or `[[predict]]`, and the last
lesson of a chapter with a quiz.toml gets `quiz` (grok_tui/lesson/parse.py, catalog.py).
"""

from __future__ import annotations

import importlib
import re
import sys

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


class UnknownPanel(LookupError):
    pass


def imported(name: str) -> bool:
    """Whether panel `name`'s module is loaded already, so building the panel costs no import."""
    return f"{__name__}.{name}" in sys.modules


def panel_class(name: str):
    """The Panel class of `grok_tui.ui.panels.<name>`; UnknownPanel if there is none."""
    if not _NAME.match(name):
        raise UnknownPanel(f"panel name {name!r} is not a module name")
    try:
        module = importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{__name__}.{name}":
            raise UnknownPanel(f"no panel named {name!r}") from None
        raise
    try:
        return module.Panel
    except AttributeError:
        raise UnknownPanel(f"panel module {name!r} defines no Panel") from None

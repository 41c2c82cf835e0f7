"""Extra lesson panels, named by a lesson's `panels = [...]` metadata.

A panel is a module `grok_tui.ui.panels.NAME` that defines `Panel`, a subclass of
`grok_tui.ui.panels.base.LessonPanel` built as `Panel(lesson)`; see base.py for the hooks the lesson
screen calls (`run_started`, `run_stepped`, `run_finished`). Panels get keyboard focus like any
widget; their keys are their BINDINGS, with descriptions (F1 lists them).

Modules whose name starts with "_" are shared code, not panels.
"""

from __future__ import annotations

import importlib
import re
import sys

from grok_tui.ui.panels.base import LessonPanel

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


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
    panel = getattr(module, "Panel", None)
    if panel is None:
        raise UnknownPanel(f"panel module {name!r} defines no Panel")
    if not (isinstance(panel, type) and issubclass(panel, LessonPanel)):
        raise UnknownPanel(f"panel {name!r}: Panel must subclass grok_tui.ui.panels.base.LessonPanel")
    return panel

"""Build a lesson's extra panels (lesson.panels) and feed them, reporting any that fail, never crashing."""

from __future__ import annotations

import importlib
import sys
from typing import Any

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Static

from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels import UnknownPanel, imported, panel_class
from grok_tui.ui.panels.base import LessonPanel

CHART_MODULE = "grok_tui.ui.widgets.chart"
"""The chart widget's module: it imports plotext (~30 ms), which a lesson's first frame at 80 columns
does not show (its charts and panels, the lab, are hidden in the reading view there)."""


def lab_imported(lesson: Lesson) -> bool:
    """Whether the modules of the lesson's lab (its charts' widget, its panels) are loaded already, so
    building it costs no import."""
    return (not lesson.charts or CHART_MODULE in sys.modules) and all(imported(name) for name in lesson.panels)


def import_lab(lesson: Lesson) -> None:
    """Import the modules of the lesson's lab: on a thread (panels import numpy, ~0.1 s). A panel that
    fails to import is reported when the lab is built, not here."""
    if lesson.charts:
        importlib.import_module(CHART_MODULE)
    for name in lesson.panels:
        try:
            panel_class(name)
        except Exception:
            pass


class LessonPanels:
    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.widgets: list[Widget] = []
        self.problems: list[str] = []
        self._broken: set[int] = set()
        self._current: Widget | None = None

    def compose(self):
        """The panel widgets, or a note in place of each panel that could not be built."""
        for name in self.lesson.panels:
            try:
                widget = panel_class(name)(self.lesson)
            except UnknownPanel as exc:
                problem = f"lesson {self.lesson.id}: {exc}"
            except Exception as exc:  # a broken panel module must not take the lesson down
                problem = f"lesson {self.lesson.id}: panel {name!r} failed to load: {type(exc).__name__}: {exc}"
            else:
                widget.add_class("lesson-panel", f"panel-{name}")  # panel-quiz: F finds it (lesson_focus)
                self.widgets.append(widget)
                yield widget
                continue
            self.problems.append(problem)
            yield Static(Text(problem, style="red"), classes="lesson-panel panel-problem")

    def shown(self) -> Widget | None:
        """The panel that has the room (the first until f picks another)."""
        return self._current if self._current is not None else (self.widgets[0] if self.widgets else None)

    def show(self, shown: Widget, visible: bool = True) -> None:
        """One panel at a time gets the room (f cycles through them); the others keep being fed.
        visible=False hides them all but remembers `shown` (the narrow lab view shows a chart)."""
        self._current = shown
        for widget in self.widgets:
            widget.display = visible and widget is shown
        count = len(self.widgets)
        if count > 1 and isinstance(shown, LessonPanel):
            shown.position = f"panel {self.widgets.index(shown) + 1}/{count}"
            shown.show_caption()

    def show_first(self) -> None:
        if self.widgets:
            self.show(self.widgets[0])

    def report_problems(self, app) -> None:
        for problem in self.problems:
            app.notify(problem, severity="error", timeout=8, markup=False)

    def run_started(self) -> None:
        self.call("run_started")

    def run_stepped(self, values: dict) -> None:
        self.call("run_stepped", values)

    def run_finished(self, namespace: Any) -> None:
        self.call("run_finished", namespace)

    def run_diverged(self, namespace: Any) -> None:
        self.call("run_diverged", namespace)

    def run_reset(self) -> None:
        self.call("run_reset")

    def run_state_changed(self, state: str) -> None:
        self.call("run_state_changed", state)

    def before_step(self, play: bool = False) -> bool:
        """The learner's s (or space on a paused run, `play`): whether a panel takes it for itself
        (the predict panel asks the question due before the next step)."""
        return any(self.call("before_step", play))

    def question_due(self) -> int | None:
        """The step whose question the next s or space asks first (the predict panel's), if any."""
        return next((due for widget in self.widgets if (due := getattr(widget, "due", None)) is not None), None)

    def call(self, method: str, *args: Any) -> list[Any]:
        """Call a hook of the panels (contract C2: run_started, run_stepped, run_finished, run_diverged,
        run_reset, run_state_changed, before_step); a panel that raises is reported once and skipped. Returns
        what the hooks returned."""
        results = []
        for i, widget in enumerate(self.widgets):
            hook = getattr(widget, method, None)
            if hook is None or i in self._broken:
                continue
            try:
                results.append(hook(*args))
            except Exception as exc:
                self._broken.add(i)
                widget.app.notify(
                    f"panel {type(widget).__module__.rsplit('.', 1)[-1]} failed in {method}: "
                    f"{type(exc).__name__}: {exc}",
                    severity="error",
                    timeout=8,
                    markup=False,
                )
        return results

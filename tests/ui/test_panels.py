"""The panel contract (grok_tui/ui/panels/__init__.py): a lesson's panels are built and fed by the screen."""

from __future__ import annotations

import dataclasses
import sys
import types

import pytest

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels import UnknownPanel, panel_class
from grok_tui.ui.panels.base import LessonPanel
from tests.ui.helpers import screen_text, text_of, wait_for

PROBE = "grok_tui.ui.panels.test_probe"


class ProbePanel(LessonPanel):
    """A tiny panel that records what the lesson screen tells it."""

    def __init__(self, lesson) -> None:
        super().__init__(lesson)
        self.started = 0
        self.steps: list[dict] = []
        self.final: dict | None = None

    def run_started(self) -> None:
        self.started += 1

    def run_stepped(self, values: dict) -> None:
        self.steps.append(values)

    def run_finished(self, namespace: dict) -> None:
        self.final = namespace


@pytest.fixture
def probe_module(monkeypatch):
    module = types.ModuleType(PROBE)
    module.Panel = ProbePanel
    monkeypatch.setitem(sys.modules, PROBE, module)
    monkeypatch.setitem(sys.modules, PROBE + "2", module)
    return module


async def test_panels_are_fed_and_unknown_ones_reported(small_catalog, probe_module):
    index = small_catalog.index("4.5")
    lesson = dataclasses.replace(small_catalog.lessons[index], panels=("test_probe", "no_such_panel"))
    small_catalog.lessons[index] = lesson
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        # A panel module not imported yet is imported off the UI thread: the lesson opens after it.
        await wait_for(pilot, lambda: app.screen.query(ProbePanel), what="the lesson with its panels")
        await pilot.pause()
        screen = app.screen
        panel = screen.query_one(ProbePanel)
        assert panel.lesson is lesson
        problem = screen.query_one(".panel-problem")
        assert "no panel named 'no_such_panel'" in text_of(problem)
        assert any("no_such_panel" in n.message for n in app._notifications)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and panel.final is not None, what="the run to end")
        assert screen.run_state is RunState.FINISHED
        assert panel.started == 1
        assert panel.steps and set(panel.steps[-1]) >= {"weight", "pred", "error"}
        assert len(panel.steps) <= 20  # fed at the redraw rate, never more often than steps happen
        assert round(panel.final["weight"], 3) == round(screen.run.steps[-1].values["weight"], 3)


async def test_f_cycles_focus_through_the_panels_showing_one_at_a_time(small_catalog, probe_module):
    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(
        small_catalog.lessons[index], panels=("test_probe", "test_probe2")
    )
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        first, second = app.screen.query(ProbePanel)
        assert first.display and not second.display
        await pilot.press("f", "f", "f", "f")  # lesson text -> values column -> 2 charts -> first panel
        assert app.focused is first
        await pilot.press("f")
        assert app.focused is second and second.display and not first.display
        assert "panel 2/2" in str(second.border_subtitle)
        app.screen.maximize(second)
        await pilot.press("escape")  # un-zoom first, stay on the lesson
        assert app.screen.maximized is None and app.screen.lesson.id == "4.5"
        await pilot.press("f")  # the narrow lab cycles its own panes: back to the values, not the text
        assert app.focused is app.screen.query_one("#side") and app.screen.lab


def test_a_panel_must_subclass_lesson_panel(monkeypatch):
    module = types.ModuleType(PROBE)
    module.Panel = type("NotAPanel", (), {})
    monkeypatch.setitem(sys.modules, PROBE, module)
    with pytest.raises(UnknownPanel, match="must subclass"):
        panel_class("test_probe")
    with pytest.raises(UnknownPanel, match="not a module name"):
        panel_class("_digits_base")  # shared code, not a panel


@pytest.mark.parametrize(
    "name", ["confusion_matrix", "misclassified", "hidden_weights", "drawing_pad", "digit_gallery"]
)
def test_every_panel_key_has_a_description_for_f1(name):
    bindings = panel_class(name).BINDINGS
    assert bindings and all(len(b.description) >= 4 for b in bindings), name


async def test_a_shown_panel_lists_its_keys_only_while_it_has_the_focus(small_catalog, probe_module, monkeypatch):
    """Unfocused, a panel's arrows go to the lesson (7.5: `→` for the next hidden unit retrained the
    network): the panel says how to select it instead, and its keys once selected."""
    monkeypatch.setattr(ProbePanel, "KEYS", "x toggle")
    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(
        small_catalog.lessons[index], panels=("test_probe", "test_probe2", "drawing_pad")
    )
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:  # wide: the lab and a panel show beside the text
        await wait_for(pilot, lambda: len(app.screen.query(LessonPanel)) == 3, what="the lesson with its panels")
        await pilot.pause()
        first, second, pad = app.screen.panels.widgets
        assert first.display and not second.display and app.focused is not first
        assert str(first.border_subtitle) == "panel 1/3 · press f to select it"
        await pilot.press("f", "f", "f", "f")  # lesson text -> values column -> 2 charts -> first panel
        assert app.focused is first
        assert str(first.border_subtitle) == "panel 1/3 · f next · x toggle z zoom"
        await pilot.press("f", "f")
        assert app.focused is pad and pad.display
        # the side column leaves 44 columns: the keys whole rather than where it stands (the
        # playground's ended "f next · arrows x toggle a d…")
        assert pad.size.width - 4 < len("panel 3/3 · f next · arrows space d x t z zoom")
        assert str(pad.border_subtitle) == "arrows space d x t z zoom"
        assert "d pen" in screen_text(app) and "to draw, press f" not in screen_text(app)
        await pilot.press("f")  # on to the lesson text: the pad stays in view, without the keys
        assert app.focused is not pad and pad.display
        assert str(pad.border_subtitle) == "panel 3/3 · press f to select it"
        assert "to draw, press f until this frame lights up" in " ".join(screen_text(app).split())
        assert "d pen" not in screen_text(app)
        # f into the panels starts at the one in view (the pad), then goes round all of them once
        # (the first press put panel 1 in the pad's place, and the pad lit only at the fifth)
        await pilot.press("f", "f", "f", "f")  # the values, 2 charts, the pad
        assert app.focused is pad and pad.display
        await pilot.press("f")
        assert app.focused is first and first.display and not pad.display
        await pilot.press("f", "f")  # the second panel, then on past the panels to the text
        assert app.focused is app.screen.query_one("#doc")


async def test_f_keys_read_in_one_burst_each_move_the_focus(small_catalog, probe_module):
    """A slow link bunches keys: f f f f read together moved the focus once, each press finding the
    focus not moved yet (focus() waits for the next idle moment)."""
    index = small_catalog.index("4.5")
    small_catalog.lessons[index] = dataclasses.replace(
        small_catalog.lessons[index], panels=("test_probe", "test_probe2")
    )
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query(ProbePanel)) == 2, what="the lesson with its panels")
        second = list(app.screen.query(ProbePanel))[1]
        for _ in range(5):  # text -> values -> 2 charts -> first panel -> second panel, no pause between
            app.screen.action_focus_next_pane()
        assert app.focused is second
        await pilot.pause()
        assert app.focused is second and second.display and app.screen.lab

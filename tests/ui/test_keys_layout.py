"""What a lesson playing in the reading view costs the UI thread per frame: no layout of the whole
screen for a one-line widget's new text, nor for widgets the view hides (the values table, the
panels, the charts below 110 columns), which are laid out and drawn when they show. A layout took
5-15 ms on the 2-core machine and ran ~20 times a second while 4.5 played at top speed, which is
what kept a key press waiting (bench/key_latency.py)."""

from __future__ import annotations

import threading

import numpy as np
from rich.text import Text

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.on_screen import displayed
from grok_tui.ui.panels._instrument_base import InstrumentPanel
from grok_tui.ui.panels.experiments import ExperimentsPanel
from grok_tui.ui.panels.landscape import LandscapePanel
from grok_tui.ui.screens.lesson import LessonScreen
from grok_tui.ui.widgets.chart import ChartView
from grok_tui.ui.widgets.footer import KeyFooter
from grok_tui.ui.widgets.live_strip import LiveStrip
from grok_tui.ui.widgets.status import StatusLine
from grok_tui.ui.widgets.values import ValuesTable
from tests.ui.helpers import text_of, wait_for

SIZE = (100, 30)
"""The reading view without the side column: values, charts and panels hidden."""


async def settled_lesson(pilot) -> LessonScreen:
    screen = pilot.app.screen
    assert isinstance(screen, LessonScreen)
    await wait_for(pilot, lambda: screen.lab_built, what="the lab")
    await pilot.pause()
    return screen


def count_layouts(screen: LessonScreen, monkeypatch) -> list[bool]:
    """Each layout of the screen from now on (Textual's compositor reflow)."""
    layouts: list[bool] = []
    refresh_layout = screen._refresh_layout

    def counted(*args, **kwargs):
        layouts.append(True)
        return refresh_layout(*args, **kwargs)

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    return layouts


async def test_the_status_line_and_the_strip_repaint_without_a_layout(small_catalog, monkeypatch):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        layouts = count_layouts(screen, monkeypatch)
        status, strip = screen.query_one(StatusLine), screen.query_one(LiveStrip)
        status.show_status(RunState.RUNNING, 7, 20, "speed max (12345/s)")
        strip.show_run({"weight": 1.5, "pred": 3.0}, ["weight", "pred"], "error", [3.0, 2.0, 1.0], False)
        await pilot.pause()
        assert "step 7/20 · speed max (12345/s)" in text_of(status)
        assert "weight 1.5" in text_of(strip)
        assert layouts == []


async def test_a_hidden_values_table_asks_no_layout_and_gets_its_height_when_it_shows(small_catalog, monkeypatch):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        table, footer = screen.query_one(ValuesTable), screen.query_one(KeyFooter)

        async def view(lab: bool) -> None:  # as `l` does, without redrawing the table
            screen.set_class(lab, "-lab")
            screen.set_class(not lab, "-read")
            # The classes' styles and the layout they ask for land on the app's next idle, which a
            # loaded machine can put after one pause (the hidden table then still counted as shown).
            await wait_for(pilot, lambda: displayed(table) == lab, what="the view switched")
            # The key bar follows the view after a refresh (it shows `g chart` in the lab only):
            # its rebuild asks for a layout of its own, which must land before the count starts.
            await wait_for(pilot, lambda: footer._keys() == footer._shown, what="the key bar rebuilt")
            await pilot.pause()

        await view(lab=True)  # laid out once at one line (its containers keep that arrangement)
        table.show_values({"weight": 0.5}, ("weight",))
        await wait_for(pilot, lambda: table.size.height == 1, what="one line")
        await view(lab=False)
        layouts = count_layouts(screen, monkeypatch)
        table.show_values({"weight": np.eye(3)}, ("weight",))  # three lines now, hidden
        await pilot.pause()
        assert layouts == []
        await view(lab=True)
        await wait_for(pilot, lambda: table.size.height == 3, what="the table laid out at its three lines")
        assert "weight" in text_of(table)


async def test_a_shown_values_table_is_laid_out_again_only_when_its_lines_change(small_catalog, monkeypatch):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        await pilot.press("l")
        await pilot.pause()
        table = screen.query_one(ValuesTable)
        table.show_values({"weight": 0.5, "pred": 1.0}, ("weight", "pred"))
        await wait_for(pilot, lambda: table.size.height == 2, what="two rows")
        layouts = count_layouts(screen, monkeypatch)
        for step in range(5):  # new numbers, the same lines: what a playing lesson does 5 times a second
            table.show_values({"weight": 0.5 + step, "pred": 1.0 - step}, ("weight", "pred"))
            await pilot.pause()
        assert layouts == []
        assert "-3" in text_of(table)
        table.show_values({"weight": np.eye(3), "pred": 1.0}, ("weight", "pred"))
        await wait_for(pilot, lambda: table.size.height == 4, what="three lines and one")
        assert layouts


async def test_a_hidden_panel_asks_no_layout_when_its_line_count_changes(catalog, monkeypatch):
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        panels = [w for w in screen.panels.widgets if isinstance(w, InstrumentPanel)]
        assert panels, "4.5 has instrument panels"
        panel = panels[0]
        layouts = count_layouts(screen, monkeypatch)
        panel.show(Text("one\ntwo\nthree\nfour"))
        await pilot.pause()
        panel.show(Text("one\ntwo"))
        await pilot.pause()
        assert layouts == []
        screen.set_class(True, "-lab")
        screen.set_class(False, "-read")
        screen.panels.show(panel)
        await wait_for(pilot, lambda: panel.size.height > 0, what="the panel laid out once shown")
        assert layouts


async def test_a_hidden_chart_draws_nothing_and_shows_the_run_when_it_shows(small_catalog, monkeypatch):
    pictures: list[ChartView] = []
    picture = ChartView._picture

    def counted(self):
        pictures.append(self)
        return picture(self)

    monkeypatch.setattr(ChartView, "_picture", counted)
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        pictures.clear()
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")
        await pilot.pause()
        assert pictures == []  # 20 steps drawn, none of them into the hidden charts
        await pilot.press("l")
        chart = screen.query(ChartView).first()
        await wait_for(pilot, lambda: chart.rows and chart.size.height > 0, what="the chart drawn")
        drawn = "\n".join("".join(text for text, _ in row) for row in chart.rows)
        assert "no run yet" not in drawn and drawn.strip()


async def test_a_hidden_experiments_panel_shows_every_run_and_its_selected_row_once_focused(catalog):
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        panel = next(w for w in screen.panels.widgets if isinstance(w, ExperimentsPanel))
        for _ in range(2):  # two runs while the reading view hides the panel
            await pilot.press("space")
            await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="a run to end")
        assert len(panel.table.rows) == 2
        for _ in range(6):  # f: the next pane, the lab view with it
            if app.focused is panel:
                break
            await pilot.press("f")
        assert app.focused is panel
        await wait_for(pilot, lambda: panel.shown.plain.count("defaults") == 2, what="both runs in the table")
        selected = [span for span in panel.shown.spans if str(span.style) == "reverse"]
        assert len(selected) == 1  # the selected row shows from the focus on, not from the next key


async def test_a_hidden_landscape_works_out_no_point_while_the_run_plays(catalog, monkeypatch):
    from grok_tui.ui.panels import landscape as landscape_module

    worked_out: list[str] = []
    height = landscape_module.land.height

    def counted(*args, **kwargs):
        worked_out.append(threading.current_thread().name)
        return height(*args, **kwargs)

    monkeypatch.setattr(landscape_module.land, "height", counted)
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = await settled_lesson(pilot)
        panel = next(w for w in screen.panels.widgets if isinstance(w, LandscapePanel))
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")
        await pilot.pause()
        assert worked_out == []  # neither on the run's thread (every step) nor for a picture
        assert len(panel.path) == screen.step_count > 0  # the path is all there, worked out when asked

"""The instrument panels in the app, driven by keys: the network lit stage by stage (6.4), the
landscape walked (5.3); and how they look at 80x24 and 120x40 (snapshots; frozen lesson copies in
tests/ui/instrument_lessons). Predict questions: test_predict_ui.py; the chapter quiz: test_quiz_ui.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from grok_tui.engine.runner import RunState
from grok_tui.instruments.network_text import short
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.landscape import LandscapePanel
from grok_tui.ui.panels.network import NetworkPanel
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.predict import PredictScreen
from tests.ui.helpers import focus_panel, key_bar_settled, open_lesson, screen_text, wait_for


def plain(widget) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(widget.render())
    return console.export_text()


def settled(app) -> bool:
    """The lesson screen has drawn its run's latest state, and no question or reveal waits to be
    shown: a question is set on the run's thread before the run pauses, and shown at the redraw
    after (LessonScreen._tick -> PredictPanel.check_pending)."""
    screen = app.screen
    if isinstance(screen, PredictScreen):
        return True
    feed = screen.session.feed
    if feed is None:
        return True  # no run: nothing to ask
    if screen.run_state is not RunState.PAUSED and not screen.run_state.done:
        return False
    drawn = screen._drawn == feed.version and screen._values_behind is None and screen._charts_behind is None
    due = any(p._ask_at is not None or p._reveal_at is not None or p.busy for p in screen.query(PredictPanel))
    return drawn and not due


async def play_past_questions(pilot, app, lesson) -> None:
    """space, every question skipped (each pauses the run: space again), until the run's end is drawn."""
    await pilot.press("space")
    for _ in range(10):
        await skip_questions(pilot, app)
        if lesson.run_state is RunState.FINISHED:
            break
        await pilot.press("space")
    await wait_for(pilot, lambda: lesson.run_state is RunState.FINISHED and lesson.ended, what="the run to end")


async def skip_questions(pilot, app) -> None:
    """Escape the question the tutor may be about to ask (it comes a redraw after the pause)."""
    await wait_for(pilot, lambda: settled(app), what="the screen to draw the paused run")
    while isinstance(app.screen, PredictScreen):
        await pilot.press("escape")
        # As before: the lesson screen's resume and key bar settle after the modal closes (a
        # shorter wait once left 80x24's picture without its "g chart" key, 1 run in 3 under load).
        await pilot.pause(0.3)
        await wait_for(pilot, lambda: settled(app), what="the screen to draw the paused run")


async def step_to(pilot, app, lesson, count: int) -> None:
    """Press s until the run is paused after step `count`, escaping the tutor's questions."""
    for _ in range(count * 4):
        await skip_questions(pilot, app)
        if lesson.step_count >= count and lesson.run_state is RunState.PAUSED:
            return
        before = lesson.step_count
        await pilot.press("s")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, PredictScreen)
                or (lesson.step_count > before and lesson.run_state is RunState.PAUSED)  # noqa: B023 (awaited here)
            ),
            what="a step",
        )
    raise AssertionError(f"could not step to {count}")


def paused_at(app, step: int):
    return lambda: app.screen.step_count == step and app.screen.run_state is RunState.PAUSED


async def test_network_lights_each_stage_of_64(course):
    app = GrokApp(course, start_lesson="6.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        network = await open_lesson(pilot, app, NetworkPanel)
        lesson = app.screen
        # The tutor asks for layer_2 before step 2, ...: step_to escapes those questions.
        await step_to(pilot, app, lesson, 1)
        assert network.lit == {"layer_0", "layer_1", "stage"}
        assert "computing: 1 forward: layer_1" in plain(network)
        for stage, lit in ((2, {"layer_2", "stage"}), (3, {"error", "layer_2_delta", "stage"})):
            await step_to(pilot, app, lesson, stage)
            assert network.lit == lit & network.names
        # What is on screen follows (only the changed lines are repainted: they must be the right ones).
        await pilot.pause(0.2)
        screen = app.export_screenshot().replace("&#160;", " ")
        assert "3 compare" in screen and "forward" not in screen
        await skip_questions(pilot, app)
        await focus_panel(pilot, app, network)
        await pilot.press("z")
        await pilot.pause(0.2)
        text = plain(network)
        assert "walk?" in text and "0 ● -.021" in text and "δ -1.02" in text and "✕" in text


async def test_the_diagram_hears_values_recorded_in_steps_that_came_in_one_frame(course):
    """6.4 records its lamps in its first step only. Played fast, a frame takes several steps at once,
    and the panels heard only the last one's values: the new run's diagram kept the previous run's
    lamps (row 0's beside row 1's weights) until the run finished."""
    app = GrokApp(course, start_lesson="6.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        network = await open_lesson(pilot, app, NetworkPanel)
        lesson = app.screen
        await step_to(pilot, app, lesson, 3)
        view = lesson.session.feed.view()
        assert "layer_0" not in view.latest and view.step == 3
        lesson._run_starting(lesson.session.run)  # as if a new run's first three steps came in one frame
        lesson._draw_values(replace(view, version=view.version + 1))
        assert network.values["layer_0"] is view.last_recorded["layer_0"][1]
        assert {"layer_0", "layer_1", "layer_2", "stage"} <= network.lit
        # a print or a state change makes a new view of the same step: no step for the panels (the
        # diagram's lit nodes went dark at every print)
        lesson._draw_values(replace(view, version=view.version + 2))
        assert {"layer_0", "layer_1", "layer_2", "stage"} <= network.lit


async def test_a_finished_networks_values_are_those_its_last_step_drew(catalog):
    """After a run the diagram took every value from the final variables: 5.4 updates its weights
    after its last step, and the diagram showed those beside the predictions the old weights had made
    (input x weight != the prediction on screen)."""
    import numpy as np

    app = GrokApp(catalog, start_lesson="5.4", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, NetworkPanel)
        lesson = app.screen
        await play_past_questions(pilot, app, lesson)
        run = lesson.session.run
        last = run.steps[-1].values
        assert np.allclose(panel.values["weights"], last["weights"])
        assert not np.allclose(run.namespace["weights"], last["weights"])  # updated once more after
        assert np.allclose(np.multiply(0.65, panel.values["weights"]), last["pred"])  # input x weight
        assert "last run" not in plain(panel)
        # the step it shows is in its title: it is drawn twice a second while the run plays, and the
        # values table beside it said another iteration, with nothing to say why
        assert str(panel.border_title).endswith(f"network · iteration {last['iteration']}"), panel.border_title
        # r (reset): the values pane says "press space to run"; the diagram, still showing those
        # numbers to compare with, says they are the last run's
        await pilot.press("r")
        await wait_for(pilot, lambda: not panel.values and "the last run's values" in plain(panel), what="the note")
        assert str(panel.border_title).endswith("network")


async def test_the_lab_view_at_80x24_draws_65s_network_whole(catalog):
    app = GrokApp(catalog, start_lesson="6.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        network = await open_lesson(pilot, app, NetworkPanel)
        await pilot.press("l", "g", "g")  # one chart or panel at a time: the diagram after two charts
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.ended, what="the run to end")
        await pilot.pause(0.3)
        # The panel fits the screen (its bottom border too), and the diagram is drawn, not the list.
        assert network.display and network.region.bottom <= 24 - 2
        text = plain(network)
        assert "weights_0_1" in text and "walk?" in text and "z: zoom" not in text
        weights = app.screen.run.namespace["weights_1_2"]
        assert all(short(float(w)) in text for w in weights[:, 0])  # the weights' numbers


async def test_landscape_walks_53_with_a_frozen_weight(course):
    app = GrokApp(course, start_lesson="5.3", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, LandscapePanel)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.run_state is RunState.FINISHED, what="the run")
        await wait_for(pilot, lambda: panel.surface is not None and len(panel.shown_path) == 3, what="the grid")
        # weight 0 is frozen: the path keeps its x, only weight 1 moves.
        xs = {round(p[0], 12) for p, _ in panel.path}
        assert xs == {0.1}
        assert "◆" in plain(panel) and "weight 0 (toes)" in plain(panel)


async def test_z_draws_the_u_of_45_over_the_whole_zoomed_panel_at_80x24(course):
    """At 80x24 zooming the landscape kept its U 9 rows high over 12 empty ones: its grid depends
    on the width alone, so a taller panel computed nothing and drew nothing new."""
    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, LandscapePanel)
        await pilot.press("l")
        await focus_panel(pilot, app, panel)  # at 80x24 the lab shows the focused panel alone
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.run_state is RunState.FINISHED, what="the run")
        await wait_for(pilot, lambda: panel.surface is not None and len(panel.shown_path) == 20, what="the U")

        def curve_rows() -> int:
            return sum(1 for line in plain(panel).splitlines() if any("\u2801" <= c <= "\u28ff" for c in line))

        before = curve_rows()
        await pilot.press("z")
        await wait_for(pilot, lambda: app.screen.maximized is panel, what="the zoom")
        await wait_for(pilot, lambda: curve_rows() >= panel.content_size.height - 4, what="a taller U")
        assert curve_rows() > before + 5, (before, curve_rows())


# -- pictures ---------------------------------------------------------------------------------------
def _stage_5_zoomed(size):
    async def run_before(pilot):
        app = pilot.app
        await wait_for(pilot, lambda: app.screen.query(NetworkPanel), what="the lesson")
        await pilot.pause()
        await step_to(pilot, app, app.screen, 5)
        await skip_questions(pilot, app)
        network = app.screen.query_one(NetworkPanel)
        if size[0] < 110:
            await focus_panel(pilot, app, network)
            await pilot.press("z")
        await pilot.pause(0.5)
        await wait_for(pilot, lambda: key_bar_settled(app), what="the key bar to show the screen's keys")

    return run_before


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_network_64_stage_5_picture(snap_compare, course, size):
    app = GrokApp(course, start_lesson="6.4", speed=0)
    app.told_where_running = True  # the once-a-session notice (test_lesson_views.py): the steady picture
    assert snap_compare(app, terminal_size=size, run_before=_stage_5_zoomed(size))


def _53_finished(size):
    async def run_before(pilot):
        app = pilot.app
        await wait_for(pilot, lambda: app.screen.query(LandscapePanel), what="the lesson")
        await pilot.press("space")
        await wait_for(pilot, lambda: app.screen.run_state is RunState.FINISHED, what="the run")
        panel = app.screen.query_one(LandscapePanel)
        if size[0] < 110:
            await focus_panel(pilot, app, panel)
            await pilot.press("z")
        await pilot.pause(0.3)
        await wait_for(
            pilot,
            lambda: (
                panel.surface is not None and len(panel.shown_path) == 3 and not panel._computing and not panel.redo
            ),
            what="the grid",
        )
        await pilot.pause(0.3)

    return run_before


# 80x24 only: at 120x40 the map's kept view depends on when the worker drew the path's earlier
# points (keep_ranges), so the finished picture differed between runs (1 in 4 here).
@pytest.mark.parametrize("size", [(80, 24)])
def test_landscape_53_picture(snap_compare, course, size):
    app = GrokApp(course, start_lesson="5.3", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=_53_finished(size))


async def test_at_120x40_the_charts_keep_their_axes_when_the_run_ends(catalog):
    """4.3's values table grows at the end of its run (the toes and reducing values come after the
    loop): the table took the rows, and both charts shrank to one-line sparklines."""
    from grok_tui.ui.widgets.chart import ChartView
    from grok_tui.ui.widgets.chart_parts import COMPACT_HEIGHT

    app = GrokApp(catalog, start_lesson="4.3", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        lesson = app.screen
        await play_past_questions(pilot, app, lesson)
        await pilot.pause()
        charts = [c for c in lesson.query(ChartView) if c.region]
        assert len(charts) == 2 and all(c.content_region.height >= COMPACT_HEIGHT for c in charts), [
            c.region for c in charts
        ]
        assert all(any("┤" in "".join(t for t, _ in row) for row in c.rows) for c in charts)  # axes, not sparklines


async def test_a_diagram_taller_than_its_panel_says_how_much_is_cut_and_zoom_shows_it(catalog):
    """6.3 at hidden_size 16 in a 100x30 lab: node 15 and the key ran off the panel's bottom edge
    with no sign of them. The last row now says how many lines are below and that z zooms; zoomed,
    the whole diagram shows."""
    app = GrokApp(catalog, start_lesson="6.3", speed=0)
    async with app.run_test(size=(100, 30)) as pilot:
        network = await open_lesson(pilot, app, NetworkPanel)
        await pilot.press("l", "]", "=", "1", "6", "enter")
        await wait_for(pilot, lambda: app.screen.session.params["hidden_size"] == 16, what="hidden_size 16")
        # a changed param runs the lesson again, from the same start
        await wait_for(pilot, lambda: app.screen.ended and network.values, what="the run to end")
        for _ in range(6):
            if network.display and network.region.height:
                break
            await pilot.press("g")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert "more lines below: z zooms" in shown, shown
        assert network.region.bottom <= 30 - 2  # the panel's own edge is on screen
        assert "longer: bigger" not in shown  # the key is among the lines cut
        await focus_panel(pilot, app, network)
        await pilot.press("z")
        await pilot.pause(0.3)
        shown = screen_text(app)
        assert "more lines below" not in shown and "longer: bigger" in shown, shown

"""Pilot tests of the playground panel (6.3's lab): its keys, reached from the lesson text too, its
fit in the side column and the lab, its hidden layer following the lesson's params, and the lab's
arrows going to it unless the params have the focus. (The experiments table and the other lab
tools: test_lab_tools_ui.py.)"""

from __future__ import annotations

import dataclasses

from grok_tui.instruments.playground import Dataset
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from tests.ui.helpers import focus_panel, open_lesson, wait_for


def playground_app() -> GrokApp:
    """Lesson 6.3 with the playground as its only panel."""
    from tests.conftest import LESSONS as COURSE

    catalog = load_catalog(COURSE)  # a fresh one: the session's catalog is shared
    index = catalog.index("6.3")
    catalog.lessons[index] = dataclasses.replace(catalog.lessons[index], panels=("playground",))
    return GrokApp(catalog, start_lesson="6.3", speed=0)


async def test_playground_keys():
    from grok_tui.ui.panels.playground import PlaygroundPanel

    app = playground_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        await focus_panel(pilot, app, panel)
        # it opens on lesson 6.3's four lights, and says its hidden layer is its own (h sets it)
        await wait_for(pilot, lambda: panel.trained is not None, what="training")
        text = panel.shown.plain
        assert text.startswith("XOR-like data set · its own hidden layer: 4 relu nodes (h)")
        assert "✗" in text.split("\n")[2]  # one layer misses a row
        await pilot.press("right", "right", "right", "x")  # row 0's goal: STOP -> WALK
        assert panel.data.rows[0] == [0, 0, 1, 1]
        await wait_for(pilot, lambda: panel.trained is not None, what="training")
        assert "your data set" in panel.shown.plain
        await pilot.press("a", "d")
        assert len(panel.data.rows) == 4
        await pilot.press("3")  # a ready-made set by its number: AND
        assert panel.data == Dataset.preset("AND") and app.focused is panel  # f had given it the focus
        await wait_for(pilot, lambda: panel.trained is not None, what="training")
        assert panel.shown.plain.startswith("AND data set")
        # the lesson's hidden_size sets it: at 1 it said "4 relu nodes" beside `hidden_size ◂ 1 ▸`
        lesson = app.screen
        while lesson.session.selected_param.name != "hidden_size":
            await pilot.press("right_square_bracket")
        await pilot.press("equals_sign", "ctrl+u", "1", "enter")
        await wait_for(pilot, lambda: panel.hidden_size == 1 and panel.trained is not None, what="the param's size")
        assert panel.shown.plain.startswith("AND data set · its own hidden layer: 1 relu node (h)")
        await pilot.press("h")  # h: the next size up
        assert panel.hidden_size == 2


async def test_a_playground_key_reaches_it_from_the_lesson_text():
    """6.3's text says "1 to 4 load a ready-made set"; a learner reading it has the focus in the
    text, not in the playground. `p`, the old key for the next set, opened the previous lesson."""
    from grok_tui.ui.panels.playground import PlaygroundPanel

    app = playground_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        lesson = app.screen
        assert not lesson.lab and app.focused is not panel and not panel.is_on_screen
        await pilot.press("3")  # from the text: the lab comes with the playground, on AND
        assert lesson.lab and panel.is_on_screen and panel.data == Dataset.preset("AND")
        assert app.focused is not panel  # space and the arrows are still the lesson's
        await pilot.press("l", "1")
        assert lesson.lab and panel.is_on_screen and panel.data == Dataset.preset("the book's")
        await pilot.press("p")  # still the lesson's key: no panel here takes it
        await wait_for(pilot, lambda: app.screen is not lesson, what="the previous lesson")
    app = playground_app()
    async with app.run_test(size=(120, 40)) as pilot:  # the text view shows it in the side column
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        lesson = app.screen
        assert not lesson.lab and panel.is_on_screen and app.focused is not panel
        await pilot.press("x")  # row 0's first lamp, as x does with the focus there
        assert not lesson.lab and app.focused is not panel
        assert panel.data.rows[0][0] == 1 - Dataset.preset("XOR-like").rows[0][0]


async def test_the_playground_fits_the_side_column_and_fills_the_lab():
    """At 120x40 the text view's side column is 44 wide: the playground's title, header and
    correlations were cut at its edge; the lab, 74 wide, showed them wrapped at the old width."""
    from grok_tui.ui.panels.playground import PlaygroundPanel

    app = playground_app()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        await wait_for(pilot, lambda: panel.trained is not None and panel.region.width > 0, what="training")
        await pilot.pause()
        narrow = panel.shown.plain.splitlines()
        assert panel.columns < 50 and all(len(line) <= panel.columns for line in narrow), narrow
        assert "relu nodes (h)" in panel.shown.plain and "nodes" in narrow[2] and "R " in narrow[-1]
        await pilot.press("l")
        await wait_for(pilot, lambda: panel.columns > 60, what="the lab's wider panel")
        await pilot.pause()
        wide = panel.shown.plain.splitlines()
        assert wide[0].endswith("relu nodes (h)") and wide[1].endswith("hidden nodes")


async def test_the_playground_follows_the_lessons_activation():
    """6.3 with activation set to linear: the lesson's hidden layer stalls above 1, while the
    playground beside it kept a relu layer and marked every row learnt."""
    from grok_tui.ui.panels.playground import PlaygroundPanel

    app = playground_app()
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        await wait_for(pilot, lambda: panel.trained is not None, what="training")
        assert app.screen.params["activation"] == "relu" and "4 relu nodes" in panel.shown.plain
        await pilot.press("plus")  # activation, the first parameter: relu -> linear, and a re-run
        await wait_for(pilot, lambda: panel.activation == "linear" and panel.trained is not None, what="retrained")
        assert "its own hidden layer: 4 linear nodes (h)" in panel.shown.plain
        assert panel.trained.error_hidden > 1


async def test_in_the_lab_the_arrows_go_to_a_panel_in_view_unless_the_params_have_the_focus():
    """7.5's lab: → on the confusion matrix `g g` had brought changed hidden_size to 68 and threw the
    trained network away; at 120x40 ← meant for the misclassified images flipped relu to tanh.
    Here with 6.3's playground, which has arrows of its own too."""
    from grok_tui.ui.panels.playground import PlaygroundPanel
    from grok_tui.ui.widgets.chart import ChartView
    from grok_tui.ui.widgets.panes import SidePane

    app = playground_app()
    async with app.run_test(size=(80, 24)) as pilot:  # g brings the playground: it takes the focus
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        lesson = app.screen
        await pilot.press("l")
        params = dict(lesson.session.params)
        while not panel.is_on_screen:
            await pilot.press("g")
        assert app.focused is panel
        await pilot.press("right")
        assert panel.col == 1 and lesson.session.params == params
    app = playground_app()
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        lesson = app.screen
        await pilot.press("l")
        params = dict(lesson.session.params)
        side = lesson.query_one(SidePane)
        while not isinstance(app.focused, ChartView):  # a chart: no use for the arrows
            await pilot.press("f")
        await pilot.press("right")  # the playground's, in view: it takes them, and the focus
        assert panel.col == 1 and app.focused is panel and lesson.session.params == params
        await pilot.press("right_square_bracket")  # a param chosen: the params take the focus, and ← →
        assert app.focused is side or side in app.focused.ancestors
        await pilot.press("left")
        await pilot.pause()
        assert panel.col == 1 and lesson.session.params != params
        await pilot.press("right")  # back where it was
        await pilot.pause()
        params = dict(lesson.session.params)
        await focus_panel(pilot, app, panel)
        while not (app.focused is side or side in app.focused.ancestors):
            await pilot.press("f")
        await pilot.press("right")  # the values and params have the focus: the param's
        await pilot.pause()
        assert panel.col == 1 and lesson.session.params != params

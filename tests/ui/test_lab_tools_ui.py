"""Pilot tests of the lab's tools: the experiments table (its rows, sorting, re-running a row,
every parameter value whole), the quiz panel, g and the params' arrows, and sentences in panels
wrapped to their width. (The playground: test_playground_ui.py.)"""

from __future__ import annotations

import dataclasses

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui import lesson_params
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.experiments import ExperimentsPanel
from grok_tui.ui.panels.network import NetworkPanel
from tests.ui.helpers import focus_panel, open_lesson, screen_text, wait_for


def experiments_app(course) -> GrokApp:
    """Lesson 4.5 of the instruments' course with the experiments table as its only panel."""
    index = course.index("4.5")
    course.lessons[index] = dataclasses.replace(course.lessons[index], panels=("experiments",))
    return GrokApp(course, start_lesson="4.5", speed=0)


async def test_experiments_table_rows_sort_and_rerun(course, monkeypatch):
    # The two minus presses below must come within the re-run delay (0.3 s): on a loaded machine
    # they came further apart, and a run per press made three rows, not two.
    monkeypatch.setattr(lesson_params, "RESTART_DELAY", 1.0)
    app = experiments_app(course)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_lesson(pilot, app, ExperimentsPanel)
        lesson = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: lesson.run_state.done, what="the first run")
        lesson.session.selected = 0  # alpha
        await pilot.press("minus", "minus")  # alpha 1 -> 0.1: the lesson re-runs once the keys rest
        await wait_for(pilot, lambda: len(panel.table.rows) == 2 and lesson.run_state.done, what="the second run")
        first, second = panel.table.rows
        assert first.label() == "defaults" and first.outcome() == "growing (20 steps)"
        assert second.label() == "alpha=0.1" and second.final < 1e-8
        assert app.focused is not panel
        await pilot.press("b")  # best first (by final error), whichever pane has the focus
        assert app.focused is not panel and panel.is_on_screen  # the lab came; the focus stayed
        assert [r.number for r in panel.table.ordered()] == [2, 1]
        assert "sorted by final error" in panel.shown.plain
        await focus_panel(pilot, app, panel)  # its arrows and enter need the focus
        assert "b by run" in str(panel.border_subtitle)  # what b does next ("best first" stayed)
        await pilot.press("down", "enter")  # re-run row 1: the defaults
        await wait_for(pilot, lambda: len(panel.table.rows) == 3 and lesson.run_state.done, what="the re-run")
        assert lesson.params["alpha"] == 1.0 and panel.table.rows[2].label() == "defaults"


async def test_an_experiment_row_says_paused_while_its_run_is(course):
    """A paused run records no step: the row said "running, step 1" beside a status line saying paused."""
    app = experiments_app(course)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, ExperimentsPanel)
        lesson = app.screen
        await pilot.press("l", "s")  # the lab, where the panel shows; a run paused after its first step
        await wait_for(pilot, lambda: "paused, step 1" in panel.shown.plain, what="the paused row")
        assert lesson.run_state.value == "paused"
        await pilot.press("space")  # resume: it plays to its end
        await wait_for(pilot, lambda: lesson.run_state.done, what="the end of the run")
        await wait_for(pilot, lambda: "growing (20 steps)" in panel.shown.plain, what="the finished row")
        assert "paused" not in panel.shown.plain and "running" not in panel.shown.plain


def test_experiment_rows_show_every_parameter_value_whole():
    """Cut at a fixed 24 columns, 6.2's "update=per pass, alpha=0.65" read "alpha=0"."""
    from grok_tui.instruments.experiments import Table
    from grok_tui.ui.panels.experiments import table_text

    table = Table("error")
    row = table.start({"update": "per pass", "alpha": 0.65}, {"update": "per light", "alpha": 0.1})
    row.see(1, 0.5)
    row.state = "finished"
    wide = table_text(table, None, 76).plain.splitlines()
    assert wide[1].split()[:4] == ["1", "update=per", "pass,", "alpha=0.65"]
    narrow = table_text(table, 0, 44).plain.splitlines()  # the label goes on over a second line
    assert narrow[1].split()[:3] == ["1", "update=per", "pass,"] and narrow[2].strip() == "alpha=0.65"
    assert all(len(line) <= 44 for line in narrow)


def test_a_setting_and_an_outcome_too_long_for_their_columns_go_on_whole_on_the_next_line():
    """4.5 at 120x40 (the table 44 columns wide): "alpha=0.0316228" was broken as "alpha=0.03" over
    "16228", and "converged by step 15" lost its step at the panel's edge."""
    from grok_tui.instruments.experiments import Table
    from grok_tui.ui.panels.experiments import table_text

    table = Table("error")
    for alpha, final in ((0.1, 1.485e-10), (0.0316228, 2.345e-4)):
        row = table.start({"alpha": alpha}, {"alpha": 1.0})
        for i in range(1, 21):
            row.see(i, 1.0 if i == 1 else final if i >= 15 else 0.5)
        row.state = "finished"
    lines = table_text(table, None, 44).plain.splitlines()
    assert all(len(line) <= 44 for line in lines), lines
    assert lines[1].split()[:4] == ["1", "alpha=0.1", "1.485e-10", "converged"]
    assert lines[2].split() == ["step", "15"]  # the step goes with its word
    assert any("alpha=0.0316228" in line for line in lines)


async def test_the_experiments_panel_under_the_charts_shows_every_row_it_has_room_for(course):
    """At 120x40 the panel is as tall as what it shows: windowed to the height it had, it kept it
    (3 of 5 rows, "rows 3-5 of 5, ↑↓ more", over empty room)."""
    app = experiments_app(course)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, ExperimentsPanel)
        lesson = app.screen
        for alpha in ("1", "0.3", "0.1", "0.03", "0.01"):
            await pilot.press("equals_sign", *alpha, "enter")
            ran = lambda value=float(alpha): lesson.run_state.done and lesson.params["alpha"] == value  # noqa: E731
            await wait_for(pilot, ran, what=f"the run at alpha {alpha}")
        await wait_for(pilot, lambda: len(panel.table.rows) == 5 and "alpha=0.01 " in panel.shown.plain, what="5 rows")
        await pilot.pause()
        shown = panel.shown.plain
        assert "of 5" not in shown and all(f" {n} alpha=" in shown for n in range(2, 6)), shown
        assert "converged by\n" in shown and "step 15" in shown  # the outcome goes on whole
        assert panel.region.height == len(shown.splitlines()) + 2  # as tall as the table, in its border


def test_the_experiments_table_keeps_the_newest_run_or_the_selection_in_view():
    """6.2 at 80x24 after ten runs: rows 1-9 showed, the newest run (10) did not, and ↓ moved a
    selection nobody could see."""
    from grok_tui.instruments.experiments import Table
    from grok_tui.ui.panels.experiments import table_text

    table = Table("error")
    for k in range(10):
        row = table.start({"alpha": 0.1 * (k + 1)}, {"alpha": 0.1})
        row.see(1, float(k))
        row.state = "finished"
    numbers = lambda text: [int(line.split()[0]) for line in text.plain.splitlines()[1:-1]]  # noqa: E731
    newest = table_text(table, None, 60, height=8)
    assert numbers(newest) == [5, 6, 7, 8, 9, 10] and "rows 5-10 of 10, ↑↓ more" in newest.plain
    first = table_text(table, 0, 60, height=8)
    assert numbers(first) == [1, 2, 3, 4, 5, 6]
    assert numbers(table_text(table, 7, 60, height=8)) == [3, 4, 5, 6, 7, 8]
    assert numbers(table_text(table, 7, 60)) == list(range(1, 11))  # no height: every row


async def test_panel_sentences_are_wrapped_whole_in_the_side_column(course):
    """Panels do not wrap what they show; at 120x40 the network's waiting line lost its end."""
    app = GrokApp(course, start_lesson="6.4", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_lesson(pilot, app, NetworkPanel)
        await wait_for(pilot, lambda: panel.region.height > 3, what="the network panel")
        await pilot.pause()
        rows = screen_text(app).splitlines()[panel.region.y : panel.region.bottom]
        shown = " ".join(" ".join(row[panel.region.x : panel.region.right].strip("│ ") for row in rows).split())
        assert "Run the lesson (space) or step it (s): the network appears here." in shown
        assert all(line.cell_len <= panel.columns for line in panel.shown.split("\n"))


async def test_a_new_run_brings_the_chart_back_in_place_of_the_quiz(course):
    """4.5 at 80x24: after the chapter quiz (its panel in the chart's place, focused), a learner
    changed alpha as the text says, and the re-run's overshoot played behind "Last answers: 3/5"."""
    from grok_tui.ui.panels.quiz import QuizPanel
    from grok_tui.ui.widgets.chart import ChartView

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("l")
        await wait_for(pilot, lambda: len(screen.query(QuizPanel)) == 1, what="the quiz panel")
        quiz = screen.query_one(QuizPanel)
        await focus_panel(pilot, app, quiz)
        await pilot.pause()
        assert quiz.display and all(c.has_class("-not-main") for c in screen.query(ChartView))
        await pilot.press("minus")  # alpha down: a re-run
        await wait_for(pilot, lambda: screen.session.run is not None, what="the re-run")
        await pilot.pause()
        charts = list(screen.query(ChartView))
        assert not charts[0].has_class("-not-main") and not quiz.display, "the quiz still in the chart's place"
        assert app.focused is not quiz


async def test_capital_f_goes_to_the_quiz_while_the_status_line_offers_it(course):
    """7.6 at 120x40, lab: the status line said "F chapter quiz", and F went to the pane before the
    focused one; enter there opened the `set dropout` box."""
    from grok_tui.ui.panels.quiz import QuizPanel
    from grok_tui.ui.screens.quiz import QuizScreen
    from grok_tui.ui.widgets.panes import SidePane
    from grok_tui.ui.widgets.status import StatusLine
    from tests.ui.helpers import text_of

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("minus", "minus")  # alpha 0.1: a run that learns, to its end
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.1 and screen.run_state.done, what="the re-run")
        await pilot.press("l")
        await wait_for(pilot, lambda: len(screen.query(QuizPanel)) == 1, what="the lab")
        await wait_for(pilot, lambda: "F chapter quiz" in text_of(screen.query_one(StatusLine)), what="the offer")
        for pane in (screen.query_one(SidePane), screen.query_one(QuizPanel)):  # from any pane, the quiz too
            screen.set_focus(pane)
            await pilot.pause()
            await pilot.press("F")
            await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is screen, what="the lesson again")


async def test_the_quiz_panel_asks_to_focus_it_only_while_it_is_not():
    """Focused (F brought it), the panel still said "Focus here (f) and press enter"."""
    from textual.app import App
    from textual.widgets import Input

    from grok_tui.ui.panels.quiz import QuizPanel

    course = load_catalog()

    class Host(App):
        def compose(self):
            yield Input()  # takes the first focus, as the lesson's text does
            yield QuizPanel(course.get("4.5"))

    app = Host()
    app.catalog = course  # the panel reads the chapter's quiz from the app's catalog
    async with app.run_test(size=(80, 10)) as pilot:
        panel = app.query_one(QuizPanel)
        await pilot.pause()
        assert "Focus here (f) and press enter" in str(panel.render())
        panel.focus()
        await pilot.pause()
        said = str(panel.render())
        assert "Focus here" not in said and "questions. Press enter." in said, said


async def test_g_shows_every_panel_in_turn_before_the_first_chart_again(catalog):
    """6.3's lab at 80x24: g alternated between the error chart and the playground; the network
    diagram, panel 2/2, was found only by f (a trial)."""
    app = GrokApp(catalog, start_lesson="6.3", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.screen.query(".lesson-panel"), what="the lesson with its panels")
        lesson = app.screen
        await pilot.press("l")
        await pilot.pause()
        charts, panels = lesson._charts(), lesson.panels.widgets
        assert len(panels) >= 2
        seen = []
        for _ in range(len(charts) + len(panels)):
            await pilot.press("g")
            await pilot.pause()
            seen.append(next(w for w in [*charts, *panels] if w.is_on_screen))
        assert seen == [*charts[1:], *panels, charts[0]], seen


async def test_a_click_on_a_params_arrows_changes_it_and_on_its_row_selects_it(small_catalog):
    """A learner with a mouse clicked `◂ 2 ▸` first, and nothing happened (the rows took no clicks)."""
    from grok_tui.ui.screens.lesson import LessonScreen
    from grok_tui.ui.widgets.params import ParamsView

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    app.told_where_running = True
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("l")
        view = screen.query_one(ParamsView)
        await wait_for(pilot, lambda: view.region.height > 0 and bool(view._rows), what="the params")
        dx, dy = view.content_region.x - view.region.x, view.content_region.y - view.region.y
        names = [p.name for p in screen.lesson.params]
        row = next(n for n, (i, _, _) in enumerate(view._rows) if names[i] == "input")
        index, left, right = view._rows[row]
        await pilot.click(ParamsView, offset=(dx + 3, dy + row))  # on its name: selected, unchanged
        await pilot.pause()
        assert screen.session.selected == index and screen.session.params["input"] == 2.0
        await pilot.click(ParamsView, offset=(dx + right, dy + row))  # ▸: one step up, as +
        await pilot.pause()
        assert screen.session.params["input"] == 2.5
        await pilot.click(ParamsView, offset=(dx + left, dy + row))  # ◂: back down, as -
        await pilot.pause()
        assert screen.session.params["input"] == 2.0

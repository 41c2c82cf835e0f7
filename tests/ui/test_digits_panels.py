"""Pilot tests of the chapter 7 panels: fed a real (short) training run, they render and answer keys."""

from __future__ import annotations

import re

import numpy as np
import pytest

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from tests.conftest import LESSONS
from tests.ui.digits_helpers import CLASSIFIER, PanelApp, text_of
from tests.ui.helpers import screen_text, wait_for

PANELS = ["confusion_matrix", "misclassified", "hidden_weights", "drawing_pad", "digit_gallery"]


async def test_every_panel_waits_then_renders_a_finished_run(trained):
    lesson, ns = trained
    app = PanelApp(lesson, PANELS)
    async with app.run_test(size=(80, 24)) as pilot:
        panels = [app.query_one(f"#{name}") for name in PANELS]
        assert "Run the lesson" in text_of(panels[0])
        for panel in panels:
            panel.run_started()
        assert "Training" in text_of(panels[0])
        for panel in panels:
            panel.run_finished(ns)
        await pilot.pause()
        matrix = text_of(panels[0])
        assert "true\\said" in matrix and "/450 right" in matrix
        assert "of" in text_of(panels[1]) and "said" in text_of(panels[1])
        assert "unit 0" in text_of(panels[2]) and " of 64" in text_of(panels[2])
        assert "reads" in text_of(panels[3])
        assert "image 0 of 0-1796" in text_of(panels[4])


async def test_a_run_that_ends_early_is_said_to_have_left_nothing(trained):
    """7.3 at alpha 64 diverged at epoch 7; its panel still said "Training... the panel fills when
    the run finishes"."""
    lesson, ns = trained
    app = PanelApp(lesson, ["hidden_weights"])
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#hidden_weights")
        for state, words in [("diverged", "diverged before its end"), ("failed", "error"), ("cancelled", "stopped")]:
            panel.run_started()
            panel.run_state_changed("running")
            assert "Training" in text_of(panel)
            panel.run_state_changed(state)
            await pilot.pause()
            assert "Training" not in text_of(panel) and words in text_of(panel), state
        panel.border_title = "▶ " + str(panel.border_title)  # as the lesson screen marks the focused pane
        panel.run_finished(ns)  # a finished run's drawing is not replaced by a later state
        panel.run_state_changed("finished")
        await pilot.pause()
        assert "unit 0" in text_of(panel)
        assert str(panel.border_title).startswith("▶ ")  # the end of a run kept the focus but lost its mark


async def test_a_diverged_run_with_finite_weights_shows_them(trained):
    """7.3 at alpha 64 ends "loss became nan 0 x log 0", the text saying the nan is in the loss, not
    the still finite weights; the panel said "diverged before its end: there is nothing to show"."""
    lesson, ns = trained
    app = PanelApp(lesson, ["hidden_weights"])
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#hidden_weights")
        panel.run_started()
        panel.run_state_changed("diverged")
        panel.run_diverged(ns)
        await pilot.pause()
        assert "unit 0" in text_of(panel) and "nothing to show" not in text_of(panel)
        panel.run_started()  # weights gone to nan: nothing to draw, and it says why
        panel.run_state_changed("diverged")
        panel.run_diverged({**ns, "weights_0_1": np.full_like(ns["weights_0_1"], np.nan)})
        await pilot.pause()
        assert "diverged before its end: there is nothing to show" in text_of(panel)


async def test_the_dead_units_are_marked_under_their_tiles(trained):
    """7.5's text sends the learner to its dead units 0, 61 and 62; the panel drew them like any."""
    lesson, ns = trained
    app = PanelApp(lesson, ["hidden_weights"])
    async with app.run_test(size=(80, 40)) as pilot:
        panel = app.query_one("#hidden_weights")
        panel.run_finished({**ns, "dead": np.array([0, 61, 62])})
        await pilot.pause()
        assert "unit 0, dead " in text_of(panel) and "of 64, ↑↓ more" in text_of(panel)
        panel.action_move(1)
        await pilot.pause()
        assert "0 dead" in text_of(panel) and "unit 1 " in text_of(panel) and "1, dead" not in text_of(panel)
        assert not re.search(r"(?<!\d)1 dead", text_of(panel))
        panel.run_finished({**ns, "dead": "not a list of units"})  # a lesson's own `dead` of another kind
        await pilot.pause()
        assert "dead" not in text_of(panel)


async def test_panels_without_their_data_say_so(trained):
    lesson, _ = trained
    app = PanelApp(lesson, ["confusion_matrix", "hidden_weights"])
    async with app.run_test(size=(80, 24)) as pilot:
        for panel in app.query("DigitsPanel"):
            panel.run_finished({"weights_0_1": "not an array of 64 rows"})
        await pilot.pause()
        assert "nothing to show" in text_of(app.query_one("#confusion_matrix"))
        assert "Cannot show" in text_of(app.query_one("#hidden_weights"))


async def test_confusion_matrix_cursor_moves_with_arrows(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["confusion_matrix"])
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#confusion_matrix")
        panel.run_finished(ns)
        panel.focus()
        assert panel.counts.sum() == 450
        start = panel.cursor
        assert start[0] != start[1]  # it opens on the most frequent mistake
        await pilot.press("down", "right", "right")
        assert panel.cursor == ((start[0] + 1) % 10, (start[1] + 2) % 10)
        r, c = panel.cursor
        assert f"{panel.counts[r, c]} " in text_of(panel)


@pytest.mark.parametrize("width", [48, 80])
async def test_the_confusion_matrix_says_its_cell_whole_under_it_or_beside_it(trained, width):
    """At 120x40 the text view's side column leaves the matrix 44 columns: its footer ended
    "(enter)  ·  441/4", the count of right answers cut. 7.5's lab at 80x24 had room for the matrix
    only, and the line under it, which says enter shows those digits, was cut off: where the matrix
    leaves the room, it goes beside it."""
    lesson, ns = trained
    app = PanelApp(lesson, ["confusion_matrix"])
    async with app.run_test(size=(width, 24)):
        panel = app.query_one("#confusion_matrix")
        panel.run_finished(ns)
        right, total = int(np.trace(panel.counts)), int(panel.counts.sum())
        lines = text_of(panel).splitlines()
        r, c = panel.cursor
        assert panel.counts[r, c] > 0
        if width == 48:
            assert len(lines) == 12  # the header, ten digits, one line under them
            assert lines[-1] == f"{panel.counts[r, c]}× {r} read as {c} (enter) · {right}/{total} right"
            assert all(len(line) <= panel.columns for line in lines)
        else:
            assert len(lines) == 11, lines  # the header and ten digits: nothing under them
            n = int(panel.counts[r, c])  # "2 times a 8" and "1 times" read wrong
            said = f"one test {r} read as {c} (enter)" if n == 1 else f"{n} test {r}s read as {c} (enter)"
            assert lines[1].rstrip().endswith(said), lines[1]
            assert lines[2].rstrip().endswith(f"{right}/{total} right"), lines[2]


async def test_misclassified_browser_walks_the_mistakes(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["misclassified"])
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#misclassified")
        panel.run_finished(ns)
        panel.focus()
        wrong = len(panel.wrong)
        assert wrong == np.sum(panel.probs.argmax(1) != panel.labels) > 0
        first = panel.current
        assert panel.probs[first].argmax() != panel.labels[first]
        before = text_of(panel)
        await pilot.press("right")
        assert panel.index == 1 and panel.current != first
        assert text_of(panel) != before and f"2 of {wrong}" in text_of(panel)
        await pilot.press("left", "left")
        assert panel.index == wrong - 1  # wraps around


async def test_hidden_weights_select_units(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["hidden_weights"])
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#hidden_weights")
        panel.run_finished(ns)
        panel.focus()
        await pilot.press("right", "right")
        assert panel.selected == 2 and "unit 2 " in text_of(panel)
        # the caption says which units the page shows (7.3's side panel showed digits 0-7 of 10,
        # and nothing told a learner that 8 and 9 were a ↓ away)
        page = panel.page
        assert len(page) < 64 and f"{page.start}-{page.stop - 1} of 64, ↑↓ more" in text_of(panel)
        # and that each tile has its own scale (a faint tile is no weak unit): before the colours'
        # key, which took the room at 120x40 (a trial)
        assert "each tile on its own scale" in text_of(panel)
        await pilot.press("down")
        assert panel.selected == 2 + panel.per_row


async def test_the_arrows_move_on_the_grid_of_tiles_without_wrapping_and_the_scale_is_said(trained):
    """7.3's ten templates at 100x30 sit nine and one: ↓ from the 1 went to the 0 (1 + 9 wrapped
    round ten), up and to the left; and each tile has its own colour scale, which nothing said."""
    lesson, ns = trained
    app = PanelApp(lesson, ["hidden_weights"])
    async with app.run_test(size=(96, 30)) as pilot:
        panel = app.query_one("#hidden_weights")
        ten = {**ns, "weights_0_1": ns["weights_0_1"][:, :10]}
        panel.run_finished(ten)
        panel.focus()
        await pilot.pause()
        assert panel.per_row == 9, panel.per_row
        await pilot.press("right", "down")  # from the 1: to the short last row's 9
        assert panel.selected == 9
        await pilot.press("down")  # the last row: stays
        assert panel.selected == 9
        await pilot.press("up", "up")  # to the 0 above it, then stays at the top
        assert panel.selected == 0
        await pilot.resize_terminal(140, 30)  # room for the caption's every part
        await pilot.pause()
        caption = text_of(panel).splitlines()[-1]
        assert caption.endswith("each tile on its own scale  orange +, blue −"), caption


async def test_narrow_panels_summarise_or_shrink(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["confusion_matrix", "drawing_pad", "misclassified"])
    async with app.run_test(size=(33, 40)) as pilot:  # 29 columns inside border and padding
        for panel in app.query("DigitsPanel"):
            panel.run_finished(ns)
        await pilot.pause()
        matrix = text_of(app.query_one("#confusion_matrix"))
        assert "/450 right" in matrix and "z: zoom" in matrix and "true\\said" not in matrix
        pad = text_of(app.query_one("#drawing_pad"))
        assert "reads" in pad and all(len(line) <= 29 for line in pad.splitlines())
        wrong = text_of(app.query_one("#misclassified"))
        assert "said" in wrong and all(len(line) <= 29 for line in wrong.splitlines()[1:])


async def test_very_narrow_mistakes_and_gallery_show_image_then_words(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["misclassified", "digit_gallery"])
    async with app.run_test(size=(22, 40)) as pilot:
        for panel in app.query("DigitsPanel"):
            panel.run_finished(ns)
        await pilot.pause()
        wrong = app.query_one("#misclassified")
        lines = text_of(wrong).splitlines()
        i = wrong.current
        assert lines[8] == f"a {wrong.labels[i]}, said {wrong.probs[i].argmax()} {wrong.probs[i].max():.0%}"
        assert text_of(app.query_one("#digit_gallery")).splitlines()[8] == "image 0: a 0"


async def open_classifier_with_panel(pilot, app, name: str, ns):
    """The classifier lesson at the app's size, `name` focused with f (as a learner does), fed a finished run."""
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, LessonScreen) and app.screen.panels.widgets,
        what="the classifier lesson with its panels",
    )
    screen = app.screen
    panel = next(w for w in screen.panels.widgets if type(w).__module__.endswith(name))
    for widget in screen.panels.widgets:
        widget.run_finished(ns)
    for _ in range(8):
        if app.focused is panel:
            break
        await pilot.press("f")
    assert app.focused is panel
    await pilot.pause()
    return panel


async def test_hidden_units_selection_reaches_every_unit_at_80_columns(trained):
    _, ns = trained
    app = GrokApp(load_catalog(LESSONS), start_lesson=CLASSIFIER, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = await open_classifier_with_panel(pilot, app, "hidden_weights", ns)
        units = panel.weights.shape[1]
        shown = set()
        for unit in range(units):
            assert panel.selected == unit
            assert f"▶{unit}◀" in screen_text(app), f"unit {unit} selected but not on screen"
            shown.add(unit)
            await pilot.press("right")
        assert shown == set(range(units)) and panel.selected == 0  # wrapped round
        await pilot.press("z")  # zoomed: more units a page, still every one reachable
        await pilot.press("left")
        await pilot.pause()
        assert panel.selected == units - 1 and f"▶{units - 1}◀" in screen_text(app)


async def test_an_arrow_redraws_the_labels_not_the_tiles_and_the_screen_follows(trained, monkeypatch):
    """Drawing every tile again cost up to 150 ms of CPU an arrow (64 tiles zoomed at 120x40): the
    tiles are drawn once per run and page, an arrow only moves the mark."""
    from grok_tui.ui.panels import hidden_weights

    drawn = []
    real = hidden_weights.digit_text
    monkeypatch.setattr(hidden_weights, "digit_text", lambda *a, **k: drawn.append(1) or real(*a, **k))
    _, ns = trained
    app = GrokApp(load_catalog(LESSONS), start_lesson=CLASSIFIER, speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        panel = await open_classifier_with_panel(pilot, app, "hidden_weights", ns)
        await pilot.press("z")
        await pilot.pause()
        page = panel.page
        assert len(page) > 8 and len(drawn) == len(set(range(panel.weights.shape[1])) & set(page))
        drawn.clear()
        for unit in range(1, 6):
            await pilot.press("right")
            await pilot.pause()
            text = screen_text(app)
            assert f"▶{unit}◀" in text and f"▶{unit - 1}◀" not in text
            assert f"unit {unit} of {panel.weights.shape[1]}" in text
        assert drawn == [] and panel.page == page
        panel.run_finished(ns)  # a new run: its weights are drawn afresh
        await pilot.pause()
        assert len(drawn) == len(page)


async def test_enter_on_a_confusion_cell_browses_that_cells_mistakes(trained):
    _, ns = trained
    app = GrokApp(load_catalog(LESSONS), start_lesson=CLASSIFIER, speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        matrix = await open_classifier_with_panel(pilot, app, "confusion_matrix", ns)
        r, c = matrix.cursor
        assert r != c and matrix.counts[r, c] > 0  # it opens on the most frequent mistake
        await pilot.press("enter")
        await pilot.pause()
        from grok_tui.ui.panels._mistakes_screen import MistakesScreen

        assert isinstance(app.screen, MistakesScreen)
        browser = app.screen.browser
        assert app.focused is browser and len(browser.wrong) == matrix.counts[r, c]
        guesses = browser.probs.argmax(axis=1)
        assert all(browser.labels[i] == r and guesses[i] == c for i in browser.wrong)
        assert f"1 of {matrix.counts[r, c]}" in screen_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, LessonScreen) and app.focused is matrix
        matrix.cursor = (r, r)  # the diagonal: right answers, nothing to browse
        await pilot.press("enter")
        assert isinstance(app.screen, LessonScreen)
        assert any("diagonal" in n.message for n in app._notifications)


def test_the_weights_panel_names_templates_before_a_run_where_there_is_no_hidden_layer(catalog):
    """7.3 (no hidden layer) said "hidden units' input weights" until its first run finished."""
    from grok_tui.ui.panels.hidden_weights import TEMPLATES, Panel

    one_layer = Panel(catalog.get("7.3"))
    assert one_layer.templates and one_layer.border_title == TEMPLATES and "each digit" in one_layer.status
    hidden = Panel(catalog.get("7.5"))
    assert not hidden.templates and hidden.border_title == Panel.TITLE and "hidden unit" in hidden.status
    assert one_layer.keys() == "←→↑↓ digit" and hidden.keys() == "←→↑↓ unit"  # its caption too


def test_a_cell_of_one_colour_is_drawn_with_one_colour_code():
    """From scale 2 on, both halves of every cell are one pixel: a space on its colour shows the same
    as '▀' in it twice, for half the colour codes (7.1's gallery sent 2.3 KB an image at 120x40)."""
    from rich.color import Color

    from grok_tui.ui.panels._digits_base import digit_text, grey

    pixels = np.arange(64) % 17
    big = digit_text(pixels, scale=2)
    cells = [(span.style, line.plain[span.start : span.end]) for line in big for span in line.spans]
    assert {text for _, text in cells} == {" "} and len(big) == 8 and all(len(line) == 16 for line in big)
    assert all(" on " not in str(style) and str(style).startswith("on ") for style, _ in cells)
    # the same picture: each cell's background is its pixel's grey, row by row
    first = [Color.parse(str(cells[i][0])[3:]) for i in range(16)]
    assert first[0] == Color.parse(grey(0.0)) and first[2] == Color.parse(grey(1 / 16))
    small = digit_text(pixels, scale=1)  # two pixel rows a cell: the half block stays
    assert all(set(line.plain) == {"▀"} for line in small)


async def test_a_run_reset_before_its_end_puts_the_panel_back_to_waiting(trained):
    """7.5 started, paused and reset (r): the status line said "ready" and the panel still said
    "Training... the panel fills when the run finishes." A finished run's picture stays."""
    lesson, ns = trained
    app = PanelApp(lesson, ["misclassified"])
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one("#misclassified")
        panel.run_started()
        await pilot.pause()
        assert "Training..." in text_of(panel)
        panel.run_reset()
        await pilot.pause()
        assert text_of(panel) == panel.WAITING and "Training" not in text_of(panel)
        panel.run_finished(ns)
        shown = text_of(panel)
        panel.run_reset()  # the last run is kept to compare with
        await pilot.pause()
        assert text_of(panel) == shown

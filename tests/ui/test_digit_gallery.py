"""The digit gallery (7.1, 7.5): it follows a run, browses the whole set after it, and draws its
large digit bigger when zoomed."""

from __future__ import annotations

import numpy as np

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels import panel_class
from grok_tui.ui.screens.lesson import LessonScreen
from tests.ui.digits_helpers import PanelApp, text_of
from tests.ui.helpers import wait_for


async def test_gallery_follows_the_run_then_browses(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["digit_gallery"])
    async with app.run_test(size=(80, 24)) as pilot:
        gallery = app.query_one("#digit_gallery")
        gallery.run_stepped({"number": 7, "label": 7, "image": np.full((8, 8), 16.0)})
        assert gallery.ready and "image 7" in text_of(gallery)
        gallery.run_finished(ns)
        await pilot.pause()
        # its picture offers the arrows only while they reach it: unfocused, → changed 7.1's `first`
        # and restarted the run, under a caption that said "←/→"
        assert "←/→" not in text_of(gallery)
        gallery.focus()
        await pilot.pause()
        assert "←/→" in text_of(gallery)
        assert gallery.index == 7  # browsing carries on from the last image shown
        await pilot.press("right", "pagedown")
        assert gallery.index == 18 and "image 18 of 0-1796" in text_of(gallery)
        # The selected tile's label is marked as in 7.5's hidden-weights panel, not by a colour
        # alone: ←/→ move the mark along the strip while the tiles stay put.
        label = f"▶{gallery.labels[18]}◀"
        assert text_of(gallery).count("▶") == 1 and label in text_of(gallery)
        await pilot.press("right")
        assert f"▶{gallery.labels[19]}◀" in text_of(gallery) and text_of(gallery).count("▶") == 1


class Zooming(PanelApp):
    CSS = ".-maximized { height: 1fr; }"  # as the lesson screen's z (grok.tcss)


async def test_the_gallery_digit_grows_when_zoomed(trained):
    """7.1 at 80x24: z zoomed the gallery, and its digit stayed 8 rows high over an empty screen."""
    lesson, ns = trained

    app = Zooming(lesson, ["digit_gallery"])
    async with app.run_test(size=(80, 24)) as pilot:
        gallery = app.query_one("#digit_gallery")
        gallery.run_finished(ns)
        await pilot.pause()
        assert len(str(gallery.render()).splitlines()) == 8  # unzoomed here: 16x8 cells
        app.screen.maximize(gallery)
        await pilot.pause()
        lines = str(gallery.render()).splitlines()
        assert len(lines) >= 16 and len(gallery.render().split()[0]) >= 32, lines[:2]
        assert "label" in "".join(lines) and all(len(line) <= gallery.columns for line in lines)


async def test_the_gallery_browses_the_whole_set_after_a_run_and_a_redraw(catalog):
    """7.1 feeds the gallery one image a step, then leaves all 1797: the run's last step must not
    come after its end, nor again when `l` redraws, or ←/→ would browse a set of one image."""
    app = GrokApp(catalog, start_lesson="7.1", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen) and app.screen.lab_built, what="the lab")
        screen = app.screen
        gallery = screen.query_one(panel_class("digit_gallery"))
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.ended, what="the end of the run")
        await pilot.pause()
        assert len(gallery.labels) == 1797 and gallery.index == 11  # from the last image the run showed
        await pilot.press("l")  # the lab view: values, charts and panels drawn again
        await pilot.pause()
        assert len(gallery.labels) == 1797
        gallery.focus()  # (outside the gallery, → would change a param and start a new run)
        await pilot.press("right", "pagedown")
        assert gallery.index == 22 and "image 22 of 0-1796" in text_of(gallery)


async def test_zoomed_templates_grow_while_all_ten_still_fit(trained):
    """7.3 at 120x40: z on its ten digit templates kept them 8x4 cells over an empty screen."""
    lesson, _ = trained
    rng = np.random.default_rng(0)
    ns = {"weights": rng.normal(size=(64, 10)), "train_images": rng.random((20, 64))}

    app = Zooming(lesson, ["hidden_weights"])
    async with app.run_test(size=(120, 40)) as pilot:
        panel = app.query_one("#hidden_weights")
        panel.run_finished(ns)
        await pilot.pause()
        assert panel.scale == 1
        app.screen.maximize(panel)
        await pilot.pause()
        assert panel.scale >= 2 and len(panel.page) == 10
        rows = [panel.render_line(y).text for y in range(panel.size.height)]
        labels = [row for row in rows if "▶0◀" in row]
        assert labels and all(str(d) in labels[0] + "".join(rows) for d in range(10))
        # each template is 8 weights across, scale cells each: the first row of tiles is that tall
        first = rows.index(labels[0])
        assert first == 4 * panel.scale, (first, panel.scale)


async def test_the_caption_keeps_the_label_where_the_column_is_narrow(trained):
    """7.1 at 120x40 with `first` 1000: "image 1011 of 1797  label" lost its digit to the border."""
    lesson, ns = trained
    app = PanelApp(lesson, ["digit_gallery"])
    async with app.run_test(size=(46, 24)) as pilot:  # the 120x40 side column's width
        gallery = app.query_one("#digit_gallery")
        gallery.run_finished(ns)
        gallery.index = 1011
        gallery.refresh()
        await pilot.pause()
        label = str(gallery.labels[1011])
        caption = next(line for line in text_of(gallery).splitlines() if "label" in line)
        assert caption.rstrip().endswith(f"label {label}") and len(caption.rstrip()) <= gallery.columns, caption

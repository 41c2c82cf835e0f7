"""Pilot tests of the drawing pad (7.5): shading from the keyboard and the mouse, the network's
reading, its layouts from very narrow to zoomed."""

from __future__ import annotations

import dataclasses

import numpy as np

from grok_tui.lesson.catalog import Catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.lesson import LessonScreen
from tests.ui.digits_helpers import PanelApp, text_of
from tests.ui.helpers import screen_text, wait_for


def with_panels(catalog: Catalog, *panels: str) -> GrokApp:
    """The small course's 4.5, showing these panels only (no training needed to draw)."""
    index = catalog.index("4.5")
    catalog.lessons[index] = dataclasses.replace(catalog.lessons[index], panels=panels)
    return GrokApp(catalog, start_lesson="4.5", speed=0)


async def panels_shown(pilot, app: GrokApp) -> list:
    """The lesson's panels, once the lesson screen shows them all."""
    count = len(app.catalog.get("4.5").panels)
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, LessonScreen) and len(app.screen.panels.widgets) == count,
        what="the lesson with its panels",
    )
    return list(app.screen.panels.widgets)


async def test_drawing_pad_draws_and_classifies(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["drawing_pad"])
    async with app.run_test(size=(80, 24)) as pilot:
        pad = app.query_one("#drawing_pad")
        pad.focus()
        await pilot.press("space")
        assert pad.pixels[0, 0] == 1.0 and pad.probs is None  # drawing works before training
        pad.run_finished(ns)
        await pilot.press("x")
        assert pad.pixels.sum() == 0
        assert "empty, yet it reads " in text_of(pad)  # it answers even for nothing
        # ...in one line: the ten digits' lines still fit beside the grid (at 80x24 the 9 fell out)
        assert "┘  9 " in pad.draw().plain  # the digit 9 beside the frame's last line
        # A thick vertical stroke, drawn with the pen down: columns 3 and 4, top to bottom.
        await pilot.press(*["right"] * 3, "d", *["down"] * 7, "d", "right", "d", *["up"] * 7, "d")
        assert pad.pixels[:, 3:5].sum() == 16 and pad.pixels.sum() == 16
        assert pad.guess == 1, pad.probs
        assert "reads 1 " in text_of(pad) and "empty" not in text_of(pad)
        await pilot.press("space")  # full ink -> half ink
        assert pad.pixels[0, 4] == 0.5
        await pilot.press("t")  # copy the first test image onto the pad
        assert np.allclose(pad.pixels.ravel(), ns["test_images"][0])
        assert pad.guess == int(np.argmax(ns["predict"](ns["test_images"][:1])))
        truth = int(ns["test_labels"][0])
        assert f"test 0: a {truth}" in text_of(pad) and "edited" not in text_of(pad)  # what it should read
        await pilot.press("space")  # one pixel changed: no longer the test image as it was
        assert f"test 0: a {truth}, edited" in text_of(pad)
        await pilot.press("x")
        assert "test 0" not in text_of(pad)


async def test_clicking_the_pad_shades_the_pixel_under_the_mouse(trained):
    lesson, _ns = trained
    for size, top in (((80, 24), 2), ((22, 24), 1)):  # the frame's top; wide: a title line above it
        app = PanelApp(lesson, ["drawing_pad"])
        async with app.run_test(size=size) as pilot:
            pad = app.query_one("#drawing_pad")
            left, above = pad.gutter.left, pad.gutter.top  # border and padding
            await pilot.click("#drawing_pad", offset=(left + 7, above + top + 2))
            assert pad.cursor == (2, 3) and pad.pixels[2, 3] == 1.0, size


async def test_a_very_narrow_pad_puts_its_verdict_under_the_grid(trained):
    lesson, ns = trained
    app = PanelApp(lesson, ["drawing_pad"])
    async with app.run_test(size=(22, 24)) as pilot:  # 18 columns inside: the grid and no more
        pad = app.query_one("#drawing_pad")
        pad.run_finished(ns)
        pad.focus()
        await pilot.press("t")
        lines = text_of(pad).splitlines()
        assert lines[0] == "┌" + "─" * 16 + "┐" and lines[9] == "└" + "─" * 16 + "┘"  # the 8x8 frame
        assert lines[10].startswith(f"reads {pad.guess} ") and lines[11].startswith("then ")
        keys = " ".join(lines[12:])
        assert all(key in keys for key in ("arrows move", "space shade", "d pen", "x clear", "t test digit"))
        assert all(len(line) <= 18 for line in lines)


async def test_z_zooms_a_panel_and_back(small_catalog):
    """The lesson screen's z zooms whichever pane has the focus, a panel included."""
    app = with_panels(small_catalog, "confusion_matrix", "drawing_pad")
    async with app.run_test(size=(80, 24)) as pilot:
        pad = (await panels_shown(pilot, app))[1]
        assert type(pad).__module__ == "grok_tui.ui.panels.drawing_pad"
        await pilot.press("f", "f", "f", "f", "f")  # lesson text -> values -> 2 charts -> first panel -> the pad
        assert app.focused is pad
        await pilot.press("z")
        assert app.screen.maximized is pad
        await pilot.press("z")
        assert app.screen.maximized is None


async def test_the_drawing_pad_zoomed_at_80x24_is_drawn_big_with_its_keys(small_catalog):
    """7.5's try-this says "z to zoom, then draw": at 80x24 the zoomed pad stayed 8 rows tall, a row
    short of room for its keys' two lines (they wrap to one there); the pen's line goes beside."""
    app = with_panels(small_catalog, "drawing_pad")
    async with app.run_test(size=(80, 24)) as pilot:
        (pad,) = await panels_shown(pilot, app)
        await pilot.press("f", "f", "f", "f", "z")  # lesson text -> values -> 2 charts -> the pad; zoom it
        assert app.focused is pad and app.screen.maximized is pad
        await wait_for(pilot, lambda: pad.scale == 2, what="the big pad")
        await pilot.press("d")
        await pilot.pause()
        shown = screen_text(app)
        assert pad.scale == 2 and "pen down: moving paints" in shown, shown
        assert "arrows move  space shade  d pen  x clear  t test digit" in shown, shown
        assert shown.count("│[  ]") == 2  # the cursor's pixel: two rows tall
        await pilot.press("t")  # offered under the pad from the start: before a run, said to need one
        await pilot.pause()
        assert any("No test digits yet: run the lesson first" in n.message for n in app._notifications)


def test_a_percent_rounds_to_100_or_0_only_when_it_is():
    """The pad read "reads 1 (100%)" beside its bar's 0.999."""
    from grok_tui.ui.panels.misclassified import percent

    assert [percent(p) for p in (1.0, 0.999, 0.5, 0.004, 0.0)] == ["100%", ">99%", "50%", "<1%", "0%"]


async def test_after_zoom_and_back_the_pad_takes_the_room_it_had(small_catalog):
    """At 120x40 z then z left the pad 22 rows tall (its height follows its content, and the zoomed
    scale stayed), squeezing the charts above it to a few rows, until `l` `l`."""
    app = with_panels(small_catalog, "drawing_pad")
    async with app.run_test(size=(120, 40)) as pilot:
        (pad,) = await panels_shown(pilot, app)
        await pilot.press("l")  # the lab, its charts above the pad
        for _ in range(8):
            if app.focused is pad:
                break
            await pilot.press("f")
        assert app.focused is pad
        await pilot.pause()
        before = pad.region.height
        await pilot.press("z")
        await wait_for(pilot, lambda: pad.scale == 2, what="the big pad")
        await pilot.press("z")
        await pilot.pause()
        await pilot.pause()
        assert app.screen.maximized is None and pad.scale == 1
        assert pad.region.height == before, (pad.region.height, before)


async def test_the_pads_keys_are_in_view_in_the_lab_unzoomed(small_catalog, trained):
    """At 80x24 the lab's pad has room for its title and grid only: the two key lines under it were
    cut off (the border's "arrows space d x t" said no more). They go in a column beside the reading."""
    for size in ((80, 24), (120, 40)):
        app = with_panels(small_catalog, "drawing_pad")
        async with app.run_test(size=size) as pilot:
            (pad,) = await panels_shown(pilot, app)
            await pilot.press("l")
            for _ in range(8):
                if app.focused is pad:
                    break
                await pilot.press("f")
            assert app.focused is pad and app.screen.maximized is None
            await pilot.pause()
            shown = screen_text(app)
            for key in ("arrows move", "space shade", "d pen", "x clear", "t test digit"):
                assert key in shown, (size, key, shown)
            if size == (80, 24):  # the keys' column stays put as the title grows (", edited" moved it)
                pad.run_finished(trained[1])
                at = []
                for key in ("t", "space"):  # a test digit copied, then edited
                    await pilot.press(key)
                    await pilot.pause()
                    row = next(r for r in screen_text(app).splitlines() if "arrows move" in r)
                    at.append(row.index("arrows move"))
                assert "edited" in screen_text(app) and at[0] == at[1], at
            await pilot.press("f")  # away from the pad: where its keys were, how to come back
            await pilot.pause()
            if app.screen.query("#drawing_pad") and pad.region.height:
                assert "press f" in screen_text(app), (size, screen_text(app))

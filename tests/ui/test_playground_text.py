"""The playground prints exact answers as such: no rounding specks (4.93e-32) and no -0.00."""

from __future__ import annotations

import re

import pytest

from grok_tui.instruments.playground import Dataset, tidy, train
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.playground import PlaygroundPanel
from tests.conftest import LESSONS
from tests.ui.helpers import open_lesson, screen_text, wait_for


def drawn(data: Dataset) -> str:
    panel = PlaygroundPanel(None)
    panel.data, panel.trained = data, train(data)
    return panel._draw().plain


def test_the_books_data_learned_exactly_shows_errors_of_0_and_no_minus_zero():
    data = Dataset.preset("the book's")
    trained = train(data)
    assert 0 < trained.error_one_layer < 1e-20 and 0 < trained.error_hidden < 1e-20  # specks, not 0
    text = drawn(data)
    assert "error: 1 layer 0, hidden 0" in text
    assert not re.search(r"e-\d\d", text) and "-0.00" not in text
    assert text.count("+0.00") >= 2 and "+1.00" in text


def test_a_real_error_is_shown_as_before():
    text = drawn(Dataset.preset("XOR-like"))
    assert "error: 1 layer 1.09, hidden 0\n" in text  # the one layer misses, the hidden layer fits
    assert tidy(0.273) == 0.273 and tidy(-3e-17) == 0.0


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_playground_says_what_its_marks_and_shades_mean(size):
    """A trial read "○ ● ●  WALK  +0.50 ✗" with nothing saying a WALK needs more than 0.5, and the
    shades `·░▒▓█` under "hidden nodes" explained nowhere: a key under the rows says both, whole."""
    app = GrokApp(load_catalog(LESSONS), start_lesson="6.3", speed=0)
    async with app.run_test(size=size) as pilot:
        panel = await open_lesson(pilot, app, PlaygroundPanel)
        await pilot.press("l")
        for _ in range(6):
            if panel.display and panel.region.height:
                break
            await pilot.press("g")
        await wait_for(pilot, lambda: panel.trained is not None, what="training")
        await pilot.pause(0.2)
        shown = " ".join(screen_text(app).split())
        assert "✓ ✗: a WALK needs above 0.5, a STOP 0.5 or below." in shown, shown
        assert "Hidden nodes: · off, ░▒▓█ on, weak to strong." in shown, shown

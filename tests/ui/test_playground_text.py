"""The playground prints exact answers as such: no rounding specks (4.93e-32) and no -0.00."""

from __future__ import annotations

import re

from grok_tui.instruments.playground import Dataset, tidy, train
from grok_tui.ui.panels.playground import PlaygroundPanel


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

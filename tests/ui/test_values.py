"""The values table: a small weight matrix stays a readable grid in the narrow side column."""

from __future__ import annotations

import numpy as np

from grok_tui.ui.widgets.values import compact

WEIGHTS = np.array([[0.04782, 0.09601, -0.3074], [0.1023, 0.2002, 0.0003238], [-0.0992, 1.292, 0.086]])


def test_a_matrix_keeps_four_digits_when_there_is_room():
    rows = compact(WEIGHTS).splitlines()
    assert len(rows) == 3
    assert rows[0].split() == ["0.04782", "0.09601", "-0.3074"]


def test_a_matrix_drops_digits_rather_than_wrap_in_a_narrow_column():
    rows = compact(WEIGHTS, width=23).splitlines()  # the side column at 80x24
    assert len(rows) == 3 and all(len(row) <= 23 for row in rows)
    assert [row.split() for row in rows] == [
        ["0.048", "0.096", "-0.307"],
        ["0.102", "0.200", "0.000"],
        ["-0.099", "1.292", "0.086"],
    ]
    assert len({len(row) for row in rows}) == 1  # columns stay aligned


def test_minus_zero_prints_as_zero():
    assert compact(-0.0) == "0"
    assert compact(np.array([-0.0, 0.5])) == "[0 0.5]"
    rows = compact(np.array([[-0.0001, 2.0], [3.0, -0.0]]), width=9).split()
    assert "-0.00" not in rows and rows.count("0.00") == 2
    assert compact(-1e-5) == "-1e-05"  # a small negative number keeps its sign

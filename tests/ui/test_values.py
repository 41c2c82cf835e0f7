"""The values table: a small weight matrix stays a readable grid in the narrow side column, also when
the table was hidden while the values came; the row a lesson is about stays in view at 80x24."""

from __future__ import annotations

import numpy as np
from textual.app import App, ComposeResult

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.values import ValuesTable, compact
from tests.conftest import LESSONS
from tests.ui.helpers import screen_text
from tests.ui.test_lesson_views import SIZE, finish

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


def test_a_diverged_matrix_is_written_with_exponents_not_every_digit():
    """5.5 with alpha 1 and 1000 iterations: its weights, near 1e153, filled 20 lines of digits."""
    huge = np.array([[-2.6843831980698508e153, -2.05e152, -3.79e152], [1.18e152, 9.02e151, 1.0], [2.0, 3.0, 4.0]])
    rows = compact(huge, width=38).splitlines()
    assert len(rows) == 3 and all(len(row) <= 38 for row in rows), rows
    assert rows[0].split()[0] == "-2.684e+153"
    assert compact(huge, width=23).splitlines()[0].split()[0] == "-3e+153"  # the 80x24 side column
    assert compact(WEIGHTS, width=23).splitlines()[0].split() == ["0.048", "0.096", "-0.307"]  # small: as before


def test_minus_zero_prints_as_zero():
    assert compact(-0.0) == "0"
    assert compact(np.array([-0.0, 0.5])) == "[0 0.5]"
    rows = compact(np.array([[-0.0001, 2.0], [3.0, -0.0]]), width=9).split()
    assert "-0.00" not in rows and rows.count("0.00") == 1 and rows.count("0") == 1


def test_an_exact_zero_is_told_from_a_small_number_in_a_matrix():
    """6.4's hidden deltas, [0, -4.3e-11, -8.4e-12] beside larger numbers: all three read 0.000,
    in a lesson about relu setting a delta to exactly 0."""
    rows = compact(np.array([[0.0, -4.3e-11, -8.4e-12], [0.5, 0.25, -1.5]]), width=20).split("\n")
    assert rows[0].split() == ["0", "0.000", "0.000"] and rows[1].split() == ["0.500", "0.250", "-1.500"]
    assert compact(-1e-5) == "-1e-05"  # a small negative number keeps its sign
    # ...but where every live number would read 0.000, exponents: 6.4 with seed 0 showed
    # layer_1_delta "0 0.000 0.000" beside a diagram saying -2.9e-06
    assert compact(np.array([[0.0, -2.877e-06, -1.2e-06]]), width=22).split() == ["0", "-3e-06", "-1e-06"]


class OneTable(App):
    CSS = "ValuesTable { width: 38; }"  # the side column's table at 80x24

    def compose(self) -> ComposeResult:
        yield ValuesTable()


def top_lines(app: App, count: int) -> list[str]:
    return [line.rstrip() for line in screen_text(app).splitlines()[:count]]


async def test_values_given_while_hidden_are_fitted_to_the_width_the_table_is_shown_at():
    # At 80x24 the reading view hides the side table. Values that came then were laid out for no
    # width, and 5.5's 3x3 weights wrapped into 6 lines when `l` showed the table again.
    app = OneTable()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ValuesTable)
        table.display = False
        await pilot.pause()
        table.show_values({"error_sum": 1.9e-5, "weights": WEIGHTS})
        table.display = True
        await pilot.pause()
        assert top_lines(app, 5) == [
            "error_sum 1.9e-05",
            "weights     0.0478    0.096   -0.307",
            "             0.102      0.2 0.000324",
            "           -0.0992     1.29    0.086",
            "",
        ]


def test_a_long_array_is_summarised_by_its_size_and_range():
    assert compact(np.linspace(0.0, 1.0, 30)) == "30 values, min 0 max 1"
    assert compact(np.zeros((8, 9))) == "8x9 array, min 0 max 0"


async def test_a_long_array_goes_under_its_name_the_whole_width():
    """6.2 at 80x24: beside `error_for_all_lights`, the predictions took 4 lines of 18 columns, cut
    mid-number, and the weights under them fell below the pane."""

    class Narrow(OneTable):
        CSS = "ValuesTable { width: 40; }"

    app = Narrow()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ValuesTable)
        await pilot.pause()
        predictions = np.array([-0.003566, 0.9959, -0.02935, 1.027, 0.9943, -0.00424])
        table.show_values({"iteration": 32, "error_for_all_lights": 0.00164511, "predictions": predictions})
        await pilot.pause()
        assert top_lines(app, 6) == [
            "iteration            32",
            "error_for_all_lights 0.00164511",
            "predictions",
            "  [-0.003566 0.9959 -0.02935 1.027",
            "  0.9943 -0.00424]",
            "",
        ]


async def test_the_lab_at_80x24_shows_the_weights_62_is_about():
    """6.2's values pane at 80x24 has 7 rows: the six predictions took two of them and the weights,
    the row the lesson watches, fell below the pane."""
    app = GrokApp(load_catalog(LESSONS), start_lesson="6.2", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l")
        await pilot.press("space")
        await finish(pilot, screen)
        pane = [row[: screen.query_one("#values-box").region.right] for row in screen_text(app).splitlines()]
        at = next(k for k, row in enumerate(pane) if row.lstrip().startswith("weights"))
        weights = " ".join(pane[at : at + 2]).split("[", 1)[-1]  # beside its name or under it
        assert at < screen.query_one("#values-box").region.bottom - 1 and "]" in weights, pane[:9]
        assert len(weights.split("]")[0].split()) == 3  # all three weights, each whole
        assert any(row.lstrip().startswith("error_for_all_lights") for row in pane[:9])


async def test_the_name_column_keeps_its_width_as_a_longer_name_comes_and_goes():
    """6.5 records errors_every_10 every tenth iteration: while its run played, the values beside
    the names moved two columns left and back ("iteration       6", then "iteration     31")."""
    app = OneTable()
    order = ("iteration", "layer_2_error", "errors_every_10")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ValuesTable)
        await pilot.pause()
        table.show_values({"iteration": 6, "layer_2_error": 0.5}, order)
        await pilot.pause()
        before = top_lines(app, 2)
        table.show_values({"iteration": 10, "layer_2_error": 0.4, "errors_every_10": 0.4}, order)
        await pilot.pause()
        after = top_lines(app, 3)
        assert before == ["iteration       6", "layer_2_error   0.5"], before
        assert after == ["iteration       10", "layer_2_error   0.4", "errors_every_10 0.4"], after

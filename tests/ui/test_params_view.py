"""The params pane's rows: a param, its value, and its range or choices when they fit."""

from __future__ import annotations

from textual.app import App

from grok_tui.lesson.model import Param
from grok_tui.ui.widgets.params import ParamsView
from tests.ui.helpers import text_of

PARAMS = (
    Param("relu2deriv_op", "choice", ">", choices=(">", ">=")),
    Param("batch_update", "choice", "once", choices=("once", "in_loop")),
    Param("train_size", "int", 100, min=20, max=1347, step=100),
)


class ParamsApp(App):
    CSS = "ParamsView { height: 3; }"

    def compose(self):
        yield ParamsView()


async def test_a_choice_that_does_not_fit_whole_names_the_others():
    """7.6's lab at 120x40 showed `batch_update ◂ in_loop ▸` and nothing else: the learner could not
    see what `+` would choose (`once/in_loop` did not fit beside it, and was left out whole)."""
    app = ParamsApp()
    async with app.run_test(size=(41, 5)) as pilot:
        view = app.query_one(ParamsView)
        values = {"relu2deriv_op": ">", "batch_update": "in_loop", "train_size": 100}
        view.show_params(PARAMS, values, 1)
        await pilot.pause()
        rows = text_of(view).splitlines()
        assert rows[0].rstrip() == "  relu2deriv_op  ◂ > ▸  >/>=", rows  # fits: every choice
        assert rows[1].rstrip() == "▸ batch_update   ◂ in_loop ▸  or once", rows
        assert rows[2].rstrip() == "  train_size     ◂ 100 ▸  20..1347", rows
        await pilot.resize_terminal(60, 5)
        await pilot.pause()
        view.show_params(PARAMS, values, 1)
        await pilot.pause()
        assert text_of(view).splitlines()[1].rstrip() == "▸ batch_update   ◂ in_loop ▸  once/in_loop"

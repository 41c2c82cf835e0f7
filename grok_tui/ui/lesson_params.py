"""The lesson screen's params: select one ([ ]), change it (+ -) or type its value (=), and the re-run
that follows a change once the keys rest (holding + starts one run, not one per repeat).

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py), which sets up what the class body declares.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from grok_tui.kept_params import OPENS_WITH
from grok_tui.ui.notices import take_back
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.panes import SidePane
from grok_tui.ui.widgets.params import ParamsView

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer
    from textual.widget import Widget

    from grok_tui.engine.feed import FeedView
    from grok_tui.engine.session import LessonSession
    from grok_tui.lesson.model import Lesson

    _Screen = Screen[None]
else:
    _Screen = object

RESTART_DELAY = 0.3
"""Seconds after the last +/- before the lesson re-runs with the new value."""


class LessonParams(_Screen):
    # What the params read of LessonScreen, which sets it up.
    session: LessonSession
    lesson: Lesson
    _restart_timer: Timer | None
    _lab_built: bool

    if TYPE_CHECKING:

        def _draw_status(self, view: FeedView | None) -> None: ...
        def _draw_all(self) -> None: ...
        def _cancel_restart(self) -> None: ...
        def _when_lab_built(self, then: Callable[[], None]) -> None: ...
        def _run_started(self) -> None: ...
        def _arrow_panel(self, key: str) -> Widget | None: ...  # LessonFocus'

    def action_select(self, direction: int) -> None:
        if self.lesson.params:
            self.session.select(direction)
            self._show_params()
            self._draw_status(self.session.poll())
            if self._arrow_panel("right") is not None:
                # [ ] say the learner means a param: ← → went on moving 7.5's pen in the drawing pad,
                # focused, beside `▸ epochs ◂ 100 ▸` (a trial). The params take the focus, and ← →.
                self.set_focus(self.query_one(SidePane))

    def on_params_view_clicked(self, message: ParamsView.Clicked) -> None:
        """A click on a param's row selects it; on its ◂ or ▸, changes it as - or + does."""
        moved = message.index - self.session.selected
        if moved:
            self.action_select(moved)
        if message.direction:
            self.action_change(message.direction)

    def action_change(self, direction: int) -> None:
        message = self.session.nudge(direction)
        if message:
            self.notify(message, timeout=3, markup=False)
            return
        self._param_changed(delay=RESTART_DELAY)

    def _param_changed(self, delay: float) -> None:
        """Stop now, re-run from the seed once the keys rest: holding + must not start a run per
        repeat (a run only notices a cancel at its next step, after e.g. loading its data)."""
        self._show_params()
        self._cancel_restart()
        self._restart_timer = self.set_timer(delay, self._restart)
        self._draw_all()

    def keep_params(self) -> None:
        """Note the params for the next start and save them, off this thread: a tutor killed or
        crashed before the lesson closed lost them."""
        kept = getattr(self.app, "kept_params", None)
        if kept is not None:
            kept.keep(self.lesson, dict(self.session.params))
            threading.Thread(target=kept.save, name="kept-params").start()

    def _restart(self) -> None:
        self._restart_timer = None
        self.keep_params()
        if not self._lab_built:  # as in start_run
            self._when_lab_built(self._restart)
            return
        if self.session.pending is not None:
            self.session.restart()
            self._run_started()

    def action_defaults(self) -> None:
        """D: every param back to the lesson's defaults. A lesson comes back with the params it was
        left with (in this session), and nothing brought the values its text quotes back at once."""
        moved = self.session.reset_params()
        if not moved:
            self.notify("the params are at the lesson's defaults already", timeout=3, markup=False)
            return
        opened = f"{self.lesson.id} {OPENS_WITH}"
        take_back(self.app, lambda message: opened in message)  # it said D puts back the defaults: done
        self.notify(f"back to the lesson's defaults: {', '.join(moved)}", timeout=3, markup=False)
        self._param_changed(delay=0.01)

    async def action_type_param(self) -> None:
        """= or enter: type the selected param's value exactly. The box is mounted and its field
        focused before the next key is handled: typed in one burst (`=0.5` then enter, pasted, or
        while the app was busy), the digits used to reach the box before its field had focus, and
        were lost."""
        from grok_tui.ui.screens.param_input import ParamInput

        param = self.session.selected_param
        if param is None:
            self.notify("this lesson has no params", timeout=3, markup=False)
            return

        def done(accepted: bool | None) -> None:
            if accepted:
                self._param_changed(delay=0.01)

        box = ParamInput(param, self.session.params[param.name], lambda text: self.session.set_param(param.name, text))
        await self.app.push_screen(box, done)
        box.focus_field()

    def _show_params(self) -> None:
        session = self.session
        self.query_one(ParamsView).show_params(self.lesson.params, session.params, session.selected)
        param = session.selected_param
        if param is not None:
            self.query_one(LessonDocument).show_values(session.params, param.name, param.help, self.lesson.defaults)

    def selected_help(self) -> str:
        param = self.session.selected_param
        if param is None:
            return ""
        return f"{param.name}: {param.help}" if param.help else param.name

"""The lesson screen's lab: its charts and panels, built with the screen where the first frame shows
them, else after that first frame (the reading view below READING_SHOWS_LAB columns hides them):
their modules import numpy, never on the UI thread, and nobody sees them yet. A run asked for
before they exist starts once they do: the panels must hear its first step.

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.css.query import NoMatches
from textual.widget import Widget

from grok_tui.ui.code_tokens import CodeTokens
from grok_tui.ui.lesson_drawing import LessonDrawing
from grok_tui.ui.lesson_panels import import_lab


class LessonLab(LessonDrawing):
    _lab_built: bool  # (LessonScreen's __init__)

    if TYPE_CHECKING:

        def _arrange_charts(self) -> None: ...  # LessonViews'
        def _mark_focus(self) -> None: ...  # LessonFocus'

    def _lab_widgets(self) -> Iterator[Widget]:
        """The lab's charts and panels (the `#charts` row)."""
        from grok_tui.ui.widgets.chart import ChartView

        for i, chart in enumerate(self.lesson.charts):
            yield ChartView(chart, step_name=self.lesson.step_name, id=f"chart-{i}")
        yield from self.panels.compose()
        if self.lesson.prints_only:  # 3.8: what it printed, not an empty lab
            from grok_tui.ui.widgets.printout import PrintoutView

            yield PrintoutView(id="printout")

    def _lab_setup(self) -> None:
        self.panels.report_problems(self.app)
        self.panels.show_first()
        self._arrange_charts()
        self._mark_focus()

    def _after_first_frame(self, tokens: CodeTokens) -> None:
        """On a worker thread: save the code's tokens for the next start; import the lab's modules if
        it is not built, then build it on the UI thread."""
        tokens.save()
        if self._lab_built:
            return
        import_lab(self.lesson)
        try:
            self.app.call_from_thread(self.call_later, self._build_lab)
        except RuntimeError:  # the app has ended meanwhile
            pass

    async def _build_lab(self) -> None:
        if self._lab_built or not self.is_attached:
            return
        try:
            await self.query_one("#charts").mount_all(list(self._lab_widgets()))
        except NoMatches:  # being removed (the learner left, or the app quit)
            return
        self._lab_built = True
        self._lab_setup()
        self._draw_charts(self.session.poll())
        then, self._after_lab = self._after_lab, None
        if then is not None:
            then()

    def _when_lab_built(self, then: Callable[[], None]) -> None:
        """Call `then` now if the lab is built, else once it is (instead of what waited before)."""
        if self._lab_built:
            then()
        else:
            self._after_lab = then

    @property
    def lab_built(self) -> bool:
        """The charts and panels exist (a lesson opened at 80 columns builds them after its first frame)."""
        return self._lab_built

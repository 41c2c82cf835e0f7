"""The lesson screen's two views and its charts: `l` switches between the reading view (the text, a
live strip) and the lab (charts, values, params); in a narrow lab one chart or panel shows at a time
and `g` shows the next.

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py), like LessonDrawing: the screen sets up what
the class body declares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from grok_tui.ui.breakpoints import is_wide
from grok_tui.ui.lesson_drawing import OUT_OF_VIEW
from grok_tui.ui.lesson_focus import takes_arrow
from grok_tui.ui.restyle import nodes_outside
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.panes import SidePane

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from grok_tui.engine.session import LessonSession
    from grok_tui.ui.lesson_panels import LessonPanels
    from grok_tui.ui.widgets.chart import ChartView
    from grok_tui.ui.widgets.code_cell import CodeCell

    _Screen = Screen[None]
else:
    _Screen = object


class LessonViews(_Screen):
    # What the views read of LessonScreen, which sets it up.
    panels: LessonPanels
    session: LessonSession
    _chart_index: int
    _chart_list: list[ChartView] | None
    _lab_built: bool
    _picked_by_g: Widget | None  # LessonFocus declares it: f selects what g showed

    if TYPE_CHECKING:

        @property
        def lab(self) -> bool: ...
        def _draw_all(self) -> None: ...
        def take_back_note(self, note: str) -> None: ...  # LessonDrawing's

    def action_toggle_view(self) -> None:
        """l: the lesson text with a live strip, or the lab (charts, values, params)."""
        self._set_view(lab=not self.lab)
        if self.lab:  # the lab has no text to be out of view of: the notice was about the text
            self._withdraw_where_notice()
        if self.maximized is not None:
            self.minimize()
        doc = self.query_one(LessonDocument)
        # The focus moves at once (not at the next idle moment, as focus() does): an f read in the
        # same burst must find it moved (f f f f over a slow link moved it once).
        if self.lab and (self.focused is None or self.focused is doc or doc in self.focused.ancestors):
            self.set_focus(self.query_one(SidePane))
        elif not self.lab:
            self.set_focus(doc)
        self._arrange_charts()
        self._draw_all()

    def _set_view(self, *, lab: bool) -> None:
        """-lab or -read on the screen, restyling everything but the inside of the text. Textual
        restyles every node under one whose classes change: for `l` that was every paragraph and code
        cell of the text, most of the key's 230 ms at 80x24. No rule styles what is inside the text by
        the view (grok.tcss styles #doc itself); tests/ui/test_view_restyle.py checks it against a
        full restyle."""
        self.update_classes({"-lab": lab, "-read": not lab}, update=False)
        self.app.stylesheet.update_nodes(nodes_outside(self, self.query_one(LessonDocument)), animate=True)

    def _charts(self) -> list[ChartView]:
        """The lab's charts: found once (a query walks the whole lesson text, ~1 ms, and this runs
        at every frame and key press while a lesson plays); built once, never replaced."""
        if not self._lab_built:
            return []
        if self._chart_list is None:
            self._chart_list = cast("list[ChartView]", list(self.query(".chart")))
        return self._chart_list

    def _chart_items(self) -> list[Widget]:
        items: list[Widget] = [*self._charts()]
        shown = self.panels.shown()
        return items if shown is None else [*items, shown]

    def _arrange_charts(self) -> None:
        """Narrow lab view: one chart (or panel) at a time gets the whole width (g for the next);
        otherwise every chart shows, and one panel."""
        items = self._chart_items()
        one = self._one_chart_at_a_time()
        self.refresh_bindings()
        self._chart_index %= max(1, len(items))
        for i, item in enumerate(items):
            if item in self.panels.widgets:  # panels are shown and hidden by LessonPanels, inline
                self.panels.show(item, visible=not one or i == self._chart_index)
            else:
                item.set_class(one and i != self._chart_index, "-not-main")

    def _charts_for_a_run(self) -> None:
        """A new run in the narrow lab: the chapter quiz's panel, which shows nothing of a run, gives
        its place back to the first chart. After the quiz a learner changed alpha, as 4.5's text
        says, and the re-run's overshoot played unseen behind "Last answers: 3/5 right"."""
        items = self._chart_items()
        if not self._one_chart_at_a_time() or not items:
            return
        shown = items[self._chart_index % len(items)]
        if getattr(shown, "SHOWS_RUNS", True):
            return
        self._chart_index = 0
        if self.focused is shown or (self.focused is not None and shown in self.focused.ancestors):
            self.set_focus(items[0] if items[0].focusable else None)
        self._arrange_charts()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """g (next chart) is offered, in the footer too, only where one chart shows at a time."""
        if action == "next_chart":
            return self._one_chart_at_a_time()
        return True

    def _one_chart_at_a_time(self) -> bool:
        return self.lab and not is_wide(self) and len(self._chart_items()) > 1

    def action_next_chart(self) -> None:
        """g: in the narrow lab view, the next chart or panel."""
        items = self._chart_items()
        if len(items) < 2:
            self.notify("this lesson has one chart", timeout=3, markup=False)
            return
        was_focused = self.focused in self._charts()
        zoomed = self.maximized is not None
        if zoomed:  # the next one takes the zoom: hidden under it, the zoomed one left all hatching
            self.minimize()
        current, panels = items[self._chart_index % len(items)], self.panels.widgets
        if current in panels and current is not panels[-1]:
            # the panels' place shows the next panel: g went back to the first chart after one panel,
            # and 6.3's network diagram, panel 2/2, was found only by f (a trial)
            self.panels.show(panels[panels.index(current) + 1])
        else:
            if current in panels:  # the next round of g starts again at the first panel
                self.panels.show(panels[0], visible=False)
            self._chart_index = (self._chart_index + 1) % len(items)
        self._arrange_charts()
        shown = self._chart_items()[self._chart_index]
        self._picked_by_g = shown  # f selects it next (LessonFocus._chart_order)
        # The focus follows (z zooms the chart that shows), and goes to a panel with arrows of its own:
        # → on 7.5's confusion matrix, brought by g g, changed hidden_size and re-trained.
        if (was_focused or zoomed or takes_arrow(shown, "right")) and shown.focusable:
            self.set_focus(shown)
        if zoomed:
            self.maximize(shown)

    def action_to_running(self) -> None:
        """w: the text at the cell the run is in, or ended in (from the lab, the text first). Reading
        at 80x24 a learner could not find the cell that was running: 7.3's is 250 lines down."""
        doc = self.query_one(LessonDocument)
        cell = doc.running_cell()
        run = self.session.run
        if cell is None and run is not None and run.cell_line:  # ended: the cell it was in last
            cell = doc.cell_at(run.cell_line)
        if cell is None:
            self.notify("no run yet: space runs the lesson", timeout=3, markup=False)
            return
        if self.lab:
            self.action_toggle_view()
        self.call_after_refresh(self._show_cell, doc, cell)
        self._withdraw_where_notice()  # done: it sat over the strip for seconds more

    def _show_cell(self, doc: LessonDocument, cell: CodeCell) -> None:
        """The cell at the top of the text; when it and what it printed do not fit, the printout's end
        at the bottom instead: 4.4's first cell is taller than 80x24's text, and `w` showed its top while
        the lines the lesson asks to watch grew two pages below."""
        box = doc.printouts.boxes.get(cell.cell.line)
        rows = doc.scrollable_content_region.height
        # not the last run's printout (-stale): 7.6 prints only at its end, and w mid-run showed the
        # last run's summary where the loop that runs was asked for
        fresh = box is not None and not box.has_class("-stale")
        if box is not None and fresh and cell.outer_size.height + box.outer_size.height > rows:
            # the box's last line at the bottom of the view: that is where it grows
            doc.scroll_to(y=max(0, box.virtual_region.bottom - rows), animate=False)
        else:
            doc.scroll_to_widget(cell, animate=False, top=True)

    def _withdraw_where_notice(self) -> None:
        """Take back the once-a-session OUT_OF_VIEW note (only it: the others still say something)."""
        self.take_back_note(OUT_OF_VIEW)

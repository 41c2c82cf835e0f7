"""The lesson screen's panes and their focus: which pane has it (a glyph before its title, so focus
shows without colour), `f` cycling through them (bringing the view that shows the one focused), `z`
zooming it, and F1's keys of the focused panel.

A mixin of LessonScreen (grok_tui/ui/screens/lesson.py), which sets up what the class body declares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.keys import format_key
from textual.widget import Widget

from grok_tui.engine.runner import RunState
from grok_tui.ui.breakpoints import is_wide
from grok_tui.ui.widgets.document import LessonDocument
from grok_tui.ui.widgets.panes import FOCUS_GLYPH, SidePane
from grok_tui.ui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.screen import Screen

    from grok_tui.engine.session import LessonSession
    from grok_tui.ui.lesson_panels import LessonPanels
    from grok_tui.ui.widgets.chart import ChartView

    _Screen = Screen[None]
else:
    _Screen = object


# Not "one pane": 3.2's lab also shows its chart, which a learner took for a second pane.
NO_OTHER_PANE = (
    "This lesson has no panel to select: f stays on the values. [ ] + - change the params, "
    "z enlarges them, l goes back to the text."
)
NO_OTHER_PANE_ZOOMED = (
    "This lesson has no panel to select: f stays on the values. [ ] + - change the params, "
    "z shrinks them back, l goes back to the text."
)
"""Said while the values are zoomed: "z enlarges them" was wrong then (3.1's lab)."""


def arrow_action(widget: Widget, key: str) -> str | None:
    """The action `widget` binds `key` ("left", "right") to itself: the gallery's next image, the
    playground's next lamp (None if it does not)."""
    bindings = [b for b in getattr(widget, "BINDINGS", ()) if hasattr(b, "key")]
    return next((b.action for b in bindings if key in b.key.split(",")), None)


def takes_arrow(widget: Widget, key: str) -> bool:
    return arrow_action(widget, key) is not None


def round_from_view(
    panes: list[Widget],
    current: int | None,
    target: Widget,
    group: list[Widget],
    shown: Widget | None,
    entry: Widget | None,
) -> tuple[Widget, Widget | None]:
    """f's next pane where it would go to `target` from panes[current], when `group` (the panels, or
    the narrow lab's charts) shows one at a time: entering the group, the one in view (`shown`) first,
    then round them all once from there, then the pane after the group. Also the group's entry."""
    here = panes[current] if current is not None else None
    if here not in group:
        if target is group[0] and shown in group:
            return shown, shown
        return target, entry
    start = entry if entry in group else group[0]
    following = group[(group.index(here) + 1) % len(group)]
    if following is start:  # all seen: on to the pane after the group
        return panes[(panes.index(group[-1]) + 1) % len(panes)], entry
    return following, entry


NOTHING_TO_ZOOM = "No pane is selected to zoom: f selects one (its title gets ▶), then z zooms it."


class LessonFocus(_Screen):
    # What the focus reads of LessonScreen, which sets it up.
    panels: LessonPanels
    session: LessonSession
    _chart_index: int
    _panel_entry: Widget | None = None
    """The panel f entered the panels at (the one in view): f goes round them all from there."""
    _chart_entry: Widget | None = None
    """Likewise the chart f entered the charts at, where the narrow lab shows one at a time."""
    _picked_by_g: Widget | None = None
    """The chart or panel `g` brought into view last, until the next f (LessonViews sets it)."""
    _taken: tuple[Widget | None, frozenset[str]] = (None, frozenset())
    """taken_keys' answer, for the widget focused then (no focus: no pane takes a key)."""

    if TYPE_CHECKING:

        @property
        def lab(self) -> bool: ...
        def action_toggle_view(self) -> None: ...
        def _chart_items(self) -> list[Widget]: ...
        def _charts(self) -> list[ChartView]: ...
        def _arrange_charts(self) -> None: ...
        def _one_chart_at_a_time(self) -> bool: ...
        def _quiz_waits(self) -> bool: ...  # LessonDrawing's
        def _redraw_status(self) -> None: ...  # LessonScreen's
        def action_change(self, direction: int) -> None: ...  # LessonParams'

    def on_descendant_focus(self) -> None:
        if self._in_stack():
            self._mark_focus()
            self._redraw_status()  # the keys it names may be the focused panel's now (taken_keys)

    def on_descendant_blur(self) -> None:
        if self._in_stack():
            self._mark_focus()
            self._redraw_status()

    def _in_stack(self) -> bool:
        """Not a screen taken off the stack, its panes going: `c enter space` in one burst opened two
        lessons, the first replaced at once, and the tutor stopped on its focus heard late."""
        return self in self.app.screen_stack

    def taken_keys(self) -> frozenset[str]:
        """The keys the focused pane binds for itself, as the status line writes them: with 7.5's
        pad focused, the status said "space run" while space shaded a pixel. Worked out again only
        when the focus moves: the status line asks at every step drawn, and active_bindings, which
        asks each binding's check_action, was two thirds of a status line's drawing (0.2 of 0.34 ms)."""
        focused = self.focused
        if self._taken[0] is not focused:
            taken = frozenset(
                format_key(key) for key, active in self.active_bindings.items() if active.node not in (self, self.app)
            )
            self._taken = (focused, taken)
        return self._taken[1]

    def _mark_focus(self) -> None:
        """A glyph before the focused pane's title, so focus shows without colour too."""
        for pane in self._panes():
            title = str(pane.border_title or "")
            bare = title.removeprefix(FOCUS_GLYPH)
            focused = self.focused is not None and (self.focused is pane or pane in self.focused.ancestors)
            wanted = FOCUS_GLYPH + bare if focused else bare
            if bare and wanted != title:
                pane.border_title = wanted
        side = self.query_one(SidePane)
        box = self.query_one("#values-box")
        focused = self.focused is side
        want = (FOCUS_GLYPH + "values") if focused else "values"
        if box.border_title != want:
            box.border_title = want

    def _panes(self) -> list[Widget]:
        """f's order: the text, the values and params, each chart, then each panel (last: the four
        lessons that end a chapter say "press F (shift+f)" to focus their quiz, the last panel)."""
        panes: list[Widget] = [self.query_one(LessonDocument), self.query_one(SidePane), *self._charts()]
        return panes + [w for w in self.panels.widgets if w.focusable]

    def focused_keys(self) -> tuple[str, list[tuple[str, str]]]:
        """F1: the focused lesson panel's name and its keys (contract C2), if a panel has the focus."""
        focused = self.focused
        for panel in self.panels.widgets:
            if focused is not None and (focused is panel or panel in focused.ancestors):
                # "space  enter" as the help writes two keys ("F1  ?"), not the binding's "space,enter"
                keys = [
                    (b.key_display or "  ".join(b.key.split(",")), b.description)
                    for b in getattr(panel, "BINDINGS", ())
                    if hasattr(b, "key")
                ]
                name = str(panel.border_title or type(panel).__name__).removeprefix(FOCUS_GLYPH)
                return name, keys
        return "", []

    async def on_key(self, event: events.Key) -> None:
        """A panel's letter or digit key works wherever the focus is: the panel that binds it is
        brought into view (the lab, at 80 columns) and does it. A learner reads "x clears the pad"
        and presses x while the text has the focus; `p` for the pad's pen once opened the previous
        lesson instead. No lesson key is a panel's letter (test_lesson_focus.py). The focus stays
        where it was: arrows, space and enter stay the lesson's until f selects the panel (a
        learner who cleared the pad with x, then pressed space to pause the run, shaded a pixel).
        (Textual hands a key to the focused widget and its ancestors, this screen among them,
        before it looks at the bindings.)"""
        found = self._panel_with_key(event.key)
        if found is None:
            return  # on up to the app, which says it if nothing takes it (key_unused)
        panel, action = found
        event.stop()
        event.prevent_default()
        self._bring(panel, focus=False)
        await panel.run_action(action)

    def key_unused(self, key: str) -> None:
        """A letter or digit that reached the app with nothing to take it while this screen shows: a
        newcomer's h or x did nothing and said nothing (was the tutor listening?), so it is said.
        Here, at the end of the key's way, not as it passes the screen: `=0.5` read in one burst
        said "5: no key here" while the 0 and the 5 went into the box that = opened (they passed the
        screen before the box existed)."""
        if len(key) == 1 and key.isalnum() and key not in self.active_bindings:
            said = self._lab_key_said(key) or f"{key}: no key here · ? lists the keys"
            self.say_for_a_while(said, 3)  # type: ignore[attr-defined]

    def _lab_key_said(self, key: str) -> str:
        """What to say of `key` where it is the lab's g (the next chart) and the reading view
        ignores it ("" if it is not): at 80 columns g said "no key here", and it works in the lab."""
        lesson = self.session.lesson
        if self.lab or is_wide(self) or len(lesson.charts) + (1 if lesson.panels else 0) < 2:
            return ""
        mine = next((bindings for node, bindings in self._binding_chain if node is self), None)
        if mine is None or not any(b.action == "next_chart" for b in mine.key_to_bindings.get(key, ())):
            return ""
        view = self.query_one(StatusLine).keys()["view"]
        return f"{key}: charts are in the lab ({view})"

    def _panel_with_key(self, key: str) -> tuple[Widget, str] | None:
        """The panel that binds `key`, a letter or digit no lesson key uses (one on screen first),
        and its action; None while the focused panel binds it (its own binding answers)."""
        if len(key) != 1 or not key.isalnum() or key in self.active_bindings:  # a lesson key, or the focused panel's
            return None
        found = [
            (panel, bindings[0].action)
            for panel in self.panels.widgets
            if (bindings := panel._bindings.key_to_bindings.get(key))  # BINDINGS, "x,enter" split
        ]
        return next((f for f in found if f[0].is_on_screen), found[0] if found else None)

    def _chart_order(self, panes: list[Widget], current: int | None, target: Widget) -> Widget:
        """Where the narrow lab shows one chart at a time, f into the charts starts at the one in
        view, then goes round them all once: after g showed 4.5's second chart, f brought the first
        in its place, and the learner lost the chart they had chosen."""
        charts: list[Widget] = [w for w in panes if w in self._charts()]
        picked, self._picked_by_g = self._picked_by_g, None
        if not charts or not self._one_chart_at_a_time():
            return target
        items = self._chart_items()
        shown = items[self._chart_index % len(items)]
        here = panes[current] if current is not None else None
        if picked is shown and shown in self.panels.widgets and here not in charts and target is charts[0]:
            # g showed a panel, whose edge says "press f to select it": f brought the first chart instead
            self._panel_entry = shown
            return shown
        target, self._chart_entry = round_from_view(panes, current, target, charts, shown, self._chart_entry)
        return target

    def _panel_order(self, panes: list[Widget], current: int | None, target: Widget) -> Widget:
        """f into the panels starts at the one in view, then goes round them all once: a learner
        pressing f "until the drawing pad lights up" (panel 4/4, in view) saw it replaced by
        panel 1 at the first press, and lit only at the fifth."""
        panels = [w for w in panes if w in self.panels.widgets]
        if not panels:
            return target
        target, self._panel_entry = round_from_view(
            panes, current, target, panels, self.panels.shown(), self._panel_entry
        )
        return target

    def action_zoom(self) -> None:
        """z: the focused pane fills the screen (z or escape again to go back; f zooms the next)."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is None:  # g showed a chart in the focused panel's place: z did nothing, silently
            self.notify(NOTHING_TO_ZOOM, timeout=4)
        else:
            focused = self.focused
            if not (focused.display and all(a.display for a in focused.ancestors if isinstance(a, Widget))):
                # g had put a chart in the focused panel's place: zoomed unseen, it left the screen
                # hatched (4.4's lab). It is brought back first, with its ▶.
                self._bring(focused)
            self.maximize(focused)

    def action_focus_next_pane(self, direction: int = 1) -> None:
        """Cycle focus: lesson text, values and params, then each lesson panel (showing the one
        focused). From the text at 80 columns, f brings the lab view; in the lab, at any width, it
        cycles the lab's own panes (`l` goes back to the text): learners who followed "f steps
        through the panels" lost the lab when one more f brought the text back (at 120x40 the → they
        pressed next for the gallery then changed a param and re-ran the lesson)."""
        quiz = self._quiz_offered() if direction < 0 else None
        if quiz is not None:
            # The status line says "F chapter quiz": F opens it, from any pane. In the lab F went to
            # the pane before the focused one, and a learner's enter there opened 7.6's `set dropout`.
            # The view and focus stay as they are, under the quiz: bringing its panel first switched
            # 4.5's text view to the lab, and closing the quiz left the learner there.
            quiz.action_take_quiz()  # type: ignore[attr-defined]
            return
        doc = self.query_one(LessonDocument)
        lab_only = self.lab  # the lab hides the text at every width: f stays among the lab's panes
        panes = [w for w in self._panes() if not (lab_only and w is doc)]
        if len(panes) == 1 and self.focused is panes[0]:  # 6.6's lab: f did nothing, and said nothing
            shown = getattr(self.app, "_notifications", ())
            said = NO_OTHER_PANE_ZOOMED if self.maximized is not None else NO_OTHER_PANE
            if not any(n.message == said for n in shown):  # f f: one notice over the chart, not two
                self.notify(said, timeout=4)
            return
        current = next(
            (
                i
                for i, w in enumerate(panes)
                if self.focused is not None and (self.focused is w or w in self.focused.ancestors)
            ),
            None,
        )
        if current is None and lab_only:  # the focus was elsewhere: the lab's first (or last) pane
            target = panes[0 if direction > 0 else -1]
        else:
            target = panes[((current or 0) + direction) % len(panes)]
        if direction > 0:
            target = self._panel_order(panes, current, self._chart_order(panes, current, target))
        if self.maximized is None:
            self._bring(target)
            return
        # Zoomed: the next pane takes the zoom. Moving the focus alone left it under the zoomed
        # pane, which then hid everything (a learner saw the whole screen hatched in 5.4's lab).
        self.minimize()
        self._bring(target)
        self.maximize(target)

    async def action_arrow(self, direction: int) -> None:
        """← →: the param, as + and -, unless the lab shows a panel of its own arrows (the gallery,
        the misclassified images, the playground) and the values and params do not have the focus;
        then the panel's, and it takes the focus. In 7.5's lab, → on the confusion matrix `g` had
        brought changed hidden_size to 68 and threw the trained network away."""
        key = "right" if direction > 0 else "left"
        panel = self._arrow_panel(key)
        action = arrow_action(panel, key) if panel is not None else None
        if panel is None or action is None:
            self.action_change(direction)
            return
        self._bring(panel)
        await panel.run_action(action)

    def _arrow_panel(self, key: str) -> Widget | None:
        """The panel in view in the lab that binds `key`, unless the values and params have the focus."""
        side = self.query_one(SidePane)
        focused = self.focused
        if not self.lab or (focused is not None and (focused is side or side in focused.ancestors)):
            return None
        return next(
            (p for p in self.panels.widgets if p.display and p.region.area and p.focusable and takes_arrow(p, key)),
            None,
        )

    def _quiz_offered(self) -> Widget | None:
        """The chapter quiz's panel, while the status line offers it ("F chapter quiz")."""
        if not (self.session.state is RunState.FINISHED and self._quiz_waits()):
            return None
        return next(iter(self.query(".panel-quiz")), None)

    def _bring(self, pane: Widget, focus: bool = True) -> None:
        """Show the view that has `pane` (the lab for a panel at 80 columns, the panel itself among
        the lab's) and give it the focus (unless `focus` is False)."""
        doc = self.query_one(LessonDocument)
        if (pane is doc and self.lab) or (pane is not doc and not self.lab and not is_wide(self)):
            self.action_toggle_view()
        if pane in self.panels.widgets:
            self.panels.show(pane)
            self._chart_index = len(self._chart_items()) - 1
            self._arrange_charts()
        elif pane in self._chart_items():  # a chart: the one shown where one shows at a time
            self._chart_index = self._chart_items().index(pane)
            self._arrange_charts()
        # At once, not at the next idle moment as focus() does: f f f f read in one burst (a slow
        # link bunches keys) all found the old focus, and moved it once.
        if focus:
            self.set_focus(pane)

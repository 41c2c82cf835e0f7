"""The base class of every lesson panel (contract C2 in the helpers' interfaces).

The lesson screen builds a panel as `Panel(lesson)` and calls, on the UI thread:

- `run_started()` when a new run starts,
- `run_stepped(values)` with the latest recorded step's values, at the screen's redraw rate,
- `run_finished(namespace)` with the finished run's final variables (a Mapping),
- `before_step(play)`, if it has one, when the learner steps on (s) or plays a paused run (space,
  `play` True): True takes the key (the predict panel asks the question due first).

A panel's keys are its BINDINGS, each with a description: F1 lists the focused panel's bindings.
Every panel has the same frame: a rounded border (the accent colour when focused), its TITLE on it
and its KEYS under it (then `z zoom`: the lesson screen zooms the focused pane). A panel shown
without the focus says how to give it the focus instead: its keys would go to the lesson meanwhile.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.content import Content
from textual.widget import Widget

from grok_tui.lesson.model import Lesson
from grok_tui.ui.widgets.panes import keep_focus_mark


class LessonPanel(Widget, can_focus=True):
    """A focusable widget fed by a lesson's runs. Override the three hooks you need."""

    DEFAULT_CSS = """
    LessonPanel {
        height: auto;
        width: 1fr;
        border: round $panel-lighten-2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
    }
    LessonPanel:focus {
        border: round $accent;
    }
    """

    TITLE = ""
    """The border title."""
    KEYS = ""
    """The panel's keys, shown under it while it has the focus."""
    SHOWS_RUNS = True
    """False for a panel that shows nothing of a run (the chapter quiz): a new run in the narrow lab,
    where it stands in the chart's place, gives that place back to the first chart."""
    UNFOCUSED = "press f to select it"
    """Shown under the panel instead while another pane has the focus: its letter and digit keys
    still reach it (the lesson screen hands them over, lesson_focus.py), but arrows, space and enter
    go to the lesson (7.5: `→` for the next hidden unit changed hidden_size and retrained the
    network the learner was looking into)."""

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lesson = lesson
        """The Lesson the panel belongs to."""
        self.border_title = self.TITLE
        self.position = ""
        """Where it stands among the lesson's panels ("panel 2/4"), set by LessonPanels."""
        self.show_caption()

    def retitle(self, label: str) -> None:
        """A new title that keeps the focus mark (▶) the lesson screen gave the panel: 7.5's hidden
        weights lost it when a run ended, while they kept the focus."""
        wanted = keep_focus_mark(self.border_title, label)
        if str(self.border_title or "") != wanted:
            self.border_title = wanted

    @property
    def focused(self) -> bool:
        """The screen's focus, not has_focus: on_focus runs before Textual sets has_focus."""
        return self.is_attached and self.screen.focused is self

    def data_root(self) -> Any:
        """The learner's data folder (answers.json lives there); None outside the tutor (a test app)."""
        return getattr(getattr(self.app, "progress", None), "root", None)

    def border_caption(self) -> str:
        """What the border says under the panel: its keys while focused, else how to focus it."""
        if self.focused:
            keys = f"{self.keys()} z zoom".strip()
            parts = [self.position, "f next" if self.position else "", keys]
            caption = " · ".join(part for part in parts if part)
            # In a narrow column (the side column at 120x40) the keys, not where it stands: the
            # playground's ended "f next · arrows x toggle a d…". The border and a space each side
            # take 6 columns.
            room = self.size.width - 6 if self.is_attached else 0
            if room <= 0:
                return caption
            return next((c for c in (caption, keys) if len(c) <= room), self.keys() or keys)
        parts = [self.position, self.UNFOCUSED]
        return " · ".join(part for part in parts if part)

    def keys(self) -> str:
        """Its KEYS as the caption shows them now (a panel whose key changes meaning says so)."""
        return self.KEYS

    def show_caption(self) -> None:
        self.border_subtitle = Content(self.border_caption())

    def on_focus(self) -> None:
        self.show_caption()
        self.refresh(layout=True)  # a panel whose picture shows its keys (the pad) draws them again

    def on_blur(self) -> None:
        self.show_caption()
        self.refresh(layout=True)

    def on_resize(self) -> None:
        self.show_caption()  # how much of it fits

    @property
    def sized_by_content(self) -> bool:
        """Its height follows what it draws (stacked under the charts in the wide views, grok.tcss),
        unless zoomed: its own height then says nothing of the room it may take."""
        height = self.styles.height
        return self.is_attached and self.screen.maximized is not self and height is not None and height.is_auto

    @property
    def columns(self) -> int:
        """Columns inside the border (78 before the first layout), never more than the screen shows
        (a zoomed panel's `2fr` width can exceed the screen)."""
        width = self.content_size.width or 78
        return min(width, self.app.size.width - 4) if self.is_attached else width

    def sentence(self, text: str, style: str = "dim") -> Text:
        """Words in the panel's width: a panel does not wrap what it shows (its pictures must not),
        so a sentence longer than the panel lost its end ("…: the network appears here")."""
        return Text(textwrap.fill(text, max(20, self.columns)), style=style)

    def run_started(self) -> None:
        """A new run began: forget the last one's results."""

    def run_stepped(self, values: Mapping[str, Any]) -> None:
        """The latest recorded step (called at the redraw rate, not at every step)."""

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        """The run finished; `namespace` holds the lesson's final variables."""

    def run_diverged(self, namespace: Mapping[str, Any]) -> None:
        """The run diverged (a value became nan or inf); `namespace` holds its variables as they were
        then, some of which may be finite still (7.3's nan was in the loss, not the weights)."""

    def run_state_changed(self, state: str) -> None:
        """The run's state as the status line now shows it ("running", "paused", "finished"...):
        a pause records no step, so a panel that names the state hears it here."""

    def run_reset(self) -> None:
        """The learner reset (r): no run now; the last one is kept to compare with."""

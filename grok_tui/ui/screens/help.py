"""The help screen: every key of the tutor, the selected parameter's help, and lesson-file problems."""

from __future__ import annotations

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from grok_tui.settings import Settings, mistakes
from grok_tui.ui.contrast import drawn_style
from grok_tui.ui.notices import take_back
from grok_tui.ui.screens.dismiss_once import DismissOnce
from grok_tui.ui.speed import LADDER
from grok_tui.ui.widgets.footer import KeyFooter
from grok_tui.ui.widgets.status import speed_text

REBOUND = Style(bold=True, color="yellow")
"""A key the learner set in the settings file's [keys], marked *."""


class KeyTable(Static):
    """Keys (or marks) and what they do, two columns; the keys in contrast.drawn_style, worked out when
    drawn: the theme's colours are known then, and a theme picked meanwhile redraws it."""

    def __init__(self, rows: list[tuple[str | Text, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows = rows

    def on_mount(self) -> None:
        self.update(self._table())
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.update(self._table()))

    def on_unmount(self) -> None:
        self.app.theme_changed_signal.unsubscribe(self)

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style=drawn_style(self), no_wrap=True)
        table.add_column()
        rebound = drawn_style(self, REBOUND)
        for key, what in self.rows:
            table.add_row(Text(key.plain, style=rebound) if isinstance(key, Text) else key, what)
        return table


KEYS: tuple[tuple[str, str], ...] = (
    ("space", "run / pause / resume (from ready or finished: a new run)"),
    ("s", "one step (from ready: start paused after the first step)"),
    ("l", "switch between the lesson text (with a live strip) and the lab: charts, values, params"),
    ("r", "reset: stop the run, keep its curve dimmed for comparison"),
    ("ctrl+c", "pause a playing run, as in a terminal (nothing playing: copy the selected text, or say how to quit)"),
    ("[ ]  tab", "choose a param"),
    (
        "+ -  ← →",
        "change the chosen param one rung: the lesson runs again with it, from the same random start; in "
        "the lab, ← → move the cursor of a panel in view that has one (chapter 7's digit panels, 6.3's "
        "playground) unless the values have the focus ([ ] or f give it to them)",
    ),
    ("=  enter", "type the chosen param's value exactly (checked against its range)"),
    ("D", "every param back to the lesson's defaults, the values its text quotes (shift+d)"),
    (
        "< >",
        f"slower / faster ({', '.join(speed_text(s) for s in LADDER)}, the lesson's own pace); in "
        "brackets on the status line, the speed a run really reaches; `speed` in settings.toml keeps one",
    ),
    ("e", "write the lesson's exercise"),
    ("o", "all the lesson printed, full screen (o or escape: back); each cell's own is under it"),
    ("g", "lab view below 110 columns: the next chart, then each panel in turn"),
    ("v", "show / hide the check cells: the asserts that pin the book's numbers"),
    ("w", "to the cell the run is in (tinted in the text while it runs)"),
    ("z", "zoom the focused pane to the whole screen (z or escape: back)"),
    ("n p", "next / previous lesson"),
    ("c", "contents (lessons, ✓ done, • started)"),
    ("escape", "back one step: un-zoom, then from the lab to the text, then to the contents (twice while a run goes)"),
    (
        "↑ ↓ j k G pgup pgdn",
        "scroll the lesson text and code (home, end or G: its top, its end; in the values column: ↑ ↓ choose "
        "a param, pgup pgdn scroll the values)",
    ),
    (
        "f  F",
        "focus the next / previous pane (▶ marks it): text, values, each chart, each lesson panel (the lab keeps f "
        "to its own panes: l for the text). A panel's letter and digit keys reach it from any pane. While the "
        'status line says "F chapter quiz", F opens the chapter\'s quiz',
    ),
    ("ctrl+p", "command palette: a lesson by id or title, or a theme (kept)"),
    ("F1  ?", "this help (with the keys of the focused panel)"),
    ("ctrl+l", "redraw the whole screen (if something else wrote over it)"),
    ("ctrl+z", "suspend to the shell, as any terminal program; `fg` brings the tutor back"),
    ("q  ctrl+q", "quit (a running lesson is stopped)"),
)

CHART_MARKS: tuple[tuple[str, str], ...] = (
    ("⠒⠒ in colour", "this run; a second or third series carries its own mark too (• × + ◦ ▪), named in the legend"),
    (
        "⠒· in grey",
        "the previous run (before your last change, from the same seed): compare the two; its line "
        "carries · (so it differs from this run's in shape, not only in colour), its later series "
        "keep their marks, in grey (⠒·• in the legend)",
    ),
    ("⠒ ⠒", "the goal (dotted grey), e.g. goal_pred; │ marks a value, e.g. the weight now"),
    (
        "not drawn",
        "the previous run is left out where it would squash this run flat; the legend says where it went: "
        "reached higher / lower / wider, far above / below, off scale (far both ways: it diverged), at other x",
    ),
    (
        "log scale",
        "in the title: the axis counts powers of ten (1, 0.001, 1e-06), so an error that shrinks by the same "
        "factor at each step falls in a straight line",
    ),
    ("!", "early steps look flat here: the last values are so large that the first, which did move, look flat"),
    ("0  ?", "from that step the value was 0 (below any log scale) / nan or inf (it overflowed): not drawn"),
)
"""How to read a chart's legend and marks (ui/widgets/chart.py), listed under the lesson's keys."""

EXERCISE_KEYS: tuple[tuple[str, str], ...] = (
    ("typing", "the TODO opens selected, with the stub's placeholder line under it: what you type replaces them"),
    ("F5  ctrl+r", "check your code: the exercise's tests run it in a separate process"),
    ("F2", "the next hint (h when the editor does not have the focus)"),
    ("F3", "the reference solution, once your code passes (s outside the editor)"),
    ("F4", "start over from the stub (ctrl+z undoes; a .bak file keeps yours); F4 on the stub: yours back"),
    (
        "escape",
        "leave the editor for the verdict, which ↑ ↓ pgup pgdn scroll (e or i: back in); escape again: the lesson",
    ),
    ("", ""),
    ("tab  shift+tab", "indent the selected lines (no selection: spaces at the cursor) / take one level off"),
    ("enter", "a new line with the same indentation (one level more after a `:`)"),
    ("home  end", "start / end of the line (ctrl+e too); ctrl+home ctrl+end: of the code"),
    ("ctrl+← ctrl+→", "a word left / right"),
    ("pgup  pgdn", "a page up / down"),
    ("shift+arrows", "select; ctrl+a (or F7) all, F6 a line with its break"),
    ("ctrl+x ctrl+c ctrl+v", "cut, copy, paste (pasted lines fit the indentation)"),
    ("ctrl+z  ctrl+y", "undo, redo"),
    ("ctrl+w  ctrl+u  ctrl+k", "delete the word left, to the line's start, to its end"),
    ("", ""),
    ("ctrl+p", "command palette: jump to a lesson (your code is kept)"),
    ("F1  ?", "this help (in the editor ? is the help until you type, then it is typed)"),
    ("ctrl+q  q", "quit (q outside the editor); what you typed is saved as you type (ctrl+s too), and kept"),
)
"""The exercise screen's keys (its bindings) and the editor's (Textual's TextArea, ui/exercise_editor.py)."""

CONTENTS_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓  j k", "choose a lesson (the course starts at the top: 2.1), or a chapter's quiz (✎)"),
    ("pgup pgdn home end", "a page up / down, the first / last row"),
    ("enter  space", "open the chosen lesson (in it, space runs its code and F1 lists its keys), or take the quiz"),
    ("F", "take the chosen lesson's chapter quiz"),
    ("ctrl+p", "command palette: a lesson by id or title, a chapter's quiz, or a theme (kept)"),
    ("escape", "back to the lesson you came from (none yet on a first start)"),
    ("F1  ?", "this help"),
    ("q  ctrl+q", "quit (your progress is saved as you go)"),
    ("ctrl+c", "say how to quit (in a lesson it pauses a run)"),
    ("", ""),
    ("✓ ◐ •  ▸", "complete; run to its end with exercises still to do; opened; the lesson opened last"),
    ("✎", "the chapter's quiz, with your last score"),
)
"""The contents screen's keys (its list's, its bindings') and its marks."""

OUTPUT_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓  pgup pgdn", "scroll what the lesson printed"),
    ("home  end", "its top / its end (at the end, it follows the run as it prints)"),
    ("o  escape", "back to the lesson"),
    ("F1  ?", "this help"),
    ("q  ctrl+q", "quit"),
)
"""The output view's keys (`o`: its bindings and its scrolling body's)."""

PREDICT_KEYS: tuple[tuple[str, str], ...] = (
    ("0-9 . - e", "type your guess: a number, e.g. -0.25 or 1.5e-3 (other keys are not typed)"),
    ("enter", "check it: the run shows its own value beside yours, then goes on"),
    ("tab", "the next box, where a question asks for two numbers"),
    ("escape", "skip the question: no guess is kept"),
    ("↑ ↓  pgup pgdn", "read the lesson first: the run stays paused before this step, and space or s asks again"),
    ("F1  ?", "this help"),
    ("q  ctrl+q", "quit"),
)
"""The predict box's keys (grok_tui/ui/screens/predict.py)."""

QUIZ_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓", "a question with choices: highlight the one above / below; its number goes in the answer"),
    ("typing", "your answer: a number, or a choice's number or its text"),
    ("enter", "check it; then the next question (after the last: your score)"),
    ("escape", "leave the quiz: your answers so far are kept, and it goes on there next time"),
    ("F1", "this help (? is typed into the answer)"),
    ("ctrl+q", "quit"),
)
"""The chapter quiz's keys (grok_tui/ui/screens/quiz.py)."""

QUIZ_SCORE_KEYS: tuple[tuple[str, str], ...] = (
    ("escape  enter", "close the quiz: back where you opened it (your answers are kept)"),
    ("r", "when some were missed: those questions, asked again (the quiz opened again asks them all)"),
    ("F1  ?", "this help"),
    ("ctrl+q", "quit"),
)
"""The keys of the quiz's score, its last page: no answer is typed there."""

PARAM_KEYS: tuple[tuple[str, str], ...] = (
    ("typing", "the value (it opens selected: what you type replaces it), checked against the range above it"),
    ("← →  home end", "move in the value; backspace and delete erase"),
    ("enter", "run the lesson again with this value"),
    ("escape", "cancel: the value stays as it was"),
    ("F1  ?", "this help"),
    ("ctrl+q", "quit"),
)
"""The `set <param>` box's keys (= or enter on a lesson; grok_tui/ui/screens/param_input.py)."""

PICK_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓  j k", "choose an exercise (✓ passed, • begun)"),
    ("enter  1-9", "write the chosen one / that one"),
    ("escape  q", "back to the lesson"),
    ("F1  ?", "this help"),
    ("ctrl+q", "quit (your code is saved as you type)"),
)
"""The `which exercise?` box's keys (e on a lesson of several; grok_tui/ui/screens/pick_exercise.py)."""

COURSE_END_KEYS: tuple[tuple[str, str], ...] = (
    ("↑ ↓  pgup pgdn", "scroll the page"),
    ("home  end", "its top / its end"),
    ("escape  p", "back to the last lesson"),
    ("c", "contents: every lesson, with what is still open"),
    ("F1  ?", "this help"),
    ("q  ctrl+q", "quit (your progress is saved as you go)"),
)
"""The course-end screen's keys (grok_tui/ui/screens/course_end.py)."""

ROW_ACTIONS: dict[str, tuple[tuple[str | None, str], ...]] = {
    "space": (("run", "space"),),
    "s": (("step", "s"),),
    "l": (("view", "l"),),
    "r": (("reset", "r"),),
    "[ ]  tab": (("previous_param", "["), ("next_param", "]  tab")),
    "+ -  ← →": (("increase", "+"), ("decrease", "-"), (None, "← →")),
    "=  enter": (("type_param", "=  enter"),),
    "< >": (("slower", "<"), ("faster", ">")),
    "e": (("exercise", "e"),),
    "o": (("output", "o"),),
    "g": (("next_chart", "g"),),
    "v": (("checks", "v"),),
    "z": (("zoom", "z"),),
    "n p": (("next_lesson", "n"), ("previous_lesson", "p")),
    "c": (("contents", "c"),),
    "f  F": (("focus", "f"), (None, "F")),
    "F1  ?": (("help", "F1  ?"),),
    "q  ctrl+q": (("quit", "q"), (None, "ctrl+q")),
}
"""For each row of KEYS: the settings action (settings.ACTIONS) behind each part of its keys, so
that keys rebound in settings.toml's [keys] show as they are, not as they were by default."""


def row_keys(keys: str, overrides: dict[str, str]) -> tuple[str, bool]:
    """The keys of a KEYS row with `overrides` (action -> "k1,k2") applied, and whether any applied."""
    parts = ROW_ACTIONS.get(keys, ())
    if not any(action in overrides for action, _ in parts):
        return keys, False
    shown = [
        " ".join(format_key(k) for k in overrides[action].split(",")) if action in overrides else default
        for action, default in parts
    ]
    return "  ".join(shown), True


def settings_text(settings: Settings) -> Text:
    """Where settings.toml is (the help's rows name it, and `grok-tui --help` prints the same path),
    and each of its mistakes, the ones the notice at the start had no room for too."""
    text = Text.assemble(("\nsettings.toml", "bold"), " keeps the theme, the speed and [keys]:\n", str(settings.path))
    if settings.errors:
        count = len(settings.errors)
        text.append(f"\n{count} mistake{'s' if count > 1 else ''} in it:", style="bold red")
        for line in mistakes(settings):
            text.append(f"\n{line}", style="red")
    return text


class HelpScreen(DismissOnce, ModalScreen[None]):
    BINDINGS = [
        # Said in a key bar of its own: under the help, the screen's bar said "? help  q quit", while
        # q (and ?) closed the help.
        Binding("escape,q,f1,question_mark,enter", "dismiss", "close the help", key_display="esc/q", id="help.close"),
    ]

    def __init__(
        self,
        param_help: str = "",
        problems: list[str] | None = None,
        panel_keys: tuple[str, list[tuple[str, str]]] = ("", []),
        *,
        keys: tuple[tuple[str, str], ...] = KEYS,
        title: str = "grok-tui keys",
    ) -> None:
        super().__init__()
        self.keys, self.title_text = keys, title
        self.param_help = param_help
        self.problems = problems or []
        self.panel_name, self.panel_keys = panel_keys
        """The focused lesson panel's name and its bindings (contract C2), listed first."""

    def compose(self) -> ComposeResult:
        settings = getattr(self.app, "settings", None)
        overrides: dict[str, str] = dict(getattr(settings, "keys", {}) or {})
        rows: list[tuple[str | Text, str]] = []
        for key, what in self.keys:
            keys, rebound = row_keys(key, overrides) if self.keys is KEYS else (key, False)
            rows.append((Text(f"{keys} *", style=REBOUND) if rebound else keys, what))
        with VerticalScroll(id="help-box") as box:
            box.border_title = self.title_text
            box.border_subtitle = "escape to close"
            if self.panel_name:
                panel = self.panel_keys or [("", "this panel has no keys of its own")]
                yield Static(Text(f"the focused panel: {self.panel_name}", style="bold"), classes="help-heading")
                yield KeyTable(list(panel), id="panel-keys")
                yield Static(Text("\nthe lesson screen", style="bold"), classes="help-heading")
            yield KeyTable(rows)
            if self.keys is KEYS:
                yield Static(Text("\nreading the charts", style="bold"), classes="help-heading")
                yield KeyTable(list(CHART_MARKS), id="help-charts")
            if overrides:
                note = "\n* your key, set in the settings file's [keys] (below)"
                yield Static(Text(note, style="dim"), id="help-rebound")
            if settings is not None:
                yield Static(settings_text(settings), id="help-settings")
            if self.param_help:
                yield Static(Text.assemble(("\nselected parameter: ", "bold"), self.param_help))
            if self.problems:
                text = Text("\nLesson files that did not load:\n", style="bold red")
                for problem in self.problems:
                    text.append(f"{problem}\n", style="red")
                yield Static(text)
        yield KeyFooter(show_command_palette=False)

    def on_mount(self) -> None:
        notice = getattr(self.app, "settings_notice", "")
        if notice:  # it said "F1 lists them all", and covered the list
            take_back(self.app, lambda message: message == notice)
        if self.problems:  # the start's "lesson file problem" said "see contents or F1", and covered the list
            take_back(self.app, lambda message: any(message.startswith(p) for p in self.problems))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

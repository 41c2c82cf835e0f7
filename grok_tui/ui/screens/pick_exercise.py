"""A small chooser when a lesson has several exercises: which one to write."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from grok_tui.lesson.model import Lesson
from grok_tui.ui.contrast import drawn_text
from grok_tui.ui.keys_ahead import hold_for_a_screen, release_after_refresh, release_now
from grok_tui.ui.screens.dismiss_once import DismissOnce
from grok_tui.ui.widgets.stopping_list import StoppingOptionList


class ExerciseList(StoppingOptionList):
    """j k move as on the contents; a digit writes that exercise (they did nothing, and said nothing)."""

    BINDINGS = [
        Binding("j", "cursor_down", "down", show=False),
        Binding("k", "cursor_up", "up", show=False),
        *(Binding(str(n), f"pick({n - 1})", f"exercise {n}", show=False) for n in range(1, 10)),
    ]

    def action_pick(self, index: int) -> None:
        if index >= self.option_count:
            self.notify(f"{index + 1}: there are {self.option_count} exercises here", timeout=3, markup=False)
            return
        self.highlighted = index
        self.action_select()

    def action_select(self) -> None:
        """enter or a digit: the editor opens, and the code typed with it is held for it (`e 2 code`
        pasted, or bunched by a slow link, went to this list: a `q` in it closed the chooser)."""
        if self.highlighted is not None:
            hold_for_a_screen(self.app)
        super().action_select()


class PickExercise(DismissOnce, ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape,q", "cancel", "close", id="pick.close"),
        # F1 and ? did nothing here, silently, where every other screen lists its keys
        Binding("f1,question_mark", "help", "help", show=False, id="pick.help"),
    ]

    def __init__(self, lesson: Lesson, done: set[str], drafted: Sequence[str] = ()) -> None:
        super().__init__()
        self.lesson = lesson
        self.done = done
        self.drafted = drafted
        """Exercises not done with a draft, the one changed last first: `• ` marks them, where the
        learner left off, and the box opens on the first."""

    def compose(self) -> ComposeResult:
        options = []
        for number, exercise in enumerate(self.lesson.exercises, start=1):
            mark = (
                ("✓ ", "green")
                if exercise.name in self.done
                else ("• ", "yellow")
                if exercise.name in self.drafted
                else ("  ", "")
            )
            # "Write one_hot: ..." names its function already: "one_hot: Write one_hot: ..." said it twice
            label = exercise.title if exercise.name in exercise.title else f"{exercise.name}: {exercise.title}"
            # its number: the box says "enter or 1-2 write it", and no option showed which was 1
            options.append(Option(Text.assemble(mark, (f"{number} ", "bold"), label), id=exercise.name))
        chooser = ExerciseList(*options, id="pick-box")
        chooser.border_title = "which exercise?"
        # The key bar below belongs to the lesson: the box says its own keys.
        keys = f"↑↓ · enter or 1-{len(options)} write it · esc back"
        chooser.border_subtitle = ("• begun · " if self.drafted else "") + keys
        names = [e.name for e in self.lesson.exercises]
        first_open = next((i for i, name in enumerate(names) if name not in self.done), 0)
        chooser.highlighted = names.index(self.drafted[0]) if self.drafted else first_open
        yield chooser

    def on_mount(self) -> None:
        """The marks in colours readable where the box is drawn (contrast.drawn_style): "• " begun was
        the terminal's yellow on ansi-light. The keys read with the `e` that opened it are its."""
        release_after_refresh(self.app)
        chooser = self.query_one(ExerciseList)
        for option in list(chooser.options):
            if isinstance(option.prompt, Text) and option.id is not None:
                chooser.replace_option_prompt(option.id, drawn_text(chooser, option.prompt))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        release_now(self.app)
        self.dismiss(None)

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import PICK_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(keys=PICK_KEYS, title="which exercise? keys"))

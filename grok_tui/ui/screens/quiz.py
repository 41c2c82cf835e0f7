"""A chapter's quiz: one question at a time, typed answer (a number, or a choice's number or text; on
a choice question ↑ ↓ choose too), then right or wrong with why; answers are saved as they are given
(answers.json, atomically)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Static

from grok_tui.answers import load_answers, record_answer, unfinished_attempt
from grok_tui.instruments.predict import number_problem
from grok_tui.instruments.quiz import Quiz
from grok_tui.ui.answer_notices import tell_set_aside
from grok_tui.ui.contrast import drawn_style, drawn_text, theme_style
from grok_tui.ui.keys_ahead import hold_keys, release_after_refresh
from grok_tui.ui.screens.dismiss_once import DismissOnce
from grok_tui.ui.widgets.footer import KeyFooter


def choice_numbers(count: int) -> str:
    """How to name the choices by number: "1 to 2" read oddly for two."""
    return "1 or 2" if count == 2 else f"1 to {count}"


class QuizAnswer(Input):
    """The answer field: keys read after its enter wait until the answer is taken, then go to what
    shows next (grok_tui/ui/typeahead.py), as when they come one at a time."""

    holds_keys_after_submit = True


class QuizScreen(DismissOnce, Screen[int]):
    """Returns the number of right answers (of the questions answered)."""

    DEFAULT_CSS = """
    QuizScreen { align: center top; }
    QuizScreen > Vertical { width: 90; max-width: 100%; height: auto; border: round $accent; padding: 0 1; }
    QuizScreen #quiz-question { margin: 0 0 1 0; }
    QuizScreen #quiz-verdict { margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("escape", "leave", "leave the quiz", id="quiz.leave"),
        Binding("enter", "advance", "next", id="quiz.next"),
        # The score's keys, in place of the two above: its bar said "⏎ next" under "escape or enter:
        # close the quiz".
        Binding("escape,enter", "close", "close the quiz", key_display="esc/enter", id="quiz.close"),
        # "Take the quiz again to try them once more" then asked every question: r asks the missed ones.
        Binding("r", "retry_missed", "try the missed again", id="quiz.retry"),
        # ctrl+c, "stop" (or "quit") by reflex: Textual's own said "Press ctrl+q to quit the app"
        Binding("ctrl+c", "interrupt", show=False, id="quiz.interrupt"),
        # F1 only: ? is typed into the answer (the field takes it before this screen's bindings);
        # with no answer box (the verdict, the score) ? opens the help too: it did nothing there.
        Binding("f1", "help", "help", id="quiz.help"),
        Binding("question_mark", "help", show=False, id="quiz.help_mark"),
        # ↑ ↓ over a question's choices: a newcomer's Down then enter answered nothing ("Type 1 or 2").
        Binding("up", "choose(-1)", show=False, id="quiz.choose_up"),
        Binding("down", "choose(1)", show=False, id="quiz.choose_down"),
    ]

    def __init__(self, quiz: Quiz, root=None) -> None:
        super().__init__()
        self.quiz = quiz
        self.root = root
        self.index = 0
        """The place in `order` of the question shown (len(order): the score shows)."""
        self.order = list(range(len(quiz.questions)))
        """The questions asked, 0-based: all of them, or (after r) those missed."""
        self.right = 0
        self.answered = 0
        self.missed: list[int] = []
        self.showing_verdict = False
        self.highlighted: int | None = None
        self._drawn: Text | None = None
        """The question and its choices as last drawn (a click finds its choice in it)."""
        """The choice ↑ ↓ (or the typed answer) name, 0-based; None for none."""
        done = (
            [] if root is None else unfinished_attempt(load_answers(root), f"quiz/{quiz.chapter}/", len(quiz.questions))
        )
        # An attempt left unfinished goes on where it stopped, with its answers counted.
        self.resumed_at = self.index = self.answered = len(done)
        self.right = sum(done)
        self.missed = [i for i, right in enumerate(done, start=1) if not right]

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"chapter {self.quiz.chapter} quiz"
            yield Static(id="quiz-question")
            yield QuizAnswer(id="quiz-answer")
            yield Static(id="quiz-verdict")
        yield KeyFooter()

    def on_mount(self) -> None:
        tell_set_aside(self.app)  # the answers read as it opened may have been set aside
        self._show_question()
        release_after_refresh(self.app)  # an answer typed with the enter that opened the quiz

    @property
    def box(self) -> Vertical:
        return self.query_one(Vertical)

    @property
    def number(self) -> int:
        """The 1-based number of the question shown."""
        return self.order[self.index] + 1

    @property
    def scored(self) -> bool:
        return self.index >= len(self.order)

    def _show_question(self) -> None:
        q = self.quiz.questions[self.number - 1]
        self.highlighted = None
        self._draw_question()
        answer = self.query_one("#quiz-answer", Input)
        answer.value = ""
        answer.placeholder = "↑↓ choose, or type 1, 2, ... or the choice" if q.choices else "type a number"
        answer.disabled = False
        # at once, not at the next idle moment (focus()): the answer typed in the same burst as the
        # enter that brought this question was dropped, with no field focused to take it
        self.set_focus(answer)
        self.query_one("#quiz-verdict", Static).update("")
        keys = "↑↓ choose · enter: check" if q.choices else "enter: check"
        self.box.border_subtitle = f"{keys} · escape: leave · {self.right}/{self.answered} right"
        self.showing_verdict = False

    def _draw_question(self) -> None:
        """The question and its choices, the highlighted one marked (▸, reversed)."""
        q = self.quiz.questions[self.number - 1]
        text = Text(f"Question {self.number} of {len(self.quiz.questions)}", style="bold")
        if len(self.order) < len(self.quiz.questions):
            which = (
                "the one you missed"
                if len(self.order) == 1
                else f"{self.index + 1} of the {len(self.order)} you missed"
            )
            text.append(f"  (trying again: {which})", style="dim italic")
        if self.resumed_at and self.index == self.resumed_at:
            text.append(
                f"  (going on where you stopped: {self.right} of {self.answered} right so far)", style="dim italic"
            )
        text.append("\n\n")
        text.append(q.text + "\n")
        shown = self.query_one("#quiz-question", Static)
        number = drawn_style(shown)
        for i, choice in enumerate(q.choices):
            here = i == self.highlighted
            text.append(f"\n{'▸' if here else ' '} {i + 1}  ", style=number)
            text.append(choice, style="reverse" if here else "")
        self._drawn = text
        shown.update(text)

    def on_click(self, event: events.Click) -> None:
        """A click on a choice highlights it, as ↑ ↓ do (enter answers): a learner with a mouse
        clicked "1  (4, 6)" and nothing happened (a trial)."""
        shown = self.query_one("#quiz-question", Static)
        offset = event.get_content_offset(shown)
        q = None if self.scored else self.quiz.questions[self.number - 1]
        if offset is None or q is None or not q.choices or self.showing_verdict or self._drawn is None:
            return
        rows = [line.plain for line in self._drawn.wrap(self.app.console, max(1, shown.content_size.width))]
        # each choice's first row (`▸ 2  ...` or `  2  ...`); the click is on the last one above it
        firsts = [
            next((n for n, row in enumerate(rows) if row.startswith((f"▸ {i + 1}  ", f"  {i + 1}  "))), -1)
            for i in range(len(q.choices))
        ]
        picked = [i for i, first in enumerate(firsts) if 0 <= first <= offset.y]
        if picked:
            self._highlight(picked[-1])

    def action_choose(self, direction: int) -> None:
        """↑ ↓: highlight the choice above / below (stopping at the first and last), and put its number
        in the answer field, selected: enter answers it, typing replaces it."""
        q = self.quiz.questions[self.number - 1]
        if self.highlighted is None:
            index = 0 if direction > 0 else len(q.choices) - 1
        else:
            index = min(max(self.highlighted + direction, 0), len(q.choices) - 1)
        self._highlight(index)

    def _highlight(self, index: int) -> None:
        """Choice `index` highlighted, its number in the answer field, selected."""
        answer = self.query_one("#quiz-answer", Input)
        answer.value = str(index + 1)
        answer.action_select_all()
        self.highlighted = index  # after the value: its Changed event comes later, and agrees
        self._draw_question()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The highlight follows what is typed: the choice it names, or none."""
        if self.showing_verdict or self.scored:
            return
        q = self.quiz.questions[self.number - 1]
        if not q.choices:
            return
        named = q.choice(event.value) if event.value.strip() else None
        highlighted = q.choices.index(named) if named is not None else None
        if highlighted != self.highlighted:
            self.highlighted = highlighted
            self._draw_question()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._take_answer(event)
        release_after_refresh(self.app)  # the keys typed after the enter (QuizAnswer)

    def _take_answer(self, event: Input.Submitted) -> None:
        if self.showing_verdict or self.scored:
            # an enter that reached the field before it was disabled (enter enter, fast or over a slow
            # link): counted, it answered the question again ("3 of 2 right"); it meant "next"
            self.action_advance()
            return
        q = self.quiz.questions[self.number - 1]
        verdict = self.query_one("#quiz-verdict", Static)
        right = q.check(event.value)
        if right is None:
            said = (
                f"{number_problem(event.value).capitalize()}."
                if q.numeric
                else f"Type {choice_numbers(len(q.choices))}, or the choice's text."
            )
            verdict.update(drawn_text(verdict, Text(said, style="yellow")))
            return
        self.answered += 1
        self.right += right
        if not right:
            self.missed.append(self.number)
        if self.root is not None:
            try:
                record_answer(
                    self.root,
                    f"quiz/{self.quiz.chapter}/{self.number}",
                    event.value.strip(),
                    right,
                    retry=len(self.order) < len(self.quiz.questions),
                )
            except OSError as exc:
                self.notify(f"could not save your answer: {exc}", severity="warning", markup=False)
        # a choice is quoted: "the answer is slowly turns back up." read as a broken sentence
        answer = f"“{q.answer}”" if q.choices else f"{q.answer:g}"
        sign = "; the size is right, the sign is not" if not right and q.sign_only(event.value) else ""
        # Only the headline in colour, the theme's own made readable on the box: the whole explanation
        # was bold yellow, unreadable on ansi-light's (a light terminal's) background.
        tone = theme_style(
            "bold $text-success" if right else "bold $text-warning",
            self.app.theme_variables,
            [verdict.background_colors[1]],
        )
        text = Text()
        text.append("✓ Right. " if right else f"✗ Not quite: the answer is {answer}{sign}. ", style=tone)
        mistake = q.mistake(event.value) if not right else ""
        if mistake:  # what this answer says of the thinking behind it, then the whole reason
            text.append(mistake + " ", style="")
        if q.why:
            text.append(q.why, style="")
        last = self.index == len(self.order) - 1
        text.append("\n\n" + ("enter: see your score" if last else "enter: next question"), style="dim")
        verdict.update(text)
        self.showing_verdict = True
        event.input.disabled = True
        self.set_focus(None)
        self.box.border_subtitle = f"{self.right}/{self.answered} right"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The score's own binding while it shows, the questions' before (False hides one)."""
        scored = self.scored
        if action in ("leave", "advance"):
            return not scored
        if action == "choose":  # a choice question waiting for its answer
            return not scored and not self.showing_verdict and bool(self.quiz.questions[self.number - 1].choices)
        if action == "close":
            return scored
        if action == "retry_missed":
            return scored and bool(self.missed)
        return True

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import QUIZ_KEYS, QUIZ_SCORE_KEYS, HelpScreen

        if self.scored:  # the score: no answer is typed there
            self.app.push_screen(HelpScreen(keys=QUIZ_SCORE_KEYS, title="quiz score keys"))
            return
        self.app.push_screen(HelpScreen(keys=QUIZ_KEYS, title="quiz keys"))

    def action_interrupt(self) -> None:
        self.notify("escape leaves the quiz; your answers so far are kept", title="ctrl+c", timeout=4, markup=False)

    def action_advance(self) -> None:
        if self.scored:
            self.dismiss(self.right)
            return
        if not self.showing_verdict:
            return
        # An answer typed in the burst that goes on was read before its field had the focus: it
        # waits for the next question (`enter 2 enter` after a verdict lost the 2 and its enter)
        hold_keys(self.app)
        if self.index < len(self.order) - 1:
            self.index += 1
            self._show_question()
        else:
            self._show_score()
        release_after_refresh(self.app)

    def _show_score(self) -> None:
        total = len(self.quiz.questions)
        asked = len(self.order)
        text = Text(f"{self.right} of {asked} right" + (" this time" if asked < total else "") + ".\n", style="bold")
        if self.missed:
            some = len(self.missed) > 1
            text.append(
                f"Missed: question{'s' if some else ''} "
                + ", ".join(map(str, self.missed))
                + f". r tries {'them' if some else 'it'} again now (the quiz opened again asks all {total}).\n"
            )
        elif asked < total:
            text.append(f"Every question of the {total} now answered right.\n", style="green")
        else:
            text.append("Every answer right.\n", style="green")
        # from the contents or ctrl+p too: "back to the lesson" sent a learner looking for one
        text.append(
            "\nescape or enter: close the quiz" + (" · r: the missed again" if self.missed else ""), style="dim"
        )
        self.query_one("#quiz-question", Static).update(text)
        self.query_one("#quiz-answer", Input).display = False
        self.query_one("#quiz-verdict", Static).update("")
        self.showing_verdict = False
        self.index = asked
        self.refresh_bindings()  # the score's key bar (check_action)

    def action_retry_missed(self) -> None:
        """r on the score: the questions missed, once more (each answer is recorded as any other)."""
        if not self.scored or not self.missed:
            return
        self.order = [number - 1 for number in self.missed]
        self.index = self.answered = self.right = self.resumed_at = 0
        self.missed = []
        self.query_one("#quiz-answer", Input).display = True
        self._show_question()
        self.refresh_bindings()

    def action_leave(self) -> None:
        self.dismiss(self.right)

    def action_close(self) -> None:
        self.dismiss(self.right)

"""Predict, then reveal: ask for a number before the run shows it; then say right or how far off.

`PredictScreen(lesson_id, questions, tally, texts)` asks (one Input per question) and returns the typed texts (None for
escape: skipped). `RevealScreen(lines)` shows the verdicts and why, and closes on enter or escape.
Both are modal: the lesson stays visible, dimmed, behind them.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from grok_tui.instruments.predict import number_problem, read_number
from grok_tui.lesson.model import Prediction
from grok_tui.ui.screens.dismiss_once import DismissOnce

NUMBER_KEYS = r"[-−+0-9.,eE ]*"
"""What a typed number can hold (read_number takes a Unicode minus and a decimal comma). Other keys
are not typed: an `s` pressed to step again as the question popped up was taken as the answer."""


KEYS_CSS = "#box-keys { dock: bottom; height: 2; width: 100%; background: $background; }"
"""The two bottom rows of a question or a reveal, over the lesson's status line and key bar (which
said "space resume · s step": keys the box does not take)."""


def keys_text(badge: str, line: str, keys: str) -> Text:
    """The two bottom rows while a box is open: what the run waits for, and the keys."""
    text = Text()
    text.append(f" {badge} ", style="reverse bold yellow")
    text.append(f" {line}\n")
    text.append(f" {keys}  q quit", style="dim")
    return text


class AnswerInput(Input):
    """A box for a number that claims only the keys a number can hold: an Input claims every
    printable key, so a bound one (q: quit) never reached its binding, though the box refused it."""

    class Refused(Message):
        """A key a number cannot hold was not typed."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character) and re.fullmatch(NUMBER_KEYS, character or "") is not None

    def restricted(self) -> None:
        # Said on the box, not rung: a newcomer's "abc" left the box empty without a word (and a
        # bell is one more thing sent over a slow link)
        self.post_message(self.Refused())


class FittedSubtitle:
    """A question's or a reveal's box: its lower border (keys and tally) fitted to its width."""

    _keys: str
    tally: str

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_subtitle)  # type: ignore[attr-defined]

    def _fit_subtitle(self) -> None:
        for box in self.query(Vertical).results():  # type: ignore[attr-defined]
            box.border_subtitle = fitted(self._keys, self.tally, box.size.width)
            return


READ_FIRST = "read first"
"""What PredictScreen returns for ↑ ↓ pgup pgdn: the learner reads the text first (the key then
scrolls it); the run stays paused before the step, and space or s asks again."""


class PredictScreen(FittedSubtitle, DismissOnce, ModalScreen[list[str] | str | None]):
    # The lesson behind the question is all but hidden: 4.4's table of the book's numbers sat under
    # the box, its answer in plain view (0.73401 for the step-4 weight). The box says what to work from.
    DEFAULT_CSS = (
        """
    PredictScreen { align: center middle; background: $background 94%; }
    /* the terminal's own colours do not blend: 94% of them showed the lesson whole (ansi-dark) */
    PredictScreen:ansi { background: $background; }
    PredictScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    PredictScreen Input { margin: 0 0 1 0; }
    PredictScreen .problem { color: $error; }
    """
        + KEYS_CSS
    )
    BINDINGS = [
        Binding("escape", "skip", "skip", id="predict.skip"),
        # The key bar under the box still says "q quit", and the box takes only numbers: q quits
        # here too (it did nothing, and a learner could not leave but with ctrl+q). A priority
        # binding, as the box would stop the key; AnswerInput lets Textual try the binding first.
        Binding("q", "app.quit", "quit", show=False, priority=True, id="predict.quit"),
        # A terminal's reflex for "stop that" (the lesson's ctrl+c pauses a run): here the run is
        # already waiting, and the key did nothing a learner could see. The box copies a selection
        # first (Input's ctrl+c); with none, it comes here.
        Binding("ctrl+c", "interrupt", show=False, id="predict.interrupt"),
        # The box's own keys (F1 did nothing here, and ? was refused as no number). A priority
        # binding too: the box would keep the key.
        Binding("f1,question_mark", "help", "help", show=False, priority=True, id="predict.help"),
        # 6.4's first question came 0.4 s after space, over the text the learner had not read, and
        # the only way back to it was escape, which threw the question away. A reading key keeps it
        # for later and reads on. (Not r: pressed twice, the second reset the run.)
        Binding("up", "read_first('up')", show=False, id="predict.read_up"),
        Binding("down", "read_first('down')", show=False, id="predict.read_down"),
        Binding("pageup", "read_first('pageup')", show=False, id="predict.read_pageup"),
        Binding("pagedown", "read_first('pagedown')", show=False, id="predict.read_pagedown"),
    ]

    def __init__(
        self,
        lesson_id: str,
        questions: list[Prediction],
        tally: str,
        texts: list[str] | None = None,
        plays_on: bool = False,
    ) -> None:
        super().__init__()
        self.lesson_id = lesson_id
        self.questions = questions
        self.tally = tally
        self.texts = texts or [q.question for q in questions]
        """What each question says (the panel words it for the run's parameters)."""
        self._problem = ""
        self.plays_on = plays_on
        """The question stopped a played run, which plays on after it (a learner pressed space "to go
        on" and paused it): the keys say so."""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = f"predict, then reveal · {self.lesson_id} step {self.questions[0].step}"
            skip = "skip, play on" if self.plays_on else "skip"
            self._keys = f"enter: check · escape: {skip}"
            box.border_subtitle = fitted(self._keys, self.tally, None)
            for i, (q, text) in enumerate(zip(self.questions, self.texts, strict=False)):
                yield Static(Text(text))
                yield AnswerInput(placeholder=f"{q.named} = ? (a number)", id=f"answer-{i}", restrict=NUMBER_KEYS)
            yield Static("", id="predict-problem", classes="problem")
        step = self.questions[0].step
        yield Static(
            keys_text(
                "question",
                f"before step {step} · the run waits for your answer",
                f"enter check  escape {skip}  ↑↓ read on first  ? help",
            ),
            id="box-keys",
        )

    def on_mount(self) -> None:
        # A question popped as the tutor quits can mount after its inputs were already taken down
        # (seen once in 8 runs under load): nothing to focus then, and no traceback.
        for answer in self.query("#answer-0").results(Input):
            answer.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        for widget in inputs:
            if read_number(widget.value) is None:
                self._say(f"{widget.value.strip() or 'nothing'}: {number_problem(widget.value)} (escape skips)")
                widget.focus()
                return
        self.dismiss([w.value for w in inputs])

    def _say(self, problem: str) -> None:
        """The line under the boxes: what is wrong with what was typed ("" for nothing)."""
        if problem != self._problem:  # not a layout at every key typed while nothing is said
            self._problem = problem
            self.query_one("#predict-problem", Static).update(problem)

    def on_input_changed(self, _: Input.Changed) -> None:
        # what the box said of letters refused, or of an answer that was no number, is out of date
        # once the learner types again (it stayed under "-0.2" until enter)
        self._say("")

    def on_answer_input_refused(self, _: AnswerInput.Refused) -> None:
        self._say("only a number goes here, e.g. -0.25 or 1.5e-3: letters are not typed (escape skips; ↑↓ read first)")

    def action_skip(self) -> None:
        self.dismiss(None)

    def action_read_first(self, key: str) -> None:
        """The text first: the box goes, the question waits, and the key reads on in the text."""
        self.dismiss(READ_FIRST)
        self.app.call_later(self.app.simulate_key, key)

    def action_help(self) -> None:
        from grok_tui.ui.screens.help import PREDICT_KEYS, HelpScreen

        self.app.push_screen(HelpScreen(keys=PREDICT_KEYS, title="predict keys"))

    def action_interrupt(self) -> None:
        skip = "skip, play on" if self.plays_on else "skip"
        self._say(f"ctrl+c: the run is waiting for your answer · escape {skip} · q quit")


class RevealScreen(FittedSubtitle, DismissOnce, ModalScreen[None]):
    DEFAULT_CSS = (
        """
    RevealScreen { align: center middle; }
    RevealScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """
        + KEYS_CSS
    )
    BINDINGS = [
        Binding("escape,enter,space", "close", "back to the lesson", id="reveal.close"),
        Binding("q", "app.quit", "quit", show=False, id="reveal.quit"),
        # answered everywhere else (the lesson, the question box, the quiz); here it did nothing
        Binding("ctrl+c", "interrupt", show=False, id="reveal.interrupt"),
    ]

    def __init__(self, title: str, body: Text, tally: str, plays_on: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.tally = tally
        self.plays_on = plays_on

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            back = "play on" if self.plays_on else "back to the lesson"
            self._keys = f"enter: {back}"
            box.border_subtitle = fitted(self._keys, self.tally, None)
            yield Static(self.body)
        yield Static(keys_text("answer", "the run's own value, beside yours", f"enter {back}"), id="box-keys")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_interrupt(self) -> None:
        waits = "the run waits while you read this" if self.plays_on else "nothing is playing"
        back = "play on" if self.plays_on else "back to the lesson"
        said = f"{waits} · enter: {back} · q quits, your progress is saved"
        self.notify(said, title="ctrl+c", timeout=4, markup=False)


def fitted(keys: str, tally: str, width: int | None) -> str:
    """A box's lower border: its keys and the tally, or the tally alone where both do not fit in
    `width` (the keys are on the line under the box too). At 80 columns "enter: check · escape:
    skip, play on · earlier visit: 1/1 right · thi…" hid what the learner had skipped."""
    full = f"{keys} · {tally}" if tally else keys
    room = None if width is None else width - 4  # the corners, and a space each side of the text
    return full if room is None or len(full) <= room or not tally else tally

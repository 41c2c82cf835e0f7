"""Predict, then reveal: at the steps a lesson declares (`[[predict]]`) the run stops just before
the value is computed and the tutor asks for it; the next step reveals it, says right or how far
off, and why. Asked while the learner steps (s: each step shows first, and the next s or space
asks about the one after it), and in a run played with space (the run pauses, asks, reveals, then
plays on; escape skips and plays on). Each question once per parameter set until the tutor quits
(the lesson's session keeps what was met, so n then p asks nothing again). The re-run a param
change starts plays through: its questions wait for the next space.
The panel shows the tally; answers are saved with the learner's progress (answers.json), and a
later visit lists them as earlier answers until the learner answers again (a learner found "no
predictions yet" after answering all three and coming back).

With parameters other than the defaults the right answer is still the run's own value; the
lesson's question and explanation quote its default run, so a plain question and the run's own
values stand in for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.text import Text
from textual.message import Message

from grok_tui.answers import predicted, record_answer
from grok_tui.engine.runner import StepEvent
from grok_tui.engine.session import all_met
from grok_tui.instruments.predict import (
    Tally,
    Verdict,
    mistake_text,
    params_change,
    question_text,
    read_number,
    recorded_text,
    why_text,
)
from grok_tui.instruments.refs import as_float, resolve
from grok_tui.lesson.model import Prediction
from grok_tui.lesson.steps import total_steps
from grok_tui.ui.answer_notices import tell_set_aside
from grok_tui.ui.panels._instrument_base import InstrumentPanel


def params_key(values: Mapping[str, Any]) -> tuple:
    """A run's parameters as the key its questions are settled under."""
    return tuple(sorted((k, repr(v)) for k, v in values.items()))


class PredictPanel(InstrumentPanel):
    DEFAULT_CSS = """
    PredictPanel { text-wrap: wrap; }
    """
    TITLE = "predict, then reveal"

    class QuestionsMet(Message):
        """Every question of the run was answered or skipped in this visit: the lesson text that
        answers them may unfold (grok_tui/ui/widgets/answers_fold.py)."""

    def __init__(self, lesson: Any = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.predictions: tuple[Prediction, ...] = lesson.predictions if lesson is not None else ()
        self.tally = Tally()
        self.results: dict[tuple[int, str], Verdict] = {}
        """The latest verdict of each (step, value), shown in the panel."""
        self.active = False
        self.busy = False
        """A question or a reveal is on screen."""
        self.earlier: dict[tuple[int, str], tuple[str, bool]] = {}
        """(step, value) -> (what the learner typed, right?) in an earlier visit (answers.json)."""
        self._settled: dict[tuple[int, tuple], bool] = {}
        """(step, parameters) of the questions answered or skipped in this visit: a run played with
        space asks each of them once. The session's set once mounted (LessonSession.settled)."""
        self._reset_run()

    def _reset_run(self) -> None:
        self._asked: set[int] = set()
        self._ask_at: int | None = None
        self._reveal_at: int | None = None
        self._answers: dict[int, list[tuple[Prediction, float]]] = {}
        self._actual: dict[int, dict[str, Any]] = {}
        self._before: dict[int, dict[str, Any]] = {}
        """What the learner works from before each predicted step: the step before's values first,
        then the latest of each earlier one."""
        self._previous: dict[int, dict[str, Any]] = {}
        """The values recorded at the step before each predicted step, that step's only: a wrong
        answer that is one of them is named at the reveal ("that is this run's delta at step 1")."""
        self._latest: dict[str, Any] = {}
        """Each value's latest recording in this run."""
        self._deferred: int | None = None
        """A stepping learner's next question: asked when they step on (before_step), not at once."""
        self._stops: set[int] = set()
        """Steps this run's process waits before (LessonRun.pause_before)."""
        self._holding = False
        """The run was playing (space) when a question stopped it: it plays on once no question or
        reveal is left."""
        self._run: Any = None
        self._change = ""
        self._params: dict[str, Any] = {}
        """This run's parameters."""
        self._key: tuple = ()
        self._last: int | None = None
        """The run's last step, where the lesson says (its `steps`): no question about a later one."""

    def on_mount(self) -> None:
        self.earlier = self._earlier_answers()
        session = getattr(self.screen, "session", None)
        if isinstance(getattr(session, "settled", None), dict):  # kept while the tutor runs (n, p)
            self._settled = session.settled  # type: ignore[union-attr]
        self._key = params_key(self.params)  # before any run: what was met at these params shows

    @property
    def met(self) -> bool:
        """Every question answered or skipped (at some parameters) since the tutor opened the lesson."""
        return all_met(self.predictions, self._settled)

    def _earlier_answers(self) -> dict[tuple[int, str], tuple[str, bool]]:
        root = self.data_root()
        if root is None or not self.predictions:
            return {}
        found = predicted(root, self.lesson_id, ((p.step, p.value) for p in self.predictions))
        tell_set_aside(self.app)
        return found

    @property
    def lesson_id(self) -> str:
        """The lesson's id ("" without a lesson: the panel is then never active, nothing asks for it)."""
        return self.lesson.id if self.lesson is not None else ""

    def _steps(self) -> set[int]:
        return {p.step for p in self.predictions}

    # -- the run -----------------------------------------------------------------------------------
    def run_started(self) -> None:
        """Called before the run's process starts (contract C6): set the stops of the questions a
        played run asks, so a fast run cannot compute the value before the question."""
        self._reset_run()
        lesson = self.lesson
        self.active = lesson is not None and bool(self.predictions)
        if self.active:
            self._run = self.current_run()
            self.active = self.tap_run(self._on_event)
        if self.active and lesson is not None:
            values = dict(getattr(self._run, "values", None) or self.params)
            self._params = values
            self._change = params_change(lesson.defaults, values)
            self._key = params_key(values)
            # 4.4 with iterations 1 asked about step 2, which never came: the answer went nowhere.
            self._last = total_steps(lesson.steps, values)
            pause_before = getattr(self._run, "pause_before", None)
            session = getattr(self.screen, "session", None)
            if getattr(session, "rerun", False):  # a param changed: no stops (steps with s still ask)
                pause_before = None
            for step in sorted(self._steps() - {s for s, key in self._settled if key == self._key}):
                if self._last is not None and step > self._last:
                    continue
                if pause_before is not None:
                    pause_before(step)
                    self._stops.add(step)
        self.refresh(layout=True)

    def _on_event(self, event: Any) -> None:
        """On the run's thread, before it pauses at this step: stop before a predicted value."""
        if not isinstance(event, StepEvent):
            return
        index = event.step.index
        if index in self._steps():
            self._actual[index] = event.step.values
            if index in self._answers:
                self._reveal_at = index
        upcoming = index + 1
        self._latest.update(event.step.values)
        if upcoming in self._steps():
            # this step's values first, then the latest of the earlier ones: 6.4's question at step
            # 4 needs weights_1_2, recorded at step 1
            self._before[upcoming] = {**event.step.values, **self._latest}
            self._previous[upcoming] = dict(event.step.values)
        # The learner steps (s): ask before each predicted value. A played run (space) waits at the
        # stops set in run_started (once per visit and parameter set), and plays on afterwards.
        stepping = getattr(self._run, "paused", False) and not self._holding
        if upcoming not in self._steps() or upcoming in self._asked or not (stepping or upcoming in self._stops):
            return
        if (upcoming, self._key) in self._settled:  # met at these params: stepping asked it again
            return
        if self._last is not None and upcoming > self._last:
            return
        if stepping:
            # Asked when the learner steps on: first they see this step, its printouts and values.
            # Asked at once, the reveal's "enter: back to the lesson" opened the next question.
            self._deferred = upcoming
            return
        self._asked.add(upcoming)
        self._ask_at = upcoming
        self._holding = True  # a played run: it plays on once answered or skipped
        self._run.pause()  # a stopped process is waiting already: this records it (run.paused)

    @property
    def due(self) -> int | None:
        """The step whose question the learner's next s (or space) asks first, if any."""
        return self._deferred

    def before_step(self, play: bool) -> bool:
        """The learner steps on (s), or plays (space, `play`), from a step before a predicted value:
        the question first. True: the key is taken."""
        step = self._deferred
        if step is None or self.busy or self._run is None or self._run.state.done:
            return False
        self._deferred = None
        if step in self._asked:
            return False
        self._asked.add(step)
        if play:
            self._holding = True  # it plays on once answered or skipped
        self._ask(step)
        return True

    def run_stepped(self, values: Mapping[str, Any]) -> None:
        self.check_pending()

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        self.check_pending()

    # -- asking and revealing ------------------------------------------------------------------------
    def check_pending(self) -> None:
        """Show a reveal or a question the run is waiting for (one screen at a time)."""
        if self.busy or not self.is_attached:
            return
        if self._reveal_at is not None:
            step, self._reveal_at = self._reveal_at, None
            self._reveal(step)
        elif self._ask_at is not None:
            step, self._ask_at = self._ask_at, None
            self._ask(step)

    def _ask(self, step: int) -> None:
        from grok_tui.ui.screens.predict import PredictScreen

        questions = [p for p in self.predictions if p.step == step]
        texts = [question_text(q, self._change, self._before.get(step, {})) for q in questions]
        self.busy = True

        def answered(typed: list[str] | str | None) -> None:
            self.busy = False
            if isinstance(typed, str):  # READ_FIRST: the run stays paused before this step; space or s asks again
                self._asked.discard(step)
                self._deferred = step
                self._holding = False
                self.refresh(layout=True)  # the status line says a question waits (a notice outlived it)
                return
            self._settled[(step, self._key)] = typed is not None
            if self.met:
                self.post_message(self.QuestionsMet())
            if typed is None:  # skipped: a stepping learner goes on with s or space; a played run plays on
                self.refresh(layout=True)
                self._play_on()
                return
            numbers = [read_number(t) for t in typed]  # the screen takes only numbers
            self._answers[step] = [(q, n) for q, n in zip(questions, numbers, strict=False) if n is not None]
            if step in self._actual:
                # The lesson's code runs in another process: a fast run may have computed the
                # value before the pause reached it. Reveal it now.
                self._reveal_at = step
                self.check_pending()
            elif self._run is not None:
                self._run.step_once()  # compute the value: its step reveals it

        screen = PredictScreen(self.lesson_id, questions, self.tally_text(), texts, plays_on=self._holding)
        self.app.push_screen(screen, answered)

    def _play_on(self) -> None:
        """A run a question stopped while it played goes on, once no question or reveal is left."""
        if self._holding and not self.busy and self._ask_at is None and self._reveal_at is None:
            self._holding = False
            if self._run is not None and not self._run.state.done:
                self._run.resume()

    def _reveal(self, step: int) -> None:
        from grok_tui.ui.screens.predict import RevealScreen

        values = self._actual.get(step, {})
        body = Text()
        for q, given in self._answers.pop(step, []):
            actual = as_float(resolve(q.value, values))
            if actual is None:
                body.append(f"{q.value}: the run recorded no number at step {step}.\n", style="red")
                continue
            verdict = Verdict(given, actual, q.tolerance)
            self.tally.add(verdict)
            self.results[(step, q.value)] = verdict
            self._save(step, q, given, verdict)
            body.append(
                ("✓ " if verdict.right else "✗ ") + verdict.sentence() + "\n",
                style="bold green" if verdict.right else "bold yellow",
            )
            mistake = mistake_text(q, verdict, self._change)  # only for the wrong answer it names
            # else another value the run recorded (4.3 at input 3: -5.6 was this run's delta)
            mistake = mistake or recorded_text(q, verdict, values, self._previous.get(step, {}), self._params)
            if mistake:
                body.append(mistake + "\n")
            why = why_text(q, self._change, values)
            if why:
                body.append("Why: ", style="bold")
                body.append(why + "\n")
        self.busy = True

        def closed(_: None) -> None:
            self.busy = False
            self.refresh(layout=True)
            self.check_pending()
            self._play_on()

        title = f"revealed · {self.lesson_id} step {step}"
        self.app.push_screen(RevealScreen(title, body, str(self.tally), plays_on=self._holding), closed)
        self.refresh(layout=True)

    def _save(self, step: int, q: Prediction, given: float, verdict: Verdict) -> None:
        root = self.data_root()
        if root is None:
            return
        try:
            record_answer(root, f"predict/{self.lesson_id}/{step}/{q.value}", f"{given:g}", verdict.right)
        except OSError as exc:
            self.app.notify(f"could not save your answer: {exc}", severity="warning", markup=False)

    # -- drawing -------------------------------------------------------------------------------------
    def _skipped(self) -> set[int]:
        """Steps whose question was skipped (escape) at these params, and not answered since."""
        answered = {step for step, _ in self.results}
        return {
            step
            for (step, key), was_answered in self._settled.items()
            if key == self._key and not was_answered and step not in answered
        }

    @property
    def earlier_open(self) -> list[tuple[str, bool]]:
        """The earlier visit's answers to questions this visit has not answered yet."""
        return [answer for key, answer in self.earlier.items() if key not in self.results]

    def tally_text(self) -> str:
        """This visit's tally; before any answer in it, the earlier visit's (the question box said
        "no predictions yet" while the panel listed three earlier answers). The questions skipped
        this visit are counted apart, as this visit's: "earlier visit: 2/2 right · 1 skipped" read as
        if the skip were the earlier visit's, its wrong answer gone from the list."""
        earlier = self.earlier_open
        if self.tally.asked:
            text = str(self.tally)
        elif earlier:
            text = f"earlier visit: {sum(right for _, right in earlier)}/{len(earlier)} right"
        else:
            text = ""
        if skipped := len(self._skipped()):
            now = "this visit: " if earlier and not self.tally.asked else ""
            text = f"{text} · {now}{skipped} skipped" if text else f"{skipped} skipped"
        return text or str(self.tally)

    def render(self) -> Text:
        out = Text()
        out.append(f"{self.tally_text()}\n", style="bold")
        skipped = self._skipped()
        for p in self.predictions:
            verdict = self.results.get((p.step, p.value))
            before = self.earlier.get((p.step, p.value))
            if verdict is not None:
                mark, style = ("✓", "green") if verdict.right else ("✗", "yellow")
            elif p.step in skipped:  # not the earlier visit's ✓: "✓ step 2: weight skipped" misled
                mark, style = "·", ""
            elif before is not None:  # an earlier visit's answer: dim until answered again
                mark, style = ("✓" if before[1] else "✗"), "dim"
            else:
                mark, style = "·", ""
            out.append(f"{mark} step {p.step}: {p.named}", style=style)
            if verdict is not None:
                out.append(f" = {verdict.actual:.4g} (you: {verdict.given:.4g})", style="dim")
            elif p.step in skipped:  # with what the learner said before: it was not lost
                out.append(" skipped" + (f" (earlier you said {before[0]})" if before else ""), style="dim")
            elif before is not None:
                out.append(f" (earlier you said {before[0]})", style="dim")
            out.append("\n")
        met_here = self._steps() <= {step for step, key in self._settled if key == self._key}
        if not self.tally.asked and met_here and not skipped:
            # Back at the lesson (n, p), "Play (space) ... to answer them again" asked nothing.
            out.append("Each is asked once until the tutor quits (again at another param value).", style="dim")
        elif not self.tally.asked and self.earlier_open and not skipped:
            out.append("Play (space) or step (s) to answer them again.", style="dim")
        elif not self.tally.asked:
            # After questions skipped with escape, "the tutor stops and asks" read as if it had not.
            session = getattr(self.screen, "session", None) if self.is_attached else None
            replaying = self.active and getattr(session, "rerun", False) and not getattr(self._run, "paused", True)
            if skipped:
                hint = "Skipped: asked again at another param value, or when the tutor starts again."
            elif replaying:  # a param change's re-run plays through: "stops and asks" said it would not
                hint = "This re-run after your change plays through; space once it ends, or s, asks."
            else:
                hint = "Play (space) or step (s): before each of these the tutor stops and asks."
            out.append(hint, style="dim")
        return out


Panel = PredictPanel

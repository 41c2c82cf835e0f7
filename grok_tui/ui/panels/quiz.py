"""The chapter's quiz, offered in the chapter's last lesson: how the learner did so far, and enter to
take it (grok_tui/ui/screens/quiz.py). The catalog adds this panel to that lesson by itself."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from grok_tui.answers import answer_streak, load_answers, streak_text, unfinished_attempt
from grok_tui.ui.answer_notices import tell_set_aside
from grok_tui.ui.panels._instrument_base import InstrumentPanel


class QuizPanel(InstrumentPanel):
    DEFAULT_CSS = """
    QuizPanel { text-wrap: wrap; }
    """
    TITLE = "chapter quiz"
    SHOWS_RUNS = False
    KEYS = "⏎ take it"
    BINDINGS = [Binding("enter", "take_quiz", "take the chapter quiz", id="quiz.take")]

    @property
    def quiz(self) -> Any:
        catalog = getattr(self.app, "catalog", None) if self.is_attached else None
        quizzes = getattr(catalog, "quizzes", {})
        return quizzes.get(self.lesson.chapter) if self.lesson is not None else None

    def action_take_quiz(self) -> None:
        from grok_tui.ui.screens.quiz import QuizScreen

        quiz = self.quiz
        if quiz is None:
            self.notify("this chapter has no quiz", timeout=3, markup=False)
            return

        def closed(_: int | None) -> None:  # redraw the panel with the answers just saved
            self.refresh(layout=True)

        self.app.push_screen(QuizScreen(quiz, self.data_root()), closed)

    def render(self) -> Text:
        quiz = self.quiz
        if quiz is None:
            return Text("This chapter has no quiz.", style="dim")
        total = len(quiz.questions)
        root = self.data_root()
        data = load_answers(root) if root is not None else None
        tell_set_aside(self.app)
        prefix = f"quiz/{quiz.chapter}/"
        done = unfinished_attempt(data, prefix, total) if data is not None else []
        take = f"press enter to go on at question {len(done) + 1}" if done else "press enter"
        # focused already (F brought it): "Focus here (f) and press enter" asked for a done step
        how = take[0].upper() + take[1:] if self.focused else f"Focus here (f) and {take}"
        out = self.sentence(f"Chapter {quiz.chapter}: {total} questions. {how}.", "")
        out.append("\n")
        if data is None:
            return out
        latest = {k: v for k, v in data["latest"].items() if k.startswith(prefix) and isinstance(v, dict)}
        if done:  # "Last answers: 1/5 right" read as a score of the 5, with 2 answered
            line = self.sentence(f"This attempt so far: {sum(done)} of {len(done)} right", "")
            line.stylize("bold")
            out.append_text(line)
            out.append("\n")
        elif latest:
            right = sum(bool(v.get("right")) for v in latest.values())
            missed = sorted(int(k.rpartition("/")[2]) for k, v in latest.items() if not v.get("right"))
            score = f"Last answers: {right}/{total} right"
            # all right: the score says it, and a streak run on from the attempt before read "6/6
            # right; your last 7 answers right" on a quiz of 6
            streak = streak_text(answer_streak(data, prefix)) if missed else ""
            rest = (
                f"; missed question{'s' if len(missed) > 1 else ''} " + ", ".join(map(str, missed)) if missed else ""
            ) + (f"; {streak}" if streak else "")
            line = self.sentence(score + rest, "")
            line.stylize("bold", 0, len(score))
            out.append_text(line)
            out.append("\n")
        return out


Panel = QuizPanel

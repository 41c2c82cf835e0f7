"""Chapter quizzes: a `quiz.toml` in a chapter's folder, 3-6 questions, numeric or multiple choice.

```toml
chapter = 4
[[questions]]
text = "In 4.5, with alpha 1 and input 2, does the weight converge or diverge?"
choices = ["converge", "diverge"]     # multiple choice; without choices the answer is a number
answer = "diverge"
why = "Each step multiplies the miss by 1 - alpha * input² = -3: it grows."
mistakes = { converge = "With input 2 the steps overshoot by more than the miss." }  # optional
[questions.verify]                     # optional: the lesson's own run must agree with the answer
lesson = "4.5"
set = { alpha = 1.0 }
value = "'diverge' if state == 'diverged' or error[-1] > error[0] else 'converge'"
```

`verify.value` is evaluated over the run: each recorded name is the list of its values, `final`
holds the final values, `state` is the run's end state ("finished", "diverged"...). `grok-tui check`
runs it and reports a question whose stated answer the run contradicts.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from grok_tui.instruments.predict import named_mistake, read_number, sign_only
from grok_tui.lesson.model import LessonError
from grok_tui.lesson.parse_instruments import did_you_mean, key_line, unknown_keys
from grok_tui.toml_errors import toml_problem

QUIZ_FILE = "quiz.toml"
MIN_QUESTIONS, MAX_QUESTIONS = 3, 6


@dataclass(frozen=True)
class Question:
    text: str
    answer: float | str
    choices: tuple[str, ...] = ()
    tolerance: float = 0.0
    why: str = ""
    verify: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    mistakes: tuple[tuple[str, str], ...] = ()
    """(a wrong answer, what it tells of the learner's thinking): said before `why` when given
    (-0.55 for weight_delta is delta: "also multiply by the input"). A choice, or a number."""

    @property
    def numeric(self) -> bool:
        return not self.choices

    def check(self, given: str) -> bool | None:
        """Whether the typed answer is right; None if it cannot be read (not a number / no such choice)."""
        if self.choices:
            choice = self.choice(given)
            return choice == self.answer if choice is not None else None
        number = read_number(given)
        if number is None:
            return None
        return abs(number - float(self.answer)) <= self.tolerance

    def mistake(self, given: str) -> str:
        """What the wrong answer `given` says, if the quiz names it ("" otherwise)."""
        if self.choices:
            choice = self.choice(given)
            return next((said for wrong, said in self.mistakes if wrong == choice), "")
        number = read_number(given)
        return "" if number is None else named_mistake(self.mistakes, number, self.tolerance)

    def choice(self, given: str) -> str | None:
        """The choice the typed text names (its number, its text, or a start of it), or None."""
        text = given.strip()
        if text.isdigit() and 1 <= int(text) <= len(self.choices):
            text = self.choices[int(text) - 1]
        # spaces do not count: "(3,3)" is the choice "(3, 3)"
        typed = "".join(text.split()).lower()
        plain = {c: "".join(c.split()).lower() for c in self.choices}
        match = [c for c, p in plain.items() if p == typed]
        if not match and len(typed) >= 3:
            # the start of one choice, or one choice and a little more: "diverges" for "diverge"
            # (not "converge then diverge" for "converge")
            match = [
                c for c, p in plain.items() if p.startswith(typed) or (typed.startswith(p) and len(typed) - len(p) <= 3)
            ]
        return match[0] if len(match) == 1 else None

    def sign_only(self, given: str) -> bool:
        """A number right in size and wrong in sign (1.19 for -1.19): said as such, as the predict
        panel says it, where "the answer is -1.19" left the learner to spot the difference."""
        number = read_number(given) if self.numeric else None
        return number is not None and sign_only(number, float(self.answer), self.tolerance)


@dataclass(frozen=True)
class Quiz:
    chapter: int
    path: Path
    questions: tuple[Question, ...]
    title: str = ""


def _question_lines(text: str) -> list[int]:
    return [i + 1 for i, line in enumerate(text.splitlines()) if re.match(r"^\s*\[\[questions\]\]", line)]


def parse_quiz(path: Path, text: str | None = None) -> tuple[Quiz | None, list[LessonError]]:
    problems: list[LessonError] = []

    def add(line: int, message: str) -> None:
        problems.append(LessonError(path, line, message))

    if text is None:
        try:
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig")
        except OSError as exc:
            add(1, f"cannot read the quiz: {exc}")
            return None, problems
        except UnicodeDecodeError as exc:  # as a lesson file says it (lesson/parse.py)
            line = raw[: exc.start].count(b"\n") + 1
            add(line, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be read (save the file as UTF-8)")
            return None, problems
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        single = [i + 1 for i, line in enumerate(text.splitlines()) if re.fullmatch(r"\s*\[\s*questions\s*\]\s*", line)]
        if single:  # TOML's own words: "Cannot declare ('questions',) twice"
            add(single[0], "each question starts with [[questions]], in two brackets: [questions] declares one table")
            return None, problems
        misspelt = [
            (i + 1, m.group(1))
            for i, line in enumerate(text.splitlines())
            if (m := re.fullmatch(r"\s*\[\[\s*([\w-]+)\s*\]\]\s*(#.*)?", line)) and m.group(1) != "questions"
        ]
        if misspelt:  # [[questionz]] over [questions.mistakes]: TOML said "the table is written twice"
            header, name = misspelt[0]
            said = f"each question starts with [[questions]]: [[{name}]] is not one{did_you_mean(name, {'questions'})}"
            add(header, said)
            return None, problems
        at, reason = toml_problem(exc)
        add(at or 1, f"quiz is not valid TOML: {reason}")
        return None, problems
    file_lines = text.splitlines()
    unknown_keys(data, {"chapter", "title", "questions"}, "quiz", 0, add, file_lines)  # from line 1
    chapter = data.get("chapter")
    if not isinstance(chapter, int) or isinstance(chapter, bool):
        add(1, "quiz needs chapter = N (a whole number)")
        return None, problems
    lines = _question_lines(text)
    questions = []
    items = data.get("questions", [])
    if not isinstance(items, list) or not (MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS):
        has = (
            f"this one has {len(items)}"
            if isinstance(items, list)
            else "each starts with [[questions]], in two brackets"
        )
        add(1, f"a quiz has {MIN_QUESTIONS} to {MAX_QUESTIONS} [[questions]]: {has}")
        return None, problems
    for i, item in enumerate(items):
        question = _question(item, lines[i] if i < len(lines) else 1, add, file_lines)
        if question is not None:
            questions.append(question)
    if problems:
        return None, problems
    return Quiz(chapter, path, tuple(questions), str(data.get("title", ""))), problems


def _question(item: object, line: int, add, lines: list[str]) -> Question | None:
    """The [[questions]] table at `line` of the file's `lines`; a problem is said at its key's line
    (a teacher looked for a misspelt answer at the question's first line, 4 lines above it)."""
    known = {"text", "answer", "choices", "tolerance", "why", "verify", "mistakes"}
    if not isinstance(item, dict):
        add(line, "each [[questions]] must be a table")
        return None

    def at(key: str) -> int:
        return key_line(lines, line, key, within="questions")

    unknown_keys(item, known, "question", line, add, lines)
    text, answer, choices = item.get("text"), item.get("answer"), item.get("choices", [])
    if not isinstance(text, str) or not text.strip():
        add(at("text"), 'a question needs text = "..."')
        return None
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices) or len(choices) == 1:
        add(at("choices"), "choices must list two or more strings")
        return None
    value: float | str
    if answer is None:  # was "the answer None is not one of the choices": say what is missing
        example = f'"{choices[0]}" (one of the choices)' if choices else "a number (without choices)"
        add(at("answer"), f"the question has no answer: add answer = {example}")
        return None
    if choices:
        if answer not in choices:
            near = did_you_mean(str(answer), set(choices))
            add(
                at("answer"),
                f"the answer {answer!r} is not one of the choices{near or ' (' + ', '.join(map(repr, choices)) + ')'}",
            )
            return None
        value = str(answer)  # equal to one of the choices: a string
    elif isinstance(answer, (int, float)) and not isinstance(answer, bool):
        value = float(answer)
    else:
        add(at("answer"), "a question without choices needs a numeric answer")
        return None
    tolerance = item.get("tolerance", 0.0)
    if not isinstance(tolerance, (int, float)) or tolerance < 0:
        add(at("tolerance"), "tolerance must be a number >= 0")
        return None
    verify = item.get("verify", {})
    if isinstance(verify, dict):  # `lessson = "4.3"` was said only as "verify needs lesson = ..."
        unknown_keys(verify, {"lesson", "value", "set"}, "verify", at("verify"), add, lines)
    if (
        not isinstance(verify, dict)
        or (verify and not {"lesson", "value"} <= set(verify))
        or not isinstance(verify.get("set", {}), dict)
    ):
        add(at("verify"), 'verify needs lesson = "ID", value = "EXPRESSION" and optionally set = { ... }')
        return None
    why = item.get("why", "")
    mistakes = _mistakes(item.get("mistakes", {}), value, tuple(choices), float(tolerance))
    if isinstance(mistakes, _Problem):
        table = at("mistakes")  # the wrong answer's own line in [questions.mistakes], else the table's
        add(key_line(lines, table, mistakes.key, within="questions") if mistakes.key else table, mistakes.message)
        return None
    return Question(
        text.strip(),
        value,
        tuple(choices),
        float(tolerance),
        str(why),
        dict(verify),
        line,
        mistakes,
    )


class _Problem(NamedTuple):
    """What is wrong with a question's table, and the key it is about (None: the table itself)."""

    message: str
    key: str | None = None


def _mistakes(table: object, answer: float | str, choices: tuple[str, ...], tolerance: float):
    """`mistakes = { "-0.55" = "..." }` as (answer, sentence) pairs, or what is wrong with it."""
    if not isinstance(table, dict) or not all(isinstance(s, str) and s.strip() for s in table.values()):
        return _Problem('mistakes must be a table of wrong answers and sentences: { "-0.55" = "that is delta" }')
    pairs = []
    for wrong, said in table.items():
        if choices and wrong not in choices:
            return _Problem(f"mistakes: {wrong!r} is not one of the choices{did_you_mean(wrong, set(choices))}", wrong)
        if wrong == answer:
            return _Problem(f"mistakes: {wrong!r} is the right answer", wrong)
        if not choices:
            number = read_number(wrong)
            if number is None:
                return _Problem(f"mistakes: {wrong!r} is not a number", wrong)
            if abs(number - float(answer)) <= tolerance:
                return _Problem(f"mistakes: {wrong!r} is within the tolerance of the answer", wrong)
            wrong = repr(number)  # read once, as a learner's answer is ("1/4", "none"): float() takes it
        pairs.append((str(wrong), said.strip()))
    return tuple(pairs)


def load_quizzes(root: Path) -> tuple[dict[int, Quiz], list[LessonError]]:
    """Every chapter's quiz under `root` (files named quiz.toml), and their problems."""
    quizzes: dict[int, Quiz] = {}
    problems: list[LessonError] = []
    for path in sorted(Path(root).rglob(QUIZ_FILE)):
        quiz, found = parse_quiz(path)
        problems.extend(found)
        if quiz is None:
            continue
        if quiz.chapter in quizzes:
            problems.append(
                LessonError(path, 1, f"chapter {quiz.chapter} already has a quiz: {quizzes[quiz.chapter].path}")
            )
            continue
        quizzes[quiz.chapter] = quiz
    return quizzes, problems


def verified_answer(question: Question, result: Any) -> Any:
    """What the lesson's run says the answer is: `verify.value` over a RunResult."""
    import numpy as np

    from grok_tui.instruments.landscape import SAFE_BUILTINS

    names: dict[str, Any] = {}
    for step in result.steps:
        for name, value in step.values.items():
            names.setdefault(name, []).append(value)
    names.update(final=result.final, state=result.state.value)
    return eval(question.verify["value"], {"__builtins__": SAFE_BUILTINS, "np": np, "math": math}, names)


def contradiction(question: Question, said: Any) -> str:
    """'' when the run's answer agrees with the stated one, else what the run said."""
    if question.choices:
        return "" if said == question.answer else f"the run says {said!r}, the quiz says {question.answer!r}"
    try:
        number = float(said)
    except (TypeError, ValueError):
        return f"the run's value {said!r} is not a number"
    tol = max(question.tolerance, 1e-9 * abs(number))
    return (
        ""
        if abs(number - float(question.answer)) <= tol
        else f"the run gives {number!r}, the quiz says {question.answer!r} (tolerance {question.tolerance:g})"
    )

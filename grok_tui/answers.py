"""The learner's answers to quiz questions and predictions (answers.json under the data directory):
the latest answer to each question, and the recent ones in order for streaks.

A file of its own, so that progress.json's format stays as it is. Written atomically like the
progress file; a damaged file is set aside (never deleted) and reads as empty.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict, cast

from grok_tui.safe_files import atomic_write, damaged_notice, set_aside

ANSWERS_FILE = "answers.json"
HISTORY_KEEP = 500
"""Answers kept in order (for streaks); the latest answer to each question is kept apart for ever."""


class Answers(TypedDict):
    """answers.json. Only this shape is checked on reading: an entry is read with care (a hand edit)."""

    latest: dict[str, object]
    """KEY: {"given": str, "right": bool, "tries": int}, the latest answer to each question."""
    history: list[object]
    """[{"key": KEY, "right": bool}...], the last HISTORY_KEEP answers in order."""


_notices: list[str] = []
"""What to tell the learner of answer files set aside, not yet told (take_notices): the file is read
by panels and commands, which say it where they can."""


def take_notices() -> list[str]:
    """The notices of damaged answer files set aside since the last call (each told once)."""
    told = _notices[:]
    _notices.clear()
    return told


def load_answers(root: Path) -> Answers:
    """The saved answers; a damaged file is set aside (never deleted), reads as empty, and leaves a
    notice (take_notices)."""
    path = Path(root) / ANSWERS_FILE
    empty: Answers = {"latest": {}, "history": []}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("latest"), dict)
            or not isinstance(data.get("history"), list)
        ):
            raise ValueError("not an answers file")
        return cast(Answers, data)  # the shape checked just above
    except FileNotFoundError:
        return empty
    except (OSError, ValueError) as exc:
        with contextlib.suppress(OSError):
            _notices.append(damaged_notice("Your answers file (quizzes, predictions)", exc, set_aside(path)))
        return empty


def predicted(
    root: Path, lesson_id: str, questions: Iterable[tuple[int, str]]
) -> dict[tuple[int, str], tuple[str, bool]]:
    """The saved answers to a lesson's predict questions, given as (step, value): each answered one
    -> (what the learner typed, right?)."""
    latest = load_answers(root)["latest"]
    found = {}
    for step, value in questions:
        saved = latest.get(f"predict/{lesson_id}/{step}/{value}")
        if isinstance(saved, dict) and isinstance(saved.get("given"), str):
            found[(step, value)] = (saved["given"], bool(saved.get("right")))
    return found


def quiz_answers(data: Answers, chapter: int) -> dict[int, bool]:
    """Chapter `chapter`'s quiz as last answered: question number -> right."""
    prefix = f"quiz/{chapter}/"
    return {
        int(key[len(prefix) :]): bool(value.get("right"))
        for key, value in data.get("latest", {}).items()
        if key.startswith(prefix) and key[len(prefix) :].isdigit() and isinstance(value, dict)
    }


def quiz_score_text(questions: int, mine: dict[int, bool]) -> str:
    """A quiz's size, or how the last attempt went: "5 questions", "2 of 3 right, 2 to go", "4/5
    right" (the contents' row and the command palette's entry say the same)."""
    if not mine:
        return f"{questions} questions"
    if len(mine) < questions:
        return f"{sum(mine.values())} of {len(mine)} right, {questions - len(mine)} to go"
    return f"{sum(mine.values())}/{questions} right"


def record_answer(root: Path, key: str, given: str, right: bool, *, retry: bool = False) -> Answers:
    """Save one answer ("quiz/4/2" for chapter 4's 2nd question, "predict/4.4/3" for a prediction)
    atomically; returns the updated data. `retry`: a missed question asked again after the score
    (no attempt in order: a retry of question 1 looked like an attempt stopped after question 1)."""
    data = load_answers(root)
    previous = data["latest"].get(key)
    tries = previous.get("tries", 0) if isinstance(previous, dict) else 0
    tries = tries if isinstance(tries, int) else 0
    data["latest"][key] = {"given": given, "right": bool(right), "tries": tries + 1}
    item: dict[str, object] = {"key": key, "right": bool(right)}
    if retry:
        item["retry"] = True
    data["history"] = (data["history"] + [item])[-HISTORY_KEEP:]
    _save(root, data)
    return data


def _save(root: Path, data: Answers) -> None:
    atomic_write(Path(root) / ANSWERS_FILE, json.dumps(data, indent=1, sort_keys=True) + "\n")


def forget_answers(root: Path, prefix: str) -> bool:
    """Forget the answers whose key starts with `prefix` ("predict/4.5/": a lesson's predictions);
    whether there were any."""
    data = load_answers(root)
    keys = [key for key in data["latest"] if key.startswith(prefix)]
    kept = [i for i in data["history"] if not (isinstance(i, dict) and str(i.get("key", "")).startswith(prefix))]
    if not keys and len(kept) == len(data["history"]):
        return False
    for key in keys:
        del data["latest"][key]
    data["history"] = kept
    _save(root, data)
    return True


def has_answers(root: Path, prefix: str = "") -> bool:
    """Whether any answer's key starts with `prefix` (any answer at all with "")."""
    return any(key.startswith(prefix) for key in load_answers(root)["latest"])


def answer_streak(data: Answers, prefix: str = "") -> int:
    """Right answers in a row at the end of the history (of keys starting with `prefix`)."""
    streak = 0
    for item in reversed(data.get("history", [])):
        if not isinstance(item, dict) or not str(item.get("key", "")).startswith(prefix):
            continue
        if not item.get("right"):
            break
        streak += 1
    return streak


def streak_text(streak: int) -> str:
    """answer_streak for a learner: "your last 3 answers right" ("1 right in a row" was unclear,
    "streak 2" never explained); "" for none, and for one: "missed questions 1, 2, 4; your last
    answer right" read as a remark on question 4 (a trial); the missed questions are named beside it."""
    return f"your last {streak} answers right" if streak >= 2 else ""


def unfinished_attempt(data: Answers, prefix: str, total: int) -> list[bool]:
    """Whether each question of an attempt left unfinished was right, in order: the quiz's last
    answers in its history were its questions 1..k, k < total (a learner who answered 2 of 5, quit
    and came back was sent back to question 1). [] when the last attempt was finished, or none."""
    rights: list[bool] = []
    expected: int | None = None
    for item in reversed(data.get("history", [])):
        key = str(item.get("key", "")) if isinstance(item, dict) else ""
        if not key.startswith(prefix) or not key[len(prefix) :].isdigit():
            continue
        if isinstance(item, dict) and item.get("retry"):  # a retry is no attempt, nor part of one
            return []
        number = int(key[len(prefix) :])
        if expected is None:  # the latest answer of this quiz
            if not 1 <= number < total:
                return []
            expected = number
        if number != expected:
            return []
        rights.append(bool(item.get("right")) if isinstance(item, dict) else False)
        expected -= 1
        if expected == 0:
            return rights[::-1]
    return []

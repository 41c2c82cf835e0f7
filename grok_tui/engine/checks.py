"""Validate a lesson the way `grok-tui check` does: it parses, it runs, its check cells pass."""

from __future__ import annotations

from grok_tui.engine.exercises import check_exercises
from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.instruments.checks import check_instruments
from grok_tui.lesson.model import Lesson, LessonError
from grok_tui.lesson.params import ParamError


def run_checks(lesson: Lesson) -> list[LessonError]:
    """Run the lesson with its defaults and with every `check_with` set; report what fails."""
    problems: list[LessonError] = []
    for case in ({}, *lesson.check_with):
        label = "defaults" if not case else ", ".join(f"{k}={v}" for k, v in case.items())
        try:
            run = LessonRun(lesson, case, run_checks=True)
        except ParamError as exc:
            problems.append(LessonError(lesson.path, 1, f"check_with: {exc}"))
            continue
        result = run.run_sync()
        if result.state is RunState.FINISHED:
            problems += check_instruments(lesson, run, label)
        if result.state is RunState.FAILED and result.failure is not None:
            f = result.failure
            problems.append(LessonError(f.path, f.line, f"with {label}: {f.kind}: {f.message}"))
        elif result.state is not RunState.FINISHED:
            problems.append(LessonError(lesson.path, 1, f"with {label}: run {result.state.value}: {result.detail}"))
    return problems


def check_lesson(lesson: Lesson) -> list[LessonError]:
    """Every problem of one parsed lesson: its checks, then its exercises (stub fails, solution passes)."""
    return run_checks(lesson) + check_exercises(lesson)

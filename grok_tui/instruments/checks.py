"""What `grok-tui check` proves about a lesson's instruments, from a finished run of the lesson:

- `[landscape]`: the declared error is the lesson's true error (equal to the recorded one at every
  step), so the surface drawn is the real one;
- `[[predict]]`: each asked value is recorded at its step, as a number;
- `[network]`: every declared layer and matrix exists at the end of the run, with fitting shapes;
- a chapter quiz: a question whose stated answer the lesson's own run contradicts is an error.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Sequence
from typing import Any

from grok_tui.instruments.refs import as_float, resolve
from grok_tui.lesson.model import Lesson, LessonError
from grok_tui.lesson.parse_instruments import key_line

# numpy is imported by the functions that need it, only when a lesson declares an instrument:
# `grok-tui list` and the tutor's start import this module and must stay quick.


def check_landscape(lesson: Lesson, steps: list, params: dict[str, Any], label: str) -> list[LessonError]:
    spec = lesson.landscape
    if spec is None or not spec.recorded:
        return []
    from grok_tui.instruments import landscape as land

    names: dict[str, Any] = {}
    for step in steps:
        names.update(step.values)
        want = as_float(resolve(spec.recorded, step.values))
        if want is None:
            continue
        ctx = land.context(spec, params, names)
        try:
            at = tuple(land.evaluate(axis.value, ctx) for axis in spec.axes)
            got = land.height(spec, ctx, at)
        except land.LandscapeError as exc:
            return [LessonError(lesson.path, spec.line, f"with {label}: landscape at step {step.index}: {exc}")]
        if not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
            return [
                LessonError(
                    lesson.path,
                    spec.line,
                    f"with {label}: landscape error is {got!r} at step {step.index}, but the run "
                    f"records {spec.recorded} = {want!r}: the expression is not the lesson's error",
                )
            ]
    return []


def check_predictions(lesson: Lesson, steps: list, label: str) -> list[LessonError]:
    """The tutor asks its questions at any settings (saying what changed), so each asked value must
    be a single number with the check_with sets too (6.4 asked for `layer_1_delta[0][1]`, which
    `hidden_size` 1 has not).
    A step the run does not reach is an error only with the defaults: elsewhere (fewer iterations)
    the question is simply not asked."""
    problems = []
    for p in lesson.predictions:
        if len(steps) < p.step:
            if label == "defaults":
                problems.append(
                    LessonError(
                        lesson.path,
                        p.line,
                        f"with {label}: predict asks about step {p.step}, but the run records only "
                        f"{len(steps)} step{'' if len(steps) == 1 else 's'}",
                    )
                )
        elif (actual := as_float(resolve(p.value, values := steps[p.step - 1].values))) is not None:
            if label == "defaults" and (said := why_misses(p.why, actual, p.tolerance)):
                problems.append(
                    LessonError(
                        lesson.path,
                        p.line,
                        f"with {label}: predict's why works out {said}, not the answer: the run's "
                        f"{p.value} at step {p.step} is {actual:.6g}, and a learner "
                        "who answers as it reasons is told they are wrong (step counts the calls of "
                        "step(), from 1)",
                    )
                )
            # the named wrong answers are the default run's: one that is right there is never said
            for wrong, _ in p.mistakes if label == "defaults" else ():
                if abs(wrong - actual) <= p.tolerance:
                    problems.append(
                        LessonError(
                            lesson.path,
                            p.line,
                            f"with {label}: predict's mistake {wrong:g} is within the tolerance of the answer "
                            f"{actual:.6g}: it counts as right, so what it says is never said",
                        )
                    )
        else:
            name = p.value.partition("[")[0]
            if name in values:
                problems.append(
                    LessonError(
                        lesson.path,
                        key_line(_lines(lesson), p.line, "value"),  # the value's own line, not [[predict]]'s
                        f"with {label}: step {p.step} records no single number {p.value!r} to predict: "
                        + _one_number_of(p.value, resolve(p.value, values), values.get(name)),
                    )
                )
            elif label == "defaults":  # a misspelt name: said once, not again for each check_with set
                near = difflib.get_close_matches(name, sorted(values), n=1)
                also = f"did you mean {near[0]!r}? " if near else ""
                problems.append(
                    LessonError(
                        lesson.path,
                        p.line,
                        f"with {label}: step {p.step} records no {name!r} to predict "
                        f"({also}it records: {', '.join(sorted(values)) or 'nothing'})",
                    )
                )
    return problems


NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
WORKED_OUT = re.compile(r"=\s*\(?\s*([-−]?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?![\d.]*\s*[*/+^-])")
"""A number a `why` works out: right after an `=` and not the start of more arithmetic ("= 0.968",
not the 0.5 of "= 0.5 * 2 = 1")."""


def why_misses(why: str, answer: float, tolerance: float) -> str:
    """The numbers a predict's `why` works out (after its = signs; all its numbers where it has no
    result), when none of them is the answer within the tolerance: a teacher's why for the step
    before ("0.5 * 2 = 1" where step 2 records 2) passed `check`, and the learner who typed the
    why's number was told "Not quite". "" when one is, or the why gives no number."""
    worked = WORKED_OUT.findall(why) or NUMBER.findall(why)
    numbers = [float(n.replace("−", "-")) for n in worked]
    if not numbers or any(abs(n - answer) <= tolerance for n in numbers):
        return ""
    return ", ".join(f"{n:g}" for n in numbers[-3:])


def _line_naming(lines: list[str], name: str, start: int) -> int:
    """The first line from `start` (1-based, [network]'s header) that names `name` quoted, else `start`."""
    quoted = re.compile(rf"""["']{re.escape(name)}[\["']""")
    return next((i + 1 for i in range(start - 1, len(lines)) if quoted.search(lines[i])), start)


def _lines(lesson: Lesson) -> list[str]:
    try:
        return lesson.path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _shape_of(value: Any) -> str:
    """A value's shape in words: "a 3x4 matrix", "4 values", "a number", "not numbers"."""
    import numpy as np

    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return "not numbers" if value is not None else "missing (an index past its end?)"
    if arr.ndim == 0:
        return "a number"
    if arr.ndim == 1:
        return f"{arr.size} value{'s' if arr.size != 1 else ''}"
    size = "x".join(str(n) for n in arr.shape)
    article = "an" if size.startswith(("8", "11x", "18x")) else "a"  # an 8x1, an 11x3
    return f"{article} {size}" + (" matrix" if arr.ndim == 2 else " array")


def check_network(lesson: Lesson, final: dict[str, Any], label: str, steps: Sequence[Any] = ()) -> list[LessonError]:
    """The diagram's names: defined at the end of the run with shapes that join, and recorded by
    step() (else the diagram drew "?" for them until the run ended, and check said ok)."""
    net = lesson.network
    if net is None:
        return []
    from grok_tui.instruments.network import picture

    pic = picture(net, final)
    missing = [layer.name for layer in pic.layers if layer.values is None] + [
        link.name for link in pic.links if link.weights is None
    ]
    # what each name should be: a layer its node count, a matrix the counts of the layers it joins
    wanted = {layer.name: f"{layer.size} value{'s' if layer.size != 1 else ''}" for layer in pic.layers}
    for i, link in enumerate(pic.links):
        n_in, n_out = pic.layers[i].size, pic.layers[i + 1].size
        a, b = pic.layers[i].name, pic.layers[i + 1].name
        turned = f" (or {n_out}x{n_in})" if n_in != n_out else ""
        wanted[link.name] = f"{n_in}x{n_out}{turned} to join {a}'s {n_in} nodes to {b}'s {n_out}"
    problems = []
    lines = _lines(lesson) if missing or steps else []
    for name in missing:
        top = name.partition("[")[0]
        if top not in final:  # a typo: said once, with the defaults, at its line
            if label == "defaults":
                problems.append(
                    LessonError(
                        lesson.path,
                        _line_naming(lines, name, net.line),
                        f"network: {name!r} is never defined by the lesson's code",
                    )
                )
        else:
            problems.append(
                LessonError(
                    lesson.path,
                    _line_naming(lines, name, net.line),
                    f"with {label}: network: {name} is {_shape_of(resolve(name, final))}; the diagram needs "
                    + wanted[name],
                )
            )
    if label == "defaults" and steps:
        recorded = {n for step in steps for n in step.values}
        refs = (*net.layers, *net.weights, *net.deltas, *net.weight_deltas)
        for name in dict.fromkeys(r.partition("[")[0] for r in refs if r):
            if name in final and name not in recorded:
                problems.append(
                    LessonError(
                        lesson.path,
                        _line_naming(lines, name, net.line),
                        f"network: {name!r} is never recorded by step(): the diagram shows ? for it "
                        f"until the run ends (record it: step(..., {name}={name}))",
                    )
                )
    return problems


def check_instruments(lesson: Lesson, run: Any, label: str) -> list[LessonError]:
    """All of the above for one finished LessonRun (`run.steps`, `run.values`, `run.namespace`)."""
    final = dict(run.namespace)
    return (
        check_landscape(lesson, run.steps, run.values, label)
        + check_predictions(lesson, run.steps, label)
        + check_network(lesson, final, label, run.steps)
    )


def _one_number_of(ref: str, value: Any, whole: Any) -> str:
    """How to name one number of what a predict question's value names (a 3x1 weights_0_1: "it is a
    3x1 matrix: name one number of it, e.g. weights_0_1[0][0]")."""
    import numpy as np

    if value is None:  # an index past the end
        shape = np.shape(whole) if whole is not None else ()
        return f"{ref.partition('[')[0]} is {_shape_of(whole)}, and {ref} is not in it" + (
            f" (indexes run from 0 to {shape[0] - 1})" if shape else ""
        )
    try:
        shape = np.shape(value)
    except Exception:
        shape = ()
    if not shape or 0 in shape:
        return f"it is {_shape_of(value)}"
    return f"it is {_shape_of(value)}: name one number of it, e.g. {ref}" + "".join("[0]" for _ in shape)


def _recorded_hint(exc: NameError, result: Any) -> str:
    """A `verify.value` naming something the run never recorded: the close names, else all of them."""
    recorded = sorted({name for step in result.steps for name in step.values} | {"final", "state"})
    close = difflib.get_close_matches(getattr(exc, "name", "") or "", recorded, n=1)
    if close:
        return f": did you mean {close[0]!r}?"
    return f" (value reads the recorded lists by name: {', '.join(recorded)})"


def check_quiz(quiz: Any, catalog: Any) -> list[LessonError]:
    """Run every question's `verify` and report a stated answer the lesson's run contradicts."""
    from grok_tui.engine.runner import LessonRun, RunState
    from grok_tui.instruments.quiz import contradiction, verified_answer
    from grok_tui.lesson.params import ParamError

    problems = []
    for q in quiz.questions:
        if not q.verify:
            continue
        lesson_id = str(q.verify["lesson"])
        lesson = catalog.get(lesson_id)
        if lesson is None:
            # A lesson that did not load is not missing: "no lesson '4.3'" sent a teacher to a quiz
            # that was fine, beside 4.3's own problem.
            broken = [e.path.name for e in getattr(catalog, "errors", ()) if e.path.name.startswith(f"{lesson_id}-")]
            said = (
                f"verify: lesson {lesson_id!r} did not load ({broken[0]}: its problem is listed with it), so this "
                "answer could not be checked"
                if broken
                else f"verify: no lesson {lesson_id!r}"
            )
            problems.append(LessonError(quiz.path, q.line, said))
            continue
        settings = dict(q.verify.get("set", {}))
        try:
            result = LessonRun(lesson, settings).run_sync()
            if result.state is RunState.FAILED and result.failure is not None:
                # the lesson's own fault: "verify: NameError: name 'penalty' is not defined" sent a
                # teacher to a quiz that was fine
                f = result.failure
                with_ = ", ".join(f"{k}={v}" for k, v in settings.items()) or "its defaults"
                problems.append(
                    LessonError(
                        quiz.path,
                        q.line,
                        f"verify: lesson {lesson_id!r} fails with {with_} ({f.path.name}:{f.line}: "
                        f"{f.kind + ': ' if f.kind else ''}{f.message}), so this answer could not be checked",
                    )
                )
                continue
            said = verified_answer(q, result)
        except ParamError as exc:
            problems.append(LessonError(quiz.path, q.line, f"verify: {exc}"))
            continue
        except NameError as exc:
            problems.append(LessonError(quiz.path, q.line, f"verify: {exc}{_recorded_hint(exc, result)}"))
            continue
        except Exception as exc:
            problems.append(LessonError(quiz.path, q.line, f"verify: {type(exc).__name__}: {exc}"))
            continue
        wrong = contradiction(q, said)
        if wrong:
            problems.append(LessonError(quiz.path, q.line, f"the lesson's run contradicts this answer: {wrong}"))
    return problems

"""Check the learner's exercise code and describe the outcome in friendly words (the proof that the
course's exercises are sound is engine/exercise_proof.py; the advice for usual slips,
engine/common_errors.py).

No Textual here: the exercise screen calls `check_exercise` on a worker thread and renders `Verdict`.
"""

from __future__ import annotations

import ast
import math
import re
import threading
from dataclasses import dataclass, field, replace

from grok_tui.engine.borrowed_names import borrowed_advice, borrowed_from_test
from grok_tui.engine.bracket_hints import unclosed_bracket
from grok_tui.engine.code_advice import (
    floor_divisions,
    missing_returns,
    resets_in_loops,
    returning,
    returns_in_loops,
    unreachable,
    unused_arguments,
    unused_values,
)
from grok_tui.engine.common_errors import BROADCAST, NOT_ALIGNED, common_error
from grok_tui.engine.indent_hints import empty_block, ended_early, indentation, left_function, mixed_tabs
from grok_tui.engine.name_advice import SUGGESTED, unbound_local, undefined, undefined_name
from grok_tui.engine.sandbox import DEFAULT_TIMEOUT, SandboxResult, run_sandboxed
from grok_tui.engine.sandbox_child import CODE_FILE, TEST_FILE
from grok_tui.engine.spelling import misspelt_keyword
from grok_tui.engine.statements import failing_statement, source_line, statement_text
from grok_tui.engine.values import tidy_floats
from grok_tui.lesson.model import Exercise


@dataclass(frozen=True)
class Verdict:
    """A check's outcome as the learner reads it."""

    passed: bool
    headline: str
    details: tuple[str, ...] = ()
    """Further lines: the assertion's message, the failing test line, the line of their code."""
    code_line: int | None = None
    """1-based line of the learner's code where it went wrong (None when not in their code)."""
    output: str = ""
    """What their code printed."""
    result: SandboxResult | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return "\n".join((self.headline, *self.details))


FEW = 4
"""An array of at most this many numbers is listed by its numbers; a bigger one by its shape."""


def _values_line(result: SandboxResult, node: ast.stmt | None) -> str:
    """The values of the names the failing statement reads, in order: the input it failed on."""
    if node is None:
        return ""
    values = result.extra.get("values") or {}
    shapes = result.extra.get("shapes") or {}
    # An assert's own message says what it needs: only what it tests is listed (7.4's listed
    # `activation = 'relu', batch = ''`, names of its message, beside the gap that failed).
    tested = node.test if isinstance(node, ast.Assert) else node
    # A name read only for its shape (`grad.shape == array.shape`) is not listed: its values are not
    # what failed (7.4 listed bias_1's five numbers under "has shape (7, 5), expected (5,)").
    shaped = {id(sub.value) for sub in ast.walk(tested) if isinstance(sub, ast.Attribute) and sub.attr == "shape"}
    read = [sub for sub in ast.walk(tested) if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load)]
    # as written, left to right: ast.walk goes level by level, and 5.1's `f(list(input), weights,
    # true)` listed "weights = ..., true = 1, input = ..." (input sits one call deeper)
    read.sort(key=lambda sub: (sub.lineno, sub.col_offset))
    names = [
        name
        for name in dict.fromkeys(sub.id for sub in read if id(sub) not in shaped)
        if name in values or name in shapes
    ]
    # One line, whitespace collapsed: numpy prints arrays over several lines. A piece of text the
    # message already says is not said again (7.4's advice, built in a variable, came twice).
    message = " ".join((result.message or "").split())
    # An array of more than a few numbers by its shape: 6.6b's W0 and W1 filled three lines of an
    # 80x24 screen with digits. Where the shapes failed (numpy's broadcast or dot), every array.
    by_shape = re.search(f"{BROADCAST}|{NOT_ALIGNED}", message) is not None
    shown: list[str] = []
    for name in names:
        shape, value = shapes.get(name), values.get(name, "")
        quoted = value[:1] in "'\"" and len(value) > 12 and " ".join(value[1:-1].split()) in message
        if shape and (by_shape or math.prod(shape) > FEW):
            shown.append(f"{name}: shape {tuple(shape)}")
        elif value and not quoted and not _numbers_said(value, message):
            shown.append(f"{name} = {_one_line(value)}")
    text = ("with " + ", ".join(shown)) if shown else ""
    return text if len(text) <= 240 else text[:239] + "…"


def _one_line(value: str) -> str:
    """A value's repr on one line; an array's column padding inside its brackets dropped (6.5 showed
    `array([[0.5 ], [0.25]])`, `[[ 1., 1.], ...]`)."""
    text = " ".join(value.split())
    return text if text[:1] in "'\"" else re.sub(r"\[ +", "[", re.sub(r" +\]", "]", text))


_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def _numbers_said(value: str, message: str) -> bool:
    """Whether the message already lists this array's numbers, in order (7.3's one_hot: "should be
    [[0.0, ... 1.0, ...]], got [[...]]" and then `with got = array([[0., ...]]), want = ...`, each
    array twice). Two numbers at least: a lone 0 or 3 can be said for another reason."""
    mine = [float(x) for x in _NUMBER.findall(re.sub(r"dtype=\w+", "", value))]
    said = [float(x) for x in _NUMBER.findall(message)]
    if len(mine) == 1 and not mine[0].is_integer() and value.strip().lstrip("-")[:1].isdigit():
        # one float the message gives in full ("returned 0.9800000000000002"): its rounded
        # "with got = 0.98" beside it read as another number
        return any(math.isclose(mine[0], b, rel_tol=1e-5) for b in said)
    if len(mine) < 2:
        return False
    return any(
        all(math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9) for a, b in zip(mine, said[i : i + len(mine)], strict=True))
        for i in range(len(said) - len(mine) + 1)
    )


def _own_message(node: ast.stmt | None) -> bool:
    """Whether the test's failing statement carries its author's own words: `assert ..., message`,
    `raise AssertionError(message)`."""
    if isinstance(node, ast.Assert):
        return node.msg is not None
    return isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and bool(node.exc.args)


def _assert_failed(code: str, node: ast.Assert, line: int, result: SandboxResult, stub: str) -> str:
    """An assert without a message in the learner's cell failed: theirs, or one of the code the lesson
    gives (3.7's vect_mat_mul, 3.6's w_sum), and what it was given: the test's input, or what a line
    of theirs passed it (3.7's `vect_mat_mul(hid[:2], weights[1])` was called "your own assert ... for
    the test's input below")."""
    condition = statement_text(code, node, line)[len("assert ") :]
    given = source_line(code, line).strip() in {text.strip() for text in stub.splitlines()}
    whose = f"The assert at line {line}, in the code the lesson gives," if given else f"Your own assert at line {line}"
    caller = next((at for name, at in result.frames if name == CODE_FILE), None)
    if caller is not None and caller != line:
        what = f"what line {caller} of your code passed it: {source_line(code, caller)}"
    else:
        what = "what it was given." if given else "the test's input below."
    return f"{whose} failed: `{condition}` is not true for {what}"


def describe(
    result: SandboxResult, code: str, test: str, solution: str = "", stub: str = "", *, author: bool = False
) -> Verdict:
    """Turn a raw sandbox result into what the learner needs to fix their code (`solution`, the
    reference, tells a function meant to return a value; `stub`, the starting code, what it gave).
    `author`: said to the lesson's author (grok-tui check), who wrote the test and reads its lines."""
    if result.status == "fail" and result.message:
        result = replace(result, message=tidy_floats(result.message))  # said by any lesson's test
    code_line = result.line_in(CODE_FILE)
    test_line = result.line_in(TEST_FILE)
    where = f"line {code_line} of your code: {source_line(code, code_line)}" if code_line else ""
    failing = failing_statement(test, test_line)
    called = statement_text(test, failing, test_line) if test_line else ""
    called_by = f"the test that ran it: {called}" if called else ""
    s = result.status
    details: list[str] = []
    if s == "pass":
        headline = "Passed! Every test of this exercise holds."
    elif s == "fail":
        headline = "Not yet: a test failed."
        # What the test said first (with its line and values, below), then why it may have (a stub's
        # `return` left above or below the code), as for an error.
        theirs = result.ended_in(CODE_FILE)
        own = failing_statement(code, code_line) if theirs and not result.message else None
        if isinstance(own, ast.Assert) and code_line:
            # the book's `assert len(vect) == len(matrix)` in 3.6 got "(the assertion has no message)"
            details.append(_assert_failed(code, own, code_line, result, stub))
            where = ""  # said
        else:
            details.append(result.message or "(the assertion has no message)")
        # A message of the test's own is its author's word to the learner, with the values it
        # needs: the test's line and the values of its names are its insides, names a learner never
        # met (6.5 said "the test: assert not same(w01, moved)" and "with moved = [[...]]" under the
        # slip it had named; 3.2 "assert math.isclose(got, want, rel_tol=1e-9, ...)"). Without a
        # message, or where an assert of the learner's own failed, they are what there is to go on.
        # (An assert of the test's in a helper the learner's code called, 3.7's check of the
        # arguments passed to vect_mat_mul, is the test's word: their line is said below.)
        if author or theirs or not (result.message and _own_message(failing)):
            if called_by:
                details.append(called_by.replace("the test that ran it", "the test"))
            if values := _values_line(result, failing):
                details.append(values)
        if where:
            details.append("it failed inside " + where)
        details += unreachable(code) + returns_in_loops(code, solution) + resets_in_loops(code, solution)
        details += unused_arguments(code, solution) + unused_values(code) + floor_divisions(code, solution)
        # a test that says so itself (5.5's "returned None: add a return"): not twice. 3.2's "should
        # return one number, got None" does not say why, and a beginner did not link None to return.
        if "add a return" not in (result.message or ""):
            details += missing_returns(code, solution)
    elif s == "syntax":
        if result.phase == "test-compile":
            headline = "The exercise's own test does not compile (a bug in the lesson, not yours)."
            details.append(f"{result.message} at line {test_line} of the test")
        else:
            message = (result.message or "").rstrip(".?!")  # "Perhaps you forgot a comma?." read badly
            ending = (result.message or "")[len(message) :] or "."
            headline = f"Python cannot read your code: {message}{ending}"
            if code_line and (empty := empty_block(code, result.message or "")):
                details.append(empty)  # a comment's indentation is not the point: it is no body
            elif code_line:
                where = f"line {code_line}"
                if "indent" in (result.message or ""):  # the indentation is the point: say it
                    where += indentation(code, code_line)
                details.append(f"{where}: {source_line(code, code_line)}")
                if (result.message or "").startswith("invalid syntax") and (
                    misspelt := misspelt_keyword(source_line(code, code_line), code)
                ):
                    details.append(misspelt)
                if (result.message or "").startswith("unexpected indent") and (early := ended_early(code, code_line)):
                    details.append(early)
                if "outside function" in (result.message or "") and (left := left_function(code, code_line)):
                    details.append(left)
                if "tabs and spaces" in (result.message or "") and (mixed := mixed_tabs(code, code_line)):
                    details.append(mixed)
                if bracket := unclosed_bracket(code, result.message or ""):
                    details.append(bracket)
    elif s in ("error", "memory"):
        message = SUGGESTED.sub("", result.message) if result.kind == "NameError" else result.message
        what = f"{result.kind}: {message}" if message else result.kind
        if s == "memory":
            limit = result.extra.get("memory", 0) / 1024**3
            headline = f"Your code asked for more memory than the {limit:g} GiB limit ({result.kind})."
        elif result.phase == "code":
            # "while it was being defined" read oddly of a line outside any function (a trial)
            headline = f"Your code raised {what} as it ran, before any test called it."
        elif code_line:
            headline = f"Your code raised {what}"
        else:
            headline = f"The test raised {what}"
        # Where it broke first (the learner's own line), then the advice on it; a stub's `return`
        # left in place is told last: it sat between the error and its line.
        if where:
            details.append("at " + where)
            # 3.7's given vect_mat_mul raised, called with the wrong weights by the learner's line:
            # the line that made the call is where to look
            caller = next((line for name, line in result.frames if name == CODE_FILE), None)
            if caller is not None and caller != code_line:
                details.append(f"called from line {caller} of your code: {source_line(code, caller)}")
        details += undefined_name(result, code, test, stub, solution) + unbound_local(result, code)
        details += common_error(result.message or "", result.extra.get("part"), code, code_line)
        # (not for a function that called itself: the test's frame deepest in the recursion is a
        # helper of the test's the learner's code called, which read as "the test that ran it")
        if called_by and result.phase == "test" and result.kind != "RecursionError":
            details.append(called_by)
            if values := _values_line(result, failing):
                details.append(values)
        if result.phase == "test":
            missing = missing_returns(code, solution)
            if missing and "NoneType" in (result.message or ""):
                # the cause first: 4.1's "The test raised TypeError: must be real number, not
                # NoneType" led, over a test line holding a slip's formula, the return said third
                headline = missing[0]
                details = [f"(The test then raised {what}.)", *unreachable(code), *unused_values(code)]
            else:
                details += unreachable(code) + unused_values(code) + missing
    elif s == "timeout":
        seconds = result.extra.get("timeout", DEFAULT_TIMEOUT)
        # "near": the child stops the code a second before the limit, to say where it was (a trial
        # timed "after 5 s" at 4.2 s)
        headline = f"Your code was still running near its time limit of {seconds:g} s, so it was stopped."
        details.append("Is there a loop that never ends (a `while` whose condition stays true)?")
        if code_line:  # the child stopped itself in time to say where it was
            details.append(f"it was at line {code_line} of your code: {source_line(code, code_line)}")
        details += unreachable(code)  # 3.3's dot: the loop's `i += 1` typed under its `return`
    elif s == "flood":
        kb = result.extra.get("limit", 0) // 1024
        headline = f"Your code printed more than {kb} KB, so it was stopped."
        details.append("Is a print() inside a loop that runs far too often?")
    elif s == "exit":
        if result.message and not result.message.lstrip("-").isdigit():
            headline = f"Your code ended the check early with sys.exit({result.message!r})."
        else:
            headline = (
                "Your code ended the check process early"
                + (f" (exit status {result.message})" if result.message else "")
                + "."
            )
        details.append("Let your function return its answer instead of calling sys.exit / exit / os._exit.")
        if where:
            details.append("at " + where)
    elif s == "cancelled":
        headline = "The check was cancelled."
    else:
        headline = f"The check process died unexpectedly ({result.message or s})."
        details.append("This can happen when code crashes Python itself; try simpler code.")
    warnings, printed = _warnings(result.output, code)
    if warnings and s != "pass":
        more = len(warnings) - 1
        details.append(warnings[0] + (f" (and {more} more warning{'s' if more > 1 else ''})" if more else ""))
    if printed and s != "pass":
        details.append("your code printed: " + printed[0][:200] + (" ..." if len(printed) > 1 else ""))
    return Verdict(s == "pass", headline, tuple(details), code_line, result.output, result)


WARNING = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<kind>\w*Warning): (?P<message>.*)$")
"""A line Python's warnings module writes to stderr, which the check's output holds too."""


def _warnings(output: str, code: str) -> tuple[list[str], list[str]]:
    """The warnings in a check's output, said as warnings at a line of the learner's code, and the
    lines the code itself printed (blank ones left out). 7.3's numpy warning read as if the learner
    had printed it: "your code printed: <your code>:6: RuntimeWarning: ..."."""
    warnings: list[str] = []
    printed: list[str] = []
    lines = output.strip().splitlines()
    skip_source = False
    for line in lines:
        if skip_source and line.startswith("  "):  # the warned line of a real file, quoted under it
            skip_source = False
            continue
        skip_source = False
        match = WARNING.match(line)
        if match is None:
            if line.strip():
                printed.append(line)
            continue
        what = f"{match['kind']}: {match['message']}"
        number = int(match["line"])
        if match["file"] == CODE_FILE:
            warnings.append(f"warning at line {number} of your code: {what} (in `{source_line(code, number)}`)")
        elif match["file"] == TEST_FILE:
            warnings.append(f"warning at line {number} of the test: {what}")
        else:
            warnings.append(f"warning: {what}")
            skip_source = True
    return warnings, printed


def guarded(exercise: Exercise) -> tuple[str, ...]:
    """The functions that must leave their arguments alone: the reference's, unless the exercise is
    meant to change them (`changes_arguments`)."""
    return () if exercise.changes_arguments else tuple(returning(exercise.solution.source))


def check_code(
    exercise: Exercise,
    code: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    cancel: threading.Event | None = None,
) -> Verdict:
    """Run the exercise's test on `code` in the sandbox. Blocks: call it from a worker thread."""
    result = run_sandboxed(code, exercise.test.source, timeout=timeout, cancel=cancel, guard=guarded(exercise))
    verdict = describe(result, code, exercise.test.source, exercise.solution.source, exercise.stub.source)
    borrowed = borrowed_from_test(code, exercise.test.source, exercise.solution.source, exercise.stub.source)
    # a name the run found undefined was not lent (7.4's test sets layer_2 only after calling the
    # function): the NameError's own advice holds
    borrowed = [name for name in borrowed if name != undefined(result)]
    if not borrowed or result.status == "syntax":
        # code that does not compile never ran, so it borrowed nothing: 3.3's ele_mul with its
        # `return [a[i] * b[i] ...]` at column 0 was told of `a` and `b`, not of the indentation
        return verdict
    said = borrowed_advice(code, borrowed)
    if verdict.passed:  # it passed on the test's variables, and the lesson would stop at a NameError
        return replace(verdict, passed=False, headline="Not yet: " + said[0].lower() + said[1:], details=())
    # the test's own words are about its variables, which the code read by mistake (3.2's "keep the
    # assert", said to code that kept it; 4.1's "should cost the same")
    return replace(verdict, details=(said,))

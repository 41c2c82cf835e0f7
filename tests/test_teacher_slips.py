"""A teacher's slips that `grok-tui check` passed, each now said at its line: a parameter named like
a keyword or the tutor's own step(), a negative step or min above max, an id TOML read as a number,
a ```py fence that showed as prose, a tab among spaces, a parameter the code sets again."""

from __future__ import annotations

import pytest

from grok_tui.lesson.parse import parse_lesson
from tests.test_parse import GOOD, write


def problems_of(tmp_path, old: str, new: str) -> list[tuple[int, str]]:
    assert GOOD.count(old) == 1, old
    lesson, problems = parse_lesson(write(tmp_path, GOOD.replace(old, new)))
    assert lesson is None or not problems
    return [(p.line, p.message) for p in problems]


def line_of(text: str) -> int:
    return GOOD.splitlines().index(text) + 1


@pytest.mark.parametrize(
    "old, new, at, words",
    [
        # `lambda = 0.5` in the shown code and the exported script is a SyntaxError
        ("[params.n]\n", "[params.lambda]\n", "[params.lambda]", "parameter name 'lambda' is a Python keyword"),
        # the lesson's step() became the number 3: "'int' object is not callable" at the call
        ("[params.n]\n", "[params.step]\n", "[params.step]", "parameter name 'step' is the tutor's own step()"),
        ("default = 3\nmin = 1\n", "default = 3\nstep = -1\nmin = 1\n", "step = -1", "step must be above 0"),
        ("default = 3\nmin = 1\n", "default = 3\nstep = 0\nmin = 1\n", "step = 0", "step must be above 0"),
        # was "default 3 is outside [5, 1]"
        ("default = 3\nmin = 1\n", "default = 3\nmin = 6\n", "min = 6", "min 6 is above max 5"),
        # TOML reads 9.10 as the number 9.1, which then clashed with 9.1 "at line 1"
        ('id = "9.1"\n', "id = 9.10\n", "id = 9.10", "TOML read 9.1: id must be text in quotes"),
        ('id = "9.1"\n', 'id = "9.1 "\n', 'id = "9.1 "', "without spaces"),
        # a train cell written ```py was prose: no run, and only a check cell's IndexError
        ("```python train\n", "```py train\n", "```py train", "write ```python train, not ```py"),
        # the tutor sets alpha before the code: this line made + and - do nothing
        (
            "for i in range(n):\n",
            "alpha = 0.5\nfor i in range(n):\n",
            "alpha = 0.5",
            "sets the parameter 'alpha' again",
        ),
    ],
)
def test_a_teachers_slip_is_said_at_its_line(tmp_path, old, new, at, words):
    found = problems_of(tmp_path, old, new)
    assert len(found) == 1, found
    line, message = found[0]
    assert words in message, found
    assert GOOD.replace(old, new).splitlines()[line - 1].strip() == at, found


def test_a_parameter_the_code_uses_to_set_itself_is_kept(tmp_path):
    """A loop's update (`weight -= ...`, `weight = weight - ...`) and a scaled copy keep the
    learner's value: only a line that throws it away is said."""
    for new in ("alpha = alpha * 2\n", "alpha -= 0.01\n", "n2 = n\n", "x, y = 1, alpha\n"):
        assert problems_of(tmp_path, "for i in range(n):\n", new + "for i in range(n):\n") == [], new
    # inside the loop the same name set again is the loop's own business (4.4's weight update)
    assert problems_of(tmp_path, "    x = alpha * i\n", "    alpha = 0.1 * i\n    x = alpha * i\n") == []


def test_a_tab_among_spaces_is_named(tmp_path):
    """Python said "unindent does not match any outer indentation level" one line below the tab."""
    found = problems_of(tmp_path, "    x = alpha * i\n", "\tx = alpha * i\n")
    assert len(found) == 1 and "indents with a tab: indent with spaces only" in found[0][1], found
    assert f"line {line_of('    x = alpha * i')}" in found[0][1], found
    assert found[0][0] == line_of("    x = alpha * i"), found  # at the tab's line (it said the next)


def test_four_try_this_lines_and_a_misspelt_chart_name_are_said(tmp_path):
    """The docs said 1-3 suggestions and a fourth passed; a chart's `x = "weigth"` got no did-you-mean
    where `show` had one."""
    found = problems_of(tmp_path, 'show = ["x"]\n', 'show = ["x"]\ntry_this = ["a", "b", "c", "d"]\n')
    assert [m for _, m in found] == ["try_this holds 1 to 3 suggestions (it has 4)"], found
    from grok_tui.engine.checks import run_checks

    lesson, problems = parse_lesson(write(tmp_path, GOOD.replace('series = ["x"]', 'series = ["xs"]')))
    assert lesson is not None and not problems, problems
    said = [p.message for p in run_checks(lesson, cases=[{}])]
    assert any("'xs' is never recorded by step() in a default run: did you mean 'x'?" in m for m in said), said

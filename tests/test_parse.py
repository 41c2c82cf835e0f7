"""The lesson parser: good files load, bad ones are reported at the right file and line. (The files it
reads, and a folder of them: test_parse_files.py.)"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grok_tui.lesson.catalog import load_catalog
from grok_tui.lesson.params import ParamError, coerce, nudge, resolve
from grok_tui.lesson.parse import parse_lesson

GOOD = textwrap.dedent("""\
    +++
    id = "9.1"
    chapter = 9
    chapter_title = "Test chapter"
    title = "A tiny lesson"
    show = ["x"]

    [params.alpha]
    default = 0.1
    min = 0.001
    max = 10.0
    scale = "log"
    help = "step size"

    [params.mode]
    default = "a"
    choices = ["a", "b"]

    [params.n]
    default = 3
    min = 1
    max = 5

    [[charts]]
    title = "x"
    series = ["x"]
    log = true

    [exercises.double]
    title = "Double it"
    hints = ["Multiply by two."]
    +++

    Some *prose*.

    ```text
    not code: a diagram
    ```

    ```python train
    for i in range(n):
        x = alpha * i
        step(x=x)
    ```

    ```python exercise double
    def double(v):
        return 0  # TODO
    ```

    ```python solution double
    def double(v):
        return 2 * v
    ```

    ```python test double
    assert double(2) == 4, "double(2) should be 4"
    ```

    ```python check
    assert recorded("x")[-1] == alpha * (n - 1)
    ```
    """)


def write(tmp_path: Path, text: str, name: str = "lesson.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_lesson_parses_into_data(tmp_path):
    lesson, problems = parse_lesson(write(tmp_path, GOOD))
    assert problems == []
    assert lesson is not None
    assert (lesson.id, lesson.chapter, lesson.title, lesson.order) == ("9.1", 9, "A tiny lesson", 1.0)
    assert [c.role for c in lesson.cells] == ["train", "exercise", "solution", "test", "check"]
    assert [p.name for p in lesson.params] == ["alpha", "mode", "n"]
    alpha, mode, n = lesson.params
    assert (alpha.kind, alpha.scale, alpha.default) == ("float", "log", 0.1)
    assert (mode.kind, mode.choices) == ("choice", ("a", "b"))
    assert (n.kind, n.default) == ("int", 3)
    assert lesson.charts[0].log is True
    ex = lesson.exercise("double")
    assert ex is not None and ex.hints == ("Multiply by two.",) and ex.title == "Double it"
    # The text fence is prose, and the train cell's first line is line 41 of the file.
    assert "not code: a diagram" in lesson.prose[0].text
    assert lesson.cells[0].line == GOOD.splitlines().index("for i in range(n):") + 1


@pytest.mark.parametrize(
    "change, line, words",
    [
        (
            ('title = "A tiny lesson"\n', 'title = "A tiny lesson\n'),
            5,
            "not valid TOML: a line ends inside a string (a quote not closed?)",
        ),
        (('show = ["x"]\n', 'show = ["x"]\ncolour = 1\n'), 7, "unknown metadata key 'colour'"),
        (('show = ["x"]\n', 'show = ["x"]\nstep_nme = "step"\n'), 7, "'step_nme', did you mean 'step_name'?"),
        # a misspelt default was reported as missing, not named
        (("default = 0.1\n", "defualt = 0.1\n"), 9, "unknown key 'defualt', did you mean 'default'?"),
        (("default = 0.1\n", "default = 20.0\n"), 9, "outside"),  # the default line, not its header
        (("```python train\n", "```python trian\n"), 40, "unknown cell role 'trian', did you mean 'train'?"),
        (("    x = alpha * i\n", "    x = alpha * * i\n"), 42, "does not compile"),
        (("```python solution double\n", "```python solution\n"), 51, "needs the exercise's name"),
        # the metadata's name and the cells' differ by a typo: both are named
        (("[exercises.double]\n", "[exercises.doubel]\n"), 29, "the cells name 'double': one of the two is misspelt"),
        # a goal line must name one of the lesson's parameters: a typo drew no line, silently
        (("log = true\n", 'log = true\ngoal = "alhpa"\n'), 24, "got 'alhpa'; the parameters: alpha, mode, n"),
        # an upright line: at a parameter's value, on a chart against a value (x)
        (
            ("log = true\n", 'log = true\nat = "alpha"\n'),
            24,
            "a chart's at must be a parameter's name, on a chart with an x",
        ),
        (("log = true\n", 'log = true\nx = "x"\nat = "alhpa"\n'), 24, "(got 'alhpa'; the parameters: alpha, mode, n)"),
        # a misspelt key is an error at its own line, in every table (a chart's and an exercise's were
        # ignored: `hint = [...]` left the exercise without hints, and `check` said ok)
        (("log = true\n", "log = true\nlogg = 1\n"), 28, "[[charts]]: unknown key 'logg'"),
        (("log = true\n", "lgo = true\n"), 27, "[[charts]]: unknown key 'lgo', did you mean 'log'?"),  # letters swapped
        (('series = ["x"]\n', 'serie = ["x"]\n'), 26, "[[charts]]: unknown key 'serie', did you mean 'series'?"),
        # a fixed y range: two numbers, low first, on a linear axis
        (("log = true\n", "log = false\ny_range = [1, 0]\n"), 24, "y_range must be two numbers, low then high"),
        (("log = true\n", 'log = false\ny_range = ["0", 1]\n'), 24, "y_range must be two numbers"),
        (("log = true\n", "log = true\ny_range = [0, 1]\n"), 24, "y_range is for a linear axis"),
        # a goal line's own name (7.5's chance): a string, and only with a goal to name
        (("log = true\n", 'log = true\ngoal_label = "chance"\n'), 24, "goal_label names its goal line"),
        (("log = true\n", "log = true\ngoal = 0.1\ngoal_label = 1\n"), 24, "goal_label names its goal line"),
        # a teacher's log = "false" was true to bool(), and drew a log scale
        (("log = true\n", 'log = "false"\n'), 24, "log and points must be true or false, without quotes"),
        # what a step is names the charts' step axis: a word, not a sentence or a number
        (('show = ["x"]\n', 'show = ["x"]\nstep_name = "Epochs!"\n'), 7, "step_name must be a short singular noun"),
        (('show = ["x"]\n', 'show = ["x"]\nstep_name = 1\n'), 7, "step_name must be"),
        (('show = ["x"]\n', 'show = ["x"]\nstuck_advice = 1\n'), 7, "stuck_advice must be a string"),
        # 7.3's status read "loss became nan  nan: 0 x log 0, use safe_cross_entropy"
        (('show = ["x"]\n', 'show = ["x"]\nnan_advice = "nan: 0 x log 0"\n'), 7, 'do not begin it with "nan"'),
        (('show = ["x"]\n', f'show = ["x"]\nstuck_advice = "{"x" * 33}"\n'), 7, "stuck_advice must fit 80 columns"),
        (('show = ["x"]\n', f'show = ["x"]\ngrowth_advice = "{"x" * 33}"\n'), 7, "growth_advice must fit 80 columns"),
        (('show = ["x"]\n', 'show = ["x"]\ngrowth_advice = 1.41\n'), 7, "growth_advice must be a string"),
        # advice by the param that alone differs: a param of the lesson, a short string
        (('show = ["x"]\n', 'show = ["x"]\nstuck_advice_by_param = { m = "try m 1" }\n'), 7, "'m' is not a parameter"),
        (('show = ["x"]\n', 'show = ["x"]\nstuck_advice_by_param = "try n 1"\n'), 7, "must be a table"),
        (('show = ["x"]\n', f'show = ["x"]\nstuck_advice_by_param = {{ n = "{"x" * 33}" }}\n'), 7, "at most 32"),
        # the strip's first values: names, as show's
        (('show = ["x"]\n', 'show = ["x"]\nstrip = "x"\n'), 7, "strip must be a list of strings"),
        (('hints = ["Multiply', 'hint = ["Multiply'), 31, "exercise 'double': unknown key 'hint'"),
        (("default = 3\n", "default = 3\ndefualt = 4\n"), 21, "parameter 'n': unknown key 'defualt'"),
        # at the hints key's own line, not the exercise cell's
        (('hints = ["Multiply by two."]', 'hints = "Multiply by two."'), 31, "exercise 'double': hints must be a list"),
    ],
)
def test_bad_lesson_reports_file_and_line(tmp_path, change, line, words):
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    lesson, problems = parse_lesson(path)
    assert lesson is None
    assert problems, "a broken file must report a problem"
    first = problems[0]
    assert first.path == path
    assert words in first.message
    assert first.line == line, str(first)
    assert str(first).startswith(f"{path}:{line}: ")


def test_a_lesson_may_say_what_one_step_is(tmp_path):
    lesson, problems = parse_lesson(
        write(tmp_path, GOOD.replace('show = ["x"]\n', 'show = ["x"]\nstep_name = "epoch"\n'))
    )
    assert not problems and lesson is not None and lesson.step_name == "epoch"
    lesson, _ = parse_lesson(write(tmp_path, GOOD, "plain.md"))
    assert lesson is not None and lesson.step_name == ""


def test_a_lesson_may_say_what_its_strip_shows_first(tmp_path):
    lesson, problems = parse_lesson(write(tmp_path, GOOD.replace('show = ["x"]\n', 'show = ["x"]\nstrip = ["x"]\n')))
    assert not problems and lesson is not None and lesson.strip == ("x",)


def test_a_chart_may_keep_a_fixed_y_range(tmp_path):
    lesson, problems = parse_lesson(write(tmp_path, GOOD.replace("log = true\n", "y_range = [0, 1]\n", 1)))
    assert not problems and lesson is not None
    assert lesson.charts[0].y_range == (0.0, 1.0) and not lesson.charts[0].log


def test_missing_front_matter_and_unclosed_fence(tmp_path):
    _, problems = parse_lesson(write(tmp_path, "# just markdown\n"))
    assert problems[0].line == 1 and "+++" in problems[0].message
    text = GOOD.replace('assert recorded("x")[-1] == alpha * (n - 1)\n```\n', "assert True\n")
    _, problems = parse_lesson(write(tmp_path, text, "b.md"))
    assert any("never closed" in p.message for p in problems)


def test_exercise_missing_its_solution_is_reported(tmp_path):
    text = GOOD.replace("```python solution double\ndef double(v):\n    return 2 * v\n```\n", "")
    _, problems = parse_lesson(write(tmp_path, text))
    assert any("lacks its solution" in p.message for p in problems)


def test_parameter_values_are_checked_and_nudged(tmp_path):
    lesson, _ = parse_lesson(write(tmp_path, GOOD))
    alpha, mode, n = lesson.params
    assert coerce(alpha, "0.5") == 0.5
    assert coerce(alpha, "0,5") == 0.5  # a decimal comma, as the prediction box takes it
    with pytest.raises(ParamError, match="must be a number"):
        coerce(alpha, "1,000.5")
    assert coerce(n, "4") == 4 and isinstance(coerce(n, "4"), int)
    with pytest.raises(ParamError, match="above its maximum 10"):
        coerce(alpha, "11")
    with pytest.raises(ParamError, match="whole number"):
        coerce(n, "2.5")
    with pytest.raises(ParamError, match="must be a number"):
        coerce(alpha, "fast")
    with pytest.raises(ParamError, match="one of a, b"):
        coerce(mode, "c")
    assert coerce(mode, " B ") == "b"  # a choice as typed: any case, any spaces
    # 1,000 was read as a decimal comma, 1.0: one iteration where the learner meant a thousand.
    with pytest.raises(ParamError) as exc:
        coerce(n, "1,000")
    assert str(exc.value) == "n: 1,000: type 1000, without the comma"  # n is whole: not 1.000
    with pytest.raises(ParamError, match="n: 1,000,000: type 1000000, without commas"):
        coerce(n, "1,000,000")
    assert coerce(alpha, "0,500") == 0.5  # no thousands start with 0: a decimal comma
    with pytest.raises(ParamError, match=r"alpha: is 1,000 1000 or 1.000\? Type it without the comma"):
        coerce(alpha, "1,000")
    # 1e309 is a number too big for a float: past the maximum, as 1e9 would be (it read "must be
    # a finite number", as inf does).
    with pytest.raises(ParamError, match="alpha=1e309 is above its maximum 10"):
        coerce(alpha, "1e309")
    with pytest.raises(ParamError, match="must be a finite number"):
        coerce(alpha, "inf")
    with pytest.raises(ParamError, match="unknown parameter 'beta'"):
        resolve(lesson.params, {"beta": 1})
    assert nudge(alpha, 0.1, +1) == 0.2 and nudge(alpha, 0.1, -1) == 0.05  # log: x2 / /2
    assert nudge(alpha, 8.0, +1) == 10.0  # clamped to max
    assert nudge(n, 5, +1) == 5 and nudge(n, 3, -1) == 2
    assert nudge(mode, "b", +1) == "a"


def test_a_chapter_name_given_once_reaches_every_lesson_of_the_chapter(tmp_path):
    write(tmp_path, GOOD, "a.md")
    write(tmp_path, GOOD.replace('id = "9.1"', 'id = "9.2"').replace('chapter_title = "Test chapter"\n', ""), "b.md")
    write(
        tmp_path,
        GOOD.replace('id = "9.1"', 'id = "8.1"')
        .replace("chapter = 9", "chapter = 8")
        .replace('chapter_title = "Test chapter"\n', ""),
        "c.md",
    )
    catalog = load_catalog(tmp_path)
    assert {l.id: l.chapter_title for l in catalog.lessons} == {
        "8.1": "Chapter 8",
        "9.1": "Test chapter",
        "9.2": "Test chapter",
    }


# -- what is read, and how ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, bound, words",
    [
        (1.000001, "max", "weight=1.000001 is above its maximum 1"),
        ("1.0000000001", "max", "weight=1.0000000001 is above its maximum 1"),
        (-0.5e-9, "min", "weight=-5e-10 is below its minimum 0"),
        ("  2e0 ", "max", "weight=2e0 is above its maximum 1"),
    ],
)
def test_range_messages_show_the_value_as_given_and_the_bound_exactly(given, bound, words):
    from grok_tui.lesson.model import Param

    param = Param("weight", "float", 0.5, 0.0, 1.0)
    with pytest.raises(ParamError) as exc:
        coerce(param, given)
    assert str(exc.value) == words


def test_a_param_with_a_problem_is_still_a_parameter_for_check_with(tmp_path):
    """A default out of range was reported, then again as "check_with names 'n', which is not a
    parameter" (it is one)."""
    text = GOOD.replace("default = 3\n", "default = 30\n", 1).replace(
        'show = ["x"]\n', 'show = ["x"]\ncheck_with = [{ n = 4 }]\n', 1
    )
    lesson, problems = parse_lesson(write(tmp_path, text))
    assert lesson is None and [p.message for p in problems] == ["parameter 'n': default 30 is outside [1, 5]"], problems
    # at the default's own line, not the table's header a line above it
    assert text.splitlines()[problems[0].line - 1] == "default = 30", problems[0]


FOLDED_LESSON = textwrap.dedent("""\
    +++
    id = "9.2"
    chapter = 9
    title = "Folded answers"
    [[predict]]
    step = 2
    value = "x"
    question = "x at step 2?"
    tolerance = 0.01
    +++
    Read this first.

    ```python
    for i in range(3):
        x = i
        step(x=x)
    ```

    Still read at once.
    <!-- after the questions -->

    ## The answers

    x is 1 at step 2.

    ```python check
    assert x == 2
    ```

    After the check cell: not folded.
    """)


def test_text_after_the_questions_marker_is_folded_up_to_the_next_cell(tmp_path):
    from grok_tui.lesson.model import Prose

    lesson, problems = parse_lesson(write(tmp_path, FOLDED_LESSON))
    assert not problems and lesson is not None
    prose = [(b.text, b.after_questions) for b in lesson.blocks if isinstance(b, Prose)]
    assert prose == [
        ("Read this first.", False),
        ("Still read at once.", False),
        ("## The answers\n\nx is 1 at step 2.", True),  # the marker line itself is not text
        ("After the check cell: not folded.", False),
    ]


def test_the_questions_marker_in_a_lesson_without_questions_is_named_at_its_line(tmp_path):
    text = FOLDED_LESSON.replace(
        '[[predict]]\nstep = 2\nvalue = "x"\nquestion = "x at step 2?"\ntolerance = 0.01\n', ""
    )
    assert "[[predict]]" not in text
    lesson, problems = parse_lesson(write(tmp_path, text))
    assert lesson is None
    marker = text.splitlines().index("<!-- after the questions -->") + 1
    assert [(p.line, "asks none" in p.message) for p in problems] == [(marker, True)], problems

"""A teacher's trial of `grok-tui check`: slips it passed or named badly. An assert of a tuple (always
true), a test cell with no assert, a tab in an exercise's cells, each said at its line in the
teacher's words, and Python's own SyntaxWarning not printed raw above the results."""

from __future__ import annotations

from grok_tui.engine.checks import check_lesson
from grok_tui.engine.exercise_proof import check_exercises
from grok_tui.lesson.parse import parse_lesson
from tests.test_parse import GOOD, write


def lesson_with(tmp_path, old: str, new: str, text: str = GOOD):
    assert text.count(old) == 1, old
    text = text.replace(old, new)
    lesson, problems = parse_lesson(write(tmp_path, text))
    return text, lesson, [(p.line, p.message) for p in problems]


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


TUPLE_FIX = 'remove the parentheses: assert COND, "message"'


def test_an_assert_of_a_tuple_in_a_check_cell_is_refused_at_its_line(tmp_path, capfd):
    """`assert (cond, "message")` is always true: check said ok under Python's raw SyntaxWarning."""
    wrong = 'assert (recorded("x")[-1] < 1e-9, "x should be tiny")'
    text, lesson, problems = lesson_with(tmp_path, 'assert recorded("x")[-1] == alpha * (n - 1)\n', wrong + "\n")
    assert lesson is not None and problems == []
    found = [(p.line, p.message) for p in check_lesson(lesson, timeout=60)]
    assert found == [
        (
            line_of(text, wrong),
            "check cell: this assert tests a tuple, which is always true, so it can never fail: " + TUPLE_FIX,
        )
    ], found
    assert "SyntaxWarning" not in "".join(capfd.readouterr())


def test_an_assert_of_a_tuple_in_a_test_cell_is_refused_in_place_of_the_stub_passing(tmp_path, capfd):
    wrong = 'assert (double(2) == 4, "double(2) should be 4")'
    text, lesson, _ = lesson_with(tmp_path, 'assert double(2) == 4, "double(2) should be 4"\n', wrong + "\n")
    found = [(p.line, p.message) for p in check_lesson(lesson, timeout=60)]
    assert found == [
        (
            line_of(text, wrong),
            "test cell 'double': this assert tests a tuple, which is always true, so it can never fail: " + TUPLE_FIX,
        )
    ], found
    assert "SyntaxWarning" not in "".join(capfd.readouterr())


def test_a_test_cell_without_an_assert_is_refused_as_a_check_cell_is(tmp_path):
    """It was said only as "the stub passes its test"."""
    text, lesson, _ = lesson_with(tmp_path, 'assert double(2) == 4, "double(2) should be 4"\n', "print(double(2))\n")
    found = [(p.line, p.message) for p in check_exercises(lesson)]
    assert found == [
        (
            line_of(text, "```python test double"),
            "exercise 'double': test cell has no assert statement, so it checks nothing: write its checks as `assert ...`",
        )
    ], found


def test_a_test_cell_may_check_by_raising_or_by_an_assert_helper(tmp_path):
    for checks in (
        "if double(2) != 4:\n    raise AssertionError('double(2) should be 4')\n",
        "import numpy as np\nnp.testing.assert_allclose(double(2), 4)\n",
        "def near(a, b):\n    assert abs(a - b) < 1e-9, (a, b)\n\nnear(double(2), 4)\n",
    ):
        _, lesson, _ = lesson_with(tmp_path, 'assert double(2) == 4, "double(2) should be 4"\n', checks)
        assert check_exercises(lesson) == [], checks


def test_a_tab_in_an_exercise_cell_is_refused_at_its_line(tmp_path):
    """The learner's editor starts the line after a tab-indented one at column 0: "'return' outside
    function" errors the learner did not cause. Python compiles the tab, so check passed."""
    for role, line in (("exercise", "    return 0  # TODO\n"), ("solution", "    return 2 * v\n")):
        tabbed = line.replace("    ", "\t")
        text, lesson, found = lesson_with(tmp_path, line, tabbed)
        assert lesson is None
        assert found == [
            (
                line_of(text, tabbed.rstrip("\n")),
                f"{role} cell 'double': this line indents with a tab: indent with spaces: "
                "the learner's editor turns Tab into 4 spaces",
            )
        ], found


def test_a_tab_in_a_lesson_cell_that_compiles_is_left_alone(tmp_path):
    """A train cell is not typed into by the learner: a consistent tab there runs as Python reads it."""
    text = GOOD.replace(
        "for i in range(n):\n    x = alpha * i\n    step(x=x)\n", "for i in range(n):\n\tx = alpha * i\n\tstep(x=x)\n"
    )
    lesson, problems = parse_lesson(write(tmp_path, text))
    assert problems == [] and lesson is not None


CHECK_CELL = '```python check\nassert recorded("x")[-1] == alpha * (n - 1)\n```\n'


def test_an_indented_python_fence_is_said_at_its_opening_line(tmp_path):
    """Inside a list item ("1. Then we check:") the cell was prose: check said "(no check cell)" with
    both fences indented, and "```  is never closed" at the closing fence with the opener alone."""
    both = "1. Then we check:\n\n   " + CHECK_CELL.replace("\n", "\n   ").rstrip(" ")
    opener = "1. Then we check:\n\n   " + CHECK_CELL
    for new in (both, opener):
        text, lesson, found = lesson_with(tmp_path, CHECK_CELL, new)
        assert lesson is None
        assert found == [
            (
                line_of(text, "   ```python check"),
                "this ```python fence is indented 3 spaces: a cell's fences start at the line's start "
                "(inside a list item it would be prose)",
            )
        ], found


def test_an_indented_fence_of_another_language_stays_prose(tmp_path):
    _, lesson, found = lesson_with(tmp_path, "Some *prose*.\n", "1. A list:\n\n   ```text\n   a diagram\n   ```\n")
    assert found == [] and lesson is not None


def test_a_strip_name_never_recorded_is_said_as_shows_is(tmp_path):
    """`strip = ["x", "slope"]`: slope was silently left out of the strip."""
    text, lesson, _ = lesson_with(tmp_path, 'show = ["x"]\n', 'show = ["x"]\nstrip = ["x", "slope", "alpah"]\n')
    from grok_tui.engine.checks import run_checks

    found = [(p.line, p.message) for p in run_checks(lesson, timeout=60)]
    at = line_of(text, 'strip = ["x", "slope", "alpah"]')
    assert found == [
        (at, "strip: 'slope' is neither recorded by step() nor a variable at the end"),
        (at, "strip: 'alpah' is neither recorded by step() nor a variable at the end: did you mean 'alpha'?"),
    ], found


def test_the_questions_marker_right_above_a_cell_is_an_error_with_questions_or_without(tmp_path):
    """Without [[predict]] it was said only when prose followed it; with questions, right above a
    cell it folded nothing, silently (the teacher meant the text below the cell)."""
    from tests.test_parse import FOLDED_LESSON

    predict = '[[predict]]\nstep = 2\nvalue = "x"\nquestion = "x at step 2?"\ntolerance = 0.01\n'
    folded = "<!-- after the questions -->\n\n## The answers\n\nx is 1 at step 2.\n\n```python check"
    above_cell = "## The answers\n\nx is 1 at step 2.\n<!-- after the questions -->\n\n```python check"
    for meta, words in (("", "but this lesson asks none"), (predict, "so it folds nothing")):
        text, lesson, found = lesson_with(tmp_path, folded, above_cell, FOLDED_LESSON.replace(predict, meta))
        assert lesson is None
        assert [(line, words in message) for line, message in found] == [
            (line_of(text, "<!-- after the questions -->"), True)
        ], found
    assert found[0][1] == (
        "<!-- after the questions --> is followed by no text before the next code cell, so it folds nothing: "
        "put it right above the text that gives the answers away"
    )


def test_a_quiz_question_without_an_answer_says_the_answer_is_missing(tmp_path):
    """It said "the answer None is not one of the choices ('converge', 'diverge')"."""
    from grok_tui.instruments.quiz import parse_quiz

    path = tmp_path / "quiz.toml"
    for question, said in (
        (
            'choices = ["converge", "diverge"]\n',
            'the question has no answer: add answer = "converge" (one of the choices)',
        ),
        ("", "the question has no answer: add answer = a number (without choices)"),
    ):
        good = "".join(f'[[questions]]\ntext = "q{i}"\nanswer = 1.0\n' for i in range(2))
        path.write_text(f'chapter = 4\n{good}[[questions]]\ntext = "Lesson 4.5 at alpha 1?"\n{question}why = "..."\n')
        _quiz, problems = parse_quiz(path)
        assert [(p.line, p.message) for p in problems] == [(8, said)], problems


def test_a_test_cell_that_did_not_import_what_it_uses_is_said_as_the_test_cells_slip(tmp_path):
    """It said "the solution fails its test: ... start your cell with `import numpy as np`", the
    learner's words, of a solution that was fine; and again of the stub, as a typo."""
    uses_np = "got = double(2)\nassert np.isclose(got, 4), f'double(2) should be 4, got {got}'\n"
    text, lesson, _ = lesson_with(tmp_path, 'assert double(2) == 4, "double(2) should be 4"\n', uses_np)
    at = line_of(text, "assert np.isclose(got, 4), f'double(2) should be 4, got {got}'")
    assert [(p.line, p.message) for p in check_exercises(lesson)] == [
        (
            at,
            f"exercise 'double': the test cell (line {at}) raised NameError: name 'np' is not defined: "
            "a test cell runs on its own: import what it uses",
        )
    ]
    text, lesson, _ = lesson_with(
        tmp_path, 'assert double(2) == 4, "double(2) should be 4"\n', "import nump\n" + uses_np
    )
    found = [p.message for p in check_exercises(lesson)]
    assert found == [
        f"exercise 'double': the test cell (line {line_of(text, 'import nump')}) raised ModuleNotFoundError: "
        "No module named 'nump': a test cell runs on its own: import what it uses"
    ], found


def test_a_solution_that_raises_is_still_the_solutions_slip(tmp_path):
    _, lesson, _ = lesson_with(tmp_path, "    return 2 * v\n", "    return 2 * np.float64(v)\n")
    found = [p.message for p in check_exercises(lesson)]
    assert len(found) == 1 and found[0].startswith("exercise 'double': the solution fails its test: "), found
    assert "import numpy as np" in found[0], found


def test_a_check_cell_that_never_ends_is_said_as_an_endless_loop_not_a_long_run(tmp_path):
    """It said "ran past 120 s after 3 steps (raise --timeout for a long run)": the run was done."""
    from grok_tui.engine.checks import run_checks

    text, lesson, _ = lesson_with(
        tmp_path, 'assert recorded("x")[-1] == alpha * (n - 1)\n', "while True: pass\nassert x\n"
    )
    found = [(p.line, p.message) for p in run_checks(lesson, timeout=1.5)]
    fence = line_of(text, "```python check")
    assert found == [
        (
            fence + 1,
            f"the check cell at line {fence} ran past 1.5 s after the run's last step: an endless loop?",
        )
    ], found


def test_a_name_a_later_cell_defines_is_said_as_cells_in_the_wrong_order(tmp_path):
    """A train cell calling an exercise's function placed below it was only "NameError: name
    'double' is not defined" (a teacher's trial)."""
    text, lesson, _ = lesson_with(tmp_path, "    x = alpha * i\n", "    x = alpha * i + double(0)\n")
    found = [p.message for p in check_lesson(lesson, timeout=60)]
    exercise_line = line_of(text, "```python exercise double")
    assert (
        "with defaults: NameError: name 'double' is not defined (the exercise cell at line "
        f"{exercise_line} defines `double`, below this one: cells run top to bottom, so move it above)"
    ) in found, found


def test_a_cells_missing_closing_fence_is_said_at_the_next_cells_opening(tmp_path):
    """Left out, the cell ran on through the prose to the next cell's closing fence, and check said
    only "run cell does not compile: invalid syntax" at a line of prose."""
    text, lesson, found = lesson_with(tmp_path, "    step(x=x)\n```\n", "    step(x=x)\n")
    assert lesson is None
    opener = line_of(text, "```python train")
    next_cell = next(n for n, line in enumerate(text.splitlines(), 1) if n > opener and line.startswith("```python"))
    assert found == [
        (
            next_cell,
            f"a fence that opens a block ({text.splitlines()[next_cell - 1]}) inside the ```python cell of "
            f"line {opener}: that cell's closing ``` is missing; close it before this line",
        )
    ], found


def test_a_test_cell_that_borrows_the_solutions_import_is_said(tmp_path):
    """The test used `np`, imported only by the exercise's cells: check passed, and a learner's correct
    answer in plain Python was told "NameError: name 'np' is not defined ... import numpy as np"."""
    text = (
        GOOD.replace("def double(v):\n    return 2 * v\n", "import numpy as np\n\ndef double(v):\n    return 2 * v\n")
        .replace(
            "def double(v):\n    return 0  # TODO\n", "import numpy as np\n\ndef double(v):\n    return 0  # TODO\n"
        )
        .replace(
            'assert double(2) == 4, "double(2) should be 4"\n', 'assert np.isclose(double(2), 4), "double(2) is 4"\n'
        )
    )
    lesson, problems = parse_lesson(write(tmp_path, text))
    assert lesson is not None and problems == []
    found = [(p.line, p.message) for p in check_exercises(lesson)]
    assert found == [
        (
            line_of(text, 'assert np.isclose(double(2), 4), "double(2) is 4"'),
            "exercise 'double': the test cell uses `np`, which only the exercise's code imports: a learner's answer "
            "without that import fails the test with NameError. Import it in the test cell: import numpy as np",
        )
    ], found
    # imported in the test cell too: nothing to say
    fixed = text.replace("assert np.isclose", "import numpy as np\nassert np.isclose")
    assert check_exercises(parse_lesson(write(tmp_path, fixed))[0]) == []
    # only the solution imports it: the stub's NameError is no typo of the test's ("neither the stub nor
    # the solution defines 'np'" was false)
    only = text.replace(
        "import numpy as np\n\ndef double(v):\n    return 0  # TODO\n", "def double(v):\n    return 0  # TODO\n"
    )
    found = [p.message for p in check_exercises(parse_lesson(write(tmp_path, only))[0])]
    assert len(found) == 1 and "which only the exercise's code imports" in found[0], found


def test_a_predicted_value_that_is_no_single_number_says_its_shape_and_how_to_name_one(tmp_path, capsys):
    """`value = "weights_0_1"` (a 3x1 matrix) and `weights_0_1[5]` got "records no single number" alone."""
    from tests.test_cli import run_cli

    lesson = tmp_path / "a.md"
    head = '+++\nid = "1.1"\nchapter = 1\ntitle = "t"\n\n[[predict]]\nstep = 2\nvalue = "{}"\nquestion = "?"\ntolerance = 0.01\n+++\n'
    body = "```python\nimport numpy as np\nw = np.ones((3, 1))\nfor i in range(3):\n    step(w=w)\n```\n"
    lesson.write_text(head.format("w") + body)
    out = run_cli(capsys, "check", str(lesson))[1]
    assert (  # at the value's line, not [[predict]]'s
        f"{lesson}:8: with defaults: step 2 records no single number 'w' to predict: it is a 3x1 matrix: name one "
        "number of it, e.g. w[0][0]"
    ) in out, out
    lesson.write_text(head.format("w[5]") + body)
    out = run_cli(capsys, "check", str(lesson))[1]
    assert (
        "records no single number 'w[5]' to predict: w is a 3x1 matrix, and w[5] is not in it (indexes run "
        "from 0 to 2)" in out
    ), out


def test_a_test_cells_own_endless_loop_and_a_test_that_never_calls_are_said_as_the_tests(tmp_path):
    """A `while True` in the test cell was "the solution fails its test: The solution was still running
    ..."; a test that computed its expected value itself was "the stub passes its test", and the
    teacher went to edit the stub."""
    looping = 'while True:\n    pass\nassert double(2) == 4, "x"\n'
    text, lesson, _ = lesson_with(tmp_path, 'assert double(2) == 4, "double(2) should be 4"\n', looping)
    found = [(p.line, p.message) for p in check_exercises(lesson, timeout=2)]
    assert [message for _, message in found] == [
        "exercise 'double': the test cell was still running here at its time limit: is there a loop in the "
        "test that never ends?"
    ], found
    assert found[0][0] in (line_of(text, "while True:"), line_of(text, "while True:") + 1), found  # its loop
    _, lesson, _ = lesson_with(tmp_path, "assert double(2) == 4", "assert 2 * 2 == 4")
    found = [p.message for p in check_exercises(lesson)]
    assert found == [
        "exercise 'double': the stub passes its test; it must fail until the learner writes the code (the test "
        "cell never calls double)"
    ], found

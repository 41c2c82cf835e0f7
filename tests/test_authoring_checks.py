"""A teacher's trial of the authoring checks: what `grok-tui check` passed though the lesson was wrong.
A check cell whose guards matched no run, a `step` that does nothing, a stuck advice at a value out
of range, stuck_advice_at errors that misread a param, and a broken file that claimed its id."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from grok_tui.engine.checks import run_checks
from grok_tui.lesson.parse import parse_lesson

GUARDED = textwrap.dedent("""\
    +++
    id = "9.1"
    chapter = 9
    title = "Guarded checks"
    check_with = [{ alpha = 0.5 }]

    [params.alpha]
    default = 0.1
    min = 0.01
    max = 1.0

    [params.iterations]
    default = 300
    min = 1
    max = 1000
    +++

    ```python train
    weight = 0.0
    for i in range(iterations):
        weight += alpha
        step(weight=weight)
    ```

    ```python check
    if alpha == 0.1 and iterations == 300:
        assert abs(weight - 30.0) < 1e-6, weight
    if alpha == 0.5 and iterations == 300: assert abs(weight - 150.0) < 1e-6, weight
    ```
    """)


def lesson_of(tmp_path: Path, text: str):
    path = tmp_path / "9.1-lesson.md"
    path.write_text(text, encoding="utf-8")
    lesson, problems = parse_lesson(path)
    assert lesson is not None and not problems, problems
    return lesson


def line_of(text: str, line: str) -> int:
    return text.splitlines().index(line) + 1


def test_a_check_cell_whose_guards_match_no_run_is_said_at_the_cell(tmp_path):
    """iterations 300 -> 301: no run (the defaults, alpha=0.5) executed an assert, and check said ok.
    The one-line `if ...: assert` runs its line in every run, its assert only when the guard holds."""
    assert run_checks(lesson_of(tmp_path, GUARDED)) == []
    text = GUARDED.replace("default = 300", "default = 301")
    found = [(p.line, p.message) for p in run_checks(lesson_of(tmp_path, text))]
    assert len(found) == 1, found
    line, message = found[0]
    assert line == line_of(text, "```python check"), found
    assert message.startswith("check cell ran no assert in any run (the defaults; alpha=0.5)"), message
    assert "its guards match none of them" in message, message
    # one run that asserts is enough: the check_with set pins alpha=0.5 (the defaults assert nothing)
    text = GUARDED.replace("alpha == 0.1 and iterations == 300", "alpha == 0.2 and iterations == 300")
    assert run_checks(lesson_of(tmp_path, text)) == []
    # a part of the runs (the test suite spreads them over workers) may rightly assert nothing
    assert run_checks(lesson_of(tmp_path, GUARDED.replace("default = 300", "default = 301")), cases=[{}]) == []


def test_a_check_cell_without_an_assert_statement_is_said(tmp_path):
    text = GUARDED.replace(
        "if alpha == 0.1 and iterations == 300:\n    assert abs(weight - 30.0) < 1e-6, weight\n"
        "if alpha == 0.5 and iterations == 300: assert abs(weight - 150.0) < 1e-6, weight\n",
        "print(weight)\n",
    )
    found = [(p.line, p.message) for p in run_checks(lesson_of(tmp_path, text))]
    assert found == [
        (
            line_of(text, "```python check"),
            "check cell has no assert statement, so it checks nothing: write its checks as `assert ...`",
        )
    ], found


def test_an_assert_in_a_helper_of_another_check_cell_counts_for_both(tmp_path):
    """A check cell that defines a helper and one that calls it: both asserted."""
    text = GUARDED.replace(
        "```python check\n",
        "```python check\ndef near(a, b):\n    assert abs(a - b) < 1e-6, (a, b)\n```\n\n```python check\n"
        "near(weight, alpha * iterations)\n",
    )
    assert run_checks(lesson_of(tmp_path, text)) == []


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = tmp_path / "9.1-lesson.md"
    path.write_text(text, encoding="utf-8")
    lesson, problems = parse_lesson(path)
    assert lesson is None or not problems
    return [(p.line, p.message) for p in problems]


@pytest.mark.parametrize(
    "old, new, words",
    [
        # + said "alpha is already at its maximum": 0.1 * 1 is 0.1
        ("max = 1.0\n", 'max = 1.0\nscale = "log"\nstep = 1\n', "on a log scale + and - multiply and divide by step"),
        ("max = 1.0\n", 'max = 1.0\nscale = "log"\nstep = 0.5\n', "so it must be above 1 (got 0.5)"),
        # 300 + 0.5 rounded back to 300: + and - did nothing
        ("max = 1000\n", "max = 1000\nstep = 0.5\n", "its step must be a whole number, 1 or more (got 0.5)"),
        ("max = 1000\n", "max = 1000\nstep = 2.5\n", "its step must be a whole number, 1 or more (got 2.5)"),
    ],
)
def test_a_step_that_does_nothing_is_said_at_its_line(tmp_path, old, new, words):
    text = GUARDED.replace(old, new, 1)
    found = problems_of(tmp_path, text)
    assert len(found) == 1 and words in found[0][1], found
    assert text.splitlines()[found[0][0] - 1].startswith("step = "), found


def test_steps_that_move_are_kept(tmp_path):
    for old, new in (
        ("max = 1.0\n", 'max = 1.0\nscale = "log"\nstep = 1.5\n'),
        ("max = 1000\n", "max = 1000\nstep = 10\n"),
        ("max = 1000\n", "max = 1000\nstep = 10.0\n"),
        ("max = 1.0\n", "max = 1.0\nstep = 0.05\n"),
    ):
        assert problems_of(tmp_path, GUARDED.replace(old, new, 1)) == [], new


ADVISED = GUARDED.replace(
    "[params.alpha]",
    '[params.use_bias]\ndefault = "yes"\nchoices = ["yes", "no"]\n\n[params.alpha]',
)


def test_a_stuck_advice_at_a_value_out_of_range_is_said_at_its_key(tmp_path):
    """alpha's max is 1: advice at alpha=5 could never be said."""
    table = 'stuck_advice_at = { "alpha=5" = "too big" }\n'
    text = ADVISED.replace('title = "Guarded checks"\n', 'title = "Guarded checks"\n' + table)
    found = problems_of(tmp_path, text)
    assert found == [
        (
            line_of(text, table.strip()),
            "stuck_advice_at: 'alpha=5': 5 is outside the range of alpha, 0.01 to 1 (its min and max): this advice could never be said",
        )
    ], found
    # in a [stuck_advice_at] table of its own, at the key's line
    text = ADVISED.replace(
        "+++\n\n```python train",
        '\n[stuck_advice_at]\n"alpha=0.5" = "ok"\n"iterations=0" = "x"\n+++\n\n```python train',
    )
    found = problems_of(tmp_path, text)
    assert found == [
        (
            line_of(text, '"iterations=0" = "x"'),
            "stuck_advice_at: 'iterations=0': 0 is outside the range of iterations, 1 to 1000 (its min and max): "
            "this advice could never be said",
        )
    ], found
    inside = ADVISED.replace(
        'title = "Guarded checks"\n', 'title = "Guarded checks"\nstuck_advice_at = { "alpha=1" = "a" }\n'
    )
    assert problems_of(tmp_path, inside) == []


def test_stuck_advice_at_names_a_param_with_an_error_of_its_own_or_without_a_value_as_such(tmp_path):
    # the param's own error, once: not again as if use_bias were no parameter
    text = ADVISED.replace('default = "yes"', 'default = "Yes"').replace(
        'title = "Guarded checks"\n', 'title = "Guarded checks"\nstuck_advice_at = { "use_bias=no" = "try a bias" }\n'
    )
    found = problems_of(tmp_path, text)
    assert len(found) == 1 and "a choice needs choices = [...] that include the default" in found[0][1], found
    table = 'stuck_advice_at = { use_bias = "try a bias" }'
    text = ADVISED.replace('title = "Guarded checks"\n', f'title = "Guarded checks"\n{table}\n')
    assert problems_of(tmp_path, text) == [
        (
            line_of(text, table),
            """stuck_advice_at: 'use_bias' needs a value: write "use_bias=VALUE" (e.g. "use_bias=no")""",
        )
    ]


def test_a_sibling_that_does_not_load_takes_no_id(tmp_path, capsys):
    """a1.md's metadata is never closed (its id still readable); c1.md has the same id, loads, and its
    check cell fails: `check c1.md` said only "lesson id '9.1' is already used by a1.md"."""
    from tests.test_cli import run_cli

    head = '+++\nid = "9.1"\nchapter = 9\ntitle = "{}"\n'
    (tmp_path / "a1.md").write_text(head.format("A") + "\n```python\nx = 1\n```\n", encoding="utf-8")
    c1 = tmp_path / "c1.md"
    c1.write_text(head.format("C") + "+++\n\n```python\nx = 1\n```\n\n```python check\nassert x == 2\n```\n")
    for target in (c1, tmp_path):
        code, out, _ = run_cli(capsys, "check", str(target))
        assert code == 1 and "already used" not in out, out
        assert f"{c1}:12: with defaults: check failed" in out, out
    assert f"{tmp_path / 'a1.md'}:1: the metadata opened by '+++' on line 1 is never closed" in out, out
    # a sibling that loads does take it
    (tmp_path / "a1.md").write_text(head.format("A") + "+++\n\n```python\nx = 1\n```\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(c1))
    assert code == 1 and f"{c1}:2: lesson id '9.1' is already used by {tmp_path / 'a1.md'}" in out, out


def test_a_chapter_named_two_ways_is_said_at_the_second_name(tmp_path, capsys):
    """The contents showed 9.1's name for the chapter and check said ok: 9.2's name was never shown."""
    from tests.test_cli import run_cli

    head = '+++\nid = "{}"\nchapter = 9\ntitle = "t"\nchapter_title = "{}"\n+++\n\n```python\nx = 1\n```\n'
    (tmp_path / "a.md").write_text(head.format("9.1", "Backprop"), encoding="utf-8")
    (tmp_path / "b.md").write_text(head.format("9.2", "Backpropagation"), encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    # under 9.2's own FAIL, not a line of its own after "ok   9.2", counted as a third file
    assert code == 1 and out.splitlines()[1:] == [
        "FAIL 9.2\tt  (no check cell)",
        f"     {tmp_path / 'b.md'}:5: chapter 9 is called 'Backpropagation' here but 'Backprop' in a.md: a chapter "
        "has one name (write it in one lesson, or the same in each)",
        "2 lesson files, 1 with problems",
    ], out
    (tmp_path / "b.md").write_text(head.format("9.2", "Backprop"), encoding="utf-8")
    assert run_cli(capsys, "check", str(tmp_path))[0] == 0


def test_a_lesson_file_named_md_in_capitals_is_said_not_skipped(tmp_path, capsys):
    """`3.1.MD` was skipped without a word: the lesson was simply missing from the course. A .MD file
    that is no lesson (notes) stays unsaid."""
    from tests.test_cli import run_cli

    lesson = '+++\nid = "9.1"\nchapter = 9\ntitle = "t"\n+++\n\n```python\nx = 1\n```\n'
    (tmp_path / "9.1.MD").write_text(lesson, encoding="utf-8")
    (tmp_path / "9.2.markdown").write_text(lesson.replace("9.1", "9.2"), encoding="utf-8")
    (tmp_path / "notes.MD").write_text("Some notes.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    for name, stem in (("9.1.MD", "9.1"), ("9.2.markdown", "9.2")):
        assert (
            f"{tmp_path / name}:1: this file starts with a lesson's metadata (+++), but only files ending in .md "
            f"are read: rename it {stem}.md"
        ) in out, out
    assert code == 1 and "notes" not in out, out
    (tmp_path / "9.1.MD").rename(tmp_path / "9.1.md")
    (tmp_path / "9.2.markdown").unlink()
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert code == 0 and "ok   9.1" in out, out

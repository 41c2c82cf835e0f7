"""`grok-tui check`: every problem of a lesson file, quiz or folder said at its file and line, the
summary, and what a failed check cell shows of the run."""

from __future__ import annotations

import json

from tests.test_cli import run_cli


def test_the_check_summary_counts_files_not_problems(tmp_path, capsys):
    """Two problems in the one file read "1 lesson file, 2 with problems"."""
    (tmp_path / "4.9-m.md").write_text(
        '+++\nid = "4.9"\nchapter = 4\ntitle = "M"\n\n[params.beta]\ndefault = 1.5\nmin = 0.0\nmax = 0.99\n\n'
        "[params.gamma]\ndefault = -1.0\nmin = 0.0\nmax = 0.99\n+++\n\n```python\nx = beta + gamma\n```\n"
    )
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert code == 1 and out.count("FAIL ") == 2 and out.splitlines()[-1] == "1 lesson file, 1 with problems", out


def test_failing_lesson_exits_1_with_file_and_line(tmp_path, capsys):
    (tmp_path / "bad.md").write_text(
        '+++\nid = "1.1"\nchapter = 1\ntitle = "boom"\n+++\n\n```python\nx = 1\nx / 0\n```\n'
    )
    code, _out, err = run_cli(capsys, "run", "1.1", "--lessons", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'bad.md'}:9: ZeroDivisionError" in err


def test_check_reports_each_problem_as_file_line(tmp_path, capsys):
    (tmp_path / "ok.md").write_text('+++\nid = "1.1"\nchapter = 1\ntitle = "fine"\n+++\n```python\nx = 1\n```\n')
    (tmp_path / "wrong.md").write_text(
        '+++\nid = "1.2"\nchapter = 1\ntitle = "wrong"\n+++\n```python\nx = 1\n```\n```python check\nassert x == 2, "x should be 2"\n```\n'
    )
    (tmp_path / "broken.md").write_text('+++\nid = "1.3"\nchapter = 1\n+++\n```python\nx = 1\n```\n')
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert code == 1
    assert f"{tmp_path / 'wrong.md'}:10: with defaults: check failed: x should be 2" in out
    assert f"{tmp_path / 'broken.md'}:2: metadata needs 'title'" in out
    assert "ok   1.1" in out


def test_check_of_one_lesson_file_checks_that_file_only(tmp_path, capsys):
    (tmp_path / "ok.md").write_text('+++\nid = "1.1"\nchapter = 1\ntitle = "fine"\n+++\n```python\nx = 1\n```\n')
    wrong = tmp_path / "wrong.md"
    wrong.write_text(
        '+++\nid = "1.2"\nchapter = 1\ntitle = "wrong"\n+++\n```python\nx = 1\n```\n```python check\nassert x == 2, "x should be 2"\n```\n'
    )
    code, out, _ = run_cli(capsys, "check", str(wrong))
    assert code == 1
    assert out.splitlines() == [
        "FAIL 1.2\twrong",
        f"     {wrong}:10: with defaults: check failed: x should be 2 (at `assert x == 2`)",
        "1 lesson file, 1 with problems",
    ]
    code, out, _ = run_cli(capsys, "check", str(tmp_path / "ok.md"))
    assert (code, out.splitlines()) == (0, ["ok   1.1\tfine  (no check cell)", "1 lesson file, 0 with problems"])
    # a mistyped file is named as a file, not as a missing lessons folder
    code, out, _ = run_cli(capsys, "check", str(tmp_path / "typo.md"))
    assert code == 1
    assert f"FAIL {tmp_path / 'typo.md'}: cannot read the file: No such file or directory" in out


def test_check_of_a_quiz_file_checks_it_with_its_chapter(tmp_path, capsys):
    """`grok-tui check lessons/ch4/quiz.toml` failed: "a lesson starts with its metadata"."""
    chapter = tmp_path / "ch1"
    chapter.mkdir()
    (chapter / "1.1-ok.md").write_text('+++\nid = "1.1"\nchapter = 1\ntitle = "fine"\n+++\n```python\nx = 2\n```\n')
    quiz = chapter / "quiz.toml"
    question = '[[questions]]\ntext = "x?"\nanswer = {}\nwhy = "w"\n[questions.verify]\nlesson = "1.1"\nvalue = "x"\n'
    quiz.write_text('chapter = 1\ntitle = "One"\n\n' + question.format(2) * 2 + question.format(3))
    code, out, _ = run_cli(capsys, "check", str(quiz))
    assert code == 1 and "FAIL quiz 1\t3 questions" in out and out.startswith("ok   1.1"), out
    missing = tmp_path / "ch2" / "quiz.toml"  # a chapter without a quiz: not "lessons folder not found"
    assert run_cli(capsys, "check", str(missing))[:2] == (1, f"FAIL {missing}: no such file\n")
    # a quiz for a chapter no lesson has: it showed nowhere but in ctrl+p (a teacher's `chapter = 9`)
    quiz.write_text('chapter = 9\ntitle = "One"\n\n' + '[[questions]]\ntext = "x?"\nanswer = 1\n' * 3)
    code, out, _ = run_cli(capsys, "check", str(quiz))
    assert code == 1 and f"{quiz}:1: quiz: chapter 9 has no lesson (chapter = N)" in out, out


def test_a_quiz_whose_verify_lesson_did_not_load_says_so_not_that_it_is_missing(tmp_path, capsys):
    """A trial broke lesson 4.3 on purpose: `check` also failed the chapter 4 quiz with "verify: no
    lesson '4.3'", and a teacher would go and fix a quiz that was fine."""
    chapter = tmp_path / "ch1"
    chapter.mkdir()
    (chapter / "1.1-ok.md").write_text('+++\nid = "1.1"\nchapter = 1\ntitle = "fine"\n+++\n```python\nx = 2\n```\n')
    (chapter / "1.2-broken.md").write_text(
        '+++\nid = "1.2"\nchapter = 1\ntitle = "never closed"\n```python\nx = 2\n```\n'
    )
    question = '[[questions]]\ntext = "x?"\nanswer = 2\nwhy = "w"\n[questions.verify]\nlesson = "1.2"\nvalue = "x"\n'
    (chapter / "quiz.toml").write_text('chapter = 1\ntitle = "One"\n\n' + question * 3)
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert code == 1 and "1.2-broken.md" in out, out
    assert "verify: lesson '1.2' did not load (1.2-broken.md: its problem is listed with it)" in out, out
    assert "no lesson '1.2'" not in out, out


def test_a_quiz_whose_verify_lesson_fails_or_names_no_recorded_value_says_so(tmp_path, capsys):
    """A teacher's train cell raised NameError: the quiz line said "verify: NameError: name 'penalty' is
    not defined", the quiz's fault by its words, and came above the lesson's own error; a misspelt
    `value` got no "did you mean" where every other misspelt name does."""
    chapter = tmp_path / "ch1"
    chapter.mkdir()
    lesson = chapter / "1.1-ok.md"
    lesson.write_text('+++\nid = "1.1"\nchapter = 1\ntitle = "fine"\n+++\n```python\nstep(penalty=dleta)\n```\n')
    question = '[[questions]]\ntext = "x?"\nanswer = 2\nwhy = "w"\n[questions.verify]\nlesson = "1.1"\nvalue = "{}"\n'
    quiz = chapter / "quiz.toml"
    quiz.write_text('chapter = 1\ntitle = "One"\n\n' + question.format("penalty[-1]") * 3)
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert (
        code == 1
        and (
            "quiz.toml:4: verify: lesson '1.1' fails with its defaults (1.1-ok.md:7: NameError: name 'dleta' is not "
            "defined), so this answer could not be checked"
        )
        in out
    ), out
    assert out.index("1.1-ok.md:7: with defaults: NameError") < out.index("verify:"), out
    lesson.write_text(lesson.read_text().replace("dleta", "2"))
    quiz.write_text('chapter = 1\ntitle = "One"\n\n' + question.format("penalti[-1]") * 3)
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert code == 1 and "quiz.toml:4: verify: name 'penalti' is not defined: did you mean 'penalty'?" in out, out


def test_check_of_a_quiz_finds_a_verify_lesson_of_another_chapter(tmp_path, capsys):
    """A ch2 quiz whose question checks its answer with lesson 1.1: `check ch2/quiz.toml` said
    "verify: no lesson '1.1'" (only its own folder was loaded), though `check DIR` passed it."""
    for n in (1, 2):
        (tmp_path / f"ch{n}").mkdir()
        (tmp_path / f"ch{n}" / f"{n}.1-ok.md").write_text(
            f'+++\nid = "{n}.1"\nchapter = {n}\ntitle = "fine"\n+++\n```python\nstep(x={n})\n```\n'
        )
    question = (
        '[[questions]]\ntext = "x?"\nanswer = 1\nwhy = "w"\n[questions.verify]\nlesson = "1.1"\nvalue = "x[-1]"\n'
    )
    quiz = tmp_path / "ch2" / "quiz.toml"
    quiz.write_text('chapter = 2\ntitle = "Two"\n\n' + question * 3)
    code, out, _ = run_cli(capsys, "check", str(quiz))
    assert code == 0 and "ok   quiz 2\t3 questions" in out and "ok   2.1" in out and "1.1" not in out, out
    # the answer is still checked against that lesson's run
    quiz.write_text(quiz.read_text().replace("answer = 1", "answer = 5"))
    code, out, _ = run_cli(capsys, "check", str(quiz))
    assert code == 1 and "the lesson's run contradicts this answer" in out, out


def test_check_notes_a_lesson_without_a_check_cell_and_fails_a_pointless_check_with(tmp_path, capsys):
    head = '+++\nid = "{id}"\nchapter = 1\ntitle = "t"\n{meta}[params.alpha]\ndefault = 1.0\n+++\n'
    body = "```python\nx = alpha\n```\n"
    (tmp_path / "a.md").write_text(head.format(id="1.1", meta="") + body)
    (tmp_path / "b.md").write_text(head.format(id="1.2", meta="check_with = [{ alpha = 0.5 }]\n") + body)
    (tmp_path / "c.md").write_text(
        head.format(id="1.3", meta="check_with = [{ alpha = 0.5 }]\n") + body + "```python check\nassert x > 0\n```\n"
    )
    code, out, _ = run_cli(capsys, "check", str(tmp_path))
    assert code == 1
    assert out.splitlines() == [
        "ok   1.1\tt  (no check cell)",
        "FAIL 1.2\tt  (no check cell)",
        f"     {tmp_path / 'b.md'}:5: check_with needs a ```python check cell (its sets assert nothing)",
        "ok   1.3\tt",
        "3 lesson files, 1 with problems",
    ]
    _, out, _ = run_cli(capsys, "run", "--all", "--json", "--lessons", str(tmp_path))
    notes = {row["lesson"]: row.get("note") for row in map(json.loads, out.splitlines())}
    assert notes == {"1.1": "no check cell", "1.2": "no check cell", "1.3": None}


def test_a_run_past_its_time_limit_after_some_steps_is_called_long_not_stuck(tmp_path, capsys):
    # steps, then a wait that never ends: it sleeps, so the time limit costs the other tests no core
    (tmp_path / "a.md").write_text(
        '+++\nid = "1.1"\nchapter = 1\ntitle = "t"\n+++\n```python train\nimport time\n'
        "for i in range(3):\n    step(i=i)\nwhile True:\n    time.sleep(0.05)\n```\n"
    )
    code, _, err = run_cli(capsys, "run", "1.1", "--lessons", str(tmp_path), "--timeout", "3")
    assert code == 1
    where, _, message = err.partition(": ")  # where: the loop's line 10 or 11, wherever it was stopped
    assert where.startswith(f"{tmp_path / 'a.md'}:1")
    assert message == "ran past 3 s after 3 steps (raise --timeout for a long run)\n"
    # past the steps it declares: not a long run to give more time, a loop that does not end
    (tmp_path / "a.md").write_text((tmp_path / "a.md").read_text().replace('title = "t"', 'title = "t"\nsteps = "2"'))
    code, _, err = run_cli(capsys, "run", "1.1", "--lessons", str(tmp_path), "--timeout", "3")
    assert err.partition(": ")[2] == "ran past 3 s after 3 steps, where the lesson declares 2 (steps = '2')\n"


def test_check_of_an_empty_folder_fails_and_says_why(tmp_path, capsys):
    (tmp_path / "README.md").write_text("# not a lesson\n")
    assert run_cli(capsys, "check", str(tmp_path)) == (1, f"no lesson files in {tmp_path}\n", "")


def test_check_quotes_a_failed_assert_without_a_message(tmp_path, capsys):
    lesson = tmp_path / "a.md"
    lesson.write_text(
        '+++\nid = "1.1"\nchapter = 1\ntitle = "t"\n+++\n```python\nx = 1\n```\n'
        "```python check\nassert x == 1\nassert (\n    x\n    == 2\n)\n```\n"
    )
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1
    # the statement as the exercise verdicts quote one (engine/statements.py), whichever line the
    # traceback names, and what its sides were (a teacher saw the assert, not the value that failed it)
    failed = f"{lesson}:12: with defaults: check failed: assertion failed: `assert x == 2` (where x is 1)"
    assert failed in out.splitlines()[1]


def test_a_failed_check_shows_what_the_run_recorded_but_calls_nothing_it_should_not(tmp_path, capsys):
    lesson, calls = tmp_path / "a.md", tmp_path / "calls.txt"
    lesson.write_text(
        '+++\nid = "1.1"\nchapter = 1\ntitle = "t"\n+++\n```python\nfor i in range(3):\n    step(pred=i * 0.46)\n'
        f"def count():\n    with open({str(calls)!r}, 'a') as f:\n        f.write('x')\n    return 1\n```\n"
        '```python check\nassert round(recorded("pred")[1], 2) == 0.5\n```\n'
    )
    _, out, _ = run_cli(capsys, "check", str(lesson))
    assert (
        'assertion failed: `assert round(recorded("pred")[1], 2) == 0.5` (where round(recorded("pred")[1], 2) is 0.46)'
        in out
    )
    # a closeness call's two numbers too: a teacher ran the lesson again to find the one to pin
    lesson.write_text(
        lesson.read_text()
        .replace('round(recorded("pred")[1], 2) == 0.5', 'math.isclose(recorded("pred")[1], 0.5, rel_tol=1e-9)')
        .replace("```python check\n", "```python check\nimport math\n")
    )
    _, out, _ = run_cli(capsys, "check", str(lesson))
    assert '(where recorded("pred")[1] is 0.46)' in out, out
    lesson.write_text(
        lesson.read_text().replace('math.isclose(recorded("pred")[1], 0.5, rel_tol=1e-9)', "count() == 2")
    )
    _, out, _ = run_cli(capsys, "check", str(lesson))
    assert "assertion failed: `assert count() == 2`" in out and "(where" not in out
    assert calls.read_text() == "x"  # a call that could change something is not made again to show it


def one_lesson(tmp_path, code: str, meta: str = "", check: str = ""):
    """A lesson file 1.1 with this train code (and metadata lines, and a check cell): its path."""
    lesson = tmp_path / "a.md"
    cells = f"```python\n{code}```\n" + (f"```python check\n{check}```\n" if check else "")
    lesson.write_text(f'+++\nid = "1.1"\nchapter = 1\ntitle = "t"\n{meta}+++\n{cells}')
    return lesson


def test_a_check_asking_for_a_name_never_recorded_fails_and_lists_the_recorded_ones(tmp_path, capsys):
    """recorded("eror") gave [], and a check written `if recorded("eror"): ...` passed, testing nothing."""
    lesson = one_lesson(
        tmp_path,
        "for i in range(3):\n    step(error=1.0 / (i + 1))\n",
        check='if recorded("eror"):\n    assert recorded("eror")[-1] < 0.5\n',
    )
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1
    assert (
        f"{lesson}:11: with defaults: LookupError: " in out
        and "recorded('eror'): no step recorded 'eror' (recorded: error)" in out
    )
    lesson.write_text(lesson.read_text().replace('"eror"', '"error"'))
    assert run_cli(capsys, "check", str(lesson))[0] == 0
    # a run that never called step() (a teacher's train cell written ```py, so prose): the check's
    # `for e in recorded("error"): assert ...` looped over [] and passed
    never = one_lesson(tmp_path, "error = 1.0\n", check='for e in recorded("error"):\n    assert e < 0.5\n')
    code, out, _ = run_cli(capsys, "check", str(never))
    assert code == 1 and "recorded('error'): no step has run yet (the lesson's code never called step())" in out, out


def test_check_names_a_step_name_that_miscounts_and_a_charted_value_recorded_as_text(tmp_path, capsys):
    """Both passed `check`: step_name 'iteration' counted from 0 (the screen counts steps from 1), and
    error=str(error) drew nothing while the chart said "this run recorded no error"."""
    lesson = one_lesson(
        tmp_path,
        "for i in range(3):\n    step(iteration=i, error=str(1.0 / (i + 1)))\n",
        meta='step_name = "iteration"\n\n[[charts]]\ntitle = "error"\nseries = ["error"]\n',
    )
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1
    assert f"{lesson}:5: step_name 'iteration': step 1 recorded iteration = 0; it must equal the step number" in out
    assert f"{lesson}:8: chart 'error': 'error' is recorded as text ('1.0'), not a number" in out
    # never recorded (a teacher's step(it=...)): the charts would read "error by iteration" of none
    lesson.write_text(lesson.read_text().replace("iteration=i, error=str(1.0 / (i + 1))", "it=i + 1, error=1.0"))
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1 and f"{lesson}:5: step_name 'iteration' is never recorded: step() must record it" in out, out
    lesson.write_text(lesson.read_text().replace("it=i + 1", "iteration=i + 1"))
    assert run_cli(capsys, "check", str(lesson))[0] == 0


NETWORK_LESSON = (
    '+++\nid = "1.1"\nchapter = 1\ntitle = "t"\n\n[network]\nlayers = ["input", "pred"]\nweights = ["weights"]\n+++\n'
    "```python\nimport numpy as np\ninput = np.array([1.0, 2.0])\nweights = np.array([[0.5], [0.25]])\n"
    "for i in range(3):\n    pred = input.dot(weights)\n    step(input=input, pred=pred)\n```\n"
)


def test_check_names_a_network_weight_never_recorded_and_one_never_defined(tmp_path, capsys):
    """A teacher's weights, not recorded by step(), were "?" in the diagram for the whole run and
    check said ok; a misspelt name got "missing at the end of the run, or its shape does not join",
    at the table's header, once per check_with set."""
    lesson = tmp_path / "a.md"
    lesson.write_text(NETWORK_LESSON)
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1 and f"{lesson}:8: network: 'weights' is never recorded by step(): the diagram shows ?" in out
    lesson.write_text(NETWORK_LESSON.replace('weights = ["weights"]', 'weights = ["weight"]'))
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1 and f"{lesson}:8: network: 'weight' is never defined by the lesson's code" in out, out
    lesson.write_text(
        NETWORK_LESSON.replace("step(input=input, pred=pred)", "step(input=input, pred=pred, weights=weights)")
    )
    assert run_cli(capsys, "check", str(lesson))[0] == 0


def test_check_suggests_a_shown_name_and_compares_steps_with_the_run(tmp_path, capsys):
    """A teacher's `show = ["weigths"]` got no suggestion (a chart's series did), and `steps =
    "iterations + 1"` over a run of 3 passed: the status line would read 3/4."""
    lesson = tmp_path / "9.1.md"
    lesson.write_text(
        '+++\nid = "9.1"\nchapter = 9\ntitle = "t"\nshow = ["weigths"]\nsteps = "iterations + 1"\n'
        "[params.iterations]\ndefault = 3\nmin = 1\nmax = 9\n+++\n"
        "```python\nfor i in range(iterations):\n    weights = [i]\n    step(weights=weights)\n```\n"
    )
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert code == 1
    assert f"{lesson}:5: show: 'weigths' is neither recorded by step() nor a variable at the end: did you mean" in out
    assert "'weights'?" in out
    assert f"{lesson}:6: steps 'iterations + 1' is 4 with the defaults, but the default run took 3 steps" in out, out


def test_check_of_one_file_names_an_id_another_lesson_of_its_course_has(tmp_path, capsys, monkeypatch):
    """A teacher's new ch9/9.1 reusing 2.1's id passed `check FILE`; only `check DIR` said so."""
    for chapter, name, lesson_id in (("ch2", "2.1-a.md", "2.1"), ("ch9", "9.1-mine.md", "2.1")):
        (tmp_path / chapter).mkdir()
        (tmp_path / chapter / name).write_text(
            f'+++\nid = "{lesson_id}"\nchapter = 9\ntitle = "t"\n+++\n```python\nx = 1\n```\n'
        )
    mine = tmp_path / "ch9" / "9.1-mine.md"
    code, out, _ = run_cli(capsys, "check", str(mine))
    assert code == 1
    assert f"{mine}:2: lesson id '2.1' is already used by {tmp_path / 'ch2' / '2.1-a.md'}" in out
    assert "ok " not in out and out.splitlines()[-1] == "1 lesson file, 1 with problems", out
    monkeypatch.chdir(tmp_path / "ch9")  # from inside the chapter folder, by the file's name alone
    code, out, _ = run_cli(capsys, "check", "9.1-mine.md")
    assert code == 1 and "9.1-mine.md:2: lesson id '2.1' is already used by" in out, out
    (tmp_path / "ch2" / "2.1-a.md").unlink()
    assert run_cli(capsys, "check", str(mine))[0] == 0


def test_check_given_a_lesson_id_names_its_file(capsys):
    """`grok-tui check 3.1` said "FAIL 3.1: lessons folder not found" and "1 lesson file, 1 with problems"."""
    code, out, err = run_cli(capsys, "check", "3.1")
    assert (code, out) == (2, "") and err.startswith("grok-tui: 3.1 is a lesson id; check takes a folder or a file: ")
    assert err.rstrip().endswith("3.1-one-input-one-weight.md`"), err


def test_check_says_a_network_matrixs_shape_and_the_shape_the_diagram_needs(tmp_path, capsys):
    """It said only "w2's shape does not join its neighbours": the teacher had to work out both shapes."""
    lesson = tmp_path / "a.md"
    lesson.write_text(
        NETWORK_LESSON.replace('weights = ["weights"]', 'weights = ["w2"]')
        .replace("weights = np.array([[0.5], [0.25]])\n", "weights = np.array([[0.5], [0.25]])\nw2 = np.ones((3, 4))\n")
        .replace("step(input=input, pred=pred)", "step(input=input, pred=pred, w2=w2)")
    )
    code, out, _ = run_cli(capsys, "check", str(lesson))
    assert (
        code == 1
        and (
            f"{lesson}:8: with defaults: network: w2 is a 3x4 matrix; the diagram needs 2x1 (or 1x2) to join "
            "input's 2 nodes to pred's 1"
        )
        in out
    ), out


def test_a_network_shape_is_said_once_whatever_the_settings_and_a_square_one_once(tmp_path, capsys):
    """6.3 with its two matrices swapped: ten lines, the same two names at each of five settings; and
    "needs 3x3 (or 3x3)", "a 8x1 matrix"."""
    lesson = tmp_path / "a.md"
    lesson.write_text(
        '+++\nid = "1.1"\nchapter = 1\ntitle = "t"\ncheck_with = [{ n = 3 }]\n\n[params.n]\ndefault = 8\nmin = 1\n'
        'max = 9\n\n[network]\nlayers = ["x", "h", "y"]\nweights = ["w1", "w0"]\n+++\n'
        "```python\nimport numpy as np\nx = np.ones(3)\nw0, w1 = np.ones((3, n)), np.ones((n, 1))\n"
        "h = x.dot(w0)\ny = h.dot(w1)\nstep(x=x, h=h, y=y, w0=w0, w1=w1)\n```\n"
    )
    code, out, _ = run_cli(capsys, "check", str(lesson))
    said = [line.strip() for line in out.splitlines() if "network:" in line]
    assert code == 1 and said == [
        f"{lesson}:14: with defaults: network: w1 is an 8x1 matrix; the diagram needs 3x8 (or 8x3) to join x's 3 "
        "nodes to h's 8",
        f"{lesson}:14: with defaults: network: w0 is a 3x8 matrix; the diagram needs 8x1 (or 1x8) to join h's 8 "
        "nodes to y's 1",
    ], out
    lesson.write_text(lesson.read_text().replace("default = 8", "default = 3").replace("{ n = 3 }", "{ n = 8 }"))
    out = run_cli(capsys, "check", str(lesson))[1]
    assert "network: w1 is a 3x1 matrix; the diagram needs 3x3 to join x's 3 nodes to h's 3" in out, out

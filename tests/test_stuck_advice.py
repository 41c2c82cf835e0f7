"""The status line's advice for a run that stopped learning: the lesson's, or the one for the only
param the learner changed (6.5: a smaller alpha cures alpha 2, only another seed cures seed 2)."""

from __future__ import annotations

from tests.lessons_util import COURSE


def test_the_advice_follows_the_only_param_that_differs_from_its_default():
    lesson = COURSE.get("6.5")
    defaults = lesson.defaults
    assert lesson.stuck_advice_for({**defaults, "alpha": 2.0}) == "try a smaller alpha"
    assert lesson.stuck_advice_for({**defaults, "seed": 2}) == "dead hidden nodes: try seed 0"
    # both causes: the lesson's advice, which names both cures (alpha 2 with seed 2 needs both)
    assert lesson.stuck_advice_for({**defaults, "seed": 2, "alpha": 2.0}) == "try a smaller alpha and seed 0"
    assert lesson.stuck_advice_for(defaults) == "try a smaller alpha and seed 0"
    # a param already where an advice asks is no cause: seed 0 with alpha 2 said "or seed 0"; alpha
    # made smaller with 2 hidden nodes said "try a smaller alpha" (a regression trial)
    assert lesson.stuck_advice_for({**defaults, "seed": 0, "alpha": 2.0}) == "try a smaller alpha"
    assert lesson.stuck_advice_for({**defaults, "hidden_size": 2, "alpha": 0.05}) == "try more nodes, or try seed 0"
    # one hidden node is stuck whatever the seed or alpha: its own advice, whatever else changed (trials
    # read the general "try a smaller alpha and seed 0" at seed 3, "or try seed 0" at the default seed)
    for others in ({}, {"seed": 0}, {"seed": 3}, {"seed": 0, "alpha": 0.05}, {"alpha": 2.0}):
        said = lesson.stuck_advice_for({**defaults, "hidden_size": 1, **others})
        assert said == "one node cannot fit: add nodes", (others, said)
    assert lesson.stuck_advice_for({**defaults, "hidden_size": 5}) == "try seed 0"  # more nodes, stuck
    # a value taken up and back down with + and - is its default again, to rounding
    assert lesson.stuck_advice_for({**defaults, "alpha": 0.1 + 0.1, "seed": 2}) == "dead hidden nodes: try seed 0"


def test_7_6_in_loop_is_told_its_fix_not_a_smaller_alpha():
    """7.6 with batch_update in_loop stuck at 2.303 said "try a smaller alpha": the book's slip is the
    cause, and the fix is to apply a batch's step once."""
    lesson = COURSE.get("7.6")
    assert lesson.stuck_advice_for({**lesson.defaults, "batch_update": "in_loop"}) == "set batch_update back to once"
    assert lesson.stuck_advice_for({**lesson.defaults, "batch_size": 1}) == ""  # the step-size advice


def test_the_words_that_ask_for_more_or_less_are_read():
    """A teacher's `iterations = "try more iterations"` still said so at the most iterations: only
    smaller, larger and bigger were read."""
    import dataclasses

    lesson = dataclasses.replace(
        COURSE.get("6.5"), stuck_advice="", stuck_advice_by_param=(("iterations", "try more iterations"),)
    )
    default = lesson.defaults["iterations"]
    assert lesson.stuck_advice_for({**lesson.defaults, "iterations": default // 2}) == "try more iterations"
    assert lesson.stuck_advice_for({**lesson.defaults, "iterations": default * 2}) == ""


def test_an_advice_with_two_cures_says_the_ones_not_tried_yet():
    import dataclasses

    advice = "try more iterations, or try seed 0"
    lesson = dataclasses.replace(COURSE.get("6.5"), stuck_advice="", stuck_advice_by_param=(("iterations", advice),))
    fewer = lesson.defaults["iterations"] // 2
    more = lesson.defaults["iterations"] * 2
    assert lesson.stuck_advice_for({**lesson.defaults, "iterations": fewer, "seed": 1}) == advice
    assert lesson.stuck_advice_for({**lesson.defaults, "iterations": fewer, "seed": 0}) == "try more iterations"
    assert lesson.stuck_advice_for({**lesson.defaults, "iterations": more, "seed": 1}) == "try seed 0"
    assert lesson.stuck_advice_for({**lesson.defaults, "iterations": more, "seed": 0}) == ""


def test_a_param_with_a_bad_default_is_not_also_called_unknown(tmp_path):
    """`default = 5000` above its max also gave "stuck_advice_by_param: 'n' is not a parameter"."""
    from grok_tui.lesson.parse import parse_lesson
    from tests.test_parse import GOOD, write

    text = GOOD.replace("default = 3\n", "default = 50\n", 1).replace(
        'show = ["x"]\n', 'show = ["x"]\nstuck_advice_by_param = { n = "try a larger n" }\n', 1
    )
    _, problems = parse_lesson(write(tmp_path, text))
    said = [p.message for p in problems]
    assert len(said) == 1 and "default" in said[0] and "not a parameter" not in said[0], said


def test_6_5_with_one_hidden_node_is_told_to_add_nodes():
    """6.5 at hidden_size 1, seed 3 ended with errors_every_10 [2 2 2 2 2 2] and no word on the
    status line. One relu node cannot fit these lights at any seed: the param's help says so (it
    shows with `?` beside the param), the check cell pins the error it stays at, and the stuck
    advice for one node alone names more nodes first."""
    from grok_tui.engine.runner import LessonRun

    lesson = COURSE.get("6.5")
    help_ = next(p.help for p in lesson.params if p.name == "hidden_size")
    assert "one node cannot fit" in help_ and "try more nodes" in help_, help_
    for seed in (0, 1, 3):
        set_ = {"hidden_size": 1} if seed == lesson.defaults["seed"] else {"hidden_size": 1, "seed": seed}
        assert set_ in lesson.check_with, set_
        result = LessonRun(lesson, {"hidden_size": 1, "seed": seed}).run_sync()
        assert result.recorded("layer_2_error")[-1] > 0.999, seed
    advice = lesson.stuck_advice_for({**lesson.defaults, "hidden_size": 1})
    assert advice == "one node cannot fit: add nodes", advice


def test_6_5_one_node_creeping_at_2_is_said_stuck():
    """6.5 at hidden_size 1, seed 3 creeps 2.0000047 -> 2.0000036, its whole range: less than a
    thousandth of it per step is not still by the range, but a millionth of the value itself is."""
    from grok_tui.engine.run_reading import growth_text
    from grok_tui.engine.runner import LessonRun

    lesson = COURSE.get("6.5")
    result = LessonRun(lesson, {"hidden_size": 1, "seed": 3}).run_sync()
    said = growth_text("layer_2_error", result.recorded("layer_2_error"))[0]
    assert "stuck at 2" in said, said


def test_an_advice_at_one_value_of_a_param_is_read_with_its_mistakes_said(tmp_path):
    """`stuck_advice_at`: "param=value" keys, checked against the lesson's params and their kinds."""
    from grok_tui.lesson.parse import parse_lesson

    head = '+++\nid = "9.1"\nchapter = 9\ntitle = "t"\n'
    params = '[params.n]\ndefault = 2\nmin = 1\nmax = 9\n[params.act]\ndefault = "relu"\nchoices = ["relu", "tanh"]\n'
    body = params + "+++\n```python\nstep(error=1.0)\n```\n"
    cases = {
        '{ "n=1" = "one is too few" }': None,
        '{ "act=tanh" = "try relu" }': None,
        '{ "m=1" = "x" }': 'is not "param=value" with a parameter of this lesson',
        '{ "n" = "x" }': 'stuck_advice_at: \'n\' needs a value: write "n=VALUE" (e.g. "n=2")',
        '{ "n=one" = "x" }': "'one' is not a number",
        '{ "act=sigmoid" = "x" }': "is not one of act's choices (relu, tanh)",
        '{ "n=1" = 3 }': "must be a string",
        '{ "n=1" = "' + "x" * 40 + '" }': "must fit 80 columns: at most 32 characters (it has 40)",
        '"n=1"': "must be a table",
    }
    for table, problem in cases.items():
        path = tmp_path / "9.1.md"
        path.write_text(head + f"stuck_advice_at = {table}\n" + body, encoding="utf-8")
        lesson, errors = parse_lesson(path)
        said = " ".join(e.message for e in errors)
        if problem is None:
            assert not errors, (table, said)
        else:
            assert problem in said and "stuck_advice_at" in said, (table, said)
            assert all(e.line == 5 for e in errors if "stuck_advice_at" in e.message), errors
    path.write_text(head + 'stuck_advice_at = { "n=1" = "one is too few" }\n' + body, encoding="utf-8")
    lesson, _ = parse_lesson(path)
    assert lesson.stuck_advice_for({"n": 1, "act": "tanh"}) == "one is too few"
    assert lesson.stuck_advice_for({"n": 2, "act": "tanh"}) == ""

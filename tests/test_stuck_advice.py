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
    # one hidden node at seed 0 is stuck whatever the seed: the cure not yet tried, alone (a trial read
    # the general "try a smaller alpha and seed 0" there, another "or seed 0" at seed 0)
    assert lesson.stuck_advice_for({**defaults, "hidden_size": 1, "seed": 0}) == "try more nodes"
    assert lesson.stuck_advice_for({**defaults, "hidden_size": 1, "seed": 0, "alpha": 0.05}) == "try more nodes"
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
    assert advice.startswith("try more nodes"), advice


def test_6_5_one_node_creeping_at_2_is_said_stuck():
    """6.5 at hidden_size 1, seed 3 creeps 2.0000047 -> 2.0000036, its whole range: less than a
    thousandth of it per step is not still by the range, but a millionth of the value itself is."""
    from grok_tui.engine.run_reading import growth_text
    from grok_tui.engine.runner import LessonRun

    lesson = COURSE.get("6.5")
    result = LessonRun(lesson, {"hidden_size": 1, "seed": 3}).run_sync()
    said = growth_text("layer_2_error", result.recorded("layer_2_error"))[0]
    assert "stuck at 2" in said, said

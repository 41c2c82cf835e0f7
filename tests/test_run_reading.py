"""Reading a run at a glance (grok_tui/engine/run_reading.py): which series is its error, whether
it grew, stopped changing ("stuck at") or ended at chance, and what changed between two runs."""

from __future__ import annotations

from grok_tui.engine.run_reading import change_text
from tests.test_session import FIXED


def test_change_text_names_only_what_changed():
    assert change_text({"alpha": 1.0, "input": 2.0}, {"alpha": 0.1, "input": 2.0}) == "alpha 0.1 (was 1)"
    assert change_text({"alpha": 1.0}, {"alpha": 1.0}) == ""


def test_the_sparkline_follows_the_error_or_loss_series():
    from grok_tui.engine.run_reading import spark_name
    from grok_tui.lesson.model import Chart

    lesson = FIXED.get("4.5")
    assert spark_name(lesson) == "error"
    import dataclasses

    hidden = dataclasses.replace(lesson, charts=(Chart("p", ("pred",)), Chart("e", ("error_hidden", "x"))))
    assert spark_name(hidden) == "error_hidden"
    assert spark_name(dataclasses.replace(lesson, charts=(Chart("p", ("pred",)),))) == "pred"


def test_a_finished_run_whose_error_grew_is_named_as_such():
    from grok_tui.engine.run_reading import growth_text

    # 4.5 at alpha 1, in its long form and the one for a narrow status line
    assert growth_text("error", [0.04, 3.0, 5.4e16]) == ("error 0.04 -> 5.4e+16", "error 5.4e+16")
    assert growth_text("test_loss", [0.3, float("inf")])[0] == "test_loss 0.3 -> inf"
    assert growth_text("error", [0.04, 0.5])[0] == "error 0.04 -> 0.5"  # more than 10 times
    none = ("", "")
    # up, not 10 times: it did not learn either (6.2 at alpha 1 cycles for ever; "finished" said nothing)
    assert growth_text("error_for_all_lights", [6.441, 3.0, 9.46]) == ("error_for_all_lights 6.44 -> 9.46",) * 2
    # the same at every step: it never learned (4.5 at alpha 0.5, 6.1 at alpha 1 bounce for ever)
    assert growth_text("error", [0.04000000000000001, 0.03999999999999998, 0.04]) == ("error stuck at 0.04",) * 2
    assert growth_text("error", [0.04, 0.01, 0.04]) == none  # back where it began, having learned on the way
    # stopped changing for good, far from 0: 6.5 at alpha 2 (every hidden node dead), said "finished"
    dead = [29.48, *[2.0] * 59]
    steps = [float(i) for i in range(1, 61)]
    assert growth_text("error", dead, steps) == ("error stuck at 2 from step 2", "error stuck at 2")
    assert growth_text("error", dead)[0] == "error stuck at 2"  # no steps: no "from"
    from grok_tui.engine.run_reading import says_stuck

    assert says_stuck(growth_text("error", dead, steps)[0]) and not says_stuck("error 0.04 -> 5.4e+16")
    falling = [3.0, 2.6, 2.2, 1.8, 1.5, 1.2, 1.0, 0.9, 0.8, 0.7]
    assert growth_text("error", [*falling, *[0.5] * 3]) == none  # flat for under a quarter of the run
    # 6.5 at seed 3 reaches its floor at pass 42 of 60: as stuck as seed 2, and was not said so
    late = [1 + 1.2 * (41 - i) / 41 for i in range(42)] + [1.00000006] * 18
    assert growth_text("layer_2_error", late, steps)[1] == "layer_2_error stuck at 1"
    assert growth_text("error", [3.0, *[0.5] * 3]) == ("error stuck at 0.5",) * 2  # from its 2nd of 4
    assert growth_text("error", [0.6, 0.1, *[1e-12] * 8]) == none  # at its goal: done, not stuck
    # creeping to a floor it cannot pass (6.5 at seed 2: 1.0000000103, 1.0000000072, ... towards 1)
    creeping = [1 + 1.2 * 0.7**i for i in range(60)]
    assert growth_text("layer_2_error", creeping, steps)[1] == "layer_2_error stuck at 1"
    # 4 digits, as the strip beside it: 7.2's 8.23097 sat by "error 8.231"
    assert growth_text("error", [8.395, *[8.230969] * 9])[1] == "error stuck at 8.231"
    assert growth_text("error", [0.6 * 0.7**i for i in range(60)], steps) == none  # on its way to 0
    assert growth_text("error", [1 - 0.01 * i for i in range(60)], steps) == none  # slow, still learning
    assert growth_text("error", [0.0, 0.0]) == growth_text("error", [0.04]) == none  # learned; one step says nothing
    # digits enough to tell the ends apart: 7.6 at batch size 1 read "test_loss 2.3 -> 2.3"
    assert growth_text("test_loss", [2.3012, 2.2, 2.3026])[0] == "test_loss 2.301 -> 2.303"
    assert growth_text("error", [0.04, 1e-9]) == none  # learned
    assert growth_text("weight_delta", [0.1, 50.0]) == none  # not an error: growing is no failure
    assert growth_text("error", [0.0, 1.0]) == growth_text("error", []) == none


def test_of_several_errors_that_grew_the_status_names_the_one_that_ended_highest(catalog):
    """5.4 at alpha 6.4: all three outputs diverge, and the status named error_hurt, the smallest."""
    from grok_tui.engine.feed import Series
    from grok_tui.engine.run_reading import error_names, worst_growth

    names = error_names(catalog.get("5.4"))
    assert names == ("error_hurt", "error_win", "error_sad")
    xs = [1.0, 20.0]
    series = {
        "error_hurt": Series(xs, [0.009025, 5.64e6]),
        "error_win": Series(xs, [0.7569, 4.73e8]),
        "error_sad": Series(xs, [0.235, 1.47e8]),
    }
    assert worst_growth(names, series) == ("error_win 0.757 -> 4.73e+08", "error_win 4.73e+08")
    series["error_win"] = Series(xs, [0.7569, 0.001])  # learned: the others are still named
    assert worst_growth(names, series)[0] == "error_sad 0.235 -> 1.47e+08"
    assert worst_growth(names, {n: Series(xs, [0.5, 0.01]) for n in names}) == ("", "")


def test_63s_strip_follows_the_hidden_layer_the_lesson_is_about(catalog):
    from grok_tui.engine.run_reading import spark_name

    lesson = next(x for x in catalog.lessons if x.id == "6.3")
    assert spark_name(lesson) == "error_hidden"  # not the one layer stuck at 1.56


def test_a_run_that_ended_near_its_chance_line_is_named_as_such(catalog):
    """7.5 at alpha 10: every unit died and both accuracies ended near 0.1, yet the loss fell (5.66 to
    3.57), and the status said "finished · n next lesson"."""
    from grok_tui.engine.feed import Series
    from grok_tui.engine.run_reading import at_chance

    lesson = catalog.get("7.5")
    chance = next(c for c in lesson.charts if c.goal_label == "chance")
    assert chance.goal_value == 0.1 and chance.series == ("train_accuracy", "test_accuracy")
    xs = [1.0, 100.0]
    dead = {"train_accuracy": Series(xs, [0.1, 0.0972532]), "test_accuracy": Series(xs, [0.1, 0.0955556])}
    assert at_chance(lesson, dead) == ("at chance: train_accuracy 0.0973",) * 2  # the higher one
    learned = {"train_accuracy": Series(xs, [0.8, 0.997773]), "test_accuracy": Series(xs, [0.8, 0.98])}
    assert at_chance(lesson, learned) == ("", "")
    # one of the two learned: not at chance (7.6 overfits, its test accuracy far above its floor)
    assert at_chance(lesson, {**dead, "train_accuracy": Series(xs, [0.5, 0.9])}) == ("", "")
    assert at_chance(catalog.get("4.5"), dead) == ("", "")  # no chance line there
    # 7.2 at fixes 4, alpha 1: one guess (0) for every image, on a chart that had no chance line
    collapsed = {"test_accuracy": Series([float(k) for k in range(1, 11)], [0.1] * 10)}
    assert at_chance(catalog.get("7.2"), collapsed) == ("at chance: test_accuracy 0.1",) * 2

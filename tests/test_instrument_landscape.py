"""The error landscape without Textual: its grid, its ranges, its cache and its pictures."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

from grok_tui.engine.runner import LessonRun
from grok_tui.instruments import landscape as land
from grok_tui.instruments.checks import check_instruments
from grok_tui.instruments.landscape_text import draw_1d, draw_2d, rows_2d
from grok_tui.lesson.parse import parse_lesson
from tests.instruments_util import BODY, HEAD, lesson_from, plain


# -- landscapes --------------------------------------------------------------------------------
def test_landscape_of_45_is_the_recorded_error_and_zigzags(catalog):
    lesson = catalog.get("4.5")
    run = LessonRun(lesson, {})
    run.run_sync()
    assert check_instruments(lesson, run, "defaults") == []
    names: dict = {}
    path = []
    for step in run.steps[:6]:
        names.update(step.values)
        ctx = land.context(lesson.landscape, run.values, names)
        path.append(land.point(lesson.landscape, ctx)[0])
    # alpha 1, input 2: each step triples the distance to the best weight 0.4, on alternate sides.
    sides = [math.copysign(1, w - 0.4) for w in path[1:]]
    assert all(a != b for a, b in itertools.pairwise(sides))


def test_a_wrong_landscape_expression_is_caught_by_check(tmp_path):
    lesson, _ = lesson_from(
        tmp_path, '[landscape]\nerror = "(3 * x - 0.8) ** 2"\naxes = ["x = w"]\nrecorded = "error"\n'
    )
    run = LessonRun(lesson, {})
    run.run_sync()
    problems = check_instruments(lesson, run, "defaults")
    assert len(problems) == 1 and "not the lesson's error" in problems[0].message and problems[0].line == 5


def test_ranges_are_centred_on_the_bottom_and_follow_a_runaway():
    lesson, _ = parse_lesson(
        Path("x.md"), HEAD + '[landscape]\nerror = "(2 * w - 0.8) ** 2"\naxes = ["w = w"]\n' + BODY
    )
    ((lo, hi),) = land.fit_ranges(lesson.landscape, {}, [(0.5,), (0.3,)])
    assert math.isclose((lo + hi) / 2, 0.4, abs_tol=0.02) and lo < 0.3 and hi > 0.5
    runaway = [(0.4 + 0.1 * (-3) ** k,) for k in range(12)]
    ((lo, hi),) = land.fit_ranges(lesson.landscape, {}, runaway)
    assert hi - lo < 3 * (max(p[0] for p in runaway[-6:]) - min(p[0] for p in runaway[-6:]))
    # A run settling on the bottom also ends in tiny steps: its first points stay in view (6.2's
    # default run lost its first 11 steps, and its marks read as the steps it started with).
    settling = [(0.4 + 0.5 * 0.5**k,) for k in range(20)]
    ((lo, hi),) = land.fit_ranges(lesson.landscape, {}, settling)
    assert lo <= 0.4 and hi >= 0.9


def test_grids_are_cached_by_what_they_depend_on(catalog):
    spec = catalog.get("5.3").landscape
    cache = land.GridCache()
    names = {"weights": [0.1, 0.2, -0.1], "iteration": 1}
    ranges = [(-0.1, 0.3), (0.0, 0.4)]
    first = cache.get(spec, names, ranges, 20, 8)
    assert first.z.shape == (8, 20)
    cache.get(spec, {**names, "iteration": 2}, ranges, 20, 8)  # a name the error does not read
    assert cache.misses == 1
    cache.get(spec, {**names, "weights": [0.1, 0.2, 0.0]}, ranges, 20, 8)  # weight 2 moved: the bowl slides
    assert cache.misses == 2


def test_landscape_pictures(catalog):
    spec = catalog.get("5.3").landscape
    names = land.context(spec, {}, {"weights": [0.1, 0.2, -0.1]})
    surface = land.surface(spec, names, [(-0.1, 0.3), (0.0, 0.4)], 30, 8)
    text = plain(draw_2d(surface, [(0.1, 0.05), (0.1, 0.3)], 30, 12, ("w0", "w1"))).splitlines()
    assert text[0].startswith("↑ w1") and len(text) == 12  # the legend in two lines at 30 columns
    assert "1" in "".join(text[1:9]) and "◆" in "".join(text[1:9])
    spec = catalog.get("4.5").landscape
    u = land.surface(spec, land.context(spec, {"input": 2}, {}), [(0.0, 0.8)], 40)
    drawn = plain(draw_1d(u, [(0.7, 0.36), (0.2, 0.16)], 20, 8, "weight"))
    assert "1" in drawn and "◆" in drawn and "weight →" in drawn


def test_the_lowest_point_is_marked_only_in_a_bowl_and_where_it_is_lower_than_the_run_now(catalog, tmp_path):
    """5.3's error is 0 along a whole line: `+` marked one arbitrary point of it, which a learner
    read as the target, and far from a run that had reached the valley (error 9e-19) it read as if
    the run had stopped short. A valley has no `+`; the legend names it where there is room."""
    spec = catalog.get("5.3").landscape
    names = land.context(spec, {}, {"weights": [0.1, 0.2, -0.1]})
    surface = land.surface(spec, names, [(-0.1, 0.3), (0.0, 0.4)], 30, 8)
    path = [(0.1, 0.05), (0.1, 0.3)]
    away = plain(draw_2d(surface, path, 40, 12, ("w0", "w1"), now_error=float(surface.z.max()))).rstrip()
    assert "+" not in "".join(away.splitlines()[1:9]) and "+ lowest" not in away
    assert "low→high error; · a valley" in away
    there = plain(draw_2d(surface, path, 30, 12, ("w0", "w1"), now_error=8.9e-19)).rstrip()
    assert "+" not in "".join(there.splitlines()[1:9]) and there.endswith("◆ now")
    # A bowl (two examples pin both weights down) has one lowest point: marked while the run is away
    bowl, _ = lesson_from(
        tmp_path,
        '[landscape]\nerror = "(w0 - 0.3) ** 2 + 2 * (w1 - 0.1) ** 2"\naxes = ["w0 = w", "w1 = w"]\n',
    )
    assert bowl is not None and bowl.landscape is not None
    bowl_surface = land.surface(bowl.landscape, {}, [(-0.5, 1.0), (-0.5, 0.8)], 30, 8)
    drawn = plain(draw_2d(bowl_surface, [(0.9, 0.7)], 40, 12, ("w0", "w1"), now_error=1.0)).rstrip()
    assert "+" in "".join(drawn.splitlines()[1:9]) and drawn.endswith("◆ now  + lowest") and "valley" not in drawn
    # what the slice holds fixed is said beside it (5.2's steps 1 and 2 had another weight 2)
    assert spec.note == "weight 2 as now"
    noted = plain(draw_2d(surface, path, 50, 12, ("w0", "w1"), note=spec.note)).splitlines()[0]
    assert noted == "↑ w1  0..0.4  (weight 2 as now)"
    # Too narrow for both (6.2 at 120x40 cut the note to "(ri"): the note goes under the title, the
    # legend's second half under its first, and the grid leaves the room for them
    narrow = plain(draw_2d(surface, path, 30, 12, ("w0", "w1"), note=spec.note)).splitlines()
    assert narrow[:2] == ["↑ w1  0..0.4", "  (weight 2 as now)"] and all(len(line) <= 30 for line in narrow[:-1])
    assert narrow[-2].endswith("low→high error") and narrow[-1].startswith("1-9 steps")
    assert rows_2d(14, 30, ("w0", "w1"), spec.note) == rows_2d(14, 60, ("w0", "w1"), spec.note) - 1 == 9


def test_a_step_keeps_its_mark_when_later_steps_land_in_its_cell(catalog):
    """4.5 settling at the bottom: steps 10-20 landed on the cells of steps 1-5, and the picture
    showed '8 67 9' under a legend reading '1 2 3 steps'."""
    spec = catalog.get("4.5").landscape
    u = land.surface(spec, land.context(spec, {"input": 2}, {}), [(0.0, 0.8)], 40)
    path = [(0.7, 0.36), (0.2, 0.16), (0.7, 0.36), (0.2, 0.16), (0.4, 0.0)]  # 3 and 4 land on 1 and 2
    drawn = plain(draw_1d(u, path, 20, 8, "weight"))
    assert "1" in drawn and "2" in drawn and "3" not in drawn.split("\n", 1)[1].rsplit("\n", 1)[0]
    assert "4" not in drawn.split("\n", 1)[1].rsplit("\n", 1)[0] and "◆" in drawn


def test_steps_after_the_ninth_and_beside_a_digit_are_dots_so_no_mark_reads_as_a_bigger_number(catalog):
    """Marks were the step's last digit: in 4.5's 20 steps step 1 beside step 7 read `17`, steps 8
    and 18 looked alike, and at alpha 0.001 steps 2, 4 and 1 read `241`."""
    import re

    from grok_tui.instruments.landscape_text import legend_1d

    spec = catalog.get("4.5").landscape
    u = land.surface(spec, land.context(spec, {"input": 2}, {}), [(-0.5, 1.5)], 40)
    # a path that crowds: 20 steps closing in on 0.4 from both sides, neighbours in adjacent cells
    path = [(0.4 + 0.5 * (-0.8) ** k, 4 * (0.5 * 0.8**k) ** 2) for k in range(20)]
    drawn = plain(draw_1d(u, path, 30, 10, "weight"))
    body = "\n".join(drawn.rstrip("\n").splitlines()[1:-1])  # between the title and the axis line
    assert not re.search(r"\d\d", body), body
    assert "0" not in body and "•" in body and "1" in body and "◆" in body
    assert "1-9 steps, • later" in legend_1d().plain

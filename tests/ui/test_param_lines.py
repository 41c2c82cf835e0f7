"""The parameter lines above a lesson's code: a selected parameter's help is a comment, and stays one
on every line it takes (it wrapped without its `#` and read as code: 4.5, 6.3, 7.3 at 80x24)."""

from __future__ import annotations

import re

import pytest
from textual.geometry import Region

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import ParamLines
from tests.ui.helpers import wait_for


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_help_comment_that_wraps_keeps_its_hash_on_every_line(small_catalog, size):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ParamLines), what="the lesson's parameter lines")
        await pilot.pause()
        lines_widget = app.screen.query_one(ParamLines)
        width = lines_widget.content_size.width
        region = Region(0, 0, *lines_widget.size)
        rendered = [strip.text.strip() for strip in lines_widget.render_lines(region)]
        rendered = [line for line in rendered if line]
        assert rendered[0].startswith("# set by the tutor"), rendered
        comment = [line for line in rendered[1:] if not re.match(r"^\w+ = ", line)]  # the lines under alpha
        assert comment, rendered  # 4.5's alpha help is longer than a line here
        assert all(line.lstrip().startswith("# ") for line in comment), rendered
        assert "learning rate" in "\n".join(rendered) and all(len(line) <= width for line in rendered)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (200, 50)])
async def test_the_lines_are_drawn_for_their_width_before_the_first_layout(small_catalog, size):
    """Drawn for a guessed width and again at the first resize, the lines cost a second layout of
    the lesson before its first frame (4.5 and 7.5 opened 10-30% slower): the guess is the width."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: app.screen.query(ParamLines), what="the lesson's parameter lines")
        await pilot.pause()
        lines_widget = app.screen.query_one(ParamLines)
        assert lines_widget._expected_width() == lines_widget.content_size.width


def test_the_help_comment_takes_the_same_lines_whatever_the_value():
    """3.3b at 80x24: `off_weight = 0.5` wrapped its help where 0 and 1 did not, so each + moved the
    text under the lines by one, up and down."""
    help = "the template's weight on the two pixels that should be dark"
    shapes = set()
    for value in (0, 0.5, 1, -0.25, 0.316228):
        text = ParamLines._lines({"off_weight": value, "alpha": 0.1}, "off_weight", help, 78).plain
        lines = text.splitlines()
        shapes.add((len(lines), next(line.index("#") for line in lines[1:] if "#" in line)))
        assert all(len(line) <= 78 for line in lines), lines
    assert len(shapes) == 1, shapes


def test_a_param_off_its_default_says_the_default_the_text_quotes():
    """A learner who kept seed 2 from a week ago read 6.5's "alpha 0.5 learns faster" and saw it
    stuck at 1: only a notice, once, had said seed was not the lesson's."""
    defaults = {"alpha": 0.2, "seed": 1, "activation": "relu"}
    values = {"alpha": 0.5, "seed": 2, "activation": "tanh"}
    lines = ParamLines._lines(values, "alpha", "learning rate", 78, defaults).plain.splitlines()
    assert lines[2:] == ["seed = 2  # default 1", "activation = 'tanh'  # default 'relu'"], lines
    # the chosen one too, before its help: reopened with weight 1.6 kept, 4.1's only param (always
    # the chosen one) never said it, right above "this prints 0.30250000000000005"
    assert lines[1].startswith("alpha = 0.5") and "# default 0.2 · learning rate" in lines[1], lines
    at_defaults = ParamLines._lines(defaults, "alpha", "learning rate", 78, defaults).plain
    assert "default" not in at_defaults


def test_the_tutors_own_line_wraps_as_a_comment_too():
    """At 60 columns "# set by the tutor: ... = type a" went on with "value" alone: read as code."""
    text = ParamLines._lines({"alpha": 0.1, "seed": 1}, "", "", 56).plain
    lines = text.splitlines()
    assert lines[:2] == ["# set by the tutor: [ ] pick one, + - change it, = type", "# a value"], lines
    assert lines[2] == "alpha = 0.1"
    # "[ ] choose" left a newcomer asking what [ ] meant; with one param there is nothing to pick
    one = ParamLines._lines({"alpha": 0.1}, "", "", 78).plain.splitlines()
    assert one[0] == "# set by the tutor: + - change it, = type a value", one


def test_a_float_parameter_is_shown_as_python_writes_a_float():
    """3.3's `b_2 = -1` sat under a comment saying b_2 is a float, and 3.1's `weight = 1` printed
    "toes x 1.0": the code shown is the code run, so a float keeps its `.0` (its default too)."""
    text = ParamLines._lines(
        {"b_2": -1.0, "weight": 0.1, "iterations": 20, "activation": "relu"}, "weight", "", 80, {"b_2": 0.0}
    ).plain
    assert "b_2 = -1.0  # default 0.0\n" in text and "iterations = 20\n" in text and "activation = 'relu'" in text, text
    assert "weight = 0.1\n" in text, text
    # every digit the value run has: a typed 0.123456789 showed as 0.123457
    typed = ParamLines._lines({"b_2": 0.123456789}, "b_2", "", 80).plain
    assert "b_2 = 0.123456789" in typed, typed


def test_a_typed_minus_zero_is_zero():
    """`= -0` showed "b_2 = -0.0" and "b_2 ◂ -0 ▸"."""
    import math

    from grok_tui.lesson.model import Param
    from grok_tui.lesson.params import coerce

    value = coerce(Param("b_2", "float", 0.5, min=-3.0, max=3.0), "-0")
    assert value == 0 and math.copysign(1, value) == 1

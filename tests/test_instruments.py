"""Instrument metadata without Textual: the [network], [landscape] and [[predict]] tables parse,
bring their panels, and are reported at their line when wrong. The instruments themselves:
test_instrument_network.py, _landscape.py, _questions.py, _lab.py."""

from __future__ import annotations

import pytest

from tests.instruments_util import lesson_from


# -- metadata ------------------------------------------------------------------------------------
def test_instruments_parse_and_bring_their_panels(tmp_path):
    lesson, problems = lesson_from(
        tmp_path,
        """
[network]
layers = ["a", "b"]
weights = ["w"]
[landscape]
error = "(2 * x - 0.8) ** 2"
axes = ["x = w"]
recorded = "error"
[[predict]]
step = 2
value = "w"
tolerance = 0.01
""",
    )
    assert not problems
    assert lesson.network.layers == ("a", "b") and lesson.landscape.axes[0].value == "w"
    assert lesson.predictions[0].step == 2 and lesson.predictions[0].question
    assert lesson.panels == ("network", "landscape", "predict")


@pytest.mark.parametrize(
    "meta, line, words",
    [
        ('[network]\nlayers = ["a", "b"]\nweights = ["w", "v"]\n', 5, "one matrix between each pair"),
        ('[network]\nlayers = ["a", "b c"]\nweights = ["w"]\n', 5, "not a variable name"),
        ('[landscape]\nerror = "(x -"\naxes = ["x = w"]\n', 5, "not a Python expression"),
        ('[landscape]\nerror = "x"\naxes = ["x", "y", "z"]\n', 5, "one or two"),
        ('\n[[predict]]\nstep = 1\nvalue = "w"\ntolerance = 0.1\n', 6, "2 or more"),
        ('[[predict]]\nstep = 2\nvalue = "w"\ntolerance = -1\n', 5, "tolerance"),
    ],
)
def test_bad_instrument_metadata_is_reported_at_its_line(tmp_path, meta, line, words):
    lesson, problems = lesson_from(tmp_path, meta)
    assert lesson is None
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]

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
        ('[[predict]]\nstep = 2\nvalue = "w"\ntolerance = 0\nplain = 3\n', 5, "plain and label must be strings"),
    ],
)
def test_bad_instrument_metadata_is_reported_at_its_line(tmp_path, meta, line, words):
    lesson, problems = lesson_from(tmp_path, meta)
    assert lesson is None
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]


PREDICTED = """
check_with = [{ size = 2 }, { iterations = 1 }]
[params.size]
default = 1
min = 1
max = 3
[params.iterations]
default = 3
min = 1
max = 3
[[predict]]
step = 2
value = "w"
tolerance = 0.01
"""
PREDICTED_BODY = (
    "+++\n\n```python train\nfor i in range(iterations):\n    step(w=0.5 if size == 1 else [0.5] * size)\n```\n"
)


def test_a_predicted_value_must_be_one_number_with_every_check_set(tmp_path):
    """The tutor asks at any settings: `grok-tui check` looked at the defaults only, and a question
    with another setting could ask for a list (6.4's `layer_1_delta[0][1]` had no answer with
    hidden_size 1). A step a run with fewer iterations does not reach is simply not asked."""
    from grok_tui.engine.checks import run_checks

    lesson, problems = lesson_from(tmp_path, PREDICTED, PREDICTED_BODY)
    assert not problems, problems
    found = [p.message for p in run_checks(lesson)]
    assert found == [
        "with size=2: step 2 records no single number 'w' to predict: it is 2 values: name one number of it, e.g. w[0]"
    ], found
    short = lesson_from(tmp_path, PREDICTED.replace("default = 3", "default = 1"), PREDICTED_BODY)[0]
    found = [p.message for p in run_checks(short, cases=[{}])]
    assert found == ["with defaults: predict asks about step 2, but the run records only 1 step"], found
    # a value no step records: numpy turned the missing value into nan, check passed it, and the
    # tutor asked the learner for it ("it is nan; you said -0.1, which is nan too low")
    unrecorded = lesson_from(tmp_path, PREDICTED.replace('value = "w"', 'value = "weight_delta"'), PREDICTED_BODY)[0]
    found = [p.message for p in run_checks(unrecorded, cases=[{}])]
    assert found == ["with defaults: step 2 records no 'weight_delta' to predict (it records: w)"], found
    # a typo: a did-you-mean, and said once, not again for each check_with set (7 lines for 7 sets)
    typo = lesson_from(tmp_path, PREDICTED.replace('value = "w"', 'value = "ww"'), PREDICTED_BODY)[0]
    found = [p.message for p in run_checks(typo)]
    assert found == ["with defaults: step 2 records no 'ww' to predict (did you mean 'w'? it records: w)"], found

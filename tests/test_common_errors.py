"""The advice added to numpy's and Python's words for a beginner's usual slips."""

from __future__ import annotations

from grok_tui.engine.common_errors import common_error

NOT_ALIGNED = "shapes (3,) and (2,3) not aligned: 3 (dim 0) != 2 (dim 0)"


def test_the_dot_shape_advice_speaks_of_deltas_only_to_code_that_has_them():
    """A forward pass in chapter 3 (`np.dot(input, weights)` the wrong way round) was told how "a
    delta sent back through weights" is written, three chapters before deltas."""
    forward = common_error(NOT_ALIGNED, code="def neural_network(input, weights):\n    return np.dot(input, weights)\n")
    assert forward == [
        "`a.dot(b)` needs a's last size to equal b's first: one of them likely wants `.T`, or the two are "
        "swapped. Print the `.shape` of each."
    ], forward
    backward = common_error(NOT_ALIGNED, code="layer_1_delta = layer_2_delta.dot(weights_1_2)\n")
    assert backward[0].startswith(forward[0]) and "`delta.dot(weights.T)`" in backward[0], backward

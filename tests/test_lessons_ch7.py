"""Chapter 7 outcomes a check cell cannot pin: a run that diverges skips the cells after its loop,
the check cells among them."""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from tests.lessons_util import run_lesson


def test_7_3_at_alpha_64_stops_at_epoch_7_with_a_nan_loss():
    """'Raise alpha to 64: the run stops, its loss nan at epoch 7' and 'the status line says
    "diverged"' (7.3's try-this and text; the safe loss's 96% is pinned in its check cell)."""
    result = run_lesson("7.3", alpha=64.0)
    assert result.state is RunState.DIVERGED and "loss became nan" in result.detail, result.detail
    assert len(result.steps) == 7 and result.recorded("epoch")[-1] == 7

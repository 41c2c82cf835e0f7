"""What lesson 4.5 looks like at 80x24 before a run: the layout a learner on a small terminal gets."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp


def test_lesson_45_ready_at_80x24(snap_compare, small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    assert snap_compare(app, terminal_size=(80, 24))

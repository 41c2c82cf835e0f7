"""The run feed moved into the engine (grok_tui.engine.feed): the lesson session, which has no
Textual, owns it. Kept so `from grok_tui.ui.run_feed import Series` (charts, tests) still works."""

from grok_tui.engine.feed import FeedView, RunFeed, Series

__all__ = ["FeedView", "RunFeed", "Series"]

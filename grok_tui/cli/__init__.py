"""The `grok-tui` command line: `main` parses it; run.py and progress.py print headless results.

Nothing in this package imports Textual except the one path that opens the tutor.
"""

from grok_tui.cli.main import main

__all__ = ["main"]

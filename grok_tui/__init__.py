"""grok-tui: a terminal tutor for the early chapters of Grokking Deep Learning."""

__version__ = "0.1.0"

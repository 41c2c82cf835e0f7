"""Telling the learner that their answers file was damaged and set aside (answers.take_notices).

The quiz and prediction answers are read by the panels and the quiz screen when they need them; a
damaged answers.json is then set aside and reads as empty, and the quiz started over at question 1
with nothing said. Each place that reads it calls this after reading.
"""

from __future__ import annotations

from textual.app import App

from grok_tui.answers import take_notices


def tell_set_aside(app: App) -> None:
    for notice in take_notices():
        # 30 s, as the progress file's notice: it names the file the answers were kept in
        app.notify(notice, severity="warning", timeout=30, markup=False)

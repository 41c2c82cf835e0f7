"""Taking back a notice of our own once it no longer holds (`w` went to the cell, `D` put the
defaults back): Textual's clear_notifications would take the others with it, so this uses its
private _unnotify, one notice at a time. And a notice said once while it shows (`w w` in one burst
stacked two "no run yet" notices)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.notifications import Notification


def take_back(app: App, says: Callable[[str], bool]) -> None:
    """Withdraw every notice shown whose message `says` matches."""
    for notice in [n for n in app._notifications if says(n.message)]:
        app._unnotify(notice)


def shown_already(app: App, notice: Notification) -> bool:
    """Whether a notice with the same words and title shows now."""
    return any(n.message == notice.message and n.title == notice.title for n in app._notifications)

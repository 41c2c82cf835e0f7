"""The running app as the tutor's own class, for screens and providers that use its attributes.

Textual types `self.app` as any App; the tutor's screens run only inside GrokApp. Going through
`tutor(self.app)` lets mypy check those attributes (a `# type: ignore` would hide a misspelt one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from textual.app import App

    from grok_tui.ui.app import GrokApp  # only for mypy: grok_tui.ui.app imports the screens


def tutor(app: App[Any]) -> GrokApp:
    return cast("GrokApp", app)

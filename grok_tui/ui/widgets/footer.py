"""Textual's Footer, without its leak: every key it ever showed stayed alive.

Footer.compose binds each FooterKey's `compact` to the footer (`data_bind`), which adds a watcher
(key, setter) to the footer's watcher list. The footer recomposes whenever its screen's bindings
change (focus moves, a panel shows), removing the old keys, but Textual drops a closed watcher only
when `compact` itself changes, which it never does: the contents screen's footer, alive for the
whole session, kept ~10 dead keys and their styles per lesson visited (bench/memory.py). This
subclass drops the dead keys' watchers each time it recomposes.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    async def recompose(self) -> None:
        await super().recompose()
        drop_closed_watchers(self)


def drop_closed_watchers(node: object) -> None:
    """Forget watchers of `node`'s reactives whose watching widget has been removed."""
    watchers = getattr(node, "__watchers", None)  # textual.reactive keeps them under this name
    if not watchers:
        return
    for entries in watchers.values():
        entries[:] = [(watcher, callback) for watcher, callback in entries if not _gone(watcher)]


def _gone(watcher: object) -> bool:
    return bool(getattr(watcher, "_closing", False) or getattr(watcher, "_closed", False))

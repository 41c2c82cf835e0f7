"""The key bar: Textual's Footer, rebuilt only when the keys it shows change.

Textual's Footer rebuilds all its keys (a dozen widgets, each styled twice) after every bindings
signal: a screen's start sends several (focus, resume, refresh_bindings), and opening a lesson
rebuilt the bar 7 times, about a third of the time to a complete first frame (and the contents'
bar, hidden under the lesson, 4 times). This one rebuilds only while its screen is the current
one, and not at all when the keys it would show are the ones it shows.

It also fixes a leak: Footer.compose binds each FooterKey's `compact` to the footer (`data_bind`),
which adds a watcher to the footer's list, and Textual drops a closed watcher only when `compact`
itself changes, which it never does. The contents screen's footer, alive all session, kept ~10 dead
keys and their styles per lesson visited (bench/memory.py). Each rebuild drops them.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeyFooter(Footer):
    _shown: tuple | None = None
    """What the last compose showed (see _keys)."""

    def _keys(self) -> tuple:
        """Everything Footer.compose reads: the shown bindings, their state and labels."""
        if not self._bindings_ready:
            return ()
        app = self.app
        active = self.screen.active_bindings
        keys = tuple(
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _, binding, enabled, tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, app.get_key_display(binding), binding.description, enabled, tooltip)
        return (keys, palette, self.compact, self._width())

    def _width(self) -> int:
        return self.size.width if self.is_attached and self.size.width else self.app.size.width

    def compose(self):
        # Textual's Footer composes empty until the first bindings signal, which comes after the
        # first paint: the keys would be a second frame. They are known now.
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._keys()
        widgets = list(super().compose())
        for widget in fitting(widgets, self._width()):
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # A FooterKey starts compact, then takes the bar's value (data_bind) once mounted:
                # two restyles per key. Given the bar's value now, it has none. (The palette's key
                # is not bound: it stays compact.)
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def on_resize(self) -> None:
        self.call_after_refresh(self._rebuild)

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        # A screen under another one gets no rebuild: it is signalled again when it is resumed.
        # Every signal asks (no "one is due" flag): the callback runs on the screen current when
        # it is handled, and a question popped over the lesson then, and answered before its
        # screen idled, took it away; a flag waiting for it froze the bar's keys for good.
        if self.is_attached and screen is self.screen and screen.is_current:
            self.call_after_refresh(self._rebuild)

    async def recompose(self) -> None:
        await super().recompose()
        drop_closed_watchers(self)

    async def _rebuild(self) -> None:
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()


def _key_width(key: FooterKey) -> int:
    return len(key.key_display) + 1 + len(key.description) + 2


GIVE_WAY_FIRST = ("type_param", "output", "step")
"""Actions whose keys leave a narrow bar before the others, in this order: `=` and `o` have other
ways in (enter, the help), and the status line offers `s step` itself while a run can start; `g`
is the only way to the lab's other charts, and at 60x18 it had left the bar (a trial)."""


def fitting(widgets: list, width: int) -> list:
    """The keys that fit in `width`: the first and the last two (help, quit) always, the others
    dropped from the right, GIVE_WAY_FIRST before them. At 60 columns the bar was cut at "? he",
    and quit did not show."""
    keys = [w for w in widgets if isinstance(w, FooterKey) and not w.has_class("-command-palette")]
    used = sum(_key_width(k) for k in keys)
    dropped: set[int] = set()
    middle = list(reversed(keys[1:-2]))
    first = {action: i for i, action in enumerate(GIVE_WAY_FIRST)}
    for key in sorted(middle, key=lambda k: first.get(k.action, len(first))):  # stable: right to left
        if used <= width:
            break
        dropped.add(id(key))
        used -= _key_width(key)
    return [w for w in widgets if id(w) not in dropped]


def drop_closed_watchers(node: object) -> None:
    """Forget watchers of `node`'s reactives whose watching widget has been removed."""
    watchers = getattr(node, "__watchers", None)  # textual.reactive keeps them under this name
    if not watchers:
        return
    for entries in watchers.values():
        entries[:] = [(watcher, callback) for watcher, callback in entries if not _gone(watcher)]


def _gone(watcher: object) -> bool:
    return bool(getattr(watcher, "_closing", False) or getattr(watcher, "_closed", False))

"""Keys read ahead of a screen that is opening: `enter space` on the contents (typed quickly, pasted,
or sent together over a slow link) opens the lesson, then runs it.

Textual hands each key to the screen that has the focus when the key is read. Keys read in one burst
with the enter that opens a lesson all went to the contents: the lesson opened only once enter's
message had gone round, after the keys behind it were handled there. `enter space` opened 2.1 and
did not run it (space chose the same lesson again); `enter n` said "n: no key here" on the contents.

From the key that opens a lesson, a quiz, the exercise chooser or the editor (enter or space on the
contents, enter in the command palette, n and p, e, the chooser's pick) until the new screen has the
focus, the keys that reach the app are held; then they are handed to that screen, in the order they
were typed. In the palette, `ctrl+p 4.5 enter space` typed `space` into the search as it closed; at
120 columns `n space` ran the lesson being left while the next one's lab imported; `e 2 code` sent
the code to the chooser. Likewise from the c or escape that leaves a lesson until the contents show
(`c enter space` opened the lesson twice, and the tutor stopped). A palette command that opens no
screen (a theme) hands them on at once. Keys handed on go ahead of any the terminal sent meanwhile.
A priority key (ctrl+q) still acts at once, as it is read. An enter pressed again right after the
enter that opens (on a link that seemed not to answer) is dropped, as a question box drops a second
enter: in the lesson, enter would have opened a box to type a value.
"""

from __future__ import annotations

import time
from typing import Any

from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.timer import Timer

HOLD_AT_MOST = 2.0
"""Seconds: were the new screen never to come, the held keys go to the screen that shows then, late
but not lost."""
HOLD_COMING_AT_MOST = 15.0
"""Seconds, for a lesson or a quiz on its way (its lab's modules importing on a loaded machine can
take longer than HOLD_AT_MOST: the space went to the lesson being left, in a CI run under load)."""


class KeysAhead:
    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: list[tuple[str, str | None]] | None = None
        self._opener: events.Key | None = None
        self._timer: Timer | None = None
        self._coming = False
        """A lesson or a quiz is on its way: its screen releases the keys as it mounts."""
        self._for_contents = False
        """The screen on its way is the contents, shown again (contents_shown releases the keys)."""
        self._since = 0.0
        self._opener_seen = False
        self._replayed: list[events.Key] = []
        """The keys handed on by the last release, on their way through the app's queue."""
        self._late: list[tuple[str, str | None]] | None = None
        """While they are on their way: keys the app reads that are not theirs, handed on after them."""

    @property
    def holding(self) -> bool:
        return self._held is not None

    def hold(self, opener: events.Key | None = None, *, read: bool = False) -> None:
        """Hold the keys read after `opener`, the key that opens a screen (it goes on its way), or
        from now on (n, p: the lesson opens after its lab's imports, the one left still showing).
        `read`: the opener was read by the app just now (the palette's enter); else the keys that
        reach the app before the opener itself were read before it, and go their way (the list
        sees an enter before the app sees the ↓ read ahead of it: `↓ ↓ enter space` opened the
        first lesson, the ↓ held for it)."""
        if self._held is None:
            self._held, self._opener, self._opener_seen = [], opener, read or opener is None
            self._since = time.monotonic()
            self._timer = self._app.set_timer(HOLD_AT_MOST, self._time_up)

    def _time_up(self) -> None:
        """No screen took the keys in HOLD_AT_MOST: on, unless one is still on its way."""
        waited = time.monotonic() - self._since
        if self._coming and waited < HOLD_COMING_AT_MOST:
            self._timer = self._app.set_timer(min(HOLD_AT_MOST, HOLD_COMING_AT_MOST - waited), self._time_up)
        else:
            self.release()

    def screen_coming(self) -> None:
        """A lesson or a quiz will open: keep holding until its screen has the focus. (Said with
        nothing held, it is forgotten: a quiz opened by F left it set, and a later palette command
        that opens no screen kept its keys the 15 s of HOLD_COMING_AT_MOST.)"""
        if self._held is not None:
            self._coming = True

    def hold_for_screen(self) -> None:
        """A screen is about to open (a lesson, a quiz, the exercise chooser, the editor): hold the
        keys read from now until it has the focus and takes them (release_after_refresh)."""
        self.hold()
        self.screen_coming()

    def hold_for_contents(self) -> None:
        """c or escape leaves a lesson for the contents: the keys read with it reached the lesson's
        widgets, then the app's bindings with the contents current. `c enter space` in one burst
        opened a lesson with enter and again with space, and the tutor stopped on the first one's
        focus as it was replaced; `c ↓ enter space` opened the lesson under it without running it.
        Held, they go to the contents once they show."""
        self.hold_for_screen()
        if self._held is not None:
            self._for_contents = True

    def contents_shown(self) -> None:
        """The contents have the focus again, their list built: keys held for them go there."""
        if self._held is not None and self._for_contents:
            self._app.call_after_refresh(self.release)

    def settle(self) -> None:
        """The palette's command has run: without a lesson or a quiz on its way, the keys go on to
        the screen that shows once it is drawn (the theme command opens a palette of themes)."""
        if self._held is not None and not self._coming:
            self._app.call_after_refresh(self.release)

    def take(self, event: events.Key) -> bool:
        """Hold `event` if keys are held (True), unless it is the key that opens the screen."""
        if self._held is None:
            return False
        if event is self._opener:
            self._opener_seen = True
            return False
        if not self._opener_seen:  # read before the opener: the screen it was read on takes it
            return False
        if not self._held and self._opener is not None and event.key == self._opener.key == "enter":
            # enter enter: pressed again as nothing seemed to happen, not enter in the lesson (a box
            # for a value). Space space is kept: space opens the lesson, then runs it.
            return True
        self._held.append((event.key, event.character))
        return True

    def release(self) -> None:
        """The new screen has the focus: hand it the keys held, in their order."""
        held, self._held, self._opener, self._coming = self._held or [], None, None, False
        self._for_contents = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not held:
            return
        if self._late is not None:  # keys handed on are still on their way: these go after them
            self._late.extend(held)
            return
        # From now until they have been read again, a key the terminal sends goes after them: one
        # already in the app's queue was read first, and `n space` (the space read as the lesson
        # opened) ran the lesson being left, then opened the next one (a CI run under load).
        self._late = []
        # Made on the app's own task, as the terminal's keys are: a key made on the screen's
        # (where call_after_refresh runs) has the screen as its sender, and Textual stops its
        # bubbling below the screen, short of the app's bindings.
        self._app.call_later(self._replay, held)

    def _replay(self, held: list[tuple[str, str | None]]) -> None:
        self._replayed = [events.Key(key, character) for key, character in held]
        for key in self._replayed:
            self._app.post_message(key)
        self._app.call_later(self._replayed_read)  # in the queue behind them

    def _replayed_read(self) -> None:
        """The keys handed on have been read: the ones read meanwhile follow them."""
        late, self._late, self._replayed = self._late or [], None, []
        if late:
            self._late = []
            self._app.call_later(self._replay, late)

    def read(self, event: events.Key) -> bool:
        """A key as the app reads it from the terminal's queue: True if it is held (for a screen
        opening, or behind the keys handed on that are still on their way)."""
        if self._late is not None and not any(event is key for key in self._replayed):
            self._late.append((event.key, event.character))
            return True
        return self.take(event)


def keys_ahead_of(app: App[Any]) -> KeysAhead | None:
    """The tutor's KeysAhead (None in an app that is not the tutor: a test's own)."""
    keys_ahead = getattr(app, "keys_ahead", None)
    return keys_ahead if isinstance(keys_ahead, KeysAhead) else None


def hold_for_a_screen(app: App[Any]) -> None:
    """KeysAhead.hold_for_screen, for a screen that knows only its app."""
    if (keys_ahead := keys_ahead_of(app)) is not None:
        keys_ahead.hold_for_screen()


def hold_keys(app: App[Any]) -> None:
    """KeysAhead.hold, from now on, for a screen that knows only its app: the caller releases them
    (release_after_refresh) once what the key before them changed is in place."""
    if (keys_ahead := keys_ahead_of(app)) is not None:
        keys_ahead.hold()


def release_now(app: App[Any]) -> None:
    """No screen comes after all (a chooser closed): the keys held go on at once."""
    if (keys_ahead := keys_ahead_of(app)) is not None and keys_ahead.holding:
        keys_ahead.release()


def release_after_refresh(app: App[Any]) -> None:
    """Called by a screen as it mounts: once its focus is set, it takes the keys held for it."""
    if (keys_ahead := keys_ahead_of(app)) is not None and keys_ahead.holding:
        app.call_after_refresh(keys_ahead.release)


def contents_shown(app: App[Any]) -> None:
    """Called by the contents as they show again: keys held for them (KeysAhead.hold_for_contents) go there."""
    if (keys_ahead := keys_ahead_of(app)) is not None:
        keys_ahead.contents_shown()


def read_key(app: App[Any], event: events.Key) -> bool:
    """A key as the terminal sent it, before Textual hands it on: True if it is held. An enter in
    the command palette holds the keys behind it (they would go into its search as it closes). A
    priority key (ctrl+q) is never held."""
    keys_ahead = keys_ahead_of(app)
    if keys_ahead is None:
        return False
    active = app.active_bindings.get(event.key)
    if active is not None and active.binding.priority:
        return False
    if keys_ahead.read(event):
        return True
    if event.key == "enter" and isinstance(app.screen, CommandPalette):
        keys_ahead.hold(event, read=True)
    return False

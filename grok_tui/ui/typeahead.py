"""Keys typed ahead of a text field: `=0.5` then enter in one burst (pasted, sent together over a
slow link, or typed while the app was busy) must all reach the box that `=` opens.

Textual hands each key to the widget focused when the key is read. Keys read together with `=`
are queued for the lesson screen before the box exists, and come back to the app unused once the
box has the focus. There a binding still acts (enter: submit), but a typed character was dropped:
the box submitted "" instead of "0.5". A focused text field stops every character it is given, so
a character that reaches the app while one has the focus never reached it: it is typed into the
field here, in its order among the other keys (which the app handles one after another).

The other way round, a key the field binds (ctrl+u, backspace, the arrows) acts only once it has
bubbled back up to the app, after characters typed behind it: `run_field_binding_in_order` runs it
in the field's own queue instead.

Escape and a letter read together (typed quickly, or bunched by a slow link) are what a terminal
sends for alt+key: `escaped_key` splits them again."""

from __future__ import annotations

import sys
from typing import Any

from textual import events
from textual.app import App
from textual.widgets import Input

from grok_tui.ui.keys_ahead import hold_keys

_TEXT_AREA = "textual.widgets._text_area"
"""TextArea's module: imported only once an editor exists (the exercises), not at start-up (~10 ms);
until then no TextArea can have the focus."""


def _focused_field(app: App) -> Any:
    """The focused Input or TextArea, if one has the focus."""
    field = app.focused
    text_area = sys.modules.get(_TEXT_AREA)
    fields = (Input, text_area.TextArea) if text_area is not None else (Input,)
    return field if isinstance(field, fields) else None


def type_into_field(app: App, event: events.Key) -> bool:
    """Type `event`'s character into the focused text field if the field never saw it; True if so."""
    field = _focused_field(app)
    if field is None or not event.is_printable or event.character is None:
        return False  # the common case, decided without building the app's bindings
    if event.key in app.active_bindings or getattr(field, "read_only", False):
        return False
    if isinstance(field, Input) and field.selection.is_empty:
        field.insert_text_at_cursor(event.character)
    elif isinstance(field, Input):
        field.replace(event.character, *field.selection)
    else:  # a TextArea: as typing does, the cursor ends after the character (the next one follows it)
        field.replace(event.character, *field.selection, maintain_selection_offset=False)
    return True


def run_field_binding_in_order(app: App, event: events.Key) -> bool:
    """Run a key bound by the focused text field itself (ctrl+u, backspace, an arrow, enter) in the
    field's own queue, in its order among the characters typed after it; True if so.

    Textual types a character at the field, but runs a binding only once the key has bubbled back
    up to the app, a message queue per widget on the way. Keys that arrive together (a paste, a
    slow link, typing while the app was busy) were then applied out of order: `ctrl+u 0.1` left the
    box empty (the characters went in, then ctrl+u deleted them), `abc backspace d` gave "abc".
    Called for a key the terminal sent, before it is forwarded; a priority binding (quit) still wins.
    An action the field skips (ctrl+c copies only a selection) goes on up the chain, as in Textual:
    ctrl+c with nothing selected did nothing at all in a question box or the exercise editor."""
    field = _focused_field(app)
    if field is None or event.is_printable:
        return False
    active = app.active_bindings.get(event.key)
    if active is None or active.node is not field or active.binding.priority or not active.enabled:
        return False
    field.call_later(_run_in_chain, app, event.key, field, active.binding.action)
    _hold_after_submit(app, field, active.binding.action)
    return True


def hold_after_submit(app: App, event: events.Key) -> None:
    """An enter that reached the app through the widgets (read before its box had the focus: `= 0.5
    enter s s s` in one burst) submits the focused field: the keys behind it wait as well."""
    if event.key != "enter":  # (every key that reaches the app comes here: the test it fails first)
        return
    field = _focused_field(app)
    if field is None:
        return
    active = app.active_bindings.get(event.key)
    if active is not None and active.node is field:
        _hold_after_submit(app, field, active.binding.action)


def _hold_after_submit(app: App, field: Any, action: str) -> None:
    if action == "submit" and getattr(field, "holds_keys_after_submit", False):
        # The keys behind the enter wait until the screen has taken the answer: typed into the
        # field meanwhile, the next answer joined this one (a quiz graded "22" for a 2 typed after
        # `2 enter enter`), went to a question about to be replaced, or to a box about to close
        hold_keys(app)


async def _run_in_chain(app: App, key: str, field: Any, action: str) -> None:
    """Run the field's `action`; if it is skipped, the key's next binding up the chain."""
    if await app.run_action(action, field):
        return
    for namespace, bindings in app.screen._modal_binding_chain:
        if namespace is field:
            continue
        for binding in bindings.key_to_bindings.get(key, ()):
            if not binding.priority and await app.run_action(binding.action, namespace):
                return


def escaped_key(app: App, event: events.Key) -> events.Key | None:
    """The key pressed after Escape, if `event` is Escape and that key read as one alt+key; else None.

    A terminal sends alt+q as Escape then q, and Textual reads Escape followed at once by q as
    alt+q. Nothing here binds alt+: Escape then q in the exercise editor typed a q into the code,
    instead of leaving the editor and quitting.

    Letters only: Escape then a space, enter, digit or punctuation key in one read is split before
    the parser reads it (grok_tui/ui/terminal_input.py), which would turn the digit, `-` or `=` into a
    Mac option character and drop the Escape before the rest; Escape then b or f stays ctrl+left/right
    (option+arrow). And the two keys keep their order only where Escape is a priority binding (the
    exercise screen's): elsewhere Escape goes to the focused widget's queue."""
    if not event.key.startswith("alt+") or not event.is_printable or event.key in app.active_bindings:
        return None
    key = event.key.removeprefix("alt+")
    if key.startswith("shift+") and event.character:  # Escape then F: the key is "F", not "shift+f"
        key = event.character
    return events.Key(key, event.character)

"""Keys typed ahead of a text field: `=0.5` then enter in one burst (pasted, sent together over a
slow link, or typed while the app was busy) must all reach the box that `=` opens.

Textual hands each key to the widget focused when the key is read. Keys read together with `=`
are queued for the lesson screen before the box exists, and come back to the app unused once the
box has the focus. There a binding still acts (enter: submit), but a typed character was dropped:
the box submitted "" instead of "0.5". A focused text field stops every character it is given, so
a character that reaches the app while one has the focus never reached it: it is typed into the
field here, in its order among the other keys (which the app handles one after another)."""

from __future__ import annotations

from textual import events
from textual.app import App
from textual.widgets import Input, TextArea


def type_into_field(app: App, event: events.Key) -> bool:
    """Type `event`'s character into the focused text field if the field never saw it; True if so."""
    field = app.focused
    if not event.is_printable or event.character is None or event.key in app.active_bindings:
        return False
    if isinstance(field, Input):
        if field.selection.is_empty:
            field.insert_text_at_cursor(event.character)
        else:
            field.replace(event.character, *field.selection)
        return True
    if isinstance(field, TextArea) and not field.read_only:
        field.replace(event.character, *field.selection)
        return True
    return False

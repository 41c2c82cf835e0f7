"""How fast Pilot types the keys of one `pilot.press(...)` call: the keys before the last at a
typist's pace, the last one as Textual has it.

Textual's Pilot waits after every key until the app looks idle (its CPU time stood still for 20 ms,
twice a key, up to a second while a lesson plays). A third of the workers' time in the suite went to
those waits, most of it while the app was idle long since, between the keys of one typed answer
(`press(*"-0.275", "enter")`). Here a key that another key follows waits for idleness at a 5 ms
grain, as a fast typist's keys come (the app reads keys typed ahead: test_keys_typeahead.py); the
last key of a press keeps Textual's own wait, which the tests were written against: what they check
right after a press (the screen repainted, a worker started) has the same time as before.
"""

from __future__ import annotations

import asyncio
import contextvars
import time
from collections.abc import Iterable

import textual.app

_typing_on = contextvars.ContextVar("typing_on", default=False)
GRAIN = 0.005
"""Seconds of CPU stillness, as Textual's SLEEP_GRANULARITY (0.02) is for its own wait."""


async def _typist_idle(min_sleep: float = 0.0, max_sleep: float = 1.0) -> None:
    """textual._wait.wait_for_idle at a finer grain: idle once a GRAIN passed with <5% of it in CPU."""
    start = time.monotonic()
    while True:
        cpu = time.process_time()
        await asyncio.sleep(GRAIN)
        elapsed = time.monotonic() - start
        if elapsed >= max_sleep or (elapsed > min_sleep and time.process_time() - cpu < GRAIN / 20):
            return


def install() -> None:
    """Patch textual.app's key-press task (Pilot.press calls it); a Textual without it is left as is."""
    press_keys = getattr(textual.app.App, "_press_keys", None)
    textual_idle = getattr(textual.app, "wait_for_idle", None)
    if press_keys is None or textual_idle is None or getattr(press_keys, "paced", False):
        return

    async def idle(*args: float, **kwargs: float) -> None:
        await (_typist_idle if _typing_on.get() else textual_idle)(*args, **kwargs)

    async def paced_press_keys(self: textual.app.App, keys: Iterable[str]) -> None:
        keys = list(keys)
        if len(keys) > 1:
            token = _typing_on.set(True)
            try:
                await press_keys(self, keys[:-1])
            finally:
                _typing_on.reset(token)
        await press_keys(self, keys[-1:])

    paced_press_keys.paced = True  # type: ignore[attr-defined]
    textual.app.wait_for_idle = idle  # type: ignore[assignment]
    textual.app.App._press_keys = paced_press_keys  # type: ignore[method-assign]

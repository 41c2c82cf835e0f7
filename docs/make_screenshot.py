"""Make docs/screenshot.svg, the README's picture: lesson 4.5 at 100x30, broken then fixed by alpha.

Run by hand from the checkout: `python docs/make_screenshot.py`. It plays the lesson as a learner
would (space with alpha 1, then `-` twice for alpha 0.1), then switches to the lab view (`l`), so
the error chart shows the diverging run dimmed behind the converging one.
"""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

os.environ.setdefault("GROK_TUI_DATA", tempfile.mkdtemp(prefix="grok-shot-"))

from grok_tui.engine.runner import RunState
from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp

HERE = Path(__file__).resolve().parent


async def settle(pilot, condition, seconds: float = 10.0) -> None:
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise RuntimeError("the lesson did not get there in time")


async def main() -> None:
    app = GrokApp(load_catalog(), start_lesson="4.5", speed=0)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await pilot.press("space")
        await settle(pilot, lambda: screen.run_state is RunState.FINISHED)
        await pilot.press("minus", "minus")  # alpha 1 -> 0.316 -> 0.1; the lesson re-runs by itself
        await settle(pilot, lambda: screen.params["alpha"] == 0.1 and screen.run_state is RunState.FINISHED)
        await pilot.press("l")  # the lab view: charts, values and params get the screen
        await pilot.pause(0.5)  # one more chart redraw
        app.save_screenshot(str(HERE / "screenshot.svg"))
    print(f"wrote {HERE / 'screenshot.svg'}")


if __name__ == "__main__":
    asyncio.run(main())

"""What the lesson screen looks like, as pictures, at 80x24 (SSH) and 120x40: seeded runs at speed 0
from the fixed test course (tests/ui/lessons), each picture looked at before it was accepted."""

from __future__ import annotations

import pytest

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui.app import GrokApp
from tests.ui.helpers import wait_for

SIZES = [(80, 24), (120, 40)]

BROKEN = """+++
id = "9.8"
chapter = 9
chapter_title = "Mistakes"
title = "A bug on purpose"
show = ["i", "share"]
steps = "4"
+++

Counts down to a division by zero: the run stops at the line that divides.

```python train
for i in range(3, -1, -1):
    step(i=i, share=1 / i)
```
"""

DEMO = """+++
id = "9.6"
chapter = 9
chapter_title = "Mistakes"
title = "An error shown on purpose"
show = ["game", "pred"]
steps = "4"
+++

A list cannot be multiplied by a float: the lesson shows that error on purpose.

```python train
number_of_toes = [8.5, 9.5, 10, 9]
for game, toes in enumerate(number_of_toes, 1):
    pred = toes * 0.1
    print(f"game {game}: {toes} toes x 0.1 = {pred:.3f}")
    step(game=game, pred=pred)
try:
    number_of_toes * 0.1
except TypeError as err:
    print("TypeError:", err)
```
"""


@pytest.fixture
def mistakes(tmp_path):
    (tmp_path / "l").mkdir()
    (tmp_path / "l" / "9.8-bug.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "l" / "9.6-demo.md").write_text(DEMO, encoding="utf-8")
    return load_catalog(tmp_path / "l")


async def ended(pilot) -> None:
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.run_state.done and screen.ended, timeout=20, what="the run to end")
    await pilot.pause()


async def play(pilot) -> None:
    await pilot.press("space")
    await ended(pilot)


async def three_steps(pilot) -> None:
    screen = pilot.app.screen
    await pilot.press("s", "s", "s")
    await wait_for(pilot, lambda: len(screen.run.steps) == 3 and screen.run.state.value == "paused", what="step 3")
    await pilot.pause(0.2)


async def lab_finished(pilot) -> None:
    await play(pilot)
    await pilot.press("l")
    await pilot.pause()


async def diverged(pilot) -> None:
    await pilot.press("right_square_bracket", "right_square_bracket", "equals_sign", *"2000", "enter")
    await ended(pilot)
    await pilot.press("l")
    await pilot.pause()


async def output(pilot) -> None:
    await play(pilot)
    await pilot.press("o")
    await pilot.pause(0.3)


async def help_screen(pilot) -> None:
    await pilot.press("f1")
    await pilot.pause()


SCENES = {
    "ready": ("4.5", None),
    "running_reading": ("4.5", three_steps),
    "finished_lab_log_chart": ("4.5", lab_finished),
    "diverged": ("4.5", diverged),
    "help": ("4.5", help_screen),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", SCENES)
def test_lesson_screens(snap_compare, small_catalog, scene, size, monkeypatch):
    lesson, before = SCENES[scene]
    # The help shows where settings.toml is: one path for every run (a test's own folder differs in
    # length from run to run), and one no machine has (the tutor reads no one's settings here).
    monkeypatch.setenv("GROK_TUI_CONFIG", "/nonexistent/.config/grok-tui")
    app = GrokApp(small_catalog, start_lesson=lesson, speed=0)
    app.told_where_running = True  # the once-a-session notice (test_lesson_views.py): the steady picture
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_failed_run(snap_compare, mistakes, size):
    app = GrokApp(mistakes, start_lesson="9.8", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=play)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_output_with_an_expected_error(snap_compare, mistakes, size):
    app = GrokApp(mistakes, start_lesson="9.6", speed=0)
    assert snap_compare(app, terminal_size=size, run_before=output)


def test_too_small(snap_compare, small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    assert snap_compare(app, terminal_size=(50, 14))

"""Frames held while the terminal is behind (grok_tui/ui/output_pacing.py, `holding`): the frames a
screen wants meanwhile become one, drawn once the terminal has caught up, and no key is lost."""

from __future__ import annotations

from collections import deque

from grok_tui.ui import output_pacing
from grok_tui.ui.output_pacing import OutputPacing
from tests.ui.helpers import Clock


def held_key(hold: bool, link_rate: float = 8_000, round_trip: float = 0.1) -> float:
    """↓ held down on a link of `link_rate` bytes/s: a 2,500-byte frame wanted every 0.04 s for 1.6 s,
    drawn at once, or with `hold` only while the pacing is not holding (the frames wanted meanwhile
    become one, drawn once it lets go). Returns the seconds from the last key until the screen has
    shown everything."""
    clock = Clock()
    pacing = OutputPacing(clock)
    queue: deque[list] = deque()  # [bytes left, is probe]
    answers_due: list[float] = []

    def draw(count: int) -> None:
        pacing.written(count)
        queue.append([count, False])
        if pacing.probe_due():
            queue.append([4, True])

    if pacing.probe_due():  # as install() does: a probe before the first frame times the bare link
        queue.append([4, True])
    draw(3000)  # the screen as it opened, and again as its lesson opened: they time the link
    wanted, last_key, dt = False, 2.0 + 1.56, 0.01
    while clock.now < 30:
        if abs(clock.now - 0.5) < dt / 2:
            draw(3000)
        if 2.0 <= clock.now <= last_key and round(clock.now * 100) % 4 == 0:
            wanted = True  # a key scrolled the text
        if wanted and not (hold and pacing.holding()):
            draw(2500)
            wanted = False
        budget = link_rate * dt
        while queue and budget > 0:
            take = min(budget, queue[0][0])
            queue[0][0] -= take
            budget -= take
            if queue[0][0] <= 0 and queue.popleft()[1]:
                answers_due.append(clock.now + round_trip)
        while answers_due and answers_due[0] <= clock.now:
            answers_due.pop(0)
            pacing.answered()
        clock.now += dt
        if clock.now > last_key and not queue and not wanted:
            return clock.now - last_key
    return float("inf")


def test_frames_wanted_while_the_terminal_is_behind_become_one():
    """↓ held at 64 kbit/s: a frame per line scrolled, and the text still scrolled 12 s after the key
    was let go (bench/slow_link.py), every later key waiting behind them (a trial: q took 7.7 s)."""
    assert held_key(hold=False) > 5
    assert held_key(hold=True) < 1.0
    assert held_key(hold=True, link_rate=1_000_000) < 0.2  # a fast link: every frame, at once


def test_a_terminal_that_never_answered_holds_no_frame():
    pacing = OutputPacing(Clock())
    pacing.written(100_000)
    assert not pacing.holding()


class Held:
    """A pacing that says whether frames wait, as the test sets it."""

    behind = True

    def holding(self) -> bool:
        return self.behind


async def test_a_screen_draws_nothing_while_held_then_the_latest_once_let_go(monkeypatch):
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import Static

    monkeypatch.setattr(Screen, "_compositor_refresh", Screen._compositor_refresh)  # put back afterwards
    output_pacing._hold_frames()

    held = Held()

    class One(App):
        def compose(self):
            yield Static("first", id="line")

    app = One()
    async with app.run_test(size=(40, 5)) as pilot:
        drawn: list[str] = []
        display = app._display
        monkeypatch.setattr(app, "_display", lambda screen, update: (drawn.append("frame"), display(screen, update)))
        monkeypatch.setattr(output_pacing, "_pacing", held)
        line = app.query_one("#line", Static)
        for text in ("second", "third", "fourth"):
            line.update(text)
            await pilot.pause(0.05)
        assert drawn == []  # held: nothing drawn
        held.behind = False
        await pilot.pause(0.1)
        assert drawn  # let go: drawn, with the latest text
        assert "fourth" in app.screen._compositor.render_strips()[0].text


async def test_keys_that_scroll_while_frames_are_held_all_count(monkeypatch):
    """Held frames first held the whole screen update, and the callbacks waiting for it: the help's
    ↓ held at 64 kbit/s moved it 13 lines of 40 (each scroll aims from where the last one landed,
    once a frame has passed), and keys after a resize were undone (a trial)."""
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.screen import Screen
    from textual.widgets import Static

    monkeypatch.setattr(Screen, "_compositor_refresh", Screen._compositor_refresh)  # put back afterwards
    output_pacing._hold_frames()

    held = Held()

    class Long(App):
        def compose(self):
            with VerticalScroll(id="box"):
                yield Static("\n".join(f"line {n}" for n in range(200)))

    app = Long()
    async with app.run_test(size=(40, 10)) as pilot:
        box = app.query_one("#box", VerticalScroll)
        box.focus()
        await pilot.pause()
        monkeypatch.setattr(output_pacing, "_pacing", held)
        for _ in range(12):
            await pilot.press("down")
        await pilot.pause(0.1)
        assert box.scroll_y == 12  # every press counted, though nothing was drawn
        held.behind = False
        await pilot.pause(0.1)
        assert app.screen._compositor.render_strips()[0].text.startswith("line 12")

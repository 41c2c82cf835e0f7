"""The output pacing: a terminal that answers late makes the app draw less often, and only then."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from grok_tui.ui import output_pacing
from grok_tui.ui.output_pacing import MAX_SLOWDOWN, OutputPacing, paced


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def simulate(
    full_rate: float,
    link_rate: float | Callable[[float], float | None] | None,
    seconds: float,
    *,
    answers: bool = True,
    frame_bytes: int = 3000,
    round_trip: float = 0.1,
    pacing: OutputPacing | None = None,
    clock: Clock | None = None,
    trace: list | None = None,
) -> tuple[OutputPacing, list[tuple[float, float]]]:
    """An app drawing frames (full_rate bytes/s at factor 1) into a link draining link_rate bytes/s
    (None: at once), the terminal answering probes once all before them is drawn. Returns the pacing
    and (time, seconds the screen is behind) after each frame."""
    clock = clock or Clock()
    pacing = pacing or OutputPacing(clock)
    start = clock.now
    dt = 0.01
    queue: deque[list] = deque()  # [bytes left, written at, is probe]
    answers_due: list[float] = []
    if pacing.probe_due():  # as install() does: a probe before the first frame times the bare link
        queue.append([4, clock.now, True])
    next_frame = clock.now
    lags: list[tuple[float, float]] = []
    while clock.now - start < seconds:
        if clock.now >= next_frame:
            pacing.written(frame_bytes)
            queue.append([frame_bytes, clock.now, False])
            if pacing.probe_due():
                queue.append([4, clock.now, True])
            next_frame = clock.now + frame_bytes / full_rate * pacing.factor
            lags.append((clock.now - start, clock.now - queue[0][1] if queue else 0.0))
            if trace is not None:
                trace.append((clock.now, pacing.factor, pacing.backlog, pacing.drain_rate, lags[-1][1]))
        rate = link_rate(clock.now - start) if callable(link_rate) else link_rate
        budget = float("inf") if rate is None else rate * dt
        while queue and budget > 0:
            take = min(budget, queue[0][0])
            queue[0][0] -= take
            budget -= take
            if queue[0][0] <= 0 and queue.popleft()[2] and answers:
                answers_due.append(clock.now + round_trip)
        while answers_due and answers_due[0] <= clock.now:
            answers_due.pop(0)
            pacing.answered()
        clock.now += dt
    return pacing, lags


def test_a_terminal_that_keeps_up_gets_every_frame():
    pacing, lags = simulate(full_rate=30_000, link_rate=None, seconds=10)
    assert pacing.factor == 1.0
    assert pacing.round_trip is not None and abs(pacing.round_trip - 0.1) < 0.02
    assert max(lag for _, lag in lags) == 0.0


def test_a_64_kbit_link_gets_fewer_frames_and_stays_under_a_second_behind():
    pacing, lags = simulate(full_rate=30_000, link_rate=8_000, seconds=60)
    assert 30_000 / 8_000 < pacing.factor < MAX_SLOWDOWN  # fewer frames than the link could carry
    assert max(lag for t, lag in lags if t > 10) < 1.0  # once it has noticed, never a second behind
    sent = 3000 * sum(1 for t, _ in lags if t > 10) / 50
    assert 2_000 < sent < 8_000  # bytes/s: under the link's rate, yet a fair share of it


def test_without_pacing_the_same_link_falls_ever_further_behind():
    """The same simulation with the factor pinned at 1: what the app did before it watched."""
    pacing = OutputPacing(Clock())
    pacing.answered = lambda: True  # type: ignore[method-assign]
    _, lags = simulate(full_rate=30_000, link_rate=8_000, seconds=30, pacing=pacing)
    assert lags[-1][1] > 15


def test_the_factor_eases_back_when_the_link_is_fast_again():
    trace: list = []
    pacing, lags = simulate(
        full_rate=30_000, link_rate=lambda t: 8_000 if t < 30 else 1_000_000, seconds=60, trace=trace
    )
    assert max(factor for t, factor, *_ in trace if 20 < t < 30) > 2
    assert pacing.factor == 1.0
    assert max(lag for t, lag in lags if t > 30) < 0.5


def test_a_terminal_that_never_answers_is_not_taken_for_slow():
    pacing, _ = simulate(full_rate=30_000, link_rate=None, seconds=20, answers=False)
    assert pacing.factor == 1.0 and pacing.round_trip is None


def test_an_answer_nobody_asked_for_is_passed_on():
    pacing = OutputPacing(Clock())
    assert pacing.answered() is False


def test_paced_skips_ticks_in_proportion_to_the_slowdown(monkeypatch):
    calls: list[float] = []
    now = [0.0]
    monkeypatch.setattr(output_pacing.time, "monotonic", lambda: now[0])
    tick = paced(lambda: calls.append(now[0]), 1.0)
    for factor, expected in ((1.0, 20), (4.0, 5)):
        monkeypatch.setattr(output_pacing, "slowdown", lambda factor=factor: factor)
        calls.clear()
        for _ in range(20):
            now[0] += 1.0
            tick()
        assert len(calls) == expected


def test_slowdown_is_one_without_a_watched_terminal():
    output_pacing.uninstall()
    assert output_pacing.slowdown() == 1.0


class FakeDriver:
    """What install() needs of a Textual driver: a terminal on a tty, write, flush, messages."""

    is_headless = is_inline = is_web = False
    input_tty = True

    def __init__(self) -> None:
        self.sent: list[str] = []

    def write(self, data: str) -> None:
        self.sent.append(data)

    def flush(self) -> None:
        pass

    def process_message(self, message) -> None:
        pass


class FakeApp:
    def __init__(self) -> None:
        from textual.geometry import Size

        self._driver = FakeDriver()
        self.size = Size(80, 24)


def test_install_sends_frames_through_the_screen_diff_and_charges_the_budget(monkeypatch):
    from textual.screen import Screen

    monkeypatch.setattr(Screen, "_compositor_refresh", Screen._compositor_refresh)  # install() holds frames
    app = FakeApp()
    try:
        output_pacing.install(app)
        driver = app._driver
        frame = "\x1b[0m\x1b[3;2H\x1b[1;38;2;224;224;224;48;2;18;18;18mweight\x1b[0m"
        driver.write(frame)
        driver.write(frame)  # drawn the same again: nothing goes out
        sent = [s for s in driver.sent if s != output_pacing.PROBE]
        assert "weight" in "".join(sent[:-1]) and sent[-1] == ""
        assert output_pacing.charts_allowed()  # a few bytes: well within the budget
        driver.write("\x1b[1;1H" + "x" * 80 * 24 * 3)  # far more than 80x24's budget allows at once
        assert not output_pacing.charts_allowed()
    finally:
        output_pacing.uninstall()
    assert output_pacing.charts_allowed()  # nothing installed: charts are never held back


def test_ctrl_l_forgets_the_screen_so_the_next_frame_is_sent_whole(monkeypatch):
    """Something outside the app (a `wall` message) drew over cells the diff believes unchanged:
    ctrl+l (`forget_screen`) makes the same frame go out again instead of being skipped."""
    from textual.screen import Screen

    monkeypatch.setattr(Screen, "_compositor_refresh", Screen._compositor_refresh)  # install() holds frames
    app = FakeApp()
    try:
        output_pacing.install(app)
        driver = app._driver
        frame = "\x1b[0m\x1b[3;2H\x1b[1;38;2;224;224;224;48;2;18;18;18mweight\x1b[0m"
        driver.write(frame)
        driver.write(frame)
        assert driver.sent[-1] == ""
        output_pacing.forget_screen()
        driver.write(frame)
        assert "weight" in driver.sent[-1]
    finally:
        output_pacing.uninstall()


async def test_ctrl_l_is_the_apps_redraw_key(catalog):
    from grok_tui.ui.app import GrokApp

    app = GrokApp(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "redraw" in {b.action for b in app._bindings.key_to_bindings.get("ctrl+l", [])}
        await pilot.press("ctrl+l")  # answers, and the screen is still the contents
        assert app.screen.__class__.__name__ == "ContentsScreen"
        redrawn: list[str] = []
        app.action_redraw = lambda: redrawn.append(app.screen.__class__.__name__)  # type: ignore[method-assign]
        await pilot.press("question_mark", "ctrl+l")  # with the help on top too (it reached nothing)
        assert redrawn == ["HelpScreen"]


async def test_quitting_waits_for_the_answers_in_flight_and_asks_no_more():
    """An answer arriving once Textual stopped reading input reached the shell as typed text."""
    pacing = OutputPacing()
    assert pacing.probe_due()  # the first probe, answered: the terminal answers
    pacing.answered()
    pacing._last_probe = float("-inf")
    assert pacing.probe_due()  # a second one, in flight as the learner quits
    answered_at: list[float] = []

    def terminal() -> None:
        time.sleep(0.1)  # the link's round trip
        answered_at.append(time.monotonic())
        pacing.answered()

    output_pacing._pacing = pacing
    try:
        threading.Thread(target=terminal).start()
        await output_pacing.settle()
        done = time.monotonic()
    finally:
        output_pacing.uninstall()
    assert answered_at and done >= answered_at[0] and not pacing.awaiting()
    pacing._last_probe = float("-inf")
    assert not pacing.probe_due()  # stopped: nothing more is asked


async def test_quitting_does_not_wait_for_a_terminal_that_never_answers(monkeypatch):
    pacing = OutputPacing()
    assert pacing.probe_due()  # never answered
    slept: list[float] = []

    async def sleep(seconds):
        slept.append(seconds)

    monkeypatch.setattr(output_pacing.asyncio, "sleep", sleep)
    output_pacing._pacing = pacing
    try:
        await output_pacing.settle()
    finally:
        output_pacing.uninstall()
    assert slept == []


def test_the_output_of_a_run_that_printed_nothing_says_so():
    """5.4 prints nothing: after a finished run the output screen said "nothing printed yet: run the
    lesson (space)", sending the learner to run it again."""
    from grok_tui.engine.feed import FeedView
    from grok_tui.engine.runner import RunState
    from grok_tui.ui.screens.output import output_text

    def view(state: RunState) -> FeedView:
        return FeedView(version=1, state=state, detail="", step=20, latest={}, series={}, output="")

    assert output_text(view(RunState.FINISHED)).plain == "this run printed nothing"
    assert output_text(view(RunState.RUNNING)).plain == "nothing printed yet"


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

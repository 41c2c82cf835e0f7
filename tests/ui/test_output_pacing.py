"""The output pacing: a terminal that answers late makes the app draw less often, and only then."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

from grok_tui.ui import output_pacing
from grok_tui.ui.output_pacing import MAX_SLOWDOWN, OutputPacing, paced
from tests.ui.helpers import Clock


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

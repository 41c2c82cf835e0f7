"""Notice a terminal that cannot keep up (a slow SSH link) and tell the screens to draw less often.

Textual hands each frame to a writer thread; over SSH the bytes then wait in sshd's send queue, so
neither the app nor its writer ever blocks while the screen falls seconds behind. The only honest
measure is the terminal itself: after a frame we ask it where its cursor is (CSI 6n, which every
xterm-like terminal answers once it has processed everything sent before). The answer's delay, less
the quickest answer seen (the round trip), is how far the screen is behind. `OutputPacing` keeps a
factor from it: 1.0 while the terminal keeps up; doubled while more than BEHIND seconds queue in
front of the newest frame and the queue is not shrinking; eased back 10% at a time while it keeps
up, but not so far that the app would send more than SHARE of the link's measured rate. The
screens redraw that many times less often (contract C4: `slowdown()`; the lesson screen multiplies
its redraw intervals by it, or wraps its timer in `paced`). A terminal that never answers leaves
the factor at 1.0; so do headless runs (tests), where nothing is installed.

`install` also puts the two byte savers in the write path: grok_tui/ui/screen_diff.py (only the cells
that change, each colour change once) and the byte budget the charts draw within
(grok_tui/ui/byte_budget.py, `charts_allowed`).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from grok_tui.ui.byte_budget import ByteBudget, rate_for
from grok_tui.ui.screen_diff import ScreenDiff

PROBE = "\x1b[6n"
"""Device status report, cursor position: the answer is CSI row;col R (a CursorPosition event)."""
PROBE_EVERY = 0.25
"""Seconds between probes while output flows (4 bytes out, ~8 back); none while nothing is drawn."""
BEHIND = 0.2
"""Seconds of backlog at which the app draws less often."""
CAUGHT_UP = 0.1
"""Seconds of backlog under which the factor eases back towards 1."""
MAX_PROBES = 64
"""Probes in flight at most (a terminal that stopped answering gets no more)."""
STALE = 10.0
"""Seconds after which an unanswered probe is given up."""
MAX_SLOWDOWN = 20.0
"""At most this many times fewer frames (10/s becomes one every 2 s)."""
SHARE = 0.4
"""Share of the link's measured rate the app aims to use, leaving room for key echoes."""
MIN_SPAN = 0.5
"""Seconds of busy link over which its rate is measured."""
MIN_FRAME = 1024
"""Bytes of a frame big enough to time the link by (smaller ones are mostly round trip)."""
RATE_SMOOTHING = 2.0
"""Seconds over which the app's output rate is averaged."""
RATE_MEMORY = 0.95
"""Each new measure of the link's rate keeps this share of the largest one before."""
SETTLE_LIMIT = 2.0
"""Seconds at most that quitting waits for the answers to probes in flight."""


class OutputPacing:
    """Probes the terminal after frames and turns the answers' delays into a slowdown factor.

    `written(n)` and `probe_due()` are called from the UI thread (wrapped driver.write / flush),
    `answered()` from the driver's input thread; a lock keeps the two views consistent.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.factor = 1.0
        self.round_trip: float | None = None
        """The quickest answer seen: the link's round trip with nothing queued."""
        self.backlog = 0.0
        """Seconds the last answer (or the oldest unanswered probe) says the screen is behind."""
        self.drain_rate: float | None = None
        """Bytes per second the link carries, as measured (the largest recent lower bound)."""
        self._total = 0
        self._probes: deque[tuple[float, int, int]] = deque()
        """(sent at, bytes written before it, bytes of the frame just before it) of the probes
        waiting for their answers, oldest first."""
        self._frame = 0
        self._last_probe = float("-inf")
        self._last_answer: tuple[float, float, int] | None = None
        """(answered at, sent at, bytes before it) of the last answer."""
        self._changed_at = float("-inf")
        self._backlog_at_change = 0.0
        self.out_rate: float | None = None
        """Bytes per second the app writes, smoothed."""
        self._updated_at = float("-inf")
        self._total_at_update = 0
        self._anchor: tuple[float, int] | None = None
        """(answered at, bytes before) where the current measurement of the link's rate began."""
        self._stopped = False
        self._queued_until = float("-inf")
        """When the link will have carried everything written so far, at its measured rate."""

    # -- the UI thread ---------------------------------------------------------------------------
    def written(self, count: int) -> None:
        """The app wrote `count` characters to the terminal."""
        now = self._clock()
        with self._lock:
            self._total += count
            self._frame += count
            if self.drain_rate:
                self._queued_until = max(self._queued_until, now) + count / self.drain_rate

    def probe_due(self) -> bool:
        """After a frame: is it time to ask the terminal again? (Marks the probe as sent if so.)"""
        now = self._clock()
        with self._lock:
            frame, self._frame = self._frame, 0
            while self._probes and now - self._probes[0][0] > STALE:
                self._probes.popleft()  # its answer was lost (or the terminal stopped answering)
            if self._probes:
                # Unanswered: the screen is at least this far behind; act on it without waiting.
                self._update(now - self._probes[0][0], self._probes[0][2], now)
            if self._stopped or now - self._last_probe < PROBE_EVERY or len(self._probes) >= MAX_PROBES:
                return False
            self._probes.append((now, self._total, frame))
            self._last_probe = now
            return True

    def stop(self) -> None:
        """Ask the terminal no more (the app is about to hand it back)."""
        with self._lock:
            self._stopped = True

    def resume(self) -> None:
        """Ask again: the terminal is the app's again (back from ctrl+z)."""
        with self._lock:
            self._stopped = False

    def holding(self) -> bool:
        """Should frames wait: the terminal has not yet shown what was sent BEHIND s (and a round
        trip) ago. Frames held meanwhile become one, the screen as it is when the terminal catches
        up: ↓ held down at 64 kbit/s sent a frame for each line scrolled, ~2 KiB each, and the text
        still scrolled 12 s after the key was let go, every key after it waiting behind them."""
        now = self._clock()
        with self._lock:
            if self._stopped or self.round_trip is None:
                return False
            if self._probes and BEHIND + self.round_trip < now - self._probes[0][0] <= STALE:
                return True  # the terminal has not answered for that long: it is that far behind
            # between answers: the queue the link still has to carry, at its measured rate
            return self._queued_until - now > BEHIND

    def awaiting(self) -> bool:
        """Are answers still due? Not from a terminal that has never answered, nor after STALE s."""
        now = self._clock()
        with self._lock:
            return self.round_trip is not None and any(now - sent <= STALE for sent, _, _ in self._probes)

    # -- the input thread ------------------------------------------------------------------------
    def answered(self) -> bool:
        """The terminal's cursor report arrived. False if no probe was waiting (not ours)."""
        now = self._clock()
        with self._lock:
            if not self._probes:
                return False
            sent, consumed, frame = self._probes.popleft()
            delay = now - sent
            self.round_trip = delay if self.round_trip is None else min(self.round_trip, delay)
            busy = self._last_answer is not None and sent < self._last_answer[0] - self.round_trip / 2
            if not busy or self._anchor is None:
                self._anchor = (now, consumed)  # the link may have idled: measure from here on
            elif now - self._anchor[0] >= MIN_SPAN:
                # Every probe since the anchor was queued before the one before it was drawn, so
                # the link was busy all along: the bytes drawn over the time is its rate.
                then, before = self._anchor
                self._rate_seen((consumed - before) / (now - then))
                self._anchor = (now, consumed)
            if frame >= MIN_FRAME:
                # The frame before the probe reached the screen in this time at most, so the link
                # carries at least this much (less if something was queued in front of it).
                self._rate_seen(frame / max(delay - self.round_trip, 0.01))
            self._last_answer = (now, sent, consumed)
            if self.drain_rate:  # shown up to the probe: at most what was written since is queued
                self._queued_until = min(self._queued_until, now + (self._total - consumed) / self.drain_rate)
            self._update(delay, frame, now)
            return True

    # -- the factor --------------------------------------------------------------------------------
    def _rate_seen(self, rate: float) -> None:
        """Each measure is at most the link's rate: keep the largest, forgetting old ones slowly
        (so a link that got slower is noticed)."""
        self.drain_rate = rate if self.drain_rate is None else max(rate, self.drain_rate * RATE_MEMORY)

    def _update(self, delay: float, frame: int, now: float) -> None:
        if self.round_trip is None:  # no answer yet: a terminal that does not answer is not slow
            return
        self.backlog = max(0.0, delay - self.round_trip)
        span = now - self._updated_at
        if 0 < span < 10:  # what the app writes now, smoothed over a couple of seconds
            sample = (self._total - self._total_at_update) / span
            weight = span / (span + RATE_SMOOTHING)
            self.out_rate = sample if self.out_rate is None else (1 - weight) * self.out_rate + weight * sample
        self._updated_at, self._total_at_update = now, self._total
        settled = now - self._changed_at >= max(PROBE_EVERY, self.round_trip)
        # A frame takes its own size over the link's rate to arrive: only a queue in front of it
        # is "behind", and drawing less often would not make the frame itself any quicker.
        queued = self.backlog - (frame / self.drain_rate if self.drain_rate else 0.0)
        if not settled:
            return  # let the last change show in the answers first
        if queued > BEHIND:
            if self.factor > 1 and self.backlog < self._backlog_at_change - CAUGHT_UP:
                return  # behind, but catching up since the last change: wait
            factor = max(self.factor * 2, 2.0)  # behind and not catching up: halve the frame rate
        elif queued < CAUGHT_UP:
            # Keeping up: creep back towards every frame, unless drawing that much more often would
            # send more than a share of what the link carries (then this is the right pace).
            factor = self.factor * 0.9
            if self.drain_rate and self.out_rate and self.out_rate * self.factor / factor > SHARE * self.drain_rate:
                return
        else:
            return
        factor = min(MAX_SLOWDOWN, max(1.0, factor))
        if factor != self.factor:
            self.factor = factor
            self._changed_at = now
            self._backlog_at_change = self.backlog


_pacing: OutputPacing | None = None
_budget: ByteBudget | None = None
_diff: ScreenDiff | None = None


def holding() -> bool:
    """Whether frames wait for the terminal to catch up (OutputPacing.holding): never where nothing
    is installed (tests, headless)."""
    return _pacing is not None and _pacing.holding()


def _hold_frames() -> None:
    """Make a screen's frame wait while the terminal is behind (holding). Only the sending waits:
    layout, scrolling and the callbacks that wait for a refresh go on as ever (a first version held
    the whole update, and the help's held ↓ lost two presses in three: each scroll waited for the
    frame before it). The held frame's regions stay dirty, and the screen asks to be repainted, so
    its update timer ticks on and draws once the terminal has caught up, every change in one frame."""
    from textual.screen import Screen

    if getattr(Screen._compositor_refresh, "_held", False):
        return
    draw = Screen._compositor_refresh

    def compositor_refresh(self: Screen) -> None:
        if self is self.app.screen and not self.app.is_inline and holding():
            self._repaint_required = True  # Screen._on_idle resumes the update timer for it
            self.check_idle()
            return
        draw(self)

    compositor_refresh._held = True  # type: ignore[attr-defined]
    Screen._compositor_refresh = compositor_refresh  # type: ignore[method-assign]


def slowdown() -> float:
    """How many times less often to redraw: 1.0 while the terminal keeps up (contract C4)."""
    return 1.0 if _pacing is None else _pacing.factor


async def settle() -> None:
    """Before handing the terminal back (quit, ctrl+z): probe no more and wait (SETTLE_LIMIT s at
    most) for the answers in flight.
    Textual stops reading input as it shuts down, so an answer arriving later reached the shell as
    typed text: `^[[2;1R` before the prompt, and `1Recho ok` as the learner's next command."""
    pacing = _pacing
    if pacing is None:
        return
    pacing.stop()
    deadline = time.monotonic() + SETTLE_LIMIT
    while pacing.awaiting() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)  # the driver's input thread takes the answers meanwhile


def resume() -> None:
    """After settle(), the terminal back (ctrl+z, then `fg`): probe again."""
    if _pacing is not None:
        _pacing.resume()


def forget_screen() -> None:
    """Send every cell again at the next frame: for ctrl+l, when something outside the app (a `wall`
    message, a stray write to the terminal) has drawn over cells the diff believes unchanged."""
    if _diff is not None:
        _diff.forget()


def charts_allowed() -> bool:
    """May the charts redraw now: the bytes written so far are within the screen's budget
    (grok_tui/ui/byte_budget.py). Always, where nothing is installed (tests, headless)."""
    return _budget is None or _budget.allows()


def paced(callback: Callable[[], Any], interval: float) -> Callable[[], None]:
    """Wrap a timer callback that runs every `interval` s so it runs every `interval * slowdown()`."""
    last = float("-inf")

    def tick() -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= interval * (slowdown() - 0.5):
            last = now
            callback()

    return tick


def install(app: Any) -> OutputPacing | None:
    """Watch the app's terminal (call from on_mount). Nothing for headless or inline apps."""
    global _pacing, _budget, _diff
    from textual import events

    _pacing = _budget = _diff = None
    driver = getattr(app, "_driver", None)
    if driver is None or driver.is_headless or driver.is_inline or driver.is_web:
        return None
    if not getattr(driver, "input_tty", False) or not hasattr(driver, "process_message"):
        return None
    pacing = OutputPacing()
    write, flush, process_message = driver.write, driver.flush, driver.process_message
    # Only the cells that change, each colour change once (grok_tui/ui/screen_diff.py): the same
    # screen in far fewer bytes.
    diff = ScreenDiff(lambda: (app.size.width, app.size.height))
    budget = ByteBudget(lambda: rate_for(app.size.width, app.size.height))

    def paced_write(data: str) -> None:
        data = diff.feed(data)
        pacing.written(len(data))
        budget.spent(len(data.encode("utf-8", "replace")))
        write(data)

    def paced_flush() -> None:
        if pacing.probe_due():
            write(PROBE)
        flush()

    def watch_answers(message: Any) -> None:
        if isinstance(message, events.CursorPosition) and pacing.answered():
            return  # our probe's answer: not for the app
        process_message(message)

    driver.write, driver.flush, driver.process_message = paced_write, paced_flush, watch_answers
    _hold_frames()
    if pacing.probe_due():  # before the first frame: the answer times the link with nothing queued
        write(PROBE)
        flush()
    _pacing, _budget, _diff = pacing, budget, diff
    return pacing


def uninstall() -> None:
    global _pacing, _budget, _diff
    _pacing = _budget = _diff = None

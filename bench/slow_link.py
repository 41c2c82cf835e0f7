"""How far the screen falls behind a playing lesson on a slow link, and how long a key takes to show.

Run by hand: `python bench/slow_link.py [SECONDS] [LESSON] [KBITS ...] [--lab] [--size WxH]`
(defaults: 40 s, 6.5, 64 256 1000 kbit/s, plus an unlimited link for comparison; --lab presses `l`
first, for the lab view with its charts, instead of the reading view; --size the terminal's
columns x rows, 80x24). Each run starts `grok-tui LESSON` at that size behind a simulated link: a
relay drains the pseudo-terminal as sshd does (into a send queue of up to 2 MiB, OpenSSH's channel
window), and the queue reaches the screen at the link's rate, 50 ms later (100 ms round trip). Key
presses and the terminal's answers to queries (cursor position, status) travel back with 50 ms
delay too, so an app that probes its terminal sees the real backlog. Times on the "screen" are
computed from the rate, so the figures do not depend on how loaded the machine is. Prints per link:

  lag      how long bytes the app wrote wait before they are on screen (max, p90, max after the
           first 10 s of playing, at the end)
  key      from pressing < or > to the new speed on screen (median, p90, max), one press every
           KEY_EVERY seconds while the lesson plays
  page     before the lesson plays: from pressing pgdn (or pgup) to the last byte of its redraw on
           screen (median, max of PAGES presses). TEXTUAL_ANIMATIONS=full in the environment gives
           Textual's smooth scrolling back, for comparison (a frame per step of the scroll).
  held     before the lesson plays: ↓ held down (HELD presses HELD_EVERY s apart), then ↑: from the
           last press to the last byte of the screen's answer (a learner holding ↓ at 64 kbit/s
           saw the text still scrolling 5-9 s after letting go, and every key after it waited).

To try the tutor yourself behind such a link, in your own terminal: bench/slow_relay.py.
"""

from __future__ import annotations

import heapq
import math
import os
import select
import shutil
import statistics
import sys
import tempfile
import time
from bisect import bisect_left
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _lessons import PLAYS
from _pty import PtyProgram, TextScreen

from grok_tui.lesson.catalog import load_catalog
from grok_tui.ui import speed as ladder

ONE_WAY = 0.05
WINDOW = 2 * 1024 * 1024
KEY_EVERY = 2.0
PAGES = 6
HELD = 40
HELD_EVERY = 0.04
"""A held arrow key: 40 presses 40 ms apart (a terminal's key repeat is 25-30 a second)."""
SIZE = (80, 24)


def answers(cols: int, rows: int) -> dict[bytes, bytes]:
    """Queries a terminal answers once it has drawn everything sent before them (the cursor's place:
    the bottom right corner)."""
    return {b"\x1b[6n": f"\x1b[{rows};{cols}R".encode(), b"\x1b[5n": b"\x1b[0n"}


def speed_label(speed: float) -> str:
    return "speed max" if speed <= 0 else f"speed {speed:g}/s"


class Link:
    """The relay: reads the pty, computes when each byte reaches the screen, answers queries late."""

    def __init__(self, program: PtyProgram, rate: float | None, window: int, size: tuple[int, int] = SIZE) -> None:
        self.program, self.rate, self.window = program, rate, window
        self.answers = answers(*size)
        self.stream = bytearray()
        self.ends: list[int] = []  # stream offset at the end of each chunk
        self.read_at: list[float] = []
        self.screen_at: list[float] = []
        self.link_free = 0.0
        self.scanned = 0
        self.outbox: list[tuple[float, int, bytes]] = []  # (when, seq, bytes) to write into the pty
        self.seq = 0
        self.view = TextScreen(*size)
        """The characters on the learner's screen: the app sends only the cells that changed, so a
        new text is found on the screen, not as one run of bytes in the stream."""
        self.viewed = 0  # chunks fed to `view`

    def queued(self, now: float) -> float:
        return 0.0 if self.rate is None else max(0.0, self.link_free - now) * self.rate

    def send_later(self, when: float, data: bytes) -> None:
        self.seq += 1
        heapq.heappush(self.outbox, (when, self.seq, data))

    def pump(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while (now := time.monotonic()) < end:
            while self.outbox and self.outbox[0][0] <= now:
                os.write(self.program.master, heapq.heappop(self.outbox)[2])
            wait = min(end - now, 0.005)
            if self.outbox:
                wait = max(0.0, min(wait, self.outbox[0][0] - now))
            if self.queued(now) >= self.window:  # the send queue is full: stop reading (sshd would)
                time.sleep(wait)
                continue
            ready, _, _ = select.select([self.program.master], [], [], wait)
            if not ready:
                continue
            try:
                data = os.read(self.program.master, 16384)
            except OSError:
                return
            now = time.monotonic()
            if self.rate is None:
                on_screen = now + ONE_WAY
            else:
                self.link_free = max(self.link_free, now) + len(data) / self.rate
                on_screen = self.link_free + ONE_WAY
            self.stream += data
            self.ends.append(len(self.stream))
            self.read_at.append(now)
            self.screen_at.append(on_screen)
            self._answer_queries()

    def _answer_queries(self) -> None:
        start = max(0, self.scanned - 3)  # a query cut at the end of the last read
        for query, answer in self.answers.items():
            at = self.stream.find(query, start)
            while at != -1:
                self.send_later(self.screen_time(at + len(query)) + ONE_WAY, answer)
                at = self.stream.find(query, at + 1)
        self.scanned = len(self.stream)

    def screen_time(self, offset: int) -> float:
        """When the byte at `offset` of the stream is on screen."""
        return self.screen_at[min(bisect_left(self.ends, offset), len(self.ends) - 1)]

    def find(self, marker: bytes, start: int) -> int:
        at = self.stream.find(marker, start)
        return -1 if at == -1 else at + len(marker)

    def shown_more(self, text: str, before: int) -> int:
        """Feed the screen what was read since last time, chunk by chunk: the stream offset at the
        end of the first chunk after which `text` is on screen more than `before` times, or -1."""
        while self.viewed < len(self.ends):
            start = self.ends[self.viewed - 1] if self.viewed else 0
            self.view.feed(bytes(self.stream[start : self.ends[self.viewed]]))
            self.viewed += 1
            if self.view.text().count(text) > before:
                return self.ends[self.viewed - 1]
        return -1


def run(
    grok: str,
    lesson: str,
    rate: float | None,
    seconds: float,
    window: int,
    lab: bool = False,
    size: tuple[int, int] = SIZE,
) -> dict:
    play = PLAYS[lesson]
    pace = load_catalog().get(lesson).pace  # type: ignore[union-attr]
    data = tempfile.mkdtemp(prefix="grok-bench-")
    program = PtyProgram([grok, lesson], *size, {"GROK_TUI_DATA": data})
    link = Link(program, rate, window, size)
    try:
        deadline = time.monotonic() + 60
        while link.find(play.marker, 0) == -1:
            if time.monotonic() > deadline:
                raise RuntimeError(f"grok-tui {lesson} did not start")
            link.pump(0.1)
        link.pump(1.0)
        if lab:
            link.send_later(time.monotonic() + ONE_WAY, b"l")
            link.pump(2.0)
        pages: list[float] = []
        for i in range(0 if lab else PAGES):  # the text scrolls in the reading view
            pressed, offset = time.monotonic(), len(link.stream)
            link.send_later(pressed + ONE_WAY, b"\x1b[6~" if i % 3 < 2 else b"\x1b[5~")  # pgdn pgdn pgup
            link.pump(KEY_EVERY + (0 if rate is None else 3.0))
            if len(link.stream) > offset:
                pages.append(link.screen_time(len(link.stream)) - pressed)
        held: list[float] = []
        if not lab:  # ↓ held down, as a key repeats (HELD presses HELD_EVERY s apart), then ↑ back
            for arrow in (b"\x1b[B", b"\x1b[A"):
                first = time.monotonic()
                for n in range(HELD):
                    link.send_later(first + n * HELD_EVERY + ONE_WAY, arrow)
                last = first + (HELD - 1) * HELD_EVERY
                offset = len(link.stream)
                link.pump(last - time.monotonic() + (1.0 if rate is None else 15.0))
                if len(link.stream) > offset:
                    held.append(max(0.0, link.screen_time(len(link.stream)) - last))
        link.send_later(time.monotonic() + ONE_WAY, play.keys.encode())
        link.pump(3.0)
        start_offset, start = len(link.stream), time.monotonic()
        keys: list[float] = []
        speed, key = pace, "<"
        while time.monotonic() - start < seconds:
            pressed = time.monotonic()
            target = ladder.slower(speed) if key == "<" else ladder.faster(speed)
            link.shown_more("", 1 << 30)  # the screen as it is when the key is pressed
            label = speed_label(target)
            before = link.view.text().count(label)
            link.send_later(pressed + ONE_WAY, key.encode())
            found = -1
            while found == -1 and time.monotonic() - pressed < 30:
                link.pump(0.05)
                found = link.shown_more(label, before)
            if found != -1:
                keys.append(link.screen_time(found) - pressed)
                speed, key = target, (">" if key == "<" else "<")
            link.pump(max(0.0, KEY_EVERY - (time.monotonic() - pressed)))
        first = bisect_left(link.ends, start_offset + 1)
        lags = [s - r for s, r in zip(link.screen_at[first:], link.read_at[first:], strict=False)]
        settled = [s - r for s, r in zip(link.screen_at[first:], link.read_at[first:], strict=False) if r - start > 10]
        written = len(link.stream) - start_offset
        finished = b" finished " in link.stream[start_offset:]
        return {
            "lags": lags,
            "settled": settled,
            "keys": keys,
            "pages": pages,
            "held": held,
            "written": written / (time.monotonic() - start),
            "finished": finished,
        }
    finally:
        program.send("\x11")
        program.close()
        shutil.rmtree(data, ignore_errors=True)


def pct(values: list[float], q: float) -> float:
    """The nearest-rank percentile (of two values the p90 is the larger: it was the smaller, below the
    median)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)] if ordered else float("nan")


def parse_size(text: str) -> tuple[int, int]:
    """ "120x40" -> (120, 40): columns x rows."""
    cols, sep, rows = text.lower().partition("x")
    if not (sep and cols.isdigit() and rows.isdigit() and int(cols) > 0 and int(rows) > 0):
        raise SystemExit(f"slow_link.py: --size takes COLUMNSxROWS, e.g. 120x40 (got {text!r})")
    return int(cols), int(rows)


def take_size(args: list[str]) -> tuple[list[str], tuple[int, int]]:
    """The arguments without --size WxH (or --size=WxH), and the size (80x24 when not given)."""
    rest, size = [], SIZE
    i = 0
    while i < len(args):
        if args[i] == "--size":
            if i + 1 == len(args):
                raise SystemExit("slow_link.py: --size takes COLUMNSxROWS, e.g. 120x40")
            size, i = parse_size(args[i + 1]), i + 2
        elif args[i].startswith("--size="):
            size, i = parse_size(args[i].partition("=")[2]), i + 1
        else:
            rest.append(args[i])
            i += 1
    return rest, size


def main() -> None:
    args, size = take_size(sys.argv[1:])
    lab = "--lab" in args
    args = [a for a in args if a != "--lab"]
    unknown = [a for a in args if a.startswith("--")]
    if unknown:  # `--window 100` was a ValueError from float()
        raise SystemExit(f"slow_link.py: unknown option {unknown[0]} (--help lists them)")
    seconds = float(args.pop(0)) if args else 40.0
    lesson = args.pop(0) if args else "6.5"
    kbits = [float(a) for a in args] or [64, 256, 1000]
    grok = str(Path(sys.executable).with_name("grok-tui"))
    print(
        f"grok-tui {lesson} at {size[0]}x{size[1]}, {'lab' if lab else 'reading'} view, playing for {seconds:g} s "
        f"({PLAYS[lesson].note}); "
        f"100 ms round trip; a key every {KEY_EVERY:g} s"
    )
    for kbit in [None, *kbits]:
        rate = None if kbit is None else kbit * 1000 / 8
        r = run(grok, lesson, rate, seconds, WINDOW, lab, size)
        lags, keys = r["lags"], [k * 1000 for k in r["keys"]]
        name = "unlimited" if kbit is None else f"{kbit:g} kbit/s"
        print(
            f"{name:>12}: app wrote {r['written'] / 1024:5.1f} KiB/s   "
            f"lag max {max(lags, default=0):5.2f} s  p90 {pct(lags, 0.9):5.2f} s  "
            f"after 10 s max {max(r['settled'], default=0):5.2f} s  "
            f"end {lags[-1] if lags else 0:5.2f} s   "
            f"key n={len(keys):2d} median {statistics.median(keys) if keys else float('nan'):6.0f} ms  "
            f"p90 {pct(keys, 0.9):6.0f} ms  max {max(keys, default=float('nan')):6.0f} ms"
            + (
                f"   page n={len(r['pages'])} median {statistics.median(r['pages']) * 1000:5.0f} ms "
                f"max {max(r['pages']) * 1000:5.0f} ms"
                if r["pages"]
                else ""
            )
            + (
                "   held key settles " + " / ".join(f"{h:.2f}" for h in r["held"]) + " s after the last press"
                if r["held"]
                else ""
            )
            + f"{'  (the run finished early)' if r['finished'] else ''}",
            flush=True,
        )


if __name__ == "__main__":
    if {"-h", "--help"} & set(sys.argv[1:]):  # what it measures and its arguments
        print(__doc__)
        raise SystemExit(0)
    main()

"""Run a program in a pseudo-terminal of a given size and read what it writes (bench helper).

Markers are looked for on the screen, not only in the byte stream: the app sends only the cells that
change (grok_tui/ui/screen_diff.py), so "step 3" after "step 2" goes out as the one cell "3".
"""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

CHECKOUT = str(Path(__file__).resolve().parent.parent)
"""This checkout: its grok_tui is the one measured, here and in the programs started (PYTHONPATH),
not the one an editable install of another clone points at (a trial measured /work/main's code from
its own clone). `--before TREE` puts that tree first instead."""
sys.path.insert(0, CHECKOUT)

_SCRATCH = tempfile.TemporaryDirectory(prefix="grok-bench-")
"""The benches' data and cache folders, removed with all they hold when the bench ends (a bench that
made its own in the temp folder left one for each start it timed)."""


def scratch(prefix: str = "data-") -> str:
    """A new empty folder, removed when the bench ends."""
    return tempfile.mkdtemp(prefix=prefix, dir=_SCRATCH.name)


_TOKEN = re.compile(
    r"\x1b\[([0-9;?<>=]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^\[\]]|[\r\n\x08]|[^\x1b\r\n\x08]+"
)


class TextScreen:
    """The characters on a terminal screen (no colours): enough of what Textual sends to read it."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self._carry = ""
        self._decode = codecs.getincrementaldecoder("utf-8")("replace").decode

    def feed(self, data: bytes) -> None:
        text = self._carry + self._decode(data)
        self._carry = ""
        at = 0
        for m in _TOKEN.finditer(text):
            if m.start() != at:
                break
            token = m.group(0)
            if token.startswith("\x1b") and m.end() == len(text) and token in ("\x1b", "\x1b]"):
                break  # cut in the middle: wait for the rest
            at = m.end()
            self._apply(token, m.group(1), m.group(2))
        self._carry = text[at:]

    def _apply(self, token: str, params: str | None, final: str | None) -> None:
        if final is not None:
            numbers = [int(n) if n.isdigit() else 0 for n in (params or "").split(";")]
            first = numbers[0] or 1
            if final in "Hf":
                self.row = min(self.rows - 1, first - 1)
                self.col = min(self.cols - 1, (numbers[1] if len(numbers) > 1 and numbers[1] else 1) - 1)
            elif final == "C":
                self.col = min(self.cols - 1, self.col + first)
            elif final == "D":
                self.col = max(0, self.col - first)
            elif final == "A":
                self.row = max(0, self.row - first)
            elif final == "B":
                self.row = min(self.rows - 1, self.row + first)
            elif final == "G":
                self.col = min(self.cols - 1, first - 1)
            elif final == "K":
                line = self.cells[self.row]
                span = range(self.col, self.cols) if numbers[0] == 0 else range(self.cols)
                for c in span:
                    line[c] = " "
            elif final == "J" and numbers[0] == 2:
                self.cells = [[" "] * self.cols for _ in range(self.rows)]
        elif token == "\r":
            self.col = 0
        elif token == "\n":
            self.row = min(self.rows - 1, self.row + 1)
        elif token == "\x08":
            self.col = max(0, self.col - 1)
        elif not token.startswith("\x1b"):
            line = self.cells[self.row]
            for ch in token:
                if self.col < self.cols:
                    line[self.col] = ch
                    self.col += 1

    def text(self) -> str:
        return "\n".join("".join(line) for line in self.cells)


class PtyProgram:
    def __init__(self, argv: list[str], cols: int, rows: int, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {
            **os.environ,
            "PYTHONPATH": CHECKOUT,
            "TERM": "xterm-256color",
            "COLORTERM": "truecolor",
            **(env or {}),
        }
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.buffer = bytearray()
        self.screen = TextScreen(cols, rows)

    def _got(self, data: bytes) -> None:
        self.buffer += data
        self.screen.feed(data)

    def on_screen(self, text: str) -> bool:
        return text in self.screen.text()

    def wait_until(self, condition, timeout: float = 20.0) -> float | None:
        """Seconds until `condition()` (which reads self.screen) holds, or None."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if condition():
                return time.monotonic() - start
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if ready:
                try:
                    self._got(os.read(self.master, 65536))
                except OSError:
                    return None
        return None

    def read_for(self, seconds: float) -> int:
        """Read everything written during `seconds`; returns the byte count."""
        end = time.monotonic() + seconds
        count = 0
        while (left := end - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    break
                count += len(data)
                self._got(data)
        return count

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> float | None:
        """Seconds until `marker` appears in the output or on the screen, or None."""
        text = marker.decode("utf-8", "replace")
        return self.wait_until(lambda: marker in self.buffer or self.on_screen(text), timeout)

    def wait_quiet(self, quiet: float = 0.5, timeout: float = 30.0) -> float:
        """Read until nothing has been written for `quiet` seconds; returns the monotonic time of the
        last byte (the moment the screen was complete), or of the call when nothing came."""
        last = time.monotonic()
        end = last + timeout
        while (now := time.monotonic()) < end and now - last < quiet:
            ready, _, _ = select.select([self.master], [], [], min(quiet - (now - last), end - now))
            if ready:
                try:
                    data = os.read(self.master, 65536)
                except OSError:
                    break
                if not data:
                    break
                self._got(data)
                last = time.monotonic()
        return last

    def rss_mib(self) -> float:
        """Resident memory of the program, MiB (Linux /proc)."""
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def send(self, keys: str | bytes) -> None:
        os.write(self.master, keys.encode() if isinstance(keys, str) else keys)

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
        os.close(self.master)

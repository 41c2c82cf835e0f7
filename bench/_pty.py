"""Run a program in a pseudo-terminal of a given size and read what it writes (bench helper)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path


class PtyProgram:
    def __init__(self, argv: list[str], cols: int, rows: int, env: dict[str, str] | None = None) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(env or {})}
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=full_env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.buffer = bytearray()

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
                self.buffer += data
        return count

    def wait_for(self, marker: bytes, timeout: float = 20.0) -> float | None:
        """Seconds until `marker` appears in the output, or None."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if marker in self.buffer:
                return time.monotonic() - start
            ready, _, _ = select.select([self.master], [], [], 0.01)
            if ready:
                try:
                    self.buffer += os.read(self.master, 65536)
                except OSError:
                    return None
        return None

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
                self.buffer += data
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

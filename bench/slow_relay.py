"""Try the tutor over a slow link in your own terminal: a relay that limits what reaches the screen.

Run by hand: `python bench/slow_relay.py KBITS [COMMAND ...]` (default command: grok-tui, this checkout's code). The
command runs in a pseudo-terminal of this terminal's size; its output reaches this terminal at
KBITS kbit/s, 50 ms later, and your keys (and the terminal's answers to its queries) reach it 50 ms
later: a 100 ms round trip, as over SSH to a far machine. The relay queues output without limit,
as sshd does. ctrl+] ends the relay (and the command).
"""

from __future__ import annotations

import fcntl
import heapq
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
import tty
from pathlib import Path

ONE_WAY = 0.05
QUIT = b"\x1d"  # ctrl+]
RESTORE = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l"  # mouse reports
    b"\x1b[?2004l\x1b[?1004l\x1b[<u"  # bracketed paste, focus reports, kitty keyboard
    b"\x1b[?1049l\x1b[0m\x1b[?25h"  # the main screen, plain colours, the cursor
)


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2 if len(sys.argv) < 2 else 0
    rate = float(sys.argv[1]) * 1000 / 8
    argv = sys.argv[2:] or [str(Path(sys.executable).with_name("grok-tui"))]
    cols, rows = os.get_terminal_size()
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    # The pseudo-terminal is the command's controlling terminal, as sshd's is: only then does a new
    # size set on it (below) send the command SIGWINCH. Without it a resized window left the tutor
    # drawing at its first size (a learner trial: `ps` showed its tty as `?`).
    proc = subprocess.Popen(
        argv,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},  # this checkout's code
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),  # stdin is the slave by then
    )
    os.close(slave)
    saved = termios.tcgetattr(0)
    tty.setraw(0)
    outbox: list[tuple[float, int, int, bytes]] = []  # (when, seq, fd, bytes)
    seq = 0
    link_free = 0.0
    resized = []

    def on_resize(*_: object) -> None:  # the terminal's new size reaches the command, as ssh passes it on
        resized.append(True)

    signal.signal(signal.SIGWINCH, on_resize)
    quit_asked = False
    try:
        while proc.poll() is None:
            if resized:
                resized.clear()
                cols, rows = os.get_terminal_size()
                fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            now = time.monotonic()
            while outbox and outbox[0][0] <= now:
                _, _, fd, data = heapq.heappop(outbox)
                os.write(fd, data)
            wait = max(0.0, min(0.02, outbox[0][0] - now)) if outbox else 0.02
            ready, _, _ = select.select([master, 0], [], [], wait)
            now = time.monotonic()
            if master in ready:
                try:
                    data = os.read(master, 4096)
                except OSError:
                    break
                # Bytes leave at the link's rate, in order, and arrive one way later.
                for offset in range(0, len(data), 256):
                    chunk = data[offset : offset + 256]
                    link_free = max(link_free, now) + len(chunk) / rate
                    seq += 1
                    heapq.heappush(outbox, (link_free + ONE_WAY, seq, 1, chunk))
            if 0 in ready:
                keys = os.read(0, 1024)
                if QUIT in keys:
                    quit_asked = True
                    break
                seq += 1
                heapq.heappush(outbox, (now + ONE_WAY, seq, master, keys))
        if not quit_asked:
            # The command ended: what it wrote last (its terminal restore: the cursor shown again, the
            # screen back) is still on the link. It used to be dropped, and the cursor stayed hidden.
            while True:
                ready, _, _ = select.select([master], [], [], 0.05)
                try:
                    data = os.read(master, 4096) if ready else b""
                except OSError:
                    data = b""
                if not data:
                    break
                link_free = max(link_free, time.monotonic()) + len(data) / rate
                seq += 1
                heapq.heappush(outbox, (link_free + ONE_WAY, seq, 1, data))
            while outbox:
                when, _, fd, data = heapq.heappop(outbox)
                time.sleep(max(0.0, when - time.monotonic()))
                if fd == 1:
                    os.write(1, data)
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, saved)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        # What a killed tutor leaves switched on: mouse reports (they typed `<35;12;5M` into the shell
        # at every mouse move), bracketed paste, focus reports, the kitty keyboard, the other screen.
        os.write(1, RESTORE + b"\r\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Run the learner's code and an exercise's test in a separate, limited Python process.

Whatever the learner writes (an endless loop, sys.exit, os._exit, a flood of output, a huge
allocation, an exception) ends as a `SandboxResult` with a friendly message; it never freezes or
ends the tutor. The child is `python -I -c <sandbox_child.py>`: isolated from the environment and
the working directory (a fresh temp folder), with a wall-clock time limit and an output limit
enforced here on every platform, and a memory cap (RLIMIT_AS) where the OS has resource limits.
Its verdict comes back in a file outside its working folder (files work everywhere; passing a pipe's
descriptor to a child does not work on Windows). When the check ends, everything it started ends
too: its process group, and on Linux also any process that left the group for a session of its own.

This is a guard against accidents (a loop that never ends, a typo that eats memory), not a security
boundary: the code runs as the learner's user and can read and write what they can.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TIMEOUT = 5.0
DEFAULT_MEMORY = 2 * 1024**3
"""2 GiB of address space: numpy imports comfortably under it, a runaway allocation does not fit."""
OUTPUT_LIMIT = 256 * 1024
"""Bytes of printed output kept; past this the child is stopped as a flood."""
OUTPUT_SHOWN = 2000

CHILD_SOURCE = (Path(__file__).with_name("sandbox_child.py")).read_text(encoding="utf-8")
# One BLAS thread: the check is tiny, and many BLAS threads each reserve address space.
CHILD_ENV = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONIOENCODING": "utf-8"}


@dataclass(frozen=True)
class SandboxResult:
    """What happened to one check. `status` is one of:
    pass, fail (an assertion of the test), error (an exception), syntax, exit (sys.exit / os._exit),
    timeout, memory, flood, crash (the process died some other way), cancelled."""

    status: str
    message: str = ""
    kind: str = ""
    """The exception's type name, for fail / error."""
    phase: str = ""
    """Where it happened: "code" (running the learner's code), "test", or "test-compile"."""
    frames: tuple[tuple[str, int], ...] = ()
    """(file, line) in the learner's code ("<your code>") or the test ("<test>"), innermost last."""
    output: str = ""
    """What the learner's code printed (cut to OUTPUT_SHOWN characters)."""
    seconds: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status == "pass"

    def ended_in(self, filename: str) -> bool:
        """Whether the innermost frame of the traceback is in `filename` (the learner's code, the test)."""
        return bool(self.frames) and self.frames[-1][0] == filename

    def line_in(self, filename: str) -> int | None:
        """The innermost line of the traceback in the learner's code or the test, if any."""
        lines = [line for name, line in self.frames if name == filename]
        return lines[-1] if lines else None


PORTABLE_ENV = "GROK_TUI_PORTABLE_SANDBOX"
"""Set to 1 to use only what every platform has (no process group, no resource limits): the path
Windows takes, so that Linux tests can run it too."""
MARKER_ENV = "GROK_TUI_CHECK"
"""A random token in the check's environment: every process it starts inherits it, which is how the
ones that left its process group (a new session) are found and ended on Linux."""
KEPT_ENV = (
    "PATH",
    "HOME",
    "LANG",
    "LC_ALL",
    "TMPDIR",
    "SYSTEMROOT",
    "WINDIR",
    "TEMP",
    "TMP",
    "USERPROFILE",
    "COMSPEC",
    "PATHEXT",
)


def _env(marker: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k in KEPT_ENV}
    env.update(CHILD_ENV)
    env[MARKER_ENV] = marker
    return env


def _portable(portable: bool | None) -> bool:
    if portable is None:
        portable = os.environ.get(PORTABLE_ENV) == "1"
    return portable or os.name != "posix" or not hasattr(os, "killpg")


def _kill(proc: subprocess.Popen, portable: bool, marker: str) -> None:
    """Stop the child and anything it started."""
    if not portable:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the child leads its own session and group
        except (ProcessLookupError, PermissionError):
            pass
        _end_marked(marker)
    elif os.name == "nt":
        # /T: the whole tree the child started. It may have ended already: nothing to report.
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(proc.pid)],
            capture_output=True,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    with contextlib.suppress(ProcessLookupError, OSError):
        proc.kill()


def _end_marked(marker: str) -> None:
    """Linux: SIGKILL every process whose environment carries this check's marker (the ones that
    went to a new session escape killpg). Elsewhere there is no /proc to look in: nothing to do."""
    proc_dir = Path("/proc")
    if not (proc_dir / "self" / "environ").exists():
        return
    needle = f"{MARKER_ENV}={marker}".encode()
    me = os.getpid()
    for entry in proc_dir.iterdir():
        if not entry.name.isdigit() or int(entry.name) == me:
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                os.kill(int(entry.name), signal.SIGKILL)
        except (OSError, ValueError):  # gone meanwhile, or another user's
            continue


def run_sandboxed(
    code: str,
    test: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int = DEFAULT_MEMORY,
    cancel: threading.Event | None = None,
    portable: bool | None = None,
    guard: tuple[str, ...] = (),
) -> SandboxResult:
    """Run `code`, then `test` in the same fresh namespace, in a child process. Blocks (use a thread).
    The functions named in `guard` fail the test when a call changes one of their arguments.
    `portable` forces the path every platform has (default: $GROK_TUI_PORTABLE_SANDBOX, else only
    where there are no POSIX process groups).

    Never raises for a reason outside the learner's control either (no free file descriptors, a full
    temp dir): that is a "crash" result saying so."""
    try:
        return _run(code, test, timeout, memory, cancel, _portable(portable), guard)
    except OSError as exc:
        return SandboxResult("crash", f"could not start Python to check your code: {exc}")


def _run(
    code: str,
    test: str,
    timeout: float,
    memory: int,
    cancel: threading.Event | None,
    portable: bool,
    guard: tuple[str, ...] = (),
) -> SandboxResult:
    start = time.monotonic()
    marker = secrets.token_hex(8)
    with tempfile.TemporaryDirectory(prefix="grok-check-") as work:
        cwd = Path(work) / "cwd"  # the learner's files go here; the verdict file sits beside it
        cwd.mkdir()
        result_path = Path(work) / "result.json"
        # Portable: a new process group where the OS has one (Windows); else a session of its own.
        new_group = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if portable else 0
        proc = subprocess.Popen(
            [sys.executable, "-I", "-c", CHILD_SOURCE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=_env(marker),
            creationflags=new_group,
            start_new_session=not portable,
        )
        out = _Drain(proc.stdout, OUTPUT_LIMIT)
        try:
            job = json.dumps(
                {
                    "code": code,
                    "test": test,
                    "memory": 0 if portable else memory,
                    "limits": not portable,
                    "result_path": str(result_path),
                    "guard": list(guard),
                    # the child stops itself a little earlier, to report the line it was on
                    "stop_after": max(0.0, timeout - 1.0) if timeout >= 2 else 0,
                }
            )
            assert proc.stdin is not None
            proc.stdin.write(job.encode("utf-8"))
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass  # the child died at once; its exit status says why
        status = _wait(proc, start + timeout, out, cancel, portable, marker)
        _kill(proc, portable, marker)  # anything the code started in the background goes with it
        proc.wait()
        out.join(1.0)
        seconds = time.monotonic() - start
        printed = out.text()
        if status is not None:
            return SandboxResult(
                status, seconds=seconds, output=printed, extra={"timeout": timeout, "limit": OUTPUT_LIMIT}
            )
        try:
            raw = result_path.read_bytes()[: 1024 * 1024]
        except OSError:
            raw = b""
        if raw:
            try:
                data = json.loads(raw.decode("utf-8", "replace"))
            except ValueError:
                data = None
            if isinstance(data, dict):
                return _from_child(data, printed, seconds, memory, timeout)
        code_ = proc.returncode
        if code_ is not None and code_ < 0:
            return SandboxResult(
                "crash", f"killed by signal {-code_}", output=printed, seconds=seconds, extra={"signal": -code_}
            )
        return SandboxResult("exit", f"{code_}", output=printed, seconds=seconds, extra={"returncode": code_})


def _wait(
    proc: subprocess.Popen, deadline: float, out: _Drain, cancel: threading.Event | None, portable: bool, marker: str
) -> str | None:
    """Wait for the child; None when it ended by itself, else why it was stopped."""
    while True:
        try:
            proc.wait(timeout=0.02)
            return None
        except subprocess.TimeoutExpired:
            pass
        why = None
        if cancel is not None and cancel.is_set():
            why = "cancelled"
        elif out.overflowed:
            why = "flood"
        elif time.monotonic() >= deadline:
            why = "timeout"
        if why:
            _kill(proc, portable, marker)
            proc.wait()
            return why


def _from_child(data: dict, printed: str, seconds: float, memory: int, timeout: float) -> SandboxResult:
    status = str(data.get("status", "crash"))
    if data.get("memory"):
        status = "memory"
    elif data.get("kind") in ("SyntaxError", "IndentationError", "TabError"):
        status = "syntax"
    frames = tuple((str(f), int(l)) for f, l in data.get("frames", []) if isinstance(l, int))
    values = data.get("values") if isinstance(data.get("values"), dict) else {}
    shapes = data.get("shapes") if isinstance(data.get("shapes"), dict) else {}
    part = data.get("part") if isinstance(data.get("part"), dict) else {}
    return SandboxResult(
        status,
        str(data.get("message", "")),
        str(data.get("kind", "")),
        str(data.get("phase", "")),
        frames,
        printed,
        seconds,
        {"memory": memory, "values": values, "shapes": shapes, "part": part, "timeout": timeout},
    )


class _Drain:
    """Read a pipe on a thread, keeping at most `limit` bytes; note when more arrived."""

    def __init__(self, stream, limit: int) -> None:
        self.stream, self.limit = stream, limit
        self.chunks: list[bytes] = []
        self.size = 0
        self.overflowed = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            while chunk := self.stream.read1(65536):  # both pipes are buffered binary readers
                if self.size < self.limit:
                    self.chunks.append(chunk[: self.limit - self.size])
                self.size += len(chunk)
                if self.size > self.limit:
                    self.overflowed = True
        except (OSError, ValueError):
            pass
        finally:
            with contextlib.suppress(OSError):
                self.stream.close()

    def join(self, timeout: float) -> None:
        self.thread.join(timeout)

    def data(self) -> bytes:
        return b"".join(self.chunks)

    def text(self) -> str:
        text = self.data().decode("utf-8", "replace")
        return text if len(text) <= OUTPUT_SHOWN else text[:OUTPUT_SHOWN] + "\n... (more output cut)"

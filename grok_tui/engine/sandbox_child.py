"""The child side of the sandbox: run the learner's code, then the exercise's test, report as JSON.

Its source is handed to `python -I -c`, so the child needs nothing of grok_tui and starts from a
clean interpreter; the tutor imports only the two file names below, to read the frames it reports.
It reads one JSON object from stdin: {"code": ..., "test": ..., "memory": bytes or 0, "limits": bool,
"result_path": path} and writes one JSON object to `result_path`, a file outside the folder the
code runs in, opened before the code runs: nothing the learner prints can fake a result. (A file,
not an inherited pipe: passing a descriptor to a child does not work on Windows.)
"""

import json
import sys
import traceback

CODE_FILE = "<your code>"
TEST_FILE = "<test>"
LIMIT = 2000  # characters of any message sent back: a huge repr must not flood the parent


def _short(text):
    text = str(text)
    return text if len(text) <= LIMIT else text[:LIMIT] + " ... (cut)"


def _frames(exc):
    """(file, line) of each traceback frame in the learner's code or the test, innermost last."""
    out = []
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name in (CODE_FILE, TEST_FILE):
            out.append((name, lineno))
    return out


def _test_values(exc):
    """Short reprs of the plain values in the innermost test frame: the input a test failed on."""
    frame = None
    for f, _ in traceback.walk_tb(exc.__traceback__):
        if f.f_code.co_filename == TEST_FILE:
            frame = f
    if frame is None:
        return {}
    out = {}
    for name, value in list(frame.f_locals.items())[:200]:
        if name.startswith("__") or callable(value) or type(value).__name__ == "module":
            continue
        try:
            text = repr(value)
        except Exception:
            continue
        if len(text) <= 200:
            out[name] = text
    return out


def _report(out, data):
    json.dump(data, out)
    out.close()


def main():
    job = json.loads(sys.stdin.read())
    # Opened now, before the code runs in another folder; closed at the end of main.
    fd = open(job["result_path"], "w", encoding="utf-8")  # noqa: SIM115
    try:
        import resource
    except ImportError:  # not on this platform: the parent's time and output limits still hold
        resource = None  # type: ignore[assignment]
    if resource is not None and job.get("limits", True):
        limits = [(resource.RLIMIT_FSIZE, 64 * 1024 * 1024)]  # files the code writes, in a temp dir
        if job.get("memory"):
            # Address space, not RSS: a huge allocation fails with MemoryError instead of swapping.
            limits.append((resource.RLIMIT_AS, job["memory"]))
        for kind, value in limits:
            try:
                resource.setrlimit(kind, (value, value))
            except (ValueError, OSError):  # e.g. macOS refuses some limits: run without that one
                pass
    namespace = {"__name__": "__exercise__"}
    phase = "code"
    try:
        code = compile(job["code"], CODE_FILE, "exec")
        phase = "test-compile"
        test = compile(job["test"], TEST_FILE, "exec")
        phase = "code"
        exec(code, namespace)
        phase = "test"
        exec(test, namespace)
    except SystemExit as exc:
        _report(fd, {"status": "exit", "phase": phase, "message": _short(exc.code), "frames": _frames(exc)})
    except BaseException as exc:  # everything else is the learner's, reported, never raised
        data = {
            "status": "fail" if isinstance(exc, AssertionError) and phase == "test" else "error",
            "phase": phase,
            "kind": type(exc).__name__,
            "memory": isinstance(exc, MemoryError),
            "message": _short(exc),
            "frames": _frames(exc),
            "values": _test_values(exc),
        }
        if isinstance(exc, SyntaxError):
            data["frames"] = [(exc.filename, exc.lineno or 0)]
            data["message"] = _short(exc.msg)
        sys.stdout.flush()
        _report(fd, data)
    else:
        sys.stdout.flush()
        _report(fd, {"status": "pass"})


if __name__ == "__main__":  # run by `python -I -c`; importing this file does nothing
    main()

"""`grok-tui serve`: the tutor in a web browser, through textual-serve (the optional extra
`grok-tui[web]`). Each browser connection starts its own tutor process, which runs as the user who
started the server and shares that user's saved progress: it is meant for one learner reaching their
own machine (or a lab machine) from a browser, not for a class (docs/teaching.md).
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import shlex
import socket
import subprocess
import sys

from grok_tui.cli.messages import no_lesson
from grok_tui.exit_codes import EXIT_OK, EXIT_USAGE
from grok_tui.lesson.catalog import Catalog

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_parsers(parsers: dict, add_lessons_option, descriptions: dict[str, str]) -> None:
    p = parsers["serve"] = argparse.ArgumentParser(
        prog="grok-tui serve",
        description=descriptions["serve"] + ". Each browser tab runs its own "
        "tutor, as your user, with your saved progress. There is no login: keep it on loopback, or "
        "reach it through an SSH tunnel (ssh -L 8000:127.0.0.1:8000 HOST).",
    )
    p.add_argument("lesson", nargs="?", help="open this lesson in every new tab, e.g. 4.5")
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine only)"
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when it is not http://HOST:PORT: a proxy's, or this machine's "
        "name with --host 0.0.0.0 (needed there: no browser connects to 0.0.0.0)",
    )
    add_lessons_option(p)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def app_command(lesson: str | None, lessons: str | None) -> str:
    """The shell command textual-serve runs for each browser connection: this Python, this tutor."""
    argv = [sys.executable, "-m", "grok_tui"]
    if lessons:
        argv += ["--lessons", lessons]
    if lesson:
        argv.append(lesson)
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def is_every_address(host: str) -> bool:
    """0.0.0.0 or ::, which listen on every address of this machine and which no browser connects to."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def page_url(host: str, port: int, public_url: str | None) -> str:
    """The address the page sends browsers to for its scripts and its websocket: textual-serve's
    http://HOST:PORT unless --public-url says otherwise."""
    if public_url:
        return public_url
    return {80: f"http://{host}", 443: f"https://{host}"}.get(port, f"http://{host}:{port}")


def public_url_needed(host: str, port: int, public_url: str | None) -> str:
    """Why the page would not work without --public-url ("" when it would): on 0.0.0.0 its websocket
    was ws://0.0.0.0:PORT/ws, dead in a browser on another machine."""
    if public_url or not is_every_address(host):
        return ""
    return (
        f"with --host {host} the page would send browsers to {page_url(host, port, None)}, which none "
        f"reaches: add --public-url http://NAME:{port}, NAME being this machine's name or address as "
        f"browsers reach it (e.g. --public-url http://{_machine_name()}:{port})"
    )


def _machine_name() -> str:
    return socket.gethostname() or "this-machine"


def exposure_warning(host: str, port: int, public_url: str | None = None) -> str:
    """What binding beyond this machine means, said before the server starts ("" on loopback)."""
    if is_loopback(host):
        return ""
    try:
        user = getpass.getuser()
    except Exception:  # no user name (a container without one): say it generally
        user = "the user who started it"
    return (
        f"warning: serving on {host}:{port}: there is no login, so anyone who can reach this "
        f"address gets the tutor, and the exercise code they type runs on this machine as {user}. "
        f"The page sends browsers to {page_url(host, port, public_url)} (--public-url URL sets the address "
        "they reach this machine by)."
    )


def bind_problem(host: str, port: int) -> str:
    """Why the server could not listen on host:port ("" when it can), found by binding it for a
    moment: textual-serve printed its "Serving ... Press Ctrl+C to quit" banner before it failed."""
    try:
        addresses = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except (OSError, UnicodeError) as exc:  # a host name that is no address
        return _lower_first(getattr(exc, "strerror", None) or str(exc))
    for family, kind, proto, _, address in addresses:
        try:
            with socket.socket(family, kind, proto) as probe:
                if os.name != "nt":  # as the server binds: a port left in TIME_WAIT is free
                    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(address)
        except OSError as exc:
            return _lower_first(exc.strerror or str(exc))
    return ""


def _lower_first(text: str) -> str:
    """ "Address already in use" read within a sentence: "cannot serve on HOST:PORT: address ..."."""
    return text[:1].lower() + text[1:]


def cmd_serve(args: argparse.Namespace, catalog: Catalog) -> int:
    try:
        from textual_serve.server import Server
    except ImportError:
        # `pip install 'grok-tui[web]'` named a package no index has: the tutor installs from a checkout
        print(
            "grok-tui: the browser mode needs textual-serve: `pip install textual-serve` in the tutor's"
            " environment (or, in the grok-tui checkout, pip install '.[web]')",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.lesson is not None and catalog.get(args.lesson) is None:
        print(f"grok-tui: {no_lesson(args.lesson, catalog)}", file=sys.stderr)
        return EXIT_USAGE
    if not 0 < args.port < 65536:
        print(f"grok-tui: --port must be 1-65535 (got {args.port})", file=sys.stderr)
        return EXIT_USAGE
    needed = public_url_needed(args.host, args.port, args.public_url)
    if needed:
        print(f"grok-tui: {needed}", file=sys.stderr)
        return EXIT_USAGE
    problem = bind_problem(args.host, args.port)
    if problem:
        print(f"grok-tui: cannot serve on {args.host}:{args.port}: {problem}", file=sys.stderr)
        return EXIT_USAGE
    warning = exposure_warning(args.host, args.port, args.public_url)
    if warning:
        print(warning, file=sys.stderr)
    lessons = str(catalog.root) if args.lessons else None
    server = Server(
        app_command(args.lesson, lessons), host=args.host, port=args.port, title="grok-tui", public_url=args.public_url
    )
    try:
        server.serve()
    except OSError as exc:  # the port is taken, the address is not this machine's
        print(f"grok-tui: cannot serve on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK

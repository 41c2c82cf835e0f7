"""`grok-tui serve`: the page and the app's websocket answer; loopback by default; a warning when not."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from grok_tui.cli import main
from grok_tui.cli.main import build_subparsers
from grok_tui.cli.serve import app_command, exposure_warning, is_loopback, public_url_needed

pytest.importorskip("textual_serve")


def test_loopback_by_default_and_a_warning_elsewhere() -> None:
    args = build_subparsers()["serve"].parse_args([])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    for host in ("127.0.0.1", "localhost", "::1", "127.0.0.2"):
        assert is_loopback(host) and exposure_warning(host, 8000) == ""
    warning = exposure_warning("0.0.0.0", 8000)
    assert "no login" in warning and "runs on this machine as" in warning
    assert "\n" not in warning


def test_the_warning_says_where_the_page_sends_browsers_and_how_to_change_it() -> None:
    warning = exposure_warning("192.168.1.5", 8000)
    assert warning.endswith(
        "The page sends browsers to http://192.168.1.5:8000 (--public-url URL sets the address they reach "
        "this machine by)."
    )
    assert "sends browsers to https://lab.example.org/tutor (" in exposure_warning(
        "0.0.0.0", 8000, "https://lab.example.org/tutor"
    )


def test_every_address_needs_a_public_url(capsys) -> None:
    """On 0.0.0.0 the page's websocket was ws://0.0.0.0:PORT/ws, dead in a browser on another machine."""
    for host in ("0.0.0.0", "::"):
        assert main(["serve", "--host", host, "--port", "8123"]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"grok-tui: with --host {host} the page would send browsers to http://")
        assert "which none reaches: add --public-url http://NAME:8123, NAME being this machine's name" in err
        assert f"(e.g. --public-url http://{socket.gethostname()}:8123)" in err
    for host, public_url in (("0.0.0.0", "http://lab:8000"), ("192.168.1.5", None), ("127.0.0.1", None)):
        assert public_url_needed(host, 8000, public_url) == ""


def test_each_connection_runs_this_python_and_this_course() -> None:
    command = app_command("4.5", "/some/lessons dir")
    assert command.startswith(sys.executable) and "-m grok_tui --lessons '/some/lessons dir' 4.5" in command


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _page_and_screen(port: int) -> tuple[str, str]:
    aiohttp = pytest.importorskip("aiohttp")  # here, not at collection: every xdist worker collects
    async with aiohttp.ClientSession() as session:
        for _ in range(150):  # the server is starting: up to ~15 s
            try:
                async with session.get(f"http://127.0.0.1:{port}/") as response:
                    page = await response.text()
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
        else:
            raise AssertionError("the server did not answer")
        data = b""
        async with session.ws_connect(f"http://127.0.0.1:{port}/ws?width=80&height=24") as ws:
            await ws.send_json(["resize", {"width": 80, "height": 24}])
            deadline = time.monotonic() + 30
            while b"One input, one weight" not in re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", data):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    message = await ws.receive(timeout=left)
                except TimeoutError:
                    break
                if message.type == aiohttp.WSMsgType.BINARY:
                    data += message.data
                elif message.type == aiohttp.WSMsgType.TEXT:
                    data += message.data.encode()
                else:
                    break
        return page, re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]", b"", data).decode("utf-8", "replace")


def test_the_server_serves_the_page_and_the_tutor_answers_on_its_websocket() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "grok_tui", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        page, screen = asyncio.run(_page_and_screen(port))
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and the tutor it started for the tab
        output = server.communicate(timeout=30)[0].decode()
    assert "xterm" in page  # the terminal page textual-serve writes
    assert f"ws://127.0.0.1:{port}/ws" in page
    assert "grok-tui" in screen and "3.1 One input, one weight" in screen  # the contents screen
    assert f"http://127.0.0.1:{port}" in output and "warning" not in output

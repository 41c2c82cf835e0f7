"""`grok-tui serve` on a port in use: textual-serve's "Serving ... Press Ctrl+C to quit" banner came
first, then "cannot serve"; the port is now tried before anything is printed."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from grok_tui.cli import main, serve


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_port_in_use_is_found_before_serving(taken_port: int) -> None:
    assert serve.bind_problem("127.0.0.1", taken_port) == "address already in use"


def test_a_free_port_is_no_problem() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    assert serve.bind_problem("127.0.0.1", free) == ""


def test_serve_on_a_port_in_use_says_so_and_prints_no_banner(taken_port: int, capsys) -> None:
    pytest.importorskip("textual_serve")
    assert main(["serve", "--port", str(taken_port)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"grok-tui: cannot serve on 127.0.0.1:{taken_port}: address already in use\n"

"""Quitting leaves the shell clean: the screen is cleared before the alternate screen is left (tmux
kept rows of a window grown while the tutor ran, above the shell prompt)."""

from __future__ import annotations

from textual.drivers.headless_driver import HeadlessDriver
from textual.drivers.linux_driver import LinuxDriver

from grok_tui.ui.app import GrokApp
from grok_tui.ui.clearing_driver import CLEAR, clearing


def test_the_terminal_driver_clears_the_screen_before_it_leaves(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(LinuxDriver, "stop_application_mode", lambda self: said.append("leave the alternate screen"))
    monkeypatch.setattr(LinuxDriver, "write", lambda self, data: said.append(data))
    driver_class = clearing(LinuxDriver)
    driver_class.__new__(driver_class).stop_application_mode()
    assert said == [CLEAR, "leave the alternate screen"]
    assert clearing(HeadlessDriver) is HeadlessDriver  # the tests' and the web mode's: as Textual has them


def test_the_tutor_runs_on_the_clearing_driver(small_catalog, monkeypatch):
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    driver_class = GrokApp(small_catalog, speed=0).driver_class
    assert issubclass(driver_class, LinuxDriver) and driver_class is not LinuxDriver

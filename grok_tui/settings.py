"""The learner's settings: a small TOML file under the platform's config directory.

    theme = "nord"        # written by the tutor when a theme is picked in the command palette
    speed = 4             # steps per second for every lesson (0 = as fast as possible)

    [keys]                # the keys of the main actions (replacing their own), e.g. when a terminal eats one
    run = "space,x"
    help = "f1,h"

Every mistake is one line naming the file and the line; the tutor then starts without that entry, or
without the whole file when it is no TOML (and writes no theme into it until it is fixed).
No Textual here: the command line reads the same file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from grok_tui.key_names import CHARACTER_NAMES, key_problem
from grok_tui.toml_errors import toml_problem
from grok_tui.user_dirs import user_dir

CONFIG_ENV = "GROK_TUI_CONFIG"
SETTINGS_FILE = "settings.toml"

#: The actions `[keys]` may rebind, by the name the settings file uses, with the Textual binding ids
#: they set (an action reached from two screens, such as help, sets both).
ACTIONS: dict[str, tuple[str, ...]] = {
    "run": ("lesson.run",),
    "step": ("lesson.step",),
    "reset": ("lesson.reset",),
    "next_lesson": ("lesson.next",),
    "previous_lesson": ("lesson.prev",),
    "exercise": ("lesson.exercise",),
    "next_param": ("lesson.next_param",),
    "previous_param": ("lesson.prev_param",),
    "increase": ("lesson.increase",),
    "decrease": ("lesson.decrease",),
    "slower": ("lesson.slower",),
    "faster": ("lesson.faster",),
    "focus": ("lesson.focus",),
    "zoom": ("lesson.zoom",),
    "output": ("lesson.output",),
    "view": ("lesson.view",),
    "type_param": ("lesson.type",),
    "next_chart": ("lesson.chart",),
    "checks": ("lesson.checks",),
    "contents": ("lesson.contents",),
    "help": ("lesson.help", "contents.help"),
    "quit": ("lesson.quit", "contents.quit"),
}
TOP_KEYS = ("theme", "speed", "keys")


def config_dir() -> Path:
    """$GROK_TUI_CONFIG, else the platform's user config directory for grok-tui."""
    return user_dir(CONFIG_ENV, "config")


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


@dataclass
class Settings:
    path: Path
    theme: str | None = None
    speed: float | None = None
    keys: dict[str, str] = field(default_factory=dict)
    """Action name -> keys ("r", "f1,h")."""
    errors: list[str] = field(default_factory=list)
    """One line each: "FILE:LINE: what is wrong"."""
    theme_line: int = 1
    """Where `theme` is set, for the app to point at a theme name it does not know."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """Where each action of [keys] is set, for the app to point at a key two actions share."""

    def keymap(self) -> dict[str, str]:
        """Textual binding id -> keys, for App.set_keymap."""
        return {binding: keys for action, keys in self.keys.items() for binding in ACTIONS[action]}


def _line_of(lines: list[str], key: str, table: str = "") -> int:
    """The line where `key = ...` is set inside `[table]` ("" for the top level); 1 if not found."""
    current = ""
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1)
            if not table and current == key:
                return number
            continue
        if current == table and re.match(rf"^\"?{re.escape(key)}\"?\s*=", stripped):
            return number
    return 1


def not_toml(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """The one line "FILE:LINE: not valid TOML: why", for a file tomllib cannot read."""
    at, reason = toml_problem(exc)
    return f"{path}:{at or 1}: not valid TOML: {reason}"


class NotSettings(Exception):
    """The settings file is there but is no TOML: a theme written into it would not be read back, and
    would hide the mistake (or write over the very line it is on)."""


def load(path: Path | None = None) -> Settings:
    """The settings in `path` (default: the learner's file); a missing file is no settings."""
    path = path or settings_path()
    settings = Settings(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as exc:
        settings.errors.append(f"{path}:1: cannot read the settings: {exc}")
        return settings
    lines = text.splitlines()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        settings.errors.append(
            f"{not_toml(path, exc)}; the tutor uses its defaults for the whole file until it is fixed"
        )
        return settings

    def error(line: int, message: str) -> None:
        settings.errors.append(f"{path}:{line}: {message}")

    for key in data:
        if key not in TOP_KEYS:
            error(_line_of(lines, key), f"unknown setting {key!r}; known: {', '.join(TOP_KEYS)}")
    theme = data.get("theme")
    if theme is not None:
        settings.theme_line = _line_of(lines, "theme")
        if isinstance(theme, str) and theme.strip():
            settings.theme = theme.strip()
        else:
            error(_line_of(lines, "theme"), 'theme must be a theme\'s name, e.g. "nord" (ctrl+p > theme lists them)')
    speed = data.get("speed")
    if speed is not None:
        if isinstance(speed, (int, float)) and not isinstance(speed, bool) and 0 <= speed <= 1000:
            settings.speed = float(speed)
        else:
            error(
                _line_of(lines, "speed"),
                "speed must be a number of steps per second from 0 to 1000 (0 = as fast as possible)",
            )
    keys = data.get("keys", {})
    if not isinstance(keys, dict):
        error(_line_of(lines, "keys"), 'keys must be a table: [keys] then lines like run = "r"')
        keys = {}
    for action, value in keys.items():
        line = _line_of(lines, action, "keys")
        if action not in ACTIONS:
            error(line, f"unknown action {action!r} in [keys]; known: {', '.join(ACTIONS)}")
        elif not isinstance(value, str) or not all(k.strip() for k in value.split(",")):
            error(line, f'keys.{action} must be keys separated by commas, e.g. "r" or "ctrl+r,f9"')
        elif problems := [p for p in map(key_problem, (k.strip() for k in value.split(","))) if p]:
            # Textual takes any word as a key: "spcae" took space from the run and bound nothing.
            error(line, f"keys.{action} keeps its default key: {'; '.join(problems)}")
        else:
            settings.keys[action] = ",".join(k.strip() for k in value.split(","))
            settings.key_lines[action] = line
    return settings


def clashes(settings: Settings, defaults: dict[str, str]) -> list[str]:
    """A key that two actions of one screen now share, as one error line each: the README's own
    example, run = "r", took r from reset, and nothing said so. `defaults`: binding id -> its keys
    on one screen (the lesson screen's bindings)."""
    keymap = settings.keymap()
    owner = {binding: action for action, bindings in ACTIONS.items() for binding in bindings}
    by_key: dict[str, list[str]] = {}
    for binding, keys in defaults.items():
        for key in keymap.get(binding, keys).split(","):
            # "?" and question_mark are one key to Textual: run = "?" took help's question_mark
            by_key.setdefault(CHARACTER_NAMES.get(key.strip(), key.strip()), []).append(binding)
    out = []
    for key, bindings in by_key.items():
        actions = [owner.get(b, b) for b in bindings]
        if len(actions) < 2:
            continue
        set_here = [a for a in actions if a in settings.keys]
        line = settings.key_lines.get(set_here[0], 1) if set_here else 1
        others = [a for a in actions if a not in set_here] or actions[1:]
        key = next((char for char, name in CHARACTER_NAMES.items() if name == key), key)  # as the help shows it
        out.append(
            f"{settings.path}:{line}: {key!r} is now the key of {set_here[0] if set_here else actions[0]} "
            f"and of {', '.join(others)}: give {others[0]} a key of its own in [keys]"
        )
    return out


NOTICE_SHOWS = 3
"""The mistakes the notice at the start shows; the help lists them all."""


def mistakes(settings: Settings) -> list[str]:
    """The file's mistakes in the order of their lines, each as "line N: what" (the file named once
    above them)."""
    said = []
    for error in settings.errors:
        line, sep, what = error.removeprefix(f"{settings.path}:").partition(": ")
        said.append((int(line), f"line {line}: {what}") if sep and line.isdigit() else (0, error))
    return [text for _, text in sorted(said, key=lambda pair: pair[0])]


def notice(settings: Settings, help_key: str) -> tuple[str, str]:
    """The file's mistakes as one notice (title, message): the file once, then a line each for the
    first few. One notice a mistake, 12 s each, pushed one another out of sight at 80x24."""
    count = len(settings.errors)
    lines = [str(settings.path), *mistakes(settings)[:NOTICE_SHOWS]]
    if count > NOTICE_SHOWS:
        lines.append(f"(and {count - NOTICE_SHOWS} more: {help_key} lists them all)")
    return f"settings: {count} mistake{'s' if count > 1 else ''}", "\n".join(lines)


def save_theme(theme: str, path: Path | None = None) -> None:
    """Write `theme = "..."` into the settings file, keeping everything else in it (comments too).
    NotSettings, the file untouched, if it is not TOML now (OSError if it cannot be read or written)."""
    from grok_tui.safe_files import atomic_write

    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = "# grok-tui settings: see `grok-tui --help` and docs/exercises-and-progress.md\n"
    except UnicodeDecodeError as exc:
        raise NotSettings(f"{path}:1: cannot read the settings: {exc}") from exc
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise NotSettings(not_toml(path, exc)) from exc
    lines = text.splitlines()
    entry = f"theme = {theme!r}".replace("'", '"') if '"' not in theme else f"theme = '{theme}'"
    first_table = next((i for i, line in enumerate(lines) if line.strip().startswith("[")), len(lines))
    for i in range(first_table):
        if re.match(r"^\s*\"?theme\"?\s*=", lines[i]):
            lines[i] = entry
            break
    else:
        lines.insert(first_table, entry)
    atomic_write(path, "\n".join(lines) + "\n")

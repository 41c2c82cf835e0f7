"""The settings file: read, validated with FILE:LINE errors, the theme written back keeping the rest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from grok_tui import settings
from grok_tui.settings import load, save_theme, settings_path


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_is_no_settings(tmp_path) -> None:
    s = load(tmp_path / "none.toml")
    assert (s.theme, s.speed, s.keys, s.errors) == (None, None, {}, [])


def test_the_file_lives_under_the_config_dir(private_data_dir, tmp_path) -> None:
    assert settings_path() == tmp_path / "grok-config" / "settings.toml"  # conftest's private folder


def test_good_settings(tmp_path) -> None:
    s = load(write(tmp_path, 'theme = "nord"\nspeed = 4\n\n[keys]\nrun = "x"\nhelp = "f1, h"\n'))
    assert s.errors == []
    assert (s.theme, s.speed) == ("nord", 4.0)
    assert s.keymap() == {"lesson.run": "x", "lesson.help": "f1,h", "contents.help": "f1,h"}


def test_each_mistake_is_one_line_with_file_and_line(tmp_path) -> None:
    path = write(
        tmp_path, 'theme = "nord"\nsped = 4\nspeed = -1\n\n[keys]\nrun = "x"\njump = "j"\nstep = "two words"\n'
    )
    errors = load(path).errors
    assert errors == [
        f"{path}:2: unknown setting 'sped'; known: theme, speed, keys",
        f"{path}:3: speed must be a number of steps per second from 0 to 1000 (0 = as fast as possible)",
        f"{path}:7: unknown action 'jump' in [keys]; known: " + ", ".join(settings.ACTIONS),
        f'{path}:8: keys.step keeps its default key: "two words" is not a key name: a key is a character ("x", '
        '"?"), a name (space, enter, escape, tab, up, pageup, home, f1...) or modifiers joined with + (ctrl+q, '
        "shift+tab)",
    ]
    assert all("\n" not in e for e in errors)
    s = load(path)
    assert s.theme == "nord" and s.keys == {"run": "x"}  # the good entries still count


def test_a_misspelt_key_is_pointed_at_and_the_action_keeps_its_own(tmp_path) -> None:
    """Textual binds any word: `run = "spcae"` took space from the run and bound nothing, and
    `quit = "ctrl-q"` took q away, while the screen said "press spcae to run"."""
    path = write(tmp_path, '[keys]\nrun = "spcae"\nquit = "ctrl-q"\nhelp = "f1,Esc"\nstep = "x"\nreset = ""\n')
    s = load(path)
    assert s.errors == [
        f'{path}:2: keys.run keeps its default key: "spcae" is not a key name (did you mean "space"?)',
        f'{path}:3: keys.quit keeps its default key: "ctrl-q" is not a key name (did you mean "ctrl+q"?)',
        f'{path}:4: keys.help keeps its default key: "Esc" is not a key name (did you mean "escape"?)',
        f'{path}:6: keys.reset must be keys separated by commas, e.g. "r" or "ctrl+r,f9"',
    ]
    assert s.keys == {"step": "x"}
    good = write(tmp_path, '[keys]\nrun = "space,ctrl+shift+r"\nhelp = "f1,?,question_mark"\nquit = "Q,ctrl+q"\n')
    assert load(good).errors == []


def test_bad_toml_names_its_line_and_says_the_whole_file_is_set_aside(tmp_path) -> None:
    path = write(tmp_path, 'theme = "nord"\nspeed = = 3\n')
    s = load(path)
    (error,) = s.errors
    assert error.startswith(f"{path}:2: not valid TOML: ")
    assert error.endswith("; the tutor uses its defaults for the whole file until it is fixed")
    assert s.theme is None  # the good line 1 too


def test_no_theme_is_written_into_a_file_that_is_no_toml(tmp_path) -> None:
    """It would never be read back, and written over an unclosed `theme = "nord` it hid the mistake."""
    for broken in ('theme = "nord\nspeed = 2\n', 'speed = = 3\ntheme = "nord"\n'):
        path = write(tmp_path, broken)
        with pytest.raises(settings.NotSettings, match=rf"^{re.escape(str(path))}:1: not valid TOML: "):
            save_theme("gruvbox", path)
        assert path.read_text() == broken
    path.write_bytes(b'theme = "caf\xe9"\n')
    with pytest.raises(settings.NotSettings, match="cannot read the settings"):
        save_theme("gruvbox", path)
    assert path.read_bytes() == b'theme = "caf\xe9"\n'


def test_saving_the_theme_keeps_comments_and_other_settings(tmp_path) -> None:
    path = write(tmp_path, '# mine\ntheme = "nord"\nspeed = 2\n\n[keys]\nrun = "x"\n')
    save_theme("gruvbox", path)
    assert path.read_text() == '# mine\ntheme = "gruvbox"\nspeed = 2\n\n[keys]\nrun = "x"\n'
    path = write(tmp_path, '[keys]\nrun = "x"\n')
    save_theme("nord", path)
    assert load(path).theme == "nord" and load(path).keys == {"run": "x"}
    fresh = tmp_path / "new" / "settings.toml"
    save_theme("nord", fresh)
    assert load(fresh).theme == "nord" and load(fresh).errors == []


def test_the_mistakes_are_one_notice_in_line_order(tmp_path) -> None:
    path = write(tmp_path, '[keys]\nrun = "spcae"\n')
    s = load(path)
    s.errors.append(f"{path}:1: a mistake found later, by the app")
    assert settings.mistakes(s) == [
        "line 1: a mistake found later, by the app",
        'line 2: keys.run keeps its default key: "spcae" is not a key name (did you mean "space"?)',
    ]
    assert settings.notice(s, "F1") == ("settings: 2 mistakes", "\n".join([str(path), *settings.mistakes(s)]))
    s.errors = s.errors[:1]
    assert settings.notice(s, "F1")[0] == "settings: 1 mistake"
    s.errors = [f"{path}:{n}: mistake {n}" for n in range(1, 6)]
    assert settings.notice(s, "h")[1].splitlines()[1:] == [
        "line 1: mistake 1",
        "line 2: mistake 2",
        "line 3: mistake 3",
        "(and 2 more: h lists them all)",
    ]


def test_a_character_and_its_name_are_one_key_when_two_actions_share_it(tmp_path) -> None:
    """Textual reads "?" as question_mark: run = "?" took help's key, and no clash was said."""
    path = write(tmp_path, '[keys]\nrun = "?"\n')
    defaults = {"lesson.run": "space", "lesson.help": "f1,question_mark", "lesson.reset": "r"}
    assert settings.clashes(load(path), defaults) == [
        f"{path}:2: '?' is now the key of run and of help: give help a key of its own in [keys]"
    ]
    path = write(tmp_path, '[keys]\nrun = "question_mark"\n')
    assert settings.clashes(load(path), {**defaults, "lesson.help": "f1,?"}) == [
        f"{path}:2: '?' is now the key of run and of help: give help a key of its own in [keys]"
    ]

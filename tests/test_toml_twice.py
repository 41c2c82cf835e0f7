"""A key or a table written twice in settings.toml, a lesson's metadata or a quiz: tomllib's own
"Cannot overwrite a value" reached the learner and the teacher, while other TOML mistakes had words."""

from __future__ import annotations

from pathlib import Path

from grok_tui.instruments.quiz import parse_quiz
from grok_tui.lesson.parse import parse_lesson
from grok_tui.settings import load

LESSONS = Path(__file__).resolve().parent.parent / "lessons"


def test_a_setting_written_twice_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('theme = "nord"\ntheme = "gruvbox"\n', encoding="utf-8")
    (error,) = load(path).errors
    assert error.startswith(f"{path}:2: not valid TOML: a key set twice (keep one); "), error


def test_a_settings_table_written_twice_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('[keys]\nrun = "r"\n[keys]\nhelp = "f1"\n', encoding="utf-8")
    (error,) = load(path).errors
    assert error.startswith(f"{path}:3: not valid TOML: the table [keys] is written twice (merge them into one); ")


def test_a_lesson_metadata_key_written_twice_is_said_in_words(tmp_path: Path) -> None:
    source = LESSONS / "ch4" / "4.5-breaking-gradient-descent.md"
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    pace = next(i for i, line in enumerate(lines) if line.startswith("pace = "))
    path = tmp_path / source.name
    path.write_text("".join([*lines[: pace + 1], lines[pace], *lines[pace + 1 :]]), encoding="utf-8")
    lesson, problems = parse_lesson(path)
    assert lesson is None
    assert [str(p) for p in problems] == [f"{path}:{pace + 2}: metadata is not valid TOML: a key set twice (keep one)"]


def test_a_quiz_key_written_twice_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "quiz.toml"
    text = (LESSONS / "ch4" / "quiz.toml").read_text(encoding="utf-8")
    path.write_text(text.replace("chapter = 4\n", "chapter = 4\nchapter = 4\n", 1), encoding="utf-8")
    quiz, problems = parse_quiz(path)
    assert quiz is None
    line = text.splitlines().index("chapter = 4") + 2
    assert [str(p) for p in problems] == [f"{path}:{line}: quiz is not valid TOML: a key set twice (keep one)"]


def test_the_common_toml_slips_are_said_in_words() -> None:
    """A stray quote after a value gave tomllib's "Expected newline or end of document after a
    statement" (a teacher's trial); an unquoted word, "Invalid value"."""
    import tomllib

    from grok_tui.toml_errors import toml_problem

    said = {}
    for text in ('title = "Bias""\n', "x = 1\ntitle = Bias\n", "my key = 1\n"):
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            said[text] = toml_problem(exc)
    assert said['title = "Bias""\n'] == (
        1,
        "something follows the value on its line (a stray quote, or a second value: one key = value a line)",
    )
    assert said["x = 1\ntitle = Bias\n"] == (
        2,
        "the value is not one TOML knows (text needs quotes; true, false, numbers, [lists] do not)",
    )
    assert said["my key = 1\n"] == (1, "a key has no `=` after it (a space in a key name?)")

"""The exercise editor still highlights Python with only the tree-sitter Python grammar installed
(the tutor depends on it instead of textual[syntax]'s fourteen grammars)."""

from __future__ import annotations

import importlib.util

from textual.app import App, ComposeResult

from grok_tui.ui.exercise_editor import CodeEditor

SOURCE = "def w_sum(a, b):\n    return 0  # TODO\n"


class EditorApp(App):
    def compose(self) -> ComposeResult:
        yield CodeEditor.code_editor(SOURCE, language="python")


async def test_python_is_highlighted() -> None:
    app = EditorApp()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        editor = app.query_one(CodeEditor)
        assert editor.is_syntax_aware
        names = {name for line in editor._highlights.values() for _, _, name in line}
        assert {"keyword.function", "function", "comment", "number"} <= names, names
        first = sorted(editor._highlights[0])
        assert first[0] == (0, 3, "keyword.function")  # "def"


def test_the_python_grammar_alone_is_declared() -> None:
    from textual._tree_sitter import get_language

    assert get_language("python") is not None
    assert importlib.util.find_spec("tree_sitter_python") is not None

"""Pygments' tokens of a lesson's code cells, kept between starts.

The first Python highlight of a process builds pygments' Python lexer: ~30 ms of compiling its
regular expressions, paid by the first frame of every lesson whose first screen shows code (7.5's
does). The tokens of a lesson's cells are saved (one small file per lesson, in the user's cache
folder next to the parsed course) once the lesson is on screen, and read at its next start: the
colours are the same (the tokens are the lexer's own, for the same text and options), and the lexer
is only built for code not seen before (an edit, a new grok-tui or pygments: the key is the text).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterator
from typing import Any

import pygments
from pygments.lexer import Lexer
from pygments.token import Token, _TokenType

from grok_tui.lesson import catalog_cache

LEXER = "python"
TAB_SIZE = 4
"""rich.syntax.Syntax's default tab size, which it gives the lexers it makes (as tabsize)."""
FOLDER = "code-tokens"
FORMAT = 1
KEEP = 64
"""Texts kept per lesson file at most, the latest lexed last: an edited cell leaves its old text
behind, and a course edited many times must not grow the file without end."""


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _token_type(names: tuple[str, ...]) -> _TokenType:
    token = Token
    for name in names:
        token = getattr(token, name)
    return token


class CodeTokens(Lexer):
    """A pygments lexer for Python that answers from the saved tokens of one lesson's cells when the
    text is one it has seen, else from pygments' own Python lexer (made with the options Rich's
    Syntax gives the lexers it makes, so the tokens, hence the colours, are the same)."""

    name = "Python (saved tokens)"

    def __init__(self, lesson_id: str) -> None:
        super().__init__(stripnl=False, ensurenl=True, tabsize=TAB_SIZE)
        self.path = catalog_cache.cache_path().parent / FOLDER / f"{_key(lesson_id)}.pickle"
        self._saved: dict[str, list[tuple[_TokenType, str]]] | None = None
        self._lexer: Lexer | None = None
        self.misses = 0
        """Texts lexed by pygments (not found in the saved tokens): a figure for tests."""
        self._written = 0

    def _load(self) -> dict[str, list[tuple[_TokenType, str]]]:
        if self._saved is None:
            self._saved = {}
            try:
                with self.path.open("rb") as handle:
                    version, saved = pickle.load(handle)
                if version == (FORMAT, pygments.__version__):
                    self._saved = {
                        key: [(_token_type(names), value) for names, value in tokens] for key, tokens in saved.items()
                    }
            except Exception:  # missing, unreadable, from another version: lex afresh
                pass
        return self._saved

    def _lex(self, text: str) -> list[tuple[_TokenType, str]]:
        if self._lexer is None:
            from pygments.lexers import get_lexer_by_name

            self._lexer = get_lexer_by_name(LEXER, stripnl=False, ensurenl=True, tabsize=TAB_SIZE)
        self.misses += 1
        return list(self._lexer.get_tokens(text))

    def get_tokens(self, text: str, unfiltered: bool = False) -> Iterator[tuple[_TokenType, str]]:
        saved = self._load()
        key = _key(text)
        tokens = saved.get(key)
        if tokens is None:
            tokens = saved[key] = self._lex(text)
        return iter(tokens)

    def save(self) -> None:
        """Write the file if pygments lexed anything since it was read (called on a thread once the
        lesson's first frame is out: the cells it showed are then among the texts lexed)."""
        if self._saved is None or self.misses == self._written:
            return
        self._written = self.misses
        latest = list(dict(self._saved).items())[-KEEP:]
        plain: dict[str, Any] = {key: [(tuple(t), v) for t, v in tokens] for key, tokens in latest}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(((FORMAT, pygments.__version__), plain), protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only cache folder only costs the next start the lexer

"""A finished run's final variables, as the tutor reads them: copied out of the run's process and
unpickled on first read, the big ones fetched from the process only when read."""

from __future__ import annotations

import contextlib
import pickle
import threading
import weakref
from collections.abc import Iterator, Mapping
from typing import Any

from grok_tui.engine import process


class Namespace(Mapping[str, Any]):
    """The final variables of a run, copied out of its process and unpickled when first read (a value
    whose class lives in a big library, e.g. scikit-learn's Bunch, costs its import only if asked
    for). The lesson's functions, which cannot be copied, are callables answered by the process.

    A run whose process stays (it defined functions) leaves its big values there (child.KEEP_BYTES)
    and they are copied when first read: 7.5's `digits` Bunch and `images`, never read, never reach
    the tutor. Before that process is ended to make room (process.keep_idle), a namespace still in
    use takes every value it had left there."""

    def __init__(
        self,
        pickled: dict[str, bytes | None] | None = None,
        functions: dict[str, process.ChildFunction] | None = None,
        child: process.ChildProcess | None = None,
    ) -> None:
        self._pickled = dict(pickled or {})
        """Pickled values not read yet; None: still in the run's process."""
        self._values: dict[str, Any] = dict(functions or {})
        self._names = list(self._pickled) + [n for n in self._values if n not in self._pickled]
        self._child = child
        self._lock = threading.Lock()
        """Read by the UI thread while another run's thread may end the process (take_kept)."""
        if child is not None and None in self._pickled.values():
            child.before_retire = weakref.WeakMethod(self.take_kept)

    def __getitem__(self, name: str) -> Any:
        with self._lock:
            if name not in self._values:
                data = self._pickled[name]  # KeyError for an unknown name, as a dict
                if data is None:
                    data = self._pickled[name] = self._fetch([name]).get(name)
                if data is None:
                    raise KeyError(f"{name} cannot be read here: its run's process did not keep it")
                try:
                    self._values[name] = pickle.loads(data)
                except Exception as exc:
                    raise KeyError(f"{name} cannot be read here: {exc}") from None
                del self._pickled[name]  # read: its bytes are not needed twice (7.5's images, ~1 MiB)
            return self._values[name]

    def take_kept(self) -> None:
        """Copy every value still kept by the run's process (it is about to end)."""
        with self._lock:
            child, self._child = self._child, None
            names = [name for name, data in self._pickled.items() if data is None]
            if child is not None and names:
                with contextlib.suppress(process.LessonCodeError):  # gone already: they cannot be read
                    self._pickled.update(child.fetch(names))

    def _fetch(self, names: list[str]) -> dict[str, bytes]:
        if self._child is None:
            raise KeyError(f"{names[0]} cannot be read here: the lesson's process has ended")
        try:
            return self._child.fetch(names)
        except process.LessonCodeError as exc:
            raise KeyError(f"{names[0]} cannot be read here: {exc}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._pickled or name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

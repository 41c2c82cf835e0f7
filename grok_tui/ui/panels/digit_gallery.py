"""A strip of digit images with their labels; ←/→ walk through the data set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from rich.text import Text
from textual.binding import Binding

from grok_tui.lesson.model import Lesson
from grok_tui.ui.panels._digits_base import TILE, DigitsPanel, digit_text, tile_strip


class Panel(DigitsPanel):
    """Shows `images`/`labels` of the run (else its test set); the selected one is also drawn large."""

    TITLE = "digit gallery"
    KEYS = "←/→"
    MIN_WIDTH = 16
    WAITING = "Run the lesson (space): the digit images appear here."
    BINDINGS = [
        Binding("left", "move(-1)", "previous image", show=False),
        Binding("right", "move(1)", "next image", show=False),
        Binding("pageup", "move(-10)", "10 images back", show=False),
        Binding("pagedown", "move(10)", "10 images on", show=False),
    ]

    def __init__(self, lesson: Lesson | None = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.images = np.zeros((0, 64))
        self.labels = np.zeros(0, dtype=int)
        self.index = 0
        self.number: object = None
        """The data set index of the image the run is showing live (from its `number`)."""

    def run_stepped(self, values: Mapping[str, Any]) -> None:
        """A lesson that records `image` (and `label`, `number`) shows each one here as it goes."""
        image = values.get("image")
        if image is None or np.size(image) != 64:
            return
        label = values.get("label")
        self.images = np.asarray(image, dtype=float).reshape(1, 64)
        self.labels = np.asarray([label if isinstance(label, int) else -1])
        self.index = 0
        self.number = values.get("number")
        self.ready = True
        self.refresh(layout=True)

    def load(self, namespace: Mapping[str, Any]) -> bool:
        for image_name, label_name in (("images", "labels"), ("test_images", "test_labels")):
            images, labels = namespace.get(image_name), namespace.get(label_name)
            if images is not None and labels is not None and len(images) == len(labels):
                self.images = np.asarray(images, dtype=float).reshape(len(labels), 64)
                self.labels = np.asarray(labels, dtype=int)
                # Carry on browsing from the image the run showed last.
                start = self.number if isinstance(self.number, int) else 0
                self.index = min(max(start, 0), len(self.labels) - 1)
                return len(self.labels) > 0
        return False

    def action_move(self, delta: int) -> None:
        if len(self.labels):
            self.index = (self.index + delta) % len(self.labels)
            self.refresh()

    def _scale(self) -> int:
        """Cells per pixel of the large image: 2 (16x8 cells), more where the panel has the rows and
        columns, zoomed above all (z kept it 8 rows high over an empty screen). Each step of scale
        takes 4 rows and 8 columns; the strip beside it keeps one small image and its text."""
        if self.sized_by_content:
            return 2  # as tall as what it draws: its height says no more
        rows = (self.visible_height - 2) // 4
        columns = (self.columns - 2 - 20 - TILE) // 8
        return max(2, min(rows, columns, 6))

    def draw(self) -> Text:
        scale = self._scale()
        big = digit_text(self.images[self.index], scale=scale)
        if self.columns < 28:  # a narrow column: just the image and its label
            out = Text("\n").join(big)
            out.append(f"\nimage {self.number if len(self.labels) == 1 else self.index}: a ")
            out.append(str(self.labels[self.index]), style="bold yellow")
            return out
        room = max(1, (self.columns - 8 * scale - 4) // TILE)
        first = (self.index // room) * room
        shown = range(first, min(first + room, len(self.labels)))
        # The selected tile's label is marked ▶3◀ (as 7.5's hidden-weights panel marks its unit).
        labels = [
            (f"▶{self.labels[i]}◀", "reverse bold") if i == self.index else (str(self.labels[i]), "bold") for i in shown
        ]
        strip = tile_strip([digit_text(self.images[i]) for i in shown], labels)
        strip.append(self._caption(self.columns - 8 * scale - 2))
        out = Text()
        for i, line in enumerate(big):
            if i:
                out.append("\n")  # between rows, not after: rstrip took the image's paper (spaces)
            out.append_text(line)
            if i < len(strip):
                out.append("  ")
                out.append_text(strip[i])
        return out

    def _caption(self, room: int) -> Text:
        """`image 11 of 0-1796  label 1  ←/→`, shorter where `room` is short: at 120x40 the label of
        image 1011 was cut off ("image 1011 of 1797  label")."""
        live = len(self.labels) == 1 and isinstance(self.number, int)
        label = str(self.labels[self.index])
        # "of 0-1796", not "of 1797": the last read "image 1796 of 1797", as if counted from 1
        whole = f"image {self.number}" if live else f"image {self.index} of 0-{len(self.labels) - 1}"
        # the arrows only while focused: unfocused, ← → reach it only when no pane with params takes
        # them (LessonFocus.action_arrow), and a caption that promised them misled
        arrows = "  ←/→" if self.focused else ""
        forms = (
            (whole, "  label ", arrows),
            (whole, "  label ", ""),
            (f"image {self.number if live else self.index}", "  label ", ""),
            (f"#{self.number if live else self.index}", " label ", ""),
        )
        for where, said, keys in forms:
            if len(where) + len(said) + len(label) + len(keys) <= room:
                break
        return Text.assemble((where, "italic"), said, (label, "bold yellow"), (keys, "dim"))

    def summary(self) -> list[str]:
        return [f"image {self.index}: a {self.labels[self.index]}", f"{len(self.labels)} images"]

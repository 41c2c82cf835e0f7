"""The streetlight playground: edit the lamps and WALK/STOP of a small data set with the keys; both of
lesson 6.3's networks re-train on it (on a worker thread) and show which rows each learned, and which
hidden node turns on for which pattern. Model and training: grok_tui/instruments/playground.py."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.binding import Binding

from grok_tui.instruments.playground import FIRST, PRESETS, Dataset, Trained, learned, tidy, train
from grok_tui.ui.panels._instrument_base import InstrumentPanel

SHADES = " ░▒▓█"
NODES_AT = 37
"""The column where a row's hidden nodes start: lamps and goal (12), two predictions (11 each), 3 spaces."""
HIDDEN_SIZES = (2, 4, 8)
LEGEND = "✓ ✗: a WALK needs above 0.5, a STOP 0.5 or below."
NODES_LEGEND = "Hidden nodes: · off, ░▒▓█ on, weak to strong."
"""The key to the marks, under the rows (the panel's help, `?`, lists its keys only)."""


class PlaygroundPanel(InstrumentPanel):
    TITLE = "streetlight playground"
    KEYS = f"arrows x toggle a d rows 1-{len(PRESETS)} sets h"
    BINDINGS = [
        Binding("up", "move(-1, 0)", "row up", show=False),
        Binding("down", "move(1, 0)", "row down", show=False),
        Binding("left", "move(0, -1)", "lamp left", show=False),
        Binding("right", "move(0, 1)", "lamp right", show=False),
        Binding("x,enter", "toggle_cell", "toggle lamp / WALK-STOP", show=False),
        Binding("a", "add", "add a row", show=False),
        Binding("d", "remove", "remove the row", show=False),
        *(Binding(str(n), f"preset({n - 1})", f"preset {n}: {name}", show=False) for n, name in enumerate(PRESETS, 1)),
        Binding("h", "hidden", "hidden layer size", show=False),
    ]

    def __init__(self, lesson: Any = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        self.data = Dataset()
        self.preset = list(PRESETS).index(FIRST)
        self.row, self.col = 0, 0
        self.hidden_size = 4
        """The playground's own: the lesson's hidden_size param sets it (each time it changes), h too."""
        self._size_seen = 4
        self.activation = "relu"
        """The hidden layer's, as the lesson's `activation` parameter sets it (6.3: relu or linear)."""
        self.trained: Trained | None = None
        self._version = 0

    def on_mount(self) -> None:
        self._size_seen = self.hidden_size = self._size_now()
        self._retrain()

    # -- editing -----------------------------------------------------------------------------------
    def action_move(self, rows: int, cols: int) -> None:
        self.row = (self.row + rows) % len(self.data.rows)
        self.col = (self.col + cols) % 4
        self._repaint()

    def action_toggle_cell(self) -> None:
        self.data.toggle(self.row, self.col)
        self._retrain()

    def action_add(self) -> None:
        self.row = self.data.add(self.row)
        self._retrain()

    def action_remove(self) -> None:
        self.data.remove(self.row)
        self.row = min(self.row, len(self.data.rows) - 1)
        self._retrain()

    def action_preset(self, index: int) -> None:
        self.preset = index % len(PRESETS)
        self.data = Dataset.preset(list(PRESETS)[self.preset])
        self.row = 0
        self._retrain()

    def action_hidden(self) -> None:
        """h: the next size up of HIDDEN_SIZES (from the lesson's hidden_size 3: 4), after 8 the first."""
        self.hidden_size = next((n for n in HIDDEN_SIZES if n > self.hidden_size), HIDDEN_SIZES[0])
        self._retrain()

    # -- training off the UI thread -----------------------------------------------------------------
    def run_started(self) -> None:
        # A run starts after a parameter changed: 6.3's `linear` must not leave the playground relu
        # (all ✓ for a hidden layer that, without relu, cannot learn the pattern), nor hidden_size 1
        # leave it at "4 nodes" beside `hidden_size ◂ 1 ▸`, as if left over from before.
        size = self._size_now()
        if size != self._size_seen:
            self._size_seen = self.hidden_size = size
            self._retrain()
        elif self._activation_now() != self.activation:
            self._retrain()

    def _activation_now(self) -> str:
        return str(self.params.get("activation", "relu"))

    def _size_now(self) -> int:
        size = self.params.get("hidden_size")
        return size if isinstance(size, int) and size > 0 else 4

    def _retrain(self) -> None:
        self._version += 1
        self.trained = None
        self.activation = activation = self._activation_now()
        self._repaint()
        version, data, size = self._version, Dataset([list(r) for r in self.data.rows]), self.hidden_size
        self.run_worker(
            lambda: self._train(version, data, size, activation), thread=True, exclusive=True, group="playground"
        )

    def _train(self, version: int, data: Dataset, size: int, activation: str) -> None:
        result = train(data, hidden_size=size, activation=activation)
        self.app.call_from_thread(self._trained, version, result)

    def _trained(self, version: int, result: Trained) -> None:
        if version == self._version:
            self.trained = result
            self._repaint()

    def _repaint(self) -> None:
        self.show(self._draw())

    def on_resize(self) -> None:
        self._repaint()  # its sentences wrap, and its columns show, at its width

    def on_focus(self) -> None:
        self._repaint()

    def on_blur(self) -> None:
        self._repaint()

    # -- drawing -----------------------------------------------------------------------------------
    def _draw(self) -> Text:
        # Sentences wrap at the panel's width, and the hidden nodes' column shows where it fits: in
        # the side column at 120x40 (44 wide) the title, the header and the correlations were cut.
        width = self.columns
        nodes = NODES_AT + self.hidden_size <= width
        nodes_said = f"{self.hidden_size} {self.activation} node{'s' if self.hidden_size != 1 else ''}"
        out = self.sentence(
            f"{list(PRESETS)[self.preset] if self._is_preset() else 'your'} data set · "
            f"its own hidden layer: {nodes_said} (h)",
            "bold",
        )
        out.append("\n")
        label = ("hidden nodes" if width >= NODES_AT + 12 else "nodes") if nodes else ""
        out.append(f"{' L M R  goal'}{'1 layer':>9}{'hidden':>11}     {label}".rstrip() + "\n", style="dim")
        trained = self.trained
        for r, row in enumerate(self.data.rows):
            for c in range(4):
                cursor = self.has_focus and (r, c) == (self.row, self.col)
                if c < 3:
                    glyph, style = ("●", "yellow") if row[c] else ("○", "dim")
                    out.append(" ")
                    out.append(glyph, style=style + (" reverse" if cursor else ""))
                else:
                    out.append("  ")
                    out.append(
                        "WALK" if row[3] else "STOP",
                        style=("green" if row[3] else "red") + (" reverse" if cursor else ""),
                    )
            if trained is None:
                out.append("   training...\n", style="dim")
                continue
            for prediction in (trained.one_layer[r], trained.hidden[r]):
                ok = learned(prediction, row[3])
                out.append(f"   {round(float(prediction), 2) + 0.0:+6.2f} ")  # + 0.0: no -0.00
                out.append("✓" if ok else "✗", style="green" if ok else "bold red")
            top = max(float(trained.activations.max()), 1e-9)
            if nodes:
                out.append("   ")
                for value in trained.activations[r]:
                    shade = SHADES[max(1, min(4, int(round(value / top * 4))))] if value > 0 else "·"
                    out.append(shade, style="cyan")
            out.append("\n")
        if trained is not None:
            one, hidden = tidy(trained.error_one_layer), tidy(trained.error_hidden)
            out.append(f"error: 1 layer {one:.3g}, hidden {hidden:.3g}\n")
        # The marks said nothing of themselves: a WALK row at +0.50 was ✗, and the shades had no key.
        keys = [LEGEND, NODES_LEGEND] if nodes else [LEGEND]
        if len(" ".join(keys)) > width:  # a line each, not one cut inside "░▒▓█ on"
            for key in keys:
                out.append_text(self.sentence(key))
                out.append("\n")
        else:
            out.append(" ".join(keys) + "\n", style="dim")
        corr = self.data.correlation()
        out.append_text(
            self.sentence(
                "lamp ↔ WALK correlation: "
                + "  ".join(f"{name} {'—' if c is None else f'{c:+.2f}'}" for name, c in zip("LMR", corr, strict=False))
            )
        )
        return out

    def _is_preset(self) -> bool:
        name = list(PRESETS)[self.preset]
        return self.data.rows == Dataset.preset(name).rows


Panel = PlaygroundPanel

"""The live network diagram: the lesson's layers as columns of nodes, its weight matrices as edges.

The lesson says which variables are which (`[network]` in its metadata, see lessons/README.md); the
model is grok_tui/instruments/network.py and the drawing grok_tui/instruments/network_text.py.
Each step's values light what that step computed: in 6.4 every `s` lights the next stage.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from rich.text import Text

from grok_tui.engine.values import same_value, snapshot
from grok_tui.instruments.network import picture
from grok_tui.instruments.network_text import draw
from grok_tui.ui.panels._instrument_base import InstrumentPanel, playing_hz


class NetworkPanel(InstrumentPanel):
    """Nodes with their values, edges with their weights; deltas and weight deltas as backprop
    computes them; what the latest step computed is lit."""

    TITLE = "network"

    def __init__(self, lesson: Any = None, **kwargs: Any) -> None:
        super().__init__(lesson, **kwargs)
        net = lesson.network if lesson is not None else None
        refs = (*net.layers, *net.weights, *net.deltas, *net.weight_deltas) if net else ()
        self.names = {r.partition("[")[0] for r in refs if r} | {"stage"}
        """The top-level variables the diagram reads."""
        self.matrices = {r.partition("[")[0] for r in net.weights} if net else set()
        """The weight matrices: lit only when a step changed them (an update), not when first shown."""
        self.values: dict[str, Any] = {}
        """This run's values so far."""
        self.last_run: dict[str, Any] = {}
        """The previous run's final values: drawn until this run computes its own."""
        self.lit: set[str] = set()
        self.step: object = None
        """The lesson's step_name value of the latest step heard (6.1's iteration)."""
        self._drawn_at = 0.0
        self._pending = False

    # -- feeding -----------------------------------------------------------------------------------
    def run_started(self) -> None:
        self._begin_again(now=False)

    def run_reset(self) -> None:
        # The values pane says "press space to run": the diagram says its numbers are the last run's.
        self._begin_again(now=True)

    def _begin_again(self, *, now: bool) -> None:
        """This run's values become the last run's, drawn until the next run computes its own."""
        self.last_run = {**self.last_run, **self.values}
        self.values, self.lit, self.step = {}, set(), None
        self._repaint(now=now)

    def run_stepped(self, values: Mapping[str, Any]) -> None:
        name = self.lesson.step_name if self.lesson is not None else ""
        if name in values:
            self.step = values[name]
        lit = set()
        for name, value in values.items():
            if name not in self.names:
                continue
            if name in self.matrices:
                # Weights are computed by an update: lit when they changed, not when first recorded.
                if name in self.values and not same_value(self.values[name], value):
                    lit.add(name)
            else:
                lit.add(name)
            self.values[name] = value
        if lit or self.lit:
            self.lit = lit
            self._repaint()

    def run_finished(self, namespace: Mapping[str, Any]) -> None:
        # Only what no step recorded comes from the final variables: a value a step recorded stays as
        # that step drew it. 5.4 updates its weights after its last step, and the diagram then showed
        # those next to the prediction the old weights had made (input x weight != prediction).
        for name in self.names:
            if name in namespace and name != "stage" and name not in self.values:
                self.values[name] = snapshot(namespace[name])
        self.lit = set()
        self._repaint(now=True)

    def _repaint(self, now: bool = False) -> None:
        """Refresh at most playing_hz() times a second; a step in between is drawn at the next slot."""
        wait = self._drawn_at + 1 / playing_hz(self) - time.monotonic()
        if now or wait <= 0:
            self._drawn_at = time.monotonic()
            self._pending = False
            self.show(self._draw())
            self._title_step()
        elif not self._pending:
            self._pending = True
            self.set_timer(wait, lambda: self._repaint(now=True))

    def _title_step(self) -> None:
        """The step the picture shows, in its title ("network · iteration 8"). It is drawn twice a second while the
        run plays (the bytes over SSH), so it may be a few steps behind the values table, which said
        iteration 13 beside it, and nothing said why they differed."""
        name, step = self.lesson.step_name if self.lesson is not None else "", self.step
        counted = isinstance(step, int) and not isinstance(step, bool) and self.values
        self.retitle(f"{self.TITLE} · {name} {step}" if name and counted else self.TITLE)

    # -- drawing -----------------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.show(self._draw())

    def on_resize(self) -> None:
        self._repaint(now=True)

    def _draw(self) -> Text:
        net = self.lesson.network if self.lesson is not None else None
        if net is None:
            return Text("This lesson declares no [network].", style="dim")
        old = {k: v for k, v in self.last_run.items() if k not in self.values}
        shown = {**self.params, **old, **self.values}
        text = draw(picture(net, shown, self.lit), max(20, self.columns))
        if old and any(n in old for n in self.names - {"stage"}):
            text.append("\n")
            note = "values this run has not computed yet are the last run's" if self.values else "the last run's values"
            text.append(note, style="dim italic")
        return text


Panel = NetworkPanel

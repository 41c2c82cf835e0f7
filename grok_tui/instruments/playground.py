"""The streetlight playground: a small data set of three lamps and WALK/STOP that the learner edits,
trained by the two networks of lesson 6.3 (one layer, and a relu hidden layer) with that lesson's
code and settings: which patterns each learns, and which hidden node turns on for which pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

PRESETS: dict[str, list[tuple[tuple[int, int, int], int]]] = {
    "the book's": [((1, 0, 1), 0), ((0, 1, 1), 1), ((0, 0, 1), 0), ((1, 1, 1), 1), ((0, 1, 1), 1), ((1, 0, 1), 0)],
    "XOR-like": [((0, 0, 1), 0), ((0, 1, 1), 1), ((1, 0, 1), 1), ((1, 1, 1), 0)],
    "AND": [((0, 0, 1), 0), ((0, 1, 1), 0), ((1, 0, 1), 0), ((1, 1, 1), 1)],
    "always on": [((1, 0, 1), 1), ((0, 1, 1), 1), ((0, 0, 1), 1), ((1, 1, 1), 1)],
}
"""Each row: the three lamps, then 1 for WALK or 0 for STOP. The right lamp is on in every row of
the book's set; here it works as the bias the networks have no other way to get."""
FIRST = "XOR-like"
"""The set the playground opens on: lesson 6.3's four lights (in another order), the set no single
layer can learn, which is the lesson's point; keys 1-4 pick any of them."""
MAX_ROWS = 8


@dataclass
class Dataset:
    rows: list[list[int]] = field(default_factory=lambda: [[*list(l), g] for l, g in PRESETS[FIRST]])
    """[left, middle, right, walk] per row, each 0 or 1."""

    @classmethod
    def preset(cls, name: str) -> Dataset:
        return cls([[*list(lamps), goal] for lamps, goal in PRESETS[name]])

    def toggle(self, row: int, col: int) -> None:
        self.rows[row][col] = 1 - self.rows[row][col]

    def add(self, after: int) -> int:
        """A copy of row `after` below it (so it can be edited); returns its index."""
        if len(self.rows) >= MAX_ROWS:
            return after
        self.rows.insert(after + 1, list(self.rows[after] if self.rows else [0, 0, 1, 0]))
        return after + 1

    def remove(self, row: int) -> None:
        if len(self.rows) > 1:
            del self.rows[row]

    @property
    def lamps(self) -> np.ndarray:
        return np.array([r[:3] for r in self.rows], dtype=float)

    @property
    def goals(self) -> np.ndarray:
        return np.array([[r[3]] for r in self.rows], dtype=float)

    def correlation(self) -> list[float | None]:
        """Per lamp, its correlation with WALK over the rows (None when the lamp or the goal never
        changes: there is nothing to correlate)."""
        out: list[float | None] = []
        goals = self.goals[:, 0]
        for lamp in self.lamps.T:
            if lamp.std() == 0 or goals.std() == 0:
                out.append(None)
            else:
                out.append(float(np.corrcoef(lamp, goals)[0, 1]))
        return out


@dataclass(frozen=True)
class Trained:
    one_layer: np.ndarray
    """The one-layer network's prediction for each row, after training."""
    hidden: np.ndarray
    """The hidden-layer network's prediction for each row."""
    activations: np.ndarray
    """Shape (rows, hidden): each hidden node's output (after relu, if it has one) for each row."""
    error_one_layer: float
    error_hidden: float


def relu(x: np.ndarray) -> np.ndarray:
    return (x > 0) * x


def train(
    data: Dataset,
    hidden_size: int = 4,
    alpha: float = 0.2,
    iterations: int = 300,
    seed: int = 1,
    activation: str = "relu",
) -> Trained:
    """Lesson 6.3's two networks on `data`: the one-layer net from the book's starting weights and a
    hidden layer from `seed` (relu, or "linear": none, as 6.3's activation parameter sets it), one
    row at a time, `iterations` passes."""
    act = relu if activation == "relu" else (lambda x: x)
    lamps, goals = data.lamps, data.goals
    rng = np.random.RandomState(seed)
    weights_0_1 = 2 * rng.random_sample((3, hidden_size)) - 1
    weights_1_2 = 2 * rng.random_sample((hidden_size, 1)) - 1
    weights = np.array([0.5, 0.48, -0.7])
    with np.errstate(all="ignore"):
        for _ in range(iterations):
            for i in range(len(lamps)):
                x, goal = lamps[i], goals[i, 0]
                weights = weights - alpha * x * (x.dot(weights) - goal)
                layer_0 = lamps[i : i + 1]
                layer_1 = act(layer_0.dot(weights_0_1))
                layer_2_delta = layer_1.dot(weights_1_2) - goals[i : i + 1]
                slope = (layer_1 > 0) if activation == "relu" else 1.0
                layer_1_delta = layer_2_delta.dot(weights_1_2.T) * slope
                weights_1_2 -= alpha * layer_1.T.dot(layer_2_delta)
                weights_0_1 -= alpha * layer_0.T.dot(layer_1_delta)
    one = lamps.dot(weights)
    activations = act(lamps.dot(weights_0_1))
    two = activations.dot(weights_1_2)[:, 0]
    return Trained(
        one, two, activations, float(np.sum((one - goals[:, 0]) ** 2)), float(np.sum((two - goals[:, 0]) ** 2))
    )


def tidy(x: float) -> float:
    """x as shown: 0 where floating-point rounding left a speck (4.93e-32, -2.4e-17 for an exact 0,
    which prints as -0.00) instead of the exact answer."""
    return 0.0 if abs(x) < 1e-12 else float(x)


def learned(prediction: float, goal: int) -> bool:
    """A row counts as learned when the prediction is on the goal's side of 0.5."""
    return bool(np.isfinite(prediction)) and (prediction > 0.5) == (goal == 1)

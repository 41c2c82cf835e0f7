"""Numpy-only helpers the digits panels share: read a trained run, draw 8x8 images, count mistakes.

No Textual here (the engine-side import-hygiene rule): panels turn these plain values into widgets.

What a chapter 7 lesson leaves in its final namespace, and which panel reads it:

- `images`, `labels`: the images to browse (digit_gallery; falls back to the test set),
- `test_images` (n, 64) scaled to 0..1, `test_labels` (n,) ints: the held-out set,
- `test_probs` (n, 10): the trained network's probabilities on the test set
  (confusion_matrix, misclassified),
- `weights_0_1` (64, hidden): each hidden unit's input weights (hidden_weights),
- `predict(images)` -> (n, 10) probabilities: the lesson's own forward pass (drawing_pad), so the
  pad classifies with exactly the code the learner read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

#: Shades from empty to full ink, for plain-text drawings (print output has no colour).
SHADES = " ░▒▓█"


def as_image(pixels: Any) -> np.ndarray:
    """An 8x8 float image in 0..1 from 64 or 8x8 values (raw 0..16 pixels are scaled down)."""
    image = np.asarray(pixels, dtype=float).reshape(8, 8)
    if image.max(initial=0.0) > 1.0:  # raw scikit-learn pixels run 0..16
        image = image / 16.0
    return np.clip(image, 0.0, 1.0)


def shade_lines(pixels: Any) -> list[str]:
    """Eight lines of text, two characters a pixel, darker characters for more ink."""
    image = as_image(pixels)
    index = np.rint(image * (len(SHADES) - 1)).astype(int)
    return ["".join(SHADES[i] * 2 for i in row) for row in index]


def half_block_cells(
    pixels: Any, scale: int = 1, lo: float | None = None, hi: float | None = None
) -> list[list[tuple[float, float]]]:
    """The image as rows of terminal cells, each cell = (top level, bottom level) in 0..1.

    A cell drawn as '▀' with the top level as foreground colour and the bottom level as background
    shows two pixels stacked; a cell is about twice as tall as wide, so one cell a pixel across
    and half a cell a pixel down gives square pixels. `scale` repeats each pixel that many times
    both ways. `lo`/`hi` map another range (e.g. weights) onto 0..1.
    """
    image = np.asarray(pixels, dtype=float).reshape(8, 8)
    if lo is None and hi is None:
        image = as_image(image)
    else:
        lo = float(image.min()) if lo is None else lo
        hi = float(image.max()) if hi is None else hi
        image = np.clip((image - lo) / ((hi - lo) or 1.0), 0.0, 1.0)
    big = np.kron(image, np.ones((scale, scale)))
    return [[(float(t), float(b)) for t, b in zip(big[r], big[r + 1], strict=False)] for r in range(0, len(big), 2)]


def confusion_matrix(labels: Any, predictions: Any, classes: int = 10) -> np.ndarray:
    """counts[true, predicted]: how often each digit was read as each other digit."""
    counts = np.zeros((classes, classes), dtype=int)
    np.add.at(counts, (np.asarray(labels, dtype=int), np.asarray(predictions, dtype=int)), 1)
    return counts


def held_out_probs(namespace: Mapping[str, Any]) -> np.ndarray | None:
    """The test-set probabilities of a finished run: `test_probs`, else `predict(test_images)`."""
    probs = namespace.get("test_probs")
    if probs is None:
        predict, images = predictor(namespace), namespace.get("test_images")
        if predict is not None and images is not None:
            probs = predict(np.asarray(images, dtype=float))
    if probs is None:
        return None
    probs = np.asarray(probs, dtype=float)
    return probs if probs.ndim == 2 and probs.shape[1] == 10 else None


def held_out(namespace: Mapping[str, Any]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(test_images, test_labels, test_probs) of a finished run, or None if it left none."""
    images, labels = namespace.get("test_images"), namespace.get("test_labels")
    probs = held_out_probs(namespace)
    if images is None or labels is None or probs is None:
        return None
    images = np.asarray(images, dtype=float).reshape(len(labels), 64)
    return images, np.asarray(labels, dtype=int), probs


def predictor(namespace: Mapping[str, Any]) -> Callable[[np.ndarray], np.ndarray] | None:
    """The lesson's own `predict(images) -> probabilities`, if the run defined one."""
    predict = namespace.get("predict")
    return predict if callable(predict) else None


def classify(predict: Callable[[np.ndarray], np.ndarray], image: Any) -> np.ndarray:
    """The ten probabilities the network gives one 8x8 (or 64-pixel) image in 0..1."""
    batch = np.asarray(image, dtype=float).reshape(1, 64)
    return np.asarray(predict(batch), dtype=float).reshape(-1)[:10]

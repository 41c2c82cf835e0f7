"""Every example of the guide (lessons/README.md), copied verbatim into a course with a lesson around
each, passes `grok-tui check`: its charts example set log = true with y_range, which check refuses,
and its quiz verified lesson 4.5 with an `input` the complete example's 4.5 did not have."""

from __future__ import annotations

import io
import re
from pathlib import Path

from grok_tui.cli.run import check_all
from grok_tui.lesson.catalog import load_catalog
from tests.conftest import LESSONS

META = 'id = "{id}"\nchapter = {chapter}\ntitle = "the guide\'s {what}"\n\n'
PARAM = "[params.{}]\ndefault = {}\nmin = {}\nmax = {}\nstep = 0.1\n\n"
CHARTS_RUN = """\
```python train
import numpy as np
act = np.tanh if activation == "tanh" else (lambda v: max(v, 0.0))
for i in range(1, 11):
    trial_weight = -1 + 0.2 * i
    trial_error = (0.5 * trial_weight - 0.8) ** 2
    error = (0.5 * act(weight) - 0.8) ** 2 + alpha / i
    step(error=error, trial_weight=trial_weight, trial_error=trial_error, accuracy=i / 10)
```
"""
NETWORK_RUN = """\
```python train
import numpy as np
layer_0, weights_0_1, weights_1_2 = np.array([1.0, 0.0, 1.0]), np.full((3, 4), 0.1), np.full((4, 1), 0.2)
for i in range(3):
    layer_1 = np.maximum(layer_0.dot(weights_0_1), 0)
    layer_2 = layer_1.dot(weights_1_2)
    layer_2_delta = layer_2 - 1
    layer_1_delta = layer_2_delta.dot(weights_1_2.T) * (layer_1 > 0)
    weight_delta_1_2, weight_delta_0_1 = np.outer(layer_1, layer_2_delta), np.outer(layer_0, layer_1_delta)
    weights_1_2, weights_0_1 = weights_1_2 - 0.1 * weight_delta_1_2, weights_0_1 - 0.1 * weight_delta_0_1
    step(layer_0=layer_0, layer_1=layer_1, layer_2=layer_2, weights_0_1=weights_0_1, weights_1_2=weights_1_2,
         layer_1_delta=layer_1_delta, layer_2_delta=layer_2_delta, weight_delta_0_1=weight_delta_0_1,
         weight_delta_1_2=weight_delta_1_2, error=float(layer_2_delta[0] ** 2))
```
"""
LANDSCAPE_RUN = """\
```python train
weight, goal_pred = 0.5, 0.8
for i in range(5):
    weight_delta = (input * weight - goal_pred) * input
    error = (input * (weight + alpha * weight_delta) - goal_pred) ** 2
    step(weight=weight, weight_delta=weight_delta, error=error)
    weight -= alpha * weight_delta
```
"""
PREDICT_RUN = """\
```python train
weight, goal_pred = 0.5, 0.8
for i in range(3):
    delta = input * weight - goal_pred
    weight_delta = delta * input
    step(weight=weight, input=input, delta=delta, weight_delta=weight_delta, error=delta**2)
    weight -= weight_delta
```
"""
EXERCISE = """\
```python exercise {n}
def {n}(a, b):
    return 0  # TODO
```

```python solution {n}
def {n}(a, b):
    return sum(x * y for x, y in zip(a, b))
```

```python test {n}
got = {n}([1, 2], [3, 4])
assert got == 11, f"{n}([1, 2], [3, 4]) should be 11, got {{got}}"
```

```python train
step(error=float({n}([1.0], [2.0])))
```
"""
CHECK = '\n```python check\nassert recorded("error")[-1] == recorded("error")[-1]\n```\n'


def guide_course(readme: str, out: Path) -> None:
    """A course of the guide's examples, each ```toml block verbatim with the metadata and code it
    needs around it, the complete example as it stands, and the quiz example asked 3 times (a quiz
    holds 3 to 6 questions)."""
    params, charts, network, landscape, predict, quiz, w_sum, renumber = re.findall(
        r"^```toml\n(.*?)^```\n", readme, re.S | re.M
    )
    complete = re.search(r"^````markdown\n(.*?)^````\n", readme, re.S | re.M)
    assert complete is not None
    (out / "ch4").mkdir(parents=True)
    (out / "ch4/4.5-complete.md").write_text(complete.group(1))
    question = quiz[quiz.index("[[questions]]") :]
    (out / "ch4/quiz.toml").write_text(f"{quiz}\n{question}\n{question}")
    alpha_input = PARAM.format("alpha", 0.1, 0.01, 1.0) + PARAM.format("input", 0.5, -2.0, 2.0)
    lessons = {
        "ch9/9.1.md": (
            META.format(id="9.1", chapter=9, what="charts")
            + params
            + PARAM.format("weight", 0.5, -1.0, 2.0)
            + PARAM.format("goal_accuracy", 0.5, 0.0, 1.0)
            + charts,
            CHARTS_RUN,
        ),
        "ch9/9.2.md": (META.format(id="9.2", chapter=9, what="network") + network, NETWORK_RUN),
        "ch9/9.3.md": (META.format(id="9.3", chapter=9, what="landscape") + alpha_input + landscape, LANDSCAPE_RUN),
        "ch9/9.4.md": (
            META.format(id="9.4", chapter=9, what="predict") + PARAM.format("input", 0.5, -2.0, 2.0) + predict,
            PREDICT_RUN,
        ),
        "ch9/9.5.md": (META.format(id="9.5", chapter=9, what="exercise") + w_sum, EXERCISE.format(n="w_sum")),
        "ch7/7.5.md": ('chapter = 7\ntitle = "renumbered"\n' + renumber, EXERCISE.format(n="slope")),
    }
    for name, (meta, body) in lessons.items():
        (out / name).parent.mkdir(exist_ok=True)
        (out / name).write_text(f"+++\n{meta}+++\n\n{body}{CHECK}")


def test_every_example_of_the_guide_passes_check(tmp_path):
    guide_course((LESSONS / "README.md").read_text(encoding="utf-8"), tmp_path)
    said = io.StringIO()
    code = check_all(load_catalog(tmp_path), out=said, timeout=60)
    assert said.getvalue().endswith("7 lesson files and 1 quiz, 0 with problems\n"), said.getvalue()
    assert code == 0

"""The lesson as plain data: what a parsed lesson file contains. No behaviour, no I/O."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

TUTOR_NAMES = frozenset({"step", "print", "recorded"})
"""Names the runner puts into a lesson's namespace (engine/child.py): a parameter may not take one."""

CellRole = Literal["run", "train", "check", "exercise", "solution", "test"]

#: Roles whose code the learner sees in the lesson view. `check` cells assert the book's numbers
#: and are hidden by default; `solution` and `test` belong to an exercise and are shown only by the
#: exercise view (the solution only after a pass).
SHOWN_ROLES: frozenset[str] = frozenset({"run", "train", "exercise"})


@dataclass(frozen=True)
class Param:
    """A tunable parameter declared in the metadata; it reaches the code as a plain variable."""

    name: str
    kind: Literal["float", "int", "choice"]
    default: float | int | str
    min: float | None = None
    max: float | None = None
    step: float | None = None
    """Linear step for `+`/`-`; with `scale = "log"` a multiplicative factor (default 2)."""
    scale: Literal["linear", "log"] = "linear"
    choices: tuple[str, ...] = ()
    help: str = ""
    line: int = 0
    """Line of the `[params.NAME]` table in the lesson file."""


@dataclass(frozen=True)
class Chart:
    """One chart of the live panel: which recorded series it plots."""

    title: str
    series: tuple[str, ...]
    log: bool = False
    """Plot log10 of the values (a log axis crashes textual-plotext on redraw)."""
    x: str = ""
    """The recorded value the x axis shows (e.g. "weight"); empty: the step number."""
    goal: str = ""
    """A parameter the chart draws as a grey line at its value in the run shown (4.4's goal_pred:
    where the prediction is heading, and whether it overshoots)."""
    goal_value: float | None = None
    """...or a fixed number drawn as that line instead (5.2b's target, 70)."""
    goal_label: str = ""
    """What the legend calls that line, where it is no goal: the accuracy of guessing (7.5's chance,
    0.1: a network whose units died sits on it); empty: the parameter's name, or "goal"."""
    at: str = ""
    """On a chart against a value (`x`): a parameter drawn as a grey upright line at its value on
    the x axis (4.1's weight: where the network stands on the U it sweeps)."""
    points: bool = False
    """Each step a point of its own, not joined into a curve: for steps that are not one quantity
    changing over time (5.1 steps through its three weights, one weight delta each)."""
    y_range: tuple[float, float] | None = None
    """The y axis shows at least low..high (an accuracy: 0..1), so a run at chance is not blown up to
    fill the chart (7.6 at batch size 1 filled it with 0.07..0.11) and a better run beside it stays
    drawn; values outside the range still widen the axis."""


@dataclass(frozen=True)
class Cell:
    """A fenced ```python block of the lesson file."""

    role: CellRole
    source: str
    line: int
    """1-based line number in the lesson file of the cell's first code line."""
    name: str = ""
    """The exercise a stub / solution / test cell belongs to."""

    @property
    def shown(self) -> bool:
        return self.role in SHOWN_ROLES


@dataclass(frozen=True)
class Prose:
    """Markdown between cells."""

    text: str
    line: int
    after_questions: bool = False
    """Text that gives away the answers to the run's questions (`<!-- after the questions -->` in
    the file, up to the next code cell): the lesson view folds it until they are answered or skipped
    (LessonSession.settled)."""


Block = Prose | Cell


@dataclass(frozen=True)
class Renamed:
    """Where a lesson or an exercise was before course version `course` renumbered the course, so a
    learner's progress and drafts saved under the old id follow it (see grok_tui/lesson/history.py)."""

    course: int
    """The course version that gave it its next id (2 for the first renumbering)."""
    lesson: str
    """The lesson id before."""
    name: str = ""
    """An exercise's name before, if it changed too ("" = the same name)."""
    line: int = 0
    """Line of the `formerly` / `moved_from` key in the lesson file."""


@dataclass(frozen=True)
class Exercise:
    """A function the learner writes: the stub they start from, checks, hints, a reference."""

    name: str
    title: str
    stub: Cell
    solution: Cell
    test: Cell
    hints: tuple[str, ...] = ()
    moved_from: tuple[Renamed, ...] = ()
    """The lessons this exercise was in before (metadata `moved_from`), oldest course version first."""
    changes_arguments: bool = False
    """Metadata `changes_arguments = true`: the function is meant to change what it is given (6.5's
    learn updates the weights in place). Otherwise a function that changes an argument fails its
    check: the lesson goes on using what it passed in (engine/sandbox_child.py)."""

    @property
    def placeholders(self) -> frozenset[str]:
        """The stub's lines the solution does not have (`return 0`, only there so the stub runs),
        stripped: the editor selects the one under the TODO with it, so the answer replaces both."""
        solution = {line.strip() for line in self.solution.source.splitlines()}
        return frozenset(line.strip() for line in self.stub.source.splitlines() if line.strip() not in solution)


@dataclass(frozen=True)
class Network:
    """`[network]`: which variables are the layers and which the weight matrices between them."""

    layers: tuple[str, ...]
    """A value per layer, input first: a name, or a name with indices (`weights[0]`)."""
    weights: tuple[str, ...]
    """One matrix per pair of neighbouring layers (len(layers) - 1)."""
    deltas: tuple[str, ...] = ()
    """Per layer, the name of its delta ("" for none); empty: no deltas."""
    weight_deltas: tuple[str, ...] = ()
    """Per matrix, the name of its weight_delta ("" for none)."""
    labels: tuple[str, ...] = ()
    """Per layer, a caption; default: the layer's name."""
    rows_are_outputs: bool = False
    """True when each row of a matrix holds one output's weights (the book's chapter 3)."""
    line: int = 0


@dataclass(frozen=True)
class Axis:
    """One weight a landscape walks: the grid variable `name`, whose current value is `value`."""

    name: str
    value: str
    """An expression of the recorded values giving where the run is (`weight`, `weights[1]`)."""
    label: str = ""


@dataclass(frozen=True)
class Landscape:
    """`[landscape]`: the lesson's error as an expression of one or two weights."""

    error: str
    """A numpy expression of the axes' names, the `where` constants, the parameters and the
    recorded values (e.g. `(input * w - goal_pred) ** 2`)."""
    axes: tuple[Axis, ...]
    where: dict[str, object] = field(default_factory=dict)
    recorded: str = ""
    """A recorded value that must equal `error` at every step's point (checked)."""
    line: int = 0
    note: str = ""
    """What the picture holds fixed, said beside it ("weight 2 as it is now"): a slice through
    three weights looks like the whole story otherwise."""


@dataclass(frozen=True)
class Prediction:
    """`[[predict]]`: before step `step` is shown, the learner guesses the value of `value`."""

    step: int
    value: str
    question: str
    tolerance: float
    why: str = ""
    line: int = 0
    plain: str = ""
    """The question asked when the run's parameters are not the defaults, without the default run's
    numbers ("What will weight 1 be at step 2?"); "" : made from `value` and `step`."""
    uses: tuple[str, ...] = ()
    """The recorded values working the plain question out needs, shown with it (the latest of each
    before its step, arrays of up to 8 numbers); empty: the values of the step before."""
    mistakes: tuple[tuple[float, str], ...] = ()
    """(a likely wrong answer, what it shows of the learner's thinking): said only to a learner whose
    answer is that one, within `tolerance` ("You said -0.0353: that is delta; ..."), never after a
    right answer; `why` is said after every answer."""
    label: str = ""
    """What the answer box and the tally call the value ("" : `value`): 5.1 records the weight being
    updated as `weight`, and its box read "weight = ?" where the question asks for weight 1."""

    @property
    def named(self) -> str:
        return self.label or self.value


@dataclass(frozen=True)
class Lesson:
    id: str
    chapter: int
    chapter_title: str
    title: str
    order: float
    path: Path
    blocks: tuple[Block, ...]
    params: tuple[Param, ...] = ()
    charts: tuple[Chart, ...] = ()
    show: tuple[str, ...] = ()
    """Variables to show in the values table (from each step, then from the final namespace)."""
    strip: tuple[str, ...] = ()
    """The values the reading view's one-line strip shows first (default: `show`'s order): at 80
    columns it holds three or four, and 5.2's weights, the lesson's subject, came after pred."""
    panels: tuple[str, ...] = ()
    """Extra UI panels by name (e.g. a confusion matrix); the engine only carries the names."""
    pace: float = 10.0
    """Default live speed in steps per second (0 = as fast as possible)."""
    exercises: tuple[Exercise, ...] = field(default=())
    try_this: tuple[str, ...] = ()
    nan_advice: str = ""
    """What the status line advises when a run's value became nan (not inf): where that is no step
    too large (7.3's 0 * log 0), "try a smaller step" sent the learner the wrong way."""
    stuck_advice: str = ""
    """What the status line advises when a finished run's error stopped changing for good while far
    from 0 (engine.run_reading.STUCK): where a dead hidden node or a wrong order is the cause (6.4,
    6.5, 5.5), "try a smaller alpha" sent the learner the wrong way. Empty: the step-size advice."""
    growth_advice: str = ""
    """What the status line advises when a finished run's error ended higher than it began, in a
    lesson whose step size is no alpha: 4.4's input sets it (each step scales the miss by
    1 - input**2), and a run that blew up to 2.3e+07 was reported "finished" with no word. Set, the
    lesson's error is watched for growth as alpha's lessons are (engine.session.watch_growth)."""
    stuck_advice_by_param: tuple[tuple[str, str], ...] = ()
    """(param, advice): said instead of stuck_advice when that param alone differs from its default
    (stuck_advice_for). 6.5's "try a smaller alpha or seed 0" named both cures, where at alpha 2 only
    the first helps and at seed 2 only the second."""
    stuck_advice_at: tuple[tuple[str, float | int | str, str], ...] = ()
    """(param, value, advice): said at that value of the param, whatever else changed (6.5's one
    hidden node, which no seed or alpha saves); before stuck_advice_by_param."""
    diverged_advice_at: tuple[tuple[str, float | int | str, str], ...] = ()
    """(param, value, advice): said when a run at that value of the param diverges or its error grows
    (7.6's book slip, batch_update=in_loop, whose cure is the fix, not the smaller alpha said else)."""
    step_name: str = ""
    """What one step of a run is ("epoch", "iteration"): a chart on the step axis says it in its
    title ("accuracy by epoch"); empty: the title says what its axis counts, or it is a plain step."""
    check_with: tuple[dict[str, object], ...] = ()
    """Extra parameter sets the checks also run with (besides the defaults)."""
    steps: str = ""
    """How many steps a run takes, as an expression over the params ("iterations"); empty: unknown."""
    formerly: tuple[Renamed, ...] = ()
    """The ids this lesson had before (metadata `formerly`), oldest course version first."""
    network: Network | None = None
    landscape: Landscape | None = None
    predictions: tuple[Prediction, ...] = ()

    @property
    def cells(self) -> tuple[Cell, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Cell))

    @property
    def prose(self) -> tuple[Prose, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Prose))

    @property
    def prints_only(self) -> bool:
        """No chart and no panel (3.8): the lab shows what the run printed instead."""
        return not self.charts and not self.panels

    def exercise(self, name: str) -> Exercise | None:
        return next((e for e in self.exercises if e.name == name), None)

    @property
    def defaults(self) -> dict[str, float | int | str]:
        return {p.name: p.default for p in self.params}

    def diverged_advice_for(self, params: Mapping[str, object]) -> str:
        """The lesson's advice for a run with these params that diverged or grew ("" for none)."""
        return next((advice for name, value, advice in self.diverged_advice_at if _same(params.get(name), value)), "")

    def stuck_advice_for(self, params: Mapping[str, object]) -> str:
        """The advice for a stuck run with these params: the one stuck_advice_by_param gives for the
        only param of it that differs from its default and is not where its advice asks already,
        else stuck_advice. 6.5 at alpha 2 and seed 0 read "try a smaller alpha or seed 0"; with
        hidden_size 2 and alpha 0.05, "try a smaller alpha"."""
        for name, value, advice in self.stuck_advice_at:
            if name in params and _same(params[name], value):
                return advice
        defaults = self.defaults
        changed = [
            untried
            for name, advice in self.stuck_advice_by_param
            if name in params and not _same(params[name], defaults.get(name))
            if (untried := _untried(advice, name, params, defaults.get(name)))
        ]
        return changed[0] if len(changed) == 1 else self.stuck_advice

    @property
    def label(self) -> str:
        return f"{self.id} {self.title}"


@dataclass(frozen=True)
class LessonError:
    """A problem found in a lesson file, always with the place it is at."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:  # line 0: the file as a whole (it cannot be read, or is no file)
        return self.within(None)

    def within(self, root: Path | None) -> str:
        """As str(), the file named from `root` (a line of 80 columns showed a temporary folder's
        path and cut off the file's name and the problem)."""
        path = self.path
        if root is not None and path.is_relative_to(root):
            path = path.relative_to(root)
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"


def _same(a: object, b: object) -> bool:
    """Equal, floats to rounding: a param taken up and back down with + and - is at its default."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return a == b


def _untried(advice: str, name: str, params: Mapping[str, object], default: object) -> str:
    """The cures of `advice` not yet tried: "try more nodes, or try seed 0" at seed 0 says "try
    more nodes" (6.5 with one hidden node is stuck at every seed, and was told "or seed 0" there);
    "" when every cure it names is where it asks already."""
    return OR.join(cure for cure in advice.split(OR) if not _asked_already(cure, name, params, default))


OR = ", or "
"""Between the cures of one advice, each said alone when the others are tried (_untried)."""


def _asked_already(advice: str, name: str, params: Mapping[str, object], default: object) -> bool:
    """The params are where a cure asks them to go: every value it names is the param's value ("try
    seed 0" at seed 0), and `name` moved the way it says (DOWN_WORDS, "smaller", below its default;
    UP_WORDS, "more", above)."""
    asks = [_names_value(advice, p, v) for p, v in params.items()]
    asks = [a for a in asks if a is not None]
    value = params[name]
    if isinstance(value, (int, float)) and isinstance(default, (int, float)) and not isinstance(value, bool):
        words = set(re.findall(r"[a-z]+", advice.lower()))
        down, up = bool(words & DOWN_WORDS), bool(words & UP_WORDS)
        if down or up:
            asks.append((down and value < default) or (up and value > default))
    return bool(asks) and all(asks)


def _names_value(advice: str, param: str, value: object) -> bool | None:
    """Whether `advice` asks `param` to be `value` ("seed 0" at seed 0): None when it names no value
    of it (a word after the name that is not the param's value may be any word: "alpha and")."""
    said = re.search(rf"\b{re.escape(param)} (-?\d+(?:\.\d+)?|[\w-]+)", advice)
    if said is None:
        return None
    token = said.group(1)
    if token == str(value):
        return True
    try:
        return _same(value, float(token))
    except ValueError:
        return None


DOWN_WORDS = frozenset({"smaller", "lower", "less", "fewer"})
UP_WORDS = frozenset({"larger", "bigger", "higher", "more"})
"""The words by which a stuck advice asks a param to go down or up (lessons/README.md lists them)."""

"""The run at a glance: the status line (state, step k/N, measured speed, what next) and the live
strip (the few values that matter and a sparkline of the error), which is what plays while the
learner reads. Both are one line, fit 80 columns, and only send a frame when their text changed."""

from __future__ import annotations

import math
from collections.abc import Sequence
from string import Formatter
from typing import Any

from rich.style import Style
from rich.text import Span, Text
from textual.keys import format_key
from textual.widgets import Static

from grok_tui.engine.runner import RunState
from grok_tui.engine.values import format_value
from grok_tui.ui.contrast import legible

STYLES = {
    RunState.READY: "bold",
    RunState.RUNNING: "bold green",
    RunState.PAUSED: "bold yellow",
    RunState.FINISHED: "bold cyan",
    RunState.FAILED: "bold red",
    RunState.DIVERGED: "bold magenta",
    RunState.CANCELLED: "bold",
}
ADVICE = "try smaller updates"
"""What the status advises after a run that diverged, or finished with its error grown, in a lesson
with no knob for the size of a step (step_advice names the one it has)."""
STEP_KNOBS = ("alpha", "learning_rate", "step_amount")
"""The params that set how big an update is, in the order their names are looked for."""
HINTS = {
    RunState.READY: "{run} run · {step} step",
    RunState.RUNNING: "{run} pause · {slower} {faster} speed",
    RunState.PAUSED: "{run} resume · {step} step",
    RunState.FINISHED: "{next_lesson} next lesson · {run} again",
    RunState.FAILED: "{output} output · {run} again",
    RunState.DIVERGED: ADVICE + " · {run} again",
    RunState.CANCELLED: "{run} run",
}
"""What to press next, by state: {action} is that action's key (settings.ACTIONS' names)."""
FRESH_HINT = "{run} play it · {step} step"
"""Paused at the first step of a re-run a param change started while the learner stepped: nothing
of it was played yet, so there is nothing to resume."""
MIN_DETAIL = 16
"""Columns a failed run's detail keeps at least before the advice after it is left out instead."""
HINT_KEYS = {
    "run": "space",
    "step": "s",
    "slower": "<",
    "faster": ">",
    "next_lesson": "n",
    "output": "o",
    "contents": "c",
    "view": "l",
    "reset": "r",
    "quit": "q",
    "focus": "f",
}
"""The keys the hints name, by default; settings.toml's [keys] may rebind them."""
GIVE_BACK = "{focus}: back to the run keys"
"""Said in place of a hint whose key the focused panel takes (7.5's pad shades a pixel with space):
the status said "space run" while space painted."""


def free_hint(template: str, keys: dict[str, str], taken: frozenset[str]) -> str:
    """`template` ("{run} run · {step} step") with `keys`, leaving out each part that names a key in
    `taken`; GIVE_BACK in the place of the first left out."""
    parts: list[str] = []
    for part in template.split(" · "):
        names = [name for _, name, _, _ in Formatter().parse(part) if name]
        if any(keys.get(name) in taken for name in names):
            if GIVE_BACK not in parts:
                parts.append(GIVE_BACK)
            continue
        parts.append(part)
    return " · ".join(parts).format(**keys)


def step_advice(param_names: Sequence[str]) -> str:
    """The advice after a divergence, naming the lesson's knob: "try a smaller step" sat beside
    "step 77/2000" and the key bar's `s step`, and the knob was alpha."""
    knob = next((name for name in STEP_KNOBS if name in param_names), None)
    return f"try a smaller {knob}" if knob else ADVICE


def hint_keys(overrides: dict[str, str]) -> dict[str, str]:
    """HINT_KEYS with the rebound ones as settings.toml set them (the first key of each)."""
    return {
        action: format_key(overrides[action].split(",")[0]) if action in overrides else key
        for action, key in HINT_KEYS.items()
    }


BLOCKS = "▁▂▃▄▅▆▇█"
COUNTERS = frozenset({"iteration", "epoch", "i", "game", "repeat", "progress"})
"""Recorded names that only count steps: `step k/N` already says it, the strip skips them. (Not
7.1's `number`: the image on show, 1000 at step 1 when the walk starts there.)"""


def speed_text(speed: float) -> str:
    return "max" if speed <= 0 else f"{speed:g}/s"


def measured_text(speed: float) -> str:
    return f"{speed:.0f}/s" if speed >= 10 else f"{speed:.1f}/s"


def run_speed_text(chosen: float, measured: float | None) -> str:
    """`speed 40/s` while the run keeps the chosen pace; `speed max (12345/s)` or `speed 1000/s
    (612/s)` when it cannot (by more than a tenth): the chosen speed always shows, so a press of < or
    > shows at once. A paced run never goes faster than its pace: a reading above it is the
    measuring window's noise (`speed 1.5/s (1.8/s)` puzzled a learner), so it is not shown."""
    text = f"speed {speed_text(chosen)}"
    if measured is not None and (chosen <= 0 or measured < 0.9 * chosen):
        text += f" ({measured_text(measured)})"
    return text


MIN_SPAN_DECADES = 0.5
"""A log sparkline spans at least half a decade, and a linear one 5% of its largest size: 7.2's error
falling 2% (8.395 to 8.231) was drawn as a plunge, █▁▁▁▁, where its chart drew it flat."""


def sparkline(ys: Sequence[float], width: int, log: bool = False, y_range: tuple[float, float] | None = None) -> str:
    """The curve as `width` unicode blocks (each the last value of its slice of the run), its top
    value the highest block; a change too small to matter stays near the top. `y_range`: the span
    its chart always shows (an accuracy's 0..1), the blocks' span too: 6.4's error, 1.043 to 1.0, was
    a plunge on the strip (█▅▂▂) and flat on its 0..1 chart."""
    values = [math.log10(y) if log else y for y in ys if math.isfinite(y) and (y > 0 or not log)]
    if not values or width <= 0:
        return ""
    if len(values) > width:
        values = [values[min(len(values) - 1, (i + 1) * len(values) // width - 1)] for i in range(width)]
    low, high = min(values), max(values)
    least = MIN_SPAN_DECADES if log else 0.05 * max(abs(low), abs(high))
    low = min(low, high - least)
    if y_range is not None and not log:
        low, high = min(low, y_range[0]), max(high, y_range[1])
    span = high - low
    return "".join(BLOCKS[0 if span == 0 else min(7, int((v - low) / span * 7.999))] for v in values)


class _OneLine(Static):
    """A one-line Static that sends nothing when asked to show what it already shows. Its size never
    depends on its text (one line, the width of the screen), so a new text repaints the line and
    asks for no layout: a layout of the whole screen cost 5-15 ms per update on a 2-core machine,
    and the status line changes 5 times a second while a lesson plays."""

    DEFAULT_CSS = """
    _OneLine { height: 1; }
    """

    _shown: Text | None = None

    def show(self, text: Text) -> None:
        if text != self._shown:
            self._shown = text
            self.update(self._legible(text), layout=False)

    def _legible(self, text: Text) -> Text:
        """`text` with its colours and its dim made readable on this line's background, in the
        theme shown (contrast.legible): solarized-light's dim "error 5.4e+16" and "press space to
        run" read at 2.6:1, the status line's "finished" at 2.7:1 in atom-one-light."""
        background = self.background_colors[1]
        foreground, ansi = self.colors[3], self.app.ansi_theme
        shown = text.copy()
        shown.spans = [
            Span(
                span.start,
                span.end,
                legible(
                    Style.parse(span.style) if isinstance(span.style, str) else span.style, foreground, background, ansi
                ),
            )
            for span in text.spans
        ]
        return shown

    def _recolour(self, _theme: object = None) -> None:
        """The line again in the theme's colours: they are resolved when it is shown."""
        if self._shown is not None:
            self.update(self._legible(self._shown), layout=False)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda theme: self.call_after_refresh(self._recolour))

    def on_unmount(self) -> None:
        # Textual drops a gone node's subscription at the next theme change only: till then it kept
        # the lines, and their lesson screen, alive (tests/ui/test_memory.py)
        self.app.theme_changed_signal.unsubscribe(self)


def _fit(text: Text, width: int) -> Text:
    """One line: what does not fit is cut at the widget's edge with an ellipsis, never wrapped."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class StatusLine(_OneLine):
    """` running  step 580/1101 · speed max (115/s)   space pause · < > speed`"""

    _hint_keys: dict[str, str] | None = None

    def keys(self) -> dict[str, str]:
        """The key of each action the hints name (HINT_KEYS, as settings.toml may have rebound them)."""
        if self._hint_keys is None:
            settings = getattr(self.app, "settings", None)
            self._hint_keys = hint_keys(dict(getattr(settings, "keys", {}) or {}))
        return self._hint_keys

    @staticmethod
    def _head(state: RunState, step: int, total: int | None, speed: str, param: str, note: str) -> Text:
        text = Text()
        text.append(f" {state.value} ", style=f"reverse {STYLES[state]}")
        count = f"step {step}/{total}" if total else f"step {step}"
        text.append(f" {count}" + (f" · {speed}" if speed else ""))
        if param:  # the selected param, when no params pane is on screen (the reading view)
            text.append(" · ")
            text.append(param, style="bold")
        if note:
            text.append(f" · {note}", style="italic")
        return text

    def show_status(
        self,
        state: RunState,
        step: int,
        total: int | None,
        speed: str,
        detail: str = "",
        note: str = "",
        param: str = "",
        last: bool = False,
        grew: tuple[str, str] = ("", ""),
        advice: str = "",
        stalled: int = 0,
        fresh: bool = False,
        quiz: bool = False,
        taken: frozenset[str] = frozenset(),
    ) -> None:
        """`last`: the course's last lesson, so a finished run points at the contents, not at `n`.
        `grew`: a finished run whose error ended above where it began, in a long and a short form
        (engine.run_reading.growth_text): it did not overflow, yet it diverged or did not learn, and the
        status says so with the diverged advice. `advice`: the lesson's own, instead of ADVICE. `stalled`: seconds
        a running run has recorded no new step (engine.session.STALL_AFTER): pausing waits for a step
        that may never come, so the status says what stops it. `fresh`: paused at the first step of
        a re-run (FRESH_HINT). `quiz`: the chapter's quiz waits here, not yet answered whole. `taken`:
        the keys the focused panel binds for itself (their hints are left out: free_hint)."""
        width = self.content_size.width or 80
        keys = self.keys()

        def fill(template: str) -> str:
            return free_hint(template, keys, taken)

        if stalled and state is RunState.RUNNING:
            said = f"no new step for {stalled} s"
            long, short = ("  " + fill(h) for h in ("stuck in a loop? {reset} stops it", "{reset} stops it"))
            # What stops it matters more than the param's rung (+ and - change nothing now).
            tries = [(param, long), ("", long), ("", short)]
            text, hint = next(
                (
                    (t, h)
                    for p, h in tries
                    if (t := self._head(state, step, total, "", p, said)).cell_len + len(h) <= width
                ),
                (self._head(state, step, total, "", "", said), short),
            )
            text.append(hint, style="dim")
            self.show(_fit(text, width))
            return
        hints = {**HINTS, RunState.DIVERGED: advice + " · {run} again"} if advice else HINTS
        hint = "  " + fill(FRESH_HINT if fresh and state is RunState.PAUSED else hints[state])
        if last and state is RunState.FINISHED:
            hint = "  the last lesson: " + fill("{contents} contents · {run} again")
        if quiz and state is RunState.FINISHED:
            # A chapter's last lesson: following "n next lesson", a beginner never met its quiz
            then = "{contents} contents" if last else "{next_lesson} next lesson"
            hint = "  " + fill("F chapter quiz · " + then)
        long, short = grew if state is RunState.FINISHED else ("", "")
        grew_shown = ""
        if long:  # diverged without overflowing: said as a diverged run is
            # F opens the chapter's quiz after this run too: "F chapter quiz" in place of "space again"
            # (after 4.5's default run, which diverges, F worked and nothing said so)
            then = "F chapter quiz" if quiz else "{run} again"
            hint = "  " + fill(f"{advice or ADVICE} · {then}")
            head = self._head(state, step, total, speed, param, "").cell_len
            if head + len(f"  {long}{hint}") > width:
                # The advice alone, when the keys do not fit with it; the quiz keeps a short mention,
                # and gives way to the value it stuck at (5.5 at 80 columns: "error_sum stuck …  try
                # order delta,input · F chapter quiz" kept the offer and cut the number).
                hint = "  " + (advice or ADVICE) + (" · F quiz" if quiz else "")
            # The end it reached matters more than where it began: the long form where it fits beside
            # the note of the last change, else the short one. (The long one, measured without the
            # note and then cut, read `alpha 1.6 -> 3.2  error 4.44e+03 ->…`: as if 4440 were the end.)
            with_note = self._head(state, step, total, speed, param, note).cell_len
            bare = self._head(state, step, total, speed, "", "").cell_len
            # Then without the note, then without the param's rung too, never cut: 6.2 at alpha 1
            # read `alpha ◂ 1 ▸  error_for_all_lights 9…` at 80 columns. (A rise short of ten times
            # has no short form: `error_win 2.16` said nothing of 5.4's 0.757 at the start.)
            ways = [
                (used, f, kept) for used, kept in ((with_note, param), (head, param), (bare, "")) for f in (long, short)
            ]
            grew_shown, param = next(
                ((f, kept) for used, f, kept in ways if used + len(f"  {f}{hint}") <= width), (short, "")
            )
        detail = grew_shown or detail
        shown = bool(detail) and (bool(grew_shown) or state in (RunState.FAILED, RunState.DIVERGED))
        text = self._head(state, step, total, speed, param, note)
        if shown and (grew_shown or state is RunState.DIVERGED):
            # At 80 columns the advice and the detail compete: the advice matters most, then the
            # detail (`o` shows it all, but few look), then the note of the last change; the keys
            # least (the footer has them). The detail's step is the head's: said once.
            if not grew_shown:
                detail = _without_step(detail, step)
                if text.cell_len + 2 + len(detail) + len(hint) > width:
                    hint = "  " + (advice or ADVICE)
            room = width - text.cell_len - 2 - len(hint)
            # The note of the last change gives way to the detail whole: a growth note is two numbers,
            # and a cut one read as if the run ended at the first (5.2: `error 0.0196 ->…`).
            if room < len(detail) and note:
                text = self._head(state, step, total, speed, param, "")
                room = width - text.cell_len - 2 - len(hint)
            if not grew_shown and room < min(len(detail), MIN_DETAIL):
                # Then the param's rung; with too little room even then, the detail is left out (`o`
                # has it), never the advice (7.3's own nan advice did not show at 80 columns at all).
                text = self._head(state, step, total, speed, "", "")
                room = width - text.cell_len - 2 - len(hint)
                shown = room >= min(len(detail), MIN_DETAIL)
            if MIN_DETAIL <= room < len(detail):
                detail = detail[: room - 1] + "…"
        if shown:
            text.append(f"  {detail}", style=STYLES[RunState.DIVERGED if grew_shown else state].replace("bold ", ""))
        if text.cell_len + len(hint) > width:
            hint = hint.split(" · ")[0]  # the first key, which the state is about (`space run`)
        if text.cell_len + len(hint) <= width:
            text.append(hint, style="dim")
        self.show(_fit(text, width))


def _without_step(detail: str, step: int) -> str:
    """`error became inf at step 12` -> `error became inf`: the status line's head names the step."""
    for tail in (f" at step {step}", f", after step {step}"):
        if detail.endswith(tail):
            return detail[: -len(tail)]
    return detail


STRING_MAX = 36
"""The most of a recorded string the strip shows (a stage's name), cut with … past it."""


def _short(value: Any) -> str | None:
    """A value short enough for the strip: a number or a short string; arrays are left to the table."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float)):
        # 4 digits in plain notation, as the lessons quote them (4.1's error 0.3025 read 0.302 here);
        # 3 with an exponent, where more digits are only noise on the way to a divergence
        digits = 4 if isinstance(value, float) and 1e-3 <= abs(value) < 1e4 else 3
        text = format_value(value + 0 if isinstance(value, float) else value, digits)
        return "0" if text == "-0" else text
    if isinstance(value, str):  # a stage's name: 6.4's "4 backprop: layer_1_delta" (25) left the strip blank
        return value if len(value) <= STRING_MAX else value[: STRING_MAX - 1] + "…"
    if type(value).__module__ == "numpy" and getattr(value, "ndim", 0) == 1 and 0 < value.size <= 4:
        return "[" + " ".join(_short(float(x)) or "" for x in value) + "]"
    return None


class LiveStrip(_OneLine):
    """` weight -4.6  pred 2.6          error 23.9 ▇▅▃▂▁▁▁ log` under the lesson text."""

    def show_run(
        self,
        values: dict[str, Any],
        order: Sequence[str],
        spark_name: str,
        spark: Sequence[float],
        log: bool,
        empty: str = "",
        total: int | None = None,
        y_range: tuple[float, float] | None = None,
    ) -> None:
        """`total`: the steps the run takes, if known: a run of at most 20 gets a block a step;
        `y_range`: the span the sparkline's chart always shows (sparkline)."""
        width = self.content_size.width or 80
        spark_width = min(20, max(0, width // 5))  # a fifth of the line: a longer run is resampled
        if total is not None and 0 < total <= 20:
            # a short run whole, a block a step, from its first step: 4.1's 17-point U in 16 blocks
            # lost a point and looked lopsided, and widened at step 17 it moved its label; 3.5's 4
            # games kept 16 columns for 4 blocks, and `sad` had no room
            spark_width = total
        text = Text(" ")
        # The sparkline's value now, beside it: its blocks alone say how it moved, not where it is
        # (3.4's text pointed at "pred 0.98" while the strip showed `pred █`).
        now = _short(values.get(spark_name, spark[-1] if spark else None))
        said = spark_name if spark and now is not None and spark_name not in COUNTERS else ""
        label = f"{spark_name} {now} " if said else f"{spark_name} "
        # after the blocks, whose scale it is: "error 23.9 (log)" read to a learner as log10 of 23.9
        scale = " log" if log else ""
        room = width - (spark_width + len(label) + len(scale) + 1 if spark else 0)
        shown = 0
        for name in [n for n in order if n in values] or list(values):
            short = _short(values[name])
            if name in COUNTERS or short is None or name == said:
                continue
            piece = f"{name} {short}  "
            if text.cell_len + len(piece) > room:
                # the next that fit: 6.5's predictions list did not, and first_guess after it was
                # never shown (3.5's win and sad neither)
                continue
            text.append(name, style="dim")
            text.append(f" {short}  ")
            shown += 1
        if not shown and empty:
            text.append(empty, style="dim italic")
        line = sparkline(spark, spark_width, log, y_range)
        if line:
            text.pad_right(max(0, room - text.cell_len))
            text.append(label, style="dim")
            text.append(line, style="cyan")
            text.append(scale, style="dim")
        self.show(_fit(text, width))

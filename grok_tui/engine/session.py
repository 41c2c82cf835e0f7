"""One lesson as the learner plays it: the params they set, the run, what changed since the last run.

A LessonSession lives as long as the app (one per lesson), so leaving a lesson and coming back keeps
the params, the speed and the dimmed previous curve. The screen is a view of it: it calls the
actions (start, toggle, step, nudge...) and polls `poll()` on its timer. No Textual here, so all of
it is tested without a terminal.

Words: "params" are what the learner sets (alpha, iterations); "recorded" values are what the
lesson's step() reports (weight, error).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from grok_tui.engine.feed import FeedView, RunFeed, Series
from grok_tui.engine.run_reading import change_text, error_names, has_step_size, spark_name
from grok_tui.engine.runner import LessonRun, RunState
from grok_tui.lesson.model import Lesson, Param, Prediction
from grok_tui.lesson.params import coerce, fmt, nudge, resolve
from grok_tui.lesson.steps import total_steps

KEEP_AFTER_STEPS = 3
"""A run stopped before this many steps does not replace the previous (dimmed) curve: pressing `-`
twice quickly must not replace the interesting curve with a one-step stub."""
KEEP_AFTER_SECONDS = 1.0
"""Nor does one stopped within this time of its start: presses 0.4 s apart (past the re-run delay)
each ran a tenth of a second at top speed, and the "previous run" became a rung the learner never
watched (`iterations 16 -> 4` after four presses from 20)."""
SPEED_WINDOW = 3.0
"""Seconds of step changes the measured speed is averaged over."""
STALL_AFTER = 10.0
"""A running lesson that records no new step for this long (or three paced steps' time, if longer)
is said to be stalled: still computing, or in a loop that never calls step(). Pausing waits for
the next step, so only a reset stops it; the status says so."""
MEASURE_PACED_AFTER = 2.5
"""Seconds of step changes a paced run needs before its speed is measured. Polls see a step up to
a redraw (0.2 s) late, so over a shorter window a pace of 4/s could read 4.5/s: more than the tenth
the status line shows as a difference. At top speed there is no pace to compare with: 0.3 s do."""


def all_met(predictions: Iterable[Prediction], settled: Iterable[tuple[int, tuple]]) -> bool:
    """Whether every question's step is among the `settled` (step, parameters) keys (at any params)."""
    steps = {p.step for p in predictions}
    return bool(steps) and steps <= {step for step, _ in settled}


class LessonSession:
    def __init__(
        self,
        lesson: Lesson,
        *,
        speed: float,
        params: Mapping[str, object] | None = None,
        exercise_code: Callable[[], dict[str, str]] = dict,
        seed: int = 0,
    ) -> None:
        self.lesson = lesson
        self.params: dict[str, float | int | str] = resolve(lesson.params, dict(params or {}))
        """What the learner set; each run starts with a copy."""
        self.settled: dict[tuple[int, tuple], bool] = {}
        """(step, parameters) of the predict questions answered (True) or skipped (False) since the
        tutor opened the lesson: each is asked once, and n then p (the same session) does not ask
        them again."""
        self.selected = 0
        self.speed = speed
        """Requested steps per second (0 = as fast as the code goes)."""
        self.first_speed = speed
        """The lesson's own pace (or the one chosen for every lesson): a rung of its speed ladder."""
        self.seed = seed
        self.run: LessonRun | None = None
        self.feed: RunFeed | None = None
        self.previous: dict[str, Series] = {}
        """The last run's series, drawn dimmed under the current one."""
        self.previous_params: dict[str, Any] | None = None
        self.previous_stopped_at: int | None = None
        """The step the previous run was stopped at part way (None: it ended on its own)."""
        self.pending: bool | None = None
        """A re-run asked for by a param change, waiting for the keys to rest (True: start paused)."""
        self.rerun = False
        """The current run was started by a param change (`restart`) or a passed exercise, not by
        the learner: a played re-run does not stop for predict questions, whose box would take the
        + - keys the learner is still pressing (the learner's next space asks them)."""
        self._exercise_code = exercise_code
        self.starting: Callable[[LessonRun], None] | None = None
        """Called with each new run before its process starts, so a listener added then sees every
        step (the screen that shows this session sets it; one owner at a time)."""
        self._finished: list[Callable[[LessonRun], None]] = []
        self._ended: list[Callable[[LessonRun], None]] = []
        self._reported: LessonRun | None = None
        self._samples: deque[tuple[float, int]] = deque()
        self._started = 0.0
        """When the current run started (monotonic seconds)."""
        charts = lesson.charts
        names = [n for c in charts for n in c.series] + [c.x for c in charts if c.x]
        self.spark_name = spark_name(lesson)
        self.error_names = error_names(lesson)
        self.watch_growth = has_step_size(lesson) or bool(lesson.growth_advice)
        """Say when a finished run's error ended higher (growth_text): only where a smaller step is a
        cure (alpha, or the param the lesson's growth_advice names)."""
        self.series_names = tuple(dict.fromkeys(names))
        self.x_of = {name: c.x for c in charts if c.x for name in c.series}
        """The x a chart draws each series against, where it is not the step (6.4's "repeat")."""

    # -- events ------------------------------------------------------------------------------------
    def on_finished(self, callback: Callable[[LessonRun], None]) -> None:
        """Call `callback(run)` once per run that reaches its end without error (progress is recorded here)."""
        self._finished.append(callback)

    def on_ended(self, callback: Callable[[LessonRun], None]) -> None:
        """Call `callback(run)` once per run that finished, failed or diverged (not when cancelled)."""
        self._ended.append(callback)

    # -- state -------------------------------------------------------------------------------------
    @property
    def state(self) -> RunState:
        if self.feed is None:
            return RunState.READY
        return self.feed.state

    @property
    def step(self) -> int:
        return self.feed.step if self.feed is not None else 0

    @property
    def questions_met(self) -> bool:
        """Every predict question of the lesson answered or skipped since the tutor opened it."""
        return all_met(self.lesson.predictions, self.settled)

    @property
    def total(self) -> int | None:
        """How many steps this run takes (the lesson's `steps` expression), if it says."""
        params = self.run.values if self.run is not None else self.params
        return total_steps(self.lesson.steps, params)

    @property
    def change(self) -> str:
        """What changed between the previous run and the params now: "alpha 1 -> 0.1"."""
        if self.previous_params is None or not self.previous:
            return ""
        return change_text(self.previous_params, self._params_now())

    @property
    def changed_names(self) -> set[str]:
        """The params whose change `change` tells of."""
        if self.previous_params is None or not self.previous:
            return set()
        now = self._params_now()
        return {n for n, v in self.previous_params.items() if n in now and now[n] != v}

    @property
    def previous_label(self) -> str:
        """The previous run by the values that set it apart, "alpha 1": its dimmed curve's legend.
        (The legend showed `change`, "order input,delta -> delta,input", which read as the current run.)
        A run stopped part way says so: 5.2's raw toes, changed back at step 4, looked as if it
        only ever reached 1e+7 (it reaches 4.8e+60)."""
        if self.previous_params is None or not self.previous:
            return ""
        now = self._params_now()
        differs = [f"{n} {fmt(v)}" for n, v in self.previous_params.items() if n in now and now[n] != v]
        if self.previous_stopped_at is not None:
            differs.append(f"stopped at step {self.previous_stopped_at}")
        return ", ".join(differs)

    def _params_now(self) -> Mapping[str, Any]:
        """The values of the run on screen, else the params a run would start with."""
        return self.run.values if self.run is not None else self.params

    @property
    def selected_param(self) -> Param | None:
        return self.lesson.params[self.selected] if self.lesson.params else None

    # -- running -----------------------------------------------------------------------------------
    def start(self, *, paused: bool = False, rerun: bool = False) -> LessonRun:
        """A new run from the seed with the current params; the outgoing one becomes `previous`.
        `rerun`: started by the tutor (a param change, a passed exercise), not by the learner's
        space or s (see `rerun`)."""
        self.pending = None
        self.rerun = rerun
        self.stop()
        self._keep_as_previous()
        self._started = time.monotonic()
        self.feed = RunFeed(self.series_names)
        self.run = LessonRun(
            self.lesson,
            dict(self.params),
            listener=self.feed,
            speed=self.speed,
            exercise_code=self._exercise_code(),
            seed=self.seed,
        )
        self._samples.clear()
        if self.starting is not None:
            self.starting(self.run)
        self.run.start(paused=paused)
        return self.run

    def toggle(self) -> None:
        """space: start (from ready or a finished run), pause, or resume."""
        run = self.run
        if run is None or self.state.done:
            self.start()
        elif run.paused:
            run.resume()
        else:
            run.pause()

    def step_once(self) -> None:
        """s: one more step; from ready, a run that waits after its first step."""
        if self.run is None or self.state.done:
            self.start(paused=True)
        else:
            self.run.step_once()

    def stop(self) -> None:
        """Cancel the worker (it stops at its next step) without waiting for it."""
        if self.run is not None and not self.run.state.done:
            self.run.cancel()

    def reset(self) -> None:
        """r: stop, keep the curve dimmed, back to ready."""
        self.pending = None
        self.stop()
        self._keep_as_previous(always=True)
        self.run, self.feed = None, None

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        if self.run is not None:
            self.run.set_speed(speed)
        self._samples.clear()

    def _keep_as_previous(self, always: bool = False) -> None:
        feed, run = self.feed, self.run
        if feed is None or run is None or not feed.step:
            return
        watched = time.monotonic() - self._started >= KEEP_AFTER_SECONDS
        ended = feed.state.done and feed.state is not RunState.CANCELLED  # on its own, not stopped
        if always or ended or (feed.step >= KEEP_AFTER_STEPS and watched):
            series = feed.view().series
            # A run stopped part way does not replace a longer one with the same params: 7.5 run to
            # its end, run again, and changed at epoch 12 compared the change with 12 epochs only.
            if not ended and self.previous_params == dict(run.values) and _steps(self.previous) > _steps(series):
                return
            self.previous = series
            self.previous_params = dict(run.values)
            self.previous_stopped_at = None if ended else feed.step

    # -- params ------------------------------------------------------------------------------------
    def select(self, direction: int) -> None:
        if self.lesson.params:
            self.selected = (self.selected + direction) % len(self.lesson.params)

    def nudge(self, direction: int) -> str:
        """+/-: the selected param one rung up or down its ladder. Returns a message when it cannot move."""
        param = self.selected_param
        if param is None:
            return "this lesson has no parameters"
        new = nudge(param, self.params[param.name], direction)
        if new == self.params[param.name]:
            return f"{param.name} is already at its {'maximum' if direction > 0 else 'minimum'}"
        self._changed(param.name, new)
        return ""

    def set_param(self, name: str, text: object) -> None:
        """A typed value: checked against the param's type and range (ParamError says what is wrong)."""
        param = next(p for p in self.lesson.params if p.name == name)
        self._changed(name, coerce(param, text.strip() if isinstance(text, str) else text))

    def reset_params(self) -> list[str]:
        """Every param back to the lesson's default (the values its text quotes): the names that
        moved, each asking for the re-run a change does."""
        moved = [p.name for p in self.lesson.params if self.params[p.name] != self.lesson.defaults[p.name]]
        for name in moved:
            self._changed(name, self.lesson.defaults[name])
        return moved

    def _changed(self, name: str, value: float | int | str) -> None:
        """Same seed, new value: stop now and ask for a re-run (the screen starts it once the keys
        rest). A learner who was stepping keeps stepping: the new run waits after its first step."""
        stepping = self.run is not None and not self.state.done and self.run.paused
        self.params[name] = value
        self.pending = stepping or bool(self.pending)
        self.stop()
        self._keep_as_previous()
        self.run, self.feed = None, None

    def cancel_rerun(self) -> None:
        """Forget the re-run a param change asked for: the new value stays, space runs it."""
        self.pending = None

    def toggle_rerun(self) -> None:
        """Space before the re-run a change asked for has started: it will start paused instead of
        playing, or playing instead of paused, as space would toggle it a moment later."""
        if self.pending is not None:
            self.pending = not self.pending

    def restart(self) -> None:
        """Start the re-run a param change asked for (nothing if none is pending)."""
        if self.pending is not None:
            self.start(paused=self.pending, rerun=True)

    # -- reading -----------------------------------------------------------------------------------
    def poll(self) -> FeedView | None:
        """The run as it stands (UI thread); fires the finished / ended events once per run."""
        feed, run = self.feed, self.run
        if feed is None or run is None:
            return None
        view = feed.view()
        now = time.monotonic()
        if view.state is not RunState.RUNNING:
            # Measured afresh on resuming: a question answered after 30 s put that wait in the
            # window, and the status read "speed 1/s (0.0/s)".
            self._samples.clear()
        elif not self._samples or self._samples[-1][1] != view.step:  # when the step count changed
            self._samples.append((now, view.step))
        while len(self._samples) > 2 and now - self._samples[0][0] > SPEED_WINDOW:
            self._samples.popleft()
        if view.state.done and self._reported is not run and run.state.done:
            self._reported = run
            if view.state is not RunState.CANCELLED:
                for callback in self._ended:
                    callback(run)
            if view.state is RunState.FINISHED:
                for callback in self._finished:
                    callback(run)
        return view

    @property
    def ended_run(self) -> LessonRun | None:
        """The current run once its end was reported by poll()."""
        return self.run if self.run is not None and self._reported is self.run else None

    def stalled_for(self, now: float | None = None) -> float:
        """Seconds since the last new step of a running run, once past STALL_AFTER; else 0."""
        if self.state is not RunState.RUNNING or not self._samples:
            return 0.0
        quiet = (time.monotonic() if now is None else now) - self._samples[-1][0]
        return quiet if quiet >= max(STALL_AFTER, 3 / self.speed if self.speed > 0 else 0.0) else 0.0

    def measured_speed(self, now: float | None = None) -> float | None:
        """Steps per second between the step changes polls saw in the last SPEED_WINDOW seconds,
        while running; None until there are two, or when the run has stalled (loading data)."""
        if self.state is not RunState.RUNNING or len(self._samples) < 2:
            return None
        (t0, s0), (t1, s1) = self._samples[0], self._samples[-1]
        if t1 - t0 < (0.3 if self.speed <= 0 else MEASURE_PACED_AFTER) or s1 == s0:
            return None
        speed = (s1 - s0) / (t1 - t0)
        now = time.monotonic() if now is None else now
        return speed if now - t1 <= max(1.0, 2.0 / speed) else None

    def shown_values(self, view: FeedView) -> dict[str, Any]:
        """One step's values: the last step's recorded values, plus the `show` names that no step
        recorded, as the code had them at that step (4.1's pred, set before its sweep) and after the
        run from the final namespace. A name an earlier step recorded but the last one did not is
        stale and left out (6.4's stages)."""
        values = dict(view.latest)
        extra = dict(view.context)
        run = self.run
        if view.state.done and run is not None:
            extra.update(run.final_values())
        for name, value in extra.items():
            if name not in view.recorded_names and name not in values:
                values[name] = value
        return values


def _steps(series: Mapping[str, Series] | None) -> int:
    """How many steps the longest of a run's series holds (0 for none)."""
    return max((len(one.xs) for one in (series or {}).values()), default=0)

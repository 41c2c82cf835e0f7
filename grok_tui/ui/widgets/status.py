"""The run at a glance, first half: the status line (state, step k/N, measured speed, what next), and
OneLine, the base it shares with the live strip (live_strip.py): one line that fits 80 columns and
sends a frame only when its text changed."""

from __future__ import annotations

from string import Formatter

from rich.text import Text
from textual.keys import format_key
from textual.widgets import Static

from grok_tui.engine.run_advice import ADVICE
from grok_tui.engine.runner import RunState
from grok_tui.ui.contrast import drawn_text

STYLES = {
    RunState.READY: "bold",
    RunState.RUNNING: "bold green",
    RunState.PAUSED: "bold yellow",
    RunState.FINISHED: "bold cyan",
    RunState.FAILED: "bold red",
    RunState.DIVERGED: "bold magenta",
    RunState.CANCELLED: "bold",
}
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
    "exercise": "e",
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


def hint_keys(overrides: dict[str, str]) -> dict[str, str]:
    """HINT_KEYS with the rebound ones as settings.toml set them (the first key of each)."""
    return {
        action: format_key(overrides[action].split(",")[0]) if action in overrides else key
        for action, key in HINT_KEYS.items()
    }


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


class OneLine(Static):
    """A one-line Static that sends nothing when asked to show what it already shows. Its size never
    depends on its text (one line, the width of the screen), so a new text repaints the line and
    asks for no layout: a layout of the whole screen cost 5-15 ms per update on a 2-core machine,
    and the status line changes 5 times a second while a lesson plays."""

    DEFAULT_CSS = """
    OneLine { height: 1; }
    """

    _shown: Text | None = None

    def show(self, text: Text) -> None:
        if text != self._shown:
            self._shown = text
            self.update(self._legible(text), layout=False)

    def _legible(self, text: Text) -> Text:
        """`text` with its colours and its dim made readable on this line's background, in the
        theme shown (contrast.drawn_text): solarized-light's dim "error 5.4e+16" and "press space to
        run" read at 2.6:1, the status line's "finished" at 2.7:1 in atom-one-light, and ansi-light's
        cyan "finished" 1.9:1 on xterm's white."""
        return drawn_text(self, text)

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


def one_line(text: Text, width: int) -> Text:
    """One line: what does not fit is cut at the widget's edge with an ellipsis, never wrapped."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


class StatusLine(OneLine):
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
        exercise: str = "",
    ) -> None:
        """`last`: the course's last lesson, so a finished run points at the contents, not at `n`.
        `grew`: a finished run whose error ended above where it began, in a long and a short form
        (engine.run_reading.growth_text): it did not overflow, yet it diverged or did not learn, and the
        status says so with the diverged advice. `advice`: the lesson's own, instead of ADVICE. `stalled`: seconds
        a running run has recorded no new step (engine.session.STALL_AFTER): pausing waits for a step
        that may never come, so the status says what stops it. `fresh`: paused at the first step of
        a re-run (FRESH_HINT). `quiz`: the chapter's quiz waits here, not yet answered whole. `taken`:
        the keys the focused panel binds for itself (their hints are left out: free_hint).
        `exercise`: the lesson's first exercise not passed yet, offered after a finished run (3.6
        finished said "n next lesson", and `e` was named only in the text and in F1)."""
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
            self.show(one_line(text, width))
            return
        hints = {**HINTS, RunState.DIVERGED: advice + " · {run} again"} if advice else HINTS
        hint = "  " + fill(FRESH_HINT if fresh and state is RunState.PAUSED else hints[state])
        if last and state is RunState.FINISHED:
            hint = "  the last lesson: " + fill("{contents} contents · {run} again")
        if quiz and state is RunState.FINISHED:
            # A chapter's last lesson: following "n next lesson", a beginner never met its quiz
            then = "{contents} contents" if last else "{next_lesson} next lesson"
            hint = "  " + fill("F chapter quiz · " + then)
        if exercise and state is RunState.FINISHED:
            # before the next lesson (or the quiz): the exercise is this lesson's, and the contents
            # mark it "◐ run done, exercises to do" while the status pointed away from it
            then = "F chapter quiz" if quiz else "{contents} contents" if last else "{next_lesson} next lesson"
            hint = "  " + fill(f"{{exercise}} write {exercise} · " + then)
        long, short = grew if state is RunState.FINISHED else ("", "")
        grew_shown = ""
        if long:  # diverged without overflowing: said as a diverged run is
            # F opens the chapter's quiz after this run too: "F chapter quiz" in place of "space again"
            # (after 4.5's default run, which diverges, F worked and nothing said so)
            then = "F chapter quiz" if quiz else "{run} again"
            if exercise:  # 6.4's default run sticks (seed 1): its two exercises were never offered
                then = f"{{exercise}} write {exercise}"
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
        self.show(one_line(text, width))


def _without_step(detail: str, step: int) -> str:
    """`error became inf at step 12` -> `error became inf`: the status line's head names the step."""
    for tail in (f" at step {step}", f", after step {step}"):
        if detail.endswith(tail):
            return detail[: -len(tail)]
    return detail

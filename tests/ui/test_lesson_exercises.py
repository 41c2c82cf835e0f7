"""The lesson screen's side of exercises (grok_tui/ui/lesson_exercise.py): `e` opens the one
exercise or asks which, and each exercise's cell says whose code the run uses: the reference, the
learner's passed code, a draft begun and left, or practice the run does not call."""

from __future__ import annotations

from textual.widgets import OptionList

from grok_tui.lesson.catalog import load_catalog
from grok_tui.progress import Progress
from grok_tui.ui.app import GrokApp
from tests.ui.helpers import text_of, wait_for

SIZE = (80, 24)


async def test_exercise_key_without_exercises_says_so(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert any(n.message == "this lesson has no exercise" for n in app._notifications)


TWO_EXERCISES = """+++
id = "9.9"
chapter = 9
chapter_title = "Test"
title = "Two exercises"

[exercises.double]
title = "Write double"

[exercises.triple]
title = "Write triple"
+++

Two small functions.

```python exercise double
def double(x):
    return 0  # TODO
```

```python solution double
def double(x):
    return 2 * x
```

```python test double
assert double(2) == 4, double(2)
```

```python exercise triple
def triple(x):
    return 0  # TODO
```

```python solution triple
def triple(x):
    return 3 * x
```

```python test triple
assert triple(2) == 6, triple(2)
```

```python train
step(value=triple(double(1)))
```
"""


async def test_a_passed_exercise_edited_since_says_the_run_keeps_the_passed_code(tmp_path):
    """7.3's softmax passed, then edited in the editor without F5: the lesson said "this is your code"
    over the code that passed, while the editor said "edited since"."""
    (tmp_path / "l").mkdir()
    (tmp_path / "l" / "9.9-two.md").write_text(TWO_EXERCISES, encoding="utf-8")
    catalog = load_catalog(tmp_path / "l")
    progress = Progress.load()
    progress.exercises["9.9/double"] = {"done": True, "code": "def double(x):\n    return x + x\n"}
    progress.save_draft("9.9", "double", "def double(x):\n    return 2 * x  # edited\n")
    app = GrokApp(catalog, start_lesson="9.9", speed=0, progress=progress)
    async with app.run_test(size=SIZE):
        shown = "\n".join(text_of(cell) for cell in app.screen.query(".code"))
        assert "exercise double: passed; this is the code that passed, and the run uses it" in shown
        assert "You edited it since: the run takes the edit once it passes (e, then F5)" in shown
        assert "unchecked" not in shown  # an edit checked and failed was said to be unchecked
        assert "return x + x" in shown and "# edited" not in shown
        assert "this is your code" not in shown


async def test_a_lesson_with_two_exercises_asks_which_one(tmp_path):
    from grok_tui.ui.screens.exercise import ExerciseScreen
    from grok_tui.ui.screens.pick_exercise import PickExercise

    (tmp_path / "l").mkdir()
    (tmp_path / "l" / "9.9-two.md").write_text(TWO_EXERCISES, encoding="utf-8")
    catalog = load_catalog(tmp_path / "l")
    assert not catalog.errors, catalog.errors
    progress = Progress.load()
    progress.exercises["9.9/double"] = {"done": True, "code": "def double(x):\n    return x + x\n"}
    app = GrokApp(catalog, start_lesson="9.9", speed=0, progress=progress)
    async with app.run_test(size=SIZE) as pilot:
        shown = "\n".join(text_of(cell) for cell in app.screen.query(".code"))
        # The code shown is the code run: the learner's passed double, the stub of triple.
        assert "exercise double: passed; this is your code, and the run uses it" in shown
        assert "return x + x" in shown and "return 0  # TODO\n" not in shown.split("triple")[0]
        assert "exercise triple: press e to write it" in shown and "return 0  # TODO" in shown
        await pilot.press("e")
        assert isinstance(app.screen, PickExercise)
        chooser = app.screen.query_one(OptionList)
        assert chooser.highlighted == 1  # the first one not done yet
        assert str(chooser.border_subtitle) == "↑↓ · enter or 1-2 write it · esc back"  # the key bar is the lesson's
        labels = [str(chooser.get_option_at_index(i).prompt) for i in range(chooser.option_count)]
        # numbered, as the box's "1-2" keys say; not "double: Write double"
        assert labels == ["✓ 1 Write double", "  2 Write triple"]
        await pilot.press("down")  # the last one: ↓ stays (it went round to the done one, opened by mistake)
        assert chooser.highlighted == 1
        await pilot.press("up", "up")
        assert chooser.highlighted == 0
        await pilot.press("down")
        await pilot.press("enter")
        assert isinstance(app.screen, ExerciseScreen) and app.screen.exercise.name == "triple"
        # a draft left half-written is marked in the chooser (it showed nothing of where you were)
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ExerciseScreen), what="the lesson")
        app.progress.save_draft("9.9", "triple", "def triple(x):\n    return x *")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PickExercise), what="the chooser")
        chooser = app.screen.query_one(OptionList)
        labels = [str(chooser.get_option_at_index(i).prompt) for i in range(chooser.option_count)]
        assert labels == ["✓ 1 Write double", "• 2 Write triple"] and str(chooser.border_subtitle).startswith(
            "• begun · "
        )


def test_an_exercise_the_run_does_not_call_is_called_practice(catalog):
    """4.2's run does hot and cold inline: its note said the run used the reference hot_cold_step
    until the learner's passed, which nothing calls."""
    from grok_tui.ui.lesson_exercise import exercise_notes

    progress = Progress.load()
    practice = exercise_notes(catalog.get("4.2"), progress)["hot_cold_step"]
    assert practice.text == "exercise hot_cold_step: press e to write it (practice: the run below does not call it)"
    # passed, then edited: the practice note said "this is your code" of the code that passed
    progress.exercises["4.2/hot_cold_step"] = {"done": True, "code": "def hot_cold_step(w, i, g, s):\n    return w\n"}
    progress.save_draft("4.2", "hot_cold_step", "def hot_cold_step(w, i, g, s):\n    return w + s\n")
    edited = exercise_notes(catalog.get("4.2"), progress)["hot_cold_step"].text
    assert edited.startswith("exercise hot_cold_step: passed; this is the code that passed (you edited it since)")
    # 5.1's exercise is named weight_deltas, its function compute_weight_deltas: the run calls that
    used = exercise_notes(catalog.get("5.1"), progress)["weight_deltas"]
    assert "until you pass, the run uses the tutor's reference version" in used.text
    # begun and left: after a restart nothing said there was code of the learner's to go on with
    progress.save_draft("5.1", "weight_deltas", "def compute_weight_deltas(input, weights, true):\n    return 1\n")
    begun = exercise_notes(catalog.get("5.1"), progress)["weight_deltas"].text
    assert begun.startswith("exercise weight_deltas: press e to go on with your code (begun, not passed yet);")


async def test_a_draft_set_aside_while_a_lesson_opens_is_told(catalog, private_data_dir):
    """A damaged draft was set aside as 4.2 opened (its exercise note reads it): no notice, and the
    editor showed the stub (a trial)."""
    draft = Progress.load().draft_path("4.2", "hot_cold_step")
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes(b"\xff\xfe\x00\x81garbage")
    app = GrokApp(catalog, start_lesson="4.2", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(
            pilot,
            lambda: any("Your draft of 4.2/hot_cold_step could not be read" in n.message for n in app._notifications),
            what="the notice",
        )
        assert list(draft.parent.glob("hot_cold_step.py.damaged-*"))


async def test_an_exercise_keeps_the_learners_place_in_a_run_and_a_pass_says_what_is_left(catalog):
    """A newcomer paused 3.6 at step 1, opened its exercise, and came back to "ready step 0/4"; in
    3.3, passing ele_mul said "your code passed" with dot not begun, as if the lesson's work were
    done. Now a run stays where it was until a pass needs it to start over, and the note says which."""
    from grok_tui.engine.runner import RunState
    from grok_tui.ui.screens.exercise import ExerciseScreen
    from grok_tui.ui.screens.lesson import LessonScreen
    from grok_tui.ui.screens.pick_exercise import PickExercise
    from grok_tui.ui.widgets.status import StatusLine

    app = GrokApp(catalog, start_lesson="3.3", speed=0)
    app.told_where_running = True  # the once-a-session notice (test_lesson_views.py) would say its own
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, LessonScreen)
        await pilot.press("s")  # a run, paused at its first step
        await wait_for(
            pilot, lambda: screen.session.poll() is not None and screen.session.poll().step == 1, what="step 1"
        )
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PickExercise), what="the chooser")
        await pilot.press("enter")  # ele_mul's editor, then back without a pass
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the editor")
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: app.screen is screen, what="the lesson")
        assert screen.run_state is RunState.PAUSED and screen.session.poll().step == 1
        app.progress.exercises["3.3/ele_mul"] = {
            "done": True,
            "code": catalog.get("3.3").exercise("ele_mul").solution.source,
        }
        app.progress.save_draft("3.3", "ele_mul", catalog.get("3.3").exercise("ele_mul").solution.source)
        screen.exercise_done(True, "ele_mul")
        await wait_for(pilot, lambda: "space run" in text_of(screen.query_one(StatusLine)), what="the status")
        status = text_of(screen.query_one(StatusLine))
        # the paused run was reset for the learner's code: said (it was not), with what is left
        assert screen.run_state is RunState.READY and "ele_mul ✓ · dot to do · run reset  space run" in status, status
        screen.exercise_done(True, "ele_mul")  # no run going: no reset to tell
        await pilot.pause()
        assert "ele_mul passed · dot to do  space run" in text_of(screen.query_one(StatusLine))
    # 7.3 has three: all that is left is counted (it named softmax alone)
    app = GrokApp(catalog, start_lesson="7.3", speed=0)
    app.told_where_running = True
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.exercise_done(True, "one_hot")
        await wait_for(pilot, lambda: "to do" in text_of(screen.query_one(StatusLine)), what="the status")
        assert "one_hot passed · 2 more to do" in text_of(screen.query_one(StatusLine))


async def test_back_from_a_failed_edit_of_passed_code_the_status_says_the_run_keeps_the_pass(catalog):
    """A learner passed 3.2's w_sum, edited it into a failing one, checked it (F5: "Not yet") and went
    back: the status line still said "your code passed", and the run used the code that passed, so
    a rerun looked like their edit worked. Now it says which code the run uses."""
    from grok_tui.ui.widgets.status import StatusLine

    solution = catalog.get("3.2").exercise("w_sum").solution.source
    app = GrokApp(catalog, start_lesson="3.2", speed=0)
    app.told_where_running = True
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        app.progress.exercises["3.2/w_sum"] = {"done": True, "code": solution}
        app.progress.save_draft("3.2", "w_sum", solution)
        screen.exercise_done(True, "w_sum")
        await wait_for(pilot, lambda: "your code passed" in text_of(screen.query_one(StatusLine)), what="the pass")
        app.progress.save_draft("3.2", "w_sum", solution.replace("range(len(a))", "range(len(a) - 1)"))
        screen.exercise_done(False, "w_sum")
        await wait_for(pilot, lambda: "last passing" in text_of(screen.query_one(StatusLine)), what="the note")
        status = text_of(screen.query_one(StatusLine))
        assert "runs your last passing w_sum  space run" in status, status
        assert "your code passed" not in status
        # passed and then edited into a failing one in the same visit: the screen dismisses with True
        # (it passed during the visit), and "your code passed" was said of the failing edit (a trial)
        screen.exercise_done(True, "w_sum")
        await pilot.pause()
        assert "runs your last passing w_sum  space run" in text_of(screen.query_one(StatusLine))
        app.progress.save_draft("3.2", "w_sum", solution)  # edited back to what passed: nothing to say
        screen.exercise_done(False, "w_sum")
        await pilot.pause()
        assert "last passing" not in text_of(screen.query_one(StatusLine))

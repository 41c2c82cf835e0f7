"""The exercise screen's feedback area says what is true of the code in the editor, and its headline
stays in view whatever the hints add under it."""

from __future__ import annotations

from textual.widgets import TextArea

from grok_tui.progress import Progress

from .helpers import screen_text, wait_for
from .test_exercise_screen import Host, check_and_wait, lesson  # noqa: F401  (the lesson fixture)


async def test_with_no_todo_left_the_screen_does_not_point_at_one(lesson):  # noqa: F811
    """A draft reopened after writing still said "Write the code in place of the TODO"."""
    Progress.load().save_draft("9.1", "w_sum", "def w_sum(a, b):\n    return 1\n")
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Press F5 (or ctrl+r) to check your code." in screen_text(app)
        assert "TODO" not in screen_text(app)
    Progress.load().save_draft("9.1", "w_sum", lesson.exercises[0].stub.source)
    app = Host(lesson, lesson.exercises[0])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Write the code in place of the TODO" in screen_text(app)
        await pilot.press("x")  # typed over the selected TODO: none left
        await pilot.pause()
        assert "TODO" not in app.screen.query_one(TextArea).text
        assert "Press F5 (or ctrl+r) to check your code." in screen_text(app)


async def test_the_verdicts_headline_stays_in_view_after_every_hint(catalog):
    """At 80x24, after three hints the area's first line read ` w_sum([8.5, ...]) should be ...,
    got`: "Not yet: a test failed." had scrolled out of view."""
    ch3 = catalog.get("3.2")
    exercise = ch3.exercise("w_sum")
    app = Host(ch3, exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one(TextArea).text = "def w_sum(a, b):\n    print(a, b)\n    return 0\n"
        await check_and_wait(pilot, screen)
        assert "Not yet: a test failed." in screen_text(app)
        for _ in exercise.hints:
            await pilot.press("f2")
            await pilot.pause()
            assert "Not yet: a test failed." in screen_text(app), screen_text(app)
        last = f"Hint {len(exercise.hints)}/{len(exercise.hints)}"
        await wait_for(pilot, lambda: last in screen_text(app), what="the last hint in view")
        await pilot.press("escape", "home")  # scrolled back to the top, and down again: still there
        await pilot.press("end")
        await pilot.pause()
        assert "Not yet: a test failed." in screen_text(app)


async def test_the_verdicts_first_line_stays_in_view_with_the_hints(catalog):
    """6.5's learn without the relu mask: two hints scrolled "node 0 was off (relu gave it 0), so
    its delta must be 0" out of view at 80x24, and the headline ran into "the test: assert ..."."""
    ch6 = catalog.get("6.5")
    exercise = ch6.exercise("learn")
    app = Host(ch6, exercise)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        screen.query_one(TextArea).text = exercise.solution.source.replace(" * relu2deriv(layer_1)", "")
        await check_and_wait(pilot, screen)
        said = "so its delta must be 0"
        await wait_for(pilot, lambda: said in screen_text(app), what="the verdict drawn")
        for _ in exercise.hints:
            await pilot.press("f2")
            await pilot.pause()
            assert said in screen_text(app) and "Not yet: a test failed." in screen_text(app), screen_text(app)


async def test_a_hint_asked_after_the_last_one_leaves_the_last_one_readable(catalog):
    """At 80x24 "No more hints" came as a notice over the hints, hiding the last one's text."""
    ch3 = catalog.get("3.2")
    exercise = ch3.exercise("w_sum")
    app = Host(ch3, exercise)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        for _ in exercise.hints:
            await pilot.press("f2")
        await pilot.press("f2")
        await pilot.pause()
        assert not app._notifications
        text = screen_text(app)
        last = f"Hint {len(exercise.hints)}/{len(exercise.hints)}"
        assert last in text and "That was the last hint." in text, text

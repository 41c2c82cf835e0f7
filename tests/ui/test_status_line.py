"""The status line under a lesson: its state, the selected param in the reading view, a param
changed, the offers of the chapter's quiz and the lesson's exercise, kept at 80 columns. (The advice
after a run: test_run_advice.py.)"""

from __future__ import annotations

from grok_tui.engine.runner import RunState
from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import screen_text, text_of, wait_for
from tests.ui.test_instruments_ui import play_past_questions
from tests.ui.test_lesson_views import SIZE, finish


async def test_the_reading_view_shows_the_selected_param_in_the_status_line(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        assert "alpha ◂ 1 ▸" in text_of(screen.query_one(StatusLine))
        await pilot.press("right_square_bracket")
        assert "input ◂ 2 ▸" in text_of(screen.query_one(StatusLine))
        await pilot.press("minus")
        await pilot.pause()
        assert "input ◂ 1.5 ▸" in text_of(screen.query_one(StatusLine))


async def test_after_a_change_another_chosen_param_shows_instead_of_the_change(small_catalog):
    """3.2 at 80x24: after weight_0's change had run, [ and ] chose other params but the status line
    kept `weight_0 0.1 -> 0`: + would have changed a param the learner could not see."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        await pilot.press("space")
        await finish(pilot, screen)
        await pilot.press("minus")  # alpha 1 -> 0.316228, which re-runs (and no longer diverges)
        await wait_for(pilot, lambda: screen.params["alpha"] < 1 and screen.session.rerun, what="the re-run")
        await finish(pilot, screen)
        assert screen.session.change == "alpha 0.316228 (was 1)"
        await pilot.press("right_square_bracket")
        status = text_of(screen.query_one(StatusLine))
        assert "input ◂ 2 ▸" in status and "->" not in status, status


async def test_a_stuck_run_keeps_its_number_beside_the_quiz_at_80_columns(small_catalog):
    """5.5 at 80 columns read "error_sum stuck …  try order delta,input · F chapter quiz": the offer of
    the quiz stayed whole and the value the error stuck at, the point, was cut."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        grew = ("error_sum stuck at 0.6327 from step 4", "error_sum stuck at 0.6327")
        status.show_status(RunState.FINISHED, 40, 40, "", grew=grew, advice="try order delta,input", quiz=True)
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert "error_sum stuck at 0.6327" in shown and shown.endswith("try order delta,input · F quiz"), shown


async def test_a_notice_sits_above_the_status_line_not_over_it(small_catalog):
    """At 80x24 a toast hid "ready · space run" after an exercise passed."""
    from textual.widgets._toast import Toast

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.screen.notify("passed: your code is in the lesson now · space runs it", timeout=30)
        await wait_for(pilot, lambda: app.screen.query(Toast), what="the notice")
        await pilot.pause()
        toast = app.screen.query_one(Toast).region
        status = app.screen.query_one(StatusLine).region
        assert toast.height == 2 and toast.bottom <= status.y, (toast, status)  # its two lines, no padding rows


async def test_a_param_the_run_moves_is_called_its_start(catalog):
    """4.4 at 80x24: the strip read `weight 0.734` and the status `weight ◂ 0 ▸`, the weight the
    run starts from, and a learner read the learned weight as still 0."""
    app = GrokApp(catalog, start_lesson="4.4", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        while screen.session.selected_param.name != "weight":
            await pilot.press("right_square_bracket")
        status = text_of(screen.query_one(StatusLine))
        assert "weight ◂ 0 ▸" in status, status  # nothing run yet: the weight is where it starts
        await play_past_questions(pilot, app, screen)
        status = text_of(screen.query_one(StatusLine))
        assert "finished" in status and "weight at start ◂ 0 ▸" in status, status
        # the lab's params pane says it too (it listed `weight ◂ 0 ▸` beside the values' 0.734008)
        from grok_tui.ui.widgets.params import ParamsView

        await pilot.press("l")
        await pilot.pause()
        params = text_of(screen.query_one(ParamsView))
        assert "weight at start  ◂ 0 ▸" in params and "input at start" not in params, params
        await pilot.press("r")  # no run: nothing has moved it
        await wait_for(pilot, lambda: "at start" not in text_of(screen.query_one(ParamsView)), what="no mark")


async def test_shift_d_brings_every_param_back_to_the_lessons_defaults(small_catalog):
    """A lesson comes back with the params it was left with, and nothing brought back at once the
    values its text quotes (a learner searched the palette for "default")."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        await pilot.press("plus", "right_square_bracket", "minus")  # alpha one rung up, input one down
        await wait_for(pilot, lambda: screen.session.rerun, what="the re-run with the changes")
        assert screen.params["alpha"] != 1.0 and screen.params["input"] != 2.0
        await pilot.press("D")
        await wait_for(pilot, lambda: screen.params == screen.lesson.defaults, what="the defaults")
        await wait_for(pilot, lambda: screen.session.run is not None, what="the re-run with the defaults")
        assert any("back to the lesson's defaults: alpha, input" in n.message for n in app._notifications)
        await pilot.press("D")
        await pilot.pause()
        assert any("at the lesson's defaults already" in n.message for n in app._notifications)


async def test_a_param_changed_while_stepping_says_the_new_run_waits_to_be_played(small_catalog):
    """s, then + on alpha: the new run waits after its first step, as the learner was stepping. The
    status said "paused · space resume", and two learners waited for the re-run that had begun."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.pause()
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="the first step")
        status = screen.query_one(StatusLine)
        await wait_for(pilot, lambda: "space resume · s step" in text_of(status), what="the stepping status")
        alpha = screen.params["alpha"]
        await pilot.press("plus")
        await wait_for(
            pilot,
            lambda: screen.params["alpha"] != alpha and screen.session.rerun and screen.run_state is RunState.PAUSED,
            what="the re-run, paused",
        )
        await wait_for(pilot, lambda: "space play it · s step" in text_of(status), what="the re-run's status")
        assert "resume" not in text_of(status)
        await pilot.press("s")  # a step on: the learner has played some of it, so it is resumed
        await wait_for(pilot, lambda: "space resume · s step" in text_of(status), what="resume again")


async def test_a_chapters_last_lesson_points_at_its_quiz_until_it_is_answered_right(course, private_data_dir):
    """4.5 finished said "n next lesson": a beginner following the status line went on to 5.1 and
    never met the chapter 4 quiz (only the text's last paragraph and the lab named it). Answered
    whole but with a miss, F still takes it: once answered whole, F went to the lab's panes, and a
    learner told "take the quiz again" typed their answers into a `set` dialog."""
    from grok_tui.answers import record_answer
    from grok_tui.ui.screens.quiz import QuizScreen

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("minus", "minus")  # alpha 0.1: a run that learns (at 1 it diverges: its advice)
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.1 and screen.run_state.done, what="the re-run")
        await finish(pilot, screen)
        status = text_of(screen.query_one(StatusLine))
        assert "F chapter quiz" in status, status  # after its exercise (e write slope): the lesson's first
        questions = range(1, len(course.quizzes[4].questions) + 1)
        for number in questions:
            record_answer(private_data_dir, f"quiz/4/{number}", "x", right=number != 2)
        await pilot.press("r", "space")  # another run: the quiz is answered whole, one missed
        await wait_for(pilot, lambda: screen.session.run is not None and screen.ended, what="the run")
        await finish(pilot, screen)
        assert "F chapter quiz" in text_of(screen.query_one(StatusLine))
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz again")
        app.screen.dismiss(None)
        await wait_for(pilot, lambda: app.screen is screen, what="back at 4.5")
        record_answer(private_data_dir, "quiz/4/2", "x", right=True)
        await pilot.press("r", "space")  # another run: the quiz is answered right now
        await wait_for(pilot, lambda: screen.session.run is not None and screen.ended, what="the run")
        await wait_for(pilot, lambda: "chapter quiz" not in text_of(screen.query_one(StatusLine)), what="no quiz")
        assert "n next lesson" in text_of(screen.query_one(StatusLine))


async def test_a_quiz_answered_right_from_the_status_lines_offer_is_offered_no_more(course, private_data_dir):
    """Answered whole and right through F, the quiz was still offered ("F chapter quiz") until the next run:
    the answers were read once a run."""
    from grok_tui.answers import record_answer
    from grok_tui.ui.screens.quiz import QuizScreen

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("minus", "minus")  # alpha 0.1: a run that learns
        await wait_for(pilot, lambda: screen.params["alpha"] == 0.1 and screen.run_state.done, what="the re-run")
        await finish(pilot, screen)
        assert "F chapter quiz" in text_of(screen.query_one(StatusLine))
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        for number in range(1, len(course.quizzes[4].questions) + 1):  # as the quiz saves them
            record_answer(private_data_dir, f"quiz/4/{number}", "x", right=True)
        app.screen.dismiss(None)
        await wait_for(pilot, lambda: app.screen is screen, what="back at 4.5")
        await wait_for(pilot, lambda: "chapter quiz" not in text_of(screen.query_one(StatusLine)), what="no quiz")
        assert "n next lesson" in text_of(screen.query_one(StatusLine))


async def test_a_key_that_does_nothing_says_so(small_catalog):
    """A newcomer pressed h and x in a lesson: nothing happened and nothing said the tutor had heard."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("h")
        await wait_for(pilot, lambda: "h: no key here · ? lists the keys" in text_of(screen.query_one(StatusLine)))
        await pilot.press("s")  # a key of the lesson's: it acts, and is not said to be none
        await wait_for(pilot, lambda: screen.run_state is RunState.PAUSED, what="a step")
        assert "s: no key here" not in text_of(screen.query_one(StatusLine))


async def test_4_5s_strip_keeps_the_factor_and_the_prediction_when_the_numbers_grow(catalog):
    """At 80x24 the finished run's wide numbers pushed "factor -3", the number the lesson is about,
    off the strip (a trial): the lesson lists it, and the prediction, before the weights."""
    app = GrokApp(catalog, start_lesson="4.5", speed=0)
    app.told_where_running = True
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done, what="the run's end")
        await wait_for(pilot, lambda: "5.4e+16" in screen_text(app), what="the strip")
        strip = next(line for line in screen_text(app).splitlines() if "5.4e+16 ▁" in line)
        assert "factor -3  pred -2.32e+08" in strip, strip


async def test_a_finished_run_offers_the_lessons_exercise_until_it_passes(catalog):
    """3.6 finished said "n next lesson · space again" with its exercise not written: `e` was named
    only in the text (a page down) and in F1, and a newcomer went on without it."""
    app = GrokApp(catalog, start_lesson="3.6", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="3.6")
        screen = app.screen
        await pilot.press("space")
        await finish(pilot, screen)
        await wait_for(pilot, lambda: " finished " in text_of(screen.query_one(StatusLine)), what="the end")
        assert "e write vect_mat_mul · n next lesson" in text_of(screen.query_one(StatusLine))
        app.progress.record_pass("3.6", "vect_mat_mul", catalog.get("3.6").exercise("vect_mat_mul").solution.source)
        await pilot.press("r", "space")
        await wait_for(pilot, lambda: screen.session.run is not None and screen.ended, what="the run")
        await finish(pilot, screen)
        await wait_for(pilot, lambda: "write" not in text_of(screen.query_one(StatusLine)), what="no offer")
        assert "n next lesson · space again" in text_of(screen.query_one(StatusLine))


async def test_a_stuck_run_offers_the_exercise_beside_its_advice_where_there_is_room(small_catalog):
    """6.4's default run sticks (seed 1): its advice took the place of "e write relu2deriv", so a
    learner's first run of a lesson with two exercises never offered them."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        status = app.screen.query_one(StatusLine)
        grew = ("error stuck at 1 from repeat 3", "error stuck at 1")
        status.show_status(
            RunState.FINISHED, 21, 21, "", grew=grew, advice="dead hidden nodes: try seed 0", exercise="relu2deriv"
        )
        await pilot.pause()
        shown = text_of(status).rstrip()
        assert shown.endswith("dead hidden nodes: try seed 0 · e write relu2deriv"), shown

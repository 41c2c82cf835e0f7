"""A keyboard audit at 80x24: every key a learner tries either works or says why not, and what the
screen says of the keys is what they do there."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.panels.drawing_pad import Panel as DrawingPad
from grok_tui.ui.panels.predict import PredictPanel
from grok_tui.ui.screens.course_end import CourseEndScreen
from grok_tui.ui.screens.help import HelpScreen
from grok_tui.ui.screens.output import OutputScreen
from grok_tui.ui.screens.predict import PredictScreen
from grok_tui.ui.screens.quiz import QuizScreen
from grok_tui.ui.widgets.status import StatusLine
from tests.ui.helpers import focus_panel, open_lesson, screen_text, text_of, wait_for
from tests.ui.test_drawing_pad import with_panels

SIZE = (80, 24)


def notices(app) -> list[str]:
    """The notices shown (run_test draws no toasts)."""
    return [n.message for n in app._notifications]


async def test_the_status_line_names_no_key_the_focused_panel_takes(small_catalog):
    """With 7.5's pad focused, space shades a pixel: the status line said "space run · s step"."""
    app = with_panels(small_catalog, "drawing_pad")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l")
        pad = await open_lesson(pilot, app, DrawingPad)
        status = screen.query_one(StatusLine)
        assert "space run · s step" in text_of(status)
        await focus_panel(pilot, app, pad)
        await wait_for(pilot, lambda: "f: back to the run keys · s step" in text_of(status), what="the pad's hint")
        assert "space" not in text_of(status)
        await pilot.press("f")
        await wait_for(pilot, lambda: "space run · s step" in text_of(status), what="space back")


async def help_shows(pilot, app, key: str, title: str) -> str:
    """Press `key`: the help opens with `title`; what the screen shows, then the help closed."""
    under = app.screen
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what=f"the help ({key})")
    shown = screen_text(app)
    assert title in shown, shown
    await pilot.press("escape")
    await wait_for(pilot, lambda: app.screen is under, what="the help closed")
    return shown


async def help_lists(pilot, app, title: str, says: tuple[str, ...], not_says=(), keys=("f1", "question_mark")):
    """Each of `keys` opens the help titled `title`, which shows each of `says` and none of `not_says`."""
    for key in keys:
        shown = await help_shows(pilot, app, key, title)
        for words in says:
            assert words in shown, (key, words, shown)
        for words in not_says:
            assert words not in shown, (key, words, shown)


async def test_the_output_views_help_lists_its_own_keys(small_catalog):
    """F1 in the output view listed the lesson's keys (space, s, l...), none of which work there."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_from_lesson(pilot, app, "o", OutputScreen)
        says = ("pgup pgdn", "o  escape", "back to the lesson")
        await help_lists(pilot, app, "output keys", says, not_says=("run / pause", "reset"))


async def test_the_predict_box_has_a_help(course):
    """F1 and ? did nothing in the predict box, and said nothing (? was refused as no number)."""
    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await open_lesson(pilot, app, PredictPanel)
        await pilot.press("space")
        await wait_for(pilot, lambda: isinstance(app.screen, PredictScreen), what="the question")
        await wait_for(pilot, lambda: "? help  q quit" in screen_text(app), what="the box's keys")
        await help_lists(pilot, app, "predict keys", ("skip the question", "type your guess"))
        assert app.screen.query_one("#answer-0").value == ""  # ? was not typed


async def test_the_quiz_has_an_f1_help_and_types_its_question_mark(course, private_data_dir):
    app = GrokApp(course, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        app.take_quiz(4)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        await help_lists(pilot, app, "quiz keys", ("leave the quiz", "? is typed into the answer"), keys=("f1",))
        await pilot.press("question_mark")
        assert app.screen.query_one("#quiz-answer").value == "?"


async def test_the_course_end_has_a_help(small_catalog):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None, what="the lesson")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, CourseEndScreen), what="the course end")
        await help_lists(pilot, app, "course end keys", ("back to the last lesson", "contents"))


async def test_the_key_bar_under_the_help_says_what_its_keys_do(small_catalog):
    """Under the help, the key bar said "? help  q quit", while q closed the help."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None, what="the lesson")
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        await wait_for(pilot, lambda: "esc/q close the help" in screen_text(app), what="the help's key bar")
        bar = screen_text(app).splitlines()[-1]
        assert "quit" not in bar and "? help" not in bar, bar
        await pilot.press("q")
        await wait_for(pilot, lambda: not isinstance(app.screen, HelpScreen), what="the help closed")
        assert app.is_running


def two_exercises_app(tmp_path) -> GrokApp:
    """The tutor at a lesson of two exercises: `e` opens the chooser (open_chooser)."""
    from tests.ui.helpers import one_lesson_app
    from tests.ui.test_lesson_exercises import TWO_EXERCISES

    return one_lesson_app(tmp_path, "9.9-two.md", TWO_EXERCISES)


async def open_from_lesson(pilot, app, key: str, screen_type: type) -> None:
    """`key` once the lesson shows, and what it opens: a screen of `screen_type`."""
    await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="the lesson")
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(app.screen, screen_type), what=screen_type.__name__)


async def open_chooser(pilot, app) -> None:
    """`e`: the `which exercise?` chooser."""
    from grok_tui.ui.screens.pick_exercise import PickExercise

    await open_from_lesson(pilot, app, "e", PickExercise)


async def test_the_exercise_chooser_moves_with_j_k_and_picks_by_digit(tmp_path):
    """j k did not move in the chooser (they do on the contents), and a digit did not pick."""
    from textual.widgets import OptionList

    from grok_tui.ui.screens.exercise import ExerciseScreen

    app = two_exercises_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_chooser(pilot, app)
        chooser = app.screen.query_one(OptionList)
        assert chooser.highlighted == 0 and "enter or 1-2 write it" in str(chooser.border_subtitle)
        await pilot.press("j")
        assert chooser.highlighted == 1
        await pilot.press("k")
        assert chooser.highlighted == 0
        await pilot.press("3")
        await wait_for(pilot, lambda: notices(app) == ["3: there are 2 exercises here"], what="the notice")
        await pilot.press("2")
        await wait_for(pilot, lambda: isinstance(app.screen, ExerciseScreen), what="the exercise")
        assert app.screen.exercise.name == "triple"


async def test_a_run_whose_error_grew_still_points_at_the_chapter_quiz(course):
    """4.5's default run diverges without overflowing: the status said "try a smaller alpha · space
    again", and not that F opens the chapter quiz, though it did."""
    from tests.ui.test_lesson_views import finish

    app = GrokApp(course, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        await pilot.press("space")
        await finish(pilot, screen)
        status = text_of(screen.query_one(StatusLine))
        # at 80 columns the offer is "F quiz": the error's end, 5.4e+16, came first (test_status_line)
        assert "5.4e+16" in status and status.rstrip().endswith("try a smaller alpha · F quiz"), status
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")


async def test_space_opens_the_highlighted_lesson_on_the_contents(small_catalog):
    from grok_tui.ui.screens.contents import ContentsScreen

    app = GrokApp(small_catalog, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.press("down", "space")  # the second lesson, 4.5 (the chapters' rows are skipped)
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None, what="a lesson")
        assert app.screen.lesson.id == "4.5"


async def test_a_letter_or_digit_the_contents_do_not_use_says_so_once(small_catalog):
    """n, p and digits did nothing on the contents and said nothing; two of them say it once."""
    from grok_tui.ui.screens.contents import ContentsScreen

    app = GrokApp(small_catalog, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        await pilot.press("n")
        await wait_for(pilot, lambda: notices(app) == ["n: no key here · ? lists the keys"], what="n's notice")
        await pilot.press("4")
        await wait_for(pilot, lambda: notices(app) == ["4: no key here · ? lists the keys"], what="4's notice")
        await pilot.press("j")  # a key of the contents' own: it moves, and is not said to be none
        assert notices(app) == ["4: no key here · ? lists the keys"]
        await pilot.press("space")  # a lesson opens: the contents' notice goes (over it, it read as the lesson's)
        await wait_for(pilot, lambda: getattr(app.screen, "lesson", None) is not None, what="a lesson")
        assert notices(app) == []


async def test_the_ends_of_the_speed_ladder_are_said(small_catalog):
    """> at the fastest speed and < at the slowest did nothing, and said nothing."""
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        status = app.screen.query_one(StatusLine)
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: "speed max · fastest already" in text_of(status), what="fastest already")
        await pilot.press("less_than_sign")
        await wait_for(pilot, lambda: "speed 1000/s" in text_of(status), what="a step slower")
        assert "already" not in text_of(status)
        await pilot.press(*["less_than_sign"] * 10)
        await wait_for(pilot, lambda: "speed 1/s · slowest already" in text_of(status), what="slowest already")


async def test_g_in_the_reading_view_says_the_charts_are_in_the_lab(small_catalog):
    """At 80 columns g said "g: no key here" in the reading view, and it works in the lab."""
    from grok_tui.ui.widgets.chart import ChartView

    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: getattr(app.screen, "session", None) is not None, what="4.5")
        screen = app.screen
        status = screen.query_one(StatusLine)
        await pilot.press("g")
        await wait_for(pilot, lambda: "g: charts are in the lab (l)" in text_of(status), what="g's note")
        await pilot.press("l")
        await wait_for(pilot, lambda: screen.lab and screen.lab_built, what="the lab")
        shown = [c for c in screen.query(ChartView) if c.display]
        await pilot.press("g")  # in the lab it shows the next chart
        await wait_for(pilot, lambda: [c for c in screen.query(ChartView) if c.display] != shown, what="g")
        assert "no key here" not in text_of(status)


async def test_the_help_writes_a_panels_two_keys_as_it_writes_the_others(small_catalog):
    """The pad's keys read "space,enter" in the help, where every other row says "F1  ?"."""
    app = with_panels(small_catalog, "drawing_pad")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        pad = await open_lesson(pilot, app, DrawingPad)
        await focus_panel(pilot, app, pad)
        shown = await help_shows(pilot, app, "f1", "the focused panel")
        assert "space  enter" in shown and "space,enter" not in shown, shown


async def test_the_contents_help_explains_the_last_opened_mark(small_catalog):
    from grok_tui.ui.screens.contents import ContentsScreen

    app = GrokApp(small_catalog, speed=0)
    async with app.run_test(size=(80, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ContentsScreen), what="the contents")
        shown = await help_shows(pilot, app, "f1", "contents keys")
        assert "✓ ◐ •  ▸" in shown and "the lesson opened last" in shown, shown


async def test_the_quiz_score_says_its_keys_in_its_key_bar(course):
    """The score's box said "escape or enter: close the quiz", its key bar "⏎ next"."""
    app = GrokApp(course, speed=0)
    async with app.run_test(size=SIZE) as pilot:
        app.take_quiz(4)
        await wait_for(pilot, lambda: isinstance(app.screen, QuizScreen), what="the quiz")
        quiz = app.screen
        for question in quiz.quiz.questions:
            await pilot.press(*("1" if question.choices else "0"), "enter")
            await wait_for(pilot, lambda: quiz.showing_verdict, what="the verdict")
            await wait_for(pilot, lambda: "⏎ next" in screen_text(app), what="the verdict's keys")
            await pilot.press("enter")
        await wait_for(pilot, lambda: "esc/enter close the quiz" in screen_text(app), what="the score's keys")
        shown = screen_text(app)
        assert "escape or enter: close the quiz" in shown and "next" not in shown.splitlines()[-1], shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is not quiz, what="the quiz closed")

"""The contents: chapters and their lessons, with the learner's marks and position."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.color import Color
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from grok_tui.answers import load_answers, quiz_answers
from grok_tui.course_marks import LEGEND, MARKS, exercises_passed, lesson_status
from grok_tui.lesson.catalog import bundled_lessons_dir
from grok_tui.ui.answer_notices import tell_set_aside
from grok_tui.ui.breakpoints import preset_breakpoints
from grok_tui.ui.contrast import TONES, theme_style
from grok_tui.ui.keys_ahead import contents_shown
from grok_tui.ui.notices import take_back
from grok_tui.ui.screens.contents_list import LessonList
from grok_tui.ui.screens.contents_rows import QUIZ_ROW, lesson_preview, quiz_attempt, quiz_line, quiz_preview
from grok_tui.ui.screens.course_end import not_loaded
from grok_tui.ui.tutor_app import tutor
from grok_tui.ui.widgets.footer import KeyFooter

OUTSIDE_POLL = 2.0
"""Seconds between looks at the progress file for what the command line changed (verify, reset)."""

STATUS_WORDS = {"complete": "complete", "ran": "run done, exercises to do", "started": "opened", "": ""}

PROBLEM_LINES = 6
"""Lesson-file problems listed under the contents, a line each (grok.tcss gives the box 8 rows)."""


NO_KEY = ": no key here · ? lists the keys"
"""Said of a letter, digit or side arrow the contents do not use (as the lesson says it in its status line)."""

ARROWS = {"left": "←", "right": "→"}
"""The arrows the list does not use, as a notice names them: ← → did nothing and said nothing."""

NO_LESSON_YET = "no lesson open yet: enter opens the highlighted one"
"""Said of escape before any lesson was opened (there is none to go back to)."""


NO_QUIZ = " has no quiz"
"""Said of F on a chapter without a quiz ("chapter 3 has no quiz")."""


def said_of_a_key(message: str) -> bool:
    """Whether a notice is one the contents give of a key that does nothing here."""
    return message.endswith((NO_KEY, NO_QUIZ)) or message == NO_LESSON_YET


class ContentsScreen(Screen[None]):
    DEFAULT_CSS = """
    ContentsScreen #legend { height: 1; padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        # The list's own "enter open" (contents_list.py), here as well and first, as the bar shows
        # it: the bar is drawn before the list has the focus, and with the key only on the list it
        # was composed twice at start (~40 ms to the first frame, bench/startup.py).
        Binding("enter", "select", "open", key_display="enter", id="contents.open_list"),
        Binding("f1,question_mark", "help", "help", id="contents.help"),
        Binding("escape", "back", "back to lesson", id="contents.back"),
        Binding("F", "chapter_quiz", "chapter quiz", id="contents.quiz"),
        Binding("q", "app.quit", "quit", id="contents.quit"),
        # Textual's "Do you want to quit? / Press q to quit the app" said nothing of the progress,
        # in another voice than every other screen's answer to ctrl+c
        Binding("ctrl+c", "interrupt", show=False, id="contents.interrupt"),
    ]

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    def __init__(self, *, deferred: bool = False) -> None:
        """deferred: build nothing until first shown. A lesson opened at start covers the contents,
        and building them under it delayed the lesson's first frame."""
        super().__init__()
        preset_breakpoints(self)
        self._built = not deferred
        self._shown: list = []
        self._quiz_offered = True
        """Whether the key bar offers F: the highlighted row's chapter has a quiz."""
        self._texts: dict[str | None, Text] = {}
        """The options the list shows (id, prompt, disabled), to rebuild it only when they change."""

    def compose(self) -> ComposeResult:
        if not self._built:
            return
        yield Static(id="title")
        with Horizontal(id="contents-body"):
            yield LessonList(id="lessons")
            yield Static(id="preview")
        # ▸ stays at the lesson last opened while the highlight moves: a trial found it unexplained
        yield Static(Text(f"{LEGEND}  ▸ last opened"), id="legend")  # $text-muted (DEFAULT_CSS)
        yield Static(id="problems")
        yield KeyFooter()

    def on_key(self, event: events.Key) -> None:
        """A letter, digit or side arrow that does nothing here says so, in one notice: n, p, ← → or
        a lesson's number did nothing and said nothing; so did escape with no lesson to go back to.
        (The contents have no status line.)"""
        key = event.key
        if self.app.screen is not self or tutor(self.app).keys_ahead.holding:
            return  # (a key held for the lesson being opened: keys_ahead.py)
        if key == "escape" and not self.check_action("back", ()):
            self._say(NO_LESSON_YET)
        elif key == "F" and not self._quiz_offered:
            self.action_chapter_quiz()  # hidden from the key bar here, but F still says why
        elif key in ARROWS or (len(key) == 1 and key.isalnum() and key not in self.active_bindings):
            # (the list binds ← → to scroll it sideways, which it never needs: they moved nothing)
            self._say(ARROWS.get(key, key) + NO_KEY)

    def action_select(self) -> None:
        """enter before the list has the focus (at start): as on the list, open the chosen lesson."""
        self.query_one(LessonList).action_select()

    def action_interrupt(self) -> None:
        self.notify("q quits, your progress is saved", title="ctrl+c", timeout=3, markup=False)

    def _say(self, said: str) -> None:
        """One notice of a key that does nothing here: it replaces the last, not stacked under it."""
        take_back(self.app, said_of_a_key)
        self.notify(said, timeout=3, markup=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        lesson = self.app.catalog.get(event.option.id) if event.option.id else None  # type: ignore[attr-defined]
        quiz_offered = self._highlighted_chapter_quiz() is not None
        if quiz_offered != self._quiz_offered:
            # The key bar offered "F chapter quiz" on a teacher's chapter without one; redrawn only
            # when that changes, not on every arrow key (each redraw is bytes over a slow link).
            self._quiz_offered = quiz_offered
            self.refresh_bindings()
        preview = self.query_one("#preview", Static)
        if event.option.id and event.option.id.startswith(QUIZ_ROW):
            number = int(event.option.id[len(QUIZ_ROW) :])
            app = tutor(self.app)
            quiz = app.catalog.quizzes[number]
            attempt = quiz_attempt(load_answers(app.progress.root), number, len(quiz.questions))
            self._update(
                preview, quiz_preview(number, quiz.title, len(quiz.questions), len(attempt) + 1 if attempt else 0)
            )
        elif lesson is not None:
            status = lesson_status(lesson, self.app.progress)  # type: ignore[attr-defined]
            self._update(preview, lesson_preview(lesson, STATUS_WORDS[status]))

    def tones(self) -> dict[str, Style]:
        """TONES and the marks' styles for the theme shown, readable on the list (focused or not:
        a focused list is tinted 5% towards its text)."""
        lessons = self.query_one(LessonList)
        background = lessons.background_colors[1]
        if background.a == 0:  # not styled yet
            background = Color.parse(self.app.theme_variables.get("surface", "#000000"))
        backgrounds = [background, background.blend(lessons.colors[3], 0.05)]
        variables = self.app.theme_variables
        styles = {name: theme_style(style, variables, backgrounds) for name, style in TONES.items()}
        for status, (_, style) in MARKS.items():
            styles[status] = theme_style(style, variables, backgrounds)
        return styles

    def _theme_changed(self, _theme: object) -> None:
        """Another theme picked (ctrl+p): the marks' colours are the theme's, resolved when drawn."""
        if self._built:
            self.call_after_refresh(self.refresh_marks, keep_highlight=True)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        if self._built:
            self.refresh_marks()
            self.refresh_bindings()  # a lesson may have been opened since the footer was drawn
        self.set_interval(OUTSIDE_POLL, self._take_outside_progress)

    def _take_outside_progress(self) -> None:
        """A pass or a reset made from the command line while the contents show (`grok-tui verify`,
        `reset`): the marks and counts stayed as they were until a lesson was opened and left."""
        if self._built and self.app.screen is self and tutor(self.app).progress.refresh():
            self.refresh_marks(keep_highlight=True)

    def on_resize(self) -> None:
        if self._built:
            # After the layout: until then the list has its old width, and the lines were cut (or
            # wrapped their counts) for the size the screen had.
            self.call_after_refresh(self.refresh_marks, keep_highlight=True)

    async def on_screen_resume(self) -> None:
        if not self._built:
            # Resumed as the app's first screen under the lesson opened at start, or while that
            # lesson's panels load (the screen stays blank for that moment): not built yet.
            if self.app.screen is not self or self.app.opening:  # type: ignore[attr-defined]
                return
            await self.build()
            tutor(self.app).lesson_opened_since_contents = False  # built on the lesson last opened
            contents_shown(self.app)
            return
        app = tutor(self.app)
        # back from a quiz, ctrl+p or the help, the highlight stays where it was (the palette's
        # closing put it back on the first lesson, before its quiz opened); after a lesson, on it
        self.refresh_marks(keep_highlight=not app.lesson_opened_since_contents)
        app.lesson_opened_since_contents = False
        self.refresh_bindings()
        contents_shown(self.app)  # keys read with the c or escape that left a lesson

    async def build(self) -> None:
        """Build a deferred contents screen (a no-op once built)."""
        if self._built:
            return
        self._built = True
        await self.recompose()
        self.refresh_marks()
        self.refresh_bindings()

    def _room(self, rows: int) -> int:
        """Columns for a lesson's line in the list. Before the first layout it is computed from the
        screen's size as grok.tcss lays the list out (the whole width, or its width when wide; a
        scrollbar when the rows overflow), so the first frame is the final one; the first Resize
        redraws the lines if that was wrong."""
        lessons = self.query_one(LessonList)
        if lessons.scrollable_content_region.width > 0:
            return lessons.scrollable_content_region.width - 2
        width = lessons.styles.width
        outer = int(width.value) if width is not None and width.is_cells else self.app.size.width
        overflow = rows > self.app.size.height - 3  # the title, legend and footer take a row each
        scrollbar = lessons.styles.scrollbar_size_vertical if overflow else 0
        return outer - lessons.styles.gutter.width - scrollbar - 2

    def refresh_marks(self, keep_highlight: bool = False) -> None:
        """The list's lines for its width; the highlight on the current lesson, or where the learner
        moved it (`keep_highlight`: a resize must not take it back)."""
        app = self.app
        catalog, progress = app.catalog, app.progress  # type: ignore[attr-defined]
        current = app.current_lesson_id  # type: ignore[attr-defined]
        options: list[Option] = []
        highlight = None
        # The exercises count ends at the list's right edge; a title too long for the room left is
        # cut (wrapping would put the count, or the title's end, on a line of its own).
        room = self._room(len(catalog.lessons) + len(catalog.chapters()) + len(catalog.quizzes))
        answers = load_answers(progress.root) if catalog.quizzes else None
        tell_set_aside(app)  # a damaged answers file, set aside as it was read
        tones = self.tones()
        for number, title, lessons in catalog.chapters():
            done = sum(lesson_status(lesson, progress) == "complete" for lesson in lessons)
            quiz = catalog.quizzes.get(number)
            mine = quiz_answers(answers, number) if quiz is not None and answers is not None else {}
            options.append(
                Option(
                    # the heading's colour is grok.tcss's (a disabled option's is Textual's faint one)
                    Text.assemble((f"{number} {title}", "bold"), (f"  {done}/{len(lessons)} done", tones["muted"])),
                    disabled=True,
                )
            )
            for lesson in lessons:
                status = lesson_status(lesson, progress)
                mark, style = MARKS[status][0], tones[status]
                here = lesson.id == current
                name = f"{lesson.id} {lesson.title}"
                count = ""
                if lesson.exercises:
                    count = f"exercises {exercises_passed(lesson, progress)}/{len(lesson.exercises)}"
                budget = room - 4 - (len(count) + 2 if count else 0)
                if len(name) > budget:  # a wrapped title would read as two lessons
                    name = name[: max(1, budget - 1)] + "…"
                label = Text.assemble(("▸ " if here else "  "), (mark, style), f" {name}")
                if count:
                    label.append(" " * max(2, room - 4 - len(name) - len(count)))
                    passed = count.startswith(f"exercises {len(lesson.exercises)}/")
                    label.append(count, style=tones["success"] if passed else tones["muted"])
                options.append(Option(label, id=lesson.id))
                if here:
                    highlight = len(options) - 1
            if quiz is not None and answers is not None:
                # an attempt under way is what the quiz goes on with: the row said "5/5 right" from
                # each question's latest answer, while the quiz went on at question 2 (a trial)
                mine = dict(enumerate(quiz_attempt(answers, number, len(quiz.questions)), 1)) or mine
            if quiz is not None:
                # The quiz, selectable: it opened only from the chapter's last lesson, once run (F),
                # and a learner who wanted to take it again could not find it here or in ctrl+p.
                options.append(
                    Option(quiz_line(number, len(quiz.questions), mine, room, tones), id=f"{QUIZ_ROW}{number}")
                )
        lessons_list = self.query_one(LessonList)
        if keep_highlight and lessons_list.highlighted is not None:
            highlight = lessons_list.highlighted
        if highlight is None:
            highlight = next((i for i, o in enumerate(options) if not o.disabled), None)
        shown = [(o.id, o.prompt, o.disabled) for o in options]
        if shown != self._shown:  # unchanged (a resize to the same room, a resume): no new render
            self._shown = shown
            lessons_list.clear_options()
            lessons_list.add_options(options)
        lessons_list.highlighted = highlight
        total = len(catalog.lessons)
        done = sum(lesson_status(lesson, progress) == "complete" for lesson in catalog.lessons)
        # a teacher's own course (--lessons) is not the book's: its folder's name says whose it is
        bundled = catalog.root.resolve() == bundled_lessons_dir().resolve()
        course = "Grokking Deep Learning, live" if bundled else f"course: {catalog.root.resolve().name}"
        title = Text.assemble((" grok-tui ", "bold reverse"), f"  {course}  ", (f"{done}/{total} lessons done", "bold"))
        # the keys as far as they fit whole: at 80 columns "ctrl+p find" lost its "find"
        room = (self.size.width or self.app.size.width) - title.cell_len
        keys = next((k for k in ("  ↑↓ enter · ctrl+p find", "  ctrl+p find") if len(k) <= room), "")
        title.append(keys, style="dim")
        self._update(self.query_one("#title", Static), title)
        problems = self.query_one("#problems", Static)
        if catalog.errors:
            # One line each, and a count of those left out: at 80x24 three of four showed, wrapped,
            # and nothing said a fourth was hidden
            broken = len(catalog.errors)
            said = not_loaded(catalog, "F1 shows each problem in full", "F1 shows each in full")
            text = Text(f"{said}:", style="bold red")
            shown = catalog.errors if broken <= PROBLEM_LINES else catalog.errors[: PROBLEM_LINES - 1]
            width = max(20, self.size.width - 2)
            for error in shown:
                line = error.within(catalog.root)
                text.append("\n" + (line if len(line) <= width else line[: width - 1] + "…"), style="red")
            if len(shown) < broken:
                text.append(f"\nand {broken - len(shown)} more: F1", style="red")
            self._update(problems, text)
            problems.display = True
        else:
            problems.display = False
        if not lessons_list.has_focus:
            lessons_list.focus()

    def _update(self, static: Static, text: Text) -> None:
        """Show `text` in `static` unless it shows it already: the first Resize events, of the size the
        screen has, redrew and laid out the screen once each."""
        if self._texts.get(static.id) != text:
            self._texts[static.id] = text
            static.update(text)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # said of the contents: over the lesson it read as the lesson's ("x: no key here")
        take_back(self.app, said_of_a_key)
        if event.option.id and event.option.id.startswith(QUIZ_ROW):
            tutor(self.app).take_quiz(int(event.option.id[len(QUIZ_ROW) :]))
        elif event.option.id:
            tutor(self.app).open_lesson(event.option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """No "back to lesson" before a lesson was opened, and no "F chapter quiz" on a chapter
        without a quiz (False hides them from the footer; F still says why it does nothing)."""
        if action == "chapter_quiz":
            return self._quiz_offered
        return action != "back" or bool(self.app.current_lesson_id)  # type: ignore[attr-defined]

    def _highlighted_chapter(self) -> int | None:
        """The chapter of the highlighted row (a lesson or a chapter's quiz)."""
        lessons = self.query(LessonList)
        option = lessons.first().highlighted_option if lessons else None
        if option is None or not option.id:
            return None
        if option.id.startswith(QUIZ_ROW):
            return int(option.id[len(QUIZ_ROW) :])
        lesson = self.app.catalog.get(option.id)  # type: ignore[attr-defined]
        return None if lesson is None else lesson.chapter

    def _highlighted_chapter_quiz(self) -> int | None:
        """The highlighted row's chapter, if it has a quiz."""
        chapter = self._highlighted_chapter()
        return chapter if chapter in self.app.catalog.quizzes else None  # type: ignore[attr-defined]

    def action_chapter_quiz(self) -> None:
        """F: the quiz of the highlighted row's chapter, as F reaches it from the chapter's last lesson."""
        chapter = self._highlighted_chapter()
        if chapter is None:
            return
        if chapter not in self.app.catalog.quizzes:  # type: ignore[attr-defined]
            self._say(f"chapter {chapter}{NO_QUIZ}")
            return
        take_back(self.app, said_of_a_key)
        tutor(self.app).take_quiz(chapter)

    def action_help(self) -> None:
        """F1: this screen's keys (not a lesson's: space does nothing here), and any lesson-file problems."""
        from grok_tui.ui.screens.help import CONTENTS_KEYS, HelpScreen

        catalog = self.app.catalog  # type: ignore[attr-defined]
        errors = [str(e) for e in catalog.errors]
        first = catalog.lessons[0].id if catalog.lessons else ""
        # "the course starts at the top: 2.1" was said of a teacher's course that starts at 4.1
        keys = tuple((k, what.replace("at the top: 2.1", f"at the top: {first}")) for k, what in CONTENTS_KEYS)
        self.app.push_screen(HelpScreen(problems=errors, keys=keys, title="contents keys"))

    def action_back(self) -> None:
        """Back to the lesson the learner was at (it reopens ready to run)."""
        current = self.app.current_lesson_id  # type: ignore[attr-defined]
        if current and self.app.catalog.get(current):  # type: ignore[attr-defined]
            self.app.open_lesson(current)  # type: ignore[attr-defined]

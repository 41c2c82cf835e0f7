"""What a cell prints shows under the cell in the lesson text, as in a notebook: its first and last
lines, an error that stopped the run under its cell, and the text the learner reads stays still
while boxes above it appear and grow."""

from __future__ import annotations

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.cell_output import CellOutput
from grok_tui.ui.widgets.code_cell import CodeCell
from grok_tui.ui.widgets.document import LessonDocument
from tests.ui.helpers import one_lesson_app, screen_text, wait_for

SIZE = (80, 24)

PARAS = "\n\n".join(f"Paragraph {i} of the reading that follows the loop." for i in range(1, 31))

PRINTS = f"""+++
id = "9.6"
chapter = 9
title = "Printouts under their cells"
show = ["i"]
steps = "iterations"

[params.iterations]
default = 3
min = 1
max = 40

[params.shout]
default = 1
min = 0
max = 1
+++

A loop that prints as it goes.

```python train
print("before the loop")
for i in range(iterations):
    print(f"iteration {{i}}")
    step(i=i)
```

{PARAS}

```python
if shout:
    print("SHOUT")
print(1 / (iterations - 7))
```

The end.
"""


def boxes(app: GrokApp) -> dict[int, list[str]]:
    """Each printout box's lines, by the line of its cell; each box right under its cell."""
    doc = app.screen.query_one(LessonDocument)
    out = {}
    children = list(doc.children)
    for box in doc.query(CellOutput):
        above = children[children.index(box) - 1]
        assert isinstance(above, CodeCell) and above.cell.line == box.cell_line
        out[box.cell_line] = [line.plain for line in box.folded(box.content_size.width)]
    return out


def dimmed(box: CellOutput) -> bool:
    return all(any("dim" in str(span.style) for span in line.spans) for line in box.folded(box.content_size.width))


async def run_once(pilot, app: GrokApp, *keys: str) -> None:
    screen = app.screen
    await pilot.press(*keys)
    await wait_for(pilot, lambda: screen.run_state.done and screen.ended, what="the run to end")
    await pilot.pause()


async def test_each_cell_shows_what_it_printed_under_it(tmp_path):
    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        assert boxes(app) == {}  # nothing printed before the first run
        await run_once(pilot, app, "space")
        first, second = sorted(boxes(app))
        assert boxes(app) == {
            first: ["before the loop", "iteration 0", "iteration 1", "iteration 2"],
            second: ["SHOUT", "-0.25"],
        }
        assert "iteration 2" in screen_text(app)  # the first cell's box is in view at the top

        # A long printout: its first 8 and last 12 lines, and how many are between (o shows all).
        await run_once(pilot, app, "equals_sign", *"30", "enter")
        assert boxes(app)[first] == [
            "before the loop",
            *(f"iteration {i}" for i in range(7)),
            "⋮ 11 more lines · o shows them all",
            *(f"iteration {i}" for i in range(18, 30)),
        ]


async def test_an_error_shows_under_its_cell_and_a_cell_that_printed_nothing_loses_its_box(tmp_path):
    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        await run_once(pilot, app, "space")
        first, second = sorted(boxes(app))
        await run_once(pilot, app, "equals_sign", "7", "enter")  # 1 / (7 - 7)
        assert boxes(app)[second] == [
            "SHOUT",
            "✗ the run stopped here: ZeroDivisionError: division by zero",
        ]
        await pilot.press("right_square_bracket", "minus")  # shout 0: the second cell prints nothing
        screen = app.screen
        screen._cancel_restart()  # hold the re-run: until it reaches them, the boxes are the old run's, dimmed
        await pilot.pause()
        # said in words too: dim, slanted and a grey bar do not show in a plain terminal
        assert boxes(app)[second][0] == "SHOUT  (last run)"
        assert all(dimmed(box) for box in screen.query(CellOutput))
        # the run before's, told apart from a printout of now: slanted, under a faint bar
        assert all(box.has_class("-stale") for box in screen.query(CellOutput))
        assert all("italic" in str(span.style) for box in screen.query(CellOutput) for span in box._lines[0].spans)
        await run_once(pilot, app, "space")
        assert not any(box.has_class("-stale") for box in screen.query(CellOutput))
        assert boxes(app)[second] == ["✗ the run stopped here: ZeroDivisionError: division by zero"]
        await run_once(pilot, app, "left_square_bracket", "equals_sign", "3", "enter")  # and it no longer fails
        assert boxes(app) == {
            first: ["before the loop", "iteration 0", "iteration 1", "iteration 2"],
            second: ["-0.25"],
        }
        await pilot.press("r")  # reset: no run, no printout
        await pilot.pause()
        assert boxes(app) == {}


async def test_the_cells_under_the_one_that_stopped_the_run_say_they_did_not_run(tmp_path):
    """4.5 at alpha 10 and 100 steps diverged in its loop: its table of eight alphas, a cell below,
    showed its code and nothing under it, as if it had run and printed nothing."""
    lesson = PRINTS.replace("The end.", "```python\nprint('the table')\n```\n\n```python\nx = 1\n```\n\nThe end.")
    app = one_lesson_app(tmp_path, "9.6-prints.md", lesson)
    async with app.run_test(size=SIZE) as pilot:
        await run_once(pilot, app, "equals_sign", "7", "enter")  # 1 / (7 - 7) in the second cell
        first, second, table, quiet = sorted(app.screen.query_one(LessonDocument).printouts.cells)
        stop = second + 2  # the division's line in the lesson file
        assert boxes(app)[second][-1] == "✗ the run stopped here: ZeroDivisionError: division by zero"
        assert boxes(app)[table] == boxes(app)[quiet] == [f"(not run: the run stopped at line {stop}, above)"]
        assert first not in boxes(app) or "not run" not in " ".join(boxes(app)[first])
        await run_once(pilot, app, "equals_sign", "3", "enter")  # it runs to the end: no note
        assert boxes(app)[table] == ["the table"] and quiet not in boxes(app)


DIVERGES = """+++
id = "9.7"
chapter = 9
title = "A loop that diverges"
steps = "iterations"

[params.iterations]
default = 3
min = 1
max = 40
+++

```python train
x = 10.0
for i in range(iterations):
    x = x ** 2  # past 1e308 at the ninth: too big for a float
    step(i=i, x=x)
```

```python
print("the table")
```

```python check
assert x > 0  # a check cell is hidden: no note under it
```
"""


async def test_the_cells_under_a_loop_that_diverged_say_they_did_not_run(tmp_path):
    app = one_lesson_app(tmp_path, "9.7-diverges.md", DIVERGES)
    async with app.run_test(size=SIZE) as pilot:
        loop, table, _check = sorted(app.screen.query_one(LessonDocument).printouts.cells)
        await run_once(pilot, app, "space")
        assert boxes(app) == {table: ["the table"]}
        await run_once(pilot, app, "equals_sign", "1", "2", "enter")
        assert app.screen.session.state.value == "diverged"
        assert boxes(app) == {table: [f"(not run: the run diverged above, in the cell at line {loop})"]}


async def test_the_text_on_screen_stays_still_while_a_box_above_it_appears_and_grows(tmp_path):
    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        doc.focus()
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        reading = screen_text(app).splitlines()[2:12]
        assert any("Paragraph" in line for line in reading) and doc.scroll_y > 0
        await run_once(pilot, app, "space")  # the first cell's box appears above the view
        assert boxes(app) and screen_text(app).splitlines()[2:12] == reading
        await run_once(pilot, app, "equals_sign", *"30", "enter")  # and grows to 21 lines
        assert len(boxes(app)[min(boxes(app))]) == 21
        assert screen_text(app).splitlines()[2:12] == reading


async def test_at_the_end_of_the_text_a_box_above_moves_the_view_in_the_same_frame(tmp_path):
    """Reading the last page, the view cannot scroll past the end until the new box is laid out: it
    was scrolled a frame later, so for one frame the text jumped down by the box's rows (and under
    load the test above caught that frame)."""
    from grok_tui.engine.feed import CellPrint

    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        doc.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        top = doc.scroll_y
        assert top == doc.max_scroll_y > 0
        loop = min(doc.printouts.cells)
        doc.printouts.show({loop: CellPrint(("one", "two", "three"), 0, ())}, run=object())
        assert doc.scroll_y == top + 3  # at once, before any layout
        await pilot.pause()
        assert doc.scroll_y == top + 3 and boxes(app)[loop] == ["one", "two", "three"]


async def test_a_box_that_grows_twice_in_one_frame_moves_the_text_once(tmp_path):
    """A loaded machine sent a box's first lines and more of them before a frame laid it out: its
    laid-out height (still 0) was taken for its old one, and the text moved by both."""
    from grok_tui.engine.feed import CellPrint

    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        doc.scroll_to(y=20, animate=False, immediate=True)
        await pilot.pause()
        loop, run = min(doc.printouts.cells), object()
        doc.printouts.show({loop: CellPrint(("one",), 0, ())}, run)
        doc.printouts.show({loop: CellPrint(("one", "two", "three"), 0, ())}, run)
        await pilot.pause()
        assert doc.scroll_y == 23 and boxes(app)[loop] == ["one", "two", "three"]


async def test_a_box_being_read_grows_below_the_reader_not_over_them(tmp_path):
    """6.2b: reading its pass-1 table, the learner played on, and the table slid off the screen as
    pass 40's was added under it."""
    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        await run_once(pilot, app, "space")
        doc = app.screen.query_one(LessonDocument)
        box = doc.query_one(CellOutput)
        doc.focus()
        doc.scroll_to(y=box.virtual_region.y + 1, animate=False)  # its first line just above the view
        await pilot.pause()
        reading = [line[:-3] for line in screen_text(app).splitlines()[2:5]]  # not the scrollbar
        assert "iteration 0" in reading[0], reading
        await run_once(pilot, app, "equals_sign", *"30", "enter")
        assert len(boxes(app)[box.cell_line]) == 21
        assert [line[:-3] for line in screen_text(app).splitlines()[2:5]] == reading


async def test_a_re_run_refills_a_box_being_read_without_moving_the_text(tmp_path):
    """3.1: its bars' last line at the top of the view, the learner pressed + and the re-run's box
    began again from one line: the text under it slid up a row each game, three in all."""
    from grok_tui.engine.feed import CellPrint

    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        doc = app.screen.query_one(LessonDocument)
        loop, first = min(doc.printouts.cells), object()
        games = ("game 1", "game 2", "game 3", "game 4")
        doc.printouts.show({loop: CellPrint(games, 0, ())}, first)
        doc.printouts.ended()
        await pilot.pause()
        box = doc.query_one(CellOutput)
        doc.scroll_to(y=box.virtual_region.y + 3, animate=False, immediate=True)  # game 4 on the top row
        await pilot.pause()
        rows = screen_text(app).splitlines()
        top = next(i for i, line in enumerate(rows) if "game 4" in line)
        below = rows[top + 1 : top + 6]
        again = object()
        for shown in range(1, 5):
            new = tuple(g.replace("game", "GAME") for g in games[:shown])
            doc.printouts.show({loop: CellPrint(new, 0, ())}, again)
            await pilot.pause()
            rows = screen_text(app).splitlines()
            assert rows[top + 1 : top + 6] == below, shown  # the text under the box stays put
            assert ("GAME 4" if shown == 4 else "game 4") in rows[top]  # the old line, until replaced
        doc.printouts.ended()
        await pilot.pause()
        assert "GAME 4" in screen_text(app).splitlines()[top] and boxes(app)[loop] == [g.upper() for g in games]


def test_a_long_line_wraps_between_words():
    """A printed message was cut anywhere: `... type(s) for *: 'b` over `uiltin_function_or_method'`."""
    from rich.text import Text

    from grok_tui.ui.widgets.cell_output import fold

    message = "TypeError: unsupported operand type(s) for *: 'builtin_function_or_method' and 'float'"
    assert [t.plain for t in fold([Text(message)], 40)] == [
        "TypeError: unsupported operand type(s)",
        "for *: 'builtin_function_or_method' and",
        "'float'",
    ]


async def test_a_rerun_of_a_lesson_with_predictions_hides_the_last_runs_answers(course):
    """4.4 played to its end, then stepped again to answer its questions anew: the boxes under its
    cells still showed the run before's lines, dimmed, weight 0.734008 among them: the answer the
    next question asks for."""
    from grok_tui.engine.runner import RunState
    from tests.ui.test_instruments_ui import play_past_questions

    app = GrokApp(course, start_lesson="4.4", speed=0)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        await pilot.pause()
        await play_past_questions(pilot, app, screen)
        doc = screen.query_one(LessonDocument)
        before = "\n".join(line.plain for box in doc.printouts.boxes.values() for line in box._lines)
        assert "0.734008" in before, before  # the finished run printed the step-4 weight
        await pilot.press("s")  # a new run, paused after its first step, before the first question
        await wait_for(pilot, lambda: screen.run is not None and screen.run.state is RunState.PAUSED, what="step 1")
        await pilot.pause()
        shown = "\n".join(line.plain for box in doc.printouts.boxes.values() for line in box._lines)
        assert "0.734008" not in shown and "hidden until this run gets here" in shown, shown


async def test_the_run_befores_lines_under_a_refilling_box_say_so(tmp_path):
    """A re-run that has printed part of a box: the run before's lines under it are marked in words
    at their first line (a plain terminal shows no dim or slant)."""
    app = one_lesson_app(tmp_path, "9.6-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("s", "s")  # two steps of the first run, paused
        await wait_for(pilot, lambda: any(b[-1:] == ["iteration 1"] for b in boxes(app).values()), what="two steps")
        first = min(boxes(app))
        assert boxes(app)[first] == ["before the loop", "iteration 0", "iteration 1"]
        await pilot.press(
            "equals_sign", "4", "enter"
        )  # iterations 4 while stepping: the new run waits after its first step
        await wait_for(pilot, lambda: screen.session.run is not None and screen.session.rerun, what="the re-run")
        # first all the run before's, marked; then the new run's first step over its top
        await wait_for(pilot, lambda: boxes(app)[first][0] == "before the loop", what="the new run's first lines")
        await pilot.pause()
        shown = boxes(app)[first]
        assert shown == ["before the loop", "iteration 0", "iteration 1  (last run)"], shown


async def test_a_printout_whose_end_is_at_the_bottom_of_the_view_follows_its_end(tmp_path):
    """4.4 at 80x24: its first cell and printout are taller than the text's view, and `w` showed the
    printout's end at the bottom; the lines of the next iterations were then added below the screen,
    and the learner stepping to watch them saw iteration 1's."""
    tall = "\n".join(f"# a line of the cell's comment, {i}" for i in range(16))
    lesson = PRINTS.replace("default = 3", "default = 30").replace(
        'print("before the loop")', tall + '\nprint("before")'
    )
    app = one_lesson_app(tmp_path, "9.6-prints.md", lesson)
    app.told_where_running = True
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        await pilot.press("s")
        await wait_for(
            pilot, lambda: screen.session.poll() is not None and screen.session.poll().step == 1, what="step 1"
        )
        await wait_for(pilot, lambda: bool(doc.query(CellOutput)), what="the printout")
        await pilot.press("w")
        await wait_for(pilot, lambda: "iteration 0" in screen_text(app), what="the printout's end")
        for step in range(2, 8):
            await pilot.press("s")
            last = f"iteration {step - 1}"
            await wait_for(pilot, lambda last=last: last in screen_text(app), what=last)
        box = doc.query_one(CellOutput)
        assert box.virtual_region.bottom == round(doc.scroll_y) + doc.scrollable_content_region.height


async def test_w_mid_run_shows_the_running_cell_not_the_last_runs_printout_end(tmp_path):
    """7.6 prints its summary at the end of a cell taller than the view: `w` in a second run showed
    the last run's summary at the bottom (that box's end), and the loop that was running was off screen."""
    tall = "\n".join(f"# a line of the cell's comment, {i}" for i in range(16))
    lesson = PRINTS.replace('print("before the loop")\n', tall + "\n").replace(
        '    print(f"iteration {i}")\n    step(i=i)\n', '    step(i=i)\nprint("summary")\nprint("more")\n'
    )
    assert 'print("summary")' in lesson
    app = one_lesson_app(tmp_path, "9.6-prints.md", lesson)
    app.told_where_running = True
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        await pilot.press("space")
        await wait_for(pilot, lambda: screen.run_state.done and bool(doc.query(CellOutput)), what="the first run")
        await pilot.press("s")  # a second run, at its first step: the box is the last run's
        await wait_for(pilot, lambda: screen.session.poll() is not None and screen.session.poll().step == 1)
        await wait_for(pilot, lambda: doc.query_one(CellOutput).has_class("-stale"), what="the box dimmed")
        await pilot.press("w")
        cell = next(c for c in doc.query(CodeCell) if "range(iterations)" in c.cell.source)
        await wait_for(pilot, lambda: round(doc.scroll_y) == cell.virtual_region.y, what="the cell at the top")

"""The lab's printout column (grok_tui/ui/widgets/printout.py): a lesson with no chart and no panel
shows the end of what its run printed there (3.8), each long line wrapped, not cut."""

from __future__ import annotations

from tests.ui.helpers import one_lesson_app, wait_for
from tests.ui.test_lesson_views import SIZE, finish

PRINTS = """+++
id = "9.8"
chapter = 9
title = "Prints, no chart"
show = ["i"]
steps = "3"
charts = []
+++

A lesson that draws no chart: its lab shows what it printed.

```python train
for i in range(3):
    print(f"line {i}")
    step(i=i)
print("ValueError: shapes (4,) and (2, 5) do not line up")
print("the last line")
```
"""


async def test_a_lesson_without_charts_shows_its_printout_in_the_lab(tmp_path):
    """3.8 draws no chart: its lab was the values and params over an empty screen."""
    from grok_tui.ui.widgets.printout import PrintoutView

    app = one_lesson_app(tmp_path, "9.8-prints.md", PRINTS)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.press("l")
        await wait_for(pilot, lambda: bool(screen.query(PrintoutView)), what="the printout")
        printout = screen.query_one(PrintoutView)
        await pilot.pause()
        assert printout.region.height >= 8 and "nothing printed yet" in printout.render().plain
        await pilot.press("space")
        await finish(pilot, screen)
        shown = printout.render().plain
        assert shown.rstrip().endswith("the last line") and "line 0" in shown
        assert "expected error, on purpose: ValueError" in shown
        assert "what the lesson printed" in str(printout.border_title)


async def test_the_printout_wraps_a_long_line_rather_than_cut_it(tmp_path):
    """3.8 at 120x40: "expected error, on purpose: a * e: ValueErro…", the message the lesson is about
    cut in a column half empty below it."""
    from grok_tui.ui.widgets.printout import PrintoutView

    long = "ValueError: operands could not be broadcast together with shapes (4,) (2,5)"
    app = one_lesson_app(
        tmp_path, "9.8-prints.md", PRINTS.replace("ValueError: shapes (4,) and (2, 5) do not line up", long)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("space")
        await finish(pilot, screen)
        printout = screen.query_one(PrintoutView)
        await pilot.pause()
        rows = printout.render().plain.splitlines()
        assert printout.region.width < len(long) and all(len(row) <= printout.content_size.width for row in rows)
        assert "(2,5)" in "".join(rows) and "…" not in "".join(rows), rows
        assert rows[-1] == "the last line" and rows[-2].startswith("  ")  # the message's later rows indented

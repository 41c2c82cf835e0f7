"""One lesson file with three problems is one file that did not load: the contents and the end page
said "3 lesson files did not load"."""

from __future__ import annotations

from grok_tui.lesson.catalog import load_catalog
from grok_tui.progress import Progress
from grok_tui.ui.app import GrokApp
from grok_tui.ui.screens.course_end import course_summary
from tests.ui.helpers import text_of

BROKEN = '+++\nid = "9.1"\nchapter = 9\ntitle = "Broken"\nbogus_key = 1\nother_key = 2\nthird_key = 3\n+++\n\nText.\n'


def broken_catalog(lessons_dir):
    (lessons_dir / "ch9").mkdir()
    (lessons_dir / "ch9" / "9.1-broken.md").write_text(BROKEN, encoding="utf-8")
    catalog = load_catalog(lessons_dir)
    assert len(catalog.errors) == 3
    return catalog


async def test_the_contents_count_the_files_that_did_not_load(lessons_dir):
    app = GrokApp(broken_catalog(lessons_dir))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listed = text_of(app.screen.query_one("#problems")).splitlines()
        assert listed[0] == "1 lesson file did not load (3 problems; F1 shows each in full):", listed


def test_the_end_page_counts_the_files_that_did_not_load(lessons_dir):
    catalog = broken_catalog(lessons_dir)
    progress = Progress.load()
    for lesson in catalog.lessons:
        progress.finish_lesson(lesson.id)
    text = course_summary(catalog, progress).plain
    assert text.startswith(
        "All 2 lessons that loaded are complete. 1 lesson file did not load (3 problems; ? lists them)."
    ), text


async def test_the_start_notice_of_a_problem_goes_when_the_help_lists_them(lessons_dir):
    """The start's "lesson file problem" notice sat over the help's list of those problems (F1)."""
    from grok_tui.ui.screens.help import HelpScreen
    from tests.ui.helpers import wait_for

    app = GrokApp(broken_catalog(lessons_dir))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert [n.title for n in app._notifications] == ["lesson file problem"]
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="the help")
        assert not app._notifications

"""`l` switches the lesson screen between its reading and lab views by a class on the screen; the
screen restyles everything but the inside of the text (grok_tui/ui/restyle.py). Every node must end
with the styles a full Textual restyle gives it, at both sizes and in both views."""

from __future__ import annotations

import pytest

from grok_tui.ui.app import GrokApp
from grok_tui.ui.widgets.document import LessonDocument


def styles_of_every_node(screen) -> dict[int, str]:
    return {id(node): node.styles.css for node in screen.walk_children(with_self=True)}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_view_switch_styles_every_node_as_a_full_restyle_would(small_catalog, size):
    app = GrokApp(small_catalog, start_lesson="4.5", speed=0)
    async with app.run_test(size=size) as pilot:
        screen = app.screen
        doc = screen.query_one(LessonDocument)
        inside = len(list(doc.walk_children()))
        assert inside >= 10  # the text's paragraphs and cells: what the switch leaves alone
        for view in ("lab", "read", "lab"):
            await pilot.press("l")
            await pilot.pause()
            assert screen.lab == (view == "lab")
            after_switch = styles_of_every_node(screen)
            app.update_styles(screen)  # what Textual itself would do: every node, the text's too
            assert styles_of_every_node(screen) == after_switch, view
            assert doc.display == (view == "read")

"""Restyling less than Textual would when a class changes high up in the screen.

Textual restyles every node under one whose classes change. A lesson screen's text holds hundreds of
nodes (each paragraph, code cell, line number column); no rule styles them by the screen's view
classes, so re-matching them all is work with no effect.
"""

from __future__ import annotations

from collections.abc import Iterator

from textual.dom import DOMNode


def nodes_outside(root: DOMNode, leaf: DOMNode) -> Iterator[DOMNode]:
    """`root` and every node under it, depth first as Textual walks them, except what is inside
    `leaf` (`leaf` itself is included: its own rules may follow the classes)."""
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if node is not leaf:
            stack.extend(reversed(node.children))

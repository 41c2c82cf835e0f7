"""The names a lesson's `panels = [...]` may use: the panels grok_tui/ui/panels provides.

A plain list, so that `grok-tui check` validates the names without importing Textual. A test
(tests/ui/test_panel_names.py) proves it lists exactly the panel modules that define a `Panel`:
a new panel is added here in the same commit as its module.
"""

PANEL_NAMES: tuple[str, ...] = (
    "confusion_matrix",
    "digit_gallery",
    "drawing_pad",
    "hidden_weights",
    "misclassified",
)

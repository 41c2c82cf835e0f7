"""The Textual app. Only this package imports Textual; it renders what the engine reports."""

"""Widgets of the lesson screen: each draws one thing the engine reported."""

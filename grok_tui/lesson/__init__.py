"""Lesson files: their data model, parser, parameters and the catalog of a course folder."""

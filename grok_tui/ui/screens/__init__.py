"""The tutor's screens: contents, lesson, exercise, help, and the exercise picker."""

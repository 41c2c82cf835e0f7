"""Running lessons: the step runner, recorded values, checks. Imports no Textual."""

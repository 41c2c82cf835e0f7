"""Exit codes of the `grok-tui` command, shared by its subcommands."""

EXIT_OK = 0
EXIT_FAILED = 1
"""A lesson failed or a check found a problem."""
EXIT_USAGE = 2
"""A mistake in the command line: unknown id, parameter or value."""

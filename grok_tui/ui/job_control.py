"""Whether ctrl+z may suspend the tutor: only a shell with job control can bring it back."""

from __future__ import annotations

import os


def shell_can_resume() -> bool:
    """Whether a shell with job control started the tutor, so that its `fg` can bring it back.
    Such a shell gives each job its own process group; without one (ssh's command, `tmux new
    grok-tui`, `bash -c`) the tutor's group is its session's, and a stopped tutor stayed stopped:
    the screen froze for good, and only ssh's `~.` got the learner out."""
    try:
        return os.getpgrp() != os.getsid(0)
    except (AttributeError, OSError):  # no sessions to ask about (not POSIX)
        return False

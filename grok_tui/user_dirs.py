"""Where grok-tui keeps its files: a folder named by an environment variable (tests, a second
profile), else the platform's user folder of that kind. platformdirs is imported only then."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal


def user_dir(env: str, kind: Literal["data", "config", "state"]) -> Path:
    """$`env`, else the platform's user `kind` directory for grok-tui."""
    value = os.environ.get(env)
    if value:
        return Path(value).expanduser()
    import platformdirs

    find = {
        "data": platformdirs.user_data_dir,
        "config": platformdirs.user_config_dir,
        "state": platformdirs.user_state_dir,
    }
    return Path(find[kind]("grok-tui", appauthor=False))

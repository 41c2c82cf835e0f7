"""Move a progress file and its drafts written for an older course version to the present ids.

The renumberings come from the lessons (grok_tui/lesson/history.py). Nothing is deleted: the old
progress file is copied to progress.json.before-course-N-<time> and the old drafts folder is renamed
to drafts.before-course-N-<time> after a moved copy of it took its place. The drafts folder records
the version its paths follow (drafts/.course), so a migration interrupted between moving the drafts
and writing progress.json never moves the drafts twice.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from grok_tui.drafts import DRAFTS_VERSION, safe_name
from grok_tui.lesson.history import Renumbering
from grok_tui.progress_merge import RANK, SavedState
from grok_tui.safe_files import free_name

V = TypeVar("V")
_DRAFT_FILE = re.compile(r"^(?P<name>.*?)(?P<rest>\.py(\..*)?)$")


def migrate_data(data: SavedState, steps: list[Renumbering]) -> tuple[SavedState, list[str]]:
    """`data` with every id moved, and what moved ("7.4 -> 7.5")."""
    moved: list[str] = []
    lessons, exercises, last = dict(data["lessons"]), dict(data["exercises"]), data["last_lesson"]
    for step in steps:
        lessons = _move(lessons, step.lesson, _further, moved)
        exercises = _move(exercises, step.exercise, _passed, moved)
        last = step.lesson(last) if isinstance(last, str) else last
    return {"lessons": lessons, "exercises": exercises, "last_lesson": last, "course": data["course"]}, moved


def _move(
    entries: dict[str, V], rename: Callable[[str], str], keep: Callable[[V | None, V], V], moved: list[str]
) -> dict[str, V]:
    """`entries` under their new keys; where two land on one key `keep` chooses (the first is None
    when the key is new). Each key that changes is added to `moved` as "old -> new"."""
    out: dict[str, V] = {}
    for key, value in entries.items():
        target = rename(key)
        if target != key:
            moved.append(f"{key} -> {target}")
        out[target] = keep(out.get(target), value)
    return out


def _further(a: str | None, b: str) -> str:
    """Two saved states landing on one id (only after a bad renumbering): keep the further one."""
    return b if a is None or RANK.get(b, 0) >= RANK.get(a, 0) else a


def _passed(a: dict | None, b: dict) -> dict:
    return b if a is None or (isinstance(b, dict) and b.get("done") is True) else a


def drafts_version(drafts: Path) -> int:
    try:
        return int((drafts / DRAFTS_VERSION).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return 1


def migrate_drafts(drafts: Path, steps: list[Renumbering], version: int) -> tuple[Path | None, int]:
    """Copy the drafts folder to its moved layout, keep the old one as drafts.before-course-N-<time>.
    Returns (the kept old folder or None, how many drafts changed place)."""
    if not drafts.is_dir():
        return None, 0
    steps = [s for s in steps if s.course > drafts_version(drafts)]
    if not steps:
        return None, 0
    tmp = Path(tempfile.mkdtemp(dir=drafts.parent, prefix=".drafts-moving-"))
    moved = 0
    try:
        for path in sorted(p for p in drafts.rglob("*") if p.is_file() and p.name != DRAFTS_VERSION):
            rel = path.relative_to(drafts)
            target = _moved(rel, steps)
            moved += target != rel
            dest = tmp / target
            dest.parent.mkdir(parents=True, exist_ok=True)
            while dest.exists():  # two drafts landing on one name: keep both
                dest = dest.with_name(dest.name + ".moved")
            shutil.copy2(path, dest)
        shutil.copymode(drafts, tmp)  # mkdtemp makes it private; keep the folder as it was
        (tmp / DRAFTS_VERSION).write_text(f"{version}\n", encoding="utf-8")
        if moved == 0:  # nothing changes place: just record the version, keep the folder as it is
            os.replace(tmp / DRAFTS_VERSION, drafts / DRAFTS_VERSION)
            shutil.rmtree(tmp)  # only our own copies
            return None, 0
        kept = free_name(drafts, f"before-course-{version}")
        os.replace(drafts, kept)
        os.replace(tmp, drafts)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)  # only our own copies; the learner's folder is untouched
        raise
    return kept, moved


def _moved(rel: Path, steps: list[Renumbering]) -> Path:
    """Where drafts/<lesson>/<name>.py (or a .bak of it) goes after the renumberings."""
    if len(rel.parts) != 2 or not (m := _DRAFT_FILE.match(rel.parts[1])):
        return rel
    folder, name = rel.parts[0], m["name"]
    for step in steps:
        lessons = {safe_name(old): safe_name(new) for old, new in step.lessons.items()}
        exercises = {}
        for old, new in step.exercises.items():
            (ol, _, on), (nl, _, nn) = old.partition("/"), new.partition("/")
            exercises[(safe_name(ol), safe_name(on))] = (safe_name(nl), safe_name(nn))
        folder, name = exercises.get((folder, name), (lessons.get(folder, folder), name))
    return Path(folder, name + m["rest"])

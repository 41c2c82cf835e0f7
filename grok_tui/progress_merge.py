"""Merge two writers' progress: the tutor and the command line both save progress.json.

A three-way merge: `base` is what this writer last read or wrote, `ours` what it holds now, `theirs`
what is on disk now. What we did not change since `base` is taken from disk (so another writer's
pass, hint or reset stays); what we changed is combined with the disk's version so nothing is lost:
a lesson keeps the further state (done over started), an exercise stays passed with its passing
code, hint counts take the max. What we removed (a reset) stays removed. The last lesson is ours
when we moved it, else the disk's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypedDict

RANK: dict[object, int] = {"started": 1, "done": 2}
"""A lesson's saved state to how far it got (any other value, from a hand edit, has no rank)."""


class SavedState(TypedDict):
    """What progress.json holds, as the merge and the migration see it."""

    lessons: dict[str, str]
    """Lesson id: "started" or "done" (another value, from a hand edit, is kept as it is)."""
    exercises: dict[str, dict]
    """"LESSON/NAME": {"done": bool, "hints": int, "code": str} (an entry is read with care)."""
    last_lesson: str | None
    course: int | None
    """The course version the ids follow (None: not recorded, version 1)."""


def merge(base: SavedState, ours: SavedState, theirs: SavedState) -> SavedState:
    """The three-way merge of the whole saved state."""
    last = ours["last_lesson"] if ours["last_lesson"] != base["last_lesson"] else theirs["last_lesson"]
    versions = [v for v in (ours.get("course"), theirs.get("course")) if isinstance(v, int)]
    return {
        "lessons": _merge_map(base["lessons"], ours["lessons"], theirs["lessons"], _lesson_state),
        "exercises": _merge_map(base["exercises"], ours["exercises"], theirs["exercises"], _exercise_entry),
        "last_lesson": last,
        "course": max(versions) if versions else None,
    }


def _merge_map(base: dict, ours: dict, theirs: dict, combine: Callable[[object, object], object]) -> dict:
    out = dict(theirs)
    for key in ours.keys() | base.keys():
        if key in ours and (key not in base or ours[key] != base[key]):  # we added or changed it
            out[key] = combine(ours[key], theirs[key]) if key in theirs else ours[key]
        elif key not in ours:  # we removed it (a reset)
            out.pop(key, None)
    return out


def _lesson_state(ours: object, theirs: object) -> object:
    if ours in RANK and theirs in RANK:
        return max(ours, theirs, key=RANK.__getitem__)
    return ours


def _hints(entry: dict) -> int:
    n = entry.get("hints", 0)
    return n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else 0


def _exercise_entry(ours: object, theirs: object) -> object:
    if not isinstance(ours, dict) or not isinstance(theirs, dict):
        return ours
    merged = {**theirs, **ours}
    if ours.get("done") is not True and theirs.get("done") is True:  # they passed it: keep their pass
        merged["done"] = True
        if "code" in theirs:
            merged["code"] = theirs["code"]
    if "hints" in ours or "hints" in theirs:
        merged["hints"] = max(_hints(ours), _hints(theirs))
    return merged

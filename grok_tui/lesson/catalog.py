"""Find the course on disk and load every lesson in it, keeping the good ones when some are bad."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from grok_tui.lesson import catalog_cache
from grok_tui.lesson.history import history_problems
from grok_tui.lesson.model import Lesson, LessonError
from grok_tui.lesson.parse import parse_lesson

LESSONS_ENV = "GROK_TUI_LESSONS"
LESSON_SUFFIX = ".md"


def default_lessons_dir() -> Path:
    """The course: $GROK_TUI_LESSONS, else the copy inside the installed package, else the checkout's."""
    env = os.environ.get(LESSONS_ENV)
    if env:
        return Path(env).expanduser()
    return bundled_lessons_dir()


def bundled_lessons_dir() -> Path:
    """The course that comes with grok-tui: the copy inside the installed package, else the checkout's."""
    packaged = Path(__file__).resolve().parent.parent / "lessons"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "lessons"


@dataclass
class Catalog:
    """Every lesson of a folder in course order, and the problems of the files that did not load."""

    root: Path
    lessons: list[Lesson] = field(default_factory=list)
    errors: list[LessonError] = field(default_factory=list)
    quizzes: dict = field(default_factory=dict)
    """Chapter number -> its Quiz (grok_tui/instruments/quiz.py), from each chapter's quiz.toml."""

    def get(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def index(self, lesson_id: str) -> int:
        return next(i for i, lesson in enumerate(self.lessons) if lesson.id == lesson_id)

    def chapters(self) -> list[tuple[int, str, list[Lesson]]]:
        out: dict[int, tuple[str, list[Lesson]]] = {}
        for lesson in self.lessons:
            out.setdefault(lesson.chapter, (lesson.chapter_title, []))[1].append(lesson)
        return [(n, title, lessons) for n, (title, lessons) in sorted(out.items())]


def lesson_files(root: Path) -> list[Path]:
    """Lesson files are the *.md files under root, except README.md files (which document the format).
    Anything that is not a regular file is listed too: parse_lesson names it and skips it."""
    return sorted(p for p in root.rglob(f"*{LESSON_SUFFIX}") if p.name.lower() != "readme.md")


def _misnamed_lessons(root: Path) -> list[Path]:
    """Lesson files by their first line (`+++`) whose name ends .MD or .markdown: they were skipped
    without a word, and the teacher's lesson was simply missing from the course."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in (".md", ".markdown") or path.suffix == LESSON_SUFFIX:
            continue
        try:
            with path.open("rb") as handle:
                if handle.read(3) == b"+++":
                    found.append(path)
        except OSError:
            continue
    return found


def load_lesson_file(path: Path) -> Catalog:
    """A catalog of one lesson file (`grok-tui check lesson.md`): that lesson, or why it did not load."""
    path = Path(path)
    lesson, problems = parse_lesson(path)
    problems = list(problems)
    if lesson is not None and (taken := _id_used_elsewhere(path, lesson.id)):
        # as `check DIR` has it: the file fails, once (it was also listed "ok", and counted twice)
        problems.extend(taken)
        lesson = None
    return Catalog(path.parent, [lesson] if lesson is not None else [], problems)


_ID_LINE = re.compile(r'^id\s*=\s*"([^"]*)"', re.MULTILINE)


def _id_used_elsewhere(path: Path, lesson_id: str) -> list[LessonError]:
    """The file's id taken by another lesson of its course (`check DIR` says so; one file's check did
    not). The course is its folder, or the folder above a chapter folder (ch6/, as the course and
    docs/teaching.md lay it out); the others are read for their id line, and only one with this id
    is parsed: a file that does not load is no lesson and takes no id, as in load_catalog (a sibling
    whose metadata was never closed made this file "already used" and hid its failing check cell;
    that sibling's own error is said where it is checked)."""
    here = path.resolve()  # `check 8.1.md` inside ch8/: its folder's name is "" until resolved
    root = here.parent
    if re.fullmatch(r"ch\d+", root.name):
        root = root.parent
    for other in lesson_files(root):
        if other.resolve() == here:
            continue
        try:
            found = _ID_LINE.search(other.read_text(encoding="utf-8", errors="replace")[:4000])
        except OSError:
            continue
        if found and found.group(1) == lesson_id:
            lesson, _ = parse_lesson(other)
            if lesson is not None and lesson.id == lesson_id:
                return [_id_taken(path, lesson_id, other)]
    return []


def _id_taken(path: Path, lesson_id: str, other: Path) -> LessonError:
    """`path`'s id is `other`'s too: said at the id's line (`check FILE` and `check DIR` alike)."""
    return LessonError(path, _line_of(path, _ID_LINE), f"lesson id {lesson_id!r} is already used by {other}")


def _line_of(path: Path, pattern: re.Pattern[str]) -> int:
    """The line of the file where `pattern` first matches (1 when it does not, or the file cannot
    be read): where a catalog-wide problem is said."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else 1


_TITLE_LINE = re.compile(r"^chapter_title\s*=", re.MULTILINE)


def _chapter_names_differ(lessons: list[Lesson]) -> list[LessonError]:
    """A chapter named two ways: the contents showed the first lesson's name, and the other went
    unsaid. Said at the later lesson's chapter_title line."""
    first: dict[int, Lesson] = {}
    problems = []
    for lesson in lessons:
        if not lesson.chapter_title:
            continue
        named = first.setdefault(lesson.chapter, lesson)
        if named.chapter_title != lesson.chapter_title:
            problems.append(
                LessonError(
                    lesson.path,
                    _line_of(lesson.path, _TITLE_LINE),
                    f"chapter {lesson.chapter} is called {lesson.chapter_title!r} here but "
                    f"{named.chapter_title!r} in {named.path.name}: a chapter has one name (write it in one "
                    "lesson, or the same in each)",
                )
            )
    return problems


def load_catalog(root: Path | None = None) -> Catalog:
    root = Path(root) if root is not None else default_lessons_dir()
    catalog = Catalog(root)
    if not root.is_dir():
        catalog.errors.append(LessonError(root, 0, "lessons folder not found"))
        return catalog
    files = lesson_files(root)
    misnamed = _misnamed_lessons(root)
    # The quizzes are part of the catalog too: their files and the module that parses them.
    quiz_parser = Path(__file__).resolve().parent.parent / "instruments" / "quiz.py"
    key = catalog_cache.stamp(root, [*files, *misnamed, *sorted(root.rglob("quiz.toml")), quiz_parser])
    cached = catalog_cache.load(key)
    if isinstance(cached, Catalog):
        return cached
    for path in misnamed:
        catalog.errors.append(
            LessonError(
                path,
                1,
                f"this file starts with a lesson's metadata (+++), but only files ending in {LESSON_SUFFIX} are read: "
                f"rename it {path.stem}{LESSON_SUFFIX}",
            )
        )
    seen: dict[str, Path] = {}
    for path in files:
        lesson, problems = parse_lesson(path)
        catalog.errors.extend(problems)
        if lesson is None:
            continue
        if lesson.id in seen:
            catalog.errors.append(_id_taken(path, lesson.id, seen[lesson.id]))
            continue
        seen[lesson.id] = path
        catalog.lessons.append(lesson)
    catalog.lessons.sort(key=lambda l: (l.chapter, l.order, l.id))
    catalog.errors.extend(history_problems(catalog.lessons))
    _load_quizzes(catalog)
    # A chapter's name is written once, in any of its lessons; every lesson of the chapter shows it.
    catalog.errors.extend(_chapter_names_differ(catalog.lessons))
    names = {l.chapter: l.chapter_title for l in reversed(catalog.lessons) if l.chapter_title}
    catalog.lessons = [
        l if l.chapter_title else replace(l, chapter_title=names.get(l.chapter, f"Chapter {l.chapter}"))
        for l in catalog.lessons
    ]
    catalog_cache.save(key, catalog)
    return catalog


def _load_quizzes(catalog: Catalog) -> None:
    from grok_tui.instruments.quiz import load_quizzes

    catalog.quizzes, problems = load_quizzes(catalog.root)
    catalog.errors.extend(problems)
    # The chapter's last lesson offers its quiz (a panel), so a chapter ends with its questions.
    last = {l.chapter: i for i, l in enumerate(catalog.lessons)}
    for chapter, quiz in list(catalog.quizzes.items()):
        if chapter not in last:  # a teacher's `chapter = 9` in ch8/quiz.toml passed, and showed nowhere
            catalog.errors.append(LessonError(quiz.path, 1, f"quiz: chapter {chapter} has no lesson (chapter = N)"))
            del catalog.quizzes[chapter]
    for chapter, i in last.items():
        lesson = catalog.lessons[i]
        if chapter in catalog.quizzes and "quiz" not in lesson.panels:
            catalog.lessons[i] = replace(lesson, panels=(*lesson.panels, "quiz"))

"""What each lesson asks the student to do, and what counts as done. Pure: no widgets.

Each lesson has a data file ``data/lessons/NN.toml`` with its exercises, quiz items and
reflection prompts::

    lesson = "02"

    [[exercise]]
    id = "2.1"
    title = "Sort every sentence"
    [exercise.done]               # matching *live* store records (see ExerciseRule)
    kind = "sentence_label"
    min = 41

    [[quiz]]
    id = "2.2"
    prompt = "Which part ...?"
    [[quiz.option]]
    text = "..."
    correct = true
    why = "..."                   # shown after the student picks this option

    [[reflection]]
    id = "2.3"
    prompt = "Why might ...?"

A lesson is done when all its exercises are. Running a cell never marks anything: only
saved work does. :func:`lesson_progress` works on any records (a live store or an export),
so the progress panel, ``medialit progress`` and the class report agree.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable, Mapping   # the abc, not typing's alias: isinstance on it is several times faster
from typing import Any, Sequence

from .corpus import DEFAULT_CASE
from .errors import KeyFileError
from .paths import data_dir

__all__ = ["ExerciseRule", "Exercise", "QuizItem", "QuizOption", "ReflectionItem", "LessonData",
           "lesson_data", "lessons_with_data", "exercise_done", "lesson_progress", "find_exercise", "find_quiz",
           "find_reflection", "quiz_feedback", "answer_line"]

# A "why" that opens with a verdict would repeat or contradict the quiz's own "Right."/"Not quite."
_VERDICT = re.compile(r"(?i)(yes|no|right|correct|wrong|not quite)\b\s*[:.!,]")
RULE_KEYS = {"kind", "task", "doc_id", "key", "key_prefix", "min", "fields", "changed", "case", "text_of"}


def lessons_dir() -> Path:
    return data_dir() / "lessons"


@dataclass(frozen=True)
class ExerciseRule:
    """Done when at least ``min`` live records match: of ``kind``; of the course's case
    (``case_id``; None for a lesson that works on any text, ``case = "any"`` in the data file),
    so work on a student's own text never counts for lessons 00-07; with ``value["task"] ==
    task``, ``doc_id``, ``key`` or a key starting with ``key_prefix`` when given; every value
    field in ``fields`` non-empty; and ``value["changed"]`` true when ``changed``. With
    ``text_of`` (a reflection's key) only records on that reflection's current text count
    (doc_id :func:`medialit.spans.text_doc_id`), once it is changed from its start."""

    kind: str
    task: str | None = None
    doc_id: str | None = None
    key: str | None = None
    key_prefix: str | None = None
    min: int = 1
    fields: tuple[str, ...] = ()
    changed: bool = False
    case_id: str | None = DEFAULT_CASE
    text_of: str | None = None

    def matches(self, rec: Any) -> bool:
        if getattr(rec, "op", "put") != "put" or rec.kind != self.kind:
            return False
        if self.case_id is not None and rec.case_id != self.case_id:
            return False
        value = rec.value if isinstance(rec.value, Mapping) else {}
        if self.task is not None and value.get("task") != self.task:
            return False
        if self.doc_id is not None and rec.doc_id != self.doc_id:
            return False
        if self.key is not None and rec.key != self.key:
            return False
        if self.key_prefix is not None and not str(rec.key).startswith(self.key_prefix):
            return False
        for name in self.fields:
            v = value.get(name)
            if v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, (list, dict)) and not v):
                return False
        if self.changed and value.get("changed") is not True:
            return False
        return True

    def count(self, records: Iterable[Any]) -> int:
        if self.text_of is None:
            return sum(1 for r in records if self.matches(r))
        records = list(records)
        doc = _text_doc(records, self.text_of, self.case_id)
        return sum(1 for r in records if r.doc_id == doc and self.matches(r)) if doc else 0

    def done(self, records: Iterable[Any]) -> bool:
        return self.count(records) >= self.min


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    lesson: str
    rule: ExerciseRule


@dataclass(frozen=True)
class QuizOption:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class QuizItem:
    id: str
    lesson: str
    prompt: str
    options: tuple[QuizOption, ...]
    deferred: bool = False

    @property
    def answers(self) -> list[str]:
        return [o.text for o in self.options if o.correct]

    def option(self, text: str) -> QuizOption | None:
        return next((o for o in self.options if o.text == text), None)


def _bare(option: str) -> str:
    """An option as quoted inside a sentence: without its own closing full stop."""
    option = option.strip()
    return option[:-1] if option.endswith(".") and not option.endswith("..") else option


def answer_line(answers: Sequence[str], why: Mapping[str, str]) -> str:
    """"The answer: <right option>. <Why it is right>" (shown after a wrong attempt)."""
    line = "The answer: " + " or ".join(_bare(a) for a in answers)
    reason = why.get(answers[0], "").strip() if answers else ""
    stop = "" if re.search(r"[.!?\u2026][\u201d\u2019\"')]*$", line) else "."    # an option may end in '.”'
    return f"{line}{stop} {reason[:1].upper()}{reason[1:]}" if reason else f"{line}{stop}"


def quiz_feedback(chosen: str, answers: Sequence[str], why: Mapping[str, str]) -> dict:
    """What a quiz says after a check: ``{correct, head, why, extra}``. Right: "Right." and the
    option's explanation. Wrong: "Not quite.", the chosen option's explanation, and
    :func:`answer_line`. The explanations are data and carry no "Yes:"/"No:" of their own."""
    correct = chosen in answers
    return {"correct": correct, "head": "Right." if correct else "Not quite.", "why": why.get(chosen, ""),
            "extra": "" if correct else answer_line(answers, why)}


@dataclass(frozen=True)
class ReflectionItem:
    id: str
    lesson: str
    prompt: str
    initial: str = ""
    initial_doc: str = ""        # start from this case document's text (e.g. "p07")
    rows: int = 5


@dataclass(frozen=True)
class LessonData:
    lesson: str
    path: Path
    exercises: tuple[Exercise, ...] = ()
    quizzes: dict[str, QuizItem] = field(default_factory=dict)
    reflections: dict[str, ReflectionItem] = field(default_factory=dict)

    def exercise(self, exercise_id: str) -> Exercise:
        for ex in self.exercises:
            if ex.id == exercise_id:
                return ex
        raise KeyError(f"no exercise {exercise_id!r} in {self.path}; exercises are "
                       f"{', '.join(e.id for e in self.exercises) or 'none'}")


# ---------------------------------------------------------------- reading the files

def _need(cond: bool, path: Path, where: str, what: str) -> None:
    if not cond:
        raise KeyFileError(f"{path}: {where}: {what}")


def _str(item: Mapping, name: str, path: Path, where: str, *, required: bool = True) -> str:
    v = item.get(name, None if required else "")
    _need(isinstance(v, str) and (bool(v.strip()) or not required), path, where,
          f"'{name}' must be a non-empty string, got {v!r}")
    return v


def _rule(raw: Any, path: Path, where: str) -> ExerciseRule:
    from .store import KINDS  # noqa: PLC0415 (the store's kinds are the vocabulary)
    _need(isinstance(raw, Mapping), path, where, "needs a [exercise.done] table saying what counts as done")
    extra = set(raw) - RULE_KEYS
    _need(not extra, path, where, f"unknown done field(s) {sorted(extra)}; allowed: {', '.join(sorted(RULE_KEYS))}")
    kind = raw.get("kind")
    _need(kind in KINDS, path, where, f"done.kind must be one of {', '.join(KINDS)}, got {kind!r}")
    n = raw.get("min", 1)
    _need(type(n) is int and n >= 1, path, where, f"done.min must be a positive integer, got {n!r}")
    fields = raw.get("fields", [])
    _need(isinstance(fields, list) and all(isinstance(f, str) for f in fields), path, where,
          f"done.fields must be a list of strings, got {fields!r}")
    for name in ("task", "doc_id", "key", "key_prefix", "text_of"):
        v = raw.get(name)
        _need(v is None or (isinstance(v, str) and v), path, where, f"done.{name} must be a non-empty string, got {v!r}")
    changed = raw.get("changed", False)
    _need(isinstance(changed, bool), path, where, f"done.changed must be true or false, got {changed!r}")
    case = raw.get("case", "course")
    _need(case in ("course", "any"), path, where,
          f"done.case must be \"course\" (the course's case, the default) or \"any\", got {case!r}")
    return ExerciseRule(kind, raw.get("task"), raw.get("doc_id"), raw.get("key"), raw.get("key_prefix"),
                        n, tuple(fields), changed, DEFAULT_CASE if case == "course" else None, raw.get("text_of"))


def _text_doc(records: list, key: str, case_id: str | None) -> str | None:
    """The document id of the current text of reflection ``key``, if it is changed from its start."""
    from .spans import text_doc_id  # noqa: PLC0415
    for r in reversed(records):
        if (r.kind == "reflection" and r.key == key and getattr(r, "op", "put") == "put"
                and (case_id is None or r.case_id == case_id) and isinstance(r.value, Mapping)):
            text = r.value.get("text")
            return text_doc_id(text) if r.value.get("changed") is True and isinstance(text, str) else None
    return None


def _prefix(exercise_id: str, lesson: str) -> bool:
    head = exercise_id.split(".")[0]
    return head.isdigit() and head.zfill(2) == lesson


def read_lesson_file(path: Path) -> LessonData:
    """Read and validate one lesson data file; raise KeyFileError naming the file and entry."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise KeyFileError(f"{path}: cannot be read ({e})") from None
    except tomllib.TOMLDecodeError as e:
        raise KeyFileError(f"{path}: not valid TOML: {e}") from None
    lesson = raw.get("lesson")
    _need(isinstance(lesson, str) and lesson == path.stem, path, "top", f"'lesson' must be {path.stem!r}, got {lesson!r}")
    exercises, seen = [], set()
    for i, ex in enumerate(raw.get("exercise", []), 1):
        where = f"exercise {i}"
        _need(isinstance(ex, Mapping), path, where, "must be a table")
        eid = _str(ex, "id", path, where)
        _need(_prefix(eid, lesson) or eid.startswith(("pre.", "post.")), path, where,
              f"id {eid!r} is not numbered for lesson {lesson}")
        _need(eid not in seen, path, where, f"id {eid!r} is used twice")
        seen.add(eid)
        exercises.append(Exercise(eid, _str(ex, "title", path, where), lesson, _rule(ex.get("done"), path, f"{where} ({eid})")))
    quizzes: dict[str, QuizItem] = {}
    for i, q in enumerate(raw.get("quiz", []), 1):
        where = f"quiz {i}"
        _need(isinstance(q, Mapping), path, where, "must be a table")
        qid = _str(q, "id", path, where)
        _need(qid not in quizzes, path, where, f"quiz id {qid!r} is used twice")
        opts = []
        for j, o in enumerate(q.get("option", []), 1):
            w = f"{where} ({qid}) option {j}"
            _need(isinstance(o, Mapping), path, w, "must be a table")
            _need(isinstance(o.get("correct", False), bool), path, w, "'correct' must be true or false")
            why = _str(o, "why", path, w)
            verdict = _VERDICT.match(why)
            _need(verdict is None, path, w, f"'why' starts with {verdict and verdict.group()!r}; the quiz says "
                  "“Right.” or “Not quite.” itself, so start with the reason")
            opts.append(QuizOption(_str(o, "text", path, w), bool(o.get("correct", False)), why))
        _need(len(opts) >= 2, path, where, f"quiz {qid!r} needs at least two [[quiz.option]] entries")
        _need(any(o.correct for o in opts), path, where, f"quiz {qid!r} has no option marked correct = true")
        _need(len({o.text for o in opts}) == len(opts), path, where, f"quiz {qid!r} has two options with the same text")
        deferred = q.get("deferred", False)
        _need(isinstance(deferred, bool), path, where, "'deferred' must be true or false")
        quizzes[qid] = QuizItem(qid, lesson, _str(q, "prompt", path, where), tuple(opts), deferred)
    reflections: dict[str, ReflectionItem] = {}
    for i, r in enumerate(raw.get("reflection", []), 1):
        where = f"reflection {i}"
        _need(isinstance(r, Mapping), path, where, "must be a table")
        rid = _str(r, "id", path, where)
        _need(rid not in reflections, path, where, f"reflection id {rid!r} is used twice")
        rows = r.get("rows", 5)
        _need(type(rows) is int and 1 <= rows <= 40, path, where, f"'rows' must be 1-40, got {rows!r}")
        reflections[rid] = ReflectionItem(rid, lesson, _str(r, "prompt", path, where),
                                          _str(r, "initial", path, where, required=False),
                                          _str(r, "initial_doc", path, where, required=False), rows)
    return LessonData(lesson, path, tuple(exercises), quizzes, reflections)


@lru_cache(maxsize=64)
def _cached(path: str, mtime: int) -> LessonData:
    return read_lesson_file(Path(path))


def lesson_data(lesson_id: str) -> LessonData:
    """The data of one lesson ("04"); a lesson without a data file has no exercises."""
    lesson_id = str(lesson_id).zfill(2)
    path = lessons_dir() / f"{lesson_id}.toml"
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return LessonData(lesson_id, path)
    return _cached(str(path), mtime)


def lessons_with_data() -> list[str]:
    return sorted(p.stem for p in lessons_dir().glob("[0-9][0-9].toml"))


def find_exercise(exercise_id: str) -> Exercise:
    """An exercise by id ("5.3"), from its lesson's file (the number before the dot)."""
    return lesson_data(exercise_id.split(".")[0].zfill(2)).exercise(exercise_id)


def find_quiz(quiz_id: str) -> QuizItem:
    """A quiz item by id ("0.3", "pre.2"), from whichever lesson file holds it."""
    for lesson in lessons_with_data():
        found = lesson_data(lesson).quizzes.get(quiz_id)
        if found is not None:
            return found
    raise KeyError(f"no quiz {quiz_id!r} in {lessons_dir()}")


def find_reflection(reflection_id: str) -> ReflectionItem:
    for lesson in lessons_with_data():
        found = lesson_data(lesson).reflections.get(reflection_id)
        if found is not None:
            return found
    raise KeyError(f"no reflection prompt {reflection_id!r} in {lessons_dir()}")


# ---------------------------------------------------------------- progress

def exercise_done(exercise: Exercise, records: Iterable[Any]) -> bool:
    return exercise.rule.done(records)


def lesson_progress(records: Iterable[Any], lessons: Iterable[str] | None = None) -> list[dict]:
    """One row per lesson: ``{"lesson", "title", "done", "total", "remaining", "exercises"}``.

    ``records`` are store records (objects with ``kind``, ``key``, ``doc_id``, ``value`` and
    optionally ``op``); pass only the latest live ones (``Store.records()`` or an export)."""
    from .course import LESSONS  # noqa: PLC0415 (titles; course imports nothing from here at import time)
    recs = list(records)
    out = []
    for lesson in (list(lessons) if lessons is not None else list(LESSONS)):
        data = lesson_data(lesson)
        rows = [{"id": ex.id, "title": ex.title, "done": exercise_done(ex, recs)} for ex in data.exercises]
        out.append({"lesson": lesson, "title": LESSONS.get(lesson, ("", lesson))[1],
                    "done": sum(r["done"] for r in rows), "total": len(rows),
                    "remaining": [r["id"] for r in rows if not r["done"]], "exercises": rows})
    return out

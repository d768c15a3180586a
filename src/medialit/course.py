"""The course itself: the lesson list, the one-line setup cell, pseudonyms, quizzes and navigation.

Every lesson starts with::

    from medialit import course
    lesson = course.start("02")

which loads the case, makes sure work is saved somewhere (the pseudonym chosen in lesson 00,
or ``guest`` until one is chosen) and shows one deterministic line saying so. Quiz items and
reflection prompts are data (``data/lessons/NN.toml``): ``course.quiz("0.3")`` and
``course.reflection("0.4")`` show them. Feedback cells are in :mod:`medialit.feedback`.
"""
from __future__ import annotations

import html
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from . import exercises as _ex
from . import store as _store
from .corpus import DEFAULT_CASE, Case, load_case
from .errors import CaseError, StoreError
from .feedback import (PARTS, REWRITE_DOC, Feedback, FactCheckAnswer, Pending, check, facts_by_paragraph,
                       factcheck_answer, lexicon_comparison, show, verdict_pattern)
from .paths import work_dir, work_dir_label
from .session import GUEST

__all__ = ["LESSONS", "GUEST", "PARTS", "REWRITE_DOC", "Lesson", "Feedback", "Pending", "FactCheckAnswer",
           "start", "choose_pseudonym", "lesson_ids", "nav", "check", "factcheck_answer", "quiz", "reflection",
           "quiz_results", "show", "facts_by_paragraph", "verdict_pattern", "lexicon_comparison", "CASE_ENV"]

CASE_ENV = "MEDIALIT_CASE"       # lesson 08: a case id under data/cases/ or a case folder

# id -> (notebook slug, title). The order is the course's order.
LESSONS: dict[str, tuple[str, str]] = {
    "00": ("00-start-here", "Start here"),
    "01": ("01-who-is-speaking", "Who is speaking, to whom?"),
    "02": ("02-claims-and-opinions", "Claims and opinions"),
    "03": ("03-checking-the-history", "Checking the history"),
    "04": ("04-loaded-language", "Loaded language"),
    "05": ("05-propaganda-techniques", "Propaganda techniques"),
    "06": ("06-comparing-sources", "Comparing sources"),
    "07": ("07-the-comment-section", "The comment section"),
    "08": ("08-your-own-analysis", "Your own analysis"),
}
OPEN_CASE_LESSONS = ("08",)      # lessons that work on any case (MEDIALIT_CASE)


def lesson_ids() -> list[str]:
    return list(LESSONS)


def _check_id(lesson_id: str) -> str:
    lesson_id = str(lesson_id).zfill(2)
    if lesson_id not in LESSONS:
        raise ValueError(f"no lesson {lesson_id!r}; lessons are {', '.join(LESSONS)}")
    return lesson_id


@dataclass
class Lesson:
    """A lesson's context: its case, its id, and where the student's work goes."""

    id: str
    case_id: str = DEFAULT_CASE
    case_path: str | None = None

    @property
    def slug(self) -> str:
        return LESSONS[self.id][0]

    @property
    def title(self) -> str:
        return LESSONS[self.id][1]

    @cached_property
    def case(self) -> Case:
        if self.case_path is not None:
            return load_case(path=self.case_path)
        return load_case(self.case_id)

    @property
    def student(self) -> str:
        return _store.current_student() or GUEST

    @property
    def store(self) -> _store.Store:
        return _store.open_store(self.student)

    @property
    def data(self) -> _ex.LessonData:
        """This lesson's exercises, quiz items and reflection prompts."""
        return _ex.lesson_data(self.id)

    def progress(self) -> dict:
        """This lesson's row of :func:`medialit.exercises.lesson_progress` for the student."""
        return _ex.lesson_progress(self.store.records(), [self.id])[0]

    def _line(self) -> str:
        who = (f"saving as '{self.student}'" if self.student != GUEST else
               "saving as 'guest' until you choose a pseudonym in lesson 00")
        return f"Lesson {self.id} · {self.title} · case {self.case.case_id} · {who}"

    def __repr__(self) -> str:
        return self._line()

    def _repr_html_(self) -> str:
        return f"<p class='medialit-lesson'><b>{html.escape(self._line())}</b></p>"


def start(lesson_id: str, *, case_id: str | None = None) -> Lesson:
    """The setup cell of every lesson. Saves as ``guest`` until a pseudonym is chosen.

    Lesson 08 works on any case: ``MEDIALIT_CASE`` (a case id or a folder path) picks it."""
    lesson_id = _check_id(lesson_id)
    path = None
    if case_id is None:
        case_id = DEFAULT_CASE
        chosen = os.environ.get(CASE_ENV, "").strip()
        if chosen and lesson_id in OPEN_CASE_LESSONS:
            if os.sep in chosen or "/" in chosen or Path(chosen).is_dir():
                path = chosen
            else:
                case_id = chosen
    lesson = Lesson(lesson_id, case_id, path)
    if _store.current_student() is None:
        _store.set_student(GUEST)
    try:
        lesson.case  # load now, so a broken case fails in the setup cell
    except CaseError as e:
        if path is not None or case_id != DEFAULT_CASE:
            raise CaseError(f"{e} (the case was chosen by {CASE_ENV}={chosen!r})") from None
        raise
    return lesson


# ---------------------------------------------------------------- pseudonyms

@dataclass(frozen=True)
class Chosen:
    pseudonym: str | None
    moved: int = 0
    kept_aside: int = 0
    aside: str = ""
    already: bool = False        # none typed, but one was chosen before (the notebook was not saved)

    def _text(self) -> str:
        if self.already:
            return (f"You are saving as {self.pseudonym} (chosen before), in {work_dir_label()}/{self.pseudonym}/"
                    "work.jsonl. To change it, type another pseudonym between the quotes above and run both cells again.")
        if self.pseudonym is None:
            return ("No pseudonym yet: type one between the quotes in the cell above (letters, digits, - and _), "
                    "then run both cells again. Until then your work is saved as guest.")
        root = work_dir_label()
        out = f"Hello, {self.pseudonym}. Your work is saved as you go in {root}/{self.pseudonym}/work.jsonl."
        if self.moved:
            out += f" Your earlier guest work ({self.moved} item{'s' if self.moved != 1 else ''}) moved with you."
        if self.kept_aside:
            out += (f" {self.kept_aside} guest answer(s) were not moved because {self.pseudonym} already has answers "
                    f"for them; they are kept in {self.aside}.")
        return out

    @property
    def moved_guest_work(self) -> bool:
        return bool(self.moved)

    def __repr__(self) -> str:
        return self._text()

    def _repr_html_(self) -> str:
        return f"<p class='medialit-feedback' role='status'>{html.escape(self._text())}</p>"


def _aside_dir(root: Path) -> Path:
    n = 1
    while (root / f".guest-kept-{n}").exists():
        n += 1
    return root / f".guest-kept-{n}"


def _move_guest_work(root: Path, guest_dir: Path, new_dir: Path, pseudonym: str) -> tuple[int, int, str]:
    guest_records = _store.open_store(GUEST).records()
    if not (new_dir / _store.DATA_FILE).exists():
        if new_dir.is_dir() and not new_dir.is_symlink() and not any(new_dir.iterdir()):
            new_dir.rmdir()              # an empty folder left by an earlier run
        os.rename(guest_dir, new_dir)    # same folder: atomic, never a copy
        return len(guest_records), 0, ""
    target = _store.open_store(pseudonym)
    have = {(r.kind, r.case_id, r.doc_id, r.key) for r in target.records()}
    moved = kept = 0
    for r in guest_records:
        if (r.kind, r.case_id, r.doc_id, r.key) in have:
            kept += 1
            continue
        target.put(r.kind, case_id=r.case_id, doc_id=r.doc_id, key=r.key, value=r.value, anchor=r.anchor)
        moved += 1
    dest = _aside_dir(root)
    os.rename(guest_dir, dest)
    return moved, kept, f"{dest.name} in the work folder"


def choose_pseudonym(pseudonym: str | None) -> Chosen:
    """Lesson 00: choose (or change back to) a pseudonym. Work done as ``guest`` moves to it:
    all of it when the pseudonym is new; otherwise every item the pseudonym has no answer for
    (its own answers are never overwritten; the rest of the guest work is kept aside).
    Never use your real name."""
    if pseudonym is None or (isinstance(pseudonym, str) and not pseudonym.strip()):
        current = _store.current_student()
        return Chosen(current, already=True) if current and current != GUEST else Chosen(None)
    _store.check_new_pseudonym(pseudonym)
    if pseudonym == GUEST:
        raise StoreError("Choose your own pseudonym, not 'guest' (letters, digits, '-' and '_').")
    root = work_dir()
    guest_dir, new_dir = root / GUEST, root / pseudonym
    moved = kept = 0
    aside = ""
    if _store.current_student() == GUEST and (guest_dir / _store.DATA_FILE).exists():
        try:
            moved, kept, aside = _move_guest_work(root, guest_dir, new_dir, pseudonym)
        except OSError as e:
            raise StoreError(f"Could not move the guest work in {guest_dir} to {new_dir}: {e.strerror or e}. "
                             "Nothing was lost: the guest work is still there. Check that the work folder is yours "
                             "and writable, then run this cell again.") from None
    chosen_store = _store.set_student(pseudonym)
    chosen_store.put("progress", case_id=DEFAULT_CASE, doc_id="", key="pseudonym",
                     value={"lesson": "00", "exercise": "0.1"})
    return Chosen(pseudonym, moved, kept, aside)


# ---------------------------------------------------------------- quizzes and reflections

def quiz(quiz_id: str, *, store=None):
    """The quiz item ``quiz_id`` from the lesson data, as a widget that saves the answer."""
    from .widgets.quiz import Quiz  # noqa: PLC0415 (widgets load only when shown)
    item = _ex.find_quiz(quiz_id)
    return Quiz.from_item(item, store=store)


def reflection(reflection_id: str, *, store=None, case: Case | None = None):
    """The reflection prompt ``reflection_id`` from the lesson data, as a box that saves as typed."""
    from .widgets.quiz import Reflection  # noqa: PLC0415
    item = _ex.find_reflection(reflection_id)
    initial = item.initial
    if item.initial_doc:
        doc = (case or load_case()).document(item.initial_doc)
        initial = doc.text.replace("\u00a0", " ").replace("\u2011", "-")
    return Reflection(item.id, item.prompt, initial=initial, rows=item.rows, lesson=item.lesson, store=store)


class QuizResults:
    """Saved answers to the quiz items whose ids start with each prefix, side by side."""

    def __init__(self, rows: list[dict], prefixes: tuple[str, ...]) -> None:
        self.rows, self.prefixes = rows, prefixes

    def summary(self) -> dict[str, tuple[int, int, int]]:
        """prefix -> (answered, correct, items)."""
        out = {}
        for p in self.prefixes:
            mine = [r for r in self.rows if r["prefix"] == p]
            out[p] = (sum(r["answered"] for r in mine), sum(bool(r["correct"]) for r in mine), len(mine))
        return out

    def __repr__(self) -> str:
        parts = [f"{p}: {c} of {n} right ({a} answered)" for p, (a, c, n) in self.summary().items()]
        return "Quiz results · " + " · ".join(parts)

    def _repr_html_(self) -> str:
        e = html.escape
        head = "".join(f"<th scope='col'>{e(p)}</th>" for p in self.prefixes)
        cells = "".join(f"<td>{c} of {n} right ({a} answered)</td>" for a, c, n in self.summary().values())
        return (f"<table class='medialit-quiz-results'><thead><tr>{head}</tr></thead>"
                f"<tbody><tr>{cells}</tr></tbody></table>")


def quiz_results(*prefixes: str, store=None) -> QuizResults:
    """The student's saved answers to every quiz item whose id starts with one of ``prefixes``
    (for example ``quiz_results("pre.", "post.")``), with their correctness from the data."""
    st = store if store is not None else _store.open_store(_store.current_student() or GUEST)
    saved = st.latest("quiz")
    rows = []
    for lesson in _ex.lessons_with_data():
        for qid, item in _ex.lesson_data(lesson).quizzes.items():
            prefix = next((p for p in prefixes if qid.startswith(p)), None)
            if prefix is None:
                continue
            rec = saved.get(qid)
            answer = rec.value.get("answer") if rec else None
            rows.append({"prefix": prefix, "id": qid, "answered": answer is not None,
                         "correct": answer in item.answers if answer is not None else None})
    return QuizResults(rows, tuple(prefixes))


# ---------------------------------------------------------------- navigation

class Nav:
    """Previous | contents | next links, for the last cell of a lesson."""

    def __init__(self, lesson_id: str) -> None:
        self.id = _check_id(lesson_id)

    def _links(self) -> list[tuple[str, str]]:
        # lessons the course ships: each has its data file (found however the package is installed)
        have = set(_ex.lessons_with_data())
        ids = [j for j in lesson_ids() if j in have or j == self.id]
        i = ids.index(self.id)
        out = []
        if i > 0:
            out.append(("Previous", ids[i - 1]))
        out.append(("Start", "00"))
        if i + 1 < len(ids):
            out.append(("Next", ids[i + 1]))
        return out

    def __repr__(self) -> str:
        return " | ".join(f"{label}: {LESSONS[j][0]}.ipynb" for label, j in self._links())

    def _repr_html_(self) -> str:
        parts = [f"{label}: <a href='{html.escape(LESSONS[j][0])}.ipynb'>{html.escape(j + ' ' + LESSONS[j][1])}</a>"
                 for label, j in self._links()]
        return "<p class='medialit-nav'>" + " | ".join(parts) + "</p>"


def nav(lesson_id: str) -> Nav:
    return Nav(lesson_id)

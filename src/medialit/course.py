"""The course itself: the lesson list, the one-line setup cell, pseudonyms and navigation.

Every lesson starts with::

    from medialit import course
    lesson = course.start("02")

which loads the case, makes sure work is saved somewhere (the pseudonym chosen in lesson 00,
or ``guest`` until one is chosen) and shows one deterministic line saying so.
"""
from __future__ import annotations

import html
import shutil
from dataclasses import dataclass
from functools import cached_property

from . import store as _store
from .corpus import DEFAULT_CASE, Case, load_case
from .errors import StoreError
from .paths import REPO, work_dir

__all__ = ["LESSONS", "GUEST", "PARTS", "Lesson", "Feedback", "start", "choose_pseudonym", "lesson_ids", "nav", "check", "factcheck_answer"]

GUEST = "guest"

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

    @property
    def slug(self) -> str:
        return LESSONS[self.id][0]

    @property
    def title(self) -> str:
        return LESSONS[self.id][1]

    @cached_property
    def case(self) -> Case:
        return load_case(self.case_id)

    @property
    def student(self) -> str:
        return _store.current_student() or GUEST

    @property
    def store(self) -> _store.Store:
        return _store.open_store(self.student)

    def complete(self, step: str = "done") -> None:
        """Record that a step of this lesson is done (the progress panel counts these)."""
        self.store.put("progress", case_id=self.case_id, doc_id="", key=f"{self.id}:{step}",
                       value={"lesson": self.id, "step": step})

    def _line(self) -> str:
        who = (f"saving as '{self.student}'" if self.student != GUEST else
               "saving as 'guest' until you choose a pseudonym in lesson 00")
        return f"Lesson {self.id} · {self.title} · case {self.case_id} · {who}"

    def __repr__(self) -> str:
        return self._line()

    def _repr_html_(self) -> str:
        return f"<p class='medialit-lesson'><b>{html.escape(self._line())}</b></p>"


def start(lesson_id: str, *, case_id: str = DEFAULT_CASE) -> Lesson:
    """The setup cell of every lesson. Saves as ``guest`` until a pseudonym is chosen."""
    lesson = Lesson(_check_id(lesson_id), case_id)
    if _store.current_student() is None:
        _store.set_student(GUEST)
    lesson.case  # load now, so a broken case fails in the setup cell
    return lesson


@dataclass(frozen=True)
class Chosen:
    pseudonym: str
    moved_guest_work: bool

    def __repr__(self) -> str:
        root = "work" if work_dir() == REPO / "work" else "$MEDIALIT_WORK"
        moved = " Your earlier guest work moved with you." if self.moved_guest_work else ""
        return (f"Hello, {self.pseudonym}. Your work is saved as you go in "
                f"{root}/{self.pseudonym}/work.jsonl.{moved}")


def choose_pseudonym(pseudonym: str) -> Chosen:
    """Lesson 00: choose (or change back to) a pseudonym. Work done as ``guest`` moves to it
    when the new pseudonym has no work yet. Never use your real name."""
    _store.validate_pseudonym(pseudonym)
    if pseudonym == GUEST:
        raise StoreError("Choose your own pseudonym, not 'guest' (for example 'river-otter').")
    moved = False
    guest_dir, new_dir = work_dir() / GUEST, work_dir() / pseudonym
    if (_store.current_student() == GUEST and (guest_dir / _store.DATA_FILE).exists()
            and not (new_dir / _store.DATA_FILE).exists()):
        shutil.move(str(guest_dir), str(new_dir))
        moved = True
    _store.set_student(pseudonym)
    return Chosen(pseudonym, moved)


class Nav:
    """Previous | contents | next links, for the last cell of a lesson."""

    def __init__(self, lesson_id: str) -> None:
        self.id = _check_id(lesson_id)

    def _links(self) -> list[tuple[str, str]]:
        ids = [j for j in lesson_ids() if (REPO / "course" / f"{LESSONS[j][0]}.py").exists() or j == self.id]
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


# ---- small code exercises: the student computes an answer, check() gives feedback ----

PARTS = {"opening and history (paragraphs 0-5)": range(0, 6),
         "the present conflict with the West (paragraphs 6-11)": range(6, 12),
         "support and plans (paragraphs 12-16)": range(12, 17)}


def _facts_by_part(case: Case) -> dict[str, float]:
    key = case.key("sentences").merge(case.sentences[["sentence", "paragraph"]], on="sentence")
    out = {}
    for part, paras in PARTS.items():
        rows = key[key.paragraph.isin(list(paras))]
        out[part] = float((rows.label == "fact").mean()) if len(rows) else 0.0
    return out


def _check_2_2(case: Case, answer) -> tuple[bool, str]:
    shares = _facts_by_part(case)
    best = max(shares, key=shares.get)
    table = "; ".join(f"{p}: {v:.0%} of sentences" for p, v in shares.items())
    if answer not in PARTS:
        return False, f"Answer with one of the parts exactly as written: {', '.join(PARTS)}."
    if answer == best:
        return True, (f"Yes: checkable facts cluster in {best}. ({table}.) "
                      "The history gives the article its credibility; the judgements come later, leaning on it.")
    return False, (f"Look again at the table: the largest share of checkable facts is in {best}, not in {answer}. "
                   f"({table}.)")


REWRITE_DOC = "p07"


def _check_4_4(case: Case, answer) -> tuple[bool, str]:
    """A neutral rewrite of paragraph 7: which loaded phrases of the key are still in it?"""
    from . import lexicon
    from .spans import fold
    doc = case.document(REWRITE_DOC)
    key = case.key("loaded_language")
    key = key[(key.start >= doc.start) & (key.end <= doc.end)]
    text = fold(str(answer)).lower()
    left = sorted({q for q in key.quote if fold(q).lower() in text})
    before, after = len(lexicon.flag(doc.text)), len(lexicon.flag(str(answer)))
    if fold(str(answer)).strip() == fold(doc.text).strip():
        return False, "This is still the original paragraph: rewrite it in the box above, then run this cell again."
    counts = f"The lexicon baseline flags {after} word(s) in your version, {before} in the original."
    if left:
        shown = "; ".join(f"“{q}”" for q in left[:6])
        return False, f"Still loaded: {shown}. Try a plain description of what is claimed, and attribute it. {counts}"
    return True, (f"None of the key's {len(key)} loaded phrases in this paragraph is left. {counts} "
                  "Now check that your version still says what the original claims, attributed to its author.")


CHECKS = {"2.2": _check_2_2, "4.4": _check_4_4}


@dataclass(frozen=True)
class Feedback:
    qid: str
    correct: bool
    message: str

    def __repr__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'} ({self.qid}): {self.message}"

    def _repr_html_(self) -> str:
        head = "Correct" if self.correct else "Not yet"
        return (f"<div class='medialit-feedback' role='status'><b>{head}</b> ({html.escape(self.qid)}): "
                f"{html.escape(self.message)}</div>")


def check(qid: str, answer, *, lesson: Lesson) -> Feedback:
    """Check a code exercise's answer, save it, and say why it is right or what to look at."""
    if qid not in CHECKS:
        raise ValueError(f"no check for exercise {qid!r}; checks exist for {', '.join(CHECKS)}")
    if answer is None:
        return Feedback(qid, False, "No answer yet: replace None with your answer and run the cell again.")
    ok, message = CHECKS[qid](lesson.case, answer)
    lesson.store.put("quiz", case_id=lesson.case_id, doc_id="", key=qid,
                     value={"answer": str(answer), "correct": ok})
    return Feedback(qid, ok, message)


class FactCheckAnswer:
    """The key's answer to one fact-check, for the worked edition: verdict, what is
    established and by whom, what is contested, and the evidence cards it rests on."""

    def __init__(self, case: Case, claim_id: str) -> None:
        key = case.key("factchecks").set_index("id")
        if claim_id not in key.index:
            raise ValueError(f"no fact-check {claim_id!r}; ids are {', '.join(key.index)}")
        self.row = key.loc[claim_id]
        self.id = claim_id
        cards = case.evidence.set_index("id")
        self.sources = [(c, cards.loc[c, "publisher"], cards.loc[c, "url"]) for c in self.row.sources if c in cards.index]

    def _parts(self) -> list[tuple[str, str]]:
        r = self.row
        parts = [("Verdict", r.verdict + (" (contested: a discussion point)" if r.contested else "")),
                 ("Established", r.established)]
        if r.contested_note:
            parts.append(("Contested", r.contested_note))
        parts.append(("Why it matters", r.rationale))
        parts.append(("Sources", "; ".join(f"{p} <{u}>" for _, p, u in self.sources)))
        return parts

    def __repr__(self) -> str:
        return f"{self.id}: {self.row.claim}\n" + "\n".join(f"- {k}: {v}" for k, v in self._parts())

    def _repr_html_(self) -> str:
        e = html.escape
        items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in self._parts())
        return f"<div class='medialit-key'><p><b>{e(self.id)}</b> {e(self.row.claim)}</p><dl>{items}</dl></div>"


def factcheck_answer(lesson: Lesson, claim_id: str) -> FactCheckAnswer:
    return FactCheckAnswer(lesson.case, claim_id)

"""The class views, as pandas tables, from graded students. Pure: no I/O, no HTML.

Shares are fractions (0..1). Student-facing numbering is 1-based: key sentence 33 is shown
as "sentence 34", paragraph p07 as "paragraph 8"; a comment's labels and its moderation are
"c07 label" and "c07 moderation". Items are listed in their natural order (sentence 6 before
sentence 10). Texts from the case are masked (:func:`medialit.safety.mask`); answers from
submissions are kept as given (the HTML and CSV writers escape them) but cut to a readable length.

Every mean is over the students who attempted the exercise (who have a score); the most-missed
tables count the same students, those who answered the item.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .. import safety
from ..scoring import cohen_kappa
from .grading import Grader, StudentResult
from .scorers import LabelScorer, SpanScorer
from .submissions import Skipped, Submission

__all__ = ["ClassReport", "summarise", "natural", "AREAS"]

# kind of work -> what the report calls its items
AREAS = {"sentence_label": "claims (sentence labels)", "verdict": "verdicts", "framing": "framings",
         "comment_label": "comment labels", "moderation": "moderation decisions"}
TOP = 10
TEXT_LEN = 70
NOT_AN_OPTION = "(not one of the options)"
_ITEM_SUFFIX = {"comment_label": " label", "moderation": " moderation"}


@dataclass
class ClassReport:
    """Everything the HTML report, the notebook and the gradebook show."""

    case_id: str
    case_title: str
    students: pd.DataFrame
    exercises: pd.DataFrame
    lessons: pd.DataFrame
    missed: dict[str, pd.DataFrame]
    labels: dict[str, pd.DataFrame]
    spread: pd.DataFrame
    before_after: pd.DataFrame
    before_after_students: pd.DataFrame
    skipped: list[Skipped]
    not_compared: list[tuple[str, str]]
    results: list[StudentResult] = field(repr=False, default_factory=list)
    exercise_info: list = field(repr=False, default_factory=list)

    @property
    def n_students(self) -> int:
        return len(self.students)

    def __repr__(self) -> str:
        return (f"ClassReport(case {self.case_id!r}: {self.n_students} students, {len(self.exercises)} exercises, "
                f"{len(self.skipped)} files skipped)")


def _short(text: str, n: int = TEXT_LEN) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def _case_text(text: str) -> str:
    return _short(safety.mask(text))


def natural(text: Any) -> tuple:
    """A sort key that puts numbers in number order: "sentence 6" before "sentence 10"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", str(text)))


def _item_name(kind: str, item: str) -> str:
    if kind == "sentence_label" and item.isdigit():
        return f"sentence {int(item) + 1}"
    return item + _ITEM_SUFFIX.get(kind, "")


def _most_missed(rows: list[dict], columns: list[str], tie: str) -> pd.DataFrame:
    """The items anyone missed, most missed first, then by ``tie`` and the item's number."""
    rows = sorted((r for r in rows if r["missed"] > 0 or r.get("other_label", 0) > 0),
                  key=lambda r: (-r["missed_share"], -r[tie], natural(r["item"])))
    return pd.DataFrame(rows[:TOP], columns=columns)


def _share(a: float, b: float) -> float | None:
    return a / b if b else None


def _exercise_table(grader: Grader, results: list[StudentResult]) -> pd.DataFrame:
    rows = []
    n = len(results)
    for info in grader.exercises:
        done = sum(r.done.get(info.id, False) for r in results)
        scored = [r for r in results if r.scores.get(info.id, (None, None))[1]]
        shares = [r.scores[info.id][0] / r.scores[info.id][1] for r in scored]
        compared = [r.compared.get(info.id, 0) for r in scored]
        kappa = None
        if isinstance(info.scorer, LabelScorer):
            s = info.scorer
            items = s.counted(s.scope(info.scope))
            pairs = [(s.items[i].label, answers[i]) for answers in (r.labels.get(s.kind, {}) for r in results)
                     for i in items if i in answers]
            # kappa says something only when the key itself uses more than one label
            if len({s.items[i].label for i in items}) > 1:
                kappa = cohen_kappa([a for a, _ in pairs], [b for _, b in pairs])
        rows.append({
            "lesson": info.lesson, "exercise": info.id, "title": info.title, "done": done, "students": n,
            "done_share": _share(done, n), "scored": len(shares),
            "mean_score": sum(shares) / len(shares) if shares else None,
            "median_score": float(pd.Series(shares).median()) if shares else None,
            "items_compared": sum(compared) / len(compared) if compared else None,
            "key_items": info.key_items if info.scorer is not None else None,
            "kappa": kappa, "compared_with": _compared_with(info), "note": info.note})
    return pd.DataFrame(rows, columns=["lesson", "exercise", "title", "done", "students", "done_share", "scored",
                                       "mean_score", "median_score", "items_compared", "key_items", "kappa",
                                       "compared_with", "note"])


def _compared_with(info) -> str:
    s = info.scorer
    if s is None:
        return ""
    if isinstance(s, LabelScorer):
        return s.compares
    if isinstance(s, SpanScorer):
        return f"key '{s.task}' (span F1)"
    return "the quiz's correct options (lesson data)"


def _lesson_table(grader: Grader, results: list[StudentResult]) -> pd.DataFrame:
    from ..course import LESSONS
    rows = []
    for lesson in grader.lessons:
        ids = [e.id for e in grader.exercises if e.lesson == lesson]
        per = [sum(r.done.get(i, False) for i in ids) for r in results]
        complete = sum(p == len(ids) for p in per)
        rows.append({"lesson": lesson, "title": LESSONS.get(lesson, ("", lesson))[1], "exercises": len(ids),
                     "students_done": complete, "done_share": _share(complete, len(results)),
                     "mean_exercises_done": sum(per) / len(per) if per else None})
    return pd.DataFrame(rows, columns=["lesson", "title", "exercises", "students_done", "done_share",
                                       "mean_exercises_done"])


STUDENT_COLUMNS = ["pseudonym", "file", "exported", "records", "exercises_done", "exercises", "lessons_done",
                   "exercises_scored", "mean_score", "before", "after", "other_case_records"]


def _student_table(grader: Grader, subs: list[Submission], results: list[StudentResult],
                   pre_post: dict[str, tuple]) -> pd.DataFrame:
    rows = []
    for sub, r in zip(subs, results):
        lessons_done = sum(all(r.done.get(e.id, False) for e in grader.exercises if e.lesson == l)
                           for l in grader.lessons)
        scored = [s / m for s, m in r.scores.values() if m]        # attempted exercises only
        pre, post = pre_post.get(r.pseudonym, (None, None))
        # one format (UTC, "Z"), so times from different zones sort and compare as times
        exported = sub.exported_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append({"pseudonym": r.pseudonym, "file": sub.name, "exported": exported,
                     "records": r.n_records, "exercises_done": r.n_done, "exercises": len(grader.exercises),
                     "lessons_done": lessons_done, "exercises_scored": len(scored),
                     "mean_score": sum(scored) / len(scored) if scored else None,
                     "before": pre, "after": post, "other_case_records": r.other_case})
    return pd.DataFrame(rows, columns=STUDENT_COLUMNS)


MISSED_COLUMNS = ["item", "text", "key", "answered", "missed", "missed_share", "most_given_instead"]


def _label_missed(kind: str, s: LabelScorer, results: list[StudentResult]) -> tuple[pd.DataFrame, list[dict]]:
    answered, wrong = Counter(), defaultdict(Counter)
    spread: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for item, ans in r.labels.get(kind, {}).items():
            k = s.items.get(item)
            if k is None:
                continue
            if k.contested:
                spread[item][ans] += 1
            else:
                answered[item] += 1
                if ans != k.label:
                    wrong[item][ans] += 1
    rows = []
    for item, n in answered.items():
        miss = sum(wrong[item].values())
        top = wrong[item].most_common(1)
        rows.append({"item": _item_name(kind, item), "text": _case_text(s.items[item].text), "key": s.items[item].label,
                     "answered": n, "missed": miss, "missed_share": miss / n,
                     "most_given_instead": _short(top[0][0], 40) if top else ""})
    out = [{"area": AREAS.get(kind, kind), "item": _item_name(kind, item), "text": _case_text(s.items[item].text),
            "key": s.items[item].label, "answer": _short(ans, 40), "students": c}
           for item in sorted(spread, key=natural)
           for ans, c in sorted(spread[item].items(), key=lambda kv: (-kv[1], kv[0]))]
    return _most_missed(rows, MISSED_COLUMNS, "answered"), out


def _span_missed(task: str, s: SpanScorer, results: list[StudentResult]) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    reach, miss, other = Counter(), Counter(), Counter()
    for r in results:
        for i, code in r.spans.get(task, {}).items():
            reach[i] += 1
            miss[i] += code == 0
            other[i] += code == 1
    rows, spread = [], []
    for i in sorted(reach):
        n, k = reach[i], s.items[i]
        row = {"item": f"{task} {i + 1}", "text": _case_text(k.text), "key": k.label, "in_reach": n,
               "missed": miss[i], "other_label": other[i], "missed_share": miss[i] / n}
        if k.contested:
            spread.append({"area": f"spans ({task})", "item": row["item"], "text": row["text"], "key": k.label,
                           "answer": "marked", "students": n - miss[i]})
            spread.append({"area": f"spans ({task})", "item": row["item"], "text": row["text"], "key": k.label,
                           "answer": "not marked", "students": miss[i]})
        else:
            rows.append(row)
    frame = _most_missed(rows, ["item", "text", "key", "in_reach", "missed", "other_label", "missed_share"],
                         "other_label")
    found, of = Counter(), Counter()
    for r in results:
        for label, (a, b) in r.span_labels.get(task, {}).items():
            found[label] += a
            of[label] += b
    labels = pd.DataFrame([{"label": lab, "found": found[lab], "of": of[lab], "found_share": _share(found[lab], of[lab])}
                           for lab in sorted(of)], columns=["label", "found", "of", "found_share"])
    return frame, labels.sort_values("found_share", kind="stable").reset_index(drop=True), spread


def _quiz_missed(grader: Grader, results: list[StudentResult]) -> pd.DataFrame:
    answered, wrong, invalid = Counter(), defaultdict(Counter), Counter()
    for r in results:
        for qid, (ans, ok, valid) in r.quiz.items():
            if qid.startswith(("pre.", "post.")):
                continue
            answered[qid] += 1
            if not ok:
                wrong[qid][ans if valid else NOT_AN_OPTION] += 1
                invalid[qid] += not valid
    rows = []
    for qid, n in answered.items():
        miss = sum(wrong[qid].values())
        q = grader.quiz_items.get(qid)
        top = wrong[qid].most_common(1)
        rows.append({"item": f"quiz {qid}", "text": _case_text(q.prompt) if q else "",
                     "key": _short(" / ".join(q.answers), 40) if q else "", "answered": n, "missed": miss,
                     "missed_share": miss / n, "most_given_instead": _short(top[0][0], 40) if top else "",
                     "not_an_option": invalid[qid]})
    return _most_missed(rows, [*MISSED_COLUMNS, "not_an_option"], "answered")


def _before_after(results: list[StudentResult]) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, tuple]]:
    items: dict[str, dict[str, list[bool]]] = defaultdict(lambda: {"pre": [], "post": []})
    per_student, students = {}, []
    for r in results:
        phase = {"pre": [], "post": []}
        for qid, (_, ok, _valid) in r.quiz.items():
            for p in ("pre", "post"):
                if qid.startswith(p + "."):
                    items[qid[len(p) + 1:]][p].append(ok)
                    phase[p].append(ok)
        pre = _share(sum(phase["pre"]), len(phase["pre"]))
        post = _share(sum(phase["post"]), len(phase["post"]))
        if phase["pre"] or phase["post"]:
            per_student[r.pseudonym] = (pre, post)
            students.append({"pseudonym": r.pseudonym, "before": pre, "after": post,
                             "change": post - pre if pre is not None and post is not None else None})
    rows = [{"item": item, "before_n": len(v["pre"]), "before_correct": _share(sum(v["pre"]), len(v["pre"])),
             "after_n": len(v["post"]), "after_correct": _share(sum(v["post"]), len(v["post"]))}
            for item, v in sorted(items.items(), key=lambda kv: natural(kv[0]))]
    return (pd.DataFrame(rows, columns=["item", "before_n", "before_correct", "after_n", "after_correct"]),
            pd.DataFrame(students, columns=["pseudonym", "before", "after", "change"]), per_student)


def summarise(grader: Grader, graded: list[tuple[Submission, StudentResult]],
              skipped: list[Skipped]) -> ClassReport:
    """The class views from graded submissions (see :func:`medialit.instructor.class_report`)."""
    subs = [s for s, _ in graded]
    results = [r for _, r in graded]
    missed: dict[str, pd.DataFrame] = {}
    labels: dict[str, pd.DataFrame] = {}
    spread: list[dict] = []
    for kind, s in grader.label_scorers.items():
        missed[AREAS.get(kind, kind)], more = _label_missed(kind, s, results)
        spread += more
    for task, s in grader.span_scorers.items():
        missed[f"spans ({task})"], labels[task], more = _span_missed(task, s, results)
        spread += more
    missed["quizzes"] = _quiz_missed(grader, results)
    ba_items, ba_students, pre_post = _before_after(results)
    return ClassReport(
        case_id=grader.case.case_id, case_title=grader.case.title,
        students=_student_table(grader, subs, results, pre_post),
        exercises=_exercise_table(grader, results), lessons=_lesson_table(grader, results),
        missed=missed, labels=labels,
        spread=pd.DataFrame(spread, columns=["area", "item", "text", "key", "answer", "students"]),
        before_after=ba_items, before_after_students=ba_students,
        skipped=list(skipped), not_compared=grader.not_compared(), results=results,
        exercise_info=list(grader.exercises))

"""Grade one student's submission: what is done (:func:`medialit.exercises.exercise_done`,
the rule the progress panel uses), the score per exercise against the case keys, and the
per-item answers the class views are built from.

An exercise has a score only when the student attempted it: answered at least one item it
covers that the key counts. The score is over those items (``max`` is how many were
compared; spans: F1 out of 1). An exercise that asks for the same work as an earlier one
(6.4 after 6.1), or only adds free text no key scores (6.2's notes), is done but not scored
again, so no score counts twice in a mean.

A :class:`StudentResult` is small (answers and outcome codes, no records), so a class of
10,000 students is graded one file at a time.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from .. import exercises as _exercises
from ..course import LESSONS
from .scorers import (CASE_KINDS, DEFAULT_TASK, LABEL_KEYS, LabelScorer, QuizScorer, SpanScorer,
                      scorer_for)
from .submissions import Submission

__all__ = ["ExerciseInfo", "Grader", "StudentResult"]

Score = tuple[float | None, float | None]


@dataclass(frozen=True)
class ExerciseInfo:
    """One exercise of the course as the report uses it."""

    lesson: str
    id: str
    title: str
    exercise: Any                 # medialit.exercises.Exercise
    scope: Any                    # its rule without 'fields', 'changed' and 'min': which records belong to it
    scorer: Any                   # a scorer from .scorers, or None
    note: str = ""                # why it is not scored, when it is not
    key_items: int = 0            # the key items it covers that can count


@dataclass
class StudentResult:
    pseudonym: str
    name: str
    exported: str
    n_records: int
    done: dict[str, bool]
    scores: dict[str, Score]                                           # (score, max) or (None, None)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)    # kind -> item -> answer
    spans: dict[str, dict[int, int]] = field(default_factory=dict)     # task -> key item index -> outcome
    span_labels: dict[str, dict[str, tuple[float, int]]] = field(default_factory=dict)  # task -> label -> (found, of)
    quiz: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)  # id -> (answer, right, an option)
    compared: dict[str, int] = field(default_factory=dict)             # exercise -> key items compared
    other_case: int = 0           # records of work on another case (not compared)

    @property
    def n_done(self) -> int:
        return sum(self.done.values())


# what the student wrote, as the report names it
FIELD_NAMES = {"left_out": "notes on what a source leaves out", "justification": "the justification",
               "note": "the note", "text": "the text"}


def _scored_once(ex: Any, scorer: Any, seen: dict) -> tuple[Any, str]:
    """The scorer, or None and why: what the exercise asks is already scored by an earlier
    exercise on the same work, or is the student's own words, which no key scores."""
    rule = ex.rule
    work = (rule.kind, rule.task, rule.doc_id, rule.key, rule.key_prefix)
    compared = set(scorer.fields) if isinstance(scorer, LabelScorer) else {"*"}
    asked = (set(rule.fields) or compared) if isinstance(scorer, LabelScorer) else {"*"}
    first, before = seen.get(work, (ex.id, set()))
    seen[work] = (first, before | asked)
    new = asked - before
    if new & compared:
        return scorer, ""
    if new:
        own = ", ".join(FIELD_NAMES.get(f, f.replace("_", " ")) for f in sorted(new))
        scored = asked & compared
        return None, (f"not scored: it asks for the student's own words ({own}), which no key scores"
                      + (f"; the {', '.join(sorted(scored))} is scored in {first}" if scored else
                         "; read them beside the key"))
    return None, f"not scored: the same work as {first}, scored there once"


def _quiz_in(scope: Any, quiz_id: str) -> bool:
    """Whether a quiz item belongs to an exercise (its key, its key prefix, or any)."""
    if scope.key is not None:
        return quiz_id == scope.key
    return quiz_id.startswith(scope.key_prefix or "")


def _nothing_counts(scorer: Any, scope: Any) -> str:
    """Why an exercise with a key has nothing to score."""
    if isinstance(scorer, LabelScorer) and scorer.scope(scope):
        return "not scored: the key item it covers is contested, a discussion point (see the contested items)"
    if isinstance(scorer, SpanScorer) and scope.doc_id and scorer.in_docs([scope.doc_id]):
        return "not scored: every key span it covers is contested, a discussion point"
    return f"not scored: the '{scorer.name}' key has no item for it"


class Grader:
    """The course's exercises and the case's keys, loaded once; :meth:`grade` per student."""

    def __init__(self, case: Any, lessons: list[str] | None = None) -> None:
        self.case = case
        self.lessons = [l for l in (lessons or list(LESSONS)) if _exercises.lesson_data(l).exercises]
        self._cache: dict = {}
        self.exercises: list[ExerciseInfo] = []
        self.quiz_items: dict[str, Any] = {}
        for lesson in _exercises.lessons_with_data():
            self.quiz_items.update(_exercises.lesson_data(lesson).quizzes)
        self.quiz = scorer_for(case, "quiz", None, self._cache, self.quiz_items)
        seen: dict = {}
        for lesson in self.lessons:
            for ex in _exercises.lesson_data(lesson).exercises:
                rule = ex.rule
                found = scorer_for(case, rule.kind, rule.task, self._cache, self.quiz_items)
                scorer, note = (None, found) if isinstance(found, str) else _scored_once(ex, found, seen)
                scope = replace(rule, fields=(), changed=False, min=1)
                n = self._key_items(scorer, scope)
                if scorer is not None and not n and not isinstance(scorer, QuizScorer):
                    scorer, note = None, _nothing_counts(scorer, scope)
                self.exercises.append(ExerciseInfo(lesson, ex.id, ex.title, ex, scope, scorer, note, n))
        # the item views cover all work of a kind, not only the exercises' scopes
        self.label_scorers: dict[str, LabelScorer] = {}
        for kind in LABEL_KEYS:
            found = scorer_for(case, kind, None, self._cache)
            if isinstance(found, LabelScorer):
                self.label_scorers[kind] = found
        # span keys: the tasks exercises name, and every other key with spans (techniques, ...)
        label_keys = {v.key for v in LABEL_KEYS.values()}
        for name in case.keys:
            if name not in label_keys and ("span", name) not in self._cache:
                found = SpanScorer.from_case(case, name)
                if isinstance(found, SpanScorer):
                    self._cache[("span", name)] = found
        self.span_scorers = {s.task: s for s in self._cache.values() if isinstance(s, SpanScorer)}

    def not_compared(self) -> list[tuple[str, str]]:
        """(kind, reason) for each kind of work that has no key to compare with."""
        return sorted({(k[0] if k[1] is None else f"span ({k[1]})", v) for k, v in self._cache.items()
                       if isinstance(v, str)})

    def _key_items(self, s: Any, scope: Any) -> int:
        """How many items an exercise's key can count (contested ones never do)."""
        if isinstance(s, LabelScorer):
            return len(s.counted(s.scope(scope)))
        if isinstance(s, SpanScorer):
            return len(s.counted(s.in_docs([scope.doc_id]) if scope.doc_id else list(range(len(s.items)))))
        if isinstance(s, QuizScorer):
            return sum(_quiz_in(scope, q) for q in s.items)
        return 0

    def grade(self, sub: Submission) -> StudentResult:
        by_kind: dict[str, list] = defaultdict(list)
        for r in sub.records:
            by_kind[r.kind].append(r)
        indexed: dict[tuple, dict[tuple, list]] = {}

        def candidates(rule: Any) -> list:
            """The records that can match a rule (same kind and the key, task and document it
            names), by an index built when a rule first asks, so a rule reads few."""
            names = tuple(n for n in ("key", "task", "doc_id") if getattr(rule, n) is not None)
            if not names:
                return by_kind.get(rule.kind, [])
            if (rule.kind, names) not in indexed:
                out: dict[tuple, list] = defaultdict(list)
                for r in by_kind.get(rule.kind, ()):
                    out[tuple(r.value.get("task") if n == "task" else getattr(r, n) for n in names)].append(r)
                indexed[(rule.kind, names)] = out
            return indexed[(rule.kind, names)].get(tuple(getattr(rule, n) for n in names), [])

        labels = {kind: s.answers(by_kind.get(kind, ())) for kind, s in self.label_scorers.items()}
        quiz = self.quiz.answers(by_kind.get("quiz", ()))
        outcomes, span_labels = {}, {}
        marked: dict[str, tuple[list, dict]] = {}
        for task, s in self.span_scorers.items():
            recs = [r for r in by_kind.get("span", ()) if r.value.get("task", DEFAULT_TASK) == task]
            found, by_doc = s.spans(recs)
            marked[task] = (found, by_doc)
            out = s.outcomes(found, s.in_docs(by_doc))
            outcomes[task] = out
            counts: dict[str, list[int]] = {}
            for i, code in out.items():
                if s.items[i].contested:        # a discussion point: never found, never missed
                    continue
                c = counts.setdefault(s.items[i].label, [0, 0])
                c[0] += code == 2
                c[1] += 1
            span_labels[task] = {lab: (a, b) for lab, (a, b) in counts.items()}
        done, scores, compared = {}, {}, {}
        for info in self.exercises:
            rule = info.exercise.rule
            found = candidates(rule)
            # a text_of rule reads the reflection its spans must be on, outside the candidates
            done[info.id] = rule.done(sub.records) if rule.text_of else _exercises.exercise_done(info.exercise, found)
            score, top, n = self._score(info, found, labels, quiz, marked)
            scores[info.id] = (score, top)
            if n:
                compared[info.id] = n
        other = sum(1 for r in sub.records if r.kind in CASE_KINDS and r.case_id != self.case.case_id)
        return StudentResult(sub.pseudonym, sub.name, sub.exported, len(sub.records), done, scores,
                             labels, outcomes, span_labels, quiz, compared, other)

    def _score(self, info: ExerciseInfo, candidates, labels, quiz, marked) -> tuple[float | None, float | None, int]:
        """(score, max, key items compared); (None, None, 0) when not attempted or not scored."""
        s, scope = info.scorer, info.scope
        if s is None:
            return None, None, 0
        if isinstance(s, LabelScorer):
            score, top = s.score(labels.get(s.kind, {}), s.scope(scope))
            return score, top, int(top or 0)
        if isinstance(s, QuizScorer):               # the answers the quiz views count too
            answered = [ok for qid, (_, ok, _) in quiz.items() if _quiz_in(scope, qid)]
            if not answered:
                return None, None, 0
            return float(sum(answered)), float(len(answered)), len(answered)
        if scope.key is None and scope.key_prefix is None and s.task in marked:
            found, by_doc = marked[s.task]          # this task's spans, already placed
            if scope.doc_id is not None:
                docs = [scope.doc_id]
                found = by_doc.get(scope.doc_id, [])
            else:
                docs = list(by_doc)
        else:
            found, by_doc = s.spans([r for r in candidates if scope.matches(r)])
            docs = [scope.doc_id] if scope.doc_id else list(by_doc)
        if not found:                               # nothing marked here: not attempted
            return None, None, 0
        reach = s.in_docs(docs)
        _, f1, top = s.score(found, reach)
        return f1, top, len(s.counted(reach)) if top else 0

"""Grade one student's submission: what is done (from :mod:`medialit.exercises`), the score
per exercise against the case keys, and the per-item answers the class views are built from.

A :class:`StudentResult` is small (answers and outcome codes, no records), so a class of
10,000 students is graded one file at a time.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Any

from .. import exercises as _exercises
from ..course import LESSONS
from .scorers import DEFAULT_TASK, LABEL_KEYS, LabelScorer, QuizScorer, SpanScorer, scorer_for
from .submissions import Submission

__all__ = ["ExerciseInfo", "Grader", "StudentResult"]


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


@dataclass
class StudentResult:
    pseudonym: str
    name: str
    exported: str
    n_records: int
    done: dict[str, bool]
    scores: dict[str, tuple[float | None, float | None]]
    labels: dict[str, dict[str, str]] = field(default_factory=dict)    # kind -> item -> answer
    spans: dict[str, dict[int, int]] = field(default_factory=dict)     # task -> key item index -> outcome
    span_labels: dict[str, dict[str, tuple[float, int]]] = field(default_factory=dict)  # task -> label -> (found, of)
    quiz: dict[str, tuple[str, bool]] = field(default_factory=dict)

    @property
    def n_done(self) -> int:
        return sum(self.done.values())


def _done(rule: Any, candidates) -> bool:
    """``medialit.exercises.exercise_done``: at least ``rule.min`` records match the rule
    (``rule.matches``), except that it stops counting once there are enough."""
    return next(islice((r for r in candidates if rule.matches(r)), rule.min - 1, None), None) is not None


class Grader:
    """The course's exercises and the case's keys, loaded once; :meth:`grade` per student."""

    def __init__(self, case: Any, lessons: list[str] | None = None) -> None:
        self.case = case
        self.lessons = [l for l in (lessons or list(LESSONS)) if _exercises.lesson_data(l).exercises]
        self._cache: dict = {}
        self.exercises: list[ExerciseInfo] = []
        self.quiz_items: dict[str, Any] = {}
        for lesson in self.lessons:
            data = _exercises.lesson_data(lesson)
            self.quiz_items.update(data.quizzes)
            for ex in data.exercises:
                rule = ex.rule
                found = scorer_for(case, rule.kind, rule.task, self._cache)
                scorer, note = (None, found) if isinstance(found, str) else (found, "")
                self.exercises.append(ExerciseInfo(
                    lesson, ex.id, ex.title, ex, replace(rule, fields=(), changed=False, min=1), scorer, note))
        # the item views cover all work of a kind, not only the exercises' scopes
        self.label_scorers: dict[str, LabelScorer] = {}
        for kind in LABEL_KEYS:
            found = scorer_for(case, kind, None, self._cache)
            if isinstance(found, LabelScorer):
                self.label_scorers[kind] = found
        # span keys: the tasks exercises name, and every other key with spans (techniques, ...)
        label_keys = {v[0] for v in LABEL_KEYS.values()}
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

    def _quiz_max(self, scope: Any, answered: int) -> float:
        if scope.key is not None:
            return 1.0
        if scope.key_prefix is not None:
            known = sum(q.startswith(scope.key_prefix) for q in self.quiz_items)
            return float(known or answered)
        return float(len(self.quiz_items) or answered)

    def grade(self, sub: Submission) -> StudentResult:
        by_kind: dict[str, list] = defaultdict(list)
        for r in sub.records:
            by_kind[r.kind].append(r)
        indexed: dict[tuple[str, str], dict[str, list]] = {}

        def index(kind: str, attr: str) -> dict[str, list]:
            """Records of a kind by key, doc_id or value["task"], built when a rule first asks."""
            if (kind, attr) not in indexed:
                out: dict[str, list] = defaultdict(list)
                for r in by_kind.get(kind, ()):
                    out[r.value.get("task") if attr == "task" else getattr(r, attr)].append(r)
                indexed[(kind, attr)] = out
            return indexed[(kind, attr)]

        labels = {kind: s.answers(by_kind.get(kind, ())) for kind, s in self.label_scorers.items()}
        quiz = QuizScorer.answers(by_kind.get("quiz", ()))
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
                c = counts.setdefault(s.items[i].label, [0, 0])
                c[0] += code == 2
                c[1] += 1
            span_labels[task] = {lab: (a, b) for lab, (a, b) in counts.items()}
        done, scores = {}, {}
        for info in self.exercises:
            rule = info.exercise.rule       # only records that can match, so a rule reads few
            if rule.key is not None:
                candidates = index(rule.kind, "key").get(rule.key, ())
            elif rule.task is not None:
                candidates = index(rule.kind, "task").get(rule.task, ())
            elif rule.doc_id is not None:
                candidates = index(rule.kind, "doc_id").get(rule.doc_id, ())
            else:
                candidates = by_kind.get(rule.kind, ())
            # a text_of rule reads the reflection its spans must be on, outside the candidates
            done[info.id] = rule.done(sub.records) if rule.text_of else _done(rule, candidates)
            scores[info.id] = self._score(info, candidates, labels, quiz, marked)
        return StudentResult(sub.pseudonym, sub.name, sub.exported, len(sub.records), done, scores,
                             labels, outcomes, span_labels, quiz)

    def _score(self, info: ExerciseInfo, candidates, labels, quiz, marked) -> tuple[float | None, float | None]:
        s, scope = info.scorer, info.scope
        if s is None:
            return None, None
        if isinstance(s, LabelScorer):
            return s.score(labels.get(s.kind, {}), s.scope(scope))
        if isinstance(s, QuizScorer):
            answered = [quiz[r.key][1] for r in candidates if r.key in quiz and scope.matches(r)]
            return float(sum(answered)), self._quiz_max(scope, len(answered))
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
        reach = s.in_docs(docs)
        if not reach:
            return None, None
        _, f1, top = s.score(found, reach)
        return f1, top

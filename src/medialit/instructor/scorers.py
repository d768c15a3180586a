"""How one kind of saved work is compared with a case key. Pure: no I/O beyond the case.

Which key a kind of work is compared with is data (:data:`LABEL_KEYS` and the span task's
name), so keys that land later (``techniques``, ``sources``, ``comments``) are compared as soon
as the case has them; a missing key just means that work is not scored.

- :class:`LabelScorer`: one label per item (sentence labels vs ``sentences``, verdicts vs
  ``factchecks``, framings vs ``sources``, comment labels vs ``comments``, and moderation vs
  ``comments``, where the decision and the rule applied must both match).
- :class:`SpanScorer`: spans vs the key named by the span task (``loaded_language``,
  ``techniques``), SemEval-style partial-overlap F1 from :mod:`medialit.scoring`.
- :class:`QuizScorer`: the chosen option against the lesson data's correct options (the
  ``correct`` flag saved in a file is ignored; an answer that is no option is wrong).

Label and span scorers read only records of the case the keys come from: work on another
case (lesson 08's own texts, with the same document ids and numbering) is never compared.
Quiz answers are the course's, not a case's, and are read whatever case they were saved under.
A score counts only what the student answered; contested key items never count for or against
a student: they are discussion points.
"""
from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import scoring
from ..errors import MedialitError

__all__ = ["LABEL_KEYS", "CASE_KINDS", "LabelKey", "KeyItem", "LabelScorer", "SpanScorer", "QuizScorer",
           "scorer_for"]


@dataclass(frozen=True)
class LabelKey:
    """Where the key of one kind of label work is, and how an answer is read: the first
    column (or value field) of each list that is there."""

    key: str
    ids: tuple[str, ...]
    labels: tuple[str, ...]
    answers: tuple[str, ...]
    also: str = ""            # a second key column and value field that must match too
    what: str = "label"       # what is compared, in the report's words


LABEL_KEYS: dict[str, LabelKey] = {
    "sentence_label": LabelKey("sentences", ("sentence", "id"), ("label",), ("label",)),
    "verdict": LabelKey("factchecks", ("id", "claim_id"), ("verdict",), ("verdict",), what="verdict"),
    "framing": LabelKey("sources", ("source", "source_id", "id"), ("framing",), ("framing",), what="framing"),
    "comment_label": LabelKey("comments", ("comment_id", "id"), ("labels", "label"), ("labels", "label"),
                              what="labels (all of them)"),
    "moderation": LabelKey("comments", ("comment_id", "id"), ("decision", "moderation"), ("decision",),
                           also="rule", what="decision"),
}
CASE_KINDS = frozenset([*LABEL_KEYS, "span"])      # work done on one case's texts
SPAN_LABELS = ("technique", "category", "label")
DEFAULT_TASK = "loaded_language"
MISSING = ""                     # an item the student did not answer
NO_RULE = "(no rule)"


@dataclass(frozen=True)
class KeyItem:
    """One key item as the report shows it: id, the key's answer, whether it is contested,
    and a short text (a quote or the claim) to recognise it by."""

    id: str
    label: str
    contested: bool
    text: str
    start: int = -1
    end: int = -1


def _label_text(value: Any) -> str:
    """A label as one string; a list of labels (several may apply) as 'a + b', sorted."""
    if isinstance(value, (list, tuple)):
        return " + ".join(sorted({str(v) for v in value if v is not None and str(v)}))
    if value is None or (isinstance(value, float) and value != value):
        return MISSING
    return str(value)


def _first(row: dict, names: Iterable[str]) -> Any:
    for n in names:
        if n in row and row[n] is not None:
            return row[n]
    return None


def _display(row: dict) -> str:
    for name in ("quote", "claim", "text_start", "text", "topic"):
        v = row.get(name)
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())
    return ""


def _join(label: str, also: Any) -> str:
    """A decision and its rule as one answer: 'remove · R2'."""
    also = _label_text(also)
    return f"{label} · {also or NO_RULE}"


@dataclass
class LabelScorer:
    """One label per item: the record's key is the item id, a value field the answer."""

    kind: str
    spec: LabelKey
    items: dict[str, KeyItem]
    case_id: str
    also: str = ""               # spec.also when the key has that column
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.spec.key

    @property
    def key_name(self) -> str:
        return self.spec.key

    @property
    def fields(self) -> frozenset[str]:
        """The value fields compared with the key."""
        return frozenset([*self.spec.answers, *([self.also] if self.also else [])])

    @property
    def compares(self) -> str:
        """What agreeing with the key means, for the report."""
        if self.also:
            return f"key '{self.key_name}': {self.spec.what} and {self.also} (both must match)"
        return f"key '{self.key_name}': {self.spec.what}"

    @classmethod
    def from_case(cls, case: Any, kind: str) -> "LabelScorer | str":
        """The scorer, or a sentence saying why this kind cannot be compared."""
        spec = LABEL_KEYS[kind]
        if spec.key not in case.keys:
            return f"no '{spec.key}' key in case {case.case_id} yet"
        try:
            frame = case.key(spec.key)
        except MedialitError as exc:
            return f"the '{spec.key}' key could not be read: {exc}"
        id_col = next((c for c in spec.ids if c in frame.columns), None)
        label_col = next((c for c in spec.labels if c in frame.columns), None)
        if id_col is None or label_col is None:
            return f"the '{spec.key}' key has no {'/'.join(spec.ids)} or {'/'.join(spec.labels)} column"
        also = spec.also if spec.also and spec.also in frame.columns else ""
        items = {}
        for row in frame.to_dict("records"):
            item = row[id_col]
            item = str(int(item)) if isinstance(item, float) and item.is_integer() else str(item)
            label = _label_text(row[label_col])
            items[item] = KeyItem(item, _join(label, row[also]) if also else label,
                                  bool(row.get("contested") is True), _display(row))
        return cls(kind, spec, items, case.case_id, also)

    def answers(self, records: Iterable[Any]) -> dict[str, str]:
        """item -> the student's answer (one string), for this case's records of this kind."""
        out = {}
        intern = sys.intern
        for r in records:
            if r.case_id != self.case_id:
                continue
            value = r.value
            for f in self.spec.answers:
                if f in value:
                    ans = _label_text(value[f])
                    if ans:
                        out[r.key] = intern((_join(ans, value.get(self.also)) if self.also else ans)[:80])
                    break
        return out

    def scope(self, rule: Any) -> list[str]:
        """The key items an exercise covers: its key, its key prefix, or the whole key."""
        if rule.key is not None:
            return [rule.key] if rule.key in self.items else []
        if rule.key_prefix is not None:
            return [i for i in self.items if i.startswith(rule.key_prefix)]
        return list(self.items)

    def counted(self, scope: list[str]) -> list[str]:
        """The items of ``scope`` that can count (not contested)."""
        return [i for i in scope if not self.items[i].contested]

    def score(self, answers: dict[str, str], scope: list[str]) -> tuple[float | None, float | None]:
        """(items agreeing with the key, items compared): the student's answered, uncontested
        items in scope; (None, None) when there are none (not attempted)."""
        compared = [i for i in self.counted(scope) if i in answers]
        if not compared:
            return None, None
        return float(sum(answers[i] == self.items[i].label for i in compared)), float(len(compared))


@dataclass
class SpanScorer:
    """Spans of one task against the key of the same name; offsets made case-wide."""

    task: str
    items: list[KeyItem]
    doc_ranges: dict[str, tuple[int, int]]
    case_id: str
    name: str = ""
    key_spans: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.name = self.name or self.task
        self.key_spans = [scoring.Span(k.start, k.end, k.label) for k in self.items]
        # document -> indices of the key items inside it
        self.doc_items = {d: [i for i, k in enumerate(self.items) if lo <= k.start and k.end <= hi]
                          for d, (lo, hi) in self.doc_ranges.items()}

    @classmethod
    def from_case(cls, case: Any, task: str) -> "SpanScorer | str":
        if task not in case.keys:
            return f"no '{task}' key in case {case.case_id} yet"
        try:
            frame = case.key(task)
        except MedialitError as exc:
            return f"the '{task}' key could not be read: {exc}"
        label_col = next((c for c in SPAN_LABELS if c in frame.columns), None)
        if label_col is None or "start" not in frame.columns or "end" not in frame.columns:
            return f"the '{task}' key has no start/end or {'/'.join(SPAN_LABELS)} column"
        items = []
        for n, row in enumerate(frame.to_dict("records"), 1):
            item = row.get("id") if isinstance(row.get("id"), str) else f"{task}-{n}"
            items.append(KeyItem(item, _label_text(row[label_col]), bool(row.get("contested") is True),
                                 _display(row), int(row["start"]), int(row["end"])))
        items.sort(key=lambda k: (k.start, k.end))
        docs = {d: (case.document(d).start, case.document(d).end) for d in case.documents}
        return cls(task, items, docs, case.case_id)

    def spans(self, records: Iterable[Any]) -> tuple[list, dict[str, list]]:
        """The student's spans in case offsets, as (start, end, label): all, and by document."""
        out: list = []
        by_doc: dict[str, list] = {}
        for r in records:
            a = r.anchor
            where = self.doc_ranges.get(r.doc_id)
            if a is None or where is None or r.case_id != self.case_id:
                continue
            start, end = a.position.start + where[0], a.position.end + where[0]
            if end <= where[1]:
                label = r.value.get("label")
                span = (start, end, label if type(label) is str else _label_text(label))
                out.append(span)
                by_doc.setdefault(r.doc_id, []).append(span)
        return out, by_doc

    def in_docs(self, docs: Iterable[str]) -> list[int]:
        """Indices of key items inside any of these documents."""
        found: set[int] = set()
        for d in docs:
            found.update(self.doc_items.get(d, ()))
        return sorted(found)

    def outcomes(self, spans: list, reach: list[int]) -> dict[int, int]:
        """Per key item in reach: 2 marked with the key's label, 1 marked with another, 0 missed."""
        spans = sorted(spans)
        starts = [s[0] for s in spans]
        longest = max((e - b for b, e, _ in spans), default=0)
        out = {}
        for i in reach:
            k = self.items[i]
            best = 0
            # only spans that start after (k.start - longest) can reach into k
            for _, end, label in spans[bisect_left(starts, k.start - longest):bisect_right(starts, k.end - 1)]:
                if end > k.start:
                    best = 2 if label == k.label else max(best, 1)
                    if best == 2:
                        break
            out[i] = best
        return out

    def counted(self, reach: list[int]) -> list[int]:
        """The key items in reach that can count (not contested)."""
        return [i for i in reach if not self.items[i].contested]

    def score(self, spans: list, reach: list[int]) -> tuple[scoring.SpanScores | None, float | None, float | None]:
        """Partial-overlap F1 against the uncontested key items in reach, out of 1; spans on
        contested items are left out. (None, None, None) when no key item in reach counts."""
        if not self.counted(reach):
            return None, None, None
        key = [self.key_spans[i] for i in self.counted(reach)]
        contested = _merged([(self.items[i].start, self.items[i].end) for i in reach if self.items[i].contested])
        if contested:   # a span on a contested item is a discussion point, not an extra
            starts = [b for b, _ in contested]
            spans = [s for s in spans if not _hits(contested, starts, s[0], s[1])]
        result = scoring.span_scores(spans, key)
        return result, round(result.f1, 3), 1.0


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for b, e in sorted(ranges):
        if out and b <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((b, e))
    return out


def _hits(ranges: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, disjoint ``ranges``."""
    i = bisect_right(starts, end - 1) - 1
    return i >= 0 and ranges[i][1] > start


@dataclass
class QuizScorer:
    """Quiz answers against the lesson data: right when the answer is an option marked correct."""

    items: dict[str, Any]         # quiz id -> medialit.exercises.QuizItem
    name: str = "quiz"

    def answers(self, records: Iterable[Any]) -> dict[str, tuple[str, bool, bool]]:
        """quiz id -> (answer, right, an option at all), for the quiz items the data knows."""
        out = {}
        for r in records:
            item = self.items.get(r.key)
            if item is None:
                continue
            answer = r.value.get("answer")
            option = item.option(answer) if isinstance(answer, str) else None
            shown = answer if isinstance(answer, str) else _label_text(answer)
            out[r.key] = (sys.intern(shown[:120]), option is not None and option.correct, option is not None)
        return out


def scorer_for(case: Any, kind: str, task: str | None, cache: dict, quizzes: dict | None = None) -> Any:
    """The scorer for a kind (and span task), built once per report; a string says why none."""
    ident = (kind, task if kind == "span" else None)
    if ident not in cache:
        if kind == "span":
            cache[ident] = SpanScorer.from_case(case, task or DEFAULT_TASK)
        elif kind == "quiz":
            cache[ident] = QuizScorer(quizzes or {})
        elif kind in LABEL_KEYS:
            cache[ident] = LabelScorer.from_case(case, kind)
        else:
            cache[ident] = f"{kind.replace('_', ' ')} work has no key to compare with"
    return cache[ident]

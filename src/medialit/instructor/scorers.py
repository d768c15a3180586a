"""How one kind of saved work is compared with a case key. Pure: no I/O beyond the case.

Which key a kind of work is compared with is data (:data:`LABEL_KEYS` and the span task's
name), so keys that land later (``techniques``, ``sources``, ``comments``) are compared as soon
as the case has them; a missing key just means that work is not scored.

- :class:`LabelScorer`: one label per item (sentence labels vs ``sentences``, verdicts vs
  ``factchecks``, framings vs ``sources``, comment labels and moderation vs ``comments``).
- :class:`SpanScorer`: spans vs the key named by the span task (``loaded_language``,
  ``techniques``), SemEval-style partial-overlap F1 from :mod:`medialit.scoring`.
- :class:`QuizScorer`: the ``correct`` flag saved with each quiz answer.

Contested key items never count for or against a student: they are discussion points.
"""
from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterable

from .. import scoring
from ..errors import MedialitError

__all__ = ["LABEL_KEYS", "KeyItem", "LabelScorer", "SpanScorer", "QuizScorer", "scorer_for"]

# kind -> (key name, item id columns, key label columns, answer value fields)
LABEL_KEYS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "sentence_label": ("sentences", ("sentence", "id"), ("label",), ("label",)),
    "verdict": ("factchecks", ("id", "claim_id"), ("verdict",), ("verdict",)),
    "framing": ("sources", ("source", "source_id", "id"), ("framing",), ("framing",)),
    "comment_label": ("comments", ("comment_id", "id"), ("labels", "label"), ("labels", "label")),
    "moderation": ("comments", ("comment_id", "id"), ("decision", "moderation"), ("decision",)),
}
SPAN_LABELS = ("technique", "category", "label")
DEFAULT_TASK = "loaded_language"
MISSING = ""                     # an item the student did not answer


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


@dataclass
class LabelScorer:
    """One label per item: the record's key is the item id, a value field the answer."""

    kind: str
    key_name: str
    answer_fields: tuple[str, ...]
    items: dict[str, KeyItem]
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or self.key_name

    @classmethod
    def from_case(cls, case: Any, kind: str) -> "LabelScorer | str":
        """The scorer, or a sentence saying why this kind cannot be compared."""
        key_name, id_cols, label_cols, answer_fields = LABEL_KEYS[kind]
        if key_name not in case.keys:
            return f"no '{key_name}' key in case {case.case_id} yet"
        try:
            frame = case.key(key_name)
        except MedialitError as exc:
            return f"the '{key_name}' key could not be read: {exc}"
        id_col = next((c for c in id_cols if c in frame.columns), None)
        label_col = next((c for c in label_cols if c in frame.columns), None)
        if id_col is None or label_col is None:
            return f"the '{key_name}' key has no {'/'.join(id_cols)} or {'/'.join(label_cols)} column"
        items = {}
        for row in frame.to_dict("records"):
            item = row[id_col]
            item = str(int(item)) if isinstance(item, float) and item.is_integer() else str(item)
            items[item] = KeyItem(item, _label_text(row[label_col]), bool(row.get("contested") is True),
                                  _display(row))
        return cls(kind, key_name, answer_fields, items)

    def answers(self, records: Iterable[Any]) -> dict[str, str]:
        """item -> the student's answer (one string), for the records of this kind."""
        out = {}
        intern = sys.intern
        for r in records:
            value = r.value
            for f in self.answer_fields:
                if f in value:
                    ans = _label_text(value[f])
                    if ans:
                        out[r.key] = intern(ans[:80])
                    break
        return out

    def scope(self, rule: Any) -> list[str] | None:
        """The key items an exercise names (its key or key prefix); None when it names none,
        and so covers whatever the student answered."""
        if rule.key is not None:
            return [rule.key] if rule.key in self.items else []
        if rule.key_prefix is not None:
            return [i for i in self.items if i.startswith(rule.key_prefix)]
        return None

    def score(self, answers: dict[str, str], scope: list[str] | None) -> tuple[float | None, float | None]:
        """(items agreeing with the key, items that count). A named item counts whether answered
        or not; otherwise the answered items count. Contested items never count."""
        items = scope if scope is not None else [i for i in answers if i in self.items]
        counted = [i for i in items if not self.items[i].contested]
        if not counted:
            return None, None
        return float(sum(answers.get(i) == self.items[i].label for i in counted)), float(len(counted))


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

    def score(self, spans: list, reach: list[int]) -> tuple[scoring.SpanScores, float, float]:
        """Partial-overlap scores against the key items in reach (contested ones left out)."""
        key = [self.key_spans[i] for i in reach if not self.items[i].contested]
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
    """Quiz answers carry their own ``correct`` flag."""

    name: str = "quiz"

    @staticmethod
    def answers(records: Iterable[Any]) -> dict[str, tuple[str, bool]]:
        out = {}
        for r in records:
            correct = r.value.get("correct")
            if isinstance(correct, bool):
                out[r.key] = (sys.intern(str(r.value.get("answer", ""))[:120]), correct)
        return out


def scorer_for(case: Any, kind: str, task: str | None, cache: dict) -> Any:
    """The scorer for a kind (and span task), built once per report; a string says why none."""
    ident = (kind, task if kind == "span" else None)
    if ident not in cache:
        if kind == "span":
            cache[ident] = SpanScorer.from_case(case, task or DEFAULT_TASK)
        elif kind == "quiz":
            cache[ident] = QuizScorer()
        elif kind in LABEL_KEYS:
            cache[ident] = LabelScorer.from_case(case, kind)
        else:
            cache[ident] = f"{kind.replace('_', ' ')} work has no key to compare with"
    return cache[ident]

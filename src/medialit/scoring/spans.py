"""Span precision, recall and F1 as in SemEval-2020 Task 11 (see ``shared/reference/taxonomies.md``).

Same-label spans that share a character are merged first (touching spans stay apart);
then for predicted spans S and key spans T of one label

    P = (sum over pairs |s & t| / |s|) / |S|      R = (sum over pairs |s & t| / |t|) / |T|

so partial overlap earns partial credit. Overall scores add the numerators and the counts
over labels (pairs only within a label). F1 is 1 when both sides are empty and 0 when
exactly one is. Zero-length spans are not claims and are ignored.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable

from ..spans import Span, merge
from .items import as_spans


@dataclass(frozen=True)
class SpanScore:
    """Precision, recall and F1 with the sums and counts they come from."""

    precision: float
    recall: float
    f1: float
    n_pred: int       # predicted spans after merging
    n_key: int        # key spans after merging
    p_sum: float      # sum of |s & t| / |s|
    r_sum: float      # sum of |s & t| / |t|

    @classmethod
    def from_sums(cls, p_sum: float, r_sum: float, n_pred: int, n_key: int) -> "SpanScore":
        if n_pred == 0 and n_key == 0:
            return cls(1.0, 1.0, 1.0, 0, 0, 0.0, 0.0)
        p = min(1.0, p_sum / n_pred) if n_pred else 0.0
        r = min(1.0, r_sum / n_key) if n_key else 0.0
        f = 2 * p * r / (p + r) if p + r > 0 else 0.0
        return cls(p, r, f, n_pred, n_key, p_sum, r_sum)

    def __repr__(self) -> str:
        return (f"SpanScore(precision={self.precision:.6f}, recall={self.recall:.6f}, f1={self.f1:.6f}, "
                f"n_pred={self.n_pred}, n_key={self.n_key})")


@dataclass(frozen=True)
class SpanScores:
    """Overall and per-label scores. ``exact`` says whether only identical spans counted."""

    overall: SpanScore
    per_label: dict[str, SpanScore]
    exact: bool = False

    precision = property(lambda self: self.overall.precision)
    recall = property(lambda self: self.overall.recall)
    f1 = property(lambda self: self.overall.f1)

    def rows(self) -> list[dict]:
        rows = [{"label": label, **_score_row(s)} for label, s in sorted(self.per_label.items())]
        return rows + [{"label": "(overall)", **_score_row(self.overall)}]

    def to_frame(self):
        """A pandas DataFrame: one row per label and one for the overall score."""
        import pandas as pd
        return pd.DataFrame(self.rows())

    def __repr__(self) -> str:
        labels = ", ".join(f"{k}: f1={v.f1:.3f}" for k, v in sorted(self.per_label.items()))
        kind = "exact" if self.exact else "partial-overlap"
        return (f"SpanScores({kind}; precision={self.precision:.6f}, recall={self.recall:.6f}, "
                f"f1={self.f1:.6f}; {labels})")

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{h}</th>" for h in ("label", "precision", "recall", "F1", "yours", "key"))
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(r[c]))}</td>" for c in
                             ("label", "precision", "recall", "f1", "n_pred", "n_key")) + "</tr>"
            for r in self.rows())
        return f"<table class='medialit-scores'><tr>{head}</tr>{body}</table>"


def _score_row(s: SpanScore) -> dict:
    return {"precision": round(s.precision, 6), "recall": round(s.recall, 6), "f1": round(s.f1, 6),
            "n_pred": s.n_pred, "n_key": s.n_key}


def _by_label(spans: Iterable[Span]) -> dict[str, list[Span]]:
    """Merge, drop zero-length spans and group by label; each group is sorted and disjoint."""
    out: dict[str, list[Span]] = {}
    for s in merge(s for s in spans if s.end > s.start):
        out.setdefault(s.label, []).append(s)
    return out


def _sweep(pred: list[Span], key: list[Span]) -> tuple[float, float]:
    """Overlap sums for two sorted lists of disjoint spans, in one linear pass."""
    i = j = 0
    p_sum = r_sum = 0.0
    while i < len(pred) and j < len(key):
        s, t = pred[i], key[j]
        ov = min(s.end, t.end) - max(s.start, t.start)
        if ov > 0:
            p_sum += ov / (s.end - s.start)
            r_sum += ov / (t.end - t.start)
        if s.end < t.end:
            i += 1
        elif t.end < s.end:
            j += 1
        else:
            i += 1
            j += 1
    return p_sum, r_sum


def span_scores(prediction: Any, key: Any, *, exact: bool = False,
                labels: Iterable[str] | None = None) -> SpanScores:
    """SemEval-2020 Task 11 span precision, recall and F1, per label and overall.

    ``exact=True`` gives the strict variant: only spans with identical start, end and
    label (after merging) count, each as 1. ``labels`` restricts scoring to those labels
    (and lists them even when neither side used them)."""
    pred, gold = _by_label(as_spans(prediction)), _by_label(as_spans(key))
    wanted = set(labels) if labels is not None else set(pred) | set(gold)
    per_label: dict[str, SpanScore] = {}
    tp = tr = 0.0
    np_ = nk = 0
    for label in sorted(wanted):
        S, T = pred.get(label, []), gold.get(label, [])
        if exact:
            hits = len({(s.start, s.end) for s in S} & {(t.start, t.end) for t in T})
            p_sum = r_sum = float(hits)
        else:
            p_sum, r_sum = _sweep(S, T)
        per_label[label] = SpanScore.from_sums(p_sum, r_sum, len(S), len(T))
        tp, tr, np_, nk = tp + p_sum, tr + r_sum, np_ + len(S), nk + len(T)
    return SpanScores(SpanScore.from_sums(tp, tr, np_, nk), per_label, exact)


def exact_scores(prediction: Any, key: Any, *, labels: Iterable[str] | None = None) -> SpanScores:
    """Only identical start/end/label count (see :func:`span_scores`)."""
    return span_scores(prediction, key, exact=True, labels=labels)

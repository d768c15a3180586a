"""Pure scoring of student work against answer keys. No widgets, no I/O.

Spans are scored as in SemEval-2020 Task 11 (see ``shared/reference/taxonomies.md``):
same-label spans that share a character are merged first (touching spans stay apart);
then for predicted spans S and key spans T of one label

    P = (sum over pairs |s & t| / |s|) / |S|      R = (sum over pairs |s & t| / |t|) / |T|

so partial overlap earns partial credit. Overall scores add the numerators and the counts
over labels (pairs only within a label). F1 is 1 when both sides are empty and 0 when
exactly one is. Zero-length spans are not claims and are ignored.

Inputs are forgiving: a pandas DataFrame with ``start``, ``end`` and ``label`` (or
``category``) columns, a list of :class:`~medialit.spans.Span`, dicts, ``(start, end,
label)`` tuples, or store records (``Store.latest("span")``).
"""
from __future__ import annotations

import html
import math
import operator
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .spans import Span, merge, trim

__all__ = [
    "KeyItem", "as_spans", "as_key_items",
    "SpanScore", "SpanScores", "span_scores", "exact_scores",
    "FeedbackItem", "SpanFeedback", "span_feedback", "FEEDBACK_KINDS",
    "Agreement", "cohen_kappa", "agreement", "sentence_agreement", "verdict_agreement",
]

LABEL_FIELDS = ("label", "category", "technique")
FEEDBACK_KINDS = ("matched", "near_miss", "partial", "label_differs", "missed", "extra", "discussion")
QUOTE_LEN = 80


# ---------------------------------------------------------------- inputs

@dataclass(frozen=True)
class KeyItem:
    """One answer-key span with the key's reasoning."""

    start: int
    end: int
    label: str
    rationale: str = ""
    contested: bool = False
    item_id: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.label)


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _int(v: Any, what: str, where: str) -> int:
    if isinstance(v, bool) or _missing(v):
        raise ValueError(f"{where}: {what} must be a whole number, got {v!r}")
    if isinstance(v, float):
        if not v.is_integer():
            raise ValueError(f"{where}: {what} must be a whole number, got {v!r}")
        return int(v)
    try:
        return operator.index(v)    # int, numpy integers
    except TypeError:
        raise ValueError(f"{where}: {what} must be a whole number, got {v!r}") from None


def _text(v: Any) -> str:
    return "" if _missing(v) else str(v)


def _truthy(v: Any) -> bool:
    if _missing(v):
        return False
    if isinstance(v, str):
        return v.strip().lower() in {"true", "yes", "y", "1"}
    return bool(v)


def _rows(data: Any) -> list:
    """Rows of a DataFrame, the values of a mapping (store.latest()), or the items of a list."""
    if data is None:
        return []
    if hasattr(data, "columns") and hasattr(data, "to_dict"):
        return data.to_dict("records")
    if isinstance(data, Mapping):
        return list(data.values())
    if isinstance(data, (str, bytes)):
        raise TypeError(f"expected spans (a DataFrame, list of Span or dicts), got {type(data).__name__}")
    return list(data)


def _fields(row: Any, where: str) -> dict:
    """start, end, label, and whatever else a row carries, as a dict."""
    if isinstance(row, Span):
        return {"start": row.start, "end": row.end, "label": row.label, "note": row.note}
    if isinstance(row, KeyItem):
        return {"start": row.start, "end": row.end, "label": row.label, "rationale": row.rationale,
                "contested": row.contested, "id": row.item_id}
    anchor = getattr(row, "anchor", None)
    value = getattr(row, "value", None)
    if isinstance(row, Mapping) and "anchor" in row:
        anchor, value = row.get("anchor"), row.get("value")
    if isinstance(anchor, Mapping) and isinstance(value, Mapping):   # a store record
        pos = anchor.get("position") or {}
        return {"start": pos.get("start"), "end": pos.get("end"), **value,
                "id": getattr(row, "key", None) or (row.get("key") if isinstance(row, Mapping) else "")}
    if isinstance(row, Mapping):
        out = dict(row)
        if "label" not in out:
            out["label"] = next((out[f] for f in LABEL_FIELDS if f in out), "")
        return out
    if isinstance(row, (tuple, list)) and 2 <= len(row) <= 4:
        return dict(zip(("start", "end", "label", "note"), row))
    raise TypeError(f"{where}: expected a Span, a dict with start/end/label, a (start, end, label) "
                    f"tuple or a store record, got {type(row).__name__}")


def as_spans(data: Any) -> list[Span]:
    """Normalise any supported span input to a list of :class:`Span`."""
    out = []
    for i, row in enumerate(_rows(data)):
        if type(row) is Span:
            out.append(row)
            continue
        where = f"span {i}"
        f = _fields(row, where)
        if "start" not in f or "end" not in f:
            raise ValueError(f"{where}: needs 'start' and 'end', got fields {sorted(f)}")
        out.append(Span(_int(f["start"], "start", where), _int(f["end"], "end", where),
                        _text(f.get("label")), _text(f.get("note"))))
    return out


def as_key_items(data: Any) -> list[KeyItem]:
    """Normalise an answer key (DataFrame with start, end, label/category, rationale,
    contested, id; or dicts, Spans, KeyItems) to :class:`KeyItem` objects."""
    out = []
    for i, row in enumerate(_rows(data)):
        where = f"key item {i}"
        f = _fields(row, where)
        if "start" not in f or "end" not in f:
            raise ValueError(f"{where}: needs 'start' and 'end', got fields {sorted(f)}")
        start, end = _int(f["start"], "start", where), _int(f["end"], "end", where)
        Span(start, end)  # validates the offsets
        item_id = next((_text(f[k]) for k in ("id", "item_id", "item") if not _missing(f.get(k))), "")
        out.append(KeyItem(start, end, _text(f.get("label")), _text(f.get("rationale")),
                           _truthy(f.get("contested")), item_id))
    return out


# ---------------------------------------------------------------- span scores

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


# ---------------------------------------------------------------- span feedback

def _short(text: str, n: int = QUOTE_LEN) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def _q(text: str) -> str:
    return f"\u201c{_short(text)}\u201d"


def _chars(n: int) -> str:
    return f"{n} character{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class FeedbackItem:
    """One piece of feedback: what the student marked, what the key marks, and what to do.

    ``kind`` is one of matched, near_miss (boundaries off by a few characters or heavy
    overlap), partial (some overlap), label_differs (the key's words, or nearly, under another
    label), missed, extra, discussion (a contested key item)."""

    kind: str
    label: str
    message: str
    student: Span | None = None
    key: KeyItem | None = None
    rationale: str = ""
    contested: bool = False

    @property
    def start(self) -> int:
        return (self.key or self.student).start  # type: ignore[union-attr]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "label": self.label, "message": self.message,
                "student_start": self.student.start if self.student else None,
                "student_end": self.student.end if self.student else None,
                "key_start": self.key.start if self.key else None,
                "key_end": self.key.end if self.key else None,
                "key_id": self.key.item_id if self.key else None,
                "rationale": self.rationale, "contested": self.contested}

    def __repr__(self) -> str:
        st = f"({self.student.start}, {self.student.end})" if self.student else "None"
        ky = f"({self.key.start}, {self.key.end})" if self.key else "None"
        return f"FeedbackItem(kind={self.kind!r}, label={self.label!r}, student={st}, key={ky})"

    def __str__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return (f"<div class='medialit-feedback-item medialit-{html.escape(self.kind)}'>"
                f"<b>{html.escape(_TITLES[self.kind])}</b> {html.escape(self.message)}</div>")


_TITLES = {"matched": "Matched.", "near_miss": "Nearly.", "partial": "Partly.", "label_differs": "Label differs.",
           "missed": "Missed.", "extra": "Not in the key.", "discussion": "Discussion point."}


@dataclass(frozen=True)
class SpanFeedback:
    """Feedback on a student's spans: items in text order, plus the scores."""

    items: tuple[FeedbackItem, ...]
    scores: SpanScores

    def of(self, kind: str) -> list[FeedbackItem]:
        return [i for i in self.items if i.kind == kind]

    matched = property(lambda self: self.of("matched"))
    near_misses = property(lambda self: self.of("near_miss"))
    partial = property(lambda self: self.of("partial"))
    missed = property(lambda self: self.of("missed"))
    extra = property(lambda self: self.of("extra"))
    discussion = property(lambda self: self.of("discussion"))

    def counts(self) -> dict[str, int]:
        c = Counter(i.kind for i in self.items)
        return {k: c.get(k, 0) for k in FEEDBACK_KINDS}

    def to_records(self) -> list[dict]:
        return [i.to_dict() for i in self.items]

    def text(self) -> str:
        """Plain-text feedback, one line per item, then the scores."""
        lines = [f"{_TITLES[i.kind]} {i.message}" for i in self.items]
        s = self.scores
        lines.append(f"Score: precision {s.precision:.2f}, recall {s.recall:.2f}, F1 {s.f1:.2f}.")
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v}" for k, v in self.counts().items())
        return f"SpanFeedback({counts}, f1={self.scores.f1:.6f})"

    def _repr_html_(self) -> str:
        s = self.scores
        items = "".join(f"<li>{i._repr_html_()}</li>" for i in self.items)
        return (f"<div class='medialit-feedback'><ul>{items}</ul><p>Score: precision {s.precision:.2f}, "
                f"recall {s.recall:.2f}, F1 {s.f1:.2f}.</p></div>")


def _overlapping(spans: list[Span], ends: list[int], start: int, end: int) -> list[Span]:
    """Spans of a sorted disjoint list that share a character with start..end."""
    out = []
    i = bisect_right(ends, start)
    while i < len(spans) and spans[i].start < end:
        out.append(spans[i])
        i += 1
    return out


def _boundaries(text: str, s: Span, k: KeyItem) -> str:
    """Concrete advice for moving the student's span onto the key's."""
    advice = []
    if s.start > k.start:
        advice.append(f"start {_chars(s.start - k.start)} earlier, to take in {_q(text[k.start:s.start])}")
    elif s.start < k.start:
        advice.append(f"start {_chars(k.start - s.start)} later: {_q(text[s.start:k.start])} is not part of it")
    if s.end < k.end:
        advice.append(f"end {_chars(k.end - s.end)} later, to take in {_q(text[s.end:k.end])}")
    elif s.end > k.end:
        advice.append(f"end {_chars(s.end - k.end)} earlier: {_q(text[k.end:s.end])} is not part of it")
    return " and ".join(advice)


def span_feedback(answer: Any, key: Any, text: str, *, near: int = 3, heavy: float = 0.5,
                  trim_answer: bool = True, label_names: Mapping[str, str] | None = None) -> SpanFeedback:
    """Compare a student's spans with the key, item by item, in words a student can act on.

    Each key item is paired with the same-label student span that overlaps it most:
    identical boundaries are *matched*; both ends within ``near`` characters, or overlap
    of at least ``heavy`` of the union, is a *near_miss*; any other overlap is *partial*;
    no overlap is *missed*, unless a student span with another label covers the same words
    (exactly or as a near miss): then it is one *label_differs* item ("you marked it as X; the
    key says Y"), not a missed item and an extra one. Other student spans that overlap no key
    item of their label are *extra*. Contested key items the student did not mark come back
    as *discussion* points, not errors. With ``trim_answer`` the student's spans lose leading and
    trailing spaces and ``.,:;`` first, as the key's do. Scores use the untrimmed spans."""
    names = dict(label_names or {})

    def name(label: str) -> str:
        return names.get(label) or label.replace("_", " ").replace("-", " ") or "(no label)"

    raw = as_spans(answer)
    items_key = [k for k in as_key_items(key) if k.end > k.start]
    scores = span_scores(raw, items_key)
    ans = merge(s for s in raw if s.end > s.start)
    if trim_answer:
        ans = [t for t in (trim(text, s) for s in ans) if t.end > t.start]
    groups: dict[str, list[Span]] = {}
    for s in sorted(ans):
        groups.setdefault(s.label, []).append(s)
    ends = {lab: [s.end for s in g] for lab, g in groups.items()}
    key_groups: dict[str, list[KeyItem]] = {}
    for k in sorted(items_key, key=lambda k: (k.start, k.end)):
        key_groups.setdefault(k.label, []).append(k)
    key_ends = {lab: [k.end for k in g] for lab, g in key_groups.items()}

    out: list[FeedbackItem] = []
    used: set[Span] = set()
    for k in sorted(items_key, key=lambda k: (k.start, k.end, k.label)):
        ktext, why = text[k.start:k.end], k.rationale
        reason = f" The key's reason: {why}" if why else ""

        def fit(s: Span) -> tuple:
            ov = min(s.end, k.end) - max(s.start, k.start)
            return ((s.start, s.end) == (k.start, k.end), ov / (max(s.end, k.end) - min(s.start, k.start)))

        def close(s: Span, iou: float) -> bool:
            return abs(s.start - k.start) <= near and abs(s.end - k.end) <= near or iou >= heavy

        debate = " Readers disagree about this item; be ready to discuss it." if k.contested else ""
        cands = _overlapping(groups.get(k.label, []), ends.get(k.label, []), k.start, k.end)
        if not cands:
            others = [s for lab, g in groups.items() if lab != k.label
                      for s in _overlapping(g, ends[lab], k.start, k.end)]
            best = max(others, key=fit) if others else None
            if best is not None and close(best, fit(best)[1]):
                used.add(best)
                where = "" if fit(best)[0] else f" The key's words are {_q(ktext)}: {_boundaries(text, best, k)}."
                msg = (f"You marked {_q(text[best.start:best.end])} as {name(best.label)}; the key says "
                       f"{name(k.label)}. Compare the two labels' definitions.{where}{reason}{debate}")
                out.append(FeedbackItem("label_differs", k.label, msg, best, k, why, k.contested))
                continue
            hint = (f" You marked these words as {name(others[0].label)}; compare the two labels' definitions."
                    if others else " Read this passage again and ask what the wording does to the reader.")
            if k.contested:
                msg = (f"The key marks {_q(ktext)} as {name(k.label)}, but readers disagree about this one, "
                       f"so it is a point to discuss, not an error.{reason} Decide where you stand and why.")
                out.append(FeedbackItem("discussion", k.label, msg, None, k, why, True))
            else:
                msg = f"The key marks {_q(ktext)} as {name(k.label)}; you did not mark it.{hint}{reason}"
                out.append(FeedbackItem("missed", k.label, msg, None, k, why, False))
            continue

        s = max(cands, key=fit)
        used.update(cands)
        exact, iou = fit(s)
        if exact:
            msg = f"You marked {_q(ktext)} as {name(k.label)}, as the key does.{reason}{debate}"
            kind = "matched"
        else:
            stext = text[s.start:s.end]
            move = _boundaries(text, s, k)
            if close(s, iou):
                kind = "near_miss"
                msg = (f"You marked {_q(stext)} as {name(k.label)}; the key marks {_q(ktext)}. "
                       f"Almost: {move}.{reason}{debate}")
            else:
                kind = "partial"
                ov = min(s.end, k.end) - max(s.start, k.start)
                msg = (f"You marked {_q(stext)} as {name(k.label)}; the key marks {_q(ktext)}. "
                       f"You share {_chars(ov)} of the key's {len(ktext)}: {move}.{reason}{debate}")
        out.append(FeedbackItem(kind, k.label, msg, s, k, why, k.contested))

    for s in ans:
        if s in used:
            continue
        stext = text[s.start:s.end]
        others = [k for lab, g in key_groups.items() if lab != s.label
                  for k in g[bisect_right(key_ends[lab], s.start):] if k.start < s.end]
        if others:
            hint = (f" The key marks part of this, {_q(text[others[0].start:others[0].end])}, "
                    f"as {name(others[0].label)} instead; compare the two labels' definitions.")
        else:
            hint = (f" Check it against the definition of {name(s.label)}; if you can defend it, "
                    "write your reason in the note.")
        msg = f"You marked {_q(stext)} as {name(s.label)}; the key does not.{hint}"
        out.append(FeedbackItem("extra", s.label, msg, s, None, "", False))

    order = {k: i for i, k in enumerate(FEEDBACK_KINDS)}
    out.sort(key=lambda i: (i.start, order[i.kind], i.label))
    return SpanFeedback(tuple(out), scores)


# ---------------------------------------------------------------- labels and verdicts

@dataclass(frozen=True)
class Agreement:
    """Agreement of a student's item labels (sentences, verdicts) with the key.

    Compared items are those both labelled, minus contested key items unless included;
    ``kappa`` is Cohen's kappa (None when nothing was compared)."""

    n: int
    agree: int
    accuracy: float | None
    kappa: float | None
    expected: float | None                       # chance agreement p_e
    per_label: dict[str, dict[str, int]]         # label -> {"key", "answer", "agree"}
    confusion: dict[tuple[str, str], int]        # (key label, answer label) -> count
    disagreements: tuple[tuple[str, str, str], ...]   # (item, key label, answer label)
    missing: tuple[str, ...] = ()                # key items the student has not labelled
    unknown: tuple[str, ...] = ()                # labelled items the key does not have
    discussion: tuple[tuple[str, str, str], ...] = ()  # contested: (item, key label, answer label)

    def confusion_frame(self):
        """Confusion matrix as a DataFrame: rows are the key's labels, columns the student's."""
        import pandas as pd
        labels = sorted(self.per_label)
        return pd.DataFrame([[self.confusion.get((a, b), 0) for b in labels] for a in labels],
                            index=pd.Index(labels, name="key"), columns=pd.Index(labels, name="answer"))

    def __repr__(self) -> str:
        acc = "None" if self.accuracy is None else f"{self.accuracy:.6f}"
        kap = "None" if self.kappa is None else f"{self.kappa:.6f}"
        return (f"Agreement(n={self.n}, agree={self.agree}, accuracy={acc}, kappa={kap}, "
                f"missing={len(self.missing)}, discussion={len(self.discussion)})")

    def _repr_html_(self) -> str:
        acc = "n/a" if self.accuracy is None else f"{self.accuracy:.0%}"
        kap = "n/a" if self.kappa is None else f"{self.kappa:.2f}"
        rows = "".join(f"<tr><td>{html.escape(i)}</td><td>{html.escape(a)}</td><td>{html.escape(b)}</td></tr>"
                       for i, a, b in self.disagreements)
        table = (f"<table><tr><th>item</th><th>key</th><th>yours</th></tr>{rows}</table>" if rows else "")
        return (f"<div class='medialit-agreement'><p>Agreement with the key: {self.agree} of {self.n} "
                f"({html.escape(acc)}); Cohen's kappa {html.escape(kap)}; {len(self.missing)} not yet "
                f"labelled; {len(self.discussion)} contested items to discuss.</p>{table}</div>")


def cohen_kappa(a: Iterable[str], b: Iterable[str]) -> float | None:
    """Cohen's kappa for two equally long label sequences.

    None when there are no items. When chance agreement is 1 (both used one and the same
    label throughout) agreement is perfect and kappa is 1.0."""
    pairs = list(zip(a, b, strict=True))
    n = len(pairs)
    if not n:
        return None
    po = sum(x == y for x, y in pairs) / n
    ca, cb = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    pe = sum(ca[c] * cb[c] for c in ca) / (n * n)
    if pe >= 1.0:
        return 1.0
    return (po - pe) / (1 - pe)


def _labels(data: Any, items: tuple[str, ...], labels: tuple[str, ...], what: str
            ) -> tuple[dict[str, str], set[str]]:
    """item -> label (and the contested items) from a mapping, DataFrame, dicts or records."""
    if data is None:
        return {}, set()
    if hasattr(data, "columns") and hasattr(data, "to_dict"):
        rows: list = data.to_dict("records")
    elif isinstance(data, Mapping):
        rows = [(k, v) for k, v in data.items()]
    else:
        rows = list(data)
    out: dict[str, str] = {}
    contested: set[str] = set()
    for i, row in enumerate(rows):
        where = f"{what} {i}"
        if isinstance(row, tuple) and len(row) == 2:
            item, val = row
            if hasattr(val, "value") and hasattr(val, "key"):   # a store record
                val = val.value
            if isinstance(val, Mapping):
                lab = next((val[f] for f in labels if f in val), None)
                if _truthy(val.get("contested")):
                    contested.add(str(item))
            else:
                lab = val
        elif isinstance(row, Mapping) or hasattr(row, "value"):
            row = dict(row) if isinstance(row, Mapping) else {"id": row.key, **row.value}
            item = next((row[f] for f in items if f in row and not _missing(row[f])), None)
            lab = next((row[f] for f in labels if f in row), None)
            if item is None:
                raise ValueError(f"{where}: needs one of the columns {', '.join(items)}; got {sorted(row)}")
            if _truthy(row.get("contested")):
                contested.add(_text(item) if not isinstance(item, float) else str(int(item)))
        else:
            raise TypeError(f"{where}: expected a dict, a record or an (item, label) pair, got {type(row).__name__}")
        if isinstance(item, float) and item.is_integer():
            item = int(item)
        if _missing(lab):
            continue                       # not labelled yet
        out[str(item)] = str(lab)
    return out, contested


def agreement(answer: Any, key: Any, *, items: tuple[str, ...] = ("item", "id"),
              labels: tuple[str, ...] = ("label",), include_contested: bool = False,
              what: str = "item") -> Agreement:
    """Agreement, per-label counts, confusion and Cohen's kappa of ``answer`` against ``key``.

    Both may be a mapping item -> label (or -> dict/record with a label field), a DataFrame
    or a list of dicts with an item column and a label column. Item ids compare as text."""
    ans, _ = _labels(answer, items, labels, "answer " + what)
    gold, contested = _labels(key, items, labels, "key " + what)
    shared = [i for i in gold if i in ans]
    discuss = tuple((i, gold[i], ans[i]) for i in shared if i in contested and gold[i] != ans[i])
    compared = [i for i in shared if include_contested or i not in contested]
    pairs = [(gold[i], ans[i]) for i in compared]
    agree = sum(a == b for a, b in pairs)
    per_label: dict[str, dict[str, int]] = {}
    for a, b in pairs:
        per_label.setdefault(a, {"key": 0, "answer": 0, "agree": 0})["key"] += 1
        per_label.setdefault(b, {"key": 0, "answer": 0, "agree": 0})["answer"] += 1
        per_label[a]["agree"] += a == b
    n = len(pairs)
    kappa = cohen_kappa([a for a, _ in pairs], [b for _, b in pairs])
    expected = (sum(per_label[c]["key"] * per_label[c]["answer"] for c in per_label) / (n * n)) if n else None
    return Agreement(
        n=n, agree=agree, accuracy=agree / n if n else None, kappa=kappa, expected=expected,
        per_label=dict(sorted(per_label.items())), confusion=dict(sorted(Counter(pairs).items())),
        disagreements=tuple((i, gold[i], ans[i]) for i in compared if gold[i] != ans[i]),
        missing=tuple(i for i in gold if i not in ans),
        unknown=tuple(sorted(i for i in ans if i not in gold)),
        discussion=discuss)


def sentence_agreement(answer: Any, key: Any, *, include_contested: bool = False) -> Agreement:
    """Sentence labels: items by ``sentence`` (or ``sentence_id``/``id``), labels by ``label``/``category``."""
    return agreement(answer, key, items=("sentence", "sentence_id", "id", "item"),
                     labels=("label", "category"), include_contested=include_contested, what="sentence")


def verdict_agreement(answer: Any, key: Any, *, include_contested: bool = False) -> Agreement:
    """Fact-check verdicts: items by ``claim_id`` (or ``id``, then ``claim``), labels by ``verdict``/``label``.

    ``id`` comes before ``claim`` because the fact-check key's ``claim`` column is the claim's text."""
    return agreement(answer, key, items=("claim_id", "id", "claim", "item"),
                     labels=("verdict", "label"), include_contested=include_contested, what="claim")

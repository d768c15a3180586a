"""Feedback on a student's spans, item by item against the key, in words a student can act on."""
from __future__ import annotations

import html
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Any, Mapping

from ..spans import Span, merge, trim
from .items import KeyItem, as_key_items, as_spans
from .spans import SpanScores, span_scores

FEEDBACK_KINDS = ("matched", "near_miss", "partial", "label_differs", "missed", "extra", "discussion")
QUOTE_LEN = 80


def _short(text: str, n: int = QUOTE_LEN) -> str:
    """At most ``n`` characters; a longer text keeps its start and its end, so two spans with
    other boundaries never shorten to the same quote."""
    text = " ".join(text.split())
    if len(text) <= n:
        return text
    head = (n - 1) // 2
    return text[:head].rstrip() + "\u2026" + text[len(text) - (n - 1 - head):].lstrip()


def _q(text: str) -> str:
    return f"\u201c{_short(text)}\u201d"


def _chars(n: int) -> str:
    return f"{n} character{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class FeedbackItem:
    """One piece of feedback: what the student marked, what the key marks, and what to do.

    ``kind`` is one of matched, near_miss (boundaries off by a few characters or heavy
    overlap), partial (some overlap), label_differs (some of the key's words under another
    label), missed, extra, discussion (a contested key item, unmarked or under another label).
    ``student`` is None for items about key spans the student has not found."""

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


def _boundaries(text: str, s: Span, k: KeyItem, quote_key: bool = True) -> str:
    """Concrete advice for moving the student's span onto the key's. Without ``quote_key`` it
    quotes only the student's own words, never key words outside them."""
    def take(a: int, b: int) -> str:
        return f", to take in {_q(text[a:b])}" if quote_key else ""

    advice = []
    if s.start > k.start:
        advice.append(f"start {_chars(s.start - k.start)} earlier{take(k.start, s.start)}")
    elif s.start < k.start:
        advice.append(f"start {_chars(k.start - s.start)} later: {_q(text[s.start:k.start])} is not part of it")
    if s.end < k.end:
        advice.append(f"end {_chars(k.end - s.end)} later{take(s.end, k.end)}")
    elif s.end > k.end:
        advice.append(f"end {_chars(s.end - k.end)} earlier: {_q(text[k.end:s.end])} is not part of it")
    return " and ".join(advice)


def _how(s: Span, k: KeyItem) -> str:
    """Where the key's span lies against the student's, in words."""
    if k.start <= s.start and s.end <= k.end:
        return "a longer stretch around your words"
    if s.start <= k.start and k.end <= s.end:
        return "only part of your words"
    return "a stretch that overlaps your words"


def span_feedback(answer: Any, key: Any, text: str, *, near: int = 3, heavy: float = 0.5,
                  trim_answer: bool = True, label_names: Mapping[str, str] | None = None,
                  quote_key: bool = True) -> SpanFeedback:
    """Compare a student's spans with the key, item by item, in words a student can act on.

    Each key item is paired with the same-label student span that overlaps it most:
    identical boundaries are *matched*; both ends within ``near`` characters, or overlap
    of at least ``heavy`` of the union, is a *near_miss*; any other overlap is *partial*.
    Without a same-label span, a student span with another label on any of the key's words
    makes one *label_differs* item ("you marked it as X; the key says Y"), or a *discussion*
    point when the key item is contested; with no overlap at all the item is *missed*, or
    *discussion* when contested. Student spans that overlap no key item of their label and
    were not paired are *extra*. Each message quotes the student's words and says how the
    key's span lies against them; with ``quote_key`` false (the key not shown yet) it quotes
    no key words outside the student's span. With ``trim_answer`` the student's spans lose
    leading and trailing spaces and ``.,:;`` first, as the key's do. Scores use the untrimmed
    spans."""
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

        debate = " Readers disagree about this item; be ready to discuss it." if k.contested else ""
        cands = _overlapping(groups.get(k.label, []), ends.get(k.label, []), k.start, k.end)
        if not cands:
            others = [s for lab, g in groups.items() if lab != k.label
                      for s in _overlapping(g, ends[lab], k.start, k.end)]
            if others:
                best = max(others, key=fit)
                used.update(others)
                where = "" if fit(best)[0] else f", for {_how(best, k)}"
                move = ("" if fit(best)[0] else
                        f" The key's words are {_q(ktext)}: {_boundaries(text, best, k)}." if quote_key else
                        f" To mark the key's words: {_boundaries(text, best, k, False)}.")
                msg = f"You marked {_q(text[best.start:best.end])} as {name(best.label)}; the key says {name(k.label)}{where}."
                if k.contested:
                    msg += (" Readers disagree about this one, so it is a point to discuss, not an error: "
                            f"argue your label.{move}{reason}")
                    out.append(FeedbackItem("discussion", k.label, msg, best, k, why, True))
                else:
                    msg += f" Compare the two labels' definitions.{move}{reason}"
                    out.append(FeedbackItem("label_differs", k.label, msg, best, k, why, False))
                continue
            if k.contested:
                msg = (f"The key marks {_q(ktext)} as {name(k.label)}, but readers disagree about this one, "
                       f"so it is a point to discuss, not an error.{reason} Decide where you stand and why.")
                out.append(FeedbackItem("discussion", k.label, msg, None, k, why, True))
            else:
                msg = (f"The key marks {_q(ktext)} as {name(k.label)}; you did not mark it. Read this passage "
                       f"again and ask what the wording does to the reader.{reason}")
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
            move = _boundaries(text, s, k, quote_key)
            marks = f"the key marks {_q(ktext)}" if quote_key else f"the key marks {_how(s, k)}"
            if abs(s.start - k.start) <= near and abs(s.end - k.end) <= near or iou >= heavy:
                kind = "near_miss"
                msg = f"You marked {_q(stext)} as {name(k.label)}; {marks}. Almost: {move}.{reason}{debate}"
            else:
                kind = "partial"
                ov = min(s.end, k.end) - max(s.start, k.start)
                msg = (f"You marked {_q(stext)} as {name(k.label)}; {marks}. "
                       f"You share {_chars(ov)} of the key's {len(ktext)}: {move}.{reason}{debate}")
        out.append(FeedbackItem(kind, k.label, msg, s, k, why, k.contested))

    for s in ans:
        if s in used:
            continue
        # overlapping key items of other labels here were found with their own label
        others = [k for lab, g in key_groups.items() if lab != s.label
                  for k in g[bisect_right(key_ends[lab], s.start):] if k.start < s.end]
        if others:
            k = others[0]
            words = f", {_q(text[k.start:k.end])}," if quote_key else ""
            hint = (f" The key marks {_how(s, k)}{words} as {name(k.label)}, which you marked too; "
                    "compare the two labels' definitions.")
        else:
            hint = (f" Check it against the definition of {name(s.label)}; if you can defend it, "
                    "write your reason in the note.")
        msg = f"You marked {_q(text[s.start:s.end])} as {name(s.label)}; the key does not.{hint}"
        out.append(FeedbackItem("extra", s.label, msg, s, None, "", False))

    order = {k: i for i, k in enumerate(FEEDBACK_KINDS)}
    out.sort(key=lambda i: (i.start, order[i.kind], i.label))
    return SpanFeedback(tuple(out), scores)

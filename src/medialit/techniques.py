"""Scoring and feedback for propaganda-technique spans (lesson 05). Pure: no widgets, no I/O
beyond reading the taxonomy.

Two scores, as in SemEval-2020 Task 11 (``shared/reference/taxonomies.md``):

- **Span identification** (SI): did the student find the passages that use a technique,
  whatever they called it? Labels are ignored: all spans on each side are merged into one
  label and scored with the partial-overlap precision, recall and F1 of
  :func:`medialit.scoring.span_scores` (touching spans stay apart, as in
  :func:`medialit.spans.merge`).
- **Technique classification** (TC): the same partial-overlap scores, per technique, pairs
  counted only within a technique (:func:`medialit.scoring.span_scores` with labels).

:func:`technique_feedback` then goes through the key span by span: found with the same
technique, found under another technique (with the taxonomy's advice on telling the two
apart), missed, or, for contested key items, a point to discuss, never an error; and it
lists the student's spans the key does not mark, with the cues the taxonomy recognises in
them. :func:`recognise` is the "turn the tables" check: what the lexicon and the technique
cues find in a sentence the student wrote.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Iterable

from .scoring import KeyItem, SpanScore, SpanScores, as_key_items, as_spans, span_scores
from .spans import Span, merge, overlap, trim
from .feedback import Pending
from .taxonomy import Taxonomy, cue_hits, load_taxonomy

__all__ = ["not_found", "identification_scores", "classification_scores", "TechniqueItem", "TechniqueFeedback",
           "technique_feedback", "check_spans", "key_spans", "Recognised", "recognise",
           "turn_the_tables", "ITEM_KINDS"]

ITEM_KINDS = ("found", "other_technique", "missed", "discussion", "extra")
_TITLES = {"found": "Found.", "other_technique": "Found, another technique.", "missed": "Missed.",
           "discussion": "Discussion point.", "extra": "Not in the key."}
QUOTE_LEN = 80


def not_found(case: Any) -> list[dict]:
    """The techniques the key's authors looked for and did not find in the case, with the
    reason: the ``[[not_found]]`` tables of ``keys/techniques.toml``, checked (each a
    taxonomy technique, once, with a non-empty ``reason``, and not also used by a key span)."""
    import tomllib
    from .errors import KeyFileError
    from .taxonomy import TECHNIQUES
    path = case.path / "keys" / "techniques.toml"
    try:
        rows = tomllib.loads(path.read_text(encoding="utf-8")).get("not_found", [])
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KeyFileError(f"{path}: cannot read the techniques key ({exc})") from None
    used = set(case.key("techniques").technique)
    out, seen = [], set()
    for n, row in enumerate(rows, 1):
        tech, reason = row.get("technique"), row.get("reason")
        if tech not in TECHNIQUES:
            raise KeyFileError(f"{path}: not_found {n} technique is {tech!r}; expected one of {', '.join(TECHNIQUES)}")
        if not isinstance(reason, str) or not reason.strip():
            raise KeyFileError(f"{path}: not_found {n} ({tech}) needs a non-empty 'reason'")
        if tech in seen or tech in used:
            why = "is listed twice" if tech in seen else "is also used by a key span"
            raise KeyFileError(f"{path}: not_found {n} ({tech}) {why}")
        seen.add(tech)
        out.append({"technique": tech, "reason": reason})
    return out


def _q(text: str) -> str:
    text = " ".join(text.split())
    return "\u201c" + (text if len(text) <= QUOTE_LEN else text[:QUOTE_LEN - 1] + "\u2026") + "\u201d"


def _within(items: list, lo: int | None, hi: int | None) -> list:
    if lo is None or hi is None:
        return items
    return [s for s in items if s.start >= lo and s.end <= hi]


def _key_items(key: Any, offset: int, length: int | None) -> list[KeyItem]:
    """Key items (offsets into the case text) moved into a document at ``offset``."""
    if hasattr(key, "columns") and {"start", "end", "technique"} <= set(key.columns):
        # a key DataFrame straight from case.key("techniques"): read its columns once
        n = len(key)
        col = lambda c, d: key[c].tolist() if c in key.columns else [d] * n  # noqa: E731
        items = [KeyItem(int(s), int(e), str(t), str(r), bool(c)) for s, e, t, r, c in
                 zip(col("start", 0), col("end", 0), col("technique", ""), col("rationale", ""),
                     col("contested", False)) if e > s]
    else:
        items = [k for k in as_key_items(key) if k.end > k.start]
    if offset or length is not None:
        hi = offset + length if length is not None else None
        items = [KeyItem(k.start - offset, k.end - offset, k.label, k.rationale, k.contested, k.item_id)
                 for k in items if k.start >= offset and (hi is None or k.end <= hi)]
    return items


def identification_scores(answer: Any, key: Any) -> SpanScore:
    """Label-agnostic span identification: every span counts as one label, then the
    SemEval-2020 partial-overlap precision, recall and F1."""
    pred = [Span(s.start, s.end) for s in as_spans(answer)]
    gold = [Span(k.start, k.end) for k in as_key_items(key)]
    return span_scores(pred, gold).overall


def classification_scores(answer: Any, key: Any, *, labels: Iterable[str] | None = None) -> SpanScores:
    """Per-technique partial-overlap precision, recall and F1 (pairs only within a technique),
    and overall. ``labels`` lists techniques to report even when neither side used them."""
    return span_scores(as_spans(answer), [k.span for k in as_key_items(key)], labels=labels)


@dataclass(frozen=True)
class TechniqueItem:
    """One piece of feedback on one key span or one student span."""

    kind: str                       # one of ITEM_KINDS
    message: str
    technique: str                  # the key's technique (the student's, for "extra")
    student: Span | None = None
    key: KeyItem | None = None
    contested: bool = False

    @property
    def start(self) -> int:
        return (self.key or self.student).start  # type: ignore[union-attr]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "title": _TITLES[self.kind], "message": self.message,
                "technique": self.technique, "contested": self.contested,
                "student_label": self.student.label if self.student else None,
                "key_start": self.key.start if self.key else None, "key_end": self.key.end if self.key else None,
                "student_start": self.student.start if self.student else None,
                "student_end": self.student.end if self.student else None}


@dataclass(frozen=True)
class TechniqueFeedback:
    """Feedback on technique spans: items in text order and both scores."""

    items: tuple[TechniqueItem, ...]
    identification: SpanScore
    classification: SpanScores
    names: dict[str, str] = field(default_factory=dict)

    def of(self, kind: str) -> list[TechniqueItem]:
        return [i for i in self.items if i.kind == kind]

    def counts(self) -> dict[str, int]:
        return {k: len(self.of(k)) for k in ITEM_KINDS}

    def per_technique(self):
        """A DataFrame: one row per technique (its name), precision, recall, F1 and the span
        counts on each side, plus an overall row."""
        import pandas as pd
        rows = []
        for r in self.classification.rows():
            label = r["label"]
            rows.append({"technique": self.names.get(label, label), "precision": round(r["precision"], 2),
                         "recall": round(r["recall"], 2), "F1": round(r["f1"], 2),
                         "your spans": r["n_pred"], "key spans": r["n_key"]})
        return pd.DataFrame(rows).set_index("technique")

    def summary(self) -> str:
        si, tc = self.identification, self.classification.overall
        c = self.counts()
        return (f"Passages found (any technique): precision {si.precision:.2f}, recall {si.recall:.2f}, "
                f"F1 {si.f1:.2f}. Techniques named: precision {tc.precision:.2f}, recall {tc.recall:.2f}, "
                f"F1 {tc.f1:.2f}. {c['found']} found with the key's technique, {c['other_technique']} found "
                f"under another, {c['missed']} missed, {c['discussion']} to discuss, {c['extra']} not in the key.")

    def text(self) -> str:
        return "\n".join([f"{_TITLES[i.kind]} {i.message}" for i in self.items] + [self.summary()])

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        e = html.escape
        items = "".join(f"<li class='medialit-{e(i.kind)}'><b>{e(_TITLES[i.kind])}</b> {e(i.message)}</li>"
                        for i in self.items)
        return (f"<div class='medialit-feedback' role='status'><ul>{items}</ul>"
                f"<p>{e(self.summary())}</p>{self.per_technique().to_html()}</div>")


def technique_feedback(answer: Any, key: Any, text: str, *, offset: int = 0, length: int | None = None,
                       taxonomy: Taxonomy | None = None, near: int = 3) -> TechniqueFeedback:
    """Compare a student's technique spans with the key, span by span.

    ``answer``: the student's spans (code points into ``text``; Span, dicts or store
    records). ``key``: the technique key (``case.key("techniques")``) with offsets into the
    case text; with ``offset`` (the document's start in the case text) and ``length`` only
    key spans inside ``text`` are used, moved to its offsets. ``text`` is the document the
    student marked. Student spans lose leading and trailing spaces and ``.,:;`` before
    pairing (the scores use them as marked).

    Each key span is paired with the overlapping student spans: *found* when one has the
    key's technique, *other_technique* when they only have others (the message quotes the
    taxonomy's advice for telling the two apart), *missed* when none overlaps, and
    *discussion* instead of other_technique or missed when the key item is contested.
    Student spans that overlap no key span are *extra*; the message names the cues of the
    chosen technique found in them, if any."""
    tax = taxonomy or load_taxonomy()
    names = tax.names

    def name(t: str) -> str:
        return names.get(t, t.replace("_", " ") or "(no label)")

    raw = [s for s in as_spans(answer) if s.end > s.start]
    items = _key_items(key, offset, len(text) if length is None and offset else length)
    ident = identification_scores(raw, items)
    classes = classification_scores(raw, items)
    spans = sorted({t for t in (trim(text, s) for s in raw) if t.end > t.start})

    out: list[TechniqueItem] = []
    used: set[Span] = set()
    for k in sorted(items, key=lambda k: (k.start, k.end, k.label)):
        kq, why = _q(text[k.start:k.end]), f" The key's reason: {k.rationale}" if k.rationale else ""
        hits = [s for s in spans if overlap(s, k) > 0]
        used.update(hits)
        same = [s for s in hits if s.label == k.label]
        if same:
            s = max(same, key=lambda s: overlap(s, k) / (max(s.end, k.end) - min(s.start, k.start)))
            if (s.start, s.end) == (k.start, k.end):
                where = "with the same boundaries"
            elif abs(s.start - k.start) <= near and abs(s.end - k.end) <= near:
                where = "with nearly the same boundaries"
            else:
                where = f"overlapping it by {overlap(s, k)} of its {len(k.span)} characters"
            msg = f"You named {kq} {name(k.label)}, as the key does, {where}.{why}"
            out.append(TechniqueItem("found", msg, k.label, s, k, k.contested))
        elif hits:
            s = hits[0]
            advice = _tell_apart(tax, s.label, k.label)
            if k.contested:
                msg = (f"You marked {kq} as {name(s.label)}; the key says {name(k.label)}, and readers disagree "
                       f"about this one: argue your label.{advice}{why}")
                out.append(TechniqueItem("discussion", msg, k.label, s, k, True))
            else:
                msg = (f"You found {kq} but named it {name(s.label)}; the key says {name(k.label)}.{advice}{why}")
                out.append(TechniqueItem("other_technique", msg, k.label, s, k, False))
        elif k.contested:
            msg = (f"The key marks {kq} as {name(k.label)}, but readers disagree about this one, so it is a "
                   f"point to discuss, not an error.{why}")
            out.append(TechniqueItem("discussion", msg, k.label, None, k, True))
        else:
            msg = (f"The key marks {kq} as {name(k.label)}; you did not mark it. "
                   f"{name(k.label)}: {tax[k.label].definition if k.label in tax else ''}{why}")
            out.append(TechniqueItem("missed", msg, k.label, None, k, False))

    for s in spans:
        if s in used:
            continue
        inside = sorted({c.cue for c in cue_hits(text[s.start:s.end], taxonomy=tax) if c.technique == s.label})
        if inside:
            hint = (f" It contains {', '.join(_q(c) for c in inside[:3])}, a cue the taxonomy lists for "
                    f"{name(s.label)}: if it persuades here, say how in your note.")
        else:
            hint = f" Check it against the definition of {name(s.label)}; if you can defend it, write your reason in the note."
        msg = f"You marked {_q(text[s.start:s.end])} as {name(s.label)}; the key marks no technique there.{hint}"
        out.append(TechniqueItem("extra", msg, s.label, s, None, False))

    order = {k: i for i, k in enumerate(ITEM_KINDS)}
    out.sort(key=lambda i: (i.start, order[i.kind], i.technique))
    return TechniqueFeedback(tuple(out), ident, classes, names)


def _tell_apart(tax: Taxonomy, chosen: str, keyed: str) -> str:
    """The taxonomy's advice for telling two techniques apart, from either side."""
    if keyed not in tax:
        return ""
    k = tax[keyed]
    if chosen in tax and (keyed in tax[chosen].neighbours or chosen in k.neighbours):
        return f" They are neighbours; the taxonomy says: {k.tell_apart}"
    return f" {k.name}: {k.definition}"


def _stretch(case: Any, doc: Any, paragraphs: tuple[int, int] | None) -> tuple[int, int]:
    """Document-relative bounds of paragraphs (first, last), 0-based and inclusive."""
    if paragraphs is None:
        return 0, len(doc.text)
    p = case.paragraphs
    rows = p[(p.paragraph >= paragraphs[0]) & (p.paragraph <= paragraphs[1])]
    if rows.empty:
        raise ValueError(f"no paragraphs {paragraphs[0]}..{paragraphs[1]} in case {case.case_id!r}")
    return max(0, int(rows.start.min()) - doc.start), min(len(doc.text), int(rows.end.max()) - doc.start)


def key_spans(case: Any, doc_id: str, *, paragraphs: tuple[int, int] | None = None) -> list[Span]:
    """The technique key's spans in one document (offsets into it), labelled with the
    technique, optionally only those in ``paragraphs`` (0-based, inclusive). For worked
    solutions; a student edition must not show them before the attempt."""
    doc = case.document(doc_id)
    lo, hi = _stretch(case, doc, paragraphs)
    key = case.key("techniques")
    return [Span(int(r.start) - doc.start, int(r.end) - doc.start, r.technique) for r in key.itertuples()
            if int(r.start) >= doc.start + lo and int(r.end) <= doc.start + hi]


def check_spans(answer: Any, case: Any, doc_id: str, *, paragraphs: tuple[int, int] | None = None,
                what: str = "", taxonomy: Taxonomy | None = None) -> TechniqueFeedback | Pending:
    """Feedback on the spans a student marked in ``case.document(doc_id)``, or, before any
    span is marked, a :class:`medialit.feedback.Pending` saying what to do (nothing of the key).

    ``paragraphs=(first, last)`` (0-based paragraph numbers, inclusive) limits both the key
    and the student's spans to that stretch of the document; ``what`` names the task for the
    prompt (default "technique spans")."""
    doc = case.document(doc_id)
    lo, hi = _stretch(case, doc, paragraphs)
    spans = _within([s for s in as_spans(answer) if s.end > s.start], lo, hi)
    if not spans:
        where = (f" in paragraphs {paragraphs[0] + 1} to {paragraphs[1] + 1}" if paragraphs is not None else "")
        return Pending(f"mark at least one {what or 'technique span'}{where} in the highlighter above, "
                       "then run this cell again.")
    key = case.key("techniques")
    key = key[(key.start >= doc.start + lo) & (key.end <= doc.start + hi)]
    return technique_feedback(spans, key, doc.text, offset=doc.start, taxonomy=taxonomy)


# ---------------------------------------------------------------- turn the tables

@dataclass(frozen=True)
class Recognised:
    """What the machine recognises in a sentence the student wrote: lexicon flags, technique
    cues, and whether the cues of the chosen technique fall inside the marked span."""

    text: str
    chosen: str
    marked: tuple[Span, ...]
    lexicon: tuple[Span, ...]
    cues: tuple[Any, ...]
    names: dict[str, str]

    @property
    def cues_for_chosen(self) -> list:
        return [c for c in self.cues if c.technique == self.chosen]

    @property
    def chosen_in_marked(self) -> list:
        return [c for c in self.cues_for_chosen
                if any(m.start <= c.start and c.end <= m.end for m in self.marked)]

    def lines(self) -> list[str]:
        t = self.text
        name = self.names.get(self.chosen, self.chosen)
        out = []
        if self.lexicon:
            words = ", ".join(f"{_q(t[s.start:s.end])} ({s.label})" for s in self.lexicon)
            out.append(f"The loaded-language lexicon flags {words}.")
        else:
            out.append("The loaded-language lexicon flags nothing in your sentence.")
        others = sorted({self.names.get(c.technique, c.technique) for c in self.cues if c.technique != self.chosen})
        if self.chosen_in_marked:
            out.append(f"Inside the words you marked, the cue list for {name} recognises "
                       f"{', '.join(_q(c.cue) for c in self.chosen_in_marked[:4])}.")
        elif self.cues_for_chosen:
            out.append(f"The cue list for {name} recognises {', '.join(_q(c.cue) for c in self.cues_for_chosen[:4])}, "
                       "but outside the words you marked: is that where the technique sits?")
        elif self.chosen:
            out.append(f"No cue word of {name} appears: the technique may work through meaning, not words, "
                       "which is exactly what a word list cannot see.")
        if others:
            out.append(f"Cues of other techniques appear too: {', '.join(others)}.")
        if not self.marked:
            out.append("Mark the words where your technique sits, then run this again.")
        return out

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(x)}</li>" for x in self.lines())
        return f"<div class='medialit-feedback' role='status'><ul>{items}</ul></div>"


def recognise(text: str, *, chosen: str = "", marked: Iterable[Any] = (),
              taxonomy: Taxonomy | None = None) -> Recognised:
    """What the lexicon (:func:`medialit.lexicon.flag`) and the taxonomy's cues
    (:func:`medialit.taxonomy.cue_hits`) recognise in ``text``, the student's own sentence,
    given the technique they chose and the spans they marked in it. Without ``chosen``, the
    technique is the label the student gave most of the marked spans (if any)."""
    from collections import Counter
    from .lexicon import flag
    tax = taxonomy or load_taxonomy()
    marked = as_spans(list(marked))
    if not chosen:
        labels = Counter(s.label for s in marked if s.label in tax)
        chosen = min(labels, key=lambda t: (-labels[t], tax.ids.index(t))) if labels else ""
    if chosen and chosen not in tax:
        raise ValueError(f"chosen must be one of the taxonomy's techniques ({', '.join(tax.ids)}), got {chosen!r}")
    spans = tuple(merge(Span(s.start, s.end) for s in marked))
    return Recognised(text, chosen, spans, tuple(flag(text)), tuple(cue_hits(text, taxonomy=tax)), tax.names)


def turn_the_tables(text: str, marked: Iterable[Any] = (), *, neutral: str = "",
                    taxonomy: Taxonomy | None = None) -> Recognised | Pending:
    """Feedback on the student's own sentence: what to do first while it is empty or still
    the ``neutral`` sentence it started from, else :func:`recognise` with the technique of the
    spans they marked."""
    from .spans import fold
    if not text.strip() or (neutral and " ".join(fold(text).split()) == " ".join(fold(neutral).split())):
        return Pending("first rewrite the sentence in the box above with one technique, then run the cell "
                       "that shows it in a highlighter, and mark where the technique sits.")
    return recognise(text, marked=marked, taxonomy=taxonomy)

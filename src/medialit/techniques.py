"""Scoring and feedback for propaganda-technique spans (lesson 05). Pure: no widgets, no I/O
beyond reading the taxonomy and the lesson data.

Two scores, as in SemEval-2020 Task 11 (``shared/reference/taxonomies.md``):

- **Span identification** (SI): did the student find the passages that use a technique,
  whatever they called it? Labels are ignored: all spans on each side are merged into one
  label and scored with the partial-overlap precision, recall and F1 of
  :func:`medialit.scoring.span_scores` (touching spans stay apart, as in
  :func:`medialit.spans.merge`).
- **Technique classification** (TC): the same partial-overlap scores, per technique, pairs
  counted only within a technique (:func:`medialit.scoring.span_scores` with labels).

:func:`technique_feedback` goes through the key span by span with the course's one
classification, :func:`medialit.scoring.span_feedback` (the highlighter's too), and adds the
taxonomy's advice: how to tell two techniques apart, a technique's definition, the cues in a
span the key does not mark. Students try before they see: until the student asks for the key,
it shows only what they marked and counts the rest, as the highlighter does
(:mod:`medialit.widgets.span_views`). :func:`recognise` is the "turn the tables" check: what
the lexicon and the technique cues find in a sentence the student wrote.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Iterable

from .scoring import (_TITLES, FEEDBACK_KINDS, FeedbackItem, KeyItem, SpanScore, SpanScores, as_key_items, as_spans,
                      span_feedback, span_scores)
from .scoring.feedback import _q
from .spans import Span, merge
from .feedback import Pending
from .taxonomy import Taxonomy, cue_hits, load_taxonomy
from .widgets.span_views import attempt_rows, attempted, unfound_line

__all__ = ["not_found", "identification_scores", "classification_scores", "TechniqueFeedback",
           "technique_feedback", "check_spans", "key_spans", "Recognised", "recognise", "turn_the_tables"]


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
class TechniqueFeedback:
    """Feedback on technique spans: every item in text order (shared kinds and titles of
    :func:`medialit.scoring.span_feedback`) and both scores.

    Until ``key_shown``, it shows (text, HTML) only the items about spans the student marked,
    a count of the ``total`` key spans still unfound, and per-technique scores only for the
    techniques the student used. ``least`` is the exercise's minimum number of spans and
    ``marked`` how many the student has marked: fewer, and it says how many more to mark."""

    items: tuple[FeedbackItem, ...]
    identification: SpanScore
    classification: SpanScores
    names: dict[str, str] = field(default_factory=dict)
    key_shown: bool = True
    total: int = 0
    least: int = 0
    marked: int = 0

    @property
    def scores(self) -> SpanScores:
        return self.classification

    @property
    def shown(self) -> list[FeedbackItem]:
        """The items shown: all once the key is shown, else those about the student's spans."""
        return list(self.items) if self.key_shown else [i for i in self.items if attempted(i)]

    @property
    def unfound(self) -> int:
        return sum(1 for i in self.items if not attempted(i))

    def of(self, kind: str) -> list[FeedbackItem]:
        return [i for i in self.items if i.kind == kind]

    def counts(self) -> dict[str, int]:
        c = Counter(i.kind for i in self.items)
        return {k: c.get(k, 0) for k in FEEDBACK_KINDS}

    def per_technique(self):
        """A DataFrame: one row per technique (its name), precision, recall, F1 and the span
        counts on each side, plus an overall row; before the key is shown, only the
        techniques the student used."""
        import pandas as pd
        used = {i.student.label for i in self.items if i.student is not None}
        rows = []
        for r in self.classification.rows() if self.key_shown else attempt_rows(self.classification, used):
            label = r["label"]
            rows.append({"technique": self.names.get(label, label), "precision": round(r["precision"], 2),
                         "recall": round(r["recall"], 2), "F1": round(r["f1"], 2),
                         "your spans": r["n_pred"], "key spans": r["n_key"]})
        return pd.DataFrame(rows).set_index("technique")

    def to_do(self) -> str:
        """What to do next: mark more spans, or look again for the unfound ones."""
        out = [] if self.key_shown else [unfound_line(self.unfound, self.total)]
        if self.marked < self.least:
            more = self.least - self.marked
            out.append(f"The exercise asks for at least {self.least} spans and you have marked {self.marked}: "
                       f"mark {more} more, then run this cell again.")
        return " ".join(out)

    def summary(self) -> str:
        si, tc = self.identification, self.classification.overall
        c = Counter(i.kind for i in self.shown)
        found = c["matched"] + c["near_miss"] + c["partial"]
        missed = f"{c['missed']} missed, " if self.key_shown else ""
        return (f"Passages found (any technique): precision {si.precision:.2f}, recall {si.recall:.2f}, "
                f"F1 {si.f1:.2f}. Techniques named: precision {tc.precision:.2f}, recall {tc.recall:.2f}, "
                f"F1 {tc.f1:.2f}. {found} found with the key's technique, {c['label_differs']} found "
                f"under another, {missed}{c['discussion']} to discuss, {c['extra']} not in the key."
                + (" (Passages found can be lower than techniques named: the key's overlapping spans are "
                   "joined into one passage first, so a short span covers less of it.)"
                   if si.recall + 1e-9 < tc.recall else ""))

    def text(self) -> str:
        lines = [f"{_TITLES[i.kind]} {i.message}" for i in self.shown]
        return "\n".join(lines + [x for x in (self.to_do(), self.summary()) if x])

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        e = html.escape
        items = "".join(f"<li class='medialit-{e(i.kind)}'><b>{e(_TITLES[i.kind])}</b> {e(i.message)}</li>"
                        for i in self.shown)
        todo = f"<p>{e(self.to_do())}</p>" if self.to_do() else ""
        return (f"<div class='medialit-feedback' role='status'><ul>{items}</ul>{todo}"
                f"<p>{e(self.summary())}</p>{self.per_technique().to_html()}</div>")


def technique_feedback(answer: Any, key: Any, text: str, *, offset: int = 0, length: int | None = None,
                       taxonomy: Taxonomy | None = None, near: int = 3, key_shown: bool = True,
                       least: int = 0) -> TechniqueFeedback:
    """Compare a student's technique spans with the key, span by span.

    ``answer``: the student's spans (code points into ``text``; Span, dicts or store
    records). ``key``: the technique key (``case.key("techniques")``) with offsets into the
    case text; with ``offset`` (the document's start in the case text) and ``length`` only
    key spans inside ``text`` are used, moved to its offsets. ``text`` is the document the
    student marked.

    The items are :func:`medialit.scoring.span_feedback`'s (matched, near_miss, partial,
    label_differs, missed, extra, discussion), so the feedback cell and the highlighter
    say the same; the messages add the taxonomy's advice for telling two techniques apart
    (another technique), the technique's definition (missed), and the cues of the chosen
    technique found in a span the key does not mark (extra). ``key_shown`` false: no key
    words outside the student's spans are quoted, and only items about them are shown."""
    tax = taxonomy or load_taxonomy()
    names = tax.names
    raw = [s for s in as_spans(answer) if s.end > s.start]
    items = _key_items(key, offset, len(text) if length is None and offset else length)
    fb = span_feedback(raw, items, text, near=near, label_names=names, quote_key=key_shown)
    out = []
    for i in fb.items:
        extra = ""
        if i.kind in ("label_differs", "discussion") and i.student is not None:
            extra = _tell_apart(tax, i.student.label, i.label)
        elif i.kind == "missed" and i.label in tax:
            extra = f" {tax[i.label].name}: {tax[i.label].definition}"
        elif i.kind == "extra":
            inside = sorted({c.cue for c in cue_hits(text[i.student.start:i.student.end], taxonomy=tax)
                             if c.technique == i.label})
            if inside:
                extra = (f" It contains {', '.join(_q(c) for c in inside[:3])}, a cue the taxonomy lists for "
                         f"{names.get(i.label, i.label)}: if it persuades here, say how in your note.")
        out.append(replace(i, message=i.message + extra) if extra else i)
    return TechniqueFeedback(tuple(out), identification_scores(raw, items), fb.scores, names,
                             key_shown, len(items), least, len(raw))


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
                exercise: str | None = None, what: str = "", taxonomy: Taxonomy | None = None,
                key_shown: bool | None = None) -> TechniqueFeedback | Pending:
    """Feedback on the spans a student marked in ``case.document(doc_id)``, or, before any
    span is marked, a :class:`medialit.feedback.Pending` saying what to do (nothing of the key).

    ``answer`` is the highlighter (its spans, and whether the student asked for the key) or
    the spans themselves. Until the key is shown (``key_shown``, default the highlighter's)
    the feedback covers only what the student marked and counts the unfound key spans, as
    the highlighter does. ``exercise`` ("5.2") names the exercise whose minimum number of
    spans the feedback asks for. ``paragraphs=(first, last)`` (0-based paragraph numbers,
    inclusive) limits both the key and the student's spans to that stretch of the document;
    ``what`` names the task for the prompt (default "technique span")."""
    if key_shown is None:
        key_shown = bool(getattr(answer, "key_shown", False))
    if hasattr(answer, "spans") and hasattr(answer, "doc_id"):
        if answer.doc_id != doc_id:
            raise ValueError(f"the highlighter shows {answer.doc_id!r}, not {doc_id!r}")
        answer = answer.spans
    least = least_spans(exercise)
    doc = case.document(doc_id)
    lo, hi = _stretch(case, doc, paragraphs)
    spans = _within([s for s in as_spans(answer) if s.end > s.start], lo, hi)
    if not spans:
        where = (f" in paragraphs {paragraphs[0] + 1} to {paragraphs[1] + 1}" if paragraphs is not None else "")
        many = f"{least} {what or 'technique span'}s" if least > 1 else f"one {what or 'technique span'}"
        return Pending(f"mark at least {many}{where} in the highlighter above, then run this cell again.")
    key = case.key("techniques")
    key = key[(key.start >= doc.start + lo) & (key.end <= doc.start + hi)]
    return technique_feedback(spans, key, doc.text, offset=doc.start, taxonomy=taxonomy, key_shown=key_shown,
                              least=least)


def least_spans(exercise: str | None) -> int:
    """How many spans an exercise's done rule asks for (1 without an exercise)."""
    from .exercises import find_exercise
    return 1 if exercise is None else find_exercise(exercise).rule.min


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

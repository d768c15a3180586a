"""Feedback cells: what a lesson shows after the student has tried, and what to do first before.

Try before you see: every function here checks, from the student's saved work, that the
exercise it gives feedback on has been attempted. Before that it returns :class:`Pending`,
which says what to do and shows nothing of the key. Numbers shown to students are 1-based
(paragraph ``p07`` is paragraph 8).
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import exercises as _ex

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Case
    from .course import Lesson

__all__ = ["Pending", "Feedback", "Table", "Text", "show", "PARTS", "REWRITE_DOC", "check", "facts_by_paragraph",
           "verdict_pattern", "lexicon_comparison", "lexicon_beside_yours", "lexicon_table", "labels_by_paragraph", "fact_shares", "FactCheckAnswer", "factcheck_answer", "attempted"]


@dataclass(frozen=True)
class Pending:
    """A feedback cell run before the attempt: what to do first, and nothing of the key."""

    message: str

    @property
    def text(self) -> str:
        """The message as shown: it starts a sentence, whoever wrote it in lower case."""
        m = self.message.lstrip()
        return m[:1].upper() + m[1:]

    def __repr__(self) -> str:
        return f"Not yet: {self.text}"

    def _repr_html_(self) -> str:
        return f"<div class='medialit-pending' role='status'><b>Not yet.</b> {html.escape(self.text)}</div>"


@dataclass(frozen=True)
class Feedback:
    qid: str
    correct: bool
    message: str

    def __repr__(self) -> str:
        return f"{'Correct' if self.correct else 'Not yet'} ({self.qid}): {self.message}"

    def _repr_html_(self) -> str:
        head = "Correct" if self.correct else "Not yet"
        return (f"<div class='medialit-feedback' role='status'><b>{head}</b> ({html.escape(self.qid)}): "
                f"{html.escape(self.message)}</div>")


class Text:
    """Prose shown in a lesson (a sentence, a headline): wraps between words, unlike printed
    output, and keeps listed words masked. ``label`` is shown in bold before it."""

    def __init__(self, *lines: str | tuple[str, str]) -> None:
        from . import safety  # noqa: PLC0415
        self.lines = [(ln if isinstance(ln, tuple) else ("", ln)) for ln in lines]
        self.lines = [(label, safety.mask(" ".join(str(text).split()))) for label, text in self.lines]

    def __repr__(self) -> str:
        return "\n".join(f"{label}: {text}" if label else text for label, text in self.lines)

    def _repr_html_(self) -> str:
        e = html.escape
        return "".join(f"<p class='medialit-text'>{'<b>' + e(label) + ':</b> ' if label else ''}{e(text)}</p>"
                       for label, text in self.lines)


def show(*lines: str | tuple[str, str]) -> Text:
    """Show prose that wraps at word boundaries: ``show(text)`` or ``show(("Headline", h), ...)``."""
    return Text(*lines)


class Table:
    """A small titled table with notes, as HTML and plain text; every value is escaped."""

    def __init__(self, title: str, columns: list[str], rows: list[list[Any]], notes: list[str] = ()) -> None:
        self.title, self.columns, self.rows, self.notes = title, columns, rows, list(notes)

    def __repr__(self) -> str:
        widths = [max(len(str(c)), *(len(str(r[i])) for r in self.rows)) if self.rows else len(str(c))
                  for i, c in enumerate(self.columns)]
        line = lambda vals: "  ".join(str(v).ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
        out = [self.title, line(self.columns)] + [line(r) for r in self.rows]
        return "\n".join(out + self.notes)

    def _repr_html_(self) -> str:
        e = html.escape
        head = "".join(f"<th scope='col'>{e(str(c))}</th>" for c in self.columns)
        body = "".join("<tr>" + "".join(f"<td>{e(str(v))}</td>" for v in r) + "</tr>" for r in self.rows)
        notes = "".join(f"<p>{e(n)}</p>" for n in self.notes)
        return (f"<div class='medialit-table'><table><caption>{e(self.title)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table>{notes}</div>")


def attempted(lesson: "Lesson", *exercise_ids: str) -> tuple[bool, list[str]]:
    """Whether all these exercises of the lesson are done; and which are not."""
    recs = lesson.store.records()
    missing = []
    for eid in exercise_ids:
        ex = _ex.find_exercise(eid)
        if not _ex.exercise_done(ex, recs):
            missing.append(eid)
    return not missing, missing


# ---------------------------------------------------------------- lesson 02

# The three parts of the article (0-based paragraph indices; names as students see them).
PARTS: dict[str, range] = {
    "The opening and the history (paragraphs 1-6)": range(0, 6),
    "The present conflict with the West (paragraphs 7-12)": range(6, 12),
    "Support and plans (paragraphs 13-17)": range(12, 17),
}


def fact_shares(case: "Case") -> dict[str, float]:
    """Share of sentences the key labels ``fact`` in each part of the article."""
    key = case.key("sentences").merge(case.sentences[["sentence", "paragraph"]], on="sentence")
    out = {}
    for part, paras in PARTS.items():
        rows = key[key.paragraph.isin(list(paras))]
        out[part] = float((rows.label == "fact").mean()) if len(rows) else 0.0
    return out


def facts_by_paragraph(lesson: "Lesson") -> Any:
    """Exercise 2.2: the key's labels counted per paragraph, once every sentence is labelled."""
    done, _ = attempted(lesson, "2.1")
    case = lesson.case
    if not done:
        n = len(lesson.store.latest("sentence_label", case_id=case.case_id))
        return Pending(f"Label every sentence in Exercise 2.1 first ({n} of {len(case.sentences)} so far), "
                       "then run this cell: it shows the key's labels, paragraph by paragraph.")
    return labels_by_paragraph(case)


def labels_by_paragraph(case: "Case") -> Any:
    """The key's sentence labels counted per paragraph (numbered from 1), as a DataFrame."""
    labelled = case.sentences.merge(case.key("sentences")[["sentence", "label"]], on="sentence")
    table = labelled.groupby("paragraph").label.value_counts().unstack(fill_value=0)
    table.index = [int(i) + 1 for i in table.index]
    table.index.name = "paragraph"
    return table


# ---------------------------------------------------------------- lesson 03

def verdict_pattern(lesson: "Lesson") -> Any:
    """Exercise 3.5: the key's verdicts over every checked claim, after the student's own four."""
    ids = ("3.1", "3.2", "3.3", "3.4")
    done, missing = attempted(lesson, *ids)
    if not done:
        return Pending("Give a verdict with a justification in Exercises 3.1 to 3.4 first "
                       f"(still to do: {', '.join(missing)}), then run this cell: it shows the key's verdicts.")
    case = lesson.case
    key = case.key("factchecks")
    counts = key.verdict.value_counts()
    rows = [[v, int(n)] for v, n in counts.items()]
    mine = lesson.store.latest("verdict", case_id=case.case_id)
    notes = []
    by_id = key.set_index("id")
    for eid in ids:
        claim = _ex.lesson_data("03").exercise(eid).rule.key
        if claim in by_id.index and claim in mine:
            notes.append(f"Exercise {eid} ({claim}): you said “{mine[claim].value.get('verdict')}”; "
                         f"the key says “{by_id.loc[claim, 'verdict']}”.")
    framing = int(counts.get("contested framing", 0) + counts.get("misleading by omission", 0))
    notes.append(f"Framing and omission together: {framing} of {len(key)} claims; inaccurate: "
                 f"{int(counts.get('inaccurate', 0))}.")
    return Table(f"The key's verdicts on all {len(key)} checked claims", ["verdict", "claims"], rows, notes)


# ---------------------------------------------------------------- lesson 04

REWRITE_DOC = "p07"
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»|„[^“”]*[“”]")
_ATTRIBUTION = re.compile(r"\b(the article|the author|the text|putin|it says|he says|says|argues|claims|"
                          r"according to|writes|calls)\b", re.I)


def _fold(text: str) -> str:
    from .spans import fold  # noqa: PLC0415
    return " ".join(fold(text).lower().split())


def _check_4_4(case: "Case", answer: str) -> tuple[bool | None, str]:
    """A neutral rewrite of paragraph 8: which loaded phrases of the key are still in it,
    outside quotation marks? Quoting a loaded phrase and attributing it is allowed."""
    from . import lexicon  # noqa: PLC0415
    doc = case.document(REWRITE_DOC)
    if not answer.strip():
        return None, "The box is empty: write your neutral version of paragraph 8 in it, then run this cell."
    if _fold(answer) == _fold(doc.text):
        return None, "This is still the original paragraph: rewrite it in the box above, then run this cell again."
    key = case.key("loaded_language")
    key = key[(key.start >= doc.start) & (key.end <= doc.end)]
    unquoted = _fold(_QUOTED.sub(" ", answer))
    left = sorted({q for q in key.quote if _fold(q) in unquoted})
    quoted = sorted({q for q in key.quote if _fold(q) in _fold(answer) and q not in left})
    before, after = len(lexicon.flag(doc.text)), len(lexicon.flag(_QUOTED.sub(" ", answer)))
    counts = f"The lexicon baseline flags {after} word(s) in your own words, {before} in the original."
    attributed = bool(_ATTRIBUTION.search(answer))
    if left:
        shown = "; ".join(f"“{q}”" for q in left[:6])
        return False, (f"Still loaded, in your own voice: {shown}. Describe what is claimed instead, or quote the "
                       f"phrase in quotation marks and say who uses it. {counts}")
    parts = [f"None of the key's {len(key)} loaded phrases in this paragraph is left in your own words."]
    if quoted:
        parts.append(f"You quote {len(quoted)} of them in quotation marks: fine, as long as you say who uses them.")
    parts.append(counts)
    if not attributed:
        parts.append("Now attribute the claims: say who makes them (“The article says…”), so a reader can tell "
                     "report from endorsement.")
        return False, " ".join(parts)
    parts.append("Check that your version still says what the original claims, attributed to its author.")
    return True, " ".join(parts)


CHECKS = {"4.4": _check_4_4}


def check(qid: str, answer: Any, *, lesson: "Lesson") -> Feedback | Pending:
    """Check a written answer and say why it is right or what to look at (nothing is saved
    here: the answer itself is saved by the box it was written in)."""
    if qid not in CHECKS:
        raise ValueError(f"no check for exercise {qid!r}; checks exist for {', '.join(CHECKS)}")
    ok, message = CHECKS[qid](lesson.case, "" if answer is None else str(answer))
    if ok is None:
        return Pending(message)
    return Feedback(qid, ok, message)


def lexicon_comparison(lesson: "Lesson", marker: Any = None) -> Any:
    """Exercise 4.3: the lexicon beside the student's spans in paragraph 8, once they have
    marked it; beside the key only after they pressed "Show the key" in ``marker`` (the 4.1
    highlighter), so nothing of the key shows before they asked for it."""
    done, _ = attempted(lesson, "4.1")
    if not done:
        return Pending("Mark at least one span in paragraph 8 in Exercise 4.1 first, then run this cell: "
                       "it compares the word list with your spans, and with the key once you have asked for it.")
    if marker is not None and getattr(marker, "key_shown", False):
        return lexicon_table(lesson.case)
    return lexicon_beside_yours(lesson)


def lexicon_beside_yours(lesson: "Lesson") -> Table:
    """The lexicon's flags in paragraph 8 and whether the student's own spans cover each."""
    from . import lexicon  # noqa: PLC0415
    from .spans import overlap  # noqa: PLC0415
    case = lesson.case
    doc = case.document(REWRITE_DOC)
    mine = [r.to_span() for r in lesson.store.spans_for(case.case_id, REWRITE_DOC, doc.text).values()
            if (r.value or {}).get("task", "loaded_language") == "loaded_language"]
    shown = lambda s: doc.text[s.start:s.end].replace("\u00a0", " ")  # noqa: E731
    rows = [[shown(f), "yes" if any(overlap(f, m) for m in mine) else "no"] for f in lexicon.flag(doc.text)]
    n_key = sum(1 for r in case.key("loaded_language").itertuples() if r.start >= doc.start and r.end <= doc.end)
    notes = [f"You marked {len(mine)} span{'s' if len(mine) != 1 else ''}; the key marks {n_key} in this paragraph.",
             "To see which flags the key agrees with and what the lexicon misses, press Show the key in "
             "Exercise 4.1, then run this cell again."]
    return Table("What the lexicon flags in paragraph 8, and whether you marked it", ["flagged by the lexicon",
                 "in your spans?"], rows, notes)


def lexicon_table(case: "Case") -> Table:
    """The lexicon's flags in paragraph 8, whether the key marks each, and what it misses."""
    from . import lexicon, scoring  # noqa: PLC0415
    from .spans import Span, overlap  # noqa: PLC0415
    doc = case.document(REWRITE_DOC)
    key = case.key("loaded_language")
    here = key[(key.start >= doc.start) & (key.end <= doc.end)]
    key_spans = [Span(int(r.start - doc.start), int(r.end - doc.start)) for r in here.itertuples()]
    flags = lexicon.flag(doc.text)
    shown = lambda s: doc.text[s.start:s.end].replace("\u00a0", " ")  # noqa: E731
    rows = [[shown(f), "yes" if any(overlap(f, k) for k in key_spans) else "no (a false alarm)"] for f in flags]
    missed = [shown(k) for k in key_spans if not any(overlap(f, k) for f in flags)]
    notes = ["Marked by the key, missed by the lexicon: " + ("; ".join(f"“{m}”" for m in missed) or "none") + "."]
    machine = [s for s in lexicon.flag(case.text) if case.article.start <= s.start and s.end <= case.article.end]
    overall = scoring.span_scores(machine, key).rows()
    total = next((r for r in overall if r.get("label") in ("(overall)", "all", "overall")), overall[-1] if overall else None)
    if total:
        notes.append(f"Over the whole article the lexicon flags {len(machine)} spans against the key's {len(key)}: "
                     f"precision {total['precision']:.2f} (how many of its flags the key agrees with), "
                     f"recall {total['recall']:.2f} (how much of the key it finds).")
    return Table("What the lexicon flags in paragraph 8, and whether the key marks it",
                 ["flagged by the lexicon", "in the key?"], rows, notes)


# ---------------------------------------------------------------- worked answers (solutions only)

class FactCheckAnswer:
    """The key's answer to one fact-check, for the worked edition: verdict, what is
    established and by whom, what is contested, and the evidence cards it rests on."""

    def __init__(self, case: "Case", claim_id: str) -> None:
        key = case.key("factchecks").set_index("id")
        if claim_id not in key.index:
            raise ValueError(f"no fact-check {claim_id!r}; ids are {', '.join(key.index)}")
        self.row = key.loc[claim_id]
        self.id = claim_id
        cards = case.evidence.set_index("id")
        self.sources = [(c, cards.loc[c, "publisher"], cards.loc[c, "url"]) for c in self.row.sources if c in cards.index]

    def _parts(self) -> list[tuple[str, str]]:
        r = self.row
        parts = [("Verdict", r.verdict + (" (contested: a discussion point)" if r.contested else "")),
                 ("Established", r.established)]
        if r.contested_note:
            parts.append(("Contested", r.contested_note))
        parts.append(("Why it matters", r.rationale))
        parts.append(("Sources", "; ".join(f"{p} <{u}>" for _, p, u in self.sources)))
        return parts

    def __repr__(self) -> str:
        return f"{self.id}: {self.row.claim}\n" + "\n".join(f"- {k}: {v}" for k, v in self._parts())

    def _repr_html_(self) -> str:
        e = html.escape
        items = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in self._parts())
        return f"<div class='medialit-key'><p><b>{e(self.id)}</b> {e(self.row.claim)}</p><dl>{items}</dl></div>"


def factcheck_answer(lesson: "Lesson", claim_id: str) -> FactCheckAnswer:
    return FactCheckAnswer(lesson.case, claim_id)

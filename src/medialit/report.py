"""The student's analysis of one case as a self-contained HTML page (lesson 08's hand-in).

:func:`analysis_report` is pure: a case and the student's store records in, one HTML string
out. The page holds the text with the student's spans marked, a table of the spans with
their labels and notes, the sentence labels, the comment labels and moderation decisions,
the student's reflections, and the lexicon baseline's view of the article beside theirs.

Safety, because everything in it came from a student or from a pasted text:

* every piece of text is escaped (:func:`html.escape`, quotes too) and placed in element
  content, never in an attribute other than fixed class names; the page has no script, no
  event handler, no link and no external resource (one inline stylesheet), so it opens
  offline in any browser and nothing in it can run;
* right-to-left text keeps its direction: blocks carry ``dir="auto"`` and every inline
  string from the text or the student is isolated in ``<bdi>``;
* listed slurs are masked (:func:`medialit.safety.mask`, same length) unless ``reveal=True``.

Students count from 1: paragraph ``p00`` is "paragraph 1", sentence 0 is "sentence 1",
comment ``c01`` is "comment 1". Labels show the names the widgets offer
(:mod:`medialit.labelnames`), never their codes. Table cells wrap at spaces, never inside a word.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from . import lexicon, safety
from .labelnames import comment_label, sentence_label, span_label
from .store.files import atomic_writer
from .spans import Span, overlap, reanchor

__all__ = ["PlacedSpan", "place_spans", "analysis_report", "write_report"]

LABEL_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999", "#F0E442")
TASK_NAMES = {"loaded_language": "Loaded language", "techniques": "Propaganda techniques"}
QUOTE_MAX = 120

_CSS = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
.block { white-space: pre-wrap; overflow-wrap: break-word; margin: 0 0 .8rem; }
.where { color: #555; font-size: .85rem; display: block; }
mark { background: #fff3b0; color: inherit; border-bottom: 2px solid #333; padding: 0 1px; }
mark.overlap { background: #ffd8a8; border-bottom-style: double; border-bottom-width: 4px; }
sup.n { font-size: .7rem; color: #333; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: start; vertical-align: top;
         overflow-wrap: break-word; word-break: normal; hyphens: manual; }
td:first-child { white-space: nowrap; }
.note { color: #444; } .empty { color: #555; font-style: italic; }
@media print { body { margin: 0; } }
""".strip()


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _bdi(text: Any) -> str:
    return f"<bdi>{_e(text)}</bdi>"


def _rec(r: Any) -> dict:
    """A store record (``Record``) or an exported record (dict) as a plain dict."""
    if isinstance(r, dict):
        return r
    return {"kind": r.kind, "case_id": r.case_id, "doc_id": r.doc_id, "key": r.key,
            "value": dict(r.value or {}), "anchor": r.anchor, "op": getattr(r, "op", "put")}


def _live(records: Iterable[Any]) -> list[dict]:
    """The latest put per (kind, case, doc, key), in the order given (deletes remove)."""
    latest: dict[tuple, dict] = {}
    for r in map(_rec, records):
        ident = (r.get("kind"), r.get("case_id"), r.get("doc_id"), r.get("key"))
        if r.get("op", "put") == "delete":
            latest.pop(ident, None)
        else:
            latest.pop(ident, None)
            latest[ident] = r
    return list(latest.values())


@dataclass(frozen=True)
class PlacedSpan:
    """A student span placed on the whole case text (``case.text[start:end]``)."""

    number: int           # 1-based, in text order
    start: int
    end: int
    label: str
    task: str
    note: str
    doc_id: str


def _where(case, doc_id: str) -> str:
    from .corpus import paragraph_name  # noqa: PLC0415
    if paragraph_name(doc_id):
        return paragraph_name(doc_id)
    if doc_id[:1] == "c" and doc_id[1:].isdigit():
        return f"comment {int(doc_id[1:])}"
    return {"article": "the article", "case": "the whole text"}.get(doc_id, doc_id)


def place_spans(case, records: Iterable[Any]) -> tuple[list[PlacedSpan], list[dict]]:
    """The case's span records placed on ``case.text``, and those that could not be placed
    (their quote is no longer in the document)."""
    placed, lost = [], []
    for r in _live(records):
        if r.get("kind") != "span" or r.get("case_id") != case.case_id:
            continue
        try:
            doc = case.document(str(r.get("doc_id")))
        except KeyError:
            lost.append(r)
            continue
        anchor = r.get("anchor") or {}
        pos, quote = anchor.get("position") or {}, anchor.get("quote") or {}
        s, e, exact = pos.get("start"), pos.get("end"), quote.get("exact")
        if not (isinstance(s, int) and isinstance(e, int) and isinstance(exact, str)):
            lost.append(r)
            continue
        if doc.text[s:e] != exact:
            found = reanchor(doc.text, s, e, exact, quote.get("prefix", ""), quote.get("suffix", ""))
            if found is None:
                lost.append(r)
                continue
            s, e = found
        v = r.get("value") or {}
        placed.append((doc.start + s, doc.start + e, str(v.get("label", "")), str(v.get("task", "")),
                       str(v.get("note", "")), str(r.get("doc_id"))))
    placed.sort(key=lambda t: (t[0], -t[1], t[2]))
    return [PlacedSpan(i, *t) for i, t in enumerate(placed, 1)], lost


def _marked(shown: str, start: int, end: int, spans: list[PlacedSpan]) -> str:
    """``shown[start:end]`` escaped, with the spans that touch it as ``<mark>`` runs and each
    span's number after its last character."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(start, min(end, x)) for s in inside for x in (s.start, s.end))})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        cover = [s for s in inside if s.start <= a and b <= s.end]
        piece = _e(shown[a:b])
        if len(cover) > 1:
            piece = f"<mark class=\"overlap\">{piece}</mark>"
        elif cover:
            piece = f"<mark>{piece}</mark>"
        out.append(piece)
        for s in inside:
            if s.end == b:
                out.append(f"<sup class=\"n\">[{s.number}]</sup>")
    return "".join(out)


def _blocks(case) -> list[tuple[str, int, int]]:
    """(where, start, end) of the headline, the byline, each paragraph and each comment."""
    out = [("headline", case.document("headline").start, case.document("headline").end)]
    if case.byline:
        out.append(("byline", case.document("byline").start, case.document("byline").end))
    for r in case.paragraphs.itertuples(index=False):
        out.append((f"paragraph {int(r.paragraph) + 1}", int(r.start), int(r.end)))
    for r in case.comments.itertuples(index=False):
        out.append((f"comment {int(r.comment_id[1:])}" + (f" by {r.author}" if r.author else ""), int(r.start), int(r.end)))
    return out


def _table(head: list[str], rows: list[list[str]]) -> str:
    th = "".join(f"<th>{_e(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td dir=\"auto\">{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_MAX else text[:QUOTE_MAX - 1] + "…"


def _lexicon_section(case, shown: str, spans: list[PlacedSpan], mask) -> str:
    art = case.article
    flags = [Span(art.start + f.start, art.start + f.end, f.label, f.note) for f in lexicon.flag(art.text)]
    mine = [Span(s.start, s.end, s.label) for s in spans
            if s.task in ("", "loaded_language") and art.start <= s.start and s.end <= art.end]
    if not flags:
        return "<p class=\"empty\">The lexicon flags nothing in this article.</p>"
    found = sum(1 for f in flags if any(overlap(f, m) for m in mine))
    beyond = sum(1 for m in mine if not any(overlap(f, m) for f in flags))
    rows = [[_bdi(shown[f.start:f.end]), _e(f.label), _bdi(mask(f.note)),
             "yes" if any(overlap(f, m) for m in mine) else "no"] for f in flags]
    return (f"<p>The lexicon (a plain word list, blind to context) flags {len(flags)} word(s) in the article. "
            f"You marked {found} of them as loaded language; {beyond} of your loaded-language spans are on words "
            "it does not list: there, your reading of the context decides, not a list.</p>"
            + _table(["flagged", "category", "why it is on the list", "you marked it too"], rows))


def analysis_report(case, records: Iterable[Any], *, student: str = "guest", reveal: bool = False,
                    reflection_prefix: str = "8.", masked_words: Iterable[str] | None = None) -> str:
    """The whole report as one HTML page (see the module docstring)."""
    records = list(records)

    def mask(text: str) -> str:
        return safety.mask(str(text), reveal=reveal, words=masked_words)

    shown = mask(case.text)
    live = _live(records)
    spans, lost = place_spans(case, live)
    mine = [r for r in live if r.get("case_id") == case.case_id]
    parts = [f"<h1 dir=\"auto\">Analysis: {_bdi(mask(case.title))}</h1>",
             f"<p>By {_bdi(student)} · case {_bdi(case.case_id)} · {len(spans)} span(s) marked. "
             "This page was written by the course from the student's saved work; it holds no script and no link.</p>"]
    if not reveal and safety.masked_ranges(case.text, words=masked_words):
        parts.append("<p class=\"note\">Listed slurs are masked (shown as a first letter and stars).</p>")

    parts.append("<h2>The text with your spans</h2>")
    for where, s, e in _blocks(case):
        parts.append(f"<div class=\"block\" dir=\"auto\"><span class=\"where\">{_bdi(mask(where).capitalize())}</span>"
                     f"{_marked(shown, s, e, spans)}</div>")

    parts.append("<h2>Your spans</h2>")
    if spans:
        rows = [[str(s.number), _e(_where(case, s.doc_id)), _bdi(_short(shown[s.start:s.end])),
                 _e(TASK_NAMES.get(s.task, s.task.replace("_", " ") or "loaded language")), _bdi(span_label(s.label)),
                 _bdi(mask(s.note))] for s in spans]
        parts.append(_table(["#", "where", "words", "task", "label", "your note"], rows))
    else:
        parts.append("<p class=\"empty\">No spans marked yet.</p>")
    if lost:
        parts.append(f"<p class=\"note\">{len(lost)} saved span(s) could not be placed: their words are no longer "
                     "in the text.</p>")

    parts.append("<h2>Your sentence labels</h2>")
    sents = {int(r.sentence): r for r in case.sentences.itertuples(index=False)}
    labels = sorted((int(r["key"]), r) for r in mine if r.get("kind") == "sentence_label"
                    and str(r.get("key", "")).isdigit() and int(r["key"]) in sents)
    if labels:
        rows = [[str(i + 1), _bdi(_short(shown[int(sents[i].start):int(sents[i].end)])),
                 _bdi(sentence_label((r.get("value") or {}).get("label", "")))] for i, r in labels]
        parts.append(_table(["sentence", "text", "your label"], rows))
    else:
        parts.append("<p class=\"empty\">No sentences labelled yet.</p>")

    if len(case.comments):
        parts.append("<h2>Your comment labels and moderation</h2>")
        lab = {r["key"]: r.get("value") or {} for r in mine if r.get("kind") == "comment_label"}
        mod = {r["key"]: r.get("value") or {} for r in mine if r.get("kind") == "moderation"}
        rows = []
        for c in case.comments.itertuples(index=False):
            cid = c.comment_id
            if cid in lab or cid in mod:
                m = mod.get(cid, {})
                rows.append([_e(f"comment {int(cid[1:])}"), _bdi(_short(shown[int(c.start):int(c.end)])),
                             _bdi(", ".join(comment_label(str(x)) for x in lab.get(cid, {}).get("labels", []))),
                             _bdi(" under ".join(str(x) for x in (m.get("decision"), m.get("rule")) if x))])
        parts.append(_table(["comment", "text", "your labels", "your decision"], rows) if rows
                     else "<p class=\"empty\">No comments labelled or moderated yet.</p>")

    parts.append("<h2>Your reflections</h2>")
    refl = sorted((str(r.get("key")), r) for r in live if r.get("kind") == "reflection"
                  and str(r.get("key", "")).startswith(reflection_prefix))
    texts = [(k, str((r.get("value") or {}).get("text", ""))) for k, r in refl]
    texts = [(k, t) for k, t in texts if t.strip()]
    if texts:
        parts += [f"<h3>{_e(k)}</h3><div class=\"block\" dir=\"auto\">{_e(mask(t))}</div>" for k, t in texts]
    else:
        parts.append("<p class=\"empty\">No reflections written yet.</p>")

    parts.append("<h2>The lexicon's view</h2>")
    parts.append(_lexicon_section(case, shown, spans, mask))

    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{_e(mask(case.title))} · analysis by {_e(student)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n"
            "<body>\n" + "\n".join(parts) + "\n</body>\n</html>\n")


def write_report(case, records: Iterable[Any], path: str | Path, **options: Any) -> Path:
    """Write :func:`analysis_report` to ``path`` (UTF-8, atomically); returns the path."""
    page = analysis_report(case, records, **options)
    path = Path(path)
    with atomic_writer(path, doing="write the report") as fh:
        fh.write(page)
    return path

"""SpanHighlighter: mark stretches of a text with labels, by mouse or keyboard.

Python owns the truth. The text is split into tokens here (code-point offsets, see
:func:`medialit.widgets._base.tokenize`) and the browser only ever marks token index
ranges, so an emoji before a selection can never shift an offset. The front end sends
small messages ("add", "update", "delete"); Python validates them, updates ``marks``, and
saves each change to the student's store as it is made (kind ``"span"``, anchored with
:func:`medialit.spans.anchor`). Running the cell again restores the spans from the store.

    >>> hl = SpanHighlighter(case=case, doc_id="article", key="loaded_language")
    >>> hl                                  # the widget
    >>> hl.spans                            # [Span(start, end, label, note), ...] in code points
    >>> hl.feedback()                       # medialit.scoring feedback against the key

The front end renders all data with ``textContent`` only.
"""
from __future__ import annotations

import logging
import pathlib
from secrets import token_hex
from typing import Any, Iterable, Mapping

import traitlets

from .. import safety
from ..spans import Span, anchor as make_anchor, checksum
from ._base import LINE_STYLES, OKABE_ITO, CourseWidget, esm, check_color, resolve_store, tokenize

__all__ = ["SpanHighlighter", "DEFAULT_LABELS", "normalize_labels"]

log = logging.getLogger(__name__)

_CSS_PATH = pathlib.Path(__file__).parent / "highlighter.css"

DEFAULT_LABELS = (
    {"id": "emotive", "name": "emotive"},
    {"id": "euphemism", "name": "euphemism"},
    {"id": "labelling", "name": "labelling"},
    {"id": "glorifying", "name": "glorifying"},
)
DEFAULT_TASK = "loaded_language"
OWN_CASE = "own-text"


def normalize_labels(labels: Any) -> list[dict]:
    """Labels as ``[{"id", "name", "color", "style", "shortcut"}]``.

    Accepts a list of ids (``["emotive", ...]``), a mapping id -> name, or a list of dicts
    with ``id`` and optional ``name``, ``color`` (``#rrggbb``) and ``style`` (one of
    solid, dashed, dotted, double, wavy). At most 9 labels have number-key shortcuts."""
    if labels is None:
        labels = DEFAULT_LABELS
    if isinstance(labels, Mapping):
        items = [{"id": k, "name": v} for k, v in labels.items()]
    elif isinstance(labels, (str, bytes)):
        raise TypeError(f"labels must be a list of label names or dicts, got the string {labels!r}")
    else:
        items = []
        for x in labels:
            if isinstance(x, str):
                items.append({"id": x, "name": x})
            elif isinstance(x, Mapping) and isinstance(x.get("id"), str):
                items.append(dict(x))
            else:
                raise TypeError(f"each label must be a name or a dict with an 'id', got {x!r}")
    if not items:
        raise ValueError("labels must name at least one label")
    out, seen = [], set()
    for i, item in enumerate(items):
        lid = item["id"].strip()
        if not lid or lid in seen:
            raise ValueError(f"label ids must be non-empty and distinct, got {item['id']!r}")
        seen.add(lid)
        style = item.get("style", LINE_STYLES[i % len(LINE_STYLES)])
        if style not in LINE_STYLES:
            raise ValueError(f"label {lid!r}: style must be one of {', '.join(LINE_STYLES)}, got {style!r}")
        out.append({
            "id": lid,
            "name": str(item.get("name") or lid),
            "color": check_color(item.get("color", OKABE_ITO[i % len(OKABE_ITO)]), name=f"label {lid!r} color"),
            "style": style,
            "shortcut": str(i + 1) if i < 9 else "",
        })
    return out


class SpanHighlighter(CourseWidget):
    """Highlight spans of a document with labels; saved as made, restored on re-run.

    Parameters
    ----------
    text: any text to annotate (lesson 08), or None to use ``case.document(doc_id)``.
    case: a :class:`medialit.corpus.Case` (default: ``medialit.load_case()`` when no text).
    doc_id: which document of the case ("article", "c01", "case", ...).
    labels: the palette (see :func:`normalize_labels`); default the loaded-language categories.
    store: where work is saved; default the current student's store, ``False`` for none.
    key: answer key for compare mode: the name of a case key ("loaded_language"), a
        DataFrame with start/end/category (offsets into the case text, or into ``text``), or
        a list of Span.
    baseline: show the lexicon baseline (:func:`medialit.lexicon.flag`) in compare mode.
    reveal: show masked words unmasked from the start (the student can toggle it).
    task: groups this widget's spans in the store (default: the key's name, else
        "loaded_language"), so two highlighters on one document keep their work apart.
    masked_words: the terms to mask (default the course list); tests pass placeholders.
    title: the heading shown above the text (default from the document id).
    """

    _esm = esm("highlighter.js")
    # The stylesheet goes out as a trait and the front end installs it once per page. (anywidget's
    # own ``_css`` rewrites a <style> element for every new widget, which restyles all of
    # JupyterLab each time a cell with a highlighter runs.)
    stylesheet = traitlets.Unicode(_CSS_PATH.read_text(encoding="utf-8"),
                                   help="highlighter.css, installed once per page.").tag(sync=True)

    shown = traitlets.Unicode("", help="The document as shown: listed words masked unless revealed.").tag(sync=True)
    token_units = traitlets.List(traitlets.Int(), help="Each token's length in UTF-16 units (the browser's count).").tag(sync=True)
    token_kinds = traitlets.Unicode("", help="One letter per token: w word, s space, e emoji, p punctuation.").tag(sync=True)
    labels = traitlets.List(traitlets.Dict(), help="The palette: {id, name, color, style, shortcut}.").tag(sync=True)
    marks = traitlets.List(traitlets.Dict(), help="Student spans: {id, t0, t1, start, end, label, note}.").tag(sync=True)
    key_marks = traitlets.List(traitlets.Dict(), help="Answer-key spans (compare mode).").tag(sync=True)
    base_marks = traitlets.List(traitlets.Dict(), help="Lexicon-baseline spans (compare mode).").tag(sync=True)
    compare = traitlets.Bool(False, help="Compare mode: overlay the key and the baseline and score.").tag(sync=True)
    can_compare = traitlets.Bool(False, help="Whether a key or a baseline is available.").tag(sync=True)
    scores = traitlets.List(traitlets.Dict(), help="Score rows (label, precision, recall, f1, ...).").tag(sync=True)
    feedback_items = traitlets.List(traitlets.Dict(), help="Feedback: {kind, title, message}.").tag(sync=True)
    reveal = traitlets.Bool(False, help="Show masked words unmasked (deliberate opt-in).").tag(sync=True)
    has_masked = traitlets.Bool(False, help="Whether the text contains masked words.").tag(sync=True)
    reveal_label = traitlets.Unicode(safety.REVEAL_LABEL).tag(sync=True)
    doc_title = traitlets.Unicode("", help="Name of the document, shown above it.").tag(sync=True)
    error = traitlets.Unicode("", help="The last problem with a student action, in words.").tag(sync=True)

    def __init__(self, text: str | None = None, *, case: Any = None, doc_id: str | None = None,
                 labels: Any = None, store: Any = None, key: Any = None, baseline: bool = True,
                 reveal: bool = False, task: str | None = None,
                 masked_words: Iterable[str] | None = None, title: str | None = None,
                 **kwargs: Any) -> None:
        if text is not None and not isinstance(text, str):
            raise TypeError(f"text must be a string or None, got {type(text).__name__}")
        if text is None:
            if case is None:
                import medialit  # noqa: PLC0415
                case = medialit.load_case()
            doc = case.document(doc_id or "article")
            self._text, self._offset = doc.text, doc.start
            self.doc_id, self.case_id = doc.doc_id, case.case_id
        else:
            self._text, self._offset = text, 0
            self.case_id = case.case_id if case is not None else OWN_CASE
            self.doc_id = doc_id or ("text-" + checksum(text)[7:17])
        self._case = case
        self._masked_words = tuple(masked_words) if masked_words is not None else None
        self.task = task or (key if isinstance(key, str) else DEFAULT_TASK)
        self._key_spec = key
        self._baseline = bool(baseline)
        self._key_spans: list[Span] | None = None
        self._key_frame = None
        self._tok = tokenize(self._text)
        self._starts = [t["s"] for t in self._tok]
        self._spans: dict[str, Span] = {}
        self._ready = False
        self._store, status = resolve_store(store)
        self._labels = normalize_labels(labels)
        problems = self._restore()
        # the whole state goes out with the widget's first message, not as a stream of updates
        super().__init__(
            save_status=status or problems, labels=self._labels,
            doc_title=title if title is not None else self._default_title(),
            has_masked=bool(safety.masked_ranges(self._text, words=self._masked_words)),
            reveal=bool(reveal), token_kinds="".join(t["k"] for t in self._tok), **self._shown_state(bool(reveal)),
            can_compare=self._baseline or key is not None, marks=self._marks_now(), **kwargs)
        self._ready = True
        self.on_msg(self._on_msg)

    # ---------------------------------------------------------------- public API

    @property
    def text(self) -> str:
        """The document's text, verbatim (offsets of :attr:`spans` point into it)."""
        return self._text

    @property
    def offset(self) -> int:
        """Where the document starts in ``case.text`` (0 for free text)."""
        return self._offset

    @property
    def spans(self) -> list[Span]:
        """The student's spans, code points into :attr:`text`, sorted."""
        return sorted(self._spans.values())

    @property
    def span_ids(self) -> dict[str, Span]:
        """Stable id -> span (the id is the store key)."""
        return dict(self._spans)

    def add(self, start: int, end: int, label: str, note: str = "") -> str:
        """Add a span by code-point offsets into :attr:`text`; returns its id."""
        self._check_label(label)
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self._text)):
            raise ValueError(f"a span needs 0 <= start < end <= {len(self._text)}, got start={start!r}, end={end!r}")
        if not isinstance(note, str):
            raise TypeError(f"note must be a string, got {type(note).__name__}")
        sid = self._new_id()
        span = Span(start, end, label, note)
        self._save(sid, span)
        self._spans[sid] = span
        self._sync_marks()
        return sid

    def extend(self, spans: Iterable[Span]) -> list[str]:
        """Add many spans at once (one update of the front end); returns their ids."""
        ids = []
        for s in spans:
            self._check_label(s.label)
            if not 0 <= s.start < s.end <= len(self._text):
                raise ValueError(f"a span needs 0 <= start < end <= {len(self._text)}, got {s!r}")
            sid = self._new_id()
            self._save(sid, s)
            self._spans[sid] = s
            ids.append(sid)
        self._sync_marks()
        return ids

    def update(self, span_id: str, *, label: str | None = None, note: str | None = None) -> None:
        """Change the label or note of a span."""
        old = self._get(span_id)
        if label is not None:
            self._check_label(label)
        if note is not None and not isinstance(note, str):
            raise TypeError(f"note must be a string, got {type(note).__name__}")
        new = Span(old.start, old.end, old.label if label is None else label, old.note if note is None else note)
        self._save(span_id, new)
        self._spans[span_id] = new
        self._sync_marks()

    def remove(self, span_id: str) -> None:
        """Delete a span (the store keeps its history)."""
        self._get(span_id)
        if self._store is not None:
            self._store.delete("span", case_id=self.case_id, doc_id=self.doc_id, key=span_id)
        del self._spans[span_id]
        self._sync_marks()

    def key_spans(self) -> list[Span]:
        """The answer key's spans on this document (code points into :attr:`text`)."""
        if self._key_spans is None:
            self._key_spans, self._key_frame = self._load_key()
        return list(self._key_spans)

    def baseline_spans(self) -> list[Span]:
        """The lexicon baseline's spans on this document."""
        from ..lexicon import flag  # noqa: PLC0415
        return flag(self._text)

    def score(self):
        """:func:`medialit.scoring.span_scores` of the student's spans against the key."""
        from ..scoring import span_scores  # noqa: PLC0415
        return span_scores(self.spans, self.key_spans())

    def feedback(self):
        """:func:`medialit.scoring.span_feedback` against the key (displays itself); before the
        student has marked anything, only what to do (try before you see)."""
        if not self._spans:
            from ..feedback import Pending  # noqa: PLC0415
            return Pending("Mark some spans in the widget above, then run this cell.")
        return self._feedback()

    def _feedback(self):
        from ..scoring import span_feedback  # noqa: PLC0415
        self.key_spans()
        key = self._key_frame if self._key_frame is not None else self._key_spans
        fb = span_feedback(self.spans, key, self._text,
                           label_names={lab["id"]: lab["name"] for lab in self._labels})
        if self.reveal:
            return fb
        # the feedback quotes the text: listed words stay masked unless revealed
        from dataclasses import replace  # noqa: PLC0415
        items = tuple(replace(i, message=safety.mask(i.message, words=self._masked_words)) for i in fb.items)
        return type(fb)(items, fb.scores)

    def _default_title(self) -> str:
        if self.case_id == OWN_CASE:
            return "Your text"
        if self.doc_id[:1] in ("c", "p") and self.doc_id[1:].isdigit():
            kind = "Comment" if self.doc_id[0] == "c" else "Paragraph"
            return f"{kind} {self.doc_id[1:].lstrip('0') or '0'}"
        if self.doc_id == "case":
            return "The whole text"
        return self.doc_id.capitalize()

    def _repr_fields(self) -> dict[str, Any]:
        return {"doc": self.doc_id, "spans": len(self._spans)}

    # ---------------------------------------------------------------- internals

    def _check_label(self, label: object) -> None:
        ids = [lab["id"] for lab in self._labels]
        if label not in ids:
            raise ValueError(f"label must be one of {', '.join(ids)}, got {label!r}")

    def _get(self, span_id: str) -> Span:
        try:
            return self._spans[span_id]
        except KeyError:
            raise KeyError(f"no span with id {span_id!r}; ids are: {', '.join(self._spans) or '(none)'}") from None

    def _new_id(self) -> str:
        while True:
            sid = f"span-{token_hex(4)}"
            if sid not in self._spans:
                return sid

    def _save(self, sid: str, span: Span) -> None:
        if self._store is None:
            return
        self._store.put("span", case_id=self.case_id, doc_id=self.doc_id, key=sid,
                        value={"label": span.label, "note": span.note, "task": self.task},
                        anchor=make_anchor(self._text, span.start, span.end))

    def _restore(self) -> str:
        """Load this document's spans of this task from the store; returns problems in words."""
        if self._store is None:
            return ""
        recs = self._store.spans_for(self.case_id, self.doc_id, self._text)
        for sid, rec in recs.items():
            if rec.value.get("task", DEFAULT_TASK) != self.task:
                continue
            self._spans[sid] = rec.to_span()
        problems = getattr(self._store, "problems", None)
        return " ".join(str(p) for p in problems[-3:]) if problems else ""

    @property
    def tokens(self) -> list[dict]:
        """The tokens as shown: ``{s, e, k, t}`` with code-point offsets. (The browser gets the
        same in a compact form: ``shown``, ``token_units`` and ``token_kinds``.)"""
        return [{"s": t["s"], "e": t["e"], "k": t["k"], "t": self.shown[t["s"]:t["e"]]} for t in self._tok]

    def _shown_state(self, reveal: bool) -> dict:
        shown = safety.mask(self._text, reveal=reveal, words=self._masked_words)
        units = [len(shown[t["s"]:t["e"]].encode("utf-16-le")) // 2 for t in self._tok]
        return {"shown": shown, "token_units": units}

    @traitlets.observe("reveal")
    def _on_reveal(self, change) -> None:
        if getattr(self, "_ready", False):
            with self.hold_sync():
                state = self._shown_state(bool(change["new"]))
                self.token_units = state["token_units"]
                self.shown = state["shown"]
            if self.compare:
                self._update_compare()

    def _token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [t0, t1) covering code points [start, end)."""
        import bisect  # noqa: PLC0415
        t0 = max(0, bisect.bisect_right(self._starts, start) - 1)
        t1 = max(t0 + 1, bisect.bisect_left(self._starts, end))
        return t0, t1

    def _as_marks(self, spans: Iterable[Span], ids: Iterable[str] | None = None) -> list[dict]:
        out = []
        for i, s in zip(ids if ids is not None else range(10**9), spans):
            t0, t1 = self._token_range(s.start, s.end)
            m = {"t0": t0, "t1": t1, "start": s.start, "end": s.end, "label": s.label, "note": s.note}
            if ids is not None:
                m["id"] = i
            out.append(m)
        return out

    def _marks_now(self) -> list[dict]:
        items = sorted(self._spans.items(), key=lambda kv: (kv[1].start, kv[1].end, kv[0]))
        return self._as_marks([s for _, s in items], [k for k, _ in items])

    def _sync_marks(self) -> None:
        self.marks = self._marks_now()
        if self.compare:
            self._update_compare()

    @traitlets.observe("compare")
    def _on_compare(self, change) -> None:
        if change["new"]:
            self._update_compare()

    def _update_compare(self) -> None:
        try:
            if self._key_spec is not None:
                self.key_marks = self._as_marks(self.key_spans())
                fb = self._feedback()
                self.scores = fb.scores.rows()
                from ..scoring import _TITLES  # noqa: PLC0415
                # feedback() masks listed words in its quotes unless reveal is on
                self.feedback_items = [{"kind": i.kind, "title": _TITLES.get(i.kind, ""), "message": i.message}
                                       for i in fb.items]
            if self._baseline:
                self.base_marks = self._as_marks(self.baseline_spans())
        except Exception as e:  # noqa: BLE001 (shown to the student instead of lost in a callback)
            log.exception("compare mode failed")
            self.error = f"Compare mode could not be prepared: {e}"

    def _load_key(self):
        spec = self._key_spec
        if spec is None:
            return [], None
        import pandas as pd  # noqa: PLC0415
        if isinstance(spec, str):
            if self._case is None:
                raise ValueError(f"key={spec!r} names a case key, but no case was given")
            spec = self._case.key(spec)
        if isinstance(spec, pd.DataFrame):
            df = spec.copy()
            if "label" not in df.columns:
                for alt in ("category", "technique"):
                    if alt in df.columns:
                        df["label"] = df[alt]
                        break
            # case-key offsets point into case.text; keep this document's rows, make them relative
            lo, hi = self._offset, self._offset + len(self._text)
            if self._case is not None and lo + len(self._text) <= len(getattr(self._case, "text", "")):
                df = df[(df["start"] >= lo) & (df["end"] <= hi)].copy()
                df["start"] -= lo
                df["end"] -= lo
            df = df.reset_index(drop=True)
            spans = [Span(int(r.start), int(r.end), str(r.label)) for r in df.itertuples(index=False)]
            return spans, df
        spans = [s if isinstance(s, Span) else Span(*s) for s in spec]
        return spans, None

    def _on_msg(self, _widget, content: Any, _buffers) -> None:
        try:
            self._handle(content)
            self.error = ""
        except Exception as e:  # noqa: BLE001 (errors in comm callbacks are otherwise swallowed)
            log.exception("SpanHighlighter message failed")
            self.error = f"That did not work: {e}"
            self._sync_marks()

    def _handle(self, content: Any) -> None:
        if not isinstance(content, dict):
            raise ValueError(f"unexpected message {content!r}")
        op = content.get("op")
        if op == "add":
            t0, t1 = int(content["t0"]), int(content["t1"])
            if not 0 <= t0 < t1 <= len(self._tok):
                raise ValueError(f"token range {t0}..{t1} is outside the text")
            self.add(self._tok[t0]["s"], self._tok[t1 - 1]["e"], str(content["label"]), str(content.get("note", "")))
        elif op == "update":
            self.update(str(content["id"]), label=content.get("label"), note=content.get("note"))
        elif op == "delete":
            self.remove(str(content["id"]))
        else:
            raise ValueError(f"unknown operation {op!r}")

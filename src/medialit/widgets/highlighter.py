"""SpanHighlighter: mark stretches of a text with labels, by mouse or keyboard.

Python owns the truth. The text is split into tokens here (code-point offsets, see
:func:`medialit.widgets._base.tokenize`) and the browser only ever marks token index
ranges, so an emoji before a selection can never shift an offset. The front end sends
small messages ("add", "update", "delete", "show_key"); Python validates them, updates
``marks``, and saves each change to the student's store as it is made (kind ``"span"``,
anchored with :func:`medialit.spans.anchor`). Running the cell again restores the spans.
The same words with the same label again add nothing.

Students try before they see: until the student has marked a span, nothing of the key
reaches the page or a feedback cell. Then :meth:`SpanHighlighter.feedback` covers what they
marked and says how many key spans are unfound; the whole key comes only on request
(:meth:`SpanHighlighter.show_key`, or "Show the key" in the widget).

    >>> hl = SpanHighlighter(case=case, doc_id="article", key="loaded_language")
    >>> hl                                  # the widget
    >>> hl.spans                            # [Span(start, end, label, note), ...] in code points
    >>> hl.feedback()                       # feedback on the student's spans
    >>> hl.show_key()                       # the whole key, after trying

The front end draws the spans with the CSS Custom Highlight API and renders all data with
``textContent`` only.
"""
from __future__ import annotations

import bisect
import logging
import re
from functools import lru_cache
from secrets import token_hex
from typing import Any, Iterable

import traitlets

from .. import safety
from ..errors import MedialitError
from ..spans import Span, anchor as make_anchor, text_doc_id
from . import frontend
from ._base import CourseWidget, resolve_store, token_tuples
from .highlighter_key import KeyCompare
from .labels import DEFAULT_LABELS, normalize_labels

__all__ = ["SpanHighlighter", "DEFAULT_LABELS", "normalize_labels"]

log = logging.getLogger(__name__)

DEFAULT_TASK = "loaded_language"
OWN_CASE = "own-text"


class SpanHighlighter(KeyCompare, CourseWidget):
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

    # one module (anywidget cannot import a sibling file): dom.js, the text layer, the panels, the
    # label toolbar, the bench timing, the widget
    front_end = "highlighter"
    own_stylesheet = True
    # With anywidget the stylesheet goes out as a trait and the front end installs it once per
    # page (anywidget's own ``_css`` rewrites a <style> element for every new widget, which
    # restyles all of JupyterLab each time a cell with a highlighter runs). The course's
    # JupyterLab extension has it already: then the trait is empty.
    stylesheet = traitlets.Unicode("", help="highlighter.css, installed once per page (anywidget only).").tag(sync=True)

    shown = traitlets.Unicode("", help="The document as shown: listed words masked unless revealed.").tag(sync=True)
    # plain Lists: Python builds these itself, and checking each of thousands of items would
    # cost more than building them
    token_units = traitlets.List(help="Each token's length in UTF-16 units (the browser's count).").tag(sync=True)
    token_kinds = traitlets.Unicode("", help="One letter per token: w word, s space, e emoji, p punctuation.").tag(sync=True)
    labels = traitlets.List(traitlets.Dict(), help="The palette: {id, name, color, style, shortcut}.").tag(sync=True)
    marks = traitlets.List(help="Student spans: {id, t0, t1, label, note} (token indices).").tag(sync=True)
    key_marks = traitlets.List(traitlets.Dict(), help="Key spans drawn in compare mode {t0, t1, label}: only "
                               "those the student's spans touch, until the key is shown.").tag(sync=True)
    base_marks = traitlets.List(traitlets.Dict(), help="Lexicon-baseline spans (compare mode).").tag(sync=True)
    compare = traitlets.Bool(False, help="Compare mode: overlay the key and the baseline and score.").tag(sync=True)
    can_compare = traitlets.Bool(False, help="Whether a key or a baseline is available.").tag(sync=True)
    has_key = traitlets.Bool(False, help="Whether there is an answer key to show.").tag(sync=True)
    key_shown = traitlets.Bool(False, help="The student asked for the whole key (after marking a span).").tag(sync=True)
    key_items = traitlets.List(traitlets.Dict(), help="The whole key {quote, label, rationale, contested}, "
                               "sent only once the key is shown.").tag(sync=True)
    scores = traitlets.List(traitlets.Dict(), help="Score rows (label, precision, recall, f1, ...): only the "
                            "overall row until the key is shown.").tag(sync=True)
    feedback_items = traitlets.List(traitlets.Dict(), help="Feedback: {kind, title, message}.").tag(sync=True)
    summary = traitlets.Unicode("", help="How many key spans are unfound (compare mode).").tag(sync=True)
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
            self.doc_id = doc_id or text_doc_id(text)
        self._case = case
        self._masked_words = tuple(masked_words) if masked_words is not None else None
        self.task = task or (key if isinstance(key, str) else DEFAULT_TASK)
        self._key_spec = key
        self._baseline = bool(baseline)
        self._key_spans: list[Span] | None = None
        self._key_frame = None
        self._tok, self._starts, kinds, self._lengths = _token_arrays(self._text)
        self._spans: dict[str, Span] = {}
        self._ready = False
        self._store, status = resolve_store(store)
        self._labels = normalize_labels(labels)
        problems = self._restore()
        # the whole state goes out with the widget's first message, not as a stream of updates
        if not frontend.use_labextension():
            kwargs.setdefault("stylesheet", frontend.css("highlighter"))
        super().__init__(
            save_status=status or problems, labels=self._labels,
            doc_title=title if title is not None else self._default_title(),
            has_masked=bool(safety.masked_ranges(self._text, words=self._masked_words)),
            reveal=bool(reveal), token_kinds=kinds, **self._shown_state(bool(reveal)),
            can_compare=self._baseline or key is not None, has_key=key is not None, marks=self._marks_now(),
            **kwargs)
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
        same = self._same_as(start, end, label)
        if same is not None:
            return same
        sid = self._new_id()
        span = Span(start, end, label, note)
        self._save(sid, span)
        self._spans[sid] = span
        self._sync_marks()
        return sid

    def extend(self, spans: Iterable[Span]) -> list[str]:
        """Add many spans at once (one update of the front end); returns their ids (the
        existing id for a span already marked with the same label)."""
        ids = []
        for s in spans:
            self._check_label(s.label)
            if not 0 <= s.start < s.end <= len(self._text):
                raise ValueError(f"a span needs 0 <= start < end <= {len(self._text)}, got {s!r}")
            same = self._same_as(s.start, s.end, s.label)
            if same is not None:
                ids.append(same)
                continue
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
        same = self._same_as(new.start, new.end, new.label, besides=span_id)
        if same is not None:
            # relabelled onto a span that is already there: keep that one, not two alike
            self.remove(span_id)
            if note is not None and note != self._spans[same].note:
                self.update(same, note=note)
            return
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


    def _default_title(self) -> str:
        """Students see 1-based numbers: paragraph ``p07`` is "Paragraph 8", ``p06-p12`` is
        "Paragraphs 7 to 13" (comment ids already count from c01, so ``c01`` is "Comment 1")."""
        from ..corpus import paragraph_name  # noqa: PLC0415
        if self.case_id == OWN_CASE:
            return "Your text"
        if paragraph_name(self.doc_id):
            return paragraph_name(self.doc_id).capitalize()
        if self.doc_id[:1] == "c" and self.doc_id[1:].isdigit():
            return f"Comment {int(self.doc_id[1:])}"
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

    def _same_as(self, start: int, end: int, label: str, besides: str | None = None) -> str | None:
        """The id of a span on the same words with the same label, if there is one."""
        for sid, s in self._spans.items():
            if sid != besides and (s.start, s.end, s.label) == (start, end, label):
                return sid
        return None

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
        try:
            recs = self._store.spans_for(self.case_id, self.doc_id, self._text)
        except MedialitError as e:   # unreadable work: the widget still opens and says so
            return f"Not restored: {e}"
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
        return [{"s": s, "e": e, "k": k, "t": self.shown[s:e]} for s, e, k in self._tok]

    def _shown_state(self, reveal: bool) -> dict:
        shown = safety.mask(self._text, reveal=reveal, words=self._masked_words)
        units = list(self._lengths)
        for m in _ASTRAL.finditer(shown):          # two UTF-16 units each
            units[bisect.bisect_right(self._starts, m.start()) - 1] += 1
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
        t0 = max(0, bisect.bisect_right(self._starts, start) - 1)
        t1 = max(t0 + 1, bisect.bisect_left(self._starts, end))
        return t0, t1

    def _as_marks(self, spans: Iterable[Span], ids: Iterable[str] | None = None) -> list[dict]:
        """What the browser draws: token ranges, labels, and (for the student's spans) id and note."""
        out = []
        for i, s in zip(ids if ids is not None else range(10**9), spans):
            t0, t1 = self._token_range(s.start, s.end)
            m = {"t0": t0, "t1": t1, "label": s.label}
            if ids is not None:
                m["id"] = i
                m["note"] = s.note
            out.append(m)
        return out

    def _marks_now(self) -> list[dict]:
        items = sorted(self._spans.items(), key=lambda kv: (kv[1].start, kv[1].end, kv[0]))
        return self._as_marks([s for _, s in items], [k for k, _ in items])

    def _sync_marks(self) -> None:
        self.marks = self._marks_now()
        if self.compare or self.key_shown:
            self._update_compare()

    @traitlets.observe("compare")
    def _on_compare(self, change) -> None:
        if change["new"]:
            self._update_compare()

    @traitlets.observe("key_shown")
    def _on_key_shown(self, change) -> None:
        if change["new"] and not self._spans:
            self.key_shown = False          # try before you see
            return
        if change["new"] and not self.compare:
            self.compare = True             # which updates the compare state
        else:
            self._update_compare()


    def _on_msg(self, _widget, content: Any, _buffers) -> None:
        try:
            self._handle(content)
            self.error = ""
        except Exception as e:  # noqa: BLE001 (errors in comm callbacks are otherwise swallowed)
            log.exception("SpanHighlighter message failed")
            self.error = f"That did not work: {e}"
            self._sync_marks()
        finally:
            # the front end drew an added span at once; this tells it Python's marks are current
            if isinstance(content, dict) and "req" in content:
                self.send({"op": "done", "req": content["req"]})

    def _handle(self, content: Any) -> None:
        if not isinstance(content, dict):
            raise ValueError(f"unexpected message {content!r}")
        op = content.get("op")
        if op == "add":
            t0, t1 = int(content["t0"]), int(content["t1"])
            if not 0 <= t0 < t1 <= len(self._tok):
                raise ValueError(f"token range {t0}..{t1} is outside the text")
            self.add(self._tok[t0][0], self._tok[t1 - 1][1], str(content["label"]), str(content.get("note", "")))
        elif op == "update":
            self.update(str(content["id"]), label=content.get("label"), note=content.get("note"))
        elif op == "delete":
            self.remove(str(content["id"]))
        elif op == "show_key":
            if not self._spans:
                raise ValueError("mark at least one span first; then you can see the whole key")
            self.key_shown = True
        else:
            raise ValueError(f"unknown operation {op!r}")


# ---------------------------------------------------------------- tokens, once per text

@lru_cache(maxsize=16)
def _token_arrays(text: str) -> tuple[tuple[tuple[int, int, str], ...], list[int], str, list[int]]:
    """The tokens of ``text`` as (start, end, kind) tuples, their starts (for bisect), one kind
    letter per token and each token's length in code points; cached, so re-running a cell does
    not tokenize again. Callers must not change the lists."""
    tok = token_tuples(text)
    return tok, [t[0] for t in tok], "".join(t[2] for t in tok), [e - s for s, e, _ in tok]


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

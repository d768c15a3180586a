"""The answer-key side of the SpanHighlighter: loading the key, feedback, compare mode.

Students try before they see: until the student has marked a span nothing of the key is
sent to the browser or shown by :meth:`KeyCompare.feedback`; then feedback covers what they
marked and counts what is unfound; the whole key waits for :meth:`KeyCompare.show_key`.
A mixin of :class:`medialit.widgets.highlighter.SpanHighlighter` (it uses the widget's
traits, ``_text``, ``_spans`` and ``_token_range``).
"""
from __future__ import annotations

import logging

from .. import safety
from ..spans import Span
from ..feedback import Pending
from .span_views import NOTHING_MARKED, AttemptFeedback, KeyList, attempt_rows, unfound_line

__all__ = ["KeyCompare"]

log = logging.getLogger("medialit.widgets.highlighter")


class KeyCompare:
    """Key, baseline, feedback and compare-mode state for the highlighter."""

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
        """Feedback on the student's spans (displays itself).

        Before any span is marked: a :class:`medialit.feedback.Pending` saying what to do, nothing of
        the key. Then, until the key is shown: an :class:`~.span_views.AttemptFeedback` on what
        the student marked, with a count of the unfound key spans. Once the key is shown
        (:meth:`show_key`): the full :func:`medialit.scoring.span_feedback`, missed spans included."""
        if not self._spans:
            return Pending(NOTHING_MARKED)
        fb = self._full_feedback()
        return fb if self.key_shown else AttemptFeedback.of(fb, len(self.key_spans()))

    def show_key(self):
        """The whole key with its reasons, once the student has marked at least one span; also
        shows it in the widget. Before that, a notice saying what to do first."""
        if not self._spans:
            return Pending("Mark at least one span in the widget above first; then you can see the whole key.")
        if self._key_spec is None:
            return Pending("This text has no answer key; only the lexicon baseline can be compared.")
        self.key_shown = True
        return KeyList(tuple((i["quote"], i["label"], i["rationale"], i["contested"]) for i in self._key_rows()))

    def _full_feedback(self):
        """:func:`medialit.scoring.span_feedback` (quoting key words the student did not mark only
        once the key is shown), with listed words masked unless revealed."""
        from ..scoring import span_feedback  # noqa: PLC0415
        self.key_spans()
        key = self._key_frame if self._key_frame is not None else self._key_spans
        fb = span_feedback(self.spans, key, self._text, label_names=self._label_names(), quote_key=self.key_shown)
        if self.reveal:
            return fb
        # the feedback quotes the text: listed words stay masked unless revealed
        from dataclasses import replace  # noqa: PLC0415
        items = tuple(replace(i, message=safety.mask(i.message, words=self._masked_words)) for i in fb.items)
        return type(fb)(items, fb.scores)

    def _label_names(self) -> dict[str, str]:
        return {lab["id"]: lab["name"] for lab in self._labels}

    def _key_rows(self) -> list[dict]:
        """The key's spans in text order as {t0, t1, quote, label (its name), rationale, contested},
        quotes masked unless revealed."""
        from ..scoring import as_key_items  # noqa: PLC0415
        self.key_spans()
        key = self._key_frame if self._key_frame is not None else self._key_spans
        names = self._label_names()
        rows = []
        for k in sorted(as_key_items(key), key=lambda k: (k.start, k.end, k.label)):
            if k.end <= k.start:
                continue
            quote = " ".join(self.shown[k.start:k.end].split())
            t0, t1 = self._token_range(k.start, k.end)
            rows.append({"t0": t0, "t1": t1, "quote": quote, "label": names.get(k.label, k.label),
                         "rationale": k.rationale, "contested": k.contested})
        return rows

    def _update_compare(self) -> None:
        """The compare-mode state the browser draws. Until the key is shown it holds only what
        the student's spans touch: no missed key span is sent, drawn or quoted."""
        try:
            if self._key_spec is not None:
                self._update_key_state()
            if self._baseline and self.compare and not self.base_marks:
                self.base_marks = self._as_marks(self.baseline_spans())
        except Exception as e:  # noqa: BLE001 (shown to the student instead of lost in a callback)
            log.exception("compare mode failed")
            self.error = f"Compare mode could not be prepared: {e}"

    def _update_key_state(self) -> None:
        from ..scoring import _TITLES  # noqa: PLC0415
        with self.hold_sync():
            if not self._spans:
                self.key_marks, self.feedback_items, self.scores, self.key_items = [], [], [], []
                self.summary = "Mark some spans in the text: each one is checked against the key here."
                return
            fb = self._full_feedback()          # masks listed words in its quotes unless revealed
            if self.key_shown:
                items, key_spans = fb.items, self.key_spans()
                self.scores = fb.scores.rows()
                self.summary = ""
                self.key_items = [{k: r[k] for k in ("t0", "t1", "quote", "label", "rationale", "contested")}
                                  for r in self._key_rows()]
            else:
                attempt = AttemptFeedback.of(fb, len(self.key_spans()))
                items = attempt.items
                key_spans = [i.key.span for i in items if i.key is not None]
                # the overall score, and per label only for labels the student used (feedback on the attempt)
                self.scores = attempt_rows(fb.scores, {s.label for s in self._spans.values()})
                self.summary = unfound_line(attempt.unfound, attempt.total)
                self.key_items = []
            self.key_marks = self._as_marks(sorted(set(key_spans)))
            self.feedback_items = [{"kind": i.kind, "title": _TITLES.get(i.kind, ""), "message": i.message}
                                   for i in items]

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

"""Pure scoring of student work against answer keys. No widgets, no I/O.

Spans are scored as in SemEval-2020 Task 11, with partial credit for partial overlap (the
formula is in :mod:`.spans`); labels, verdicts and framings by agreement and Cohen's kappa.

Inputs are forgiving: a pandas DataFrame with ``start``, ``end`` and ``label`` (or
``category``) columns, a list of :class:`~medialit.spans.Span`, dicts, ``(start, end,
label)`` tuples, or store records (``Store.latest("span")``).

Modules: :mod:`.items` (key items and span inputs), :mod:`.spans` (span P/R/F1),
:mod:`.feedback` (feedback on a student's spans), :mod:`.agreements` (labels, verdicts, kappa).
"""
from __future__ import annotations

from ..spans import Span  # medialit.instructor.scorers uses scoring.Span
from .agreements import Agreement, agreement, cohen_kappa, sentence_agreement, verdict_agreement
from .feedback import _TITLES, FEEDBACK_KINDS, QUOTE_LEN, FeedbackItem, SpanFeedback, span_feedback
from .items import LABEL_FIELDS, KeyItem, as_key_items, as_spans
from .spans import SpanScore, SpanScores, _by_label, _sweep, exact_scores, span_scores

__all__ = [
    "KeyItem", "as_spans", "as_key_items",
    "SpanScore", "SpanScores", "span_scores", "exact_scores",
    "FeedbackItem", "SpanFeedback", "span_feedback", "FEEDBACK_KINDS",
    "Agreement", "cohen_kappa", "agreement", "sentence_agreement", "verdict_agreement",
]

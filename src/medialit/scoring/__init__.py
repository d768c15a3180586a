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

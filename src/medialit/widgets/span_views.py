"""What a feedback cell under a SpanHighlighter displays: plain display objects, no widgets.

Students try before they see. :class:`medialit.feedback.Pending` says what to do when there
is nothing to check yet; :class:`AttemptFeedback` covers only what the student marked (matched, nearly,
partly, label differs, discussion, not in the key) and says how many key spans are still unfound
without quoting them; :class:`KeyList` is the whole key with its reasons, shown only when the student
asks for it after trying. Every value is escaped before it reaches HTML.
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from ..scoring import _TITLES, SpanFeedback, SpanScores

__all__ = ["AttemptFeedback", "KeyList", "NOTHING_MARKED", "unfound_line", "attempted", "attempt_rows"]

NOTHING_MARKED = "Mark some spans in the widget above, then run this cell."


def attempted(item) -> bool:
    """Whether a feedback item is about a span the student marked. The others (missed key
    spans, unmarked contested ones) quote the key, so they wait until it is shown."""
    return item.student is not None


def attempt_rows(scores: SpanScores, used) -> list[dict]:
    """Score rows shown before the key: the overall row and the labels the student used."""
    return [r for r in scores.rows() if r["label"] == "(overall)" or r["label"] in used]


def unfound_line(unfound: int, total: int) -> str:
    if total == 0:
        return "The key has no spans in this text."
    if unfound == 0:
        return f"You have found all {total} of the key's spans (some perhaps with other boundaries or labels)."
    return (f"You have not found {unfound} of the key's {total} spans yet. Look again, or ask for the "
            "whole key with \u201cShow the key\u201d in the widget.")


@dataclass(frozen=True)
class AttemptFeedback:
    """Feedback on the student's own spans, before the key is shown.

    ``items`` are the :func:`attempted` items of a :class:`~medialit.scoring.SpanFeedback` (or
    any feedback with ``items`` and ``scores``); ``unfound`` counts key spans no student span
    touches (counted, never quoted)."""

    items: tuple
    scores: SpanScores
    unfound: int
    total: int

    @classmethod
    def of(cls, fb: SpanFeedback, total: int) -> "AttemptFeedback":
        items = tuple(i for i in fb.items if attempted(i))
        return cls(items, fb.scores, len(fb.items) - len(items), total)

    def lines(self) -> list[str]:
        s = self.scores.overall
        out = [f"{_TITLES[i.kind]} {i.message}" for i in self.items]
        out.append(unfound_line(self.unfound, self.total))
        out.append(f"Score: precision {s.precision:.2f}, recall {s.recall:.2f}, F1 {s.f1:.2f}.")
        return out

    def text(self) -> str:
        return "\n".join(self.lines())

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{i._repr_html_()}</li>" for i in self.items)
        *_, unfound, score = self.lines()
        return (f"<div class='medialit-feedback'><ul>{items}</ul><p>{html.escape(unfound)}</p>"
                f"<p>{html.escape(score)}</p></div>")


@dataclass(frozen=True)
class KeyList:
    """The whole key for one text: each span's words, label and the key's reason, in text order."""

    rows: tuple   # (quote, label name, rationale, contested)

    def text(self) -> str:
        if not self.rows:
            return "The key has no spans in this text."
        lines = [f"The key: {len(self.rows)} span{'s' if len(self.rows) != 1 else ''}."]
        for i, (quote, label, why, contested) in enumerate(self.rows, 1):
            lines.append(f"{i}. \u201c{quote}\u201d ({label}){' [contested]' if contested else ''}: {why}".rstrip(": "))
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        if not self.rows:
            return f"<p>{html.escape(self.text())}</p>"
        body = "".join(
            f"<tr><td>{i}</td><td>\u201c{html.escape(q)}\u201d</td><td>{html.escape(lab)}"
            f"{' (contested)' if contested else ''}</td><td>{html.escape(why)}</td></tr>"
            for i, (q, lab, why, contested) in enumerate(self.rows, 1))
        return ("<table class='medialit-key'><caption>The key</caption><tr><th>#</th><th>words</th>"
                f"<th>label</th><th>the key's reason</th></tr>{body}</table>")

"""The offline evidence library: a plain, ranked keyword search over evidence cards.

Pure functions on plain data (dicts, as in ``case.evidence.to_dict("records")``); the
FactCheckDesk widget is a view over :func:`search_evidence`."""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable, Mapping

from .spans import fold

__all__ = ["CARD_FIELDS", "search_evidence"]

CARD_FIELDS = ("id", "publisher", "kind", "title", "date", "url", "summary", "quote", "status", "topics")
# weight of a query word found in each field
_WEIGHTS = {"title": 3.0, "topics": 3.0, "publisher": 2.0, "summary": 2.0, "quote": 1.5, "kind": 1.0,
            "date": 1.0, "id": 1.0}
_STOP = frozenset("""a an and are as at be by did do does for from had has have in is it its of on or
that the their this to was were what when which who why with not""".split())
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", fold(text)).lower()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _WORD.findall(text)


def search_evidence(cards: Iterable[Mapping[str, Any]], query: str, *, limit: int | None = None) -> list[dict]:
    """Rank evidence cards for a keyword ``query``; returns copies of the cards with a ``score``.

    Each query word (lower-cased, accents and typographic quotes folded, common words
    dropped) scores the field weight when it is a whole word of that field and half of it
    when it only starts a word (``sanction`` finds ``sanctions``). A card must match at
    least one query word. Ties keep library order. An empty query returns every card, in
    library order, with score 0."""
    cards = [dict(c) for c in cards]
    terms = [w for w in _words(query or "") if w not in _STOP] or ([] if not (query or "").strip() else _words(query))
    if not terms:
        out = [dict(c, score=0.0) for c in cards]
        return out[:limit] if limit is not None else out
    scored = []
    for order, card in enumerate(cards):
        score = 0.0
        for fieldname, weight in _WEIGHTS.items():
            value = card.get(fieldname)
            if value is None:
                continue
            text = " ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
            words = _words(text)
            wordset = set(words)
            for t in terms:
                if t in wordset:
                    score += weight
                elif len(t) >= 3 and any(w.startswith(t) for w in words):
                    score += weight / 2
        if score > 0:
            scored.append((-score, order, dict(card, score=round(score, 3))))
    scored.sort(key=lambda x: (x[0], x[1]))
    out = [c for _, _, c in scored]
    return out[:limit] if limit is not None else out

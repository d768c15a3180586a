"""Spans of text: offsets, the browser's UTF-16 offsets, W3C selectors, overlap and merge.

Offsets everywhere in the course are Python code-point offsets, start inclusive and end
exclusive. The browser counts UTF-16 code units, so a flag emoji is 2 code points in
Python and 4 units in JavaScript; convert at the boundary with :class:`OffsetMap`.

An annotation is stored with both W3C Web Annotation selectors
(https://www.w3.org/TR/annotation-model/#selectors): a ``TextPositionSelector``
(start/end code points) and a ``TextQuoteSelector`` (exact text plus a little prefix and
suffix), so it can be found again if the text shifts (:func:`reanchor`).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

__all__ = [
    "Span", "OffsetMap", "cp_to_utf16", "utf16_to_cp", "fold", "checksum", "text_doc_id",
    "quote_selector", "position_selector", "anchor", "resolve_quote", "reanchor",
    "overlap", "merge", "trim",
]

CONTEXT = 32  # characters of prefix and suffix kept in a TextQuoteSelector

# Same-length folding: each character maps to exactly one character, so offsets hold.
_FOLD = str.maketrans({
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
})


@dataclass(frozen=True, order=True)
class Span:
    """A labelled stretch of text: ``text[start:end]`` in code points."""

    start: int
    end: int
    label: str = ""
    note: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError(f"Span offsets must be int, got start={self.start!r}, end={self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"Span needs 0 <= start <= end, got start={self.start}, end={self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def quote(self, text: str) -> str:
        return text[self.start:self.end]

    def with_label(self, label: str) -> "Span":
        return replace(self, label=label)


def fold(text: str) -> str:
    """Map no-break spaces to spaces and typographic hyphens and quotes to ASCII, same length."""
    return text.translate(_FOLD)


def checksum(text: str) -> str:
    """SHA-256 of the UTF-8 text, as 'sha256:<hex>'."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def text_doc_id(text: str) -> str:
    """The document id of a free text (a highlighter on text of its own): from its checksum."""
    return "text-" + checksum(text)[7:17]


class OffsetMap:
    """Converts between code-point offsets and UTF-16 offsets for one text, in O(log n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        # code-point positions of characters outside the BMP (2 UTF-16 units each)
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # their UTF-16 positions
        self._astral16 = [i + k for k, i in enumerate(self._astral)]
        self.utf16_length = len(text) + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        if not 0 <= cp <= len(self.text):
            raise ValueError(f"code-point offset {cp} is outside 0..{len(self.text)}")
        return cp + bisect.bisect_left(self._astral, cp)

    def to_cp(self, u16: int, *, strict: bool = True) -> int:
        """UTF-16 offset to code points. Inside a surrogate pair: error if strict, else round down."""
        if not 0 <= u16 <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u16} is outside 0..{self.utf16_length}")
        k = bisect.bisect_left(self._astral16, u16)
        if k and self._astral16[k - 1] + 1 == u16:
            if strict:
                raise ValueError(f"UTF-16 offset {u16} falls inside a surrogate pair")
            return self._astral[k - 1]
        return u16 - k


def cp_to_utf16(text: str, cp: int) -> int:
    return OffsetMap(text).to_utf16(cp)


def utf16_to_cp(text: str, u16: int, *, strict: bool = True) -> int:
    return OffsetMap(text).to_cp(u16, strict=strict)


def position_selector(start: int, end: int) -> dict:
    return {"type": "TextPositionSelector", "start": start, "end": end}


def quote_selector(text: str, start: int, end: int, *, context: int = CONTEXT) -> dict:
    if not 0 <= start <= end <= len(text):
        raise ValueError(f"span {start}..{end} is outside the text (length {len(text)})")
    return {
        "type": "TextQuoteSelector",
        "exact": text[start:end],
        "prefix": text[max(0, start - context):start],
        "suffix": text[end:end + context],
    }


def anchor(text: str, start: int, end: int, *, context: int = CONTEXT) -> dict:
    """Both selectors plus the checksum of the text they point into."""
    return {
        "checksum": checksum(text),
        "position": position_selector(start, end),
        "quote": quote_selector(text, start, end, context=context),
    }


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b)):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _occurrences(haystack: str, needle: str) -> Iterator[int]:
    i = haystack.find(needle)
    while i != -1:
        yield i
        i = haystack.find(needle, i + 1)


def resolve_quote(text: str, exact: str, prefix: str = "", suffix: str = "",
                  *, hint: int | None = None) -> tuple[int, int] | None:
    """Find ``exact`` in ``text``; among several matches prefer the best prefix/suffix
    context, then the one nearest ``hint``. Falls back to matching with spaces, hyphens
    and quotes folded (see :func:`fold`). Returns (start, end) or None."""
    if not exact:
        return None
    for hay, needle, pre, suf in ((text, exact, prefix, suffix),
                                  (fold(text), fold(exact), fold(prefix), fold(suffix))):
        best, best_key = None, None
        for i in _occurrences(hay, needle):
            j = i + len(needle)
            ctx = _common_suffix(hay[max(0, i - len(pre)):i], pre) + _common_prefix(hay[j:j + len(suf)], suf)
            dist = abs(i - hint) if hint is not None else 0
            key = (-ctx, dist, i)
            if best_key is None or key < best_key:
                best, best_key = (i, j), key
        if best is not None:
            return best
    return None


def reanchor(text: str, start: int, end: int, exact: str, prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
    """Offsets for a stored annotation: the stored ones if they still hold the quote,
    otherwise the quote found again (nearest the old position), or None if it is gone."""
    if 0 <= start <= end <= len(text) and text[start:end] == exact:
        return start, end
    return resolve_quote(text, exact, prefix, suffix, hint=start)


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share (labels ignored)."""
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _with_notes(span: Span, notes: list[str]) -> Span:
    note = "; ".join(notes)
    return span if note == span.note else replace(span, note=note)


def merge(spans: Iterable[Span]) -> list[Span]:
    """Merge spans of the same label that share at least one character.

    Spans that only touch (one ends where the next starts) stay apart, as in the
    SemEval-2020 Task 11 scorer. Empty spans are dropped (they hold no character).
    Notes of merged spans are joined. Result is sorted."""
    by_label: dict[str, list[Span]] = {}
    for s in spans:
        if s.end > s.start:
            by_label.setdefault(s.label, []).append(s)
    out: list[Span] = []
    for label, group in by_label.items():
        group.sort(key=lambda s: (s.start, s.end))
        cur = group[0]
        notes = [cur.note] if cur.note else []
        for s in group[1:]:
            if s.start < cur.end:
                cur = Span(cur.start, max(cur.end, s.end), label)
                if s.note and s.note not in notes:
                    notes.append(s.note)
            else:
                out.append(_with_notes(cur, notes))
                cur, notes = s, ([s.note] if s.note else [])
        out.append(_with_notes(cur, notes))
    return sorted(out)


_TRIM = " \t\n\r\u00a0.,:;"


def trim(text: str, span: Span) -> Span:
    """Drop leading and trailing spaces and .,:; from a span (as the PTC v2 gold spans do)."""
    s, e = span.start, span.end
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM:
        e -= 1
    return replace(span, start=s, end=e)

"""Paragraphs and sentences with code-point offsets.

Rules (each has a test):

* Splitting looks at :func:`medialit.spans.fold` of the text, so a no-break space counts as
  a space and U+2011 as a hyphen; offsets always point into the original text.
* A sentence ends at ``.``, ``!``, ``?`` or ``…`` (and runs of them, as in ``??``), plus any
  closing quotes or brackets right after, when whitespace follows and the next word starts
  with a capital letter, a digit or an opening quote or bracket. A paragraph end always
  ends a sentence.
* No split after a known abbreviation (``Mr.``, ``Dr.``, ``St.``, ``e.g.``, ``U.S.``…), after
  a single capital letter (an initial, ``V. Putin``), or inside a number (``1.5``).
* Dashes, colons and semicolons never end a sentence. "US" needs no rule: it has no dot.
* Sentences are trimmed of surrounding whitespace; the end is exclusive.
"""
from __future__ import annotations

import re
from typing import Iterator

from .spans import fold

__all__ = ["ABBREVIATIONS", "paragraph_spans", "split_sentences"]

ABBREVIATIONS = frozenset("""
mr mrs ms dr prof st jr sr gen col lt sgt rev hon vs etc e.g i.e cf no nos vol pp fig
jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.u a.m p.m approx dept est inc ltd co corp
""".split())

_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s)""")
_NEXT = re.compile(r"""\s+(?=["'“‘(\[]?[A-Z0-9])""")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of non-blank lines in text[start:end], trimmed."""
    end = len(text) if end is None else end
    for m in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text[start:end]):
        s, e = m.span()
        chunk = m.group()
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk) - len(chunk.rstrip())
        yield start + s + lead, start + e - trail


def _is_abbreviation(folded: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial, not a sentence."""
    m = _WORD_BEFORE.search(folded, 0, dot)
    if not m:
        return False
    word = m.group(1).rstrip(".")
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "V. Putin"
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of each sentence of the paragraph text[start:end]."""
    end = len(text) if end is None else end
    folded = fold(text)
    out: list[tuple[int, int]] = []
    cur = start
    for m in _END.finditer(folded, start, end):
        nxt = _NEXT.match(folded, m.end(), end)
        if not nxt:
            continue
        if folded[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(folded, m.start()):
            continue
        out.append((cur, m.end()))
        cur = nxt.end()
    if cur < end:
        out.append((cur, end))
    # trim whitespace (no-break spaces included) at both ends
    trimmed = []
    for s, e in out:
        while s < e and folded[s].isspace():
            s += 1
        while e > s and folded[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed

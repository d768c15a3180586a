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

# A run of terminators is tried once, from its first character (possessive, and never from
# inside the run): a long run of dots cannot make the scan quadratic.
_END = re.compile(r"""(?<![.!?…])[.!?…]++["'”’)\]]*+(?=\s)""")
_NEXT = re.compile(r"""\s+(?=["'“‘(\[]?[A-Z0-9])""")


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of non-blank lines in text[start:end], trimmed.

    One pass over the lines: linear in the length of the text."""
    end = len(text) if end is None else end
    pos, first, last = start, -1, -1
    while True:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        if text[pos:line_end].strip():
            if first < 0:
                first = pos
            last = line_end
        elif first >= 0:
            yield _trim(text, first, last)
            first = -1
        if nl < 0:
            break
        pos = nl + 1
    if first >= 0:
        yield _trim(text, first, last)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    chunk = text[s:e]
    return s + len(chunk) - len(chunk.lstrip()), e - len(chunk) + len(chunk.rstrip())


def _is_abbreviation(folded: str, dot: int) -> bool:
    """True when the '.' at ``dot`` closes an abbreviation or an initial, not a sentence.

    Looks back only over the word before the dot (letters, digits, '_' and dots), so the
    cost per full stop is the length of that word, not of the text before it."""
    i = dot
    while i > 0 and (folded[i - 1].isalnum() or folded[i - 1] in "._"):
        i -= 1
    if i == dot:
        return False
    word = folded[i:dot].rstrip(".")
    if len(word) == 1 and word.isalpha() and word.isupper():
        return True  # an initial: "V. Putin"
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) code-point offsets of each sentence of the paragraph text[start:end].

    Only the paragraph is folded and scanned, so splitting every paragraph of a long text is
    linear in its length."""
    end = len(text) if end is None else end
    folded = fold(text[start:end])
    n = len(folded)
    out: list[tuple[int, int]] = []
    cur = 0
    for m in _END.finditer(folded):
        nxt = _NEXT.match(folded, m.end())
        if not nxt:
            continue
        if folded[m.start()] == "." and m.end() - m.start() == 1 and _is_abbreviation(folded, m.start()):
            continue
        out.append((cur, m.end()))
        cur = nxt.end()
    if cur < n:
        out.append((cur, n))
    # trim whitespace (no-break spaces included) at both ends
    trimmed = []
    for s, e in out:
        while s < e and folded[s].isspace():
            s += 1
        while e > s and folded[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((start + s, start + e))
    return trimmed

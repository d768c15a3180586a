"""The transparent loaded-language baseline: a word list and one regular expression.

A lexicon entry is a word or phrase with a category (emotive, euphemism, labelling,
glorifying) and a note saying why it is on the list. :func:`flag` finds every entry in a
text, case-insensitively and on whole words only, after :func:`medialit.spans.fold` (so a
no-break space matches a space and U+2011 matches "-"). Offsets are code points into the
original text, because folding keeps the length. Where entries overlap, the longest match
wins ("neo-colonial dictatorship" beats "dictatorship").

The baseline is meant to be inspected: students see what it catches, what it misses and
what it flags wrongly, and why.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .keys import default_lexicon_path, load_lexicon
from .spans import Span, fold

__all__ = ["flag", "compile_lexicon"]


def _pattern_for(term: str) -> str:
    # words separated by any run of spaces; a hyphen in a term also matches a space
    words = fold(term).lower().split()
    parts = [re.escape(w).replace(r"\-", r"[-\s]") for w in words]
    return r"\s+".join(parts)


def compile_lexicon(lexicon: pd.DataFrame) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    """One regex for the whole lexicon, longest terms first, plus a lookup from the
    normalised matched text to (category, note)."""
    terms: list[tuple[str, str, str]] = []
    for row in lexicon.itertuples(index=False):
        terms.append((str(row.term), str(row.category), str(row.note)))
    # longest first, so alternation prefers the longer of two entries starting at one place
    terms.sort(key=lambda t: (-len(t[0]), t[0].lower()))
    alternatives = [_pattern_for(t) for t, _, _ in terms]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)
    lookup = {_norm(t): (c, n) for t, c, n in terms}
    return pattern, lookup


def _norm(s: str) -> str:
    return " ".join(fold(s).lower().replace("-", " ").split())


@lru_cache(maxsize=8)
def _compiled_default(path: str, mtime: float) -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    return compile_lexicon(load_lexicon(Path(path)))


def _compiled(lexicon: pd.DataFrame | str | Path | None):
    if lexicon is None or isinstance(lexicon, (str, Path)):
        path = Path(lexicon) if lexicon is not None else default_lexicon_path()
        return _compiled_default(str(path), path.stat().st_mtime)
    return compile_lexicon(lexicon)


def flag(text: str, *, lexicon: pd.DataFrame | str | Path | None = None) -> list[Span]:
    """Spans of ``text`` that match a lexicon entry: label = category, note = the entry's note.

    ``lexicon`` is a DataFrame with columns term, category, note (as from
    :func:`medialit.keys.load_lexicon`), a path to a lexicon file, or None for the course's
    default lexicon. Matching is whole-word and case-insensitive on ``fold(text)``; offsets
    are code points into ``text``. Non-overlapping; the longest match wins."""
    pattern, lookup = _compiled(lexicon)
    folded = fold(text)
    spans: list[Span] = []
    pos = 0
    while True:
        m = pattern.search(folded, pos)
        if m is None:
            break
        # among matches that start here or overlap this one, the regex already prefers the
        # longest alternative at this position; also check whether a longer match begins
        # inside this one (e.g. "regime" vs "neo-Nazi regime" starting a word later)
        best = m
        probe = m.start() + 1
        while probe < best.end():
            m2 = pattern.search(folded, probe)
            if m2 is None or m2.start() >= best.end():
                break
            if (m2.end() - m2.start()) > (best.end() - best.start()):
                best = m2
            probe = m2.start() + 1
        category, note = lookup.get(_norm(best.group(0)), ("", ""))
        spans.append(Span(best.start(), best.end(), category, note))
        pos = best.end()
    return spans

"""Masking listed slurs on display.

The data keeps every text verbatim, because offsets depend on it. What is *shown* masks
each listed term letter for letter (``j**``), so a masked text has the same length and
every offset still points at the same place. Revealing is a deliberate, labelled opt-in:
pass ``reveal=True`` (widgets offer a checkbox labelled :data:`REVEAL_LABEL`).

Matching sees through the usual ways of writing a term so that a filter misses it (each
has a test, with neutral placeholder terms):

* Unicode compatibility forms (fullwidth ``ｚｏｒｋ``, ligatures, superscripts) and case
  (NFKD, then case folding);
* zero-width characters, soft hyphens, other format characters and combining marks
  inserted between letters (they are skipped);
* look-alike letters from other scripts (Cyrillic ``о``, Greek ``ο`` for Latin ``o``, ...);
* common letter substitutions (leetspeak: ``0`` for ``o``, ``3`` for ``e``, ``@`` for ``a``, ...);
* letters spaced out with one repeated separator (``z o r k``, ``z.o.r.k``, ``z-o-r-k``);
* plural endings (``-s``, ``-es``, ``-z``) and possessives with any apostrophe (``'``,
  ``’``, ``ʼ`` U+02BC).

A term still matches only as a whole word. Matching runs on a normalised copy of the text
that remembers, for each of its characters, the original character it came from, so the
ranges returned and masked are offsets into the original text.

The list lives in ``data/safety/masked-terms.toml``; tests pass their own neutral terms.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .errors import CaseError
from .paths import data_dir

__all__ = ["REVEAL_LABEL", "CONTENT_NOTE", "MASK_CHAR", "terms", "masked_ranges", "mask", "is_masked",
           "normalize", "mask_message", "masked_repr"]

MASK_CHAR = "*"
REVEAL_LABEL = "Reveal masked words (slurs and insults from the source)"
CONTENT_NOTE = (
    "Content note: some reader comments in this case are antisemitic and abusive. "
    "They are here so you can learn to recognise such tropes. Listed slurs are masked "
    "(shown as j**); you can reveal them deliberately, but you never need to."
)

# Letters from other scripts that look like Latin ones (after case folding); from the
# Unicode confusables list (https://www.unicode.org/Public/security/latest/confusables.txt).
LOOKALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j", "к": "k", "м": "m",
    "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ɡ": "g", "ո": "n", "ս": "u",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ϳ": "j", "ѵ": "v", "ς": "c", "σ": "o", "γ": "y",
    # Latin letters that look like others
    "ı": "i", "ȷ": "j", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l", "ʟ": "l", "ɢ": "g", "ʏ": "y",
    # apostrophe-like letters (U+02BC and friends are letters, so they would glue words)
    "ʼ": "'", "ʻ": "'", "ʽ": "'", "ʹ": "'", "ˈ": "'", "ꞌ": "'",
})

# Common substitutions of letters by digits and symbols (after NFKD: fullwidth forms too).
LEET = {"a": "4@", "b": "8", "e": "3", "g": "96", "i": "1!|", "l": "1|", "o": "0", "s": "5$",
        "t": "7+", "z": "2"}
SEPARATORS = " \t._\\-*·•~+/|,"          # one of these, repeated between letters: "z o r k"
APOSTROPHES = "'\u2019"


def _terms_file() -> Path:
    return data_dir() / "safety" / "masked-terms.toml"


@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[str, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as e:
        raise CaseError(f"{path}: cannot read the masked-terms list: {e}") from e
    entries = data.get("term", [])
    if not isinstance(entries, list):
        raise CaseError(f"{path}: 'term' must be an array of tables ([[term]]), got {type(entries).__name__}")
    out = []
    for i, entry in enumerate(entries, 1):
        term = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(term, str) or not normalize(term).strip():
            raise CaseError(f"{path}: [[term]] number {i} needs a non-empty 'term' string")
        out.append(term.strip())
    return tuple(out)


def terms() -> tuple[str, ...]:
    """The listed terms (from data/safety/masked-terms.toml)."""
    return _load(_terms_file())


# ---------------------------------------------------------------- normalising

@lru_cache(maxsize=4096)
def _norm_char(ch: str) -> str:
    """What one character becomes for matching: "" for characters to skip, else one or more."""
    if unicodedata.category(ch) in ("Cf", "Mn", "Me"):     # zero-width, soft hyphen, marks
        return ""
    folded = unicodedata.normalize("NFKD", ch).casefold()
    return "".join(c for c in folded if unicodedata.category(c) not in ("Cf", "Mn", "Me")).translate(LOOKALIKES)


def normalize(text: str) -> str:
    """The text matching looks at (compatibility forms, case, look-alikes; skipped characters
    dropped). Not the same length as ``text``: see :func:`_skeleton` for the offsets."""
    return _skeleton(text)[0]


@lru_cache(maxsize=32)
def _skeleton(text: str) -> tuple[str, tuple[int, ...] | None]:
    """(normalised text, original offset of each of its characters); None means 1:1."""
    if text.isascii():
        return text.lower(), None
    parts: list[str] = []
    origin: list[int] = []
    same = True
    for i, ch in enumerate(text):
        n = ch.lower() if ch.isascii() else _norm_char(ch)
        if len(n) != 1:
            same = False
        parts.append(n)
        origin.extend([i] * len(n))
    return "".join(parts), (None if same else tuple(origin))


# ---------------------------------------------------------------- patterns

def _letter(ch: str) -> str:
    alts = ch + LEET.get(ch, "")
    return re.escape(ch) if len(alts) == 1 else "[" + "".join(re.escape(c) for c in alts) + "]"


@lru_cache(maxsize=256)
def _term_pattern(term: str) -> re.Pattern | None:
    """A whole-word pattern for one term: its letters (or their substitutes), optionally all
    spaced by one repeated separator, then an optional plural ending. Possessives need no
    rule: an apostrophe is not a letter, so the word ends before it."""
    letters = [c for c in normalize(term) if not c.isspace()]
    if not letters:
        return None
    sep = "(?P<sep>(?:[" + re.escape(SEPARATORS) + "]{1,3})?)"   # empty, or the same run each time
    body = _letter(letters[0])
    for k, ch in enumerate(letters[1:]):
        body += (sep if k == 0 else "(?P=sep)") + _letter(ch)
    plural = ("(?:(?:(?P=sep)[e3])?(?P=sep)[s5$z])?" if letters[-1] not in "s5$"
              else "(?:(?P=sep)[e3](?P=sep)[s5$])?")
    # whole word: no letter or digit next to it, nor (spaced out) one more spaced letter
    return re.compile(rf"(?<![^\W_]){body}{plural}(?![^\W_])(?!(?P=sep)[^\W_])")


def masked_ranges(text: str, *, words: Iterable[str] | None = None) -> list[tuple[int, int]]:
    """Code-point ranges of listed terms in ``text`` (whole words, in any of the forms listed
    in the module docstring), sorted and merged where they overlap."""
    listed = tuple(terms() if words is None else words)
    if not listed or not text:
        return []
    return list(_ranges_cached(text, listed))


@lru_cache(maxsize=32)
def _ranges_cached(text: str, listed: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """masked_ranges for one text and list: a widget asks for the same text more than once."""
    norm, origin = _skeleton(text)
    found: list[tuple[int, int]] = []
    for term in listed:
        pat = _term_pattern(term)
        if pat is None:
            continue
        for m in pat.finditer(norm):
            s, e = m.span()
            if s == e:
                continue
            if origin is not None:
                s, e = origin[s], origin[e - 1] + 1
            found.append((s, e))
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return tuple(merged)


def mask(text: str, *, reveal: bool = False, words: Iterable[str] | None = None) -> str:
    """``text`` with each listed term shown as its first letter then ``*``: same length.

    ``reveal=True`` returns the text unchanged; it is the labelled opt-in, never a default."""
    if reveal is True:
        return text
    ranges = masked_ranges(text, words=words)
    if not ranges:
        return text
    chars = list(text)
    for s, e in ranges:
        for i in range(s + 1, e):
            chars[i] = MASK_CHAR
    return "".join(chars)


def is_masked(text: str, *, words: Iterable[str] | None = None) -> bool:
    """True when no listed term appears unmasked in ``text``."""
    return not masked_ranges(text, words=words)


def mask_message(text: str) -> str:
    """``text`` masked with the listed terms, for a message built from someone's data. If the
    list itself cannot be read, every letter after the first of each word is masked: a message
    must never show a listed term because the list is broken."""
    try:
        return mask(text)
    except CaseError:
        return re.sub(r"(?<=\w)\w", MASK_CHAR, text)


def masked_repr(value: object, n: int = 60) -> str:
    """A short, masked ``repr`` of a value someone supplied, for an error message."""
    text = repr(value)
    if len(text) > n:
        text = text[:n - 1] + "\u2026"
    return mask_message(text)

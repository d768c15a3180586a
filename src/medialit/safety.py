"""Masking listed slurs on display.

The data keeps every text verbatim, because offsets depend on it. What is *shown* masks
each listed term letter for letter (``j**``), so a masked text has the same length and
every offset still points at the same place. Revealing is a deliberate, labelled opt-in:
pass ``reveal=True`` (widgets offer a checkbox labelled :data:`REVEAL_LABEL`).

The list lives in ``data/safety/masked-terms.toml``; tests pass their own neutral terms.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from .errors import CaseError
from .paths import data_dir
from .spans import fold

__all__ = ["REVEAL_LABEL", "CONTENT_NOTE", "MASK_CHAR", "terms", "masked_ranges", "mask", "is_masked"]

MASK_CHAR = "*"
REVEAL_LABEL = "Reveal masked words (slurs and insults from the source)"
CONTENT_NOTE = (
    "Content note: some reader comments in this case are antisemitic and abusive. "
    "They are here so you can learn to recognise such tropes. Listed slurs are masked "
    "(shown as j**); you can reveal them deliberately, but you never need to."
)


def _terms_file() -> Path:
    return data_dir() / "safety" / "masked-terms.toml"


@lru_cache(maxsize=None)
def _load(path: Path) -> tuple[str, ...]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise CaseError(f"{path}: cannot read the masked-terms list: {e}") from e
    out = []
    for i, entry in enumerate(data.get("term", []), 1):
        term = entry.get("term") if isinstance(entry, dict) else None
        if not isinstance(term, str) or not term.strip():
            raise CaseError(f"{path}: [[term]] number {i} needs a non-empty 'term' string")
        out.append(term.strip())
    return tuple(out)


def terms() -> tuple[str, ...]:
    """The listed terms (from data/safety/masked-terms.toml)."""
    return _load(_terms_file())


@lru_cache(maxsize=64)
def _pattern(words: tuple[str, ...]) -> re.Pattern | None:
    if not words:
        return None
    alts = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.IGNORECASE)


def masked_ranges(text: str, *, words: Iterable[str] | None = None) -> list[tuple[int, int]]:
    """Code-point ranges of listed terms in ``text`` (whole words, case-insensitive)."""
    pat = _pattern(tuple(terms() if words is None else words))
    if pat is None:
        return []
    return [m.span() for m in pat.finditer(fold(text))]


def mask(text: str, *, reveal: bool = False, words: Iterable[str] | None = None) -> str:
    """``text`` with each listed term shown as its first letter then ``*``: same length.

    ``reveal=True`` returns the text unchanged; it is the labelled opt-in, never a default."""
    if reveal is True:
        return text
    chars = list(text)
    for s, e in masked_ranges(text, words=words):
        for i in range(s + 1, e):
            chars[i] = MASK_CHAR
    return "".join(chars)


def is_masked(text: str, *, words: Iterable[str] | None = None) -> bool:
    """True when no listed term appears unmasked in ``text``."""
    return not masked_ranges(text, words=words)

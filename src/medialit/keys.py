"""Answer keys, the evidence library and the loaded-language lexicon, as DataFrames.

Keys are data, reviewed like code (``data/cases/<case-id>/keys/<name>.toml``). Each file
holds ``[[item]]`` tables; the evidence library (``evidence.toml``) holds ``[[card]]``
tables; the lexicon (``data/lexicons/loaded-language.toml``) holds ``[[entry]]`` tables.
The loaders check what a key promises and raise :class:`KeyFileError` naming the file,
the item number (1-based, in file order) and what is wrong. Columns are the TOML keys;
list-valued keys stay Python lists.
"""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import KeyFileError
from .moderation import DECISIONS
from .paths import data_dir
from .taxonomy import TECHNIQUES
from .topics import FRAMINGS

__all__ = [
    "VERDICTS", "CATEGORIES", "SENTENCE_LABELS", "COMMENT_LABELS", "EVIDENCE_KINDS",
    "available_keys", "load_key", "load_evidence", "load_lexicon", "default_lexicon_path",
]

VERDICTS = ("accurate", "misleading by omission", "contested framing", "sources disagree", "inaccurate",
            "not checkable")
CATEGORIES = ("emotive", "euphemism", "labelling", "glorifying")
SENTENCE_LABELS = ("fact", "opinion", "prediction", "call", "mixed")
# Comment labels (lesson 07; CommentLab offers them with names and help in this order)
COMMENT_LABELS = ("constructive", "geopolitical opinion", "sarcasm", "whataboutism", "conspiracy",
                  "antisemitic trope", "dehumanising", "insult", "trolling", "contested claim", "none")
EVIDENCE_KINDS = ("KRM", "RUS", "DPRK", "CHN", "WIRE", "ROK-G", "ROK-M", "GOV", "UN", "HIST", "ENC", "FC")
STATUSES = ("verified", "secondary")

# Required keys and their types, per key name. Keys not listed here are only checked for
# the common rules (an ``[[item]]`` list, a non-empty ``rationale``, quote/start/end).
_REQUIRED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "factchecks": {
        "id": str, "fact_sheet": str, "claim": str, "quote": str, "verdict": str,
        "contested": bool, "established": str, "contested_note": str, "rationale": str,
        "sources": list, "status": str,
    },
    "loaded_language": {
        "quote": str, "occurrence": int, "start": int, "end": int, "category": str,
        "rationale": str, "contested": bool,
    },
    "sentences": {
        "sentence": int, "text_start": str, "label": str, "rationale": str, "contested": bool,
    },
    "comments": {
        "comment_id": str, "labels": list, "decision": str, "rule": str, "rationale": str,
        "contested": bool, "contested_note": str,
    },
    "techniques": {
        "quote": str, "occurrence": int, "start": int, "end": int, "technique": str,
        "rationale": str, "contested": bool,
    },
    "sources": {
        "topic": str, "source": str, "framing": str, "omissions": str, "rationale": str,
        "contested": bool,
    },
}
_ALLOWED: dict[str, dict[str, tuple[str, ...]]] = {
    "factchecks": {"verdict": VERDICTS, "status": STATUSES},
    "loaded_language": {"category": CATEGORIES},
    "sentences": {"label": SENTENCE_LABELS},
    "comments": {"labels": COMMENT_LABELS, "decision": DECISIONS},
    "techniques": {"technique": TECHNIQUES},
    "sources": {"framing": FRAMINGS},
}
_CARD_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "id": str, "publisher": str, "kind": str, "title": str, "date": str, "url": str,
    "summary": str, "quote": str, "status": str, "topics": list, "fact_sheet": list,
}
_ENTRY_REQUIRED: dict[str, type | tuple[type, ...]] = {"term": str, "category": str, "note": str}

_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", list: "a list"}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise KeyFileError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise KeyFileError(f"{path}: not valid TOML ({exc})") from None


def _tables(path: Path, doc: dict[str, Any], table: str) -> list[dict[str, Any]]:
    rows = doc.get(table)
    if not isinstance(rows, list) or not rows or not all(isinstance(r, dict) for r in rows):
        raise KeyFileError(f"{path}: expected one or more [[{table}]] tables")
    return rows


def _check_types(path: Path, table: str, n: int, row: dict[str, Any],
                 required: dict[str, type | tuple[type, ...]]) -> None:
    for key, typ in required.items():
        if key not in row:
            raise KeyFileError(f"{path}: {table} {n} has no '{key}'")
        value = row[key]
        # bool is a subclass of int: an integer field must not accept true/false
        if typ is int and isinstance(value, bool) or not isinstance(value, typ):
            want = _TYPE_NAMES.get(typ, str(typ))  # type: ignore[arg-type]
            raise KeyFileError(f"{path}: {table} {n} '{key}' should be {want}, got {value!r}")


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return pd.DataFrame([{k: row.get(k) for k in columns} for row in rows], columns=columns)


def available_keys(case_dir: Path) -> list[str]:
    """Names of the answer keys in a case folder (``keys/*.toml`` without the suffix)."""
    folder = Path(case_dir) / "keys"
    return sorted(p.stem for p in folder.glob("*.toml")) if folder.is_dir() else []


def load_key(case_dir: Path, name: str, text: str) -> pd.DataFrame:
    """Read ``keys/<name>.toml`` of a case and check it against the case ``text``.

    Every item needs a non-empty ``rationale``. Items with ``quote``, ``start`` and ``end``
    must satisfy ``text[start:end] == quote``; items with ``quote`` and ``occurrence`` must
    point at that occurrence. Known keys (factchecks, loaded_language, sentences, comments) also get
    their required fields and allowed values checked.
    """
    case_dir = Path(case_dir)
    path = case_dir / "keys" / f"{name}.toml"
    if not path.is_file():
        have = ", ".join(available_keys(case_dir)) or "none"
        raise KeyFileError(f"{path}: no key named '{name}' (available keys: {have})")
    rows = _tables(path, _read_toml(path), "item")
    required = _REQUIRED.get(name, {})
    allowed = _ALLOWED.get(name, {})
    for n, row in enumerate(rows, 1):
        _check_types(path, "item", n, row, required)
        if not isinstance(row.get("rationale"), str) or not row["rationale"].strip():
            raise KeyFileError(f"{path}: item {n} needs a non-empty 'rationale'")
        for key, values in allowed.items():
            # a list-valued field (comment labels) must be non-empty, each value allowed
            got = row[key] if isinstance(row.get(key), list) else [row.get(key)]
            if key in row and (not got or any(v not in values for v in got)):
                raise KeyFileError(f"{path}: item {n} '{key}' is {row[key]!r}; "
                                   f"expected {'values from' if isinstance(row[key], list) else 'one of'} "
                                   f"{', '.join(values)}")
        _check_quote(path, n, row, text)
    return _frame(rows)


def _check_quote(path: Path, n: int, row: dict[str, Any], text: str) -> None:
    quote = row.get("quote")
    if quote is None:
        return
    if not isinstance(quote, str) or not quote:
        raise KeyFileError(f"{path}: item {n} 'quote' must be a non-empty string")
    if "start" in row or "end" in row:
        start, end = row.get("start"), row.get("end")
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) \
                or isinstance(end, bool):
            raise KeyFileError(f"{path}: item {n} needs integer 'start' and 'end'")
        if not 0 <= start < end <= len(text):
            raise KeyFileError(f"{path}: item {n} span {start}..{end} is outside the text "
                               f"(length {len(text)})")
        found = text[start:end]
        if found != quote:
            raise KeyFileError(f"{path}: item {n} quote {quote!r} does not match the text at "
                               f"{start}..{end}, which reads {found!r}")
    elif quote not in text:
        raise KeyFileError(f"{path}: item {n} quote {quote!r} is not in the text")
    occ = row.get("occurrence")
    if occ is not None:
        if not isinstance(occ, int) or isinstance(occ, bool) or occ < 1:
            raise KeyFileError(f"{path}: item {n} 'occurrence' must be an integer >= 1")
        i, k = -1, 0
        while k < occ:
            i = text.find(quote, i + 1)
            if i == -1:
                raise KeyFileError(f"{path}: item {n} quote {quote!r} occurs only {k} time(s), "
                                   f"not {occ}")
            k += 1
        if "start" in row and row["start"] != i:
            raise KeyFileError(f"{path}: item {n} occurrence {occ} of {quote!r} starts at {i}, "
                               f"not at {row['start']}")


def load_evidence(case_dir: Path) -> pd.DataFrame:
    """The evidence library of a case (``evidence.toml``), one row per card.

    Checks required keys and types, unique ids, a non-empty address (url), the kind codes of
    the source dossier and the status ("verified" or "secondary")."""
    path = Path(case_dir) / "evidence.toml"
    rows = _tables(path, _read_toml(path), "card")
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        _check_types(path, "card", n, row, _CARD_REQUIRED)
        if not row["id"].strip():
            raise KeyFileError(f"{path}: card {n} has an empty 'id'")
        if row["id"] in seen:
            raise KeyFileError(f"{path}: card {n} repeats the id '{row['id']}'")
        seen.add(row["id"])
        if not row["url"].strip():
            raise KeyFileError(f"{path}: card {n} ('{row['id']}') has an empty 'url'")
        if row["kind"] not in EVIDENCE_KINDS:
            raise KeyFileError(f"{path}: card {n} ('{row['id']}') kind is {row['kind']!r}; "
                               f"expected one of {', '.join(EVIDENCE_KINDS)}")
        if row["status"] not in STATUSES:
            raise KeyFileError(f"{path}: card {n} ('{row['id']}') status is {row['status']!r}; "
                               f"expected one of {', '.join(STATUSES)}")
        if not row["summary"].strip():
            raise KeyFileError(f"{path}: card {n} ('{row['id']}') has an empty 'summary'")
    return _frame(rows)


def default_lexicon_path() -> Path:
    return data_dir() / "lexicons" / "loaded-language.toml"


def load_lexicon(path: Path | None = None) -> pd.DataFrame:
    """The loaded-language lexicon: columns term, category, note (one row per entry).

    Terms must be non-empty, unique (case-insensitively) and in one of the four categories."""
    path = Path(path) if path is not None else default_lexicon_path()
    rows = _tables(path, _read_toml(path), "entry")
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        _check_types(path, "entry", n, row, _ENTRY_REQUIRED)
        term = " ".join(row["term"].split()).lower()
        if not term:
            raise KeyFileError(f"{path}: entry {n} has an empty 'term'")
        if term in seen:
            raise KeyFileError(f"{path}: entry {n} repeats the term {row['term']!r}")
        seen.add(term)
        if row["category"] not in CATEGORIES:
            raise KeyFileError(f"{path}: entry {n} category is {row['category']!r}; "
                               f"expected one of {', '.join(CATEGORIES)}")
    return _frame(rows)

"""One record of student work, how it is checked, and the strict JSON it is read from."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from secrets import token_hex
from collections.abc import Mapping
from typing import Any

from .. import spans as _spans
from ..errors import StoreError
from ..safety import mask_message as shown, masked_repr as said

SCHEMA = 1                      # version of one line in work.jsonl
KINDS = ("span", "sentence_label", "verdict", "framing", "comment_label",
         "moderation", "reflection", "quiz", "progress")
OPS = ("put", "delete")
MAX_INT = 2 ** 53 - 1           # the largest integer every JSON reader keeps exactly
MAX_DEPTH = 64                  # objects and lists nested deeper than this are refused

_PSEUDONYM = re.compile(r"[A-Za-z0-9_-]{1,40}")


# ---------------------------------------------------------------- strict JSON

class JSONRejected(ValueError):
    """JSON that parses but that the course refuses (NaN, duplicate keys, ...)."""


# Keys, and the values of fields that repeat from record to record, are kept once in memory
# (a loaded store takes about half the memory it would otherwise). Bounded: past the limit,
# new strings are simply not shared.
_SHARED = frozenset(("type", "checksum", "label", "kind", "op", "case_id", "doc_id", "task", "lesson"))
_MEMO: dict[str, str] = {}
_MEMO_LIMIT = 100_000


def _pairs(pairs: list[tuple[str, Any]]) -> dict:
    obj: dict = {}
    memo = _MEMO
    share = len(memo) < _MEMO_LIMIT
    for k, v in pairs:
        if k in obj:
            raise JSONRejected(f"the key {said(k)} appears twice in one object")
        if share:
            k = memo.setdefault(k, k)
            if type(v) is str and k in _SHARED:
                v = memo.setdefault(v, v)
        obj[k] = v
    return obj


def _int(text: str) -> int:
    if len(text) > 17:           # 2**53 has 16 digits; refuse before converting
        raise JSONRejected(f"a number with {len(text)} digits (at most {MAX_INT} is allowed)")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JSONRejected(f"the number {text[:20]} is too large")
    return value


def _constant(name: str) -> None:
    raise JSONRejected(f"{name} is not a number JSON allows (NaN and Infinity are refused)")


_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89abcdefABCDEF]")


def check_tree(obj: object, where: str = "") -> None:
    """Refuse nesting deeper than MAX_DEPTH and strings holding lone surrogates."""
    stack = [(obj, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                raise JSONRejected(f"{where}nested more than {MAX_DEPTH} levels deep")
            if isinstance(item, dict):
                for k, v in item.items():
                    if _SURROGATE.search(k):
                        raise JSONRejected(f"{where}a key holds a lone surrogate (not valid Unicode text)")
                    stack.append((v, depth + 1))
            else:
                stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str) and _SURROGATE.search(item):
            raise JSONRejected(f"{where}a string holds a lone surrogate (not valid Unicode text)")


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_int, parse_float=_float,
                            parse_constant=_constant)


def loads_strict(text: str) -> Any:
    """``json.loads`` that refuses NaN, Infinity, numbers beyond MAX_INT or too large to hold,
    duplicate keys, lone surrogates and nesting deeper than MAX_DEPTH.

    Raises ``json.JSONDecodeError`` for text that is not JSON and :class:`JSONRejected` for
    the rest (both are ValueErrors)."""
    try:
        data = _DECODER.decode(text)
    except RecursionError:
        raise JSONRejected(f"nested more than {MAX_DEPTH} levels deep") from None
    # walking every value is only needed when nesting could be deep or surrogates escaped
    if text.count("{") + text.count("[") > MAX_DEPTH or _ESCAPED_SURROGATE.search(text):
        check_tree(data)
    return data


def dumps_line(data: Mapping) -> str:
    """One record as compact JSON (no NaN: such a value is not plain JSON data)."""
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


# ---------------------------------------------------------------- small helpers

def validate_pseudonym(pseudonym: object) -> str:
    """Return the pseudonym if it is 1-40 letters, digits, '-' or '_'; else raise StoreError."""
    if not isinstance(pseudonym, str) or not _PSEUDONYM.fullmatch(pseudonym):
        raise StoreError(
            f"A pseudonym must be 1-40 characters, using only letters A-Z a-z, digits, '-' and '_' "
            f"(for example 'river-otter_7'); got {said(pseudonym)}.")
    return pseudonym


def new_key(kind: str = "") -> str:
    """A fresh random key for a record, e.g. 'span-3f9a1c2b'."""
    return f"{kind or 'rec'}-{token_hex(4)}"


def doc_urn(case_id: str, doc_id: str = "") -> str:
    """The URN a Web Annotation target uses for a case document: urn:medialit:<case>:<doc>."""
    return f"urn:medialit:{case_id}:{doc_id}" if doc_id else f"urn:medialit:{case_id}"


def check_kind(kind: object) -> str:
    if kind not in KINDS:
        raise StoreError(f"Unknown kind of work {said(kind)}; expected one of: {', '.join(KINDS)}.")
    return kind  # type: ignore[return-value]


def _is_count(value: object) -> bool:
    return type(value) is int and 0 <= value <= MAX_INT


def _is_map(value: object) -> bool:
    return type(value) is dict or isinstance(value, Mapping)     # JSON gives dicts: checked first


def check_anchor(anchor: object, where: str) -> None:
    """An anchor is {'checksum', 'position': TextPositionSelector, 'quote': TextQuoteSelector}."""
    if not _is_map(anchor):
        raise ValueError(f"{where}: anchor must be an object from medialit.spans.anchor(), got {type(anchor).__name__}")
    pos, quote = anchor.get("position"), anchor.get("quote")
    if not isinstance(anchor.get("checksum"), str):
        raise ValueError(f"{where}: anchor needs a 'checksum' string")
    if not (_is_map(pos) and _is_count(pos.get("start")) and _is_count(pos.get("end"))
            and pos["start"] <= pos["end"]):
        raise ValueError(f"{where}: anchor 'position' needs integer start <= end, got {said(pos)}")
    if not (_is_map(quote) and isinstance(quote.get("exact"), str)
            and all(isinstance(quote.get(k, ""), str) for k in ("prefix", "suffix"))):
        raise ValueError(f"{where}: anchor 'quote' needs an 'exact' string (and string 'prefix' and "
                         f"'suffix' if any), got {said(quote)}")


# ---------------------------------------------------------------- records

@dataclass(frozen=True, slots=True)
class Record:
    """One saved piece of work (or its deletion). ``value`` and ``anchor`` are plain JSON."""

    schema: int
    seq: int
    time: str
    op: str
    kind: str
    case_id: str
    doc_id: str
    key: str
    value: dict = field(default_factory=dict)
    anchor: dict | None = None

    @property
    def start(self) -> int | None:
        """Code-point start of the anchored text, if any."""
        return self.anchor["position"]["start"] if self.anchor else None

    @property
    def end(self) -> int | None:
        return self.anchor["position"]["end"] if self.anchor else None

    @property
    def quote(self) -> str | None:
        """The exact text the record was anchored to, if any."""
        return self.anchor["quote"]["exact"] if self.anchor else None

    def to_dict(self) -> dict:
        return {"schema": self.schema, "seq": self.seq, "time": self.time, "op": self.op,
                "kind": self.kind, "case_id": self.case_id, "doc_id": self.doc_id, "key": self.key,
                "value": self.value, "anchor": self.anchor}

    def to_span(self) -> _spans.Span:
        """A :class:`medialit.spans.Span` for an anchored record (label and note from value)."""
        if not self.anchor:
            raise StoreError(f"record {said(self.key)} ({self.kind}) has no anchor, so it is not a span")
        return _spans.Span(self.start, self.end, str(self.value.get("label", "")), str(self.value.get("note", "")))

    @classmethod
    def from_dict(cls, data: object, *, where: str = "record") -> "Record":
        """Validate one record; raise ValueError saying what was expected and what came."""
        if not _is_map(data):
            raise ValueError(f"{where}: expected a JSON object, got {type(data).__name__}")
        schema = data.get("schema")
        if schema != SCHEMA or type(schema) is not int:
            if type(schema) is int and schema > SCHEMA:
                raise ValueError(f"{where}: written by a newer version of the course (record schema {schema}; "
                                 f"this version reads schema {SCHEMA}); update the course package")
            raise ValueError(f"{where}: not a course record (expected \"schema\": {SCHEMA}, got {said(schema)})")
        for name in ("time", "case_id", "doc_id", "key"):
            if not isinstance(data.get(name), str):
                raise ValueError(f"{where}: field {name!r} must be a string, got {said(data.get(name))}")
        if not _is_count(data.get("seq")) or data["seq"] < 1:
            raise ValueError(f"{where}: field 'seq' must be a positive integer up to {MAX_INT}, "
                             f"got {said(data.get('seq'))}")
        if data.get("op") not in OPS:
            raise ValueError(f"{where}: field 'op' must be one of {', '.join(OPS)}, got {said(data.get('op'))}")
        if data.get("kind") not in KINDS:
            raise ValueError(f"{where}: kind {said(data.get('kind'))} is not one of: {', '.join(KINDS)}")
        if not data["key"]:
            raise ValueError(f"{where}: field 'key' must not be empty")
        value = data.get("value", {})
        if not isinstance(value, dict):
            raise ValueError(f"{where}: field 'value' must be an object, got {type(value).__name__}")
        anchor = data.get("anchor")
        if anchor is not None:
            check_anchor(anchor, where)
        return cls(SCHEMA, data["seq"], data["time"], data["op"], data["kind"], data["case_id"],
                   data["doc_id"], data["key"], value, anchor)


def ident(r: Record) -> tuple[str, str, str, str]:
    return (r.kind, r.case_id, r.doc_id, r.key)

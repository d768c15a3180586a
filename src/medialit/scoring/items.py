"""Answer-key items and span inputs: whatever a caller passes, as :class:`Span` or :class:`KeyItem`.

Inputs are forgiving: a pandas DataFrame with ``start``, ``end`` and ``label`` (or
``category``) columns, a list of :class:`~medialit.spans.Span`, dicts, ``(start, end,
label)`` tuples, or store records (``Store.latest("span")``).
"""
from __future__ import annotations

import math
import operator
from dataclasses import dataclass
from typing import Any, Mapping

from ..spans import Span

LABEL_FIELDS = ("label", "category", "technique")


@dataclass(frozen=True)
class KeyItem:
    """One answer-key span with the key's reasoning."""

    start: int
    end: int
    label: str
    rationale: str = ""
    contested: bool = False
    item_id: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.label)


def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _int(v: Any, what: str, where: str) -> int:
    if isinstance(v, bool) or _missing(v):
        raise ValueError(f"{where}: {what} must be a whole number, got {v!r}")
    if isinstance(v, float):
        if not v.is_integer():
            raise ValueError(f"{where}: {what} must be a whole number, got {v!r}")
        return int(v)
    try:
        return operator.index(v)    # int, numpy integers
    except TypeError:
        raise ValueError(f"{where}: {what} must be a whole number, got {v!r}") from None


def _text(v: Any) -> str:
    return "" if _missing(v) else str(v)


def _truthy(v: Any) -> bool:
    if _missing(v):
        return False
    if isinstance(v, str):
        return v.strip().lower() in {"true", "yes", "y", "1"}
    return bool(v)


def _rows(data: Any) -> list:
    """Rows of a DataFrame, the values of a mapping (store.latest()), or the items of a list."""
    if data is None:
        return []
    if hasattr(data, "columns") and hasattr(data, "to_dict"):
        return data.to_dict("records")
    if isinstance(data, Mapping):
        return list(data.values())
    if isinstance(data, (str, bytes)):
        raise TypeError(f"expected spans (a DataFrame, list of Span or dicts), got {type(data).__name__}")
    return list(data)


def _fields(row: Any, where: str) -> dict:
    """start, end, label, and whatever else a row carries, as a dict."""
    if isinstance(row, Span):
        return {"start": row.start, "end": row.end, "label": row.label, "note": row.note}
    if isinstance(row, KeyItem):
        return {"start": row.start, "end": row.end, "label": row.label, "rationale": row.rationale,
                "contested": row.contested, "id": row.item_id}
    anchor = getattr(row, "anchor", None)
    value = getattr(row, "value", None)
    if isinstance(row, Mapping) and "anchor" in row:
        anchor, value = row.get("anchor"), row.get("value")
    if isinstance(anchor, Mapping) and isinstance(value, Mapping):   # a store record
        pos = anchor.get("position") or {}
        return {"start": pos.get("start"), "end": pos.get("end"), **value,
                "id": getattr(row, "key", None) or (row.get("key") if isinstance(row, Mapping) else "")}
    if isinstance(row, Mapping):
        out = dict(row)
        if "label" not in out:
            out["label"] = next((out[f] for f in LABEL_FIELDS if f in out), "")
        return out
    if isinstance(row, (tuple, list)) and 2 <= len(row) <= 4:
        return dict(zip(("start", "end", "label", "note"), row))
    raise TypeError(f"{where}: expected a Span, a dict with start/end/label, a (start, end, label) "
                    f"tuple or a store record, got {type(row).__name__}")


def as_spans(data: Any) -> list[Span]:
    """Normalise any supported span input to a list of :class:`Span`."""
    out = []
    for i, row in enumerate(_rows(data)):
        if type(row) is Span:
            out.append(row)
            continue
        where = f"span {i}"
        f = _fields(row, where)
        if "start" not in f or "end" not in f:
            raise ValueError(f"{where}: needs 'start' and 'end', got fields {sorted(f)}")
        out.append(Span(_int(f["start"], "start", where), _int(f["end"], "end", where),
                        _text(f.get("label")), _text(f.get("note"))))
    return out


def as_key_items(data: Any) -> list[KeyItem]:
    """Normalise an answer key (DataFrame with start, end, label/category, rationale,
    contested, id; or dicts, Spans, KeyItems) to :class:`KeyItem` objects."""
    out = []
    for i, row in enumerate(_rows(data)):
        where = f"key item {i}"
        f = _fields(row, where)
        if "start" not in f or "end" not in f:
            raise ValueError(f"{where}: needs 'start' and 'end', got fields {sorted(f)}")
        start, end = _int(f["start"], "start", where), _int(f["end"], "end", where)
        Span(start, end)  # validates the offsets
        item_id = next((_text(f[k]) for k in ("id", "item_id", "item") if not _missing(f.get(k))), "")
        out.append(KeyItem(start, end, _text(f.get("label")), _text(f.get("rationale")),
                           _truthy(f.get("contested")), item_id))
    return out

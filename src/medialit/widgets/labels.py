"""The highlighter's label palettes: ids, names, colours and line patterns."""
from __future__ import annotations

from typing import Any, Mapping

from ._base import LINE_STYLES, OKABE_ITO, check_color

__all__ = ["DEFAULT_LABELS", "normalize_labels"]

DEFAULT_LABELS = (
    {"id": "emotive", "name": "emotive"},
    {"id": "euphemism", "name": "euphemism"},
    {"id": "labelling", "name": "labelling"},
    {"id": "glorifying", "name": "glorifying"},
)


def normalize_labels(labels: Any) -> list[dict]:
    """Labels as ``[{"id", "name", "color", "style", "shortcut"}]``.

    Accepts a list of ids (``["emotive", ...]``), a mapping id -> name, or a list of dicts
    with ``id`` and optional ``name``, ``color`` (``#rrggbb``) and ``style`` (one of
    solid, dashed, dotted, double, wavy). The first 9 labels have number-key shortcuts; any
    label can be picked by keyboard from the label list (type-ahead)."""
    if labels is None:
        labels = DEFAULT_LABELS
    if isinstance(labels, Mapping):
        items = [{"id": k, "name": v} for k, v in labels.items()]
    elif isinstance(labels, (str, bytes)):
        raise TypeError(f"labels must be a list of label names or dicts, got the string {labels!r}")
    else:
        items = []
        for x in labels:
            if isinstance(x, str):
                items.append({"id": x, "name": x})
            elif isinstance(x, Mapping) and isinstance(x.get("id"), str):
                items.append(dict(x))
            else:
                raise TypeError(f"each label must be a name or a dict with an 'id', got {x!r}")
    if not items:
        raise ValueError("labels must name at least one label")
    out, seen = [], set()
    for i, item in enumerate(items):
        lid = item["id"].strip()
        if not lid or lid in seen:
            raise ValueError(f"label ids must be non-empty and distinct, got {item['id']!r}")
        seen.add(lid)
        style = item.get("style", LINE_STYLES[i % len(LINE_STYLES)])
        if style not in LINE_STYLES:
            raise ValueError(f"label {lid!r}: style must be one of {', '.join(LINE_STYLES)}, got {style!r}")
        out.append({
            "id": lid,
            "name": str(item.get("name") or lid),
            "color": check_color(item.get("color", OKABE_ITO[i % len(OKABE_ITO)]), name=f"label {lid!r} color"),
            "style": style,
            "shortcut": str(i + 1) if i < 9 else "",
        })
    return out

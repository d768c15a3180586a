"""Topics for comparing sources (lesson 06): the same events as framed by different sources.

Data lives in ``data/cases/<case>/sources.toml``; :func:`load_topics` reads and checks it.
Plain data only; the SourceComparer widget is a view over it."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .errors import KeyFileError

__all__ = ["FRAMING_CHOICES", "FRAMINGS", "load_topics"]

FRAMING_CHOICES: tuple[tuple[str, str], ...] = (
    ("same facts", "Reports what the other sources establish, in neutral words."),
    ("omission", "True as far as it goes, but leaves out what the others show."),
    ("loaded framing", "The facts may be there, but the words judge them for you."),
    ("contradiction", "Says something the record contradicts."),
)
FRAMINGS = tuple(f for f, _ in FRAMING_CHOICES)
_SOURCE_FIELDS = {"id": str, "publisher": str, "kind": str, "date": str, "url": str, "quote": str,
                  "framing": str, "left_out": str, "rationale": str}


def load_topics(case_dir: str | Path) -> list[dict]:
    """The topics of ``<case_dir>/sources.toml`` as plain dicts, checked.

    Each ``[[topic]]`` needs ``id``, ``title``, ``question``, ``record`` and two to four
    ``[[topic.source]]`` tables with ``id``, ``publisher``, ``kind``, ``date``, ``url``,
    ``quote``, ``framing`` (one of :data:`FRAMINGS`), ``left_out`` and ``rationale``; source
    ids are unique across topics. A case without the file has no topics ([])."""
    path = Path(case_dir) / "sources.toml"
    if not path.is_file():
        return []
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise KeyFileError(f"{path}: not valid TOML ({exc})") from None
    topics = doc.get("topic")
    if not isinstance(topics, list) or not topics:
        raise KeyFileError(f"{path}: expected one or more [[topic]] tables")
    seen_topics: set[str] = set()
    seen_sources: set[str] = set()
    out = []
    for n, t in enumerate(topics, 1):
        for k in ("id", "title", "question", "record"):
            if not isinstance(t.get(k), str) or not t[k].strip():
                raise KeyFileError(f"{path}: topic {n} needs a non-empty '{k}' string")
        if t["id"] in seen_topics:
            raise KeyFileError(f"{path}: topic {n} repeats the id {t['id']!r}")
        seen_topics.add(t["id"])
        sources = t.get("source")
        if not isinstance(sources, list) or not 2 <= len(sources) <= 4:
            raise KeyFileError(f"{path}: topic {n} ({t['id']}) needs two to four [[topic.source]] tables, "
                               f"got {len(sources) if isinstance(sources, list) else 0}")
        for m, s in enumerate(sources, 1):
            for k, typ in _SOURCE_FIELDS.items():
                if not isinstance(s.get(k), typ) or not s[k].strip():
                    raise KeyFileError(f"{path}: topic {n} ({t['id']}) source {m} needs a non-empty '{k}' string")
            if s["framing"] not in FRAMINGS:
                raise KeyFileError(f"{path}: topic {n} ({t['id']}) source {m} framing is {s['framing']!r}; "
                                   f"expected one of {', '.join(FRAMINGS)}")
            if s["id"] in seen_sources:
                raise KeyFileError(f"{path}: topic {n} ({t['id']}) source {m} repeats the id {s['id']!r}")
            seen_sources.add(s["id"])
            if not isinstance(s.get("contested", False), bool):
                raise KeyFileError(f"{path}: topic {n} ({t['id']}) source {m} 'contested' should be true or false")
        out.append({
            "id": t["id"], "title": t["title"], "question": t["question"], "record": t["record"],
            "sources": [dict(s, contested=bool(s.get("contested", False))) for s in sources],
        })
    return out

"""Try before you see, checked: find key content in a notebook that a student opens.

:func:`key_strings` collects every explanation the course holds back until the student has
tried: the rationales, established findings, contested notes and neutral wordings of every
answer key of every case, and the explanations and right answers of every quiz item in the
lesson data. :func:`leaks` finds them in a notebook's cell sources and stored outputs.
Material the course shows students on purpose is not key content: needles found in the case
text (``source.txt``) or in the evidence library (``evidence.toml``) are left out, and so are
fields that hold such text or labels (``quote``, ``claim``, ``verdict``, ...).
"""
from __future__ import annotations

import html
import re
import tomllib
from pathlib import Path
from typing import Iterable

from .paths import cases_dir

__all__ = ["key_strings", "leaks", "normalise"]

# Fields of key items that hold the case's own text or plain identifiers, not explanations.
TEXT_FIELDS = {"quote", "claim", "text_start", "text", "id", "sources", "fact_sheet", "occurrence", "start",
               "end", "sentence", "paragraph", "doc_id", "comment_id", "url", "date", "title", "publisher",
               "source", "topic", "kind", "author",
               # label vocabularies: a verdict or category name is not an explanation
               "verdict", "label", "labels", "category", "technique", "framing", "decision", "rule",
               "moderation", "status"}
MIN_CHARS = 12
_NEUTRAL = re.compile(r"Neutral:\s*[\"“]([^\"”]+)[\"”]")


def normalise(text: str) -> str:
    text = html.unescape(text).replace("\u00a0", " ").replace("\u2011", "-")
    text = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).lower()


def _strings(value, field: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, field)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in TEXT_FIELDS:
                yield from _strings(v, k)


def key_strings(*, cases: Path | None = None, lessons: Path | None = None) -> dict[str, str]:
    """normalised needle -> where it comes from ("keys/sentences.toml item 3 rationale")."""
    from .exercises import lessons_dir
    cases = cases or cases_dir()
    lessons = lessons or lessons_dir()
    case_texts = []
    out: dict[str, str] = {}

    def add(text: str, where: str) -> None:
        n = normalise(text)
        if len(n) >= MIN_CHARS and not any(n in t for t in case_texts):
            out.setdefault(n, where)

    for folder in sorted(p for p in cases.glob("*") if p.is_dir()):
        src = folder / "source.txt"
        if src.is_file():
            case_texts.append(normalise(src.read_text(encoding="utf-8", errors="replace")))
        cards = folder / "evidence.toml"
        if cards.is_file():
            shown = [v for c in tomllib.loads(cards.read_text(encoding="utf-8")).get("card", [])
                     for v in c.values() if isinstance(v, str)]
            case_texts.append(normalise("\n".join(shown)))
    for folder in sorted(p for p in cases.glob("*") if p.is_dir()):
        for key in sorted((folder / "keys").glob("*.toml")):   # the claims and quotes widgets show
            data = tomllib.loads(key.read_text(encoding="utf-8"))
            case_texts.append(normalise("\n".join(
                str(item[f]) for items in data.values() if isinstance(items, list) for item in items
                if isinstance(item, dict) for f in ("claim", "quote") if isinstance(item.get(f), str))))
    for folder in sorted(p for p in cases.glob("*") if p.is_dir()):
        for key in sorted((folder / "keys").glob("*.toml")):
            data = tomllib.loads(key.read_text(encoding="utf-8"))
            for table, items in data.items():
                if not isinstance(items, list):
                    continue
                for i, item in enumerate(items, 1):
                    if not isinstance(item, dict):
                        continue
                    for field, text in _strings(item, ""):
                        where = f"{folder.name}/keys/{key.name} {table} {i} {field}"
                        add(text, where)
                        for m in _NEUTRAL.finditer(text):
                            add(m.group(1), where + " (neutral wording)")
    for path in sorted(lessons.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for q in data.get("quiz", []):
            for j, o in enumerate(q.get("option", []), 1):
                add(o.get("why", ""), f"lessons/{path.name} quiz {q.get('id')} option {j} why")
                if o.get("correct"):
                    add(o.get("text", ""), f"lessons/{path.name} quiz {q.get('id')} answer")
    return out


def _cell_texts(nb) -> Iterable[tuple[int, str, str]]:
    for i, cell in enumerate(nb.cells):
        yield i, "source", cell.source
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                yield i, "output", out.get("text", "")
            for mime, value in out.get("data", {}).items():
                if mime.startswith("text/"):
                    yield i, "output", value if isinstance(value, str) else "".join(value)


def leaks(nb, needles: dict[str, str]) -> list[str]:
    """Every needle found in a notebook's sources or outputs, as readable problems."""
    problems = []
    for i, what, text in _cell_texts(nb):
        hay = normalise(text)
        for needle, where in needles.items():
            if needle in hay:
                problems.append(f"cell {i} {what} shows key content from {where}: “{needle[:70]}”")
    return problems

"""A case: the raw text of an article and its comment section, parsed into tables.

A case folder holds ``source.txt`` (never edited) and ``case.toml`` (metadata, needs ``id``
and ``title``). Answer keys (``keys/*.toml``) and the evidence library (``evidence.toml``)
are optional.

``source.txt`` is read as bytes and follows one rule: UTF-8 without a byte-order mark, every
line ended by ``\\n`` (LF) alone. A carriage return anywhere (CRLF or a lone CR) is a
:class:`CaseError` naming the file and the line, never converted silently, and
``source_sha256`` in ``case.toml`` is checked against the bytes on disk. The fields of
``case.toml`` the course reads are type-checked (:func:`_check_meta`): a wrong type is a
CaseError naming the file and the field.

Layout of ``source.txt`` (blank lines may hold spaces):

1. The first block (run of non-blank lines) is the **headline**.
2. If ``[layout] byline = true``, the second block is the **byline**.
3. The **article** runs from the next block up to the first run of two or more blank lines
   in a row (or the end of the text). Its blocks are its **paragraphs**.
4. Everything after that gap is the **comment section**; see :mod:`medialit.thread`.

Documents: ``case``, ``headline``, ``byline``, ``article``, each paragraph (``p00`` …), each
comment (``c01`` …), and each stretch of paragraphs named in ``[layout] stretches`` of
``case.toml`` (``"p06-p12"``: paragraphs 7 to 13, the blank lines between them included).

All offsets are Python code points into ``case.text``, end exclusive.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import CaseError
from .paths import cases_dir
from .safety import masked_repr
from .segment import paragraph_spans, split_sentences
from .thread import parse_comments

__all__ = ["Case", "Document", "load_case", "paragraph_name", "DEFAULT_CASE"]

DEFAULT_CASE = "rodong-2024"
_GAP = re.compile(r"\n[ \t\u00a0]*\n[ \t\u00a0]*\n")  # two or more blank lines in a row
_STRETCH = re.compile(r"p(\d+)-p(\d+)")                   # paragraphs first to last, 0-based


def paragraph_name(doc_id: str) -> str | None:
    """How students count a paragraph or stretch document: ``p07`` is "paragraph 8", ``p06-p12``
    "paragraphs 7 to 13"; None for other documents."""
    m = _STRETCH.fullmatch(doc_id) or re.fullmatch(r"p(\d+)", doc_id)
    if m is None:
        return None
    first, last = int(m.group(1)) + 1, int(m.groups()[-1]) + 1
    return f"paragraph {first}" if first == last else f"paragraphs {first} to {last}"


@dataclass(frozen=True)
class Document:
    """A part of the case text that students annotate: ``case.text[start:end]``."""

    doc_id: str
    start: int
    end: int
    text: str = field(repr=False)

    def __repr__(self) -> str:
        return f"Document({self.doc_id!r}, start={self.start}, end={self.end})"


@dataclass(repr=False)
class Case:
    case_id: str
    path: Path
    text: str
    meta: dict[str, Any]
    headline: str
    byline: str
    article: Document
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    comments: pd.DataFrame
    _docs: dict[str, Document] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (f"Case({self.case_id!r}: {len(self.paragraphs)} paragraphs, "
                f"{len(self.sentences)} sentences, {len(self.comments)} comments)")

    @property
    def title(self) -> str:
        return self.meta["title"]

    def document(self, doc_id: str) -> Document:
        """``case``, ``headline``, ``byline``, ``article``, an article paragraph such as ``p07``,
        a stretch of paragraphs named in ``case.toml`` such as ``p06-p12``, or a comment such
        as ``c01``."""
        try:
            return self._docs[doc_id]
        except KeyError:
            raise KeyError(f"no document {doc_id!r} in case {self.case_id!r}; "
                           f"documents are: {', '.join(self._docs)}") from None

    @property
    def documents(self) -> list[str]:
        return list(self._docs)

    def key(self, name: str) -> pd.DataFrame:
        """An answer key from ``keys/<name>.toml`` as a DataFrame (each entry has a rationale)."""
        from .keys import load_key
        return load_key(self.path, name, self.text)

    @property
    def keys(self) -> list[str]:
        return sorted(p.stem for p in (self.path / "keys").glob("*.toml"))

    @cached_property
    def topics(self) -> list[dict]:
        """Topics for comparing sources (``sources.toml``), or [] when the case has none."""
        from .topics import load_topics
        return load_topics(self.path)

    @cached_property
    def evidence(self) -> pd.DataFrame:
        """The offline evidence library (``evidence.toml``)."""
        from .keys import load_evidence
        return load_evidence(self.path)


def _read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise CaseError(f"{path}: missing; a case folder needs source.txt and case.toml")
    try:
        return path.read_bytes()
    except OSError as e:
        raise CaseError(f"{path}: cannot be read ({e.strerror or e})") from None


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise CaseError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None


def _source_text(path: Path, raw: bytes) -> str:
    """The one rule for ``source.txt``: UTF-8 without a byte-order mark, lines ended by LF
    only. A CR anywhere (Windows CRLF or old Mac CR) is an error naming the line: converting
    it silently would shift every offset and hide that the file is not the one checksummed."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CaseError(f"{path}: starts with a byte-order mark; save it as UTF-8 without BOM")
    cr = raw.find(b"\r")
    if cr >= 0:
        line = raw.count(b"\n", 0, cr) + 1
        kind = "CRLF (Windows) line ends" if raw[cr + 1:cr + 2] == b"\n" else "a carriage return (CR)"
        raise CaseError(f"{path}: has carriage returns: line {line} has {kind}; "
                        "save it with Unix line ends (\\n, LF) only")
    return _decode(path, raw)


# The fields of case.toml the course reads, and their types. Other fields are kept as they are.
_STR_TABLES = ("context", "licence", "content_notes")
_PUBLICATION_FIELDS = ("outlet", "role", "date", "title", "url", "url_note", "status")


def _kind(value: object) -> str:
    return {dict: "a table", list: "an array", str: "a string", bool: "true or false",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__.replace("datetime", "a date"))


def _check_meta(path: Path, meta: dict) -> None:
    """Type errors in case.toml name the file and the field."""
    def bad(field: str, want: str, got: object, hint: str = "") -> CaseError:
        return CaseError(f"{path}: {field} must be {want}, got {_kind(got)} ({masked_repr(got)}){hint}")

    for k in ("id", "title"):
        if not isinstance(meta.get(k), str) or not meta[k].strip():
            raise CaseError(f"{path}: needs a non-empty string '{k}' (got {masked_repr(meta.get(k))})")
    for k in ("author", "language", "summary"):
        if k in meta and not isinstance(meta[k], str):
            raise bad(f"'{k}'", "a string", meta[k])
    sha = meta.get("source_sha256")
    if sha is not None and not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha)):
        raise bad("'source_sha256'", "64 lower-case hex digits (the SHA-256 of source.txt)", sha)
    layout = meta.get("layout", {})
    if not isinstance(layout, dict):
        raise bad("[layout]", "a table", layout, "; write it as [layout] with byline = true or false")
    if "byline" in layout and not isinstance(layout["byline"], bool):
        raise bad("[layout] byline", "true or false", layout["byline"])
    stretches = layout.get("stretches", [])
    if not (isinstance(stretches, list) and all(isinstance(x, str) and _STRETCH.fullmatch(x) for x in stretches)):
        raise bad("[layout] stretches", 'a list of paragraph stretches such as "p06-p12"', stretches)
    comments = meta.get("comments", {})
    if not isinstance(comments, dict):
        raise bad("[comments]", "a table", comments, "; write it as [comments] with authors = [...]")
    authors = comments.get("authors")
    if authors is not None and not (isinstance(authors, list) and all(isinstance(a, str) for a in authors)):
        raise bad("[comments] authors", "a list of strings", authors)
    for k in ("site", "note"):
        if k in comments and not isinstance(comments[k], str):
            raise bad(f"[comments] {k}", "a string", comments[k])
    for table in _STR_TABLES:
        value = meta.get(table, {})
        if not isinstance(value, dict):
            raise bad(f"[{table}]", "a table", value)
        for k, v in value.items():
            if not isinstance(v, str):
                raise bad(f"[{table}] {k}", "a string", v)
    pubs = meta.get("publication", [])
    if not (isinstance(pubs, list) and all(isinstance(p, dict) for p in pubs)):
        raise bad("publication", "an array of tables", pubs,
                  "; write each one as [[publication]] (two brackets), not [publication]")
    for n, pub in enumerate(pubs, 1):
        for k in _PUBLICATION_FIELDS:
            if k in pub and not isinstance(pub[k], str):
                hint = '; put dates in quotes, e.g. date = "2024-06-18"' if k == "date" else ""
                raise bad(f"[[publication]] number {n}: {k}", "a string", pub[k], hint)


def _read_meta(folder: Path, raw: bytes) -> dict[str, Any]:
    path = folder / "case.toml"
    try:
        meta = tomllib.loads(_decode(path, _read_bytes(path)))
    except tomllib.TOMLDecodeError as e:
        raise CaseError(f"{path}: not valid TOML: {e}") from None
    _check_meta(path, meta)
    want = meta.get("source_sha256")
    if want is not None:
        got = hashlib.sha256(raw).hexdigest()      # of the bytes on disk
        if got != want:
            raise CaseError(f"{folder / 'source.txt'}: checksum {got[:12]}… does not match "
                            f"source_sha256 {str(want)[:12]}… in case.toml; the source text was changed")
    return meta


def load_case(case_id: str = DEFAULT_CASE, *, path: str | Path | None = None) -> Case:
    """Load a case by id (a folder under ``data/cases/``) or from any folder ``path``."""
    folder = Path(path) if path is not None else cases_dir() / case_id
    if not folder.is_dir():
        known = sorted(p.name for p in cases_dir().glob("*") if p.is_dir()) if cases_dir().is_dir() else []
        raise CaseError(f"{folder}: no such case folder; known cases: {', '.join(known) or 'none'}")
    src = folder / "source.txt"
    raw = _read_bytes(src)
    text = _source_text(src, raw)
    meta = _read_meta(folder, raw)

    blocks = list(paragraph_spans(text))
    need = 3 if meta.get("layout", {}).get("byline", False) else 2
    if len(blocks) < need:
        raise CaseError(f"{src}: expected a headline{', a byline' if need == 3 else ''} and at least "
                        f"one article paragraph separated by blank lines; found {len(blocks)} block(s)")
    headline = text[blocks[0][0]:blocks[0][1]]
    byline = text[blocks[1][0]:blocks[1][1]] if need == 3 else ""
    a_start = blocks[need - 1][0]
    gap = _GAP.search(text, a_start)
    a_region_end = gap.start() if gap else len(text)
    paras = list(paragraph_spans(text, a_start, a_region_end))
    a_end = paras[-1][1]

    prow, srow = [], []
    for i, (s, e) in enumerate(paras):
        prow.append({"paragraph": i, "start": s, "end": e, "text": text[s:e]})
        for s2, e2 in split_sentences(text, s, e):
            srow.append({"sentence": len(srow), "paragraph": i, "start": s2, "end": e2, "text": text[s2:e2]})
    paragraphs = pd.DataFrame(prow, columns=["paragraph", "start", "end", "text"])
    sentences = pd.DataFrame(srow, columns=["sentence", "paragraph", "start", "end", "text"])

    try:
        rows = parse_comments(text, gap.end(), authors=meta.get("comments", {}).get("authors")) if gap else []
    except ValueError as e:
        raise CaseError(f"{src}: comment section: {e}") from None
    comments = pd.DataFrame([vars(r) for r in rows],
                            columns=["comment_id", "position", "author", "text", "start", "end",
                                     "reply_to", "reply_reason"])
    comments = comments.astype({"author": "object", "reply_to": "object", "reply_reason": "object"})
    comments = comments.where(comments.notna(), None)

    docs = {
        "case": Document("case", 0, len(text), text),
        "headline": Document("headline", blocks[0][0], blocks[0][1], headline),
    }
    if byline:
        docs["byline"] = Document("byline", blocks[1][0], blocks[1][1], byline)
    article = Document("article", a_start, a_end, text[a_start:a_end])
    docs["article"] = article
    for i, (s, e) in enumerate(paras):
        docs[f"p{i:02d}"] = Document(f"p{i:02d}", s, e, text[s:e])
    for name in meta.get("layout", {}).get("stretches", []):
        first, last = (int(n) for n in _STRETCH.fullmatch(name).groups())
        if not first < last < len(paras):
            raise CaseError(f"{folder / 'case.toml'}: [layout] stretches: {name!r} needs two paragraphs in order "
                            f"from p00 to p{len(paras) - 1:02d}")
        s, e = paras[first][0], paras[last][1]
        docs[name] = Document(name, s, e, text[s:e])
    for r in rows:
        docs[r.comment_id] = Document(r.comment_id, r.start, r.end, r.text)

    return Case(meta["id"], folder, text, meta, headline, byline, article,
                paragraphs, sentences, comments, docs)

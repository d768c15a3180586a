"""Per-student store of work: one JSON-lines file, saved as made.

Each student (a pseudonym chosen in lesson 00) has ``<work>/<pseudonym>/work.jsonl``,
where ``<work>`` is :func:`medialit.paths.work_dir` (``work/`` at the repository root,
git-ignored, or ``MEDIALIT_WORK``). Every line is one :class:`Record`::

    {"schema": 1, "seq": 17, "time": "2026-11-27T18:00:00.000Z", "op": "put",
     "kind": "span", "case_id": "rodong-2024", "doc_id": "article", "key": "s-1a2b",
     "value": {"label": "loaded_language", "note": "..."},
     "anchor": {"checksum": "sha256:...", "position": {...}, "quote": {...}}}

Guarantees:

- Durable: each record is appended with a single ``os.write`` and ``os.fsync`` before
  :meth:`Store.put` returns.
- Shared: writers take a file lock (``work.jsonl.lock``), catch up on what other
  processes appended, then append; two notebooks open at once lose nothing.
- History: edits are new ``put`` records with the same key, deletions are ``delete``
  records; the latest wins and nothing is rewritten.
- Damage: a line that is not a valid record is reported in :attr:`Store.problems` (file
  and line), copied aside to ``work.jsonl.damaged-<n>`` and skipped; everything else
  loads. The data file itself is never rewritten.
"""
from __future__ import annotations

import json
import logging
import os
import re
import threading
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from secrets import token_hex
from typing import Any, Mapping

from filelock import FileLock, Timeout

from . import spans as _spans
from .errors import StoreError, WorkImportError
from .paths import work_dir

__all__ = [
    "KINDS", "OPS", "SCHEMA", "EXPORT_SCHEMA", "EXPORT_VERSION", "ANNO_CONTEXT",
    "Record", "Store", "set_student", "current_student", "open_store", "load_export",
    "validate_pseudonym", "new_key", "doc_urn",
]

log = logging.getLogger(__name__)

SCHEMA = 1                      # version of one line in work.jsonl
EXPORT_SCHEMA = "medialit-work"  # the "schema" field of an exported file
EXPORT_VERSION = 1
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
KINDS = ("span", "sentence_label", "verdict", "framing", "comment_label",
         "moderation", "reflection", "quiz", "progress")
OPS = ("put", "delete")
DATA_FILE = "work.jsonl"
STUDENT_FILE = ".student"
LOCK_TIMEOUT = 30.0             # seconds to wait for another notebook's write
MAX_LISTED = 10                 # damaged lines listed one by one before summarising

_PSEUDONYM = re.compile(r"[A-Za-z0-9_-]{1,40}")


# ---------------------------------------------------------------- helpers

def validate_pseudonym(pseudonym: object) -> str:
    """Return the pseudonym if it is 1-40 letters, digits, '-' or '_'; else raise StoreError."""
    if not isinstance(pseudonym, str) or not _PSEUDONYM.fullmatch(pseudonym):
        raise StoreError(
            f"A pseudonym must be 1-40 characters, using only letters A-Z a-z, digits, '-' and '_' "
            f"(for example 'river-otter_7'); got {pseudonym!r}.")
    return pseudonym


def new_key(kind: str = "") -> str:
    """A fresh random key for a record, e.g. 'span-3f9a1c2b'."""
    return f"{kind or 'rec'}-{token_hex(4)}"


def doc_urn(case_id: str, doc_id: str = "") -> str:
    """The URN a Web Annotation target uses for a case document: urn:medialit:<case>:<doc>."""
    return f"urn:medialit:{case_id}:{doc_id}" if doc_id else f"urn:medialit:{case_id}"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _check_kind(kind: object) -> str:
    if kind not in KINDS:
        raise StoreError(f"Unknown kind of work {kind!r}; expected one of: {', '.join(KINDS)}.")
    return kind  # type: ignore[return-value]


def _check_anchor(anchor: object, where: str) -> None:
    """An anchor is {'checksum', 'position': TextPositionSelector, 'quote': TextQuoteSelector}."""
    if not isinstance(anchor, Mapping):
        raise ValueError(f"{where}: anchor must be an object from medialit.spans.anchor(), got {type(anchor).__name__}")
    pos, quote = anchor.get("position"), anchor.get("quote")
    if not isinstance(anchor.get("checksum"), str):
        raise ValueError(f"{where}: anchor needs a 'checksum' string")
    if not (isinstance(pos, Mapping) and type(pos.get("start")) is int and type(pos.get("end")) is int
            and 0 <= pos["start"] <= pos["end"]):
        raise ValueError(f"{where}: anchor 'position' needs integer start <= end, got {pos!r}")
    if not (isinstance(quote, Mapping) and isinstance(quote.get("exact"), str)):
        raise ValueError(f"{where}: anchor 'quote' needs an 'exact' string, got {quote!r}")


# ---------------------------------------------------------------- records

@dataclass(frozen=True)
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
            raise StoreError(f"record {self.key!r} ({self.kind}) has no anchor, so it is not a span")
        return _spans.Span(self.start, self.end, str(self.value.get("label", "")), str(self.value.get("note", "")))

    @classmethod
    def from_dict(cls, data: object, *, where: str = "record") -> "Record":
        """Validate one record; raise ValueError saying what was expected and what came."""
        if not isinstance(data, Mapping):
            raise ValueError(f"{where}: expected a JSON object, got {type(data).__name__}")
        schema = data.get("schema")
        if schema != SCHEMA:
            if type(schema) is int and schema > SCHEMA:
                raise ValueError(f"{where}: written by a newer version of the course (record schema {schema}; "
                                 f"this version reads schema {SCHEMA}); update the course package")
            raise ValueError(f"{where}: not a course record (expected \"schema\": {SCHEMA}, got {schema!r})")
        for name in ("time", "case_id", "doc_id", "key"):
            if not isinstance(data.get(name), str):
                raise ValueError(f"{where}: field {name!r} must be a string, got {data.get(name)!r}")
        if type(data.get("seq")) is not int or data["seq"] < 1:
            raise ValueError(f"{where}: field 'seq' must be a positive integer, got {data.get('seq')!r}")
        if data.get("op") not in OPS:
            raise ValueError(f"{where}: field 'op' must be one of {', '.join(OPS)}, got {data.get('op')!r}")
        if data.get("kind") not in KINDS:
            raise ValueError(f"{where}: kind {data.get('kind')!r} is not one of: {', '.join(KINDS)}")
        if not data["key"]:
            raise ValueError(f"{where}: field 'key' must not be empty")
        value = data.get("value", {})
        if not isinstance(value, dict):
            raise ValueError(f"{where}: field 'value' must be an object, got {type(value).__name__}")
        anchor = data.get("anchor")
        if anchor is not None:
            _check_anchor(anchor, where)
        return cls(SCHEMA, data["seq"], data["time"], data["op"], data["kind"], data["case_id"],
                   data["doc_id"], data["key"], value, anchor)


def _ident(r: Record) -> tuple[str, str, str, str]:
    return (r.kind, r.case_id, r.doc_id, r.key)


# ---------------------------------------------------------------- the store

class Store:
    """One student's work. Use :func:`open_store` or :func:`set_student` to get one.

    ``problems`` lists, in plain words, anything that could not be loaded (damaged lines,
    records whose text has gone). Problems are also logged as warnings on the
    ``medialit.store`` logger, which a notebook shows below the cell."""

    def __init__(self, student: str, *, root: str | os.PathLike | None = None) -> None:
        self.student = validate_pseudonym(student)
        self.root = Path(root) if root is not None else work_dir()
        self.path: Path = self.root / self.student / DATA_FILE
        self.problems: list[str] = []
        self.orphans: list[Record] = []     # anchored records whose quote is gone from the text
        self._lock = FileLock(str(self.path) + ".lock", timeout=LOCK_TIMEOUT,
                              thread_local=False, poll_interval=0.002)
        self._mutex = threading.RLock()
        self._history: list[Record] = []
        self._latest: dict[tuple[str, str, str, str], Record] = {}
        self._pos = 0                    # bytes of the file consumed (always at a line start)
        self._line = 0                   # lines consumed
        self._stat: tuple[int, int, int] | None = None   # (inode, size, mtime_ns) last seen
        self._torn = False               # file ends without a newline (a cut-off save)
        self._reported: set[int] = set()  # line numbers of damaged lines already reported
        self._seq = 0
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.refresh()

    def __repr__(self) -> str:
        return f"Store(student={self.student!r}, path={str(self.path)!r}, records={len(self._history)})"

    def _repr_html_(self) -> str:
        import html
        items = "".join(f"<li>{html.escape(p)}</li>" for p in self.problems)
        warn = f"<p><b>Problems</b></p><ul>{items}</ul>" if items else ""
        return (f"<div class='medialit-store'><p>Work of <b>{html.escape(self.student)}</b>: "
                f"{len(self._latest_live())} saved items, {len(self._history)} records in "
                f"<code>{html.escape(str(self.path))}</code></p>{warn}</div>")

    # -- reading

    def refresh(self, *, force: bool = False) -> bool:
        """Catch up with records other processes appended. Returns True if anything was read."""
        with self._mutex:
            try:
                st = os.stat(self.path)
            except FileNotFoundError:
                if self._history or self._pos:
                    self._reset()
                return False
            stat = (st.st_ino, st.st_size, st.st_mtime_ns)
            if stat == self._stat and not force:
                return False
            with self._locked():
                return self._read_new()

    def _reset(self) -> None:
        self._history, self._latest, self._reported = [], {}, set()
        self._pos = self._line = self._seq = 0
        self._stat, self._torn = None, False

    def _locked(self):
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreError(f"Could not lock {self._lock.lock_file} within {LOCK_TIMEOUT:.0f} s: another notebook "
                             "seems stuck while saving. Restart the other kernel and try again.") from None
        return _Release(self._lock)

    def _read_new(self) -> bool:
        """Parse complete lines appended since the last read. Call with the file lock held."""
        try:
            fh = open(self.path, "rb")
        except FileNotFoundError:
            return False
        with fh:
            st = os.fstat(fh.fileno())
            if self._stat and (st.st_ino != self._stat[0] or st.st_size < self._pos):
                self._reset()            # the file was replaced or truncated: read it again
            fh.seek(self._pos)
            data = fh.read()
            self._stat = (st.st_ino, st.st_size, st.st_mtime_ns)
        if not data:
            self._torn = False
            return False
        lines = data.split(b"\n")
        tail = lines.pop()               # b"" when the data ends with a newline
        new_damage: list[tuple[int, bytes]] = []
        for raw in lines:
            self._line += 1
            self._pos += len(raw) + 1
            self._parse(raw, self._line, new_damage)
        # A tail without newline, seen under the lock, is a save cut off mid-line. It stays
        # unconsumed (so it is re-read whole), and the next append starts on a fresh line.
        self._torn = bool(tail)
        if tail:
            self._report(self._line + 1, "incomplete line (the last save was cut off)", tail, new_damage)
        if new_damage:
            self._keep_aside(new_damage)
        return True

    def _parse(self, raw: bytes, lineno: int, damage: list) -> None:
        if not raw.strip():
            return                       # blank line, e.g. after a repaired cut-off save
        try:
            text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")   # tolerate a BOM from an editor
        except UnicodeDecodeError:
            return self._report(lineno, "not text (binary data)", raw, damage)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            return self._report(lineno, f"not valid JSON ({exc.msg} at column {exc.colno})", raw, damage)
        try:
            rec = Record.from_dict(data, where="record")
        except ValueError as exc:
            return self._report(lineno, str(exc).removeprefix("record: "), raw, damage)
        self._history.append(rec)
        self._latest[_ident(rec)] = rec
        self._seq = max(self._seq, rec.seq)

    def _report(self, lineno: int, why: str, raw: bytes, damage: list) -> None:
        damage.append((lineno, raw))
        if lineno in self._reported:
            return                       # e.g. a cut-off last line seen on an earlier read
        self._reported.add(lineno)
        if len(self._reported) <= MAX_LISTED:
            self._problem(f"{self.path} line {lineno}: {why}; this line was skipped and kept aside.")
        elif len(self._reported) == MAX_LISTED + 1:
            self._problem(f"{self.path}: more damaged lines from line {lineno} on; all are kept aside.")

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)
            log.warning(message)

    def _keep_aside(self, damage: list[tuple[int, bytes]]) -> None:
        """Copy damaged lines to a new ``work.jsonl.damaged-<n>``, skipping lines an existing
        backup already holds. Backups are never overwritten; the data file is left as it is."""
        existing = sorted(self.path.parent.glob(DATA_FILE + ".damaged-*"))
        kept: dict[Path, bytes] = {}
        for old in existing:
            try:
                kept[old] = old.read_bytes()
            except OSError:
                continue
        content = b""
        for n, raw in damage:
            chunk = f"# line {n}\n".encode() + raw + b"\n"
            where = next((old for old, data in kept.items() if chunk in data), None)
            if where is None:
                content += chunk
            else:
                self._problem(f"Damaged lines of {self.path} are kept in {where}.")
        if not content:
            return
        n = 1 + max((int(p.name.rsplit("-", 1)[1]) for p in existing
                     if p.name.rsplit("-", 1)[1].isdigit()), default=0)
        while True:
            backup = self.path.with_name(f"{DATA_FILE}.damaged-{n}")
            try:
                with open(backup, "xb") as fh:      # "x": never overwrite an earlier backup
                    fh.write(content)
                    fh.flush()
                    os.fsync(fh.fileno())
                break
            except FileExistsError:
                n += 1
        self._problem(f"Damaged lines of {self.path} were copied to {backup}.")

    # -- writing

    def put(self, kind: str, *, case_id: str, doc_id: str = "", key: str, value: dict,
            anchor: dict | None = None) -> Record:
        """Save one piece of work (a new item or an edit of ``key``). Durable when it returns."""
        _check_kind(kind)
        if not isinstance(value, dict):
            raise StoreError(f"value must be a dict of JSON data, got {type(value).__name__}")
        if anchor is not None:
            try:
                _check_anchor(anchor, f"{kind} {key!r}")
            except ValueError as exc:
                raise StoreError(str(exc)) from None
        elif kind == "span":
            raise StoreError("a span needs an anchor: pass anchor=medialit.spans.anchor(text, start, end)")
        return self._append("put", kind, case_id, doc_id, key, value, anchor)

    def put_span(self, *, case_id: str, doc_id: str, text: str, start: int, end: int,
                 label: str, note: str = "", key: str | None = None) -> Record:
        """Shortcut: save a labelled span of ``text`` (the document's text) with its anchor."""
        return self.put("span", case_id=case_id, doc_id=doc_id, key=key or new_key("span"),
                        value={"label": label, "note": note}, anchor=_spans.anchor(text, start, end))

    def delete(self, kind: str, *, case_id: str, doc_id: str = "", key: str) -> Record:
        """Record that ``key`` was deleted. Its history stays in the file."""
        _check_kind(kind)
        return self._append("delete", kind, case_id, doc_id, key, {}, None)

    def _append(self, op, kind, case_id, doc_id, key, value, anchor) -> Record:
        for name, v in (("case_id", case_id), ("doc_id", doc_id), ("key", key)):
            if not isinstance(v, str):
                raise StoreError(f"{name} must be a string, got {v!r}")
        if not key:
            raise StoreError("key must not be empty; use medialit.store.new_key(kind) for a fresh one")
        with self._mutex, self._locked():
            self._read_new()             # catch up with other writers; learn the last seq
            draft = Record(SCHEMA, self._seq + 1, _now(), op, kind, case_id, doc_id, key, value, anchor)
            try:
                text = json.dumps(draft.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":"))
            except (TypeError, ValueError) as exc:
                raise StoreError(f"value for {kind} {key!r} is not plain JSON data: {exc}") from None
            # keep what was written, not the caller's dicts (which they may change later)
            rec = Record.from_dict(json.loads(text))
            line = text.encode("utf-8") + b"\n"
            torn = self._torn
            if torn:
                line = b"\n" + line      # end the cut-off line so it cannot swallow this record
            self._write(line)
            # the cut-off line (already reported, now complete but damaged) and ours are consumed
            self._pos += len(line) + (self._stat[1] - self._pos if torn and self._stat else 0)
            self._line += 2 if torn else 1
            self._torn = False
            st = os.stat(self.path)
            self._stat = (st.st_ino, st.st_size, st.st_mtime_ns)
            self._history.append(rec)
            self._latest[_ident(rec)] = rec
            self._seq = rec.seq
            return rec

    def _write(self, data: bytes) -> None:
        created = not self.path.exists()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(data)
            while view:
                n = os.write(fd, view)
                view = view[n:]
            os.fsync(fd)
        except OSError as exc:
            raise StoreError(f"Could not save to {self.path}: {exc}") from exc
        finally:
            os.close(fd)
        if created:                      # make the new file's directory entry durable too
            try:
                dfd = os.open(self.path.parent, os.O_RDONLY)
            except OSError:              # e.g. Windows cannot open a directory; skip
                return
            try:
                os.fsync(dfd)
            except OSError:
                pass
            finally:
                os.close(dfd)

    # -- queries

    def _latest_live(self) -> list[Record]:
        return sorted((r for r in self._latest.values() if r.op == "put"), key=lambda r: r.seq)

    @staticmethod
    def _match(r: Record, kind, case_id, doc_id, key=None) -> bool:
        return ((kind is None or r.kind == kind) and (case_id is None or r.case_id == case_id)
                and (doc_id is None or r.doc_id == doc_id) and (key is None or r.key == key))

    def records(self, kind: str | None = None, *, case_id: str | None = None,
                doc_id: str | None = None) -> list[Record]:
        """Latest non-deleted records, oldest first (no key collisions across kinds or cases)."""
        if kind is not None:
            _check_kind(kind)
        self.refresh()
        with self._mutex:
            return [r for r in self._latest_live() if self._match(r, kind, case_id, doc_id)]

    def latest(self, kind: str | None = None, *, case_id: str | None = None,
               doc_id: str | None = None) -> dict[str, Record]:
        """key -> latest non-deleted record. Re-reads the file if another process appended.

        Keys are unique per kind, case and document; filter by ``kind`` and ``case_id`` when
        keys could repeat (use :meth:`records` for everything without collisions)."""
        return {r.key: r for r in self.records(kind, case_id=case_id, doc_id=doc_id)}

    def history(self, kind: str | None = None, *, case_id: str | None = None,
                doc_id: str | None = None, key: str | None = None) -> list[Record]:
        """Every record (puts and deletes) in the order saved."""
        if kind is not None:
            _check_kind(kind)
        self.refresh()
        with self._mutex:
            return [r for r in self._history if self._match(r, kind, case_id, doc_id, key)]

    def spans_for(self, case_id: str, doc_id: str, text: str, *, kind: str = "span") -> dict[str, Record]:
        """Anchored records of one document, placed on ``text`` as it is now.

        A record whose checksum still matches is returned as saved. Otherwise its quote is
        found again (:func:`medialit.spans.reanchor`) and the record comes back with a fresh
        anchor; if the quote is gone, the record is listed in :attr:`orphans` and
        :attr:`problems` (it stays in the file) and is left out of the result."""
        current = _spans.checksum(text)
        out: dict[str, Record] = {}
        for key, rec in self.latest(kind, case_id=case_id, doc_id=doc_id).items():
            if not rec.anchor:
                continue
            if rec.anchor["checksum"] == current:
                pos = rec.anchor["position"]
                if pos["end"] <= len(text):
                    out[key] = rec
                    continue
            q = rec.anchor["quote"]
            found = _spans.reanchor(text, rec.start, rec.end, q["exact"], q.get("prefix", ""), q.get("suffix", ""))
            if found is None:
                if rec not in self.orphans:
                    self.orphans.append(rec)
                self._problem(f"{self.path}: the {kind} {key!r} in {case_id}/{doc_id} marks "
                              f"\u201c{_short(q['exact'])}\u201d, which is no longer in the text; it is kept "
                              "in your history but cannot be shown.")
                continue
            out[key] = replace(rec, anchor=_spans.anchor(text, *found))
        return out

    # -- export

    def export(self, path: str | os.PathLike | None = None, *, history: bool = False) -> Path:
        """Write one JSON file for submission (latest work, or every record with history=True)."""
        recs = self.history() if history else self.records()
        doc = {"schema": EXPORT_SCHEMA, "version": EXPORT_VERSION, "student": self.student,
               "exported": _now(), "records": [r.to_dict() for r in recs]}
        target = Path(path) if path is not None else self.path.parent / f"{self.student}.medialit-work.json"
        _write_atomic(target, json.dumps(doc, ensure_ascii=False, indent=1))
        return target

    def web_annotations(self) -> dict:
        """Span records as a W3C Web Annotation AnnotationCollection (JSON-LD, as a dict)."""
        items = [_annotation(r, self.student) for r in self.records() if r.anchor and r.kind == "span"]
        return {"@context": ANNO_CONTEXT, "id": f"urn:medialit:work:{self.student}",
                "type": "AnnotationCollection", "label": f"Span annotations by {self.student}",
                "total": len(items),
                "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}

    def export_web_annotation(self, path: str | os.PathLike | None = None) -> Path:
        """Write :meth:`web_annotations` to a .jsonld file."""
        target = Path(path) if path is not None else self.path.parent / f"{self.student}.annotations.jsonld"
        _write_atomic(target, json.dumps(self.web_annotations(), ensure_ascii=False, indent=1))
        return target


class _Release:
    def __init__(self, lock: FileLock) -> None:
        self.lock = lock

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: Any) -> None:
        self.lock.release()


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


def _annotation(r: Record, student: str) -> dict:
    body = [{"type": "TextualBody", "value": str(r.value.get("label", "")), "purpose": "tagging"}]
    if r.value.get("note"):
        body.append({"type": "TextualBody", "value": str(r.value["note"]), "purpose": "commenting"})
    return {
        "id": f"urn:medialit:work:{student}:{r.key}", "type": "Annotation",
        "motivation": "tagging", "created": r.time,
        "creator": {"type": "Person", "nickname": student},
        "body": body,
        "target": {"source": doc_urn(r.case_id, r.doc_id),
                   "selector": [dict(r.anchor["position"]), dict(r.anchor["quote"])]},
    }


def _write_atomic(target: Path, text: str) -> None:
    """Write, fsync, rename: readers see the old file or the new one, never half."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"Could not write {target}: {exc}") from exc


# ---------------------------------------------------------------- students

def _root(root) -> Path:
    return Path(root) if root is not None else work_dir()


def set_student(pseudonym: str, *, root: str | os.PathLike | None = None) -> Store:
    """Choose the pseudonym (lesson 00), remember it in ``<root>/.student`` and open its store."""
    validate_pseudonym(pseudonym)
    base = _root(root)
    _write_atomic(base / STUDENT_FILE, pseudonym + "\n")
    return Store(pseudonym, root=base)


def current_student(*, root: str | os.PathLike | None = None) -> str | None:
    """The pseudonym chosen in lesson 00, or None if none was chosen yet."""
    path = _root(root) / STUDENT_FILE
    try:
        name = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"Could not read {path}: {exc}. Run lesson 00 again to choose your pseudonym.") from exc
    try:
        return validate_pseudonym(name)
    except StoreError:
        raise StoreError(f"{path} does not hold a valid pseudonym (got {name[:50]!r}); "
                         "run lesson 00 again to choose your pseudonym.") from None


def open_store(student: str | None = None, *, root: str | os.PathLike | None = None) -> Store:
    """Open a student's store; with no student, the one chosen in lesson 00."""
    if student is None:
        student = current_student(root=root)
        if student is None:
            raise StoreError("No pseudonym chosen yet: run lesson 00 first "
                             "(medialit.store.set_student('your-pseudonym')).")
    return Store(student, root=root)


# ---------------------------------------------------------------- import

def load_export(path: str | os.PathLike) -> dict:
    """Read and validate an exported work file; raise WorkImportError naming the file and the problem.

    Returns the parsed document; ``records`` holds plain dicts, each a valid record."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WorkImportError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise WorkImportError(f"{path}: not a text file (expected an exported course JSON file).") from None
    except json.JSONDecodeError as exc:
        raise WorkImportError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                              "expected a file made by Store.export().") from None
    if not isinstance(doc, dict):
        raise WorkImportError(f"{path}: expected a JSON object with \"schema\": \"{EXPORT_SCHEMA}\", "
                              f"got a {type(doc).__name__}.")
    if doc.get("schema") != EXPORT_SCHEMA:
        hint = " (this looks like Web Annotation JSON-LD; submit the course export)" if "@context" in doc else ""
        raise WorkImportError(f"{path}: not a course work file: expected \"schema\": \"{EXPORT_SCHEMA}\", "
                              f"got {doc.get('schema')!r}{hint}.")
    version = doc.get("version")
    if version != EXPORT_VERSION:
        newer = type(version) is int and version > EXPORT_VERSION
        raise WorkImportError(f"{path}: work file version {version!r}; this course reads version {EXPORT_VERSION}"
                              + (" (it was written by a newer version; update the course package)." if newer else "."))
    try:
        validate_pseudonym(doc.get("student"))
    except StoreError as exc:
        raise WorkImportError(f"{path}: field 'student': {exc}") from None
    if not isinstance(doc.get("exported"), str):
        raise WorkImportError(f"{path}: field 'exported' must be a time string, got {doc.get('exported')!r}.")
    records = doc.get("records")
    if not isinstance(records, list):
        raise WorkImportError(f"{path}: field 'records' must be a list, got {type(records).__name__}.")
    for i, rec in enumerate(records):
        try:
            Record.from_dict(rec, where=f"records[{i}]")
        except ValueError as exc:
            raise WorkImportError(f"{path}: {exc}.") from None
    return doc


def records_of(doc: Mapping) -> list[Record]:
    """The records of a validated export (from :func:`load_export`) as :class:`Record` objects."""
    return [Record.from_dict(r) for r in doc["records"]]

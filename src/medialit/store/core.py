"""The store of one student's work: opening, appending, queries, export."""
from __future__ import annotations

import os
import stat
import threading
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from .. import spans as _spans
from ..errors import StoreError
from ..paths import work_dir
from . import exchange, files
from .damage import Backups
from .reading import MAX_LISTED, Reader, log
from .records import (SCHEMA, Record, check_anchor, check_kind, dumps_line, loads_strict, new_key, said, shown,
                      validate_pseudonym)

__all__ = ["Store", "DATA_FILE", "LOCK_TIMEOUT", "MAX_LISTED", "log"]

DATA_FILE = "work.jsonl"
LOCK_TIMEOUT = 30.0             # seconds to wait for another notebook's write


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "\u2026"


class Store(Reader):
    """One student's work. Use :func:`open_store` or :func:`set_student` to get one.

    ``problems`` lists, in plain words, anything that could not be loaded (damaged lines,
    records whose text has gone, a folder that is read-only). Problems are also logged as
    warnings on the ``medialit.store`` logger, which a notebook shows below the cell; listed
    terms in them are masked. ``read_only`` is True when the work folder cannot be written:
    the work is still read, and :meth:`export` writes wherever the caller says."""

    def __init__(self, student: str, *, root: str | os.PathLike | None = None) -> None:
        self.student = validate_pseudonym(student)
        self.root = Path(root) if root is not None else work_dir()
        self.folder = self.root / self.student
        self.path: Path = self.folder / DATA_FILE
        self.problems: list[str] = []
        self.orphans: list[Record] = []     # anchored records whose quote is gone from the text
        self.read_only = False
        self._lock = files.Lock(self.folder / (DATA_FILE + ".lock"), LOCK_TIMEOUT)
        self._mutex = threading.RLock()
        self._backups = Backups(self.path)
        self._reset()
        self._ensure_folder()
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

    def _ensure_folder(self, *, write: bool = False) -> None:
        """The pseudonym folder is a real folder (never a link), created mode 0700 if missing.
        A folder that cannot be made in a read-only place is an error only when saving."""
        if files.check_kind_of(self.folder, folder=True) is not None:
            return
        try:
            files.make_folder(self.folder)
        except OSError as exc:
            if write or exc.errno not in files.DENIED:
                raise StoreError(files.explain(exc, self.folder, "create the folder")) from None

    # -- writing

    def put(self, kind: str, *, case_id: str, doc_id: str = "", key: str, value: dict,
            anchor: dict | None = None) -> Record:
        """Save one piece of work (a new item or an edit of ``key``). Durable when it returns."""
        check_kind(kind)
        if not isinstance(value, dict):
            raise StoreError(f"value must be a dict of JSON data, got {type(value).__name__}")
        if anchor is not None:
            try:
                check_anchor(anchor, f"{kind} {said(key)}")
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
        check_kind(kind)
        return self._append("delete", kind, case_id, doc_id, key, {}, None)

    def _append(self, op, kind, case_id, doc_id, key, value, anchor) -> Record:
        for name, v in (("case_id", case_id), ("doc_id", doc_id), ("key", key)):
            if not isinstance(v, str):
                raise StoreError(f"{name} must be a string, got {said(v)}")
        if not key:
            raise StoreError("key must not be empty; use medialit.store.new_key(kind) for a fresh one")
        with self._mutex:
            self._ensure_folder(write=True)
            files.check_kind_of(self.path, folder=False)
            self._lock.acquire(write=True)
            try:
                self._read_new(locked=True)      # catch up with other writers; learn the last seq
                draft = Record(SCHEMA, self._seq + 1, _now(), op, kind, case_id, doc_id, key, value, anchor)
                try:
                    text = dumps_line(draft.to_dict())
                    data = text.encode("utf-8")
                    # keep what was written, not the caller's dicts (which they may change later)
                    rec = Record.from_dict(loads_strict(text))
                except (TypeError, ValueError, RecursionError) as exc:
                    reason = ("it holds text that is not valid Unicode" if isinstance(exc, UnicodeError)
                              else "nested too deeply" if isinstance(exc, RecursionError) else exc)
                    raise StoreError(f"value for {kind} {said(key)} is not plain JSON data: {reason}") from None
                prefix = b"\n" if (self._open_line or self._tail) else b""   # end a line left open
                line = prefix + data + b"\n"
                st = self._write(line)
                self._line += 2 if self._tail else 1
                self._pos += self._tail + len(line)
                self._tail, self._open_line = 0, False
                self._stat = (st.st_ino, st.st_size, st.st_mtime_ns)
                self._add(rec)
                return rec
            finally:
                self._lock.release()

    def _write(self, data: bytes) -> os.stat_result:
        """Append ``data`` with fsync. A failed append is cut back off, so a full disk leaves
        no half line behind."""
        try:
            fd, created = files.open_nofollow(self.path, os.O_WRONLY | os.O_APPEND, create=True)
        except OSError as exc:
            raise StoreError(files.explain(exc, self.path, "save to")) from None
        try:
            before = os.fstat(fd)
            if not stat.S_ISREG(before.st_mode):
                raise StoreError(f"{self.path} should be a file but is not a regular file. Move it away, then try again.")
            try:
                view = memoryview(data)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                os.fsync(fd)
                return os.fstat(fd)
            except OSError as exc:
                try:
                    os.ftruncate(fd, before.st_size)
                except OSError:
                    pass                  # the cut-off line is reported and skipped when read
                raise StoreError(files.explain(exc, self.path, "save to")) from None
        finally:
            os.close(fd)
            if created:                   # make the new file's directory entry durable too
                files.sync_folder(self.folder)

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
            check_kind(kind)
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
            check_kind(kind)
        self.refresh()
        with self._mutex:
            return [r for r in self._history if self._match(r, kind, case_id, doc_id, key)]

    def spans_for(self, case_id: str, doc_id: str, text: str, *, kind: str = "span") -> dict[str, Record]:
        """Anchored records of one document, placed on ``text`` as it is now.

        A record whose checksum still matches is returned as saved. Otherwise its quote is
        found again (:func:`medialit.spans.reanchor`) and the record comes back with a fresh
        anchor; if the quote is gone, the record is listed in :attr:`orphans` and
        :attr:`problems` (it stays in the file) and is left out of the result. The message
        shows the quote with listed terms masked."""
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
                self._problem(f"{self.path}: the {kind} {said(key)} in {shown(case_id)}/{shown(doc_id)} marks "
                              f"\u201c{_short(shown(q['exact']))}\u201d, which is no longer in the text; it is kept "
                              "in your history but cannot be shown.")
                continue
            out[key] = replace(rec, anchor=_spans.anchor(text, *found))
        return out

    # -- export

    def _export_to(self, path, default: str, write) -> Path:
        target = Path(path) if path is not None else self.folder / default
        try:
            write(target)
        except StoreError as exc:
            if path is not None:
                raise
            raise StoreError(f"{exc} To export anyway, give a file in a folder you can write, for example "
                             f"store.export('/a/folder/you/own/{default}').") from None
        return target

    def export(self, path: str | os.PathLike | None = None, *, history: bool = False) -> Path:
        """Write one JSON file for submission (latest work, or every record with history=True).

        The file is written record by record (memory stays small however large the store)
        through a private temporary file that is then renamed. A read-only work folder still
        exports to any ``path`` the caller can write."""
        recs = self.history() if history else self.records()
        return self._export_to(path, f"{self.student}.medialit-work.json",
                               lambda t: exchange.write_export(t, self.student, _now(), recs))

    def web_annotations(self) -> dict:
        """Span records as a W3C Web Annotation AnnotationCollection (JSON-LD, as a dict)."""
        return exchange.web_annotations(self.student, self.records())

    def export_web_annotation(self, path: str | os.PathLike | None = None) -> Path:
        """Write :meth:`web_annotations` to a .jsonld file."""
        doc = self.web_annotations()
        return self._export_to(path, f"{self.student}.annotations.jsonld",
                               lambda t: exchange.write_json(t, doc))

"""Reading a store's file: new lines since the last read, damaged lines reported and kept
aside, a last line without its newline, seq tracking. :class:`Reader` is the base of
:class:`medialit.store.Store`; it keeps the parsed history and the read position."""
from __future__ import annotations

import json
import logging
import os
import re
import stat
import threading
from pathlib import Path

from ..errors import StoreError
from . import files
from .damage import Backups
from .records import MAX_INT, JSONRejected, Record, ident, loads_strict

log = logging.getLogger("medialit.store")

MAX_LISTED = 10                 # damaged lines listed one by one before summarising
_SEQ_IN = re.compile(rb'"seq"\s*:\s*(\d{1,16})(?!\d)')


class Reader:
    """The parsed history of one data file, read incrementally (see :meth:`refresh`)."""

    path: Path
    folder: Path
    problems: list[str]
    read_only: bool
    _lock: files.Lock
    _backups: Backups
    _mutex: "threading.RLock"

    def _reset(self) -> None:
        self._history: list[Record] = []
        self._latest: dict[tuple[str, str, str, str], Record] = {}
        self._pos = 0                 # bytes of the file consumed
        self._line = 0                # lines consumed
        self._seq = 0                 # the highest seq seen, in records and in damaged lines
        self._stat: tuple[int, int, int] | None = None   # (inode, size, mtime_ns) last seen
        self._open_line = False       # the last line consumed was a whole record without its newline
        self._tail = 0                # bytes of a damaged last line without newline (not consumed)
        self._tail_line = 0           # the line number of that line, once reported
        self._damaged = 0             # damaged lines reported

    def _problem(self, message: str) -> None:
        if message not in self.problems:
            self.problems.append(message)
            log.warning(message)

    def refresh(self, *, force: bool = False) -> bool:
        """Catch up with records other processes appended. Returns True if anything was read."""
        with self._mutex:
            files.check_kind_of(self.folder, folder=True)
            st = files.check_kind_of(self.path, folder=False)
            if st is None:
                if self._history or self._pos:
                    self._reset()
                return False
            if (st.st_ino, st.st_size, st.st_mtime_ns) == self._stat and not force:
                return False
            locked = self._lock.acquire(write=False)
            try:
                if not locked and not self.read_only:
                    self.read_only = True
                    why = (f"{self.folder} is read-only for you." if not os.access(self.folder, os.W_OK)
                           else str(self._lock.denied))
                    self._problem(f"{why} Your saved work is shown, but new work cannot be saved there. To hand "
                                  "it in, export it to a folder you can write: "
                                  "store.export('/a/folder/you/own/work.json').")
                return self._read_new(locked=locked)
            finally:
                if locked:
                    self._lock.release()

    def _read_new(self, *, locked: bool) -> bool:
        """Parse the lines appended since the last read (with the lock held, or in a folder
        nobody can write). A whole record on the last line counts even without its newline."""
        try:
            fd, _ = files.open_nofollow(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreError(files.explain(exc, self.path, "read")) from None
        aside = _LazyAside(self._backups, locked)
        try:
            with os.fdopen(fd, "rb", buffering=1 << 16) as fh:
                st = os.fstat(fh.fileno())
                if not stat.S_ISREG(st.st_mode):
                    raise StoreError(f"{self.path} should be a file but is not a regular file. Move it away, then try again.")
                if self._stat and (st.st_ino != self._stat[0] or st.st_size < self._pos):
                    self._reset()             # the file was replaced or truncated: read it again
                self._stat = (st.st_ino, st.st_size, st.st_mtime_ns)
                fh.seek(self._pos)
                if self._open_line:
                    first = fh.read(1)
                    if not first:
                        return False
                    self._open_line = False
                    if first == b"\n":        # the newline of the record we took without one
                        self._pos += 1
                    else:
                        fh.seek(self._pos)
                read = False
                for raw in fh:
                    read = True
                    if raw.endswith(b"\n"):
                        self._line += 1
                        self._pos += len(raw)
                        self._tail = 0
                        self._parse(raw[:-1], self._line, aside)
                    else:
                        self._take_last(raw, locked, aside)
        except OSError as exc:
            raise StoreError(files.explain(exc, self.path, "read")) from None
        finally:
            self._finish_aside(aside)
        return read

    def _decode(self, raw: bytes, lineno: int) -> tuple[Record | None, str]:
        """The record on one line, or None and why the line is damaged."""
        try:
            text = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")   # tolerate a BOM from an editor
        except UnicodeDecodeError:
            return None, "not text (binary data)"
        try:
            data = loads_strict(text)
        except json.JSONDecodeError as exc:
            return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
        except JSONRejected as exc:
            return None, f"refused: {exc}"
        try:
            return Record.from_dict(data, where="record"), ""
        except ValueError as exc:
            return None, str(exc).removeprefix("record: ")

    def _parse(self, raw: bytes, lineno: int, aside: "_LazyAside") -> None:
        if not raw.strip():
            return                        # blank line, e.g. after a repaired cut-off save
        rec, why = self._decode(raw, lineno)
        if rec is None:
            self._damage(lineno, why, raw, aside)
        else:
            self._add(rec)

    def _take_last(self, raw: bytes, locked: bool, aside: "_LazyAside") -> None:
        """The last line has no newline: a whole record counts; anything else is a save cut
        off (reported, kept aside, read again next time; the next save starts a fresh line)."""
        if not raw.strip():
            return
        lineno = self._line + 1
        rec, _ = self._decode(raw, lineno)
        if rec is not None:
            self._line, self._pos, self._open_line = lineno, self._pos + len(raw), True
            self._add(rec)
        elif locked:                      # without the lock it may be a save still being written
            self._tail = len(raw)
            self._damage(lineno, "incomplete line (the last save was cut off)", raw, aside)
            self._tail_line = lineno

    def _add(self, rec: Record) -> None:
        self._history.append(rec)
        self._latest[ident(rec)] = rec
        if rec.seq > self._seq:
            self._seq = rec.seq

    def _damage(self, lineno: int, why: str, raw: bytes, aside: "_LazyAside") -> None:
        m = _SEQ_IN.search(raw)           # a damaged record's seq is never given out again
        if m and self._seq < int(m.group(1)) <= MAX_INT:
            self._seq = int(m.group(1))
        aside.add(lineno, raw)
        if lineno == self._tail_line:
            return                        # reported when it was a cut-off last line
        self._damaged += 1
        if self._damaged <= MAX_LISTED:
            self._problem(f"{self.path} line {lineno}: {why}; this line was skipped and kept aside.")
        elif self._damaged == MAX_LISTED + 1:
            self._problem(f"{self.path}: more damaged lines from line {lineno} on; all are kept aside.")

    def _finish_aside(self, aside: "_LazyAside") -> None:
        if aside.pass_ is None:
            if aside.skipped:
                self._problem(f"Damaged lines of {self.path} could not be copied aside (the folder is read-only); "
                              "they stay in the file, and everything else loads.")
            return
        new = aside.pass_.finish()
        if new:
            self._problem(f"Damaged lines of {self.path} were copied to {self.folder / new}.")
        for name in sorted(aside.pass_.kept_in):
            self._problem(f"Damaged lines of {self.path} are kept in {self.folder / name}.")
        if aside.pass_.error:
            self._problem(f"{aside.pass_.error} (The damaged lines of {self.path} stay in the file; "
                          "everything else loads.)")


class _LazyAside:
    """Starts keeping damaged lines aside at the first one (only with the lock held)."""

    def __init__(self, backups: Backups, locked: bool) -> None:
        self.backups, self.locked = backups, locked
        self.pass_ = None
        self.skipped = False

    def add(self, lineno: int, raw: bytes) -> None:
        if not self.locked:
            self.skipped = True
            return
        if self.pass_ is None:
            self.pass_ = self.backups.start()
        self.pass_.add(lineno, raw)

"""Damaged lines of a store kept aside in ``work.jsonl.damaged-<n>``, each line written once.

A backup holds pairs of lines: ``# line <n>`` and the damaged line as it was. Existing
backups are read once per store (their lines hashed into a set), so telling whether a
damaged line is already kept costs one hash, and new damage streams into one new backup:
linear in the size of the damage, however often the store is opened. Backups are never
overwritten; a backup that cannot be written completely is removed again, and the damaged
lines simply stay where they are (the data file is never rewritten)."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from . import files

_HEADER = re.compile(rb"# line (\d+)\n")


def _digest(lineno: int, raw: bytes) -> int:
    h = hashlib.blake2b(b"%d\n" % lineno, digest_size=8)
    h.update(raw)
    return int.from_bytes(h.digest(), "little")


class Backups:
    """The backups of one data file, and the damaged lines they already hold."""

    def __init__(self, data: Path) -> None:
        self.data = data
        self.prefix = data.name + ".damaged-"
        self._kept: dict[int, str] = {}      # digest of (line number, line) -> backup name
        self._seen: set[str] = set()         # backups already read

    def _numbers(self) -> dict[str, int]:
        try:
            names = os.listdir(self.data.parent)
        except OSError:
            return {}
        return {n: int(n[len(self.prefix):]) for n in names
                if n.startswith(self.prefix) and n[len(self.prefix):].isdigit()}

    def _scan(self) -> dict[str, int]:
        numbers = self._numbers()
        for name in sorted(set(numbers) - self._seen, key=numbers.get):
            self._seen.add(name)
            try:
                fd, _ = files.open_nofollow(self.data.parent / name, os.O_RDONLY)
            except OSError:
                continue
            try:
                with os.fdopen(fd, "rb") as fh:
                    header = None
                    for line in fh:
                        if header is None:
                            m = _HEADER.fullmatch(line)
                            header = int(m.group(1)) if m else None
                            continue
                        if line.endswith(b"\n"):   # an unfinished last pair is not a kept line
                            self._kept.setdefault(_digest(header, line[:-1]), name)
                        header = None
            except OSError:
                continue                            # unreadable: its lines are copied again
        return numbers

    def start(self) -> "Aside":
        return Aside(self)


class Aside:
    """One pass of keeping damaged lines aside: :meth:`add` each, then :meth:`finish`."""

    def __init__(self, backups: Backups) -> None:
        self.b = backups
        self._scanned = False
        self._numbers: dict[str, int] = {}
        self._fh = None
        self._path: Path | None = None
        self._pending: list[int] = []
        self.kept_in: set[str] = set()
        self.error: str | None = None

    def add(self, lineno: int, raw: bytes) -> None:
        if not self._scanned:
            self._numbers = self.b._scan()
            self._scanned = True
        d = _digest(lineno, raw)
        where = self.b._kept.get(d)
        if where is not None:
            self.kept_in.add(where)
            return
        if self.error is not None:
            return
        try:
            if self._fh is None:
                self._open()
            self._fh.write(b"# line %d\n" % lineno + raw + b"\n")
            self._pending.append(d)
        except OSError as exc:
            self._fail(exc)

    def _open(self) -> None:
        n = 1 + max(self._numbers.values(), default=0)
        while True:
            path = self.b.data.with_name(f"{self.b.prefix}{n}")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | files.NOFOLLOW | files.CLOEXEC
                             | files.BINARY, files.FILE_MODE)
                break
            except FileExistsError:  # never overwrite an earlier backup
                n += 1
        files._private(fd)
        self._path = path
        self._fh = os.fdopen(fd, "wb")

    def _fail(self, exc: OSError) -> None:
        self.error = files.explain(exc, self._path or self.b.data.parent, "copy damaged lines to")
        if self._fh is not None:
            try:
                self._fh.close()
            except OSError:
                pass
            self._fh = None
        if self._path is not None:
            try:
                os.unlink(self._path)   # no empty or partial backups
            except OSError:
                pass
        self._path, self._pending = None, []

    def finish(self) -> str | None:
        """Close the new backup (fsynced); returns its name, or None if none was needed."""
        if self._fh is None:
            return None
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
        except OSError as exc:
            self._fail(exc)
            return None
        self._fh = None
        name = self._path.name
        for d in self._pending:
            self.b._kept[d] = name
        self.b._seen.add(name)
        self._pending = []
        return name

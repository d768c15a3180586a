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
  :meth:`Store.put` returns. A save that fails (a full disk) is cut back off the file and
  raises a :class:`~medialit.errors.StoreError`; nothing saved before is touched.
- Shared: writers take a file lock (``work.jsonl.lock``), catch up on what other
  processes appended, then append; two notebooks open at once lose nothing. ``seq``
  never repeats: it follows the highest seq in the file, damaged lines included.
- History: edits are new ``put`` records with the same key, deletions are ``delete``
  records; the latest wins and nothing is rewritten.
- Damage: a line that is not a valid record is reported in :attr:`Store.problems` (file
  and line), copied aside to ``work.jsonl.damaged-<n>`` (once, however often the store is
  opened) and skipped; everything else loads. A last line that is a whole record but lacks
  its newline counts as saved. The data file itself is never rewritten.
- Private and plain: folders are created mode 0700 and files 0600 whatever the umask; no
  symbolic link is followed (a linked data file, lock or pseudonym folder is refused).
  A read-only work folder is still read and exported (to a path the caller gives).
- Errors: every failure a student can meet is a StoreError (an export that fails its
  checks a :class:`~medialit.errors.WorkImportError`) naming the file and what to do;
  listed terms in messages are masked (:mod:`medialit.safety`).

Modules: :mod:`.records` (the record and strict JSON), :mod:`.files` (modes, links, lock,
messages), :mod:`.damage` (backups), :mod:`.reading` (parsing the file), :mod:`.core` (the
store), :mod:`.exchange` (export and import), :mod:`.students` (the chosen pseudonym).
"""
from __future__ import annotations

from ..errors import StoreError, WorkImportError
from ..paths import work_dir
from .core import DATA_FILE, LOCK_TIMEOUT, MAX_LISTED, Store, log
from .exchange import (ANNO_CONTEXT, EXPORT_SCHEMA, EXPORT_VERSION, MAX_EXPORT_BYTES, load_export,
                       records_of)
from .records import KINDS, MAX_DEPTH, MAX_INT, OPS, SCHEMA, Record, doc_urn, new_key, validate_pseudonym
from .students import STUDENT_FILE, check_new_pseudonym, current_student, open_store, set_student

__all__ = [
    "KINDS", "OPS", "SCHEMA", "EXPORT_SCHEMA", "EXPORT_VERSION", "ANNO_CONTEXT",
    "Record", "Store", "set_student", "check_new_pseudonym", "current_student", "open_store", "load_export",
    "validate_pseudonym", "new_key", "doc_urn",
    "records_of", "MAX_EXPORT_BYTES", "MAX_DEPTH", "MAX_INT",
]

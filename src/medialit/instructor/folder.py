"""A whole folder of exports: read every file (on several cores for a large class), drop
exact copies and older exports of the same pseudonym, and grade what is left.

Which export of a pseudonym is used:

- the newest by its ``exported`` time (in UTC; a time without a zone is read as UTC), the
  later file name on a tie; the others are listed as older exports;
- an export dated more than a day (``CLOCK_SKEW``) after the report is run is listed as dated
  in the future and never used: it would otherwise beat every real export;
- ``guest`` exports (made before a pseudonym was chosen in lesson 00) are never compared with
  each other, as they may be different students': each is its own entry, ``guest (<file>)``.
- a file with exactly the same bytes as one read before is listed as an exact copy.

Large folders are read by worker processes forked from this one, so they share the loaded
case and keys and only small results travel back (a graded student, never the records).
``jobs=1`` (or ``MEDIALIT_JOBS=1``) reads in this process; platforms without ``fork`` always do.
"""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Iterator

from ..session import GUEST
from . import skips
from .submissions import MAX_BYTES, Skipped, Submission, read_submission, scan

__all__ = ["read_folder", "PARALLEL_FROM", "CLOCK_SKEW"]

PARALLEL_FROM = 400          # files; below this, starting workers costs more than it saves
CHUNK = 40                   # files per task sent to a worker
CLOCK_SKEW = timedelta(days=1)   # how far after the report's run an export may be dated

_GRADE: Callable[[Submission], Any] | None = None   # set before forking; the workers inherit it
_MAX_BYTES = MAX_BYTES


def _read_one(name: str, path: Path, grade, max_bytes: int) -> tuple:
    try:
        sub = read_submission(path, name, max_bytes=max_bytes)
    except ValueError as exc:        # Refused, with its advice; anything else is a damaged file
        return ("skip", Skipped(name, str(exc), getattr(exc, "advice", skips.EXPORT_AGAIN)))
    if sub.pseudonym == GUEST:       # guests may be different students: each file is its own entry
        sub.pseudonym = f"{GUEST} ({name})"
    result = grade(sub) if grade is not None else None
    if grade is not None:
        sub.records = []             # a graded student is small; the records are not kept
    return ("ok", sub, result, path)


def _read_chunk(chunk: list[tuple[str, str]]) -> list[tuple]:
    with _gc_paused():
        return [_read_one(name, Path(path), _GRADE, _MAX_BYTES) for name, path in chunk]


def _jobs(jobs: int | None, n: int) -> int:
    if jobs is None:
        env = os.environ.get("MEDIALIT_JOBS")
        jobs = int(env) if env and env.isdigit() else (min(os.cpu_count() or 1, 4) if n >= PARALLEL_FROM else 1)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, jobs)


def _read_all(found: list[tuple[str, Path]], grade, max_bytes: int, jobs: int, progress: bool | None) -> Iterator:
    global _GRADE, _MAX_BYTES
    if jobs <= 1:
        with _gc_paused():
            for name, path in _progress(found, progress, len(found)):
                yield _read_one(name, path, grade, max_bytes)
        return
    chunks = [[(n, str(p)) for n, p in found[i:i + CHUNK]] for i in range(0, len(found), CHUNK)]
    _GRADE, _MAX_BYTES = grade, max_bytes
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            bar = _progress(None, progress, len(found))
            for part in pool.imap(_read_chunk, chunks):      # in order, so results do not depend on timing
                if bar is not None:
                    bar.update(len(part))
                yield from part
            if bar is not None:
                bar.close()
    finally:
        _GRADE, _MAX_BYTES = None, MAX_BYTES


def read_folder(folder: str | os.PathLike, grade: Callable[[Submission], Any] | None = None, *,
                max_bytes: int = MAX_BYTES, progress: bool | None = None, jobs: int | None = None,
                now: datetime | None = None) -> tuple[list[tuple[Submission, Any]], list[Skipped]]:
    """Every valid submission under ``folder``, one per pseudonym (the newest export), with
    ``grade(submission)`` for each, and every file skipped with its reason.

    With ``grade`` given, each submission's records are dropped once graded, so a folder of
    10,000 exports never sits in memory at once. ``progress`` shows a tqdm bar (default: on
    for 200 files or more when stderr is a terminal); ``jobs`` is the number of processes
    (default: up to 4 cores from 400 files on). ``now`` is the run time that future-dated
    exports are judged by (default: the current time)."""
    latest = (now or datetime.now(timezone.utc)) + CLOCK_SKEW
    found, skipped = scan(folder, max_bytes=max_bytes)
    by_digest: dict[str, str] = {}          # sha256 of a file's bytes -> the first file with them
    kept: dict[str, tuple[Submission, Any]] = {}
    for item in _read_all(found, grade, max_bytes, _jobs(jobs, len(found)), progress):
        if item[0] == "skip":
            skipped.append(item[1])
            continue
        _, sub, result, _path = item
        if sub.exported_at > latest:
            skipped.append(Skipped(sub.name, f"dated in the future ({sub.exported[:40]}, after this report was "
                                             "made), so it cannot be compared with other exports", skips.CLOCK))
            continue
        twin = by_digest.get(sub.sha256)
        if twin is not None:
            skipped.append(Skipped(sub.name, f"an exact copy of {twin}", skips.NOTHING))
            continue
        by_digest[sub.sha256] = sub.name
        old = kept.get(sub.pseudonym)
        if old is not None and (old[0].exported_at, old[0].name) > (sub.exported_at, sub.name):
            skipped.append(_older(sub, old[0]))
            continue
        if old is not None:
            skipped.append(_older(old[0], sub))
        kept[sub.pseudonym] = (sub, result)
    return [kept[p] for p in sorted(kept)], skipped


def _older(sub: Submission, newer: Submission) -> Skipped:
    return Skipped(sub.name, f"an older export from {sub.pseudonym} (superseded by {newer.name})", skips.NOTHING)


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while files are read: it would otherwise sweep
    the millions of fresh, cycle-free objects again and again (about a fifth of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _progress(items, progress: bool | None, total: int):
    """``items`` wrapped in a tqdm bar, or a bare bar to update (items None), or no bar."""
    if progress is None:
        progress = total >= 200 and sys.stderr.isatty()
    if not progress:
        return iter(items) if items is not None else None
    from tqdm import tqdm  # noqa: PLC0415 (only for large folders)
    if items is None:
        return tqdm(total=total, desc="reading exports", unit="file", leave=False)
    return iter(tqdm(items, desc="reading exports", unit="file", leave=False))

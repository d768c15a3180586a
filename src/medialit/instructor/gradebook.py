"""The gradebook CSV: one long table, one row per student and exercise.

    pseudonym, lesson, exercise, done, score, max_score, submitted_at                  (no roster)
    pseudonym, student_id, <other roster columns>, lesson, exercise, done, score, max_score, submitted_at

``done`` is 1 or 0 (what :mod:`medialit.exercises` counts); ``score`` and ``max_score`` are
blank for work no key scores (reflections, progress steps). A roster (``--roster``) is a
comma-separated UTF-8 file whose header names a ``pseudonym`` and a ``student_id`` column
(exactly so; more columns, such as ``email``, are carried over in their order), so an LMS can
match rows to its students. Text cells that a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) get a leading apostrophe, except
plain numbers such as ``-007`` or ``-3.5``, which are written as they are.
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..errors import MedialitError
from .summary import ClassReport

__all__ = ["Roster", "read_roster", "gradebook_rows", "write_csv", "COLUMNS"]

COLUMNS = ("pseudonym", "lesson", "exercise", "done", "score", "max_score", "submitted_at")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")      # a spreadsheet reads it as a number, never a formula
MAX_ROSTER_BYTES = 8 * 1024 * 1024


class RosterError(MedialitError):
    """A roster file could not be used."""


@dataclass(frozen=True)
class Roster:
    """pseudonym -> the roster's other columns (student_id first)."""

    columns: tuple[str, ...]
    rows: dict[str, dict[str, str]]

    def missing(self, pseudonyms: Iterable[str]) -> list[str]:
        """Roster pseudonyms with no submission."""
        have = set(pseudonyms)
        return sorted(p for p in self.rows if p not in have)

    def unknown(self, pseudonyms: Iterable[str]) -> list[str]:
        """Submitted pseudonyms the roster does not list."""
        return sorted(p for p in pseudonyms if p not in self.rows)


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) and not _NUMBER.fullmatch(text) else text


def read_roster(path: str | os.PathLike) -> Roster:
    """Read a roster CSV; raise RosterError naming the file and what is wrong."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            raise RosterError(f"{path}: larger than {MAX_ROSTER_BYTES:,} bytes; a roster is one line per student")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise RosterError(f"{path}: not UTF-8 text; save the roster as CSV (UTF-8)") from None
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in (reader.fieldnames or [])]
    if "pseudonym" not in fields or "student_id" not in fields:
        raise RosterError(f"{path}: needs a header with 'pseudonym' and 'student_id' columns, got {fields or 'none'}")
    others = ["student_id"] + [f for f in fields if f not in ("pseudonym", "student_id") and f]
    rows: dict[str, dict[str, str]] = {}
    for n, row in enumerate(reader, 2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        p = row.get("pseudonym", "")
        if not p:
            continue
        if p in rows:
            raise RosterError(f"{path}: line {n}: pseudonym {p!r} is listed twice")
        rows[p] = {c: row.get(c, "") for c in others}
    return Roster(tuple(others), rows)


def gradebook_rows(report: ClassReport, roster: Roster | None = None) -> tuple[list[str], list[list[str]]]:
    """The header and rows of the long table (cells already made safe)."""
    extra = list(roster.columns) if roster else []
    header = ["pseudonym", *extra, *COLUMNS[1:]]
    info = {e.id: e for e in report.exercise_info}
    exported = dict(zip(report.students.pseudonym, report.students.exported))
    rows = []
    for r in report.results:
        # cells from a submission or the roster are made safe; lesson, exercise and numbers are ours
        who = [safe_cell(r.pseudonym)] + ([safe_cell(roster.rows.get(r.pseudonym, {}).get(c, "")) for c in extra]
                                          if roster else [])
        when = safe_cell(exported.get(r.pseudonym, ""))
        for ex_id, done in r.done.items():
            score, top = r.scores.get(ex_id, (None, None))
            rows.append([*who, info[ex_id].lesson, ex_id, "1" if done else "0", _num(score), _num(top), when])
    return header, rows


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:.3f}"


def write_csv(report: ClassReport, path: str | os.PathLike, *, roster: Roster | None = None) -> Path:
    """Write the gradebook CSV (UTF-8, comma-separated, one header row)."""
    path = Path(path)
    header, rows = gradebook_rows(report, roster)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="") as fh:
            csv.writer(fh, lineterminator="\r\n").writerows([header, *rows])
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise MedialitError(f"{path}: cannot write the gradebook ({exc.strerror or exc})") from None
    return path

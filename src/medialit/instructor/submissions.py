"""Read a folder of exported student work, safely and fast.

Every file is data, never code: it is read as bytes, decoded as UTF-8 and parsed as JSON,
nothing more. A file is listed in ``skipped`` with the reason, and left out, when it is

- a symbolic link, or not a regular file (a FIFO, a device);
- named with a trick: control or invisible formatting characters, bytes that are not
  UTF-8, a backslash, or a leading ``-`` or ``.``;
- not ``*.json`` (notes, Web Annotation ``.jsonld``, system files): foreign; a zip archive
  is named as one (LMS downloads must be unpacked first);
- empty, or larger than ``max_bytes``;
- not UTF-8 text, not JSON (including NaN, Infinity, lone surrogates, numbers too long to
  read, nesting too deep), or not a course export of this version (the rules of
  :func:`medialit.store.load_export`: schema, version, pseudonym, time, and every record);
- dated with an ``exported`` time that is not ISO 8601 (a time without a zone is UTC).

Each skipped file carries advice for the instructor (:mod:`.skips`). Which export of a
pseudonym is used (copies, older and future-dated exports, guests) is :mod:`.folder`'s rule.

A key given twice in one object is read as JSON parsers usually read it (the last wins), but
each value must pass the checks, so ``"schema": "nope", "schema": "medialit-work"`` is
refused; :func:`medialit.store.load_export` refuses every repeated key.

Only the latest live record per item is kept (an export made with ``history=True`` holds
every edit and deletion). Subfolders are read too (LMS downloads nest one folder per
student): files in the folder and in up to two levels of subfolders are read. Symbolic links
to folders are not followed.
"""

import hashlib
import json
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import msgspec

from ..store import EXPORT_SCHEMA, EXPORT_VERSION, KINDS, OPS, SCHEMA, Record
from . import skips
from .skips import Refused, Skipped

__all__ = ["Rec", "Submission", "Skipped", "Refused", "scan", "read_submission", "shown_name", "export_time",
           "MAX_BYTES", "MAX_DEPTH"]

MAX_BYTES = 16 * 1024 * 1024     # a whole course of work is well under 1 MB
MAX_DEPTH = 3                    # folder levels read: the submissions folder and two below it
SUFFIX = ".json"
ARCHIVES = (".zip", ".tar", ".tar.gz", ".tgz", ".7z", ".rar")


# ---------------------------------------------------------------- the export, as typed data
# msgspec decodes and checks a file in one pass in C (several times faster than json.loads and
# a Python check per record); the rules are those of store.Record.from_dict. When a file fails,
# the slower standard-library path below finds the reason in the course's own words.

# Every field the store writes is declared, so the fast decoder can refuse unknown ones: a
# file with extra fields (hand-edited, or from a newer course) takes the standard-library
# path, which also refuses what json.loads refuses there (numbers thousands of digits long).

def _export_type(strict: bool):
    """The export as msgspec types; ``strict`` refuses fields the store does not write."""
    opts = {"forbid_unknown_fields": strict}

    class Position(msgspec.Struct, gc=False, **opts):
        start: Annotated[int, msgspec.Meta(ge=0)]
        end: Annotated[int, msgspec.Meta(ge=0)]
        type: str = ""

        def __post_init__(self) -> None:
            if self.start > self.end:
                raise ValueError("anchor 'position' needs start <= end")

    class Quote(msgspec.Struct, gc=False, **opts):
        exact: str
        type: str = ""
        prefix: str = ""
        suffix: str = ""

    class Anchor(msgspec.Struct, gc=False, **opts):
        checksum: str
        position: Position
        quote: Quote

    class Rec(msgspec.Struct, gc=False, **opts):
        """One saved record (attribute access, as the exercise rules and the scorers read it)."""

        schema: Literal[1]
        seq: Annotated[int, msgspec.Meta(ge=1)]
        time: str
        op: Literal[OPS]                                    # type: ignore[valid-type]
        kind: Literal[KINDS]                                # type: ignore[valid-type]
        case_id: str
        doc_id: str
        key: Annotated[str, msgspec.Meta(min_length=1)]
        value: dict[str, Any] = {}
        anchor: Optional[Anchor] = None

    class Export(msgspec.Struct, **opts):
        schema: Literal[EXPORT_SCHEMA]                      # type: ignore[valid-type]
        version: int
        student: str
        exported: str
        records: list[Rec]

    return Export, Rec


_Export, Rec = _export_type(strict=True)
_DECODER = msgspec.json.Decoder(_Export)                   # the fast path: exactly what the store writes
_LENIENT = msgspec.json.Decoder(_export_type(strict=False)[0])
_BOM = b"\xef\xbb\xbf"
_PSEUDONYM = re.compile(r"[A-Za-z0-9_-]{1,40}")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_KINDS, _OPS = frozenset(KINDS), frozenset(OPS)


@dataclass
class Submission:
    """One student's export: the pseudonym, the file and the latest live records."""

    pseudonym: str
    name: str
    exported: str
    records: list = field(repr=False)
    size: int = field(default=0, repr=False)
    sha256: str = field(default="", repr=False)     # of the file's bytes, to find exact copies

    @property
    def exported_at(self) -> datetime:
        """The export time in UTC (a time without a zone is read as UTC)."""
        return export_time(self.exported)


def shown_name(name: str) -> str:
    """A file name made printable: control, formatting and undecodable characters as escapes."""
    out = []
    for ch in name:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Cs", "Co", "Cn") or ch == "\\":
            code = ord(ch)
            if 0xDC80 <= code <= 0xDCFF:          # a byte that was not UTF-8 (surrogateescape)
                out.append(f"\\x{code - 0xDC00:02x}")
            else:
                out.append(f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}")
        else:
            out.append(ch)
    return "".join(out)


def _name_trick(name: str) -> str | None:
    if name[:1] in "-.":
        return "its name starts with '-' or '.'"
    for ch in name:
        if ch == "\\":
            return "its name holds a backslash (a path trick)"
        cat = unicodedata.category(ch)
        if cat == "Cs":
            return "its name is not valid UTF-8"
        if cat in ("Cc", "Cf", "Co", "Cn"):
            return "its name holds control or invisible characters"
    return None


def scan(folder: str | os.PathLike, *, max_bytes: int = MAX_BYTES,
         max_depth: int = MAX_DEPTH) -> tuple[list[tuple[str, Path]], list[Skipped]]:
    """The candidate files under ``folder`` (shown name, path), and the files skipped by name
    or type. Nothing is opened; sizes are checked again when a file is read."""
    root = Path(folder)
    st = os.lstat(root)
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        raise NotADirectoryError(f"{root}: not a folder (a folder of exported work files is expected)")
    found: list[tuple[str, Path]] = []
    skipped: list[Skipped] = []

    def walk(path: Path, prefix: str, depth: int) -> None:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
        for e in entries:
            shown = prefix + shown_name(e.name)
            if e.is_symlink():
                skipped.append(Skipped(shown, "a symbolic link (not followed)", skips.LINK))
            elif e.is_dir(follow_symlinks=False):
                if e.name in ("__MACOSX", ".ipynb_checkpoints", ".git"):
                    continue
                trick = _name_trick(e.name)
                if trick:
                    skipped.append(Skipped(shown + "/", f"a folder: {trick}", skips.RENAME))
                elif depth >= max_depth:
                    skipped.append(Skipped(shown + "/", f"a folder nested too deeply (exports are read at most "
                                                        f"{max_depth - 1} folders below the submissions folder)",
                                           skips.MOVE_UP))
                else:
                    walk(Path(e.path), shown + "/", depth + 1)
            elif not e.is_file(follow_symlinks=False):
                skipped.append(Skipped(shown, "not a regular file", skips.FOREIGN))
            elif (trick := _name_trick(e.name)) is not None:
                skipped.append(Skipped(shown, trick, skips.RENAME))
            elif e.name.lower().endswith(ARCHIVES):
                skipped.append(Skipped(shown, "an archive (LMS downloads must be unpacked first)", skips.UNZIP))
            elif not e.name.lower().endswith(SUFFIX):
                skipped.append(Skipped(shown, "not a course export (expected a .medialit-work.json file)",
                                       skips.FOREIGN))
            else:
                found.append((shown, Path(e.path)))

    walk(root, "", 1)
    return found, skipped


# ---------------------------------------------------------------- one file

class _Bad(Exception):
    """Why one file is skipped (not a ValueError, so that json.loads passes it through)."""

    def __init__(self, reason: str, advice: str = skips.EXPORT_AGAIN) -> None:
        super().__init__(reason)
        self.advice = advice


def _reject_constant(name: str):
    raise _Bad(f"not valid JSON for the course ({name} is not a number)")


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _Bad(f"cannot be read ({exc.strerror or exc})", skips.CANNOT_READ) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Bad("not a regular file", skips.FOREIGN)
        if st.st_size == 0:
            raise _Bad("empty")
        if st.st_size > max_bytes:
            raise _Bad(f"too large ({st.st_size:,} bytes; the limit is {max_bytes:,})", skips.LARGER)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            raw = fh.read(max_bytes + 1)
    finally:
        if fd != -1:
            os.close(fd)
    if len(raw) > max_bytes:
        raise _Bad(f"too large (more than {max_bytes:,} bytes)", skips.LARGER)
    if not raw.strip():
        raise _Bad("empty")
    return raw


def _parse(raw: bytes) -> object:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Bad("not a text file (expected an exported course JSON file)") from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _Bad(f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise _Bad("not a course export (nested too deeply)") from None
    except ValueError as exc:                     # e.g. an integer with thousands of digits
        raise _Bad(f"not valid JSON for the course ({str(exc)[:80]})") from None
    if _SURROGATE_ESCAPE.search(raw):
        try:
            json.dumps(doc, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise _Bad("not valid text (a lone surrogate escape such as \\ud800)") from None
    return doc


def export_time(value: str) -> datetime:
    """An ``exported`` time in UTC: ISO 8601 as ``datetime.fromisoformat`` reads it, a time
    without a zone read as UTC; ValueError for anything else, or a time outside years 1-9999 in UTC."""
    when = datetime.fromisoformat(value)
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    try:
        return when.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"{value!r} is outside the years 1 to 9999 in UTC") from None


def _check_header(doc: object) -> tuple[str, str, list]:
    """The rules of store.load_export for the file itself; returns student, exported, records."""
    if not isinstance(doc, dict):
        raise _Bad(f"not a course work file (expected a JSON object, got a {type(doc).__name__})")
    if doc.get("schema") != EXPORT_SCHEMA:
        hint = " (this looks like Web Annotation JSON-LD; ask for the course export)" if "@context" in doc else ""
        raise _Bad(f"not a course work file (expected \"schema\": \"{EXPORT_SCHEMA}\"){hint}", skips.WRONG_FILE)
    version = doc.get("version")
    if version != EXPORT_VERSION:
        newer = type(version) is int and version > EXPORT_VERSION
        raise _Bad(f"work file version {str(version)[:20]!r}; this course reads version {EXPORT_VERSION}"
                   + (" (written by a newer version: update the course package)" if newer else ""),
                   skips.UPDATE if newer else skips.EXPORT_AGAIN)
    student = doc.get("student")
    if not isinstance(student, str) or not _PSEUDONYM.fullmatch(student):
        raise _Bad("field 'student' is not a valid pseudonym (1-40 letters, digits, '-' or '_')")
    exported = doc.get("exported")
    if not isinstance(exported, str):
        raise _Bad("field 'exported' must be a time string")
    _check_time(exported)
    records = doc.get("records")
    if not isinstance(records, list):
        raise _Bad(f"field 'records' must be a list, got {type(records).__name__}")
    return student, exported, records


def _check_time(exported: str) -> None:
    try:
        export_time(exported)
    except ValueError:
        raise _Bad(f"field 'exported' is not a date and time ({exported[:40]!r})") from None


def _record_ok(r: object) -> bool:
    """Record.from_dict's rules without building a Record (tested to agree, except that
    ``"schema": true`` is refused here, as the typed decoder refuses it)."""
    if type(r) is not dict or type(r.get("schema")) is not int or r["schema"] != SCHEMA:
        return False                      # stricter than from_dict: true is not the number 1
    g = r.get
    seq, key, value, anchor = g("seq"), g("key"), g("value", {}), g("anchor")
    if (type(g("time")) is not str or type(g("case_id")) is not str or type(g("doc_id")) is not str
            or type(key) is not str or not key or type(seq) is not int or seq < 1
            or g("op") not in _OPS or g("kind") not in _KINDS or type(value) is not dict):
        return False
    if anchor is None:
        return True
    if type(anchor) is not dict or not isinstance(anchor.get("checksum"), str):
        return False
    pos, quote = anchor.get("position"), anchor.get("quote")
    if type(pos) is not dict or type(quote) is not dict or not isinstance(quote.get("exact"), str):
        return False
    start, end = pos.get("start"), pos.get("end")
    return type(start) is int and type(end) is int and 0 <= start <= end


def _record_problem(i: int, r: object) -> str:
    """The exact reason (from Record.from_dict) a record failed the fast check."""
    try:
        Record.from_dict(r, where=f"records[{i}]")
    except ValueError as exc:
        return str(exc)[:300]
    return f"records[{i}]: not a course record"   # only if the two checks ever disagree


def _latest_live(records: list) -> list:
    """The latest record per item, deletions dropped (an export of latest work passes as is)."""
    if (len({(r.kind, r.case_id, r.doc_id, r.key) for r in records}) == len(records)
            and all(r.op == "put" for r in records)):
        return records
    latest: dict[tuple, Any] = {}
    for r in records:
        ident = (r.kind, r.case_id, r.doc_id, r.key)
        old = latest.get(ident)
        if old is None or r.seq >= old.seq:
            latest[ident] = r
    return [r for r in latest.values() if r.op == "put"]


def _why(raw: bytes) -> _Bad | None:
    """Why a file failed the fast decoder, in the course's words (the standard library's
    rules, as store.load_export applies them); None when those rules find nothing wrong."""
    try:
        doc = _parse(raw)
        _check_header(doc)
        for i, r in enumerate(doc["records"]):
            if not _record_ok(r):
                return _Bad(_record_problem(i, r))
    except _Bad as bad:
        return bad
    return None


def read_submission(path: Path, name: str | None = None, *, max_bytes: int = MAX_BYTES) -> Submission:
    """Read and validate one export; raise :class:`Refused` (a ValueError) saying why it is skipped."""
    try:
        raw = _read_bytes(Path(path), max_bytes)
        body = raw[3:] if raw.startswith(_BOM) else raw
        try:
            doc = _DECODER.decode(body)
        except (msgspec.DecodeError, msgspec.ValidationError, RecursionError):
            why = _why(raw)
            if why is not None:
                raise why from None
            try:                          # only fields the report does not read were in the way
                doc = _LENIENT.decode(body)
            except (msgspec.DecodeError, msgspec.ValidationError, RecursionError) as again:
                raise _Bad(f"not a course export ({str(again)[:200]})") from None
        if doc.version != EXPORT_VERSION:
            _check_header({"schema": doc.schema, "version": doc.version})
        if not _PSEUDONYM.fullmatch(doc.student):
            raise _Bad("field 'student' is not a valid pseudonym (1-40 letters, digits, '-' or '_')")
        _check_time(doc.exported)
    except _Bad as exc:
        raise Refused(str(exc), exc.advice) from None
    return Submission(doc.student, name or Path(path).name, doc.exported, _latest_live(doc.records), len(raw),
                      hashlib.sha256(raw).hexdigest())

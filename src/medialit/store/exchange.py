"""Exported work files: writing them record by record, Web Annotations, and checking an
export someone hands in (:func:`load_export`), which refuses anything hostile with a
:class:`WorkImportError` naming the file."""
from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import StoreError, WorkImportError
from . import files
from .records import JSONRejected, Record, doc_urn, loads_strict, said, validate_pseudonym

EXPORT_SCHEMA = "medialit-work"  # the "schema" field of an exported file
EXPORT_VERSION = 1
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
MAX_EXPORT_BYTES = 64 * 2 ** 20  # a year of a student's work is far smaller


# ---------------------------------------------------------------- writing

def write_export(target: Path, student: str, exported: str, records: Iterable[Record]) -> None:
    """Write the export of ``records``: the same text as ``json.dumps(doc, indent=1,
    ensure_ascii=False)`` of the whole document, but one record at a time."""
    head = json.dumps({"schema": EXPORT_SCHEMA, "version": EXPORT_VERSION, "student": student,
                       "exported": exported}, ensure_ascii=False, indent=1)
    with files.atomic_writer(target, doing="export your work to") as fh:
        fh.write(head[:-2] + ',\n "records": [')   # head ends with "\n}"
        first = True
        for r in records:
            body = json.dumps(r.to_dict(), ensure_ascii=False, indent=1).replace("\n", "\n  ")
            fh.write(("\n  " if first else ",\n  ") + body)
            first = False
        fh.write("]\n}" if first else "\n ]\n}")


def write_json(target: Path, doc: Mapping) -> None:
    with files.atomic_writer(target, doing="export your work to") as fh:
        fh.write(json.dumps(doc, ensure_ascii=False, indent=1))


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


def web_annotations(student: str, records: Iterable[Record]) -> dict:
    """Span records as a W3C Web Annotation AnnotationCollection (JSON-LD, as a dict)."""
    items = [_annotation(r, student) for r in records if r.anchor and r.kind == "span"]
    return {"@context": ANNO_CONTEXT, "id": f"urn:medialit:work:{student}",
            "type": "AnnotationCollection", "label": f"Span annotations by {student}",
            "total": len(items),
            "first": {"type": "AnnotationPage", "startIndex": 0, "items": items}}


# ---------------------------------------------------------------- reading

def _read_export(path: Path, max_bytes: int) -> bytes:
    try:
        fd, _ = files.open_nofollow(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WorkImportError(f"{path}: is a symbolic link; give the exported file itself.") from None
        raise WorkImportError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise WorkImportError(f"{path}: not a regular file (expected an exported course JSON file).")
        too_big = WorkImportError(f"{path}: larger than {max_bytes // 2 ** 20} MB; an exported work file is far "
                                  "smaller. Expected a file made by Store.export().")
        if st.st_size > max_bytes:
            raise too_big
        try:
            raw = fh.read(max_bytes + 1)
        except OSError as exc:
            raise WorkImportError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
        if len(raw) > max_bytes:
            raise too_big
        return raw


def load_export(path: str | os.PathLike, *, max_bytes: int = MAX_EXPORT_BYTES) -> dict:
    """Read and validate an exported work file; raise WorkImportError naming the file and the problem.

    Refused: files that are links, not regular files or larger than ``max_bytes``; text that
    is not UTF-8 JSON; NaN, Infinity and numbers too large to keep exactly; duplicate keys;
    lone surrogates; nesting deeper than :data:`medialit.store.MAX_DEPTH`; anything that is not
    a course export. Returns the parsed document; ``records`` holds plain dicts, each a valid
    record."""
    path = Path(path)
    raw = _read_export(path, max_bytes)
    try:
        doc = loads_strict(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise WorkImportError(f"{path}: not a text file (expected an exported course JSON file).") from None
    except json.JSONDecodeError as exc:
        raise WorkImportError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                              "expected a file made by Store.export().") from None
    except JSONRejected as exc:
        raise WorkImportError(f"{path}: refused: {exc}; expected a file made by Store.export().") from None
    if not isinstance(doc, dict):
        raise WorkImportError(f"{path}: expected a JSON object with \"schema\": \"{EXPORT_SCHEMA}\", "
                              f"got a {type(doc).__name__}.")
    if doc.get("schema") != EXPORT_SCHEMA:
        hint = " (this looks like Web Annotation JSON-LD; submit the course export)" if "@context" in doc else ""
        raise WorkImportError(f"{path}: not a course work file: expected \"schema\": \"{EXPORT_SCHEMA}\", "
                              f"got {said(doc.get('schema'))}{hint}.")
    version = doc.get("version")
    if version != EXPORT_VERSION or type(version) is not int:
        newer = type(version) is int and version > EXPORT_VERSION
        raise WorkImportError(f"{path}: work file version {said(version)}; this course reads version "
                              f"{EXPORT_VERSION}"
                              + (" (it was written by a newer version; update the course package)." if newer else "."))
    try:
        validate_pseudonym(doc.get("student"))
    except StoreError as exc:
        raise WorkImportError(f"{path}: field 'student': {exc}") from None
    if not isinstance(doc.get("exported"), str):
        raise WorkImportError(f"{path}: field 'exported' must be a time string, got {said(doc.get('exported'))}.")
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

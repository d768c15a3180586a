"""A case from a text the student brings (lesson 08): write a case folder, then load it.

The student pastes an article (and, optionally, its comments). :func:`write_case` turns them
into an ordinary case folder, ``source.txt`` and ``case.toml``, inside the student's own work
area (``work/<pseudonym>/own-cases/<case id>/``) and :func:`load_own` loads it with
:func:`medialit.load_case` (``path=``), so every widget works on it unchanged.

Rules for the pasted text (each has a test):

* Line ends become ``\\n`` (CRLF, CR, U+2028 and U+2029 included); control characters other
  than tab and newline, and lone surrogates, are dropped; trailing spaces are trimmed.
* Paragraphs are separated by blank lines. A text with no blank line but several lines (as
  copied from many web pages) has one paragraph per line. Comments follow the same rule:
  one comment per block (or per line).
* ``source.txt`` is the title line, a blank line, the article's paragraphs separated by one
  blank line, and, when there are comments, two blank lines and the comments. No comment line
  is taken for an author line (``[comments] authors = []``).
* The case id is ``own-`` and the first 10 hex digits of the SHA-256 of ``source.txt``: the
  same text always makes the same case, and editing it makes a new one (work on the old text
  stays with the old case).

:func:`available_cases` lists the bundled cases and the student's own; :func:`remember` and
:func:`chosen` keep which one the student picked (``own-cases/chosen.json``).

Lessons 00-07 work on the course's case. :func:`kept_apart` gives lesson 08 that case under
its own case id (``rodong-2024-lesson-08``), so there its work starts empty and never changes
the records and progress of lessons 00-07; any other case is used as it is.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import tomllib
from pathlib import Path

from .corpus import DEFAULT_CASE, Case, load_case
from .errors import CaseError, StoreError
from .store.files import atomic_writer
from .paths import cases_dir

__all__ = ["OWN_DIR", "MAX_CHARS", "normalise", "blocks", "build_source", "write_case", "load_own",
           "available_cases", "remember", "chosen", "load_choice", "kept_apart", "COURSE_CASES", "APART"]

OWN_DIR = "own-cases"
CHOICE_FILE = "chosen.json"
MAX_CHARS = 200_000          # about 30,000 words: far more than one lesson can annotate
DEFAULT_TITLE = "My text"
COURSE_CASES = (DEFAULT_CASE,)   # the cases lessons 00-07 work on
APART = "-lesson-08"             # added to such a case's id for lesson 08's work

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def normalise(text: str) -> str:
    """``text`` with ``\\n`` line ends, no control characters (tab and newline kept) and no
    trailing spaces on any line."""
    if not isinstance(text, str):
        raise TypeError(f"the text must be a string, got {type(text).__name__}")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def blocks(text: str) -> list[str]:
    """Paragraphs (or comments) of a pasted text by the rules above."""
    text = normalise(text)
    if not text.strip():
        return []
    parts = re.split(r"\n\s*\n", text)
    if len(parts) == 1:
        parts = text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def _title(title: str) -> str:
    line = " ".join(normalise(title or "").split())
    return line[:200].strip() or DEFAULT_TITLE


def build_source(article: str, *, title: str = "", comments: str = "") -> str:
    """The ``source.txt`` of a case made from a pasted article and comments."""
    paras = blocks(article)
    if not paras:
        raise CaseError("The article is empty: paste the text you want to analyse, then try again.")
    text = _title(title) + "\n\n" + "\n\n".join(paras) + "\n"
    coms = blocks(comments)
    if coms:
        text += "\n\n" + "\n\n".join(coms) + "\n"
    if len(text) > MAX_CHARS:
        raise CaseError(f"The text is {len(text):,} characters long; the lesson takes at most {MAX_CHARS:,}. "
                        "Paste a shorter extract (a few paragraphs are enough to practise on).")
    return text


def _toml_str(value: str) -> str:
    # json escapes quotes, backslashes and control characters the way TOML basic strings do
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _write_atomic(path: Path, text: str) -> None:
    try:
        with atomic_writer(path) as fh:
            fh.write(text)
    except StoreError as e:
        raise CaseError(str(e)) from None


def write_case(article: str, *, title: str = "", comments: str = "", root: str | os.PathLike) -> Path:
    """Write a case folder for a pasted text under ``root`` (a student's ``own-cases``
    folder); returns the folder. Writing the same text again returns the same folder."""
    source = build_source(article, title=title, comments=comments)
    raw = source.encode("utf-8")
    digest = hashlib.sha256(raw).hexdigest()
    case_id = f"own-{digest[:10]}"
    folder = Path(root) / case_id          # made (0700) by the first write
    meta = "\n".join([
        "# A case made from a text the student pasted in lesson 08 (medialit.owncase).",
        f"id = {_toml_str(case_id)}",
        f"title = {_toml_str(_title(title))}",
        'author = ""',
        'origin = "pasted by the student"',
        f"source_sha256 = {_toml_str(digest)}",
        "",
        "[layout]",
        "byline = false",
        "",
        "[comments]",
        "# no line of a pasted comment section is an author line",
        "authors = []",
        "",
    ])
    tomllib.loads(meta)                   # never write a case.toml the loader cannot read
    _write_atomic(folder / "source.txt", source)
    _write_atomic(folder / "case.toml", meta)
    return folder


def load_own(folder: str | os.PathLike) -> Case:
    """Load a case folder (one made by :func:`write_case`, or any other) by its path."""
    return load_case(path=folder)


def _title_of(folder: Path) -> str:
    try:
        return str(tomllib.loads((folder / "case.toml").read_text(encoding="utf-8")).get("title", folder.name))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return folder.name


def available_cases(root: str | os.PathLike | None = None) -> list[dict]:
    """``[{"label", "path"}]``: the bundled cases, then the student's own (under ``root``)."""
    out = []
    for base, kind in ((cases_dir(), "course case"), (Path(root) if root else None, "your text")):
        if base is None or not base.is_dir():
            continue
        for folder in sorted(p for p in base.iterdir() if p.is_dir() and (p / "case.toml").is_file()):
            out.append({"label": f"{_title_of(folder)} ({kind}: {folder.name})", "path": str(folder)})
    return out


def remember(root: str | os.PathLike, folder: str | os.PathLike) -> None:
    """Keep the student's choice of case (a folder path) in ``root/chosen.json``."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    _write_atomic(root / CHOICE_FILE, json.dumps({"path": str(Path(folder))}) + "\n")


def chosen(root: str | os.PathLike | None) -> Path | None:
    """The folder the student last chose, if it still holds a case."""
    if root is None:
        return None
    try:
        path = Path(json.loads((Path(root) / CHOICE_FILE).read_text(encoding="utf-8"))["path"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if (path / "case.toml").is_file() else None


def load_choice(root: str | os.PathLike | None, default: Case) -> Case:
    """The case the student chose (see :func:`remember`), or ``default`` when there is none
    or it no longer loads."""
    folder = chosen(root)
    if folder is None:
        return default
    try:
        return load_case(path=folder)
    except CaseError:
        return default


def kept_apart(case: Case) -> Case:
    """``case`` as lesson 08 works on it: a case of lessons 00-07 under the id ``<id>-lesson-08``
    (the same text, keys and folder), so lesson 08's widgets, progress and report see only the
    work done in lesson 08; any other case unchanged."""
    if case.case_id not in COURSE_CASES:
        return case
    return dataclasses.replace(case, case_id=case.case_id + APART)

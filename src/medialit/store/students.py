"""Which student is working: the pseudonym chosen in lesson 00, kept in ``<work>/.student``."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError
from ..paths import work_dir
from . import files
from .core import Store
from .records import said, validate_pseudonym

STUDENT_FILE = ".student"


def _root(root) -> Path:
    return Path(root) if root is not None else work_dir()


def check_new_pseudonym(pseudonym: object) -> str:
    """A pseudonym a student may choose: :func:`validate_pseudonym`, and not starting with "-"
    (its hand-in file would read as an option to command-line tools). Stores made before this
    rule still open."""
    validate_pseudonym(pseudonym)
    if pseudonym.startswith("-"):
        raise StoreError(f"A pseudonym must start with a letter, a digit or '_' (for example 'river-otter_7'); "
                         f"got {said(pseudonym)}.")
    return pseudonym


def set_student(pseudonym: str, *, root: str | os.PathLike | None = None) -> Store:
    """Choose the pseudonym (lesson 00), remember it in ``<root>/.student`` and open its store."""
    check_new_pseudonym(pseudonym)
    base = _root(root)
    with files.atomic_writer(base / STUDENT_FILE) as fh:
        fh.write(pseudonym + "\n")
    return Store(pseudonym, root=base)


def current_student(*, root: str | os.PathLike | None = None) -> str | None:
    """The pseudonym chosen in lesson 00, or None if none was chosen yet."""
    path = _root(root) / STUDENT_FILE
    try:
        raw = files.read_small(path, 256)
    except StoreError as exc:
        raise StoreError(f"{exc} Then run lesson 00 again to choose your pseudonym.") from None
    if raw is None:
        return None
    try:
        name = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise StoreError(f"Could not read {path}: it is not text. "
                         "Run lesson 00 again to choose your pseudonym.") from None
    try:
        return validate_pseudonym(name)
    except StoreError:
        raise StoreError(f"{path} does not hold a valid pseudonym (got {said(name[:50])}); "
                         "run lesson 00 again to choose your pseudonym.") from None


def open_store(student: str | None = None, *, root: str | os.PathLike | None = None) -> Store:
    """Open a student's store; with no student, the one chosen in lesson 00."""
    if student is None:
        student = current_student(root=root)
        if student is None:
            raise StoreError("No pseudonym chosen yet: run lesson 00 first "
                             "(medialit.store.set_student('your-pseudonym')).")
    return Store(student, root=root)

"""Errors the course raises. Every message names the file and says what was expected.

    MedialitError
    ├── CaseError        a case folder or one of its files is malformed
    ├── KeyFileError     an answer key or evidence file is malformed
    └── StoreError       student work could not be read or written
        └── WorkImportError  an exported work file failed validation
"""
from __future__ import annotations


class MedialitError(Exception):
    """Base class for the course's own errors."""


class CaseError(MedialitError):
    """A case folder or file is malformed."""


class KeyFileError(MedialitError):
    """An answer key or evidence file is malformed."""


class StoreError(MedialitError):
    """Student work could not be read or written."""


class WorkImportError(StoreError):
    """An exported work file failed validation."""

"""Errors the course raises. Every message names the file and says what was expected, and
listed terms in it are masked (a message may quote a key or a comment), whoever raises it.

    MedialitError
    ├── CaseError        a case folder or one of its files is malformed
    ├── KeyFileError     an answer key or evidence file is malformed
    └── StoreError       student work could not be read or written
        └── WorkImportError  an exported work file failed validation
"""
from __future__ import annotations


class MedialitError(Exception):
    """Base class for the course's own errors."""

    _masking = False                     # set while a message is being masked (no re-entry)

    def __init__(self, *args: object) -> None:
        if args and isinstance(args[0], str) and not MedialitError._masking:
            MedialitError._masking = True
            try:
                from .safety import mask_message  # noqa: PLC0415 (safety imports this module)
                args = (mask_message(args[0]), *args[1:])
            finally:
                MedialitError._masking = False
        super().__init__(*args)


class CaseError(MedialitError):
    """A case folder or file is malformed."""


class KeyFileError(MedialitError):
    """An answer key or evidence file is malformed."""


class StoreError(MedialitError):
    """Student work could not be read or written."""


class WorkImportError(StoreError):
    """An exported work file failed validation."""

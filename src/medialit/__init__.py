"""Between the Lines: a media-literacy course kit for Jupyter.

    >>> import medialit
    >>> case = medialit.load_case()          # the bundled case, "rodong-2024"
    >>> case.sentences.head()                # offsets are code points into case.text

Widgets live in :mod:`medialit.widgets` and are imported only when used.
"""
from .corpus import DEFAULT_CASE, Case, Document, load_case
from .errors import CaseError, KeyFileError, MedialitError, StoreError, WorkImportError
from .spans import Span

__all__ = [
    "DEFAULT_CASE", "Case", "Document", "load_case", "Span",
    "MedialitError", "CaseError", "KeyFileError", "StoreError", "WorkImportError",
    "__version__",
]
__version__ = "0.1.0"

"""Test-run settings for every pytest run from the repository root.

Student work written while tests run never goes to the real work/ folder: each notebook
checked by nbval gets a fresh, empty MEDIALIT_WORK, set before its kernel starts, so its
outputs match the ones stored by `make lessons` (which also runs each notebook on an
empty store)."""
from __future__ import annotations

import os
import tempfile

import pytest

_last_notebook = [None]


def pytest_configure(config):
    os.environ.setdefault("MEDIALIT_WORK", tempfile.mkdtemp(prefix="medialit-test-work-"))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    parent = item.parent
    if str(getattr(parent, "path", "")).endswith(".ipynb") and parent is not _last_notebook[0]:
        _last_notebook[0] = parent
        os.environ["MEDIALIT_WORK"] = tempfile.mkdtemp(prefix="medialit-nbval-work-")

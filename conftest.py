"""Test-run settings for every pytest run from the repository root.

Student work written while tests run never goes to the real work/ folder: each notebook
checked by nbval gets a fresh, empty MEDIALIT_WORK, set before its kernel starts, so its
outputs match the ones stored by `make lessons` (which also runs each notebook on an
empty store)."""
from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_last_notebook = [None]
_made: list[str] = []


def _tmp(prefix: str) -> str:
    path = tempfile.mkdtemp(prefix=prefix)
    _made.append(path)
    return path


def pytest_configure(config):
    if not os.environ.get("MEDIALIT_WORK"):
        os.environ["MEDIALIT_WORK"] = _tmp("medialit-test-work-")


def pytest_unconfigure(config):
    for path in _made:
        shutil.rmtree(path, ignore_errors=True)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    parent = item.parent
    if str(getattr(parent, "path", "")).endswith(".ipynb") and parent is not _last_notebook[0]:
        _last_notebook[0] = parent
        os.environ["MEDIALIT_WORK"] = _tmp("medialit-nbval-work-")

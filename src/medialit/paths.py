"""Where the course finds its data and keeps student work.

The package is installed in editable mode from the repository, so ``data/`` sits two
levels above this file. ``MEDIALIT_DATA`` and ``MEDIALIT_WORK`` override the defaults.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    return Path(os.environ.get("MEDIALIT_DATA") or REPO / "data")


def cases_dir() -> Path:
    return data_dir() / "cases"


def work_dir() -> Path:
    """The git-ignored folder for student work: ``work/`` at the repository root."""
    return Path(os.environ.get("MEDIALIT_WORK") or REPO / "work")

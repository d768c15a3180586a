"""Shared fixtures. Student work from tests goes to a temporary folder, never to work/."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seed" / "article-and-comments.txt"


@pytest.fixture(autouse=True)
def _work_in_tmp(tmp_path, monkeypatch):
    monkeypatch.setenv("MEDIALIT_WORK", str(tmp_path / "work"))


@pytest.fixture(scope="session")
def case():
    import medialit
    return medialit.load_case()


# Two cores shared with a browser and kernels: time limits per example would be flaky.
from hypothesis import settings  # noqa: E402

settings.register_profile("course", deadline=None, max_examples=100)
settings.load_profile("course")

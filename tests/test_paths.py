"""Where the course finds its data and keeps work, for a checkout and for an installed package."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from medialit import paths

REPO = Path(__file__).resolve().parents[1]


def test_a_checkout_reads_its_own_data_folder(monkeypatch):
    monkeypatch.delenv("MEDIALIT_DATA", raising=False)
    assert paths.checkout() == REPO
    assert paths.data_dir() == REPO / "data"
    assert (paths.cases_dir() / "rodong-2024" / "source.txt").is_file()


def test_medialit_data_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_DATA", str(tmp_path))
    assert paths.data_dir() == tmp_path


def test_packaged_data_comes_before_a_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv("MEDIALIT_DATA", raising=False)
    (tmp_path / "cases").mkdir()
    monkeypatch.setattr(paths, "PACKAGE_DATA", tmp_path)
    assert paths.data_dir() == tmp_path


def test_medialit_work_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("MEDIALIT_WORK", str(tmp_path / "w"))
    assert paths.work_dir() == tmp_path / "w"
    assert paths.work_dir_label() == "$MEDIALIT_WORK"


def test_own_checkout_keeps_work_beside_the_lessons(monkeypatch):
    monkeypatch.delenv("MEDIALIT_WORK", raising=False)
    monkeypatch.setattr(paths, "_owned_by_me", lambda p: True)
    assert paths.work_dir() == REPO / "work"
    assert paths.work_dir_label() == "work"


def test_someone_elses_checkout_sends_work_home(monkeypatch, tmp_path):
    """One shared install on a hub: the copy belongs to the admin, the work to the student."""
    monkeypatch.delenv("MEDIALIT_WORK", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(paths, "_owned_by_me", lambda p: False)
    assert paths.work_dir() == tmp_path / "medialit-work"
    assert paths.work_dir_label() == "~/medialit-work"


def test_an_installed_package_sends_work_home(monkeypatch, tmp_path):
    monkeypatch.delenv("MEDIALIT_WORK", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(paths, "checkout", lambda: None)
    assert paths.work_dir() == tmp_path / "medialit-work"


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="no file owners on this system")
def test_ownership_is_read_from_the_folder(tmp_path):
    assert paths._owned_by_me(tmp_path)
    assert not paths._owned_by_me(tmp_path / "missing")

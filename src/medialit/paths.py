"""Where the course finds its data and keeps student work, however it was installed.

Data (the cases, keys, lexicons, lesson data), the first that exists:

1. ``MEDIALIT_DATA``, a folder laid out like ``data/``;
2. ``medialit/data/`` inside the installed package: ``pip install .``, a wheel or a Docker
   image ship ``data/`` there (the build step in ``setup.py``);
3. ``data/`` of the source checkout the package runs from (``pip install -e .``, ``make lab``).

Student work (:func:`work_dir`):

1. ``MEDIALIT_WORK`` when it is set;
2. ``work/`` in the source checkout, when the person running the course owns that checkout
   (their own clone, ``make lab``);
3. otherwise ``medialit-work/`` in their home folder: the course was installed as a package,
   or from someone else's copy (one shared install on a JupyterHub). Work never goes inside
   an installed package or into another user's copy.
"""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["REPO", "PACKAGE_DATA", "HOME_WORK", "checkout", "data_dir", "cases_dir", "work_dir",
           "work_dir_label"]

_HERE = Path(__file__).resolve().parent
REPO = _HERE.parents[1]            # the source checkout, when the package runs from one (see checkout())
PACKAGE_DATA = _HERE / "data"      # where a wheel or `pip install .` puts data/
HOME_WORK = "medialit-work"        # the work folder's name in a home folder


def checkout() -> Path | None:
    """The source checkout the package runs from (``src/medialit`` under a folder with
    ``pyproject.toml``), or None when it is installed as a package."""
    if _HERE.parent.name == "src" and (REPO / "pyproject.toml").is_file():
        return REPO
    return None


def data_dir() -> Path:
    """The course data folder (see the module docstring for the order)."""
    env = os.environ.get("MEDIALIT_DATA")
    if env:
        return Path(env).expanduser()
    if (PACKAGE_DATA / "cases").is_dir():
        return PACKAGE_DATA
    return REPO / "data"


def cases_dir() -> Path:
    return data_dir() / "cases"


def _owned_by_me(path: Path) -> bool:
    if not hasattr(os, "geteuid"):     # Windows: no owners to compare; a checkout is the user's own
        return True
    try:
        return os.stat(path).st_uid == os.geteuid()
    except OSError:
        return False


def work_dir() -> Path:
    """The folder for student work (see the module docstring for the order)."""
    env = os.environ.get("MEDIALIT_WORK")
    if env:
        return Path(env).expanduser()
    repo = checkout()
    if repo is not None and _owned_by_me(repo):
        return repo / "work"
    return Path.home() / HOME_WORK


def work_dir_label() -> str:
    """Where work is saved, as a student reads it: "work" (in their copy of the course),
    "~/medialit-work" or "$MEDIALIT_WORK"; no full path, so notebook outputs are the same on
    every machine."""
    if os.environ.get("MEDIALIT_WORK"):
        return "$MEDIALIT_WORK"
    if work_dir() == REPO / "work":
        return "work"
    return f"~/{HOME_WORK}"

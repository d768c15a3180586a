"""Handing work in: one export file per student and day, named so a class's files never clash."""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from .corpus import DEFAULT_CASE

__all__ = ["hand_in_name", "export_for_hand_in", "HAND_IN_SUFFIX"]

HAND_IN_SUFFIX = ".medialit-work.json"
_NAME = re.compile(r"^(?P<student>[A-Za-z0-9_-]{1,40})-(?P<date>\d{4}-\d{2}-\d{2})" + re.escape(HAND_IN_SUFFIX) + "$")


def hand_in_name(student: str, when: date | None = None) -> str:
    """``<pseudonym>-<YYYY-MM-DD>.medialit-work.json``."""
    return f"{student}-{(when or date.today()).isoformat()}{HAND_IN_SUFFIX}"


def export_for_hand_in(store: Any, *, folder: str | os.PathLike | None = None, when: date | None = None) -> Path:
    """Write the student's work for hand-in beside their work file (or in ``folder``), and
    record that they exported it (Exercise 0.2). Returns the file's path."""
    store.put("progress", case_id=DEFAULT_CASE, doc_id="", key="export",
              value={"lesson": "00", "exercise": "0.2"})
    target = Path(folder) if folder is not None else Path(store.path).parent
    return store.export(target / hand_in_name(store.student, when))

"""The instructor's side: a class report from a folder of exported student work.

    >>> from medialit import instructor
    >>> report = instructor.class_report("submissions/")        # read, check and grade every export
    >>> instructor.write_html(report, "report.html")             # one offline HTML file
    >>> instructor.write_csv(report, "grades.csv", roster=instructor.read_roster("roster.csv"))

Modules, one concept each: :mod:`.submissions` (reading and checking one file), :mod:`.folder` (a folder of them),
:mod:`.scorers` (work against the case keys), :mod:`.grading` (one student),
:mod:`.summary` (the class tables), :mod:`.figures` (SVG charts), :mod:`.html` (the page),
:mod:`.gradebook` (the CSV and the roster), :mod:`.synthetic` (a made-up class for demos,
tests and benchmarks).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import MedialitError
from .gradebook import Roster, RosterError, read_roster, write_csv
from .grading import Grader, StudentResult
from .html import render_html
from .folder import read_folder
from .submissions import MAX_BYTES, Skipped, Submission
from .summary import ClassReport, summarise

__all__ = ["class_report", "write_html", "write_csv", "read_roster", "render_html", "ClassReport", "Grader",
           "Roster", "RosterError", "Skipped", "StudentResult", "Submission", "MAX_BYTES"]


def class_report(folder: str | os.PathLike, *, case: Any = None, max_bytes: int = MAX_BYTES,
                 progress: bool | None = None, jobs: int | None = None) -> ClassReport:
    """Read every export under ``folder``, grade it against ``case`` (a loaded case, a case
    id or a case folder; default: the course's case) and the lesson data, and summarise the
    class. Work saved on another case (lesson 08's own texts) is never compared with these
    keys; it counts as done wherever the lesson's done rule counts it (lesson 08's exercises are
    its reflections and after check, done whatever text the student chose), and the
    per-pseudonym table counts its records."""
    folder = Path(folder)
    if not folder.is_dir() or folder.is_symlink():
        raise MedialitError(f"{folder}: not a folder; give the folder that holds the students' "
                            "*.medialit-work.json files")
    if case is None:
        from .. import load_case  # noqa: PLC0415
        case = load_case()
    elif isinstance(case, (str, os.PathLike)):
        from .. import load_case  # noqa: PLC0415
        case = load_case(path=case) if Path(case).is_dir() else load_case(str(case))
    grader = Grader(case)
    graded, skipped = read_folder(folder, grader.grade, max_bytes=max_bytes, progress=progress, jobs=jobs)
    return summarise(grader, graded, skipped)


def write_html(report: ClassReport, path: str | os.PathLike, *, roster: Roster | None = None) -> Path:
    """Write the report page (atomically: a reader never sees half a file)."""
    path = Path(path)
    text = render_html(report, roster=roster)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8", errors="backslashreplace")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise MedialitError(f"{path}: cannot write the report ({exc.strerror or exc})") from None
    return path

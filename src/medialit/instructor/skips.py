"""A file the class report leaves out: why, and what the instructor should do about it.

Each reason comes with its own advice: an exact copy, an older export or a file that is not
an export needs nothing; a damaged export needs a new one from the student; some need a
step by the instructor (unpack a zip archive, a larger ``--max-mb``, a newer course package).
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Skipped", "Refused"]

NOTHING = "nothing to do"
FOREIGN = "nothing to do, unless a student handed it in as their export"
EXPORT_AGAIN = "ask the student to export again (Export my work in lesson 00) and hand in the new file"
WRONG_FILE = ("if a student handed it in, ask for the file Export my work writes "
              "(<pseudonym>-<date>.medialit-work.json)")
UNZIP = "unpack the archive into the submissions folder and run the report again"
MOVE_UP = "move the exports at most two folders below the submissions folder and run the report again"
RENAME = "if it is a student's export, give it a plain name and run the report again"
LINK = "if it is a student's export, copy the file itself (not a link) into the folder"
LARGER = "if it is a student's export, run the report again with a larger --max-mb"
UPDATE = "update the course package and run the report again"
CANNOT_READ = "check that you can read the file, then run the report again"
CLOCK = ("its time comes from the clock of the computer it was exported on: ask the student to set "
         "that clock right and export again")


@dataclass(frozen=True)
class Skipped:
    """A file left out of the report, why, and what to do (name and reason shown escaped)."""

    name: str
    reason: str
    advice: str = EXPORT_AGAIN


class Refused(ValueError):
    """Why one file is not read, with the advice for it."""

    def __init__(self, reason: str, advice: str = EXPORT_AGAIN) -> None:
        super().__init__(reason)
        self.advice = advice

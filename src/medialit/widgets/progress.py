"""ProgressPanel: how far the current student is, lesson by lesson, and an export button.

The rule, kept simple so students and instructors can predict it:

- A lesson is **done** when the store holds a ``progress`` record for it with step ``done``
  (what ``lesson.complete()`` in :mod:`medialit.course` writes: key ``"04:done"``, value
  ``{"lesson": "04", "step": "done"}``; a record keyed just ``"04"`` counts too).
- Otherwise it is **started** when any saved work belongs to it, and the panel shows how
  many items. Work belongs to a lesson by, in order: ``value["lesson"]``; the key's
  prefix for ``progress`` records (``"04:step"``) and numbered questions (``"4.3"``); the
  kind: ``sentence_label`` 02, ``verdict`` 03, ``span`` 04 (task ``loaded_language``) or 05
  (task ``techniques``/``propaganda``) or 08 (any other task), ``framing`` 06,
  ``comment_label`` and ``moderation`` 07.
- Otherwise it is **not started**.

``ProgressPanel(lesson="04")`` also shows a checkbox "I have finished lesson 04" that writes
(or deletes) that lesson's ``done`` record.
"""
from __future__ import annotations

import logging
import pathlib
import re
from typing import Any, Iterable

import traitlets

from ..course import LESSONS
from ._base import CourseWidget, esm, resolve_store

__all__ = ["ProgressPanel", "lesson_of", "lesson_status", "LESSON_TITLES"]

log = logging.getLogger(__name__)

LESSON_TITLES: dict[str, str] = {k: v[1] for k, v in LESSONS.items()}

KIND_LESSON = {"sentence_label": "02", "verdict": "03", "framing": "06",
               "comment_label": "07", "moderation": "07"}
TASK_LESSON = {"loaded_language": "04", "techniques": "05", "propaganda": "05"}
_NUMBERED = re.compile(r"^(\d{1,2})[.:]")


def _norm(lesson: object) -> str | None:
    s = str(lesson).strip()
    if s.isdigit():
        s = s.zfill(2)
    return s if s in LESSON_TITLES else None


def lesson_of(rec: Any) -> str | None:
    """The lesson a store record belongs to (see the module docstring), or None."""
    value = rec.value if isinstance(getattr(rec, "value", None), dict) else {}
    if "lesson" in value:
        found = _norm(value["lesson"])
        if found:
            return found
    key = str(getattr(rec, "key", ""))
    if rec.kind == "progress":
        return _norm(key.split(":")[0])
    m = _NUMBERED.match(key)
    if m and rec.kind not in ("span",):
        found = _norm(m.group(1))
        if found:
            return found
    if rec.kind == "span":
        return TASK_LESSON.get(str(value.get("task", "loaded_language")), "08")
    return KIND_LESSON.get(rec.kind)


def _is_done_record(rec: Any, lesson: str) -> bool:
    if rec.kind != "progress":
        return False
    value = rec.value if isinstance(rec.value, dict) else {}
    return rec.key in (lesson, f"{lesson}:done") or (value.get("step") == "done" and lesson_of(rec) == lesson)


def lesson_status(records: Iterable[Any]) -> list[dict]:
    """One row per lesson: ``{"id", "title", "status", "items"}`` with status done, started
    or not started, and ``items`` the number of saved pieces of work (not counting progress
    records)."""
    items = {k: 0 for k in LESSON_TITLES}
    touched = set()
    done = set()
    for rec in records:
        lesson = lesson_of(rec)
        if lesson is None:
            continue
        touched.add(lesson)
        if _is_done_record(rec, lesson):
            done.add(lesson)
        elif rec.kind != "progress":
            items[lesson] += 1
    return [{"id": k, "title": t, "items": items[k],
             "status": "done" if k in done else "started" if k in touched else "not started"}
            for k, t in LESSON_TITLES.items()]


class ProgressPanel(CourseWidget):
    """Per-lesson completion for the current student, and an export button.

    ``lesson``: a lesson id ("04") to show an "I have finished" checkbox for.
    ``store``: default the current student's store; ``False`` for none."""

    _esm = esm("progress.js")
    _css = pathlib.Path(__file__).parent / "progress.css"

    student = traitlets.Unicode("", help="The pseudonym whose work is shown.").tag(sync=True)
    lessons = traitlets.List(traitlets.Dict(), help="Rows: {id, title, status, items}.").tag(sync=True)
    lesson = traitlets.Unicode("", help="The lesson offered for marking as finished ('' for none).").tag(sync=True)
    export_path = traitlets.Unicode("", help="Where the last export was written.").tag(sync=True)
    error = traitlets.Unicode("", help="The last problem, in words.").tag(sync=True)

    def __init__(self, lesson: str | None = None, *, store: Any = None, **kwargs: Any) -> None:
        self._store, status = resolve_store(store)
        super().__init__(**kwargs)
        if lesson is not None:
            found = _norm(lesson)
            if found is None:
                raise ValueError(f"lesson must be one of {', '.join(LESSON_TITLES)}, got {lesson!r}")
            self.lesson = found
        self.save_status = status
        self.student = str(getattr(self._store, "student", "") or "")
        self.refresh()
        self.on_msg(self._on_msg)

    def refresh(self) -> None:
        """Read the store again (another notebook may have saved work)."""
        recs = self._store.records() if self._store is not None else []
        self.lessons = lesson_status(recs)

    @property
    def done(self) -> list[str]:
        return [r["id"] for r in self.lessons if r["status"] == "done"]

    def mark_done(self, lesson: str, done: bool = True) -> None:
        """Write (or delete) the ``done`` record of a lesson."""
        found = _norm(lesson)
        if found is None:
            raise ValueError(f"lesson must be one of {', '.join(LESSON_TITLES)}, got {lesson!r}")
        if self._store is None:
            raise RuntimeError(self.save_status or "no store to save into")
        from .. import DEFAULT_CASE  # noqa: PLC0415
        if done:
            self._store.put("progress", case_id=DEFAULT_CASE, doc_id="", key=f"{found}:done",
                            value={"lesson": found, "step": "done"})
        else:
            for rec in self._store.records("progress"):
                if _is_done_record(rec, found):
                    self._store.delete("progress", case_id=rec.case_id, doc_id=rec.doc_id, key=rec.key)
        self.refresh()

    def export(self) -> pathlib.Path:
        """:meth:`Store.export` of the student's work; the path is shown in the panel."""
        if self._store is None:
            raise RuntimeError(self.save_status or "no store to export")
        path = self._store.export()
        self.export_path = str(path)
        return path

    def _repr_fields(self) -> dict[str, Any]:
        return {"student": self.student or None, "done": len(self.done), "lessons": len(self.lessons)}

    def _on_msg(self, _widget, content: Any, _buffers) -> None:
        try:
            op = content.get("op") if isinstance(content, dict) else None
            if op == "refresh":
                self.refresh()
            elif op == "export":
                self.export()
            elif op == "done":
                self.mark_done(str(content["lesson"]), bool(content.get("done", True)))
            else:
                raise ValueError(f"unknown operation {op!r}")
            self.error = ""
        except Exception as e:  # noqa: BLE001 (errors in comm callbacks are otherwise swallowed)
            log.exception("ProgressPanel message failed")
            self.error = f"That did not work: {e}"

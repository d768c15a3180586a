"""ProgressPanel: how far the current student is, exercise by exercise, and the hand-in.

A lesson's exercises and what counts as done come from ``data/lessons/NN.toml``
(:mod:`medialit.exercises`): running a cell marks nothing, only saved work does. The panel
shows, per lesson, "exercises done / total" and which remain. **Export** writes the
student's work file (``<pseudonym>-<date>.medialit-work.json``, see :mod:`medialit.handin`)
and shows a link that downloads it in the browser.
"""
from __future__ import annotations

import logging
import pathlib
from typing import Any

import traitlets

from .. import exercises as _ex
from ..course import LESSONS
from ._base import CourseWidget, resolve_store

__all__ = ["ProgressPanel", "LESSON_TITLES"]

log = logging.getLogger(__name__)

LESSON_TITLES: dict[str, str] = {k: v[1] for k, v in LESSONS.items()}


class ProgressPanel(CourseWidget):
    """Per-lesson exercises done for the current student, and an export with a download link.

    ``store``: default the current student's store; ``False`` for none."""

    front_end = "progress"

    student = traitlets.Unicode("", help="The pseudonym whose work is shown.").tag(sync=True)
    lessons = traitlets.List(traitlets.Dict(), help="Rows: {lesson, title, done, total, remaining, exercises}.").tag(sync=True)
    export_path = traitlets.Unicode("", help="Where the last export was written.").tag(sync=True)
    export_name = traitlets.Unicode("", help="The file name of the last export.").tag(sync=True)
    error = traitlets.Unicode("", help="The last problem, in words.").tag(sync=True)

    def __init__(self, *, store: Any = None, **kwargs: Any) -> None:
        self._store, status = resolve_store(store)
        super().__init__(**kwargs)
        self.save_status = status
        self.refresh()
        self.on_msg(self._on_msg)

    def refresh(self) -> None:
        """Read the store again (another notebook may have saved work)."""
        try:
            recs = self._store.records() if self._store is not None else []
        except Exception as e:  # noqa: BLE001 (a damaged or moved store: say so, keep the panel)
            self.save_status = f"Not read: {e}"
            recs = []
        else:
            if self._store is not None:
                self.save_status = ""           # read fine: the status says who is saving now (guest or not)
        self.student = str(getattr(self._store, "student", "") or "")
        self.lessons = _ex.lesson_progress(recs)

    @property
    def done(self) -> list[str]:
        """Lessons with every exercise done."""
        return [r["lesson"] for r in self.lessons if r["total"] and r["done"] == r["total"]]

    def export(self) -> pathlib.Path:
        """Write the hand-in file (:func:`medialit.handin.export_for_hand_in`) and offer it
        for download in the panel."""
        from ..handin import export_for_hand_in  # noqa: PLC0415
        if self._store is None:
            raise RuntimeError(self.save_status or "no store to export")
        path = export_for_hand_in(self._store)
        self.export_path, self.export_name = str(path), path.name
        self.refresh()
        self.send({"op": "download", "name": path.name, "text": path.read_text(encoding="utf-8")})
        return path

    def _repr_fields(self) -> dict[str, Any]:
        return {"student": self.student or None, "exercises_done": sum(r["done"] for r in self.lessons),
                "lessons_done": len(self.done)}

    def _on_msg(self, _widget, content: Any, _buffers) -> None:
        try:
            op = content.get("op") if isinstance(content, dict) else None
            if op == "refresh":
                self.refresh()
            elif op == "export":
                self.export()
            else:
                raise ValueError(f"unknown operation {op!r}")
            self.error = ""
        except Exception as e:  # noqa: BLE001 (errors in comm callbacks are otherwise swallowed)
            log.exception("ProgressPanel message failed")
            self.error = f"That did not work: {e}"

"""ReportLink: a link that downloads a file the lesson wrote (lesson 08's HTML report).

The file lives beside the student's work, which the browser may not be able to reach (on a
hub the work folder can sit outside what JupyterLab serves), so, like the progress panel's
export, the front end asks for the file's text and offers it as a download from memory.
The text never goes into the widget's state, so nothing of it is saved in the notebook.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import traitlets

from ._base import CourseWidget

__all__ = ["ReportLink"]

MAX_BYTES = 20 * 1024 * 1024


class ReportLink(CourseWidget):
    """``ReportLink(path)``: where the file is, and a link that downloads it."""

    front_end = "reportlink"

    name = traitlets.Unicode("", help="The file's name (what the download is called).").tag(sync=True)
    path = traitlets.Unicode("", help="Where the file was written.").tag(sync=True)
    kind = traitlets.Unicode("text/html", help="The file's media type.").tag(sync=True)
    error = traitlets.Unicode("", help="A problem reading the file, in words.").tag(sync=True)

    def __init__(self, path: str | Path, *, kind: str = "text/html") -> None:
        path = Path(path)
        super().__init__(name=path.name, path=str(path), kind=kind)
        self.on_msg(self._on_msg)

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not (isinstance(content, dict) and content.get("op") == "fetch"):
            return
        try:
            p = Path(self.path)
            if p.stat().st_size > MAX_BYTES:
                raise ValueError(f"{p.name} is larger than {MAX_BYTES // (1024 * 1024)} MB")
            self.send({"op": "file", "name": self.name, "text": p.read_text(encoding="utf-8")})
            self.error = ""
        except (OSError, UnicodeDecodeError, ValueError) as e:
            self.error = f"Could not read {self.name}: {e}. Run the cell again."

    def _repr_fields(self) -> dict[str, Any]:
        return {"name": self.name}

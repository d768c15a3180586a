"""CasePicker: choose the text for lesson 08, by pasting it or by picking a case folder.

A thin view over :mod:`medialit.owncase` built from ipywidgets. Pasting an article (and,
optionally, comments) and pressing **Use my text** writes a case folder in the student's own
work area and loads it; the dropdown lists the course's cases and the student's earlier
texts. The choice is remembered, so running the lesson again tomorrow finds the same text.
Without a choice, the picker holds the lesson's case (the one ``MEDIALIT_CASE`` names, or the
course's own). ``picker.case`` is the case the rest of the lesson works on; the course's own
case comes as :func:`medialit.owncase.kept_apart` gives it, so lesson 08's work on it is its own.
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import owncase
from ..errors import CaseError
from ._base import resolve_store

__all__ = ["CasePicker"]


def _full() -> w.Layout:
    """The full width of the picker: "auto" stretches a box to the width left beside its margins
    (ipywidgets' "100%" adds the margins and makes the picker scroll sideways)."""
    return w.Layout(width="auto")


class CasePicker(w.VBox):
    """Paste a text or pick a case; ``.case`` is the chosen :class:`medialit.Case`."""

    def __init__(self, default: Any, *, store: Any = None, root: str | Path | None = None) -> None:
        self._store, status = resolve_store(store)
        if root is None and self._store is not None:
            root = Path(self._store.path).parent / owncase.OWN_DIR
        self.root = Path(root) if root is not None else None
        self.default = default
        self.case = owncase.kept_apart(owncase.load_choice(self.root, default))
        self.title = w.Text(placeholder="A title for your text", description="Title",
                            layout=_full())
        self.article = w.Textarea(placeholder="Paste the article here: paragraphs separated by a blank line.",
                                  description="Article", rows=10, layout=_full())
        self.comments = w.Textarea(placeholder="Optional: paste comments here, one per paragraph.",
                                   description="Comments", rows=5, layout=_full())
        self.make = w.Button(description="Use my text", tooltip="Make a case from the text above and work on it")
        self.choice = w.Dropdown(options=self._options(), description="Or pick", layout=_full())
        self.choice.value = self._path_of(self.case)
        self.use = w.Button(description="Use this case", tooltip="Work on the case chosen in the list")
        self.status = w.HTML()
        self.make.on_click(lambda _: self.use_text(self.article.value, title=self.title.value,
                                                   comments=self.comments.value))
        self.use.on_click(lambda _: self.use_folder(self.choice.value))
        self._fill()
        super().__init__([self.title, self.article, self.comments, self.make, self.choice, self.use, self.status],
                         layout=w.Layout(width="100%"))
        self._say(status)

    # --- the plain API (the buttons call these) ---------------------------------------
    def use_text(self, article: str, *, title: str = "", comments: str = "") -> Any:
        """Make a case from a pasted text, work on it, and remember the choice."""
        if self.root is None:
            self._say("Not saved: choose a pseudonym in lesson 00 first, so your text has a place to live.")
            return self.case
        try:
            folder = owncase.write_case(article, title=title, comments=comments, root=self.root)
            return self.use_folder(str(folder))
        except CaseError as e:
            self._say(str(e))
            return self.case

    def use_folder(self, folder: str | Path) -> Any:
        """Work on the case in ``folder`` (a course case or one of the student's)."""
        try:
            case = owncase.kept_apart(owncase.load_own(folder))
        except CaseError as e:
            self._say(f"That case does not load: {e}")
            return self.case
        self.case = case
        if self.root is not None:
            owncase.remember(self.root, folder)
        self.choice.options = self._options()
        self.choice.value = self._path_of(case)
        self._fill()
        self._say("")
        return case

    # --- display ----------------------------------------------------------------------
    def _options(self) -> list[tuple[str, str]]:
        opts = [(c["label"], c["path"]) for c in owncase.available_cases(self.root)]
        here = self._path_of(self.case) if hasattr(self, "case") else None
        if here and here not in [p for _, p in opts]:
            opts.insert(0, (f"{self.case.title} (set for this lesson: {Path(here).name})", here))
        return opts

    @staticmethod
    def _path_of(case: Any) -> str:
        return str(Path(case.path))

    def _is_own(self) -> bool:
        return self.root is not None and Path(self.case.path).parent == self.root

    def _fill(self) -> None:
        """Show the chosen text in the boxes when it is one of the student's own."""
        if self._is_own():
            self.title.value = self.case.title
            self.article.value = "\n\n".join(self.case.paragraphs.text)
            self.comments.value = "\n\n".join(self.case.comments.text)

    def _say(self, problem: str) -> None:
        c = self.case
        line = (f"Working on “{c.title}” (case {c.case_id}: {len(c.paragraphs)} paragraph(s), "
                f"{len(c.sentences)} sentence(s), {len(c.comments)} comment(s)). "
                "After changing it, run the cells below again.")
        if c.case_id.endswith(owncase.APART):
            line += (" This is the course's own article: your work on it here starts empty and is kept apart "
                     "from lessons 00 to 07.")
        self.status.value = ("<div role='status'>"
                             + (f"<p><b>{html.escape(problem)}</b></p>" if problem else "")
                             + f"<p>{html.escape(line)}</p></div>")

    def __repr__(self) -> str:
        return f"CasePicker(case={self.case.case_id!r})"

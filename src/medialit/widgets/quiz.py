"""Small exercise widgets built from ipywidgets: a multiple-choice :class:`Quiz` with
feedback, and a :class:`Reflection` box. Both save as the student answers and restore when
the cell runs again. Feedback is built from course text with every value escaped."""
from __future__ import annotations

import html
from typing import Mapping, Sequence

import ipywidgets as w

from ._base import resolve_store

__all__ = ["Quiz", "Reflection"]


class Quiz(w.VBox):
    """One question, options, the right answer and why each option is right or wrong.

    ``answer`` may be one option or a list of acceptable ones. ``why`` maps an option to the
    sentence the student sees after choosing it (the rationale), so feedback teaches."""

    def __init__(self, qid: str, prompt: str, options: Sequence[str], answer: str | Sequence[str],
                 why: Mapping[str, str], *, case_id: str = "rodong-2024", store=None) -> None:
        answers = [answer] if isinstance(answer, str) else list(answer)
        missing = [a for a in answers if a not in options]
        if missing:
            raise ValueError(f"Quiz {qid!r}: answer {missing[0]!r} is not one of the options {list(options)}")
        self.qid, self.answers, self.why, self.case_id = qid, answers, dict(why), case_id
        self._store, status = resolve_store(store)
        self.choice = w.RadioButtons(options=list(options), value=None, description="",
                                     layout=w.Layout(width="auto"))
        self.choice.add_class("medialit-quiz-options")
        self.check = w.Button(description="Check my answer", tooltip=f"Check the answer to {qid}")
        self.feedback = w.HTML(value="")
        self.status = w.HTML(value=html.escape(status))
        self.check.on_click(lambda _: self._check())
        super().__init__([w.HTML(f"<b>{html.escape(qid)}</b> {html.escape(prompt)}"), self.choice,
                          self.check, self.feedback, self.status])
        self._restore()

    def _restore(self) -> None:
        if self._store is None:
            return
        rec = self._store.latest("quiz", case_id=self.case_id).get(self.qid)
        if rec and rec.value.get("answer") in self.choice.options:
            self.choice.value = rec.value["answer"]
            self._show(rec.value["answer"])

    def _check(self) -> None:
        ans = self.choice.value
        if ans is None:
            self.feedback.value = "<p>Pick an option first, then check.</p>"
            return
        correct = self._show(ans)
        if self._store is not None:
            self._store.put("quiz", case_id=self.case_id, doc_id="", key=self.qid,
                            value={"answer": ans, "correct": correct})
            self.status.value = "Saved."

    def _show(self, ans: str) -> bool:
        correct = ans in self.answers
        head = "Yes." if correct else f"Not quite: the answer is “{' / '.join(self.answers)}”."
        why = self.why.get(ans, "")
        extra = "" if correct else self.why.get(self.answers[0], "")
        self.feedback.value = ("<div class='medialit-feedback' role='status'>"
                               f"<p><b>{html.escape(head)}</b> {html.escape(why)}</p>"
                               + (f"<p>{html.escape(extra)}</p>" if extra else "") + "</div>")
        return correct

    @property
    def correct(self) -> bool | None:
        return None if self.choice.value is None else self.choice.value in self.answers

    def __repr__(self) -> str:
        return f"Quiz({self.qid!r}, answered={self.choice.value is not None})"


class Reflection(w.VBox):
    """A free-text answer, saved whenever the student leaves the box or presses Save."""

    def __init__(self, qid: str, prompt: str, *, placeholder: str = "Write here…", rows: int = 5,
                 initial: str = "", case_id: str = "rodong-2024", store=None) -> None:
        self.qid, self.case_id = qid, case_id
        self._store, status = resolve_store(store)
        self.box = w.Textarea(value=initial, placeholder=placeholder, rows=rows, continuous_update=False,
                              layout=w.Layout(width="100%"), description="")
        self.box.add_class("medialit-reflection")
        self.save = w.Button(description="Save", tooltip=f"Save your answer to {qid}")
        self.status = w.HTML(value=html.escape(status))
        super().__init__([w.HTML(f"<b>{html.escape(qid)}</b> {html.escape(prompt)}"), self.box, self.save,
                          self.status])
        if self._store is not None:
            rec = self._store.latest("reflection", case_id=case_id).get(qid)
            if rec:
                self.box.value = rec.value.get("text", "")
        self.box.observe(lambda _: self._save(), names="value")
        self.save.on_click(lambda _: self._save())

    @property
    def text(self) -> str:
        return self.box.value

    def _save(self) -> None:
        if self._store is None:
            return
        self._store.put("reflection", case_id=self.case_id, doc_id="", key=self.qid,
                        value={"text": self.box.value})
        self.status.value = f"Saved ({len(self.box.value)} characters)."

    def __repr__(self) -> str:
        return f"Reflection({self.qid!r}, characters={len(self.box.value)})"

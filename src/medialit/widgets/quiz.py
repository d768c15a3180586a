"""Small exercise widgets: a multiple-choice :class:`Quiz` with feedback, and a
:class:`Reflection` box. Both save as the student answers, restore when the cell runs
again, and say when a save failed. Quiz items are data (``data/lessons/NN.toml``); lessons
show them with ``course.quiz("0.3")``.

The quiz is an anywidget (``quiz.js``): its options are a radio group that keeps the arrow
keys to itself (JupyterLab would otherwise move to another cell), wraps long options, and
shows nothing of the answer until the student checks one."""
from __future__ import annotations

import html
from typing import Any, Mapping, Sequence

import ipywidgets as w
import traitlets

from ..corpus import DEFAULT_CASE
from ..exercises import quiz_feedback
from ._base import CourseWidget, resolve_store

__all__ = ["Quiz", "Reflection"]

# A deferred item (the before and after check) is saved, not checked: where the student will
# see how they did depends on where they answer it.
DEFERRED_NOTE = "Saved. You will see how you did at the end of the course (lesson 08)."
DEFERRED_NOTES = {"08": "Saved. You will see how you did in the before-and-after table below."}
CHECK, SAVE = "Check my answer", "Save my answer"


class Quiz(CourseWidget):
    """One question, its options, the right answer(s), and why each option is right or wrong.

    ``answer`` may be one option or a list of acceptable ones. ``why`` maps an option to the
    sentence the student sees after choosing it. ``deferred``: save the answer, give no
    feedback now (the before/after check)."""

    front_end = "quiz"

    qid = traitlets.Unicode("", help="The exercise id, e.g. '0.3'.").tag(sync=True)
    prompt = traitlets.Unicode("", help="The question.").tag(sync=True)
    options = traitlets.List(traitlets.Unicode(), help="The options, in order.").tag(sync=True)
    selected = traitlets.Unicode("", help="The option the student picked ('' for none).").tag(sync=True)
    result = traitlets.Dict(help="{} until checked; then {correct, head, why, extra} or {deferred, message}.").tag(sync=True)
    action = traitlets.Unicode(CHECK, help="The button's label: check, or save for a deferred item.").tag(sync=True)

    def __init__(self, qid: str, prompt: str, options: Sequence[str], answer: str | Sequence[str],
                 why: Mapping[str, str], *, case_id: str = DEFAULT_CASE, store: Any = None,
                 lesson: str = "", deferred: bool = False) -> None:
        answers = [answer] if isinstance(answer, str) else list(answer)
        missing = [a for a in answers if a not in options]
        if missing:
            raise ValueError(f"Quiz {qid!r}: answer {missing[0]!r} is not one of the options {list(options)}")
        self.answers, self.why, self.case_id = answers, dict(why), case_id
        self.lesson, self.deferred = lesson, bool(deferred)
        self._store, status = resolve_store(store)
        super().__init__(qid=qid, prompt=prompt, options=list(options), save_status=status,
                         action=SAVE if self.deferred else CHECK)
        self._restore()
        self.on_msg(self._on_msg)

    @classmethod
    def from_item(cls, item: Any, *, store: Any = None, case_id: str = DEFAULT_CASE) -> "Quiz":
        """A quiz from a :class:`medialit.exercises.QuizItem` (the lesson data)."""
        return cls(item.id, item.prompt, [o.text for o in item.options], item.answers,
                   {o.text: o.why for o in item.options}, store=store, case_id=case_id,
                   lesson=item.lesson, deferred=item.deferred)

    # -- the model

    @property
    def correct(self) -> bool | None:
        return None if not self.selected else self.selected in self.answers

    def choose(self, option: str) -> None:
        """Pick an option (as a click would); nothing is saved until :meth:`check`."""
        if option not in self.options:
            raise ValueError(f"Quiz {self.qid!r}: {option!r} is not one of the options")
        self.selected = option

    def check(self, option: str | None = None) -> dict:
        """Check (and save) the picked option; returns the feedback shown."""
        if option is not None:
            self.choose(option)
        if not self.selected:
            self.result = {"message": f"Pick an option first, then {'save' if self.deferred else 'check'}."}
            return self.result
        correct = self.selected in self.answers
        if self._store is not None:
            try:
                self._store.put("quiz", case_id=self.case_id, doc_id="", key=self.qid,
                                value={"answer": self.selected, "correct": correct, "lesson": self.lesson})
            except Exception as e:  # noqa: BLE001 (the student must see that it was not saved)
                self.save_status = f"Not saved: {e}"
            else:
                self.save_status = ""
        self.result = self._feedback(self.selected)
        return self.result

    def _feedback(self, ans: str) -> dict:
        if self.deferred:
            return {"deferred": True, "message": DEFERRED_NOTES.get(self.lesson, DEFERRED_NOTE)}
        return quiz_feedback(ans, self.answers, self.why)

    def _restore(self) -> None:
        if self._store is None:
            return
        try:
            rec = self._store.latest("quiz", case_id=self.case_id).get(self.qid)
        except Exception as e:  # noqa: BLE001 (a damaged store must not break the lesson)
            self.save_status = f"Not restored: {e}"
            return
        if rec and rec.value.get("answer") in self.options:
            self.selected = rec.value["answer"]
            self.result = self._feedback(self.selected)

    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if not isinstance(content, dict):
            return
        if content.get("op") == "check":
            ans = content.get("answer")
            if isinstance(ans, str) and ans in self.options:
                self.selected = ans
            self.check()

    def _repr_fields(self) -> dict[str, Any]:
        return {"qid": self.qid, "answered": bool(self.result.get("head") or self.result.get("deferred"))}

    def __repr__(self) -> str:
        return f"Quiz({self.qid!r}, answered={self._repr_fields()['answered']})"


class Reflection(w.VBox):
    """A free-text answer, saved whenever the student leaves the box or presses Save.

    ``initial`` is a starting text (e.g. a paragraph to rewrite): the saved value records
    whether the text was ``changed`` from it, so an untouched start never counts as work."""

    def __init__(self, qid: str, prompt: str, *, placeholder: str = "Write here…", rows: int = 5,
                 initial: str = "", case_id: str = DEFAULT_CASE, store: Any = None, lesson: str = "") -> None:
        self.qid, self.case_id, self.lesson, self.initial = qid, case_id, lesson, initial
        self._store, status = resolve_store(store)
        from ._base import idle_status  # noqa: PLC0415
        self._idle = lambda: idle_status(self._store)
        self.box = w.Textarea(value=initial, placeholder=placeholder, rows=rows, continuous_update=False,
                              layout=w.Layout(width="100%"), description="")
        self.box.add_class("medialit-reflection")
        self.save = w.Button(description="Save", tooltip=f"Save your answer to {qid}")
        self.status = w.HTML(value=self._status_html(status))
        super().__init__([w.HTML(f"<b>{html.escape(qid)}</b> {html.escape(prompt)}"), self.box, self.save,
                          self.status])
        self.add_class("medialit-reflection-box")
        if self._store is not None:
            try:
                rec = self._store.latest("reflection", case_id=case_id).get(qid)
            except Exception as e:  # noqa: BLE001
                self.status.value = self._status_html(f"Not restored: {e}")
                rec = None
            if rec:
                self.box.value = rec.value.get("text", "")
        self.box.observe(lambda _: self._save(), names="value")
        self.save.on_click(lambda _: self._save())

    @staticmethod
    def _status_html(text: str, *, alert: bool = False) -> str:
        if not text:
            return ""
        role = "alert" if alert else "status"
        return f"<div class='medialit-save-status' role='{role}'>{html.escape(text)}</div>"

    @property
    def text(self) -> str:
        return self.box.value

    @property
    def changed(self) -> bool:
        """Whether the text says something and differs from the starting text."""
        text = " ".join(self.box.value.split())
        return bool(text) and text != " ".join(self.initial.split())

    def _save(self) -> None:
        if self._store is None:
            return
        try:
            self._store.put("reflection", case_id=self.case_id, doc_id="", key=self.qid,
                            value={"text": self.box.value, "changed": self.changed, "lesson": self.lesson})
        except Exception as e:  # noqa: BLE001 (never a stale "Saved")
            self.status.value = self._status_html(f"Not saved: {e}", alert=True)
            return
        note = self._idle()
        saved = f"Saved ({len(self.box.value)} characters)." + (f" {note}" if note else "")
        if not self.changed:
            saved += " (Unchanged from the start: edit it to count as done.)" if self.initial else ""
        self.status.value = self._status_html(saved)

    def __repr__(self) -> str:
        return f"Reflection({self.qid!r}, characters={len(self.box.value)})"

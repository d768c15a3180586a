"""SourceComparer: one event, several attributed sources side by side.

The topic's record (what the sources together establish) is shown first, as the baseline.
For each source the student marks the framing (same facts, omission, loaded framing,
contradiction) and notes what it leaves out; then, on request and only after a mark, the key
shows per source the key's framing, what it leaves out and why. A different answer on a
contested source is a discussion point, not an error.

The topics are data: ``data/cases/<case>/sources.toml`` (see :func:`load_topics`); the key is
``keys/sources.toml`` (see :func:`medialit.topics.source_key`). Work is
saved as kind ``framing`` (``doc_id`` "sources", ``key`` the source id, ``value``
``{"topic", "framing", "left_out"}``) and restored when the cell runs again.
"""
from __future__ import annotations

from typing import Any

import traitlets

from ..topics import FRAMING_CHOICES, FRAMINGS, load_topics, source_key
from ._base import CourseWidget, load_case_or_default, resolve_store
from .claims import _as_dict

__all__ = ["SourceComparer", "load_topics", "FRAMINGS", "FRAMING_CHOICES"]

KIND = "framing"
DOC_ID = "sources"

_SHOWN = ("id", "dossier", "publisher", "kind", "date", "url", "quote", "summary", "government", "authenticity")


class SourceComparer(CourseWidget):
    """Compare how several sources frame the same event."""

    front_end = "sources"

    case_id = traitlets.Unicode("", help="The case the topics belong to.").tag(sync=True)
    topics = traitlets.List(traitlets.Dict(), help="[{id, title}] the topics on offer.").tag(sync=True)
    topic = traitlets.Unicode("", help="The topic shown.").tag(sync=True)
    question = traitlets.Unicode("", help="What to compare in this topic.").tag(sync=True)
    record = traitlets.Unicode("", help="What the sources together establish: the baseline to judge against.").tag(sync=True)
    sources = traitlets.List(traitlets.Dict(), help="[{id, publisher, kind, date, url, quote, ...}] side by side.").tag(sync=True)
    choices = traitlets.List(traitlets.Dict(), help="[{framing, help}] the framings on offer.").tag(sync=True)
    answers = traitlets.List(traitlets.Dict(), help="[{source, framing, left_out}] the student's marks.").tag(sync=True)
    revealed = traitlets.Bool(False, help="Whether the key is shown.").tag(sync=True)
    key = traitlets.Dict(help="{} until revealed; then the record and the key per source.").tag(sync=True)
    message = traitlets.Unicode("", help="A short note for the student.").tag(sync=True)

    def __init__(self, case: Any = None, *, topic: str | None = None, store: Any = None) -> None:
        self._case = load_case_or_default(case)
        self._store, status = resolve_store(store)
        self._topics = {t["id"]: t for t in load_topics(self._case.path)}
        if topic is not None and topic not in self._topics:
            raise ValueError(f"no topic {topic!r} in {self._case.case_id!r}; topics are: "
                             f"{', '.join(self._topics) or 'none'}")
        self._saved: dict[str, dict] = {}
        self._key: dict[str, dict] | None = None
        self._restoring = False
        super().__init__(
            case_id=self._case.case_id,
            topics=[{"id": t["id"], "title": t["title"]} for t in self._topics.values()],
            topic=topic or next(iter(self._topics), ""),
            choices=[{"framing": f, "help": h} for f, h in FRAMING_CHOICES],
            save_status=status,
        )
        self._load_topic()
        self.observe(self._on_topic, names=["topic"])
        self.observe(self._on_answers, names=["answers"])
        self.observe(self._on_reveal, names=["revealed"])
        self.on_msg(self._on_msg)

    # --- plain API --------------------------------------------------------------------
    def answers_dict(self) -> dict[str, dict]:
        return {a["source"]: {"framing": a.get("framing", ""), "left_out": a.get("left_out", "")}
                for a in self.answers}

    def mark(self, source: str, framing: str | None = None, left_out: str | None = None) -> None:
        """Set the framing and/or the note of one source of the current topic."""
        ids = [s["id"] for s in self.sources]
        if source not in ids:
            raise ValueError(f"no source {source!r} in topic {self.topic!r}; sources are: {', '.join(ids)}")
        if framing not in (None, "") and framing not in FRAMINGS:
            raise ValueError(f"framing must be one of {list(FRAMINGS)}, got {framing!r}")
        ans = self.answers_dict()
        cur = ans.get(source, {"framing": "", "left_out": ""})
        if framing is not None:
            cur["framing"] = framing
        if left_out is not None:
            cur["left_out"] = left_out
        ans[source] = cur
        self.answers = [{"source": s, **ans[s]} for s in ids if s in ans]

    def all_answers(self) -> dict[str, dict]:
        """The student's framings for every topic of the case (saved ones, and the current
        topic's as shown): source id -> {"topic", "framing", "left_out"}."""
        out: dict[str, dict] = {}
        if self._store is not None:
            try:
                latest = self._store.latest(KIND, case_id=self.case_id, doc_id=DOC_ID)
            except Exception:  # noqa: BLE001 (the store reports its own problems)
                latest = {}
            for sid, rec in latest.items():
                v = rec.value or {}
                out[sid] = {"topic": str(v.get("topic", "")), "framing": v.get("framing", "")
                            if v.get("framing") in FRAMINGS else "", "left_out": str(v.get("left_out", ""))}
        for sid, v in self.answers_dict().items():
            out[sid] = {"topic": self.topic, **v}
        return out

    def reveal(self) -> dict:
        self.revealed = True
        return self.key

    def _repr_fields(self) -> dict[str, Any]:
        marked = sum(1 for a in self.answers if a.get("framing"))
        return {"case_id": self.case_id, "topic": self.topic, "marked": marked, "of": len(self.sources),
                "revealed": self.revealed}

    # --- topics and restore -----------------------------------------------------------
    def _load_topic(self) -> None:
        t = self._topics.get(self.topic)
        self._restoring = True
        try:
            self.question = t["question"] if t else ""
            self.record = t["record"] if t else ""
            self.sources = [{k: s.get(k, "") for k in _SHOWN} for s in t["sources"]] if t else []
            saved = {}
            if self._store is not None and t:
                try:
                    latest = self._store.latest(KIND, case_id=self.case_id, doc_id=DOC_ID)
                except Exception as e:  # noqa: BLE001
                    self.save_status = f"Not restored: {e}"
                    latest = {}
                for s in t["sources"]:
                    rec = latest.get(s["id"])
                    if rec is not None:
                        v = rec.value or {}
                        saved[s["id"]] = {"framing": v.get("framing", "") if v.get("framing") in FRAMINGS else "",
                                          "left_out": str(v.get("left_out", ""))}
            self._saved = {k: dict(v) for k, v in saved.items()}
            self.answers = [{"source": s["id"], **saved[s["id"]]} for s in (t["sources"] if t else [])
                            if s["id"] in saved]
            self.revealed = False
            self.key = {}
            self.message = ""
        finally:
            self._restoring = False

    def _on_topic(self, change: dict) -> None:
        if change["new"] not in self._topics:
            self.topic = change["old"]
            return
        self._load_topic()

    def _on_answers(self, change: dict) -> None:
        if self.revealed:
            self.key = self._key_view()
        if self._restoring:
            return
        new = self.answers_dict()
        if any(v["framing"] for v in new.values()):
            self.message = ""
        if self._store_diff(KIND, self._saved, new, doc_id=lambda _: DOC_ID,
                            value=lambda _, v: {"topic": self.topic, **v}):
            self._saved = {k: dict(v) for k, v in new.items()}

    def _on_reveal(self, change: dict) -> None:
        if change["new"] and not any(a.get("framing") for a in self.answers):
            self.revealed = False
            self.message = "Mark the framing of at least one source first; then compare with the key."
            return
        self.key = self._key_view() if change["new"] else {}

    def _on_msg(self, _w: Any, content: Any, _b: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "reveal":
            self.revealed = True

    def _key_items(self) -> dict[str, dict]:
        if self._key is None:
            self._key = source_key(self._case)
        return self._key

    def _key_view(self) -> dict:
        t = self._topics.get(self.topic)
        if not t:
            return {}
        ans = self.answers_dict()
        key = self._key_items()
        items = []
        for s in t["sources"]:
            mine, k = ans.get(s["id"], {}), key[s["id"]]
            items.append({
                "source": s["id"], "framing": k["framing"], "left_out": k["omissions"],
                "rationale": k["rationale"], "contested": bool(k["contested"]),
                "student": mine.get("framing", ""), "agree": mine.get("framing") == k["framing"],
            })
        student = {s: v["framing"] for s, v in ans.items() if v.get("framing")}
        agreement: dict = {}
        if student:
            try:
                from .. import scoring  # noqa: PLC0415
                keyrows = [{"item": s["id"], "label": key[s["id"]]["framing"],
                            "contested": bool(key[s["id"]]["contested"])} for s in t["sources"]]
                res = _as_dict(scoring.agreement(student, keyrows))
                acc = res.get("accuracy")
                agreement = {"accuracy": None if acc is None else float(acc), "n": int(res.get("n") or 0),
                             "agree": int(res.get("agree") or 0), "discussion": len(res.get("discussion") or ())}
            except ImportError:
                pass
        return {"topic": t["id"], "record": t["record"], "items": items, "agreement": agreement}

"""CommentLab: read the comment thread, label each comment and moderate it against the policy.

The thread comes from ``case.comments``; inferred replies are drawn as a thread (indented,
"replies to comment 5 because ..."; students read "Comment 5", the id ``c05`` stays in the
data). Per comment the student picks labels (several may apply)
and a moderation decision (keep, label, hide, remove) naming a rule of the written policy
(:mod:`medialit.moderation`). The content note above the thread comes from the case
(:func:`medialit.comment_feedback.content_note`): a case without one gets none. Listed slurs are masked by default (:func:`medialit.safety.mask`,
same length) everywhere the widget syncs text; revealing them is a deliberate, labelled
toggle (``reveal=True`` or the checkbox labelled :data:`medialit.safety.REVEAL_LABEL`).

Work is saved as kinds ``comment_label`` (``value`` ``{"labels": [...]}``) and
``moderation`` (``value`` ``{"decision", "rule"}``), each with ``doc_id`` and ``key`` the
comment id (no text anchor, so saved work never copies a comment's wording), and restored
when the cell runs again. :meth:`CommentLab.feedback` compares them with the key
(:func:`medialit.comment_feedback.comment_feedback`), only for the comments attempted.
"""
from __future__ import annotations

import re
from typing import Any

import traitlets

from .. import safety
from ..labelnames import COMMENT_LABELS
from ..comment_feedback import CommentFeedback, comment_feedback, comment_number, content_note
from ..moderation import check_decision, load_policy
from ._base import CourseWidget, key_or_none, load_case_or_default, resolve_store

__all__ = ["CommentLab", "COMMENT_LABELS", "thread_order"]

LABEL_KIND = "comment_label"
MOD_KIND = "moderation"

LABELS = tuple(c[0] for c in COMMENT_LABELS)


def thread_order(rows: list[dict]) -> list[dict]:
    """Comments in thread order (each reply right under what it answers, replies in source
    order) with their ``depth``; a reply to an unknown or later comment starts a thread."""
    by_id = {r["comment_id"]: r for r in rows}
    pos = {r["comment_id"]: i for i, r in enumerate(rows)}
    children: dict[str | None, list[str]] = {}
    for r in rows:
        parent = r.get("reply_to")
        if parent not in by_id or pos[parent] >= pos[r["comment_id"]]:
            parent = None
        children.setdefault(parent, []).append(r["comment_id"])
    out: list[dict] = []

    def walk(cid: str, depth: int) -> None:
        out.append(dict(by_id[cid], depth=depth))
        for child in children.get(cid, []):
            walk(child, depth + 1)

    for cid in children.get(None, []):
        walk(cid, 0)
    return out


class CommentLab(CourseWidget):
    """Label and moderate the comment thread; slurs masked unless deliberately revealed."""

    front_end = "comments"

    case_id = traitlets.Unicode("", help="The case whose comments are shown.").tag(sync=True)
    comments = traitlets.List(traitlets.Dict(), help="[{comment_id, number, author, text, depth, reply_to, reply_to_number, reply_reason, masked}] in thread order; text masked unless `reveal`; `number` (\"Comment 1\") is what the student reads.").tag(sync=True)
    label_choices = traitlets.List(traitlets.Dict(), help="[{label, name, help}] the labels on offer.").tag(sync=True)
    rules = traitlets.List(traitlets.Dict(), help="[{id, title, text, action}] the moderation policy's rules.").tag(sync=True)
    decisions = traitlets.List(traitlets.Unicode(), help="The moderation decisions on offer.").tag(sync=True)
    policy = traitlets.Dict(help="{title, summary} of the written policy.").tag(sync=True)
    labels = traitlets.List(traitlets.Dict(), help="[{comment_id, labels: [...]}] the student's labels.").tag(sync=True)
    moderation = traitlets.List(traitlets.Dict(), help="[{comment_id, decision, rule}] the student's decisions.").tag(sync=True)
    notes = traitlets.List(traitlets.Dict(), help="[{comment_id, problems: [...]}] what a decision still needs.").tag(sync=True)
    reveal = traitlets.Bool(False, help="Show masked words. Off by default; a deliberate choice.").tag(sync=True)
    reveal_label = traitlets.Unicode(safety.REVEAL_LABEL, help="The label of the reveal toggle.").tag(sync=True)
    content_note = traitlets.Unicode("", help="Shown above the thread: the case's content note for its comments, or empty.").tag(sync=True)

    def __init__(self, case: Any = None, *, store: Any = None, reveal: bool = False) -> None:
        if not isinstance(reveal, bool):
            raise TypeError(f"reveal must be True or False, got {reveal!r}")
        self._case = load_case_or_default(case)
        self._store, status = resolve_store(store)
        self._policy = load_policy()
        self._rows = [dict(r) for r in self._case.comments.to_dict("records")]
        self._saved_labels: dict[str, list[str]] = {}
        self._saved_mod: dict[str, dict] = {}
        super().__init__(
            case_id=self._case.case_id,
            comments=self._shown(reveal),
            label_choices=[{"label": lab, "name": n, "help": h} for lab, n, h in COMMENT_LABELS],
            rules=[{"id": r.id, "title": r.title, "text": r.text, "action": r.action} for r in self._policy.rules],
            decisions=list(self._policy.decisions),
            policy={"title": self._policy.title, "summary": self._policy.summary},
            reveal=reveal, save_status=status, content_note=content_note(self._case),
        )
        self._restore()
        self.observe(self._on_reveal, names=["reveal"])
        self.observe(self._on_labels, names=["labels"])
        self.observe(self._on_moderation, names=["moderation"])

    # --- display ----------------------------------------------------------------------
    def _shown(self, reveal: bool) -> list[dict]:
        out = []
        for r in thread_order(self._rows):
            text = str(r.get("text") or "")
            reason, parent = r.get("reply_reason"), r.get("reply_to") if r["depth"] else None
            if reason and parent:      # the reason names comments by id: say "comment 4", as students count
                reason = re.sub(rf"\b{re.escape(parent)}\b", comment_number(parent), str(reason))
            out.append({
                "comment_id": r["comment_id"], "position": int(r.get("position") or 0),
                "number": comment_number(r["comment_id"]).capitalize(),
                "reply_to_number": comment_number(parent) if parent else None,
                "author": None if r.get("author") is None else safety.mask(str(r["author"]), reveal=reveal),
                "text": safety.mask(text, reveal=reveal),
                "masked": not safety.is_masked(text),
                "depth": int(r["depth"]),
                "reply_to": r.get("reply_to") if r["depth"] else None,
                "reply_reason": None if not (r["depth"] and reason) else safety.mask(str(reason), reveal=reveal),
            })
        return out

    def _on_reveal(self, change: dict) -> None:
        self.comments = self._shown(bool(change["new"]))

    # --- plain API --------------------------------------------------------------------
    def labels_dict(self) -> dict[str, list[str]]:
        return {x["comment_id"]: list(x.get("labels", [])) for x in self.labels}

    def moderation_dict(self) -> dict[str, dict]:
        return {x["comment_id"]: {"decision": x.get("decision", ""), "rule": x.get("rule", "")}
                for x in self.moderation}

    def feedback(self, *, show_all: bool = False) -> CommentFeedback:
        """Your labels and decisions beside the key's, for the comments you attempted
        (``show_all=True``: the whole key, once you have attempted something)."""
        return comment_feedback(self.labels_dict(), self.moderation_dict(),
                                key_or_none(self._case, "comments"), show_all=show_all)

    def set_labels(self, comment_id: str, labels: list[str]) -> None:
        self._check_comment(comment_id)
        bad = [lab for lab in labels if lab not in LABELS]
        if bad:
            raise ValueError(f"unknown label(s) {bad}; labels are: {', '.join(LABELS)}")
        d = self.labels_dict()
        d[comment_id] = [lab for lab in LABELS if lab in labels]
        self.labels = self._ordered([{"comment_id": c, "labels": v} for c, v in d.items() if v])

    def moderate(self, comment_id: str, decision: str, rule: str = "") -> None:
        self._check_comment(comment_id)
        if decision not in self._policy.decisions:
            raise ValueError(f"decision must be one of {list(self._policy.decisions)}, got {decision!r}")
        if rule and rule not in self._policy.rule_ids:
            raise ValueError(f"no rule {rule!r}; rules are: {', '.join(self._policy.rule_ids)}")
        d = self.moderation_dict()
        d[comment_id] = {"decision": decision, "rule": rule}
        self.moderation = self._ordered([{"comment_id": c, **v} for c, v in d.items()])

    def _check_comment(self, comment_id: str) -> None:
        ids = [r["comment_id"] for r in self._rows]
        if comment_id not in ids:
            raise ValueError(f"no comment {comment_id!r}; comments are {ids[0]}..{ids[-1]}" if ids
                             else "this case has no comments")

    def _ordered(self, items: list[dict]) -> list[dict]:
        pos = {r["comment_id"]: i for i, r in enumerate(self._rows)}
        return sorted(items, key=lambda x: pos.get(x["comment_id"], 1 << 30))

    def _repr_fields(self) -> dict[str, Any]:
        return {"case_id": self.case_id, "comments": len(self.comments), "labelled": len(self.labels),
                "moderated": len(self.moderation), "reveal": self.reveal}

    # --- saving and restoring ---------------------------------------------------------
    def _restore(self) -> None:
        if self._store is None:
            return
        ids = {r["comment_id"] for r in self._rows}
        try:
            lab = self._store.latest(LABEL_KIND, case_id=self.case_id)
            mod = self._store.latest(MOD_KIND, case_id=self.case_id)
        except Exception as e:  # noqa: BLE001
            self.save_status = f"Not restored: {e}"
            return
        labels, moderation = {}, {}
        for cid, rec in lab.items():
            ls = [x for x in (rec.value or {}).get("labels", []) if x in LABELS]
            if cid in ids and ls:
                labels[cid] = ls
        for cid, rec in mod.items():
            v = rec.value or {}
            if cid in ids and v.get("decision") in self._policy.decisions:
                moderation[cid] = {"decision": v["decision"], "rule": v.get("rule", "") if v.get("rule") in self._policy.rule_ids else ""}
        self._saved_labels = {k: list(v) for k, v in labels.items()}
        self._saved_mod = {k: dict(v) for k, v in moderation.items()}
        self.labels = self._ordered([{"comment_id": c, "labels": v} for c, v in labels.items()])
        self.moderation = self._ordered([{"comment_id": c, **v} for c, v in moderation.items()])
        self.notes = self._notes()

    def _on_labels(self, change: dict) -> None:
        new = {x["comment_id"]: [lab for lab in LABELS if lab in x.get("labels", [])] for x in change["new"]}
        new = {k: v for k, v in new.items() if v}
        if self._store_diff(LABEL_KIND, self._saved_labels, new, doc_id=str, value=lambda _, ls: {"labels": ls}):
            self._saved_labels = new

    def _notes(self) -> list[dict]:
        out = []
        for cid, v in self.moderation_dict().items():
            problems = check_decision(v["decision"], v["rule"], self._policy)
            if problems:
                out.append({"comment_id": cid, "problems": problems})
        return self._ordered(out)

    def _on_moderation(self, change: dict) -> None:
        self.notes = self._notes()
        new = {x["comment_id"]: {"decision": x.get("decision", ""), "rule": x.get("rule", "")}
               for x in change["new"] if x.get("decision")}
        if self._store_diff(MOD_KIND, self._saved_mod, new, doc_id=str, value=lambda _, v: dict(v)):
            self._saved_mod = new

"""Feedback on comment labels and moderation against the key, and a case's content note.

Pure functions, no widgets. :func:`comment_feedback` compares what a student did in the
comment lab (labels per comment, a decision and a rule per comment) with the key
``case.key("comments")`` and says, per comment the student attempted, what matched, what
the key adds and why. Comments the student has not touched are never described, so a
feedback cell run before the attempt shows nothing of the key (``show_all=True`` lists the
whole key, and only once something was attempted). Contested key items are discussion
points, not errors. Students see comments numbered from 1 (``c05`` is "comment 5").

:func:`content_note` is the note a lesson or the comment lab shows before a case's comments:
the case's own ``[content_notes] comments`` from ``case.toml``, or, for a case without one
whose comments hold listed terms, a short note that they are masked; otherwise nothing.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Mapping

from . import safety
from .labelnames import comment_label
from .scoring import agreement

__all__ = ["CommentItem", "CommentFeedback", "comment_feedback", "content_note", "comment_number"]

MASKED_NOTE = ("Content note: some words in these comments are on the course's list of slurs and insults. "
               "They are masked (shown as a first letter and stars); you can reveal them deliberately, "
               "but you never need to.")
NOTHING_YET = ("Nothing to compare yet: label or moderate some comments in the lab above (a decision and the "
               "rule it applies), then run this cell again.")


def comment_number(comment_id: str) -> str:
    """``c05`` -> ``comment 5`` (students count from 1; ids stay as they are)."""
    digits = comment_id[1:] if comment_id[:1] == "c" else ""
    return f"comment {int(digits)}" if digits.isdigit() else f"comment {comment_id}"


def content_note(case: Any, part: str = "comments") -> str:
    """The content note for a case's comments (or another ``part`` of ``[content_notes]``)."""
    meta = getattr(case, "meta", None) or {}
    notes = meta.get("content_notes") if isinstance(meta, Mapping) else None
    note = notes.get(part) if isinstance(notes, Mapping) else None
    if isinstance(note, str) and note.strip():
        note = " ".join(note.split())
        return note if note.lower().startswith("content note") else f"Content note: {note}"
    comments = getattr(case, "comments", None)
    texts = [] if comments is None or part != "comments" else [str(t) for t in comments["text"]]
    return MASKED_NOTE if any(safety.masked_ranges(t) for t in texts) else ""


@dataclass(frozen=True)
class CommentItem:
    """Feedback on one comment: the student's work beside the key's."""

    comment_id: str
    labels: tuple[str, ...]
    decision: str
    rule: str
    key_labels: tuple[str, ...]
    key_decision: str
    key_rule: str
    rationale: str
    contested: bool
    contested_note: str = ""

    @property
    def decision_agrees(self) -> bool:
        return bool(self.decision) and self.decision == self.key_decision

    def lines(self) -> list[str]:
        out = []
        mine, key = set(self.labels), set(self.key_labels)
        names = lambda labels: ", ".join(comment_label(lab) for lab in labels)  # noqa: E731 (as the lab shows them)
        if self.labels:
            shared = [lab for lab in self.key_labels if lab in mine]
            missed = [lab for lab in self.key_labels if lab not in mine]
            extra = [lab for lab in self.labels if lab not in key]
            if mine == key:
                out.append(f"Labels: yours match the key ({names(self.key_labels)}).")
            else:
                part = [f"you share {names(shared)} with the key" if shared else "the key uses none of your labels"]
                if missed:
                    part.append(f"the key adds {names(missed)}")
                if extra:
                    part.append(f"the key does not use {names(extra)}")
                out.append("Labels: " + "; ".join(part) + ".")
        if self.decision:
            yours = f"{self.decision} under {self.rule}" if self.rule else f"{self.decision} (no rule named yet)"
            keys = f"{self.key_decision} under {self.key_rule}"
            if self.decision_agrees and self.rule == self.key_rule:
                out.append(f"Decision: {yours}; the key agrees.")
            elif self.decision_agrees:
                out.append(f"Decision: {yours}; the key makes the same decision under {self.key_rule}.")
            else:
                out.append(f"Decision: you chose {yours}; the key says {keys}.")
        out.append(f"Why: {self.rationale}")
        if self.contested:
            out.append(f"Contested, a discussion point rather than an error: {self.contested_note}")
        return out


@dataclass(frozen=True)
class CommentFeedback:
    """What a student did in the comment lab, compared with the key (displays itself)."""

    items: tuple[CommentItem, ...]
    message: str
    status: str                                 # "empty", "no-key" or "ok"
    decisions: dict = field(default_factory=dict)   # n, agree, discussion (uncontested compared)

    def __repr__(self) -> str:
        lines = [self.message]
        for it in self.items:
            lines.append(f"{comment_number(it.comment_id).capitalize()}:")
            lines += [f"  {line}" for line in it.lines()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        parts = [f"<p>{e(self.message)}</p>"]
        for it in self.items:
            lines = "".join(f"<li>{e(line)}</li>" for line in it.lines())
            parts.append(f"<div class='medialit-comment-fb'><b>{e(comment_number(it.comment_id).capitalize())}</b>"
                         f"<ul>{lines}</ul></div>")
        return f"<div class='medialit-feedback' role='status'>{''.join(parts)}</div>"


def _key_rows(key: Any) -> dict[str, dict]:
    if key is None:
        return {}
    rows = key.to_dict("records") if hasattr(key, "to_dict") else list(key)
    return {str(r["comment_id"]): r for r in rows}


def comment_feedback(labels: Mapping[str, Any], moderation: Mapping[str, Mapping], key: Any, *,
                     show_all: bool = False) -> CommentFeedback:
    """Compare ``labels`` ({comment id: [labels]}) and ``moderation`` ({comment id: {decision,
    rule}}) with the comment ``key`` (a DataFrame as from ``case.key("comments")``, or None)."""
    labels = {str(k): tuple(v) for k, v in labels.items() if v}
    moderation = {str(k): dict(v) for k, v in moderation.items() if v and v.get("decision")}
    tried = [c for c in dict.fromkeys([*labels, *moderation])]
    if not tried:
        return CommentFeedback((), NOTHING_YET, "empty")
    rows = _key_rows(key)
    if not rows:
        return CommentFeedback((), (f"You labelled {len(labels)} and moderated {len(moderation)} comment(s). "
                                    "This text has no key: compare your decisions and the rules you named with "
                                    "a classmate's, and argue each difference from the policy."), "no-key")
    order = list(rows)
    shown = order if show_all else [c for c in order if c in tried]
    items = []
    for cid in shown:
        r = rows[cid]
        m = moderation.get(cid, {})
        items.append(CommentItem(
            comment_id=cid, labels=labels.get(cid, ()), decision=str(m.get("decision", "")),
            rule=str(m.get("rule", "")), key_labels=tuple(r["labels"]), key_decision=str(r["decision"]),
            key_rule=str(r["rule"]), rationale=str(r["rationale"]), contested=bool(r["contested"]),
            contested_note=str(r.get("contested_note") or "")))
    ag = agreement({c: m["decision"] for c, m in moderation.items() if c in rows},
                   [{"item": c, "label": r["decision"], "contested": r["contested"]} for c, r in rows.items()])
    share = sum(1 for c, ls in labels.items() if c in rows and set(ls) & set(rows[c]["labels"]))
    parts = [f"You labelled {len(labels)} of {len(rows)} comments and share at least one label with the key on {share}."]
    if moderation:
        parts.append(f"Your decision matches the key on {ag.agree} of the {ag.n} uncontested comment(s) you moderated"
                     + (f"; {len(ag.discussion)} contested one(s) where you differ are discussion points." if ag.discussion else "."))
    if ag.missing and moderation:
        parts.append(f"{len(ag.missing)} comment(s) still to moderate.")
    return CommentFeedback(tuple(items), " ".join(parts), "ok",
                           {"n": ag.n, "agree": ag.agree, "discussion": len(ag.discussion)})

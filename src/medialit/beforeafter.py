"""The before and after check side by side (end of lesson 08). Pure, no widgets.

Lesson 00 opens with a short check, quiz items ``pre.1`` .. ``pre.N`` in
``data/lessons/00.toml``; lesson 08 closes with parallel items ``post.1`` .. ``post.N`` in
``data/lessons/08.toml``: ``pre.k`` and ``post.k`` test the same skill (``skill``) on
different material. Both are ``deferred``: answers are saved as quiz records (kind ``quiz``,
key the item id, value ``{"answer", "correct", ...}``) with no feedback, until
:func:`before_after` puts them side by side. Explanations appear only for items the student
answered, and only once the after check has an answer; before that nothing of the answers
is shown. The quiz records are part of every export, so the class report can use them too.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

__all__ = ["Pair", "BeforeAfter", "before_after", "PRE", "POST"]

PRE, POST = "pre.", "post."


@dataclass(frozen=True)
class Pair:
    """One skill, tested before and after: None when that side is not answered yet."""

    number: int
    skill: str
    before: bool | None
    after: bool | None
    before_why: str = ""
    after_why: str = ""


def _mark(ok: bool | None) -> str:
    return "not answered" if ok is None else ("right" if ok else "not yet right")


@dataclass(frozen=True)
class BeforeAfter:
    pairs: tuple[Pair, ...]

    @property
    def before_score(self) -> int:
        return sum(p.before is True for p in self.pairs)

    @property
    def after_score(self) -> int:
        return sum(p.after is True for p in self.pairs)

    @property
    def answered(self) -> tuple[int, int]:
        return (sum(p.before is not None for p in self.pairs), sum(p.after is not None for p in self.pairs))

    def message(self) -> str:
        n = len(self.pairs)
        before, after = self.answered
        if not after:
            return (f"Take the after check above first (items 1 to {n}); then run this cell again to see your "
                    f"answers beside the ones you gave in lesson 00.")
        head = (f"Before (lesson 00): {self.before_score} of {n} right" + ("" if before == n else
                f", {n - before} not answered") + f". After (lesson 08): {self.after_score} of {n} right"
                + ("" if after == n else f", {n - after} not answered") + ".")
        return head

    def rows(self) -> list[dict]:
        return [{"item": p.number, "skill": p.skill, "before": _mark(p.before), "after": _mark(p.after)}
                for p in self.pairs]

    def _show_why(self) -> bool:
        return self.answered[1] > 0

    def __repr__(self) -> str:
        lines = [self.message()]
        if self._show_why():
            for p in self.pairs:
                lines.append(f"{p.number}. {p.skill}: before {_mark(p.before)}, after {_mark(p.after)}")
                for when, why in (("before", p.before_why), ("after", p.after_why)):
                    if why:
                        lines.append(f"   {when}: {why}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        e = html.escape
        out = [f"<p>{e(self.message())}</p>"]
        if self._show_why():
            rows = "".join(
                f"<tr><td>{p.number}</td><td>{e(p.skill)}</td><td>{e(_mark(p.before))}"
                + (f"<br><small>{e(p.before_why)}</small>" if p.before_why else "")
                + f"</td><td>{e(_mark(p.after))}" + (f"<br><small>{e(p.after_why)}</small>" if p.after_why else "")
                + "</td></tr>" for p in self.pairs)
            out.append("<table><thead><tr><th>item</th><th>skill</th><th>before (lesson 00)</th>"
                       f"<th>after (lesson 08)</th></tr></thead><tbody>{rows}</tbody></table>")
        return f"<div class='medialit-beforeafter' role='status'>{''.join(out)}</div>"


def _latest_quiz(records: Iterable[Any]) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for r in records:
        d = r if isinstance(r, Mapping) else {"kind": r.kind, "key": r.key, "value": r.value,
                                             "op": getattr(r, "op", "put")}
        if d.get("kind") != "quiz":
            continue
        if d.get("op", "put") == "delete":
            out.pop(str(d.get("key")), None)
        else:
            out[str(d.get("key"))] = dict(d.get("value") or {})
    return out


def _why(item: Mapping, answer: Any) -> str:
    for opt in item.get("options") or item.get("option") or []:
        if opt.get("text") == answer:
            return str(opt.get("why", ""))
    return ""


def _correct(item: Mapping, value: Mapping) -> bool:
    right = {o.get("text") for o in (item.get("options") or item.get("option") or []) if o.get("correct")}
    return value.get("answer") in right


def before_after(pre_items: Iterable[Mapping], post_items: Iterable[Mapping], records: Iterable[Any]) -> BeforeAfter:
    """Pair ``pre.k`` with ``post.k`` and say, for each, whether the saved answer is right.

    Items are quiz items as in the lesson data (``id``, ``skill``, ``option`` or ``options``
    with ``text``, ``correct`` and ``why``); records are store records or exported dicts.
    Correctness is judged from the item's options, so a changed key changes the view."""
    pre = {str(i["id"]): i for i in pre_items}
    post = {str(i["id"]): i for i in post_items}
    numbers = sorted({int(k[len(PRE):]) for k in pre if k.startswith(PRE) and k[len(PRE):].isdigit()}
                     | {int(k[len(POST):]) for k in post if k.startswith(POST) and k[len(POST):].isdigit()})
    answers = _latest_quiz(records)
    pairs = []
    for n in numbers:
        a, b = pre.get(f"{PRE}{n}"), post.get(f"{POST}{n}")
        va, vb = answers.get(f"{PRE}{n}"), answers.get(f"{POST}{n}")
        skill = str((a or b or {}).get("skill", ""))
        pairs.append(Pair(
            n, skill,
            None if a is None or va is None else _correct(a, va),
            None if b is None or vb is None else _correct(b, vb),
            "" if a is None or va is None else _why(a, va.get("answer")),
            "" if b is None or vb is None else _why(b, vb.get("answer"))))
    return BeforeAfter(tuple(pairs))
